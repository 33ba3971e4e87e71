//! Questions a script's `expect` / `await` (and the UI) ask of the cluster. Partition
//! facts (leader, epoch, ISR) are what the controller has committed; log facts (HW,
//! LEO, records) are read from the named broker's replica, by default the leader's.
use std::fmt;

use super::Cluster;
use crate::sim::ids::{BrokerId, PartitionId, RecordId};
use crate::sim::records::{Delivery, ErrorCode};
use crate::sim::SimError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryError {
    UnknownBroker(BrokerId),
    NotAReplica { broker: BrokerId, partition: String },
    NoLeader(String),
    UnknownRecord(String),
    UnknownClient(String),
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::UnknownBroker(b) => write!(f, "there is no broker {b}"),
            QueryError::NotAReplica { broker, partition } => {
                write!(f, "broker {broker} holds no replica of {partition}")
            }
            QueryError::NoLeader(p) => write!(f, "{p} has no leader"),
            QueryError::UnknownRecord(v) => write!(f, "no record with value '{v}' was produced"),
            QueryError::UnknownClient(c) => write!(f, "there is no client named '{c}'"),
        }
    }
}

impl Cluster {
    pub fn leader_of(&self, partition: PartitionId) -> Option<BrokerId> {
        self.controller.image.partition(partition).and_then(|s| s.leader)
    }

    pub fn epoch_of(&self, partition: PartitionId) -> u32 {
        self.controller.image.partition(partition).map_or(0, |s| s.leader_epoch)
    }

    pub fn replicas_of(&self, partition: PartitionId) -> Vec<BrokerId> {
        self.controller.image.partition(partition).map_or_else(Vec::new, |s| s.replicas.clone())
    }

    pub fn isr_of(&self, partition: PartitionId) -> Vec<BrokerId> {
        self.controller.image.partition(partition).map_or_else(Vec::new, |s| s.isr.clone())
    }

    /// The answer to the last operator election asked for the partition.
    pub fn election_result(&self, partition: PartitionId) -> Option<crate::sim::controller::ElectionResult> {
        self.controller.election_results.get(&partition).copied()
    }

    /// The Eligible Leader Replicas the controller has committed (KIP-966).
    pub fn elr_of(&self, partition: PartitionId) -> Vec<BrokerId> {
        self.controller.image.partition(partition).map_or_else(Vec::new, |s| s.elr.clone())
    }

    /// The last known leader the controller keeps while the partition has none (KIP-966).
    pub fn last_known_leader_of(&self, partition: PartitionId) -> Option<BrokerId> {
        self.controller.image.partition(partition).and_then(|s| s.last_known_leader)
    }

    /// `LeaderRecoveryState.RECOVERING` (KIP-704): elected uncleanly, and no AlterPartition
    /// from the leader since.
    pub fn is_leader_recovering(&self, partition: PartitionId) -> bool {
        self.controller.image.partition(partition).is_some_and(|s| s.recovering)
    }

    /// Resolves `T-P[@B]`: broker B's replica, or the leader's.
    fn replica_for_query(
        &self,
        partition: PartitionId,
        broker: Option<BrokerId>,
    ) -> Result<&crate::sim::replica::Replica, QueryError> {
        let name = || self.partition_name(partition);
        let broker = match broker {
            Some(b) => b,
            None => self.leader_of(partition).ok_or_else(|| QueryError::NoLeader(name()))?,
        };
        if !self.brokers.contains_key(&broker) {
            return Err(QueryError::UnknownBroker(broker));
        }
        self.replica(broker, partition).ok_or_else(|| QueryError::NotAReplica { broker, partition: name() })
    }

    pub fn replica_hw(&self, partition: PartitionId, broker: Option<BrokerId>) -> Result<u64, QueryError> {
        Ok(self.replica_for_query(partition, broker)?.hw)
    }

    pub fn replica_leo(&self, partition: PartitionId, broker: Option<BrokerId>) -> Result<u64, QueryError> {
        Ok(self.replica_for_query(partition, broker)?.log.leo())
    }

    pub fn replica_log(&self, partition: PartitionId, broker: Option<BrokerId>) -> Result<Vec<String>, QueryError> {
        let replica = self.replica_for_query(partition, broker)?;
        Ok(replica.log.records().map(|r| self.records.value(r).to_string()).collect())
    }

    fn record_by_value(&self, value: &str) -> Result<Option<RecordId>, QueryError> {
        if let Some(id) = self.records.find(value) {
            return Ok(Some(id));
        }
        let waiting =
            self.clients.iter().filter_map(|c| c.as_producer()).any(|p| p.unrouted.iter().any(|u| u.value == value));
        if waiting {
            Ok(None) // sent to a topic, waiting for the producer's metadata
        } else {
            Err(QueryError::UnknownRecord(value.to_string()))
        }
    }

