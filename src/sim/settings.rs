//! The table of every `set` key (`SETTINGS`): its kind and the range it accepts with
//! Kafka's validator and the simulator's reasons. `config` applies them; this file is the
//! data. The explanations the settings panel shows are `SETTING_EXPLANATIONS`.
use super::config::ConfigError;

/// The accepted values of a numeric setting, both ends included. `why_max` says why the
/// simulator's upper bound is lower than Kafka's (which is mostly Java's int max).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub min: u64,
    pub max: u64,
    pub why_max: Option<&'static str>,
}

/// The longest duration a setting or a link latency may hold: a playground session
/// simulates at most 8 hours (`script::session::MAX_SESSION_MS`), so a longer timeout,
/// interval or latency can never elapse and would only behave as "never".
pub const MAX_DURATION_MS: u64 = 8 * 3_600_000;
const WHY_SESSION_LENGTH: &str = "a session simulates at most 8 h, so a longer duration never elapses";

/// Kafka's `atLeast(min)` with the simulator's 8-hour bound.
const fn millis(min: u64) -> Option<Range> {
    Some(Range { min, max: MAX_DURATION_MS, why_max: Some(WHY_SESSION_LENGTH) })
}

const fn count(min: u64, max: u64, why_max: &'static str) -> Option<Range> {
    Some(Range { min, max, why_max: Some(why_max) })
}

/// The range of `latency A B D` and `sim.network.latency.ms`: at least 1 ms, because a
/// message that arrives the instant it is sent lets a request/response loop (a fetch
/// answered at once, a retry after a 0 ms backoff) run forever without the clock moving.
pub const LATENCY_RANGE: Range = Range { min: 1, max: MAX_DURATION_MS, why_max: Some(WHY_SESSION_LENGTH) };

impl Range {
    pub(crate) fn check(self, key: &'static str, value: u64) -> Result<(), ConfigError> {
        if value < self.min || value > self.max {
            return Err(ConfigError::OutOfRange { key, value, range: self });
        }
        Ok(())
    }
}

/// One configurable key: its name, the kind of value and the accepted range (numbers only).
/// Its one-line explanation for learners is in `SETTING_EXPLANATIONS`
/// (`setting_explanations.rs`), which the page loads only when its settings are opened.
pub struct Setting {
    pub key: &'static str,
    pub kind: SettingKind,
    pub range: Option<Range>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingKind {
    Millis,
    Count,
    Bool,
    Choice(&'static [&'static str]),
}

impl SettingKind {
    pub(crate) fn expected(self) -> String {
        match self {
            SettingKind::Millis => "a duration in ms (or 250ms, 3s, 2m)".to_string(),
            SettingKind::Count => "a whole number".to_string(),
            SettingKind::Bool => "true or false".to_string(),
            // Every choice by name: "all, 1 or 0", "latest, earliest or none".
            SettingKind::Choice(options) => match options.split_last() {
                Some((last, [])) => last.to_string(),
                Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                None => String::new(),
            },
        }
    }
}

