//! The health strip's judgement of a gauge: normal, warning or critical, with thresholds as
//! Strimzi's Kafka dashboard sets them (strimzi-kafka-operator,
//! packaging/examples/metrics/grafana-dashboards/strimzi-kafka.json, its singlestat panels'
//! `thresholds`: "1,5" reads green below 1, orange from 1, red from 5). Each state has a
//! glyph and a word as well as a colour, so colour is never the only sign. No yew: tested
//! natively (`ui::mod` includes this file under test).
use crate::sim::metrics::Metric;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Health {
    Normal,
    Warning,
    Critical,
}

impl Health {
    pub fn glyph(self) -> &'static str {
        match self {
            Health::Normal => "✓",
            Health::Warning => "▲",
            Health::Critical => "✕",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Health::Normal => "normal",
            Health::Warning => "warning",
            Health::Critical => "critical",
        }
    }
}

/// How a tile judges its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Normal below `warning`, a warning from it, critical from `critical` (Strimzi's "w,c").
    Above { warning: u64, critical: u64 },
    /// Exactly one is normal: Kafka's ops guide says only one node should report 1 for
    /// ActiveControllerCount. None is critical (no metadata changes: no fence, no
    /// election); Strimzi's "Active Controllers" panel turns two or more orange.
    ExactlyOne,
}

/// One tile of the strip: the gauge, its short title and its rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tile {
    pub metric: Metric,
    pub title: &'static str,
    pub rule: Rule,
}

/// The strip's tiles, in the order of Strimzi's top row.
pub const TILES: [Tile; 6] = [
    // Strimzi: "Under Replicated Partitions", thresholds "1,5".
    Tile {
        metric: Metric::UnderReplicatedPartitions,
        title: "Under-replicated",
        rule: Rule::Above { warning: 1, critical: 5 },
    },
    // Strimzi: "Partitions at minimum ISR", thresholds "1,5".
    Tile { metric: Metric::AtMinIsrPartitionCount, title: "At min ISR", rule: Rule::Above { warning: 1, critical: 5 } },
    // Strimzi: "Partitions under minimum ISR", thresholds "1,1": any is red.
    Tile {
        metric: Metric::UnderMinIsrPartitionCount,
        title: "Under min ISR",
        rule: Rule::Above { warning: 1, critical: 1 },
    },
    // Strimzi: "Offline Partitions Count", thresholds "1,1": any is red.
    Tile { metric: Metric::OfflinePartitionsCount, title: "Offline", rule: Rule::Above { warning: 1, critical: 1 } },
    // Strimzi: "Active Controllers", threshold "2"; none at all is ours (see `Rule::ExactlyOne`).
    Tile { metric: Metric::ActiveControllerCount, title: "Active controllers", rule: Rule::ExactlyOne },
    // Kafka has no ELR-size gauge (its one ELR metric, since 4.1, is the meter
    // ElectionFromEligibleLeaderReplicasPerSec) and Strimzi no panel.
    // `PartitionChangeBuilder.maybePopulateTargetElr` keeps an ELR only while the ISR is
    // below min.insync.replicas (KIP-966), which the under-min-ISR or offline tile already
    // shows: any is a warning, never critical alone.
    Tile {
        metric: Metric::EligibleLeaderReplicas,
        title: "ELR size",
        rule: Rule::Above { warning: 1, critical: u64::MAX },
    },
];

impl Tile {
    pub fn health(&self, value: u64) -> Health {
        match self.rule {
            Rule::Above { critical, .. } if value >= critical => Health::Critical,
            Rule::Above { warning, .. } if value >= warning => Health::Warning,
            Rule::Above { .. } => Health::Normal,
            Rule::ExactlyOne => match value {
                0 => Health::Critical,
                1 => Health::Normal,
                _ => Health::Warning,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tile(metric: Metric) -> Tile {
        TILES.into_iter().find(|t| t.metric == metric).expect("a tile")
    }

    #[test]
    fn under_replicated_partitions_warn_from_one_and_turn_critical_from_five_as_in_strimzi() {
        let urp = tile(Metric::UnderReplicatedPartitions);
        assert_eq!([0, 1, 3, 4, 5, 9].map(|v| urp.health(v)), {
            use Health::*;
            [Normal, Warning, Warning, Warning, Critical, Critical]
        });
    }

    #[test]
    fn any_offline_or_under_min_isr_partition_is_critical() {
        for metric in [Metric::OfflinePartitionsCount, Metric::UnderMinIsrPartitionCount] {
            assert_eq!(tile(metric).health(0), Health::Normal);
            assert_eq!(tile(metric).health(1), Health::Critical);
        }
    }

    #[test]
    fn exactly_one_active_controller_is_normal() {
        let controllers = tile(Metric::ActiveControllerCount);
        assert_eq!([0, 1, 2].map(|v| controllers.health(v)), [Health::Critical, Health::Normal, Health::Warning]);
        assert_eq!(tile(Metric::EligibleLeaderReplicas).health(40), Health::Warning);
    }

    #[test]
    fn every_state_reads_without_colour() {
        let states = [Health::Normal, Health::Warning, Health::Critical];
        let glyphs: std::collections::BTreeSet<_> = states.iter().map(|h| h.glyph()).collect();
        let words: std::collections::BTreeSet<_> = states.iter().map(|h| h.word()).collect();
        assert_eq!((glyphs.len(), words.len()), (3, 3));
    }
}
