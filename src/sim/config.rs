//! Cluster configuration: every `set` key of the scenario language, with Kafka's own
//! names and defaults where Kafka has the setting and `sim.*` where it belongs to the
//! simulator. One table (`SETTINGS`) drives parsing, defaults and the explanations the
//! playground's settings panel shows, so they cannot drift apart.
use std::fmt;

use super::ids::Acks;
use super::placement::Placer;
pub use super::settings::{Range, Setting, SettingKind, LATENCY_RANGE, MAX_DURATION_MS, SETTINGS};

/// Where a consumer goes when its position is out of range (`auto.offset.reset`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OffsetReset {
    /// The high watermark (ListOffsets LATEST for read_uncommitted).
    Latest,
    /// The log start offset (0 here: no retention).
    Earliest,
    /// No reset: the application gets `OffsetOutOfRangeException`.
    None,
}
crate::codec!(
    enum OffsetReset {
        Latest = 0,
        Earliest = 1,
        None = 2,
    }
);

impl OffsetReset {
    pub fn label(self) -> &'static str {
        match self {
            OffsetReset::Latest => "latest",
            OffsetReset::Earliest => "earliest",
            OffsetReset::None => "none",
        }
    }
}

/// How followers replicate (`sim.replication`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplicationMode {
    /// Followers fetch continuously, as Kafka's ReplicaFetcherThread does.
    Auto,
    /// Followers fetch only when told (`fetch N T-P`); the leader answers at once.
    Manual,
}
crate::codec!(
    enum ReplicationMode {
        Auto = 0,
        Manual = 1,
    }
);

/// How a follower finds where its log diverges from the leader's (`sim.truncation`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TruncationMode {
    /// Kafka 2.8+ (KIP-101, KIP-320): fetch with lastFetchedEpoch, truncate on divergingEpoch.
    LeaderEpoch,
    /// Before KIP-101: a broker becoming follower truncates to its own high watermark.
    HighWatermark,
}
crate::codec!(
    enum TruncationMode {
        LeaderEpoch = 0,
        HighWatermark = 1,
    }
);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub min_insync_replicas: u32,
    pub unclean_leader_election: bool,
    /// `eligible.leader.replicas.version` ≥ 1 (KIP-966): on in a new 4.1+ cluster.
    pub elr_enabled: bool,
    /// How often the controller elects leaders uncleanly for offline partitions whose topic
    /// allows it (`unclean.leader.election.interval.ms`).
    pub unclean_election_interval_ms: u64,
    /// `controller.quorum.fetch.timeout.ms`: how long the voters wait before electing a new
    /// active controller.
    pub controller_quorum_fetch_timeout_ms: u64,
    pub replica_lag_time_max_ms: u64,
    pub replica_fetch_wait_max_ms: u64,
    pub replica_fetch_backoff_ms: u64,
    pub replica_socket_timeout_ms: u64,
    pub replica_fetch_max_records: u32,
    pub broker_session_timeout_ms: u64,
    pub broker_heartbeat_interval_ms: u64,
    pub auto_leader_rebalance: bool,
    pub leader_imbalance_check_interval_s: u64,
    pub acks: Acks,
    pub enable_idempotence: bool,
    /// `enable.idempotence` was set by a `set`: Kafka then refuses settings that cannot
    /// keep it (acks other than all, more than 5 in flight) instead of quietly turning it
    /// off (`ProducerConfig.postProcessAndValidateIdempotenceConfigs`).
    pub idempotence_set_explicitly: bool,
    pub linger_ms: u64,
    pub batch_size: u32,
    pub max_in_flight: u32,
    pub request_timeout_ms: u64,
    pub delivery_timeout_ms: u64,
    pub retry_backoff_ms: u64,
    pub retry_backoff_max_ms: u64,
    pub network_latency_ms: u64,
    pub replication: ReplicationMode,
    pub truncation: TruncationMode,
    /// `sim.placer`: how a topic created without `placer=` or `replicas=` is placed.
    pub placer: Placer,
    /// The consumer's `auto.offset.reset`.
    pub auto_offset_reset: OffsetReset,
    /// The consumer's `fetch.max.wait.ms`: how long a leader may hold its fetch when nothing
    /// below the HW is there to return (long poll, `DelayedFetch`).
    pub fetch_max_wait_ms: u64,
    pub controllers: u32,
    pub flush_interval_ms: u64,
}
crate::codec!(struct Config { min_insync_replicas, unclean_leader_election, elr_enabled, unclean_election_interval_ms, controller_quorum_fetch_timeout_ms, replica_lag_time_max_ms, replica_fetch_wait_max_ms, replica_fetch_backoff_ms, replica_socket_timeout_ms, replica_fetch_max_records, broker_session_timeout_ms, broker_heartbeat_interval_ms, auto_leader_rebalance, leader_imbalance_check_interval_s, acks, enable_idempotence, idempotence_set_explicitly, linger_ms, batch_size, max_in_flight, request_timeout_ms, delivery_timeout_ms, retry_backoff_ms, retry_backoff_max_ms, network_latency_ms, replication, truncation, placer, auto_offset_reset, fetch_max_wait_ms, controllers, flush_interval_ms });

