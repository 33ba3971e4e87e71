//! Cluster configuration: every `set` key of the scenario language, with Kafka's own
//! names and defaults where Kafka has the setting and `sim.*` where it belongs to the
//! simulator. One table (`SETTINGS`) drives parsing, defaults and the explanations the
//! playground's settings panel shows, so they cannot drift apart.
use std::fmt;

use super::ids::Acks;

/// How followers replicate (`sim.replication`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplicationMode {
    /// Followers fetch continuously, as Kafka's ReplicaFetcherThread does.
    Auto,
    /// Followers fetch only when told (`fetch N T-P`); the leader answers at once.
    Manual,
}

/// How a follower finds where its log diverges from the leader's (`sim.truncation`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TruncationMode {
    /// Kafka 2.8+ (KIP-101, KIP-320): fetch with lastFetchedEpoch, truncate on divergingEpoch.
    LeaderEpoch,
    /// Before KIP-101: a broker becoming follower truncates to its own high watermark.
    HighWatermark,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub min_insync_replicas: u32,
    pub unclean_leader_election: bool,
    pub replica_lag_time_max_ms: u64,
    pub replica_fetch_wait_max_ms: u64,
    pub replica_fetch_backoff_ms: u64,
    pub replica_socket_timeout_ms: u64,
    pub replica_fetch_max_records: u32,
    pub broker_session_timeout_ms: u64,
    pub broker_heartbeat_interval_ms: u64,
    pub auto_leader_rebalance: bool,
    pub leader_imbalance_check_interval_s: u64,
    pub leader_imbalance_per_broker_percentage: u64,
    pub acks: Acks,
    pub enable_idempotence: bool,
    pub request_timeout_ms: u64,
    pub delivery_timeout_ms: u64,
    pub retry_backoff_ms: u64,
    pub network_latency_ms: u64,
    pub replication: ReplicationMode,
    pub truncation: TruncationMode,
    pub controllers: u32,
    pub flush_interval_ms: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            min_insync_replicas: 1,
            unclean_leader_election: false,
            replica_lag_time_max_ms: 30_000,
            replica_fetch_wait_max_ms: 500,
            replica_fetch_backoff_ms: 1_000,
            replica_socket_timeout_ms: 30_000,
            replica_fetch_max_records: 1_000,
            broker_session_timeout_ms: 9_000,
            broker_heartbeat_interval_ms: 2_000,
            auto_leader_rebalance: true,
            leader_imbalance_check_interval_s: 300,
            leader_imbalance_per_broker_percentage: 10,
            acks: Acks::All,
            enable_idempotence: true,
            request_timeout_ms: 30_000,
            delivery_timeout_ms: 120_000,
            retry_backoff_ms: 100,
            network_latency_ms: 1,
            replication: ReplicationMode::Auto,
            truncation: TruncationMode::LeaderEpoch,
            controllers: 3,
            flush_interval_ms: 5_000,
        }
    }
}

/// Why a `set` was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    UnknownKey { key: String, closest: Option<&'static str> },
    BadValue { key: &'static str, value: String, expected: &'static str },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::UnknownKey { key, closest: Some(c) } => {
                write!(f, "unknown setting '{key}' (did you mean '{c}'?)")
            }
            ConfigError::UnknownKey { key, closest: None } => write!(f, "unknown setting '{key}'"),
            ConfigError::BadValue { key, value, expected } => {
                write!(f, "{key} expects {expected}, got '{value}'")
            }
        }
    }
}

/// One configurable key: its name, default as text, the kind of value, and a one-line
/// explanation for learners.
pub struct Setting {
    pub key: &'static str,
    pub kind: SettingKind,
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
    fn expected(self) -> &'static str {
        match self {
            SettingKind::Millis => "a duration in ms (or 250ms, 3s, 2m)",
            SettingKind::Count => "a whole number",
            SettingKind::Bool => "true or false",
            SettingKind::Choice(options) => match options {
                ["all", ..] => "all, 1 or 0",
                ["auto", ..] => "auto or manual",
                _ => "leader-epoch or high-watermark",
            },
        }
    }
}

