//! `topic create`: the controller places replicas (Kafka's `assignReplicasToBrokers` or a
//! KRaft controller's `StripedReplicaPlacer`, or an explicit assignment), makes the first
//! unfenced replica of each partition its leader in epoch 0, and commits the topic to the
//! metadata log.
use super::commands::MAX_PARTITIONS;
use super::{Cluster, Topic};
use crate::sim::error::SimError;
use crate::sim::event::{ElectionKind, EventKind};
use crate::sim::ids::{BrokerId, PartitionId};
use crate::sim::metadata::{MetadataRecord, PartitionState};
use crate::sim::placement::{assign_replicas, BrokerPlacement, Placer};
use crate::sim::placement_striped::{place_striped, UsableBroker};

use super::TopicSpec;

impl Cluster {
    pub(crate) fn create_topic(&mut self, spec: TopicSpec) -> Result<(), SimError> {
        self.check_topic_spec(&spec)?;
        if self.controller.active.is_none() {
            return Err(SimError::NoActiveController);
        }
        let placer = spec.placer.unwrap_or(self.config.placer);
        let (assignment, placed_by) = match &spec.replicas {
            Some(replicas) => (self.check_assignment(&spec, replicas)?, None),
            None => (self.place_replicas(&spec, placer)?, Some(placer)),
        };
        // Only the override is kept: a topic without one follows the default as it changes.
        let min_isr = spec.min_isr;
        let first = PartitionId(self.partition_count());
        self.topics.push(Topic {
            name: spec.name.clone(),
            first_partition: first,
            partitions: spec.partitions,
            replication_factor: spec.replication_factor,
            min_isr,
            placed_by,
        });
        let mut records = vec![MetadataRecord::Topic {
            name: spec.name.clone(),
            first_partition: first,
            partitions: spec.partitions,
            min_isr,
        }];
        let mut elected = Vec::new();
        for (i, replicas) in assignment.into_iter().enumerate() {
            let partition = PartitionId(first.0 + i as u32);
            let isr: Vec<BrokerId> =
                replicas.iter().copied().filter(|b| self.controller.image.is_isr_eligible(*b)).collect();
            let leader = isr.first().copied();
            elected.push(EventKind::LeaderElected {
                partition,
                leader,
                epoch: 0,
                isr: isr.as_slice().into(),
                kind: ElectionKind::Initial,
            });
            let state = PartitionState {
                replicas,
                isr,
                elr: Vec::new(),
                last_known_leader: None,
                leader,
                leader_epoch: 0,
                partition_epoch: 0,
                recovering: false,
            };
            records.push(MetadataRecord::Partition { partition, state });
        }
        self.emit(EventKind::TopicCreated {
            first_partition: first,
            partitions: spec.partitions,
            rf: spec.replication_factor,
            min_isr: crate::sim::topic::resolve_min_isr(min_isr, self.config.min_insync_replicas),
        });
        for event in elected {
            self.emit(event);
        }
        self.with_controller(|c| c.controller_commit(records));
        self.observe();
        Ok(())
    }

    fn check_topic_spec(&self, spec: &TopicSpec) -> Result<(), SimError> {
        let valid_name = !spec.name.is_empty()
            && spec.name.len() <= 249
            && spec.name != "."
            && spec.name != ".."
            && spec.name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
        if !valid_name {
            return Err(SimError::InvalidTopicName(spec.name.clone()));
        }
        if self.topics.iter().any(|t| t.name == spec.name) {
            return Err(SimError::TopicExists(spec.name.clone()));
        }
        let total = self.partition_count() as u64 + spec.partitions as u64;
        if total > MAX_PARTITIONS as u64 {
            let existing = self.partition_count();
            return Err(SimError::TooManyPartitions { requested: spec.partitions, existing, limit: MAX_PARTITIONS });
        }
        if spec.min_isr == Some(0) {
            return Err(SimError::InvalidMinIsr { min_isr: 0, rf: spec.replication_factor });
        }
        Ok(())
    }

    /// Places over every registered broker: a KRaft controller counts fenced brokers as
    /// registered for the replication factor (`ClusterControlManager.usableBrokers`) and
    /// only keeps the leader off them (`StripedReplicaPlacer`; with `assignReplicasToBrokers`
    /// the first unfenced replica leads at creation).
    fn place_replicas(&mut self, spec: &TopicSpec, placer: Placer) -> Result<Vec<Vec<BrokerId>>, SimError> {
        if placer == Placer::Striped {
            let brokers: Vec<UsableBroker> = (self.controller.image.brokers.iter())
                .map(|(id, r)| UsableBroker { id: *id, rack: r.rack.clone(), fenced: r.fenced })
                .collect();
            return Ok(place_striped(&brokers, spec.partitions, spec.replication_factor, &mut self.rng)?);
        }
        self.assign_replicas_to_brokers(spec)
    }

    /// Kafka's `assignReplicasToBrokers` (rack-aware when every broker has a rack).
    /// `start=K` fixes start index and shift; else both are drawn from the seed, as Kafka
    /// draws them at random.
    fn assign_replicas_to_brokers(&mut self, spec: &TopicSpec) -> Result<Vec<Vec<BrokerId>>, SimError> {
        let brokers: Vec<BrokerPlacement> = (self.controller.image.brokers.iter())
            .map(|(id, r)| BrokerPlacement { id: *id, rack: r.rack.clone() })
            .collect();
        let n = brokers.len() as u64;
        let (start, shift) = match spec.start {
            Some(k) => (k, k),
            None => (self.rng.below(n) as u32, self.rng.below(n) as u32),
        };
        Ok(assign_replicas(&brokers, spec.partitions, spec.replication_factor, start, shift)?)
    }

    fn check_assignment(&self, spec: &TopicSpec, replicas: &[Vec<BrokerId>]) -> Result<Vec<Vec<BrokerId>>, SimError> {
        let bad = |why: String| Err(SimError::BadReplicaAssignment(why));
        if replicas.len() != spec.partitions as usize {
            return bad(format!("{} lists for {} partitions", replicas.len(), spec.partitions));
        }
        for (p, list) in replicas.iter().enumerate() {
            if list.len() != spec.replication_factor as usize {
                return bad(format!("partition {p} has {} replicas but rf is {}", list.len(), spec.replication_factor));
            }
            if let Some(unknown) = list.iter().find(|b| !self.brokers.contains_key(b)) {
                return bad(format!("partition {p} names broker {unknown}, which does not exist"));
            }
            let mut sorted = list.clone();
            crate::sim::sorting::sort_ids(&mut sorted);
            sorted.dedup();
            if sorted.len() != list.len() {
                return bad(format!("partition {p} names a broker twice"));
            }
        }
        Ok(replicas.to_vec())
    }
}
