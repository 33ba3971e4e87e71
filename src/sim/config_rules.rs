//! The combinations of settings Kafka refuses, in Kafka's words (`KafkaConfig.validateValues`,
//! `KafkaProducer.configureDeliveryTimeout`, `ProducerConfig.postProcessAndValidateIdempotenceConfigs`),
//! and what the producer's settings allow together: whether a record is idempotent, the
//! accumulator's limits.
use super::{Config, ConfigError};
use crate::sim::ids::Acks;

/// A combination of settings Kafka refuses, with Kafka's reason.
pub(super) struct Rule {
    pub(super) keys: [&'static str; 2],
    pub(super) reason: &'static str,
    pub(super) holds: fn(&Config) -> bool,
}

pub(super) const RULES: &[Rule] = &[
    // KafkaConfig.validateValues (require).
    Rule {
        keys: ["replica.fetch.wait.max.ms", "replica.lag.time.max.ms"],
        reason: "replica.fetch.wait.max.ms should always be less than or equal to replica.lag.time.max.ms to prevent frequent changes in ISR",
        holds: |c| c.replica_fetch_wait_max_ms <= c.replica_lag_time_max_ms,
    },
    // KafkaConfig.validateValues (require).
    Rule {
        keys: ["replica.fetch.wait.max.ms", "replica.socket.timeout.ms"],
        reason: "replica.socket.timeout.ms should always be at least replica.fetch.wait.max.ms to prevent unnecessary socket timeouts",
        holds: |c| c.replica_fetch_wait_max_ms <= c.replica_socket_timeout_ms,
    },
    // KafkaConfig.validateValues: Kafka logs this one as an error ("If a broker doesn't
    // send heartbeat request within broker.session.timeout.ms, it loses broker lease");
    // the playground refuses it, as a broker would be fenced between two heartbeats.
    Rule {
        keys: ["broker.heartbeat.interval.ms", "broker.session.timeout.ms"],
        reason: "broker.heartbeat.interval.ms must be less than or equal to half of the broker.session.timeout.ms",
        holds: |c| c.broker_heartbeat_interval_ms.saturating_mul(2) <= c.broker_session_timeout_ms,
    },
    // KafkaProducer.configureDeliveryTimeout (ConfigException when delivery.timeout.ms is
    // set explicitly).
    Rule {
        keys: ["delivery.timeout.ms", "request.timeout.ms"],
        reason: DELIVERY_TIMEOUT_REASON,
        holds: delivery_timeout_holds,
    },
    Rule { keys: ["delivery.timeout.ms", "linger.ms"], reason: DELIVERY_TIMEOUT_REASON, holds: delivery_timeout_holds },
    // ProducerConfig.postProcessAndValidateIdempotenceConfigs, when enable.idempotence was
    // set explicitly (otherwise Kafka turns idempotence off; see `Config::idempotent`).
    Rule {
        keys: ["enable.idempotence", "acks"],
        reason: "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.",
        holds: |c| !(c.idempotence_set_explicitly && c.enable_idempotence) || c.acks == Acks::All,
    },
    Rule {
        keys: ["enable.idempotence", "max.in.flight.requests.per.connection"],
        reason: "Must set max.in.flight.requests.per.connection to at most 5 when using the idempotent producer.",
        holds: |c| !(c.idempotence_set_explicitly && c.enable_idempotence) || c.max_in_flight <= 5,
    },
];

const DELIVERY_TIMEOUT_REASON: &str =
    "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms";

fn delivery_timeout_holds(c: &Config) -> bool {
    c.delivery_timeout_ms >= c.linger_ms.saturating_add(c.request_timeout_ms)
}

impl Config {
    /// Whether a record sent with `acks` is idempotent: `enable.idempotence` holds only
    /// with acks=all and at most 5 requests in flight; Kafka turns it off otherwise unless it
    /// was set explicitly, in which case those settings are refused (the rules above).
    pub fn idempotent(&self, acks: Acks) -> bool {
        self.enable_idempotence && acks == Acks::All && self.max_in_flight <= 5
    }

    /// A record sent with `acks` other than all is refused while `enable.idempotence` was
    /// set to true explicitly, as Kafka refuses such a producer's configuration.
    pub fn check_acks_keep_idempotence(&self, acks: Acks) -> Result<(), ConfigError> {
        if acks == Acks::All || !(self.idempotence_set_explicitly && self.enable_idempotence) {
            return Ok(());
        }
        let rule = RULES.iter().find(|r| r.keys == ["enable.idempotence", "acks"]).expect("the rule exists");
        Err(ConfigError::Conflict {
            rule: rule.reason,
            detail: format!("acks would be {}, enable.idempotence is true", acks.label()),
        })
    }

    /// The accumulator's limits.
    pub fn batch_limits(&self) -> crate::sim::client::BatchLimits {
        crate::sim::client::BatchLimits {
            linger_ms: self.linger_ms,
            batch_size: self.batch_size,
            max_in_flight: self.max_in_flight,
        }
    }
}
