//! Cluster metadata as KRaft keeps it: a log of records committed by the controller
//! quorum, and the image every broker builds by applying them in order. A broker's
//! image can be stale (it has not applied the newest records yet); that staleness is
//! what clients see when they ask a broker for metadata.
use std::sync::Arc;

use crate::sim::ids::{BrokerId, PartitionId};

/// The state of one partition (Kafka's PartitionRecord / PartitionChangeRecord, whole).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionState {
    pub replicas: Vec<BrokerId>,
    pub isr: Vec<BrokerId>,
    /// Eligible Leader Replicas (KIP-966): out of the ISR while it is below min ISR, yet
    /// holding every committed record, so they may lead cleanly when the ISR is empty.
    pub elr: Vec<BrokerId>,
    /// The leader when the partition went leaderless (Kafka's `LastKnownElr`), kept while
    /// ELR is on and it has no leader.
    pub last_known_leader: Option<BrokerId>,
    pub leader: Option<BrokerId>,
    pub leader_epoch: u32,
    /// Bumped on every change; AlterPartition requests must name the current one.
    pub partition_epoch: u32,
    /// `LeaderRecoveryState.RECOVERING` (KIP-704): the leader was elected uncleanly and has
    /// not yet told the controller it recovered, which its first AlterPartition does.
    pub recovering: bool,
}
crate::codec!(struct PartitionState { replicas, isr, elr, last_known_leader, leader, leader_epoch, partition_epoch, recovering });

impl PartitionState {
    pub fn is_replica(&self, broker: BrokerId) -> bool {
        self.replicas.contains(&broker)
    }

    pub fn in_isr(&self, broker: BrokerId) -> bool {
        self.isr.contains(&broker)
    }

    pub fn preferred_leader(&self) -> Option<BrokerId> {
        self.replicas.first().copied()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerRegistration {
    pub rack: Option<String>,
    pub fenced: bool,
    pub shutting_down: bool,
}
crate::codec!(struct BrokerRegistration { rack, fenced, shutting_down });

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MetadataRecord {
    /// A broker's life registered (`RegisterBrokerRecord`): at setup unfenced at once, a
    /// restarted one fenced until it has caught up with this record.
    RegisterBroker {
        broker: BrokerId,
        rack: Option<String>,
        fenced: bool,
    },
    UnregisterBroker {
        broker: BrokerId,
    },
    /// Fenced brokers are not eligible for leadership or the ISR.
    BrokerFencing {
        broker: BrokerId,
        fenced: bool,
    },
    BrokerShuttingDown {
        broker: BrokerId,
    },
    Topic {
        name: String,
        first_partition: PartitionId,
        partitions: u32,
        /// The topic's own min.insync.replicas; `None` follows the cluster default.
        min_isr: Option<u32>,
    },
    Partition {
        partition: PartitionId,
        state: PartitionState,
    },
}
crate::codec!(enum MetadataRecord { RegisterBroker { broker, rack, fenced } = 0, UnregisterBroker { broker } = 1, BrokerFencing { broker, fenced } = 2, BrokerShuttingDown { broker } = 3, Topic { name, first_partition, partitions, min_isr } = 4, Partition { partition, state } = 5 });

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicMeta {
    pub name: String,
    pub first_partition: PartitionId,
    pub partitions: u32,
    /// The topic's own min.insync.replicas (a topic config); `None` when it has none and
    /// follows the cluster default (`ConfigurationControlManager.getTopicConfig`).
    pub min_isr: Option<u32>,
}
crate::codec!(struct TopicMeta { name, first_partition, partitions, min_isr });

/// What one node knows of the cluster.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MetadataImage {
    /// How many records of the metadata log this image has applied.
    pub offset: u64,
    pub brokers: crate::sim::id_map::IdMap<BrokerId, BrokerRegistration>,
    pub topics: Vec<TopicMeta>,
    /// Each partition's state, shared (`Arc`) by the clones of this image: a record replaces
    /// a state whole, never edits it, so the session's snapshots of a 50-broker cluster share
    /// the states instead of copying 50 images' worth of them each time.
    pub partitions: Vec<Option<Arc<PartitionState>>>,
}
crate::codec!(struct MetadataImage { offset, brokers, topics, partitions });

impl MetadataImage {
    /// Applies the record at `offset`; a record already applied is ignored, and a gap
    /// (a record from further ahead) is refused so the broker asks for what it missed.
    pub fn apply(&mut self, offset: u64, record: &MetadataRecord) -> bool {
        if offset < self.offset {
            return true;
        }
        if offset > self.offset {
            return false;
        }
        self.offset += 1;
        match record {
            MetadataRecord::RegisterBroker { broker, rack, fenced } => {
                self.brokers
                    .insert(*broker, BrokerRegistration { rack: rack.clone(), fenced: *fenced, shutting_down: false });
            }
            MetadataRecord::UnregisterBroker { broker } => {
                self.brokers.remove(broker);
            }
            MetadataRecord::BrokerFencing { broker, fenced } => {
                if let Some(b) = self.brokers.get_mut(broker) {
                    b.fenced = *fenced;
                    if !fenced {
                        b.shutting_down = false;
                    }
                }
            }
            MetadataRecord::BrokerShuttingDown { broker } => {
                if let Some(b) = self.brokers.get_mut(broker) {
                    b.shutting_down = true;
                }
            }
            MetadataRecord::Topic { name, first_partition, partitions, min_isr } => {
                let topic = TopicMeta {
                    name: name.clone(),
                    first_partition: *first_partition,
                    partitions: *partitions,
                    min_isr: *min_isr,
                };
                self.topics.push(topic);
            }
            MetadataRecord::Partition { partition, state } => {
                let index = partition.index();
                if self.partitions.len() <= index {
                    self.partitions.resize(index + 1, None);
                }
                self.partitions[index] = Some(Arc::new(state.clone()));
            }
        }
        true
    }

    pub fn partition(&self, partition: PartitionId) -> Option<&PartitionState> {
        self.partitions.get(partition.index()).and_then(|state| state.as_deref())
    }

    /// Kafka's `isReplicaIsrEligible`: registered, not fenced, not shutting down.
    pub fn is_isr_eligible(&self, broker: BrokerId) -> bool {
        self.brokers.get(&broker).is_some_and(|b| !b.fenced && !b.shutting_down)
    }

    pub fn topic(&self, name: &str) -> Option<&TopicMeta> {
        self.topics.iter().find(|t| t.name == name)
    }

    /// The topic a partition belongs to.
    pub fn topic_of(&self, partition: PartitionId) -> Option<&TopicMeta> {
        self.topics
            .iter()
            .find(|t| partition.0 >= t.first_partition.0 && partition.0 < t.first_partition.0 + t.partitions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_apply_in_order_and_gaps_are_refused() {
        let mut image = MetadataImage::default();
        let register = MetadataRecord::RegisterBroker { broker: 1, rack: None, fenced: false };
        assert!(!image.apply(1, &register), "a gap is refused");
        assert!(image.apply(0, &register));
        assert!(image.apply(0, &register), "a repeat is ignored");
        assert_eq!(image.offset, 1);
        assert!(image.is_isr_eligible(1));
        image.apply(1, &MetadataRecord::BrokerFencing { broker: 1, fenced: true });
        assert!(!image.is_isr_eligible(1));
    }
}