pub const SETTINGS: &[Setting] = &[
    Setting { key: "min.insync.replicas", kind: SettingKind::Count, explanation: "Default min-ISR for new topics: acks=all writes need at least this many in-sync replicas." },
    Setting { key: "unclean.leader.election.enable", kind: SettingKind::Bool, explanation: "Let an out-of-sync replica become leader when no in-sync one is alive (availability over durability)." },
    Setting { key: "replica.lag.time.max.ms", kind: SettingKind::Millis, explanation: "A follower not caught up with the leader for this long is removed from the ISR." },
    Setting { key: "replica.fetch.wait.max.ms", kind: SettingKind::Millis, explanation: "How long a leader parks a follower's fetch when there is no new data (long poll)." },
    Setting { key: "replica.fetch.backoff.ms", kind: SettingKind::Millis, explanation: "How long a follower waits before fetching again after an error." },
    Setting { key: "replica.socket.timeout.ms", kind: SettingKind::Millis, explanation: "How long a follower waits for a fetch response before giving up on it." },
    Setting { key: "sim.fetch.max.records", kind: SettingKind::Count, explanation: "Most records one fetch returns per partition (stands in for replica.fetch.max.bytes)." },
    Setting { key: "broker.session.timeout.ms", kind: SettingKind::Millis, explanation: "A broker silent to the controller for this long is fenced and removed from every ISR." },
    Setting { key: "broker.heartbeat.interval.ms", kind: SettingKind::Millis, explanation: "How often each broker heartbeats the active controller." },
    Setting { key: "auto.leader.rebalance.enable", kind: SettingKind::Bool, explanation: "Periodically move leadership back to each partition's preferred replica." },
    Setting { key: "leader.imbalance.check.interval.seconds", kind: SettingKind::Count, explanation: "How often (seconds) the controller checks for leaders away from their preferred replica." },
    Setting { key: "leader.imbalance.per.broker.percentage", kind: SettingKind::Count, explanation: "A broker's share of partitions it should lead but does not, above which a rebalance runs." },
    Setting { key: "acks", kind: SettingKind::Choice(&["all", "1", "0"]), explanation: "Producer default: wait for all in-sync replicas, the leader only, or nothing." },
    Setting { key: "enable.idempotence", kind: SettingKind::Bool, explanation: "Producer default: the leader drops retried batches it already has, so retries never duplicate." },
    Setting { key: "request.timeout.ms", kind: SettingKind::Millis, explanation: "How long a client waits for a response; also how long a leader parks an acks=all write." },
    Setting { key: "delivery.timeout.ms", kind: SettingKind::Millis, explanation: "How long the producer keeps retrying a record before reporting it failed." },
    Setting { key: "retry.backoff.ms", kind: SettingKind::Millis, explanation: "How long a client waits before retrying a failed request." },
    Setting { key: "sim.network.latency.ms", kind: SettingKind::Millis, explanation: "One-way latency of every network link." },
    Setting { key: "sim.replication", kind: SettingKind::Choice(&["auto", "manual"]), explanation: "auto: followers fetch continuously; manual: only when you press fetch." },
    Setting { key: "sim.truncation", kind: SettingKind::Choice(&["leader-epoch", "high-watermark"]), explanation: "How followers truncate: by leader epoch (Kafka 2.8+) or to their high watermark (before KIP-101)." },
    Setting { key: "sim.controllers", kind: SettingKind::Count, explanation: "Size of the KRaft controller quorum (set before the first broker)." },
    Setting { key: "sim.flush.interval.ms", kind: SettingKind::Millis, explanation: "How often brokers flush logs and checkpoint the HW; a power-off loses what is not flushed." },
];

