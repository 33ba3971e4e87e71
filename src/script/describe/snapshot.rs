//! The cluster's current state as a `Description`: what `kafka-topics.sh --describe` would
//! print of it. Leader, ISR and ELR are what the controller has committed, as the admin
//! client's DescribeTopicPartitions reads them from the metadata image.
use super::model::{Description, PartitionState, TopicHeader, TopicState};
use super::topic_id::topic_id;
use crate::sim::Cluster;

/// Kafka's default `min.insync.replicas`: a value other than it is printed under `Configs:`
/// (TopicCommand keeps every entry whose `isDefault()` is false, and a broker-wide value
/// is a `STATIC_BROKER_CONFIG`, not a default).
const KAFKA_DEFAULT_MIN_ISR: u32 = 1;

fn header(cluster: &Cluster, name: &str) -> Option<TopicHeader> {
    let topic = cluster.topic_by_name(name)?;
    let min_isr = topic.min_isr.unwrap_or(cluster.config().min_insync_replicas);
    let configs = if topic.min_isr.is_some() || min_isr != KAFKA_DEFAULT_MIN_ISR {
        vec![("min.insync.replicas".to_string(), min_isr.to_string())]
    } else {
        Vec::new()
    };
    Some(TopicHeader {
        topic_id: Some(topic_id(cluster.seed(), name)),
        partition_count: topic.partitions,
        replication_factor: topic.replication_factor,
        configs,
        marked_for_deletion: false,
        line: 0,
    })
}

/// One partition as the controller has it. The simulator keeps one last known leader
/// where KIP-966 keeps a list (`LastKnownElr`): it is printed as a list of that one.
fn partition(cluster: &Cluster, name: &str, index: u32) -> Option<PartitionState> {
    let id = cluster.partition_by_name(name, index)?;
    Some(PartitionState {
        partition: index,
        leader: cluster.leader_of(id),
        replicas: cluster.replicas_of(id),
        isr: cluster.isr_of(id),
        elr: Some(cluster.elr_of(id)),
        last_known_elr: Some(cluster.last_known_leader_of(id).into_iter().collect()),
        reassigning: false,
        adding: Vec::new(),
        line: 0,
    })
}

/// Every topic of the cluster, in creation order.
pub fn describe_cluster(cluster: &Cluster) -> Description {
    let topics = cluster
        .topic_names()
        .into_iter()
        .filter_map(|name| {
            let header = header(cluster, &name)?;
            let partitions = (0..header.partition_count).filter_map(|i| partition(cluster, &name, i)).collect();
            Some(TopicState { name, header: Some(header), partitions })
        })
        .collect();
    Description { topics }
}