    pub fn is_acked(&self, value: &str) -> Result<bool, QueryError> {
        Ok(self.record_by_value(value)?.is_some_and(|id| self.records.meta(id).delivery == Delivery::Acked))
    }

    pub fn last_response(&self, value: &str) -> Result<Option<ErrorCode>, QueryError> {
        Ok(self.record_by_value(value)?.and_then(|id| self.records.meta(id).last_response))
    }

    pub fn responses(&self, value: &str) -> Result<Vec<ErrorCode>, QueryError> {
        Ok(self.record_by_value(value)?.map_or_else(Vec::new, |id| self.records.responses(id)))
    }

    pub fn count_in_leader(&self, partition: PartitionId, value: &str) -> Result<u64, QueryError> {
        let replica = self.replica_for_query(partition, None)?;
        Ok(replica.log.records().filter(|r| self.records.value(*r) == value).count() as u64)
    }

    /// Acknowledged values missing from their partition's current leader, in send order.
    pub fn lost(&self) -> Result<Vec<String>, QueryError> {
        let mut lost = Vec::new();
        for id in self.records.ids() {
            let meta = self.records.meta(id);
            if meta.delivery != Delivery::Acked {
                continue;
            }
            let replica = self.replica_for_query(meta.partition, None)?;
            let at_offset = replica.log.record_at(meta.acked_offset as u64) == Some(id);
            if !at_offset && replica.log.position_of(id).is_none() {
                lost.push(self.records.value(id).to_string());
            }
        }
        Ok(lost)
    }

    /// True when two live replicas hold different records at the same offset.
    pub fn diverged(&self, partition: PartitionId) -> bool {
        let logs: Vec<&crate::sim::log::ReplicaLog> = self
            .brokers
            .values()
            .filter(|b| b.is_alive())
            .filter_map(|b| b.replicas.get(&partition))
            .map(|r| &r.log)
            .collect();
        logs.iter()
            .enumerate()
            .any(|(i, a)| logs[i + 1..].iter().any(|b| a.records().zip(b.records()).any(|(x, y)| x != y)))
    }

    pub fn active_controller(&self) -> Option<u32> {
        self.controller.active
    }

    pub fn is_fenced(&self, broker: BrokerId) -> Result<bool, QueryError> {
        if !self.brokers.contains_key(&broker) {
            return Err(QueryError::UnknownBroker(broker));
        }
        Ok(self.controller.image.brokers.get(&broker).is_none_or(|r| r.fenced))
    }

    pub fn broker_exists(&self, broker: BrokerId) -> bool {
        self.brokers.contains_key(&broker)
    }

    pub fn safety_violations(&self) -> u64 {
        self.checker.violations()
    }

    /// The names of the safety properties violated so far, in the order reported.
    pub fn violated_properties(&self) -> Vec<&'static str> {
        self.checker.violated_properties().iter().map(|p| p.name()).collect()
    }

    pub fn topic_names(&self) -> Vec<String> {
        self.topics.iter().map(|t| t.name.clone()).collect()
    }

    pub fn partition_by_name(&self, topic: &str, index: u32) -> Option<PartitionId> {
        self.partition_of(topic, index)
    }

    /// The algorithm that placed a topic; `None` when `replicas=` gave its assignment.
    pub fn topic_placed_by(&self, topic: &str) -> Result<Option<crate::sim::placement::Placer>, SimError> {
        let topic = self.topics.iter().find(|t| t.name == topic).ok_or_else(|| SimError::UnknownTopic(topic.into()))?;
        Ok(topic.placed_by)
    }

    /// A topic as created (name, partitions, replication factor, its own min.insync.replicas):
    /// what `kafka-topics --describe` prints in its header.
    pub fn topic_by_name(&self, topic: &str) -> Option<&crate::sim::topic::Topic> {
        self.topics.iter().find(|t| t.name == topic)
    }

    pub fn topic_partition_count(&self, topic: &str) -> Option<u32> {
        self.topics.iter().find(|t| t.name == topic).map(|t| t.partitions)
    }

    pub(crate) fn replica(&self, id: BrokerId, partition: PartitionId) -> Option<&crate::sim::replica::Replica> {
        self.brokers.get(&id).and_then(|b| b.replicas.get(&partition))
    }

    /// (min.insync.replicas, replication factor) of the partition's topic, the default now
    /// for a topic without its own.
    pub(crate) fn topic_settings(&self, partition: PartitionId) -> (u32, u32) {
        crate::sim::topic::settings_of(&self.topics, partition, self.config.min_insync_replicas)
    }
}

impl Cluster {
    /// Values of the acknowledged records of a partition, in acknowledgement order.
    pub fn acked_values_in(&self, partition: PartitionId) -> Vec<String> {
        self.records.acked_in(partition).map(|r| self.records.value(r).to_string()).collect()
    }
}
