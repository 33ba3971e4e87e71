//! The metrics shown, by Kafka's names: each with its JMX MBean, a line for a learner and
//! the "normal value" Kafka's operations guide (docs/ops.html, "Monitoring") gives, for
//! Kafka 4.1+ in KRaft mode. Where Kafka has no such metric, the MBean column says so.
//! Static strings only: the page links this file and its bundle is small.
//!
//! Per-broker gauges are shown summed over the live brokers, as a cluster dashboard sums
//! them; rates (Kafka's `Meter`s, `...PerSec`) are shown as their `Count` attribute, the
//! count over the whole run, which an assertion can name exactly; request times
//! (`RequestMetrics` histograms) as the latest request's value, so the series has a point
//! per request and a plot of it is the histogram's raw material.

/// One metric. The discriminant indexes `Metrics::values` and the catalog's arrays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Metric {
    UnderReplicatedPartitions = 0,
    UnderMinIsrPartitionCount = 1,
    AtMinIsrPartitionCount = 2,
    OfflinePartitionsCount = 3,
    ActiveControllerCount = 4,
    EligibleLeaderReplicas = 5,
    ReplicaMaxLag = 6,
    IsrShrinksPerSec = 7,
    IsrExpandsPerSec = 8,
    LeaderElectionRateAndTimeMs = 9,
    LeaderElectionTimeMs = 10,
    UncleanLeaderElectionsPerSec = 11,
    FailedProduceRequestsPerSec = 12,
    TotalTimeMs = 13,
    RemoteTimeMs = 14,
    LocalTimeMs = 15,
    ElectionFromEligibleLeaderReplicasPerSec = 16,
}
crate::codec!(
    enum Metric {
        UnderReplicatedPartitions = 0,
        UnderMinIsrPartitionCount = 1,
        AtMinIsrPartitionCount = 2,
        OfflinePartitionsCount = 3,
        ActiveControllerCount = 4,
        EligibleLeaderReplicas = 5,
        ReplicaMaxLag = 6,
        IsrShrinksPerSec = 7,
        IsrExpandsPerSec = 8,
        LeaderElectionRateAndTimeMs = 9,
        LeaderElectionTimeMs = 10,
        UncleanLeaderElectionsPerSec = 11,
        FailedProduceRequestsPerSec = 12,
        TotalTimeMs = 13,
        RemoteTimeMs = 14,
        LocalTimeMs = 15,
        ElectionFromEligibleLeaderReplicasPerSec = 16,
    }
);

pub const METRIC_COUNT: usize = 17;

/// Every metric, in the order the command line prints them.
pub const ALL: [Metric; METRIC_COUNT] = {
    use Metric::*;
    [
        UnderReplicatedPartitions,
        UnderMinIsrPartitionCount,
        AtMinIsrPartitionCount,
        OfflinePartitionsCount,
        ActiveControllerCount,
        EligibleLeaderReplicas,
        ReplicaMaxLag,
        IsrShrinksPerSec,
        IsrExpandsPerSec,
        LeaderElectionRateAndTimeMs,
        LeaderElectionTimeMs,
        UncleanLeaderElectionsPerSec,
        FailedProduceRequestsPerSec,
        TotalTimeMs,
        RemoteTimeMs,
        LocalTimeMs,
        ElectionFromEligibleLeaderReplicasPerSec,
    ]
};

/// Each metric's name, indexed by the metric: Kafka's spelling, except three of the
/// simulator's own: EligibleLeaderReplicas (Kafka has no ELR-size metric), ReplicaMaxLag
/// (Kafka's `ReplicaFetcherManager` `MaxLag`) and LeaderElectionTimeMs (no KRaft timer).
/// Apart from the rest, so a build that only parses names (the page) does not carry the
/// descriptions.
const NAMES: [&str; METRIC_COUNT] = [
    "UnderReplicatedPartitions",
    "UnderMinIsrPartitionCount",
    "AtMinIsrPartitionCount",
    "OfflinePartitionsCount",
    "ActiveControllerCount",
    "EligibleLeaderReplicas",
    "ReplicaMaxLag",
    "IsrShrinksPerSec",
    "IsrExpandsPerSec",
    "LeaderElectionRateAndTimeMs",
    "LeaderElectionTimeMs",
    "UncleanLeaderElectionsPerSec",
    "FailedProduceRequestsPerSec",
    "TotalTimeMs",
    "RemoteTimeMs",
    "LocalTimeMs",
    "ElectionFromEligibleLeaderReplicasPerSec",
];

