//! The settings' checks, one by one: each key's range with Kafka's wording, the
//! combinations Kafka refuses, duration units, typo suggestions and how input is quoted.
use super::*;

#[test]
fn every_setting_round_trips_through_get_and_set() {
    let mut config = Config::default();
    for setting in SETTINGS {
        let value = config.get(setting.key).expect(setting.key);
        config.set(setting.key, &value).expect(setting.key);
    }
    // Setting enable.idempotence, even to its default, makes it explicit (Kafka then refuses
    // acks other than all instead of turning idempotence off).
    assert_eq!(config, Config { idempotence_set_explicitly: true, ..Config::default() });
}

#[test]
fn set_changes_values_and_accepts_durations() {
    let mut config = Config::default();
    config.set("replica.lag.time.max.ms", "10s").unwrap();
    config.set("acks", "1").unwrap();
    config.set("sim.truncation", "high-watermark").unwrap();
    assert_eq!(config.replica_lag_time_max_ms, 10_000);
    assert_eq!(config.acks, Acks::One);
    assert_eq!(config.truncation, TruncationMode::HighWatermark);
}

#[test]
fn bad_keys_and_values_are_refused_with_a_reason() {
    let mut config = Config::default();
    let err = config.set("replica.lag.time.max", "5").unwrap_err();
    assert_eq!(err.to_string(), "unknown setting 'replica.lag.time.max' (did you mean 'replica.lag.time.max.ms'?)");
    let err = config.set("acks", "2").unwrap_err();
    assert_eq!(err.to_string(), "acks expects all, 1 or 0, got '2'");
    assert!(config.set("sim.replication", "sometimes").is_err());
    assert!(config.set("request.timeout.ms", "-5").is_err());
    assert!(config.set("request.timeout.ms", "99999999999999999999").is_err());
    assert_eq!(config, Config::default(), "a refused set changes nothing");
}

#[test]
fn values_outside_kafkas_range_are_refused_in_kafkas_words() {
    let mut config = Config::default();
    let err = config.set("min.insync.replicas", "0").unwrap_err();
    assert_eq!(err.to_string(), "Invalid value 0 for configuration min.insync.replicas: Value must be at least 1");
    let err = config.set("leader.imbalance.check.interval.seconds", "0").unwrap_err();
    assert_eq!(
        err.to_string(),
        "Invalid value 0 for configuration leader.imbalance.check.interval.seconds: Value must be at least 1"
    );
    let err = config.set("sim.fetch.max.records", "0").unwrap_err();
    assert_eq!(err.to_string(), "Invalid value 0 for configuration sim.fetch.max.records: Value must be at least 1");
    let err = config.set("broker.heartbeat.interval.ms", "0").unwrap_err();
    assert_eq!(
        err.to_string(),
        "Invalid value 0 for configuration broker.heartbeat.interval.ms: Value must be at least 1"
    );
    let err = config.set("sim.network.latency.ms", "0").unwrap_err();
    assert_eq!(err.to_string(), "Invalid value 0 for configuration sim.network.latency.ms: Value must be at least 1");
    let err = config.set("sim.controllers", "10").unwrap_err();
    assert_eq!(err.to_string(), "Invalid value 10 for configuration sim.controllers: Value must be no more than 9 (the playground draws at most 9 controllers)");
    assert_eq!(config, Config::default(), "a refused set changes nothing");
}

#[test]
fn durations_stop_at_the_session_length_and_the_edges_are_accepted() {
    let mut config = Config::default();
    let err = config.set("request.timeout.ms", "99999999999").unwrap_err();
    assert_eq!(
        err.to_string(),
        "Invalid value 99999999999 for configuration request.timeout.ms: Value must be no more than 28800000 (a session simulates at most 8 h, so a longer duration never elapses)"
    );
    assert!(check_latency_ms(99_999_999_999).is_err());
    assert_eq!(
        check_latency_ms(0).unwrap_err().to_string(),
        "Invalid value 0 for configuration sim.network.latency.ms: Value must be at least 1"
    );
    config.set("delivery.timeout.ms", "28800000").unwrap();
    // delivery.timeout.ms must cover linger.ms + request.timeout.ms (KafkaProducer).
    assert!(config.set("request.timeout.ms", "8h").is_err());
    config.set("linger.ms", "0").unwrap();
    config.set("request.timeout.ms", "8h").unwrap();
    config.set("retry.backoff.ms", "0").unwrap();
    config.set("replica.fetch.backoff.ms", "0").unwrap();
    config.set("replica.fetch.wait.max.ms", "0").unwrap();
    assert_eq!(config.request_timeout_ms, 28_800_000);
    assert_eq!(config.replica_fetch_wait_max_ms, 0);
}