/// Every key, with Kafka's validator where Kafka has the setting (ConfigDef in
/// `KafkaConfig`/`AbstractKafkaConfig`, `ServerLogConfigs`, `KRaftConfigs`, `ProducerConfig`).
/// A lower bound above Kafka's is the simulator's and says why; see docs/settings.md.
pub const SETTINGS: &[Setting] = &[
    // ServerLogConfigs: MIN_IN_SYNC_REPLICAS, INT, atLeast(1).
    Setting {
        key: "min.insync.replicas",
        kind: SettingKind::Count,
        range: count(1, 100, "the playground holds at most 100 brokers, so more could never be in sync"),
        // SCENARIO-SCRIPT.md calls it the "default for new topics"; Kafka's behaviour wins: a
        // topic without its own follows it as it changes (`DynamicBrokerConfig.updateLogsConfig`).
    },
    // A feature level (kafka-features), 1 in a new 4.1+ cluster.
    Setting { key: "eligible.leader.replicas.version", kind: SettingKind::Choice(&["1", "0"]), range: None },
    Setting { key: "unclean.leader.election.enable", kind: SettingKind::Bool, range: None },
    // QuorumConfig.QUORUM_FETCH_TIMEOUT_MS: INT, no validator; at least 1 ms here, as a
    // voter that never waits would elect a new controller on every step.
    Setting { key: "controller.quorum.fetch.timeout.ms", kind: SettingKind::Millis, range: millis(1) },
    // ReplicationConfigs.UNCLEAN_LEADER_ELECTION_INTERVAL_MS: LONG, atLeast(1).
    Setting { key: "unclean.leader.election.interval.ms", kind: SettingKind::Millis, range: millis(1) },
    // ReplicationConfigs: LONG, no validator. At least 1 ms here: the leader checks the
    // ISR every lag/2 (isr.rs), and at 0 a follower would be out of sync at every check.
    Setting { key: "replica.lag.time.max.ms", kind: SettingKind::Millis, range: millis(1) },
    // ReplicationConfigs: INT, no validator (0: the leader answers every fetch at once).
    Setting { key: "replica.fetch.wait.max.ms", kind: SettingKind::Millis, range: millis(0) },
    // ReplicationConfigs: INT, atLeast(0).
    Setting { key: "replica.fetch.backoff.ms", kind: SettingKind::Millis, range: millis(0) },
    // ReplicationConfigs: INT, no validator. At least 1 ms here: at 0 a fetch would time
    // out the instant it is sent, and with a 0 ms backoff be resent at that same instant.
    Setting { key: "replica.socket.timeout.ms", kind: SettingKind::Millis, range: millis(1) },
    // Stands in for replica.fetch.max.bytes (INT, atLeast(0)); Kafka returns at least one
    // batch even at 0 (KIP-74), so the least that means something is one record.
    Setting {
        key: "sim.fetch.max.records",
        kind: SettingKind::Count,
        range: count(1, i32::MAX as u64, "Kafka's int max"),
    },
    // KRaftConfigs: INT, no validator; at least twice the heartbeat interval (below).
    Setting { key: "broker.session.timeout.ms", kind: SettingKind::Millis, range: millis(2) },
    // KRaftConfigs: INT, no validator. At least 1 ms here: the heartbeat is a timer that
    // re-arms itself, and at 0 it would fire forever at one instant.
    Setting {
        key: "broker.heartbeat.interval.ms",
        kind: SettingKind::Millis,
        range: Some(Range {
            min: 1,
            max: MAX_DURATION_MS / 2,
            why_max: Some("at most half of broker.session.timeout.ms, itself at most 8 h"),
        }),
    },
    Setting { key: "auto.leader.rebalance.enable", kind: SettingKind::Bool, range: None },
    // ReplicationConfigs: LONG, atLeast(1).
    Setting {
        key: "leader.imbalance.check.interval.seconds",
        kind: SettingKind::Count,
        range: count(1, MAX_DURATION_MS / 1_000, WHY_SESSION_LENGTH),
    },
    Setting { key: "acks", kind: SettingKind::Choice(&["all", "1", "0"]), range: None },
    // ConsumerConfig.AUTO_OFFSET_RESET: "latest" by default.
    Setting { key: "auto.offset.reset", kind: SettingKind::Choice(&["latest", "earliest", "none"]), range: None },
    // ConsumerConfig.FETCH_MAX_WAIT_MS: INT, atLeast(0), 500 by default.
    Setting { key: "fetch.max.wait.ms", kind: SettingKind::Millis, range: millis(0) },
    Setting { key: "enable.idempotence", kind: SettingKind::Bool, range: None },
    // CommonClientConfigs (producer): REQUEST_TIMEOUT_MS, INT, atLeast(0).
    Setting { key: "request.timeout.ms", kind: SettingKind::Millis, range: millis(0) },
    // ProducerConfig: DELIVERY_TIMEOUT_MS, INT, atLeast(0); at least linger + request timeout.
    Setting { key: "delivery.timeout.ms", kind: SettingKind::Millis, range: millis(0) },
    // CommonClientConfigs: RETRY_BACKOFF_MS, LONG, atLeast(0).
    Setting { key: "retry.backoff.ms", kind: SettingKind::Millis, range: millis(0) },
    // CommonClientConfigs: RETRY_BACKOFF_MAX_MS, LONG, atLeast(0) (KIP-580).
    Setting { key: "retry.backoff.max.ms", kind: SettingKind::Millis, range: millis(0) },
    // ProducerConfig: LINGER_MS, LONG, atLeast(0); 5 since Kafka 4.0 (KIP-1030).
    Setting { key: "linger.ms", kind: SettingKind::Millis, range: millis(0) },
    // ProducerConfig: BATCH_SIZE, INT, atLeast(0).
    Setting { key: "batch.size", kind: SettingKind::Count, range: count(0, i32::MAX as u64, "Kafka's int max") },
    // ProducerConfig: MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, INT, atLeast(1); at most 5 with
    // idempotence (the broker remembers five batches per producer).
    Setting {
        key: "max.in.flight.requests.per.connection",
        kind: SettingKind::Count,
        range: count(1, i32::MAX as u64, "Kafka's int max"),
    },
    Setting { key: "sim.network.latency.ms", kind: SettingKind::Millis, range: Some(LATENCY_RANGE) },
    Setting { key: "sim.replication", kind: SettingKind::Choice(&["auto", "manual"]), range: None },
    Setting { key: "sim.truncation", kind: SettingKind::Choice(&["leader-epoch", "high-watermark"]), range: None },
    Setting { key: "sim.placer", kind: SettingKind::Choice(&["admin-utils", "striped"]), range: None },
    Setting {
        key: "sim.controllers",
        kind: SettingKind::Count,
        range: count(1, 9, "the playground draws at most 9 controllers"),
    },
    // Stands in for replica.high.watermark.checkpoint.interval.ms and log.flush.interval.ms;
    // at least 1 ms: the flush timer re-arms itself and at 0 would fire forever at one instant.
    Setting { key: "sim.flush.interval.ms", kind: SettingKind::Millis, range: millis(1) },
];
