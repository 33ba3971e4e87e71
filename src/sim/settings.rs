//! The table of every `set` key (`SETTINGS`): its kind, the range it accepts with Kafka's
//! validator and the simulator's reasons, and a one-line explanation the settings panel
//! shows. `config` applies them; this file is the data.
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

/// One configurable key: its name, the kind of value, the accepted range (numbers only),
/// and a one-line explanation for learners.
pub struct Setting {
    pub key: &'static str,
    pub kind: SettingKind,
    pub range: Option<Range>,
    pub explanation: &'static str,
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
        explanation: "Default min-ISR of every topic created without min-isr=, now and after: acks=all writes need at least this many in-sync replicas.",
    },
    // A feature level (kafka-features), 1 in a new 4.1+ cluster.
    Setting {
        key: "eligible.leader.replicas.version",
        kind: SettingKind::Choice(&["1", "0"]),
        range: None,
        explanation: "1 (a new 4.1+ cluster): when the ISR falls below min ISR, the removed replicas become eligible leader replicas (KIP-966), and the ISR may become empty. 0: the classic rules.",
    },
    Setting {
        key: "unclean.leader.election.enable",
        kind: SettingKind::Bool,
        range: None,
        explanation:
            "Let an out-of-sync replica become leader when no in-sync one is alive (availability over durability).",
    },
    // QuorumConfig.QUORUM_FETCH_TIMEOUT_MS: INT, no validator; at least 1 ms here, as a
    // voter that never waits would elect a new controller on every step.
    Setting {
        key: "controller.quorum.fetch.timeout.ms",
        kind: SettingKind::Millis,
        range: millis(1),
        explanation: "How long the controller quorum's voters go without hearing from the active controller before they elect a new one.",
    },
    // ReplicationConfigs.UNCLEAN_LEADER_ELECTION_INTERVAL_MS: LONG, atLeast(1).
    Setting {
        key: "unclean.leader.election.interval.ms",
        kind: SettingKind::Millis,
        range: millis(1),
        explanation: "How often the controller elects an out-of-sync leader for offline partitions when unclean.leader.election.enable was turned on after they went offline.",
    },
    // ReplicationConfigs: LONG, no validator. At least 1 ms here: the leader checks the
    // ISR every lag/2 (isr.rs), and at 0 a follower would be out of sync at every check.
    Setting {
        key: "replica.lag.time.max.ms",
        kind: SettingKind::Millis,
        range: millis(1),
        explanation: "A follower not caught up with the leader for this long is removed from the ISR.",
    },
    // ReplicationConfigs: INT, no validator (0: the leader answers every fetch at once).
    Setting {
        key: "replica.fetch.wait.max.ms",
        kind: SettingKind::Millis,
        range: millis(0),
        explanation: "How long a leader parks a follower's fetch when there is no new data (long poll).",
    },
    // ReplicationConfigs: INT, atLeast(0).
    Setting {
        key: "replica.fetch.backoff.ms",
        kind: SettingKind::Millis,
        range: millis(0),
        explanation: "How long a follower waits before fetching again after an error.",
    },
    // ReplicationConfigs: INT, no validator. At least 1 ms here: at 0 a fetch would time
    // out the instant it is sent, and with a 0 ms backoff be resent at that same instant.
    Setting {
        key: "replica.socket.timeout.ms",
        kind: SettingKind::Millis,
        range: millis(1),
        explanation: "How long a follower waits for a fetch response before giving up on it.",
    },
    // Stands in for replica.fetch.max.bytes (INT, atLeast(0)); Kafka returns at least one
    // batch even at 0 (KIP-74), so the least that means something is one record.
    Setting {
        key: "sim.fetch.max.records",
        kind: SettingKind::Count,
        range: count(1, i32::MAX as u64, "Kafka's int max"),
        explanation: "Most records one fetch returns per partition (stands in for replica.fetch.max.bytes).",
    },
    // KRaftConfigs: INT, no validator; at least twice the heartbeat interval (below).
    Setting {
        key: "broker.session.timeout.ms",
        kind: SettingKind::Millis,
        range: millis(2),
        explanation: "A broker silent to the controller for this long is fenced and removed from every ISR.",
    },
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
        explanation: "How often each broker heartbeats the active controller.",
    },
    Setting {
        key: "auto.leader.rebalance.enable",
        kind: SettingKind::Bool,
        range: None,
        explanation: "Periodically move leadership back to each partition's preferred replica.",
    },
    // ReplicationConfigs: LONG, atLeast(1).
    Setting {
        key: "leader.imbalance.check.interval.seconds",
        kind: SettingKind::Count,
        range: count(1, MAX_DURATION_MS / 1_000, WHY_SESSION_LENGTH),
        explanation: "How often (seconds) the controller checks for leaders away from their preferred replica.",
    },
    Setting {
        key: "acks",
        kind: SettingKind::Choice(&["all", "1", "0"]),
        range: None,
        explanation: "Producer default: wait for all in-sync replicas, the leader only, or nothing.",
    },
    // ConsumerConfig.AUTO_OFFSET_RESET: "latest" by default.
    Setting {
        key: "auto.offset.reset",
        kind: SettingKind::Choice(&["latest", "earliest", "none"]),
        range: None,
        explanation: "Consumer default: after OFFSET_OUT_OF_RANGE, go to the high watermark (latest), the log start (earliest), or stop with an error (none).",
    },
    // ConsumerConfig.FETCH_MAX_WAIT_MS: INT, atLeast(0), 500 by default.
    Setting {
        key: "fetch.max.wait.ms",
        kind: SettingKind::Millis,
        range: millis(0),
        explanation: "Consumer default: how long the leader may hold a fetch with nothing committed to return (long poll); 0 answers at once.",
    },
    Setting {
        key: "enable.idempotence",
        kind: SettingKind::Bool,
        range: None,
        explanation: "Producer default: the leader drops retried batches it already has, so retries never duplicate.",
    },
    // CommonClientConfigs (producer): REQUEST_TIMEOUT_MS, INT, atLeast(0).
    Setting {
        key: "request.timeout.ms",
        kind: SettingKind::Millis,
        range: millis(0),
        explanation: "How long a client waits for a response; also how long a leader parks an acks=all write.",
    },
    // ProducerConfig: DELIVERY_TIMEOUT_MS, INT, atLeast(0); at least linger + request timeout.
    Setting {
        key: "delivery.timeout.ms",
        kind: SettingKind::Millis,
        range: millis(0),
        explanation: "How long the producer keeps retrying a record before reporting it failed.",
    },
    // CommonClientConfigs: RETRY_BACKOFF_MS, LONG, atLeast(0).
    Setting {
        key: "retry.backoff.ms",
        kind: SettingKind::Millis,
        range: millis(0),
        explanation: "How long a client waits before retrying a failed request.",
    },
    // CommonClientConfigs: RETRY_BACKOFF_MAX_MS, LONG, atLeast(0) (KIP-580).
    Setting {
        key: "retry.backoff.max.ms",
        kind: SettingKind::Millis,
        range: millis(0),
        explanation: "The longest a client's retry backoff grows to: it doubles per failed attempt from retry.backoff.ms, ±20 % jitter.",
    },
    // ProducerConfig: LINGER_MS, LONG, atLeast(0); 5 since Kafka 4.0 (KIP-1030).
    Setting {
        key: "linger.ms",
        kind: SettingKind::Millis,
        range: millis(0),
        explanation: "How long the producer lets a batch wait for more records before sending it (unless it is full).",
    },
    // ProducerConfig: BATCH_SIZE, INT, atLeast(0).
    Setting {
        key: "batch.size",
        kind: SettingKind::Count,
        range: count(0, i32::MAX as u64, "Kafka's int max"),
        explanation: "Bytes the producer gathers per partition before a batch is full and goes at once; keyless records switch partition after this many.",
    },
    // ProducerConfig: MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, INT, atLeast(1); at most 5 with
    // idempotence (the broker remembers five batches per producer).
    Setting {
        key: "max.in.flight.requests.per.connection",
        kind: SettingKind::Count,
        range: count(1, i32::MAX as u64, "Kafka's int max"),
        explanation: "How many batches the producer sends before it waits for an answer (kept in order by sequence numbers).",
    },
    Setting {
        key: "sim.network.latency.ms",
        kind: SettingKind::Millis,
        range: Some(LATENCY_RANGE),
        explanation: "One-way latency of every network link.",
    },
    Setting {
        key: "sim.replication",
        kind: SettingKind::Choice(&["auto", "manual"]),
        range: None,
        explanation: "auto: followers fetch continuously; manual: only when you press fetch.",
    },
    Setting {
        key: "sim.truncation",
        kind: SettingKind::Choice(&["leader-epoch", "high-watermark"]),
        range: None,
        explanation:
            "How followers truncate: by leader epoch (Kafka 2.8+) or to their high watermark (before KIP-101).",
    },
    Setting {
        key: "sim.placer",
        kind: SettingKind::Choice(&["admin-utils", "striped"]),
        range: None,
        explanation: "How new topics are placed: AdminUtils' assignReplicasToBrokers (the lecture's, and kafka-reassign-partitions') or a KRaft controller's StripedReplicaPlacer.",
    },
    Setting {
        key: "sim.controllers",
        kind: SettingKind::Count,
        range: count(1, 9, "the playground draws at most 9 controllers"),
        explanation: "Size of the KRaft controller quorum (set before the first broker).",
    },
    // Stands in for replica.high.watermark.checkpoint.interval.ms and log.flush.interval.ms;
    // at least 1 ms: the flush timer re-arms itself and at 0 would fire forever at one instant.
    Setting {
        key: "sim.flush.interval.ms",
        kind: SettingKind::Millis,
        range: millis(1),
        explanation: "How often brokers flush logs and checkpoint the HW; a power-off loses what is not flushed.",
    },
];
