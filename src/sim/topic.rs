//! A topic as created, and how a partition is named after it (`orders-0`). Its own file so
//! that observers of the world (the safety checker) can name partitions without the
//! cluster.
use super::ids::PartitionId;

/// A topic as created: its partitions are `first_partition .. first_partition + partitions`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Topic {
    pub name: String,
    pub first_partition: PartitionId,
    pub partitions: u32,
    pub replication_factor: u32,
    /// The topic's own `min.insync.replicas` (`topic create ... min-isr=M`); `None` follows
    /// the cluster default as it is *now*, as a Kafka topic without the override does
    /// (`DynamicBrokerConfig.updateLogsConfig` reconfigures its logs, the controller reads it
    /// through `getTopicConfig`). SCENARIO-SCRIPT.md's "default for new topics" is wrong
    /// there: Kafka's behaviour wins.
    pub min_isr: Option<u32>,
    /// The algorithm that placed it; `None` for an explicit `replicas=` assignment.
    pub placed_by: Option<super::placement::Placer>,
}
crate::codec!(struct Topic { name, first_partition, partitions, replication_factor, min_isr, placed_by });

/// The topic a partition belongs to and its number within the topic.
pub fn topic_of(topics: &[Topic], partition: PartitionId) -> Option<(&Topic, u32)> {
    topics.iter().find_map(|t| {
        let offset = partition.0.checked_sub(t.first_partition.0)?;
        (offset < t.partitions).then_some((t, offset))
    })
}

/// A topic's `min.insync.replicas`: its own override, else the cluster's `default` now
/// (Kafka's `LogConfig` of a log without the override, after `updateLogsConfig`;
/// `ReplicationControlManager.getTopicEffectiveMinIsr` via `getTopicConfig`).
pub fn resolve_min_isr(own: Option<u32>, default: u32) -> u32 {
    own.unwrap_or(default)
}

/// (min.insync.replicas, replication factor) of the partition's topic, its override or
/// `default_min_isr`; (1, 1) for a partition of no topic.
pub fn settings_of(topics: &[Topic], partition: PartitionId, default_min_isr: u32) -> (u32, u32) {
    topic_of(topics, partition)
        .map_or((1, 1), |(t, _)| (resolve_min_isr(t.min_isr, default_min_isr), t.replication_factor))
}

/// `orders-0`; `partition#7` for a partition of no topic.
pub fn partition_name(topics: &[Topic], partition: PartitionId) -> String {
    match topic_of(topics, partition) {
        Some((topic, n)) => format!("{}-{}", topic.name, n),
        None => format!("partition#{}", partition.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitions_are_named_after_their_topic() {
        let topics = [
            Topic {
                name: "a".into(),
                first_partition: PartitionId(0),
                partitions: 2,
                replication_factor: 1,
                min_isr: None,
                placed_by: None,
            },
            Topic {
                name: "b".into(),
                first_partition: PartitionId(2),
                partitions: 1,
                replication_factor: 1,
                min_isr: Some(1),
                placed_by: None,
            },
        ];
        assert_eq!(partition_name(&topics, PartitionId(1)), "a-1");
        assert_eq!(partition_name(&topics, PartitionId(2)), "b-0");
        assert_eq!(partition_name(&topics, PartitionId(3)), "partition#3");
    }

    #[test]
    fn a_topic_without_its_own_min_isr_follows_the_default_now() {
        assert_eq!(resolve_min_isr(None, 1), 1);
        assert_eq!(resolve_min_isr(None, 3), 3);
        assert_eq!(resolve_min_isr(Some(2), 3), 2);
        assert_eq!(resolve_min_isr(Some(2), 1), 2);
    }

    #[test]
    fn settings_resolve_the_override_against_the_default() {
        let topic = |name: &str, first: u32, min_isr| Topic {
            name: name.into(),
            first_partition: PartitionId(first),
            partitions: 1,
            replication_factor: 3,
            min_isr,
            placed_by: None,
        };
        let topics = [topic("early", 0, None), topic("own", 1, Some(1))];
        assert_eq!(settings_of(&topics, PartitionId(0), 2), (2, 3));
        assert_eq!(settings_of(&topics, PartitionId(1), 2), (1, 3));
        assert_eq!(settings_of(&topics, PartitionId(2), 2), (1, 1));
    }
}