impl Config {
    /// Applies `set KEY VALUE`. The value is checked before anything changes.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), ConfigError> {
        let setting = SETTINGS.iter().find(|s| s.key == key).ok_or_else(|| ConfigError::UnknownKey {
            key: key.to_string(),
            closest: closest_key(key),
        })?;
        let bad = || ConfigError::BadValue { key: setting.key, value: value.to_string(), expected: setting.kind.expected() };
        match setting.kind {
            SettingKind::Millis => self.set_millis(setting.key, parse_millis(value).ok_or_else(bad)?),
            SettingKind::Count => self.set_count(setting.key, parse_count(value).ok_or_else(bad)?),
            SettingKind::Bool => self.set_bool(setting.key, parse_bool(value).ok_or_else(bad)?),
            SettingKind::Choice(_) => self.set_choice(setting.key, value).ok_or_else(bad)?,
        }
        Ok(())
    }

    fn set_millis(&mut self, key: &str, ms: u64) {
        match key {
            "replica.lag.time.max.ms" => self.replica_lag_time_max_ms = ms.max(1),
            "replica.fetch.wait.max.ms" => self.replica_fetch_wait_max_ms = ms,
            "replica.fetch.backoff.ms" => self.replica_fetch_backoff_ms = ms,
            "replica.socket.timeout.ms" => self.replica_socket_timeout_ms = ms.max(1),
            "broker.session.timeout.ms" => self.broker_session_timeout_ms = ms.max(1),
            "broker.heartbeat.interval.ms" => self.broker_heartbeat_interval_ms = ms.max(1),
            "request.timeout.ms" => self.request_timeout_ms = ms.max(1),
            "delivery.timeout.ms" => self.delivery_timeout_ms = ms.max(1),
            "retry.backoff.ms" => self.retry_backoff_ms = ms,
            "sim.network.latency.ms" => self.network_latency_ms = ms,
            _ => self.flush_interval_ms = ms.max(1),
        }
    }

    fn set_count(&mut self, key: &str, n: u64) {
        let small = n.min(u32::MAX as u64) as u32;
        match key {
            "min.insync.replicas" => self.min_insync_replicas = small.max(1),
            "sim.fetch.max.records" => self.replica_fetch_max_records = small.max(1),
            "leader.imbalance.check.interval.seconds" => self.leader_imbalance_check_interval_s = n.max(1),
            "leader.imbalance.per.broker.percentage" => self.leader_imbalance_per_broker_percentage = n,
            _ => self.controllers = small.clamp(1, 9),
        }
    }

    fn set_bool(&mut self, key: &str, b: bool) {
        match key {
            "unclean.leader.election.enable" => self.unclean_leader_election = b,
            "auto.leader.rebalance.enable" => self.auto_leader_rebalance = b,
            _ => self.enable_idempotence = b,
        }
    }

    fn set_choice(&mut self, key: &str, value: &str) -> Option<()> {
        match (key, value) {
            ("acks", "all" | "-1") => self.acks = Acks::All,
            ("acks", "1") => self.acks = Acks::One,
            ("acks", "0") => self.acks = Acks::Zero,
            ("sim.replication", "auto") => self.replication = ReplicationMode::Auto,
            ("sim.replication", "manual") => self.replication = ReplicationMode::Manual,
            ("sim.truncation", "leader-epoch") => self.truncation = TruncationMode::LeaderEpoch,
            ("sim.truncation", "high-watermark") => self.truncation = TruncationMode::HighWatermark,
            _ => return None,
        }
        Some(())
    }

    /// The current value of a key, as `set` would accept it (for export and the UI).
    pub fn get(&self, key: &str) -> Option<String> {
        let text = match key {
            "min.insync.replicas" => self.min_insync_replicas.to_string(),
            "unclean.leader.election.enable" => self.unclean_leader_election.to_string(),
            "replica.lag.time.max.ms" => self.replica_lag_time_max_ms.to_string(),
            "replica.fetch.wait.max.ms" => self.replica_fetch_wait_max_ms.to_string(),
            "replica.fetch.backoff.ms" => self.replica_fetch_backoff_ms.to_string(),
            "replica.socket.timeout.ms" => self.replica_socket_timeout_ms.to_string(),
            "sim.fetch.max.records" => self.replica_fetch_max_records.to_string(),
            "broker.session.timeout.ms" => self.broker_session_timeout_ms.to_string(),
            "broker.heartbeat.interval.ms" => self.broker_heartbeat_interval_ms.to_string(),
            "auto.leader.rebalance.enable" => self.auto_leader_rebalance.to_string(),
            "leader.imbalance.check.interval.seconds" => self.leader_imbalance_check_interval_s.to_string(),
            "leader.imbalance.per.broker.percentage" => self.leader_imbalance_per_broker_percentage.to_string(),
            "acks" => self.acks.label().to_string(),
            "enable.idempotence" => self.enable_idempotence.to_string(),
            "request.timeout.ms" => self.request_timeout_ms.to_string(),
            "delivery.timeout.ms" => self.delivery_timeout_ms.to_string(),
            "retry.backoff.ms" => self.retry_backoff_ms.to_string(),
            "sim.network.latency.ms" => self.network_latency_ms.to_string(),
            "sim.replication" => if self.replication == ReplicationMode::Auto { "auto" } else { "manual" }.to_string(),
            "sim.truncation" => match self.truncation {
                TruncationMode::LeaderEpoch => "leader-epoch".to_string(),
                TruncationMode::HighWatermark => "high-watermark".to_string(),
            },
            "sim.controllers" => self.controllers.to_string(),
            "sim.flush.interval.ms" => self.flush_interval_ms.to_string(),
            _ => return None,
        };
        Some(text)
    }
}

/// `250ms`, `3s`, `2m` or a bare number of milliseconds.
pub fn parse_millis(text: &str) -> Option<u64> {
    let (digits, factor) = if let Some(d) = text.strip_suffix("ms") {
        (d, 1)
    } else if let Some(d) = text.strip_suffix('s') {
        (d, 1_000)
    } else if let Some(d) = text.strip_suffix('m') {
        (d, 60_000)
    } else {
        (text, 1)
    };
    parse_count(digits)?.checked_mul(factor)
}

fn parse_count(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// The known key nearest to a mistyped one, when it is near enough to be a typo.
fn closest_key(key: &str) -> Option<&'static str> {
    SETTINGS
        .iter()
        .map(|s| (edit_distance(key, s.key), s.key))
        .filter(|(d, k)| *d <= 3.max(k.len() / 5))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_round_trips_through_get_and_set() {
        let mut config = Config::default();
        for setting in SETTINGS {
            let value = config.get(setting.key).expect(setting.key);
            config.set(setting.key, &value).expect(setting.key);
        }
        assert_eq!(config, Config::default());
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
}