impl Default for Config {
    fn default() -> Self {
        Config {
            min_insync_replicas: 1,
            unclean_leader_election: false,
            elr_enabled: true,
            unclean_election_interval_ms: 300_000,
            controller_quorum_fetch_timeout_ms: 2_000,
            replica_lag_time_max_ms: 30_000,
            replica_fetch_wait_max_ms: 500,
            replica_fetch_backoff_ms: 1_000,
            replica_socket_timeout_ms: 30_000,
            replica_fetch_max_records: 1_000,
            broker_session_timeout_ms: 9_000,
            broker_heartbeat_interval_ms: 2_000,
            auto_leader_rebalance: true,
            leader_imbalance_check_interval_s: 300,
            acks: Acks::All,
            enable_idempotence: true,
            idempotence_set_explicitly: false,
            // KIP-1030: linger.ms defaults to 5 since Kafka 4.0.
            linger_ms: 5,
            batch_size: 16_384,
            max_in_flight: 5,
            request_timeout_ms: 30_000,
            delivery_timeout_ms: 120_000,
            retry_backoff_ms: 100,
            retry_backoff_max_ms: 1_000,
            network_latency_ms: 1,
            replication: ReplicationMode::Auto,
            truncation: TruncationMode::LeaderEpoch,
            placer: Placer::AdminUtils,
            auto_offset_reset: OffsetReset::Latest,
            // ConsumerConfig.DEFAULT_FETCH_MAX_WAIT_MS.
            fetch_max_wait_ms: 500,
            controllers: 3,
            flush_interval_ms: 5_000,
        }
    }
}

/// Why a `set` was refused. Nothing changed when one is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    UnknownKey {
        key: String,
        closest: Option<&'static str>,
    },
    BadValue {
        key: &'static str,
        value: String,
        expected: String,
    },
    /// Outside the key's range: Kafka's `ConfigDef.Range` refusal, or the simulator's.
    OutOfRange {
        key: &'static str,
        value: u64,
        range: Range,
    },
    /// A combination Kafka refuses; `rule` is Kafka's own reason, `detail` the values.
    Conflict {
        rule: &'static str,
        detail: String,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::UnknownKey { key, closest: Some(c) } => {
                write!(f, "unknown setting '{}' (did you mean '{c}'?)", quote_input(key))
            }
            ConfigError::UnknownKey { key, closest: None } => write!(f, "unknown setting '{}'", quote_input(key)),
            ConfigError::BadValue { key, value, expected } => {
                write!(f, "{key} expects {expected}, got '{}'", quote_input(value))
            }
            // Kafka's wording (`ConfigException` of `ConfigDef.Range.ensureValid`).
            ConfigError::OutOfRange { key, value, range } if value < &range.min => {
                write!(f, "Invalid value {value} for configuration {key}: Value must be at least {}", range.min)
            }
            ConfigError::OutOfRange { key, value, range } => {
                write!(f, "Invalid value {value} for configuration {key}: Value must be no more than {}", range.max)?;
                match range.why_max {
                    Some(why) => write!(f, " ({why})"),
                    None => Ok(()),
                }
            }
            ConfigError::Conflict { rule, detail } => write!(f, "{rule} ({detail})"),
        }
    }
}

