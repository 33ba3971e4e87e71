//! What a `kafka-topics.sh --describe` says about a cluster, in one shape for every Kafka
//! version: the importer parses text into it, the exporter prints it, and the round trip
//! compares two of them. Broker ids are Kafka's as printed.

/// One `Topic: ...` header line (TopicCommand's `TopicDescription.printDescription`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct TopicHeader {
    pub topic_id: Option<String>,
    pub partition_count: u32,
    pub replication_factor: u32,
    /// `Configs:` as printed, `key=value` pairs in order (only the overrides: TopicCommand
    /// drops the entries whose `isDefault()` holds).
    pub configs: Vec<(String, String)>,
    /// `MarkedForDeletion: true` was printed.
    pub marked_for_deletion: bool,
    pub line: u32,
}

/// One partition line (TopicCommand's `PartitionDescription.printDescription`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PartitionState {
    pub partition: u32,
    /// `None` for `Leader: none` (and the ZooKeeper era's `-1`): an offline partition.
    pub leader: Option<u32>,
    pub replicas: Vec<u32>,
    pub isr: Vec<u32>,
    /// `None` for `Elr: N/A` or no `Elr:` at all (Kafka before 3.8, or a server without
    /// KIP-966's DescribeTopicPartitions).
    pub elr: Option<Vec<u32>>,
    pub last_known_elr: Option<Vec<u32>>,
    /// `Adding Replicas:` or `Removing Replicas:` was printed: a reassignment was under way.
    pub reassigning: bool,
    /// The `Adding Replicas:` list: the reassignment's targets, already in `replicas`.
    pub adding: Vec<u32>,
    pub line: u32,
}

/// A topic: its header when the output had one (a filtered describe has none) and the
/// partitions described, by partition number.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct TopicState {
    pub name: String,
    pub header: Option<TopicHeader>,
    pub partitions: Vec<PartitionState>,
}

impl TopicState {
    pub fn partition(&self, index: u32) -> Option<&PartitionState> {
        self.partitions.iter().find(|p| p.partition == index)
    }

    /// The header's own count, else one more than the highest partition described.
    pub fn partition_count(&self) -> u32 {
        match &self.header {
            Some(h) => h.partition_count,
            None => self.partitions.iter().map(|p| p.partition + 1).max().unwrap_or(0),
        }
    }

    /// The header's `min.insync.replicas` override, if any.
    pub fn config(&self, key: &str) -> Option<&str> {
        let header = self.header.as_ref()?;
        header.configs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// A whole describe: topics in the order they appeared.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Description {
    pub topics: Vec<TopicState>,
}

impl Description {
    pub fn topic(&self, name: &str) -> Option<&TopicState> {
        self.topics.iter().find(|t| t.name == name)
    }

    /// Every broker id named anywhere (replicas, ISR, ELR, leaders), ascending, once.
    pub fn broker_ids(&self) -> Vec<u32> {
        let mut ids: Vec<u32> = Vec::new();
        for p in self.topics.iter().flat_map(|t| &t.partitions) {
            let named = p.replicas.iter().chain(&p.isr).chain(p.elr.iter().flatten());
            ids.extend(named.chain(p.last_known_elr.iter().flatten()).chain(&p.leader));
        }
        crate::sim::sorting::sort_ids(&mut ids);
        ids.dedup();
        ids
    }
}