#[test]
fn combinations_kafka_refuses_are_refused_with_kafkas_reason() {
    let mut config = Config::default();
    let err = config.set("replica.lag.time.max.ms", "0").unwrap_err();
    assert_eq!(err.to_string(), "Invalid value 0 for configuration replica.lag.time.max.ms: Value must be at least 1");
    let err = config.set("replica.lag.time.max.ms", "400").unwrap_err();
    assert_eq!(
        err.to_string(),
        "replica.fetch.wait.max.ms should always be less than or equal to replica.lag.time.max.ms to prevent frequent changes in ISR (replica.lag.time.max.ms would be 400, replica.fetch.wait.max.ms is 500)"
    );
    let err = config.set("replica.fetch.wait.max.ms", "31s").unwrap_err();
    assert_eq!(
        err.to_string(),
        "replica.fetch.wait.max.ms should always be less than or equal to replica.lag.time.max.ms to prevent frequent changes in ISR (replica.fetch.wait.max.ms would be 31000, replica.lag.time.max.ms is 30000)"
    );
    let err = config.set("replica.socket.timeout.ms", "499").unwrap_err();
    assert_eq!(
        err.to_string(),
        "replica.socket.timeout.ms should always be at least replica.fetch.wait.max.ms to prevent unnecessary socket timeouts (replica.socket.timeout.ms would be 499, replica.fetch.wait.max.ms is 500)"
    );
    let err = config.set("broker.session.timeout.ms", "3999").unwrap_err();
    assert_eq!(
        err.to_string(),
        "broker.heartbeat.interval.ms must be less than or equal to half of the broker.session.timeout.ms (broker.session.timeout.ms would be 3999, broker.heartbeat.interval.ms is 2000)"
    );
    let err = config.set("delivery.timeout.ms", "10000").unwrap_err();
    assert_eq!(
        err.to_string(),
        "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms (delivery.timeout.ms would be 10000, request.timeout.ms is 30000)"
    );
    assert_eq!(config, Config::default(), "a refused set changes nothing");
    // In the order that keeps every step valid, the same values are accepted.
    config.set("request.timeout.ms", "5000").unwrap();
    config.set("delivery.timeout.ms", "10000").unwrap();
    config.set("broker.session.timeout.ms", "4000").unwrap();
    config.set("replica.fetch.wait.max.ms", "100").unwrap();
    config.set("replica.lag.time.max.ms", "100").unwrap();
}

#[test]
fn every_range_fits_its_field_and_holds_its_default() {
    let config = Config::default();
    for setting in SETTINGS {
        let Some(range) = setting.range else { continue };
        assert!(range.min <= range.max && range.max < u64::from(u32::MAX), "{}", setting.key);
        let default: u64 = parse_millis(&config.get(setting.key).unwrap()).unwrap();
        assert!(range.min <= default && default <= range.max, "{} default {default}", setting.key);
    }
}

#[test]
fn echoed_input_is_cut_so_the_reason_stays_visible() {
    let mut config = Config::default();
    let long = "x".repeat(100_000);
    let err = config.set(&long, "1").unwrap_err().to_string();
    assert_eq!(err, format!("unknown setting '{}…'", "x".repeat(80)));
    let err = config.set("acks", &long).unwrap_err().to_string();
    assert_eq!(err, format!("acks expects all, 1 or 0, got '{}…'", "x".repeat(80)));
    assert_eq!(quote_input("héllo"), "héllo");
}

/// Every choice setting names its own choices when refused (it once said
/// "leader-epoch or high-watermark" for any choice it did not know).
#[test]
fn a_refused_choice_names_that_settings_choices() {
    let mut config = Config::default();
    let cases = [
        ("sim.placer", "admin-utils or striped"),
        ("auto.offset.reset", "latest, earliest or none"),
        ("eligible.leader.replicas.version", "1 or 0"),
        ("acks", "all, 1 or 0"),
        ("sim.truncation", "leader-epoch or high-watermark"),
    ];
    for (key, expected) in cases {
        let message = config.set(key, "nonsense").unwrap_err().to_string();
        assert_eq!(message, format!("{key} expects {expected}, got 'nonsense'"));
    }
}

#[test]
fn idempotence_set_explicitly_refuses_what_it_cannot_keep() {
    // Left at its default, idempotence quietly turns off with acks=1 (Kafka's producer does).
    let mut config = Config::default();
    config.set("acks", "1").unwrap();
    assert!(!config.idempotent(Acks::One));
    // Set explicitly, Kafka refuses the producer's configuration instead.
    let err = config.set("enable.idempotence", "true").unwrap_err().to_string();
    assert!(err.starts_with("Must set acks to all in order to use the idempotent producer"), "{err}");
    let mut config = Config::default();
    config.set("enable.idempotence", "true").unwrap();
    assert!(config.set("acks", "0").is_err());
    assert!(config.check_acks_keep_idempotence(Acks::One).is_err());
    assert!(config.check_acks_keep_idempotence(Acks::All).is_ok());
    let err = config.set("max.in.flight.requests.per.connection", "6").unwrap_err().to_string();
    assert!(err.starts_with("Must set max.in.flight.requests.per.connection to at most 5"), "{err}");
    config.set("enable.idempotence", "false").unwrap();
    config.set("max.in.flight.requests.per.connection", "6").unwrap();
    config.set("acks", "1").unwrap();
}

#[test]
fn delivery_timeout_covers_linger_and_request_timeout() {
    let mut config = Config::default();
    config.set("request.timeout.ms", "60000").unwrap();
    let err = config.set("linger.ms", "60001").unwrap_err().to_string();
    assert!(err.starts_with("delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms"));
    config.set("linger.ms", "60000").unwrap();
}