/// (MBean, meaning, normal value), indexed by the metric.
const ABOUT: [(&str, &str, &str); METRIC_COUNT] = [
    (
        "kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions",
        "partitions whose leader's ISR is smaller than the replica set (summed over leaders; a leaderless partition is counted by OfflinePartitionsCount instead)",
        "0",
    ),
    (
        "kafka.server:type=ReplicaManager,name=UnderMinIsrPartitionCount",
        "partitions whose leader's ISR is below min.insync.replicas: acks=all writes are refused",
        "0",
    ),
    (
        "kafka.server:type=ReplicaManager,name=AtMinIsrPartitionCount",
        "partitions whose leader's ISR equals min.insync.replicas: one more loss stops acks=all writes",
        "0",
    ),
    (
        "kafka.controller:type=KafkaController,name=OfflinePartitionsCount",
        "partitions without a leader in the controller's metadata: nobody can write or read them",
        "0",
    ),
    (
        "kafka.controller:type=KafkaController,name=ActiveControllerCount",
        "controllers that are active (summed over the quorum)",
        "1 (only one node in the cluster should have 1)",
    ),
    (
        "(none: Kafka has no ELR-size gauge, only ElectionFromEligibleLeaderReplicasPerSec; the simulator's sum)",
        "replicas out of the ISR yet eligible to lead (KIP-966), summed over partitions",
        "0 (the simulator's; ops.html gives none)",
    ),
    (
        "kafka.server:type=ReplicaFetcherManager,name=MaxLag,clientId=Replica",
        "the largest lag, in records, of a follower behind its leader's HW (as of its last fetch)",
        "proportional to the maximum batch size of a produce request",
    ),
    (
        "kafka.server:type=ReplicaManager,name=IsrShrinksPerSec",
        "ISR shrinks a leader asked for and the controller committed (count over the run)",
        "0, except when an unfenced follower lags past replica.lag.time.max.ms (ops.html cites a broker going down: in KRaft its fence is not counted)",
    ),
    (
        "kafka.server:type=ReplicaManager,name=IsrExpandsPerSec",
        "ISR expansions a leader asked for and the controller committed (count over the run)",
        "0, except when a broker comes back and catches up",
    ),
    (
        "(none in KRaft: the ZooKeeper controller's ControllerStats timer, removed in 4.0; the simulator's count)",
        "leader elections after the topic's creation (count over the run)",
        "non-zero when there are broker failures (ops.html's entry, from the ZooKeeper controller)",
    ),
    (
        "(none in KRaft: the simulator's own time, not the ZooKeeper controller's timer)",
        "ms from the leader's loss (its crash or fence, whichever came first) to the latest new leader",
        "(ops.html gives none)",
    ),
    (
        "kafka.controller:type=ControllerStats,name=UncleanLeaderElectionsPerSec",
        "leaders elected unclean, marked RECOVERING: an out-of-sync replica or the last known leader (an ELR leader is clean; count over the run)",
        "0",
    ),
    (
        "kafka.server:type=BrokerTopicMetrics,name=FailedProduceRequestsPerSec",
        "partition appends failed unexpectedly: not enough replicas, bad sequence or epoch; not NOT_LEADER_OR_FOLLOWER (count over the run)",
        "0 (ops.html gives none)",
    ),
    (
        "kafka.network:type=RequestMetrics,name=TotalTimeMs,request=Produce",
        "the latest produce request's time at the leader, from arrival to answer",
        "broken into queue, local, remote and response send time",
    ),
    (
        "kafka.network:type=RequestMetrics,name=RemoteTimeMs,request=Produce",
        "the latest produce request's wait in purgatory for the followers (acks=all)",
        "non-zero for produce requests when acks=all",
    ),
    (
        "kafka.network:type=RequestMetrics,name=LocalTimeMs,request=Produce",
        "the latest produce request's time appending at the leader (always 0 here: an append takes no simulated time)",
        "(ops.html gives none)",
    ),
    (
        "kafka.controller:type=ControllerStats,name=ElectionFromEligibleLeaderReplicasPerSec",
        "leaders elected from the partition's ELR, the ISR being empty (Kafka 4.1+, KIP-966; count over the run)",
        "(ops.html gives none)",
    ),
];

impl Metric {
    pub fn name(self) -> &'static str {
        NAMES[self as usize]
    }

    pub fn mbean(self) -> &'static str {
        ABOUT[self as usize].0
    }

    /// One line for a learner.
    pub fn meaning(self) -> &'static str {
        ABOUT[self as usize].1
    }

    /// Kafka's normal value (docs/ops.html).
    pub fn normal(self) -> &'static str {
        ABOUT[self as usize].2
    }

    /// The metric of that name, as `NAMES` spells it (case-insensitive).
    pub fn from_name(name: &str) -> Option<Metric> {
        ALL.into_iter().find(|m| m.name().eq_ignore_ascii_case(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_is_at_its_own_index_and_found_by_name() {
        for (index, metric) in ALL.into_iter().enumerate() {
            assert_eq!(metric as usize, index);
            assert_eq!(Metric::from_name(metric.name()), Some(metric));
        }
        assert_eq!(Metric::from_name("underreplicatedpartitions"), Some(Metric::UnderReplicatedPartitions));
        assert_eq!(Metric::from_name("URP"), None);
    }
}