/// Checks a one-way link latency (`latency A B D`) as `sim.network.latency.ms` is checked.
pub fn check_latency_ms(latency_ms: u64) -> Result<(), ConfigError> {
    LATENCY_RANGE.check("sim.network.latency.ms", latency_ms)
}

/// What an error message quotes of what a person typed: at most `MAX_QUOTED_CHARS`
/// characters, cut at a character boundary and marked with "…", so a pasted 100k-character
/// name cannot push the reason off the screen. Every message that echoes input uses it.
pub fn quote_input(text: &str) -> String {
    const MAX_QUOTED_CHARS: usize = 80;
    match text.char_indices().nth(MAX_QUOTED_CHARS) {
        None => text.to_string(),
        Some((cut, _)) => format!("{}…", &text[..cut]),
    }
}

impl Config {
    /// Applies `set KEY VALUE`. The value is checked (its kind, its range, and the
    /// combinations Kafka refuses) before anything changes.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), ConfigError> {
        let setting = SETTINGS
            .iter()
            .find(|s| s.key == key)
            .ok_or_else(|| ConfigError::UnknownKey { key: key.to_string(), closest: closest_key(key) })?;
        let bad =
            || ConfigError::BadValue { key: setting.key, value: value.to_string(), expected: setting.kind.expected() };
        let mut candidate = self.clone();
        match setting.kind {
            SettingKind::Millis => candidate.set_millis(setting, parse_millis(value).ok_or_else(bad)?)?,
            SettingKind::Count => candidate.set_count(setting, parse_count(value).ok_or_else(bad)?)?,
            SettingKind::Bool => candidate.set_bool(setting.key, parse_bool(value).ok_or_else(bad)?),
            SettingKind::Choice(_) => candidate.set_choice(setting.key, value).ok_or_else(bad)?,
        }
        candidate.check_combinations(setting.key)?;
        *self = candidate;
        Ok(())
    }

    fn set_millis(&mut self, setting: &Setting, ms: u64) -> Result<(), ConfigError> {
        if let Some(range) = setting.range {
            range.check(setting.key, ms)?;
        }
        match setting.key {
            "replica.lag.time.max.ms" => self.replica_lag_time_max_ms = ms,
            "replica.fetch.wait.max.ms" => self.replica_fetch_wait_max_ms = ms,
            "replica.fetch.backoff.ms" => self.replica_fetch_backoff_ms = ms,
            "replica.socket.timeout.ms" => self.replica_socket_timeout_ms = ms,
            "broker.session.timeout.ms" => self.broker_session_timeout_ms = ms,
            "broker.heartbeat.interval.ms" => self.broker_heartbeat_interval_ms = ms,
            "request.timeout.ms" => self.request_timeout_ms = ms,
            "fetch.max.wait.ms" => self.fetch_max_wait_ms = ms,
            "delivery.timeout.ms" => self.delivery_timeout_ms = ms,
            "retry.backoff.ms" => self.retry_backoff_ms = ms,
            "retry.backoff.max.ms" => self.retry_backoff_max_ms = ms,
            "linger.ms" => self.linger_ms = ms,
            "unclean.leader.election.interval.ms" => self.unclean_election_interval_ms = ms,
            "controller.quorum.fetch.timeout.ms" => self.controller_quorum_fetch_timeout_ms = ms,
            "sim.network.latency.ms" => self.network_latency_ms = ms,
            _ => self.flush_interval_ms = ms,
        }
        Ok(())
    }

    fn set_count(&mut self, setting: &Setting, n: u64) -> Result<(), ConfigError> {
        if let Some(range) = setting.range {
            range.check(setting.key, n)?;
        }
        // Every count's range ends below u32::MAX (checked by a test), so this is exact.
        let small = u32::try_from(n).unwrap_or(u32::MAX);
        match setting.key {
            "min.insync.replicas" => self.min_insync_replicas = small,
            "sim.fetch.max.records" => self.replica_fetch_max_records = small,
            "batch.size" => self.batch_size = small,
            "max.in.flight.requests.per.connection" => self.max_in_flight = small,
            "leader.imbalance.check.interval.seconds" => self.leader_imbalance_check_interval_s = n,
            _ => self.controllers = small,
        }
        Ok(())
    }

    /// The combinations Kafka refuses, in Kafka's words (`KafkaConfig.validateValues`,
    /// `KafkaProducer.configureDeliveryTimeout`). Only rules that involve `changed` are
    /// checked, so a configuration that was accepted stays accepted.
    fn check_combinations(&self, changed: &str) -> Result<(), ConfigError> {
        for rule in RULES.iter().filter(|r| r.keys.contains(&changed)) {
            if !(rule.holds)(self) {
                let other = rule.keys.iter().find(|k| **k != changed).copied().unwrap_or(changed);
                let shown = |key: &str| self.get(key).unwrap_or_default();
                let detail = format!("{changed} would be {}, {other} is {}", shown(changed), shown(other));
                return Err(ConfigError::Conflict { rule: rule.reason, detail });
            }
        }
        Ok(())
    }

    fn set_bool(&mut self, key: &str, b: bool) {
        match key {
            "unclean.leader.election.enable" => self.unclean_leader_election = b,
            "auto.leader.rebalance.enable" => self.auto_leader_rebalance = b,
            _ => {
                self.enable_idempotence = b;
                self.idempotence_set_explicitly = true;
            }
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
            ("sim.placer", placer) => self.placer = Placer::from_label(placer)?,
            ("auto.offset.reset", "latest") => self.auto_offset_reset = OffsetReset::Latest,
            ("auto.offset.reset", "earliest") => self.auto_offset_reset = OffsetReset::Earliest,
            ("auto.offset.reset", "none") => self.auto_offset_reset = OffsetReset::None,
            ("eligible.leader.replicas.version", "1") => self.elr_enabled = true,
            ("eligible.leader.replicas.version", "0") => self.elr_enabled = false,
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
            "acks" => self.acks.label().to_string(),
            "auto.offset.reset" => self.auto_offset_reset.label().to_string(),
            "enable.idempotence" => self.enable_idempotence.to_string(),
            "request.timeout.ms" => self.request_timeout_ms.to_string(),
            "fetch.max.wait.ms" => self.fetch_max_wait_ms.to_string(),
            "delivery.timeout.ms" => self.delivery_timeout_ms.to_string(),
            "unclean.leader.election.interval.ms" => self.unclean_election_interval_ms.to_string(),
            "controller.quorum.fetch.timeout.ms" => self.controller_quorum_fetch_timeout_ms.to_string(),
            "retry.backoff.ms" => self.retry_backoff_ms.to_string(),
            "retry.backoff.max.ms" => self.retry_backoff_max_ms.to_string(),
            "linger.ms" => self.linger_ms.to_string(),
            "batch.size" => self.batch_size.to_string(),
            "max.in.flight.requests.per.connection" => self.max_in_flight.to_string(),
            "sim.network.latency.ms" => self.network_latency_ms.to_string(),
            "sim.replication" => if self.replication == ReplicationMode::Auto { "auto" } else { "manual" }.to_string(),
            "sim.truncation" => match self.truncation {
                TruncationMode::LeaderEpoch => "leader-epoch".to_string(),
                TruncationMode::HighWatermark => "high-watermark".to_string(),
            },
            "sim.placer" => self.placer.label().to_string(),
            "eligible.leader.replicas.version" => if self.elr_enabled { "1" } else { "0" }.to_string(),
            "sim.controllers" => self.controllers.to_string(),
            "sim.flush.interval.ms" => self.flush_interval_ms.to_string(),
            _ => return None,
        };
        Some(text)
    }
}

/// `250ms`, `3s`, `2m`, `1h` or a bare number of milliseconds (the script's duration units).
pub fn parse_millis(text: &str) -> Option<u64> {
    let (digits, factor) = if let Some(d) = text.strip_suffix("ms") {
        (d, 1)
    } else if let Some(d) = text.strip_suffix('s') {
        (d, 1_000)
    } else if let Some(d) = text.strip_suffix('m') {
        (d, 60_000)
    } else if let Some(d) = text.strip_suffix('h') {
        (d, 3_600_000)
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
        .map(|s| (super::edit_distance::edit_distance(key, s.key), s.key))
        .filter(|(d, k)| *d <= 3.max(k.len() / 5))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// The combinations of settings Kafka refuses, and what they allow (idempotence).
#[path = "config_rules.rs"]
mod rules;
use rules::RULES;

#[cfg(test)]
#[path = "config_limits_tests.rs"]
mod limits_tests;

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
