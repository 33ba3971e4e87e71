//! A broker applies metadata from the controller and takes up its roles: leader of the
//! partitions the metadata says it leads, follower of the rest it hosts
//! (`ReplicaManager.applyDelta`: makeLeader / makeFollower).
use super::Cluster;
use crate::sim::config::TruncationMode;
use crate::sim::event::{EventKind, TruncationReason};
use crate::sim::ids::{BrokerId, PartitionId};
use crate::sim::metadata::{MetadataRecord, PartitionState};
use crate::sim::records::ErrorCode;
use crate::sim::replica::{FollowerProgress, LeaderState, Replica, Role};

impl Cluster {
    /// Applies metadata records in order; stops at a gap (the heartbeat fills it).
    pub(crate) fn broker_apply_metadata(&mut self, id: BrokerId, records: &[(u64, MetadataRecord)]) {
        let Some(broker) = self.brokers.get_mut(&id) else { return };
        let mut touched = Vec::new();
        for (offset, record) in records {
            if !broker.image.apply(*offset, record) {
                break;
            }
            if let MetadataRecord::Partition { partition, .. } = record {
                if !touched.contains(partition) {
                    touched.push(*partition);
                }
            }
        }
        for partition in touched {
            self.apply_partition_state(id, partition);
        }
    }

    fn apply_partition_state(&mut self, id: BrokerId, partition: PartitionId) {
        let broker = self.brokers.get_mut(&id).expect("caller checked");
        let Some(state) = broker.image.partition(partition).cloned() else { return };
        if !state.is_replica(id) {
            return;
        }
        let replica = broker.replicas.get_or_insert_with(partition, || Replica::new(partition));
        let same_epoch = replica.epoch == state.leader_epoch;
        match (&replica.role, state.leader == Some(id)) {
            (Role::Leader(_), true) if same_epoch => self.leader_apply_isr(id, partition, &state),
            (Role::Follower { leader }, false) if same_epoch && *leader == state.leader => {}
            (_, true) => self.become_leader(id, partition, &state),
            (_, false) => self.become_follower(id, partition, &state),
        }
    }

    /// The committed ISR reached the leader: adopt it, and drop a pending change the
    /// controller has now decided (accepted, or overtaken by a newer partition epoch).
    fn leader_apply_isr(&mut self, id: BrokerId, partition: PartitionId, state: &PartitionState) {
        let replica = self.replica_mut(id, partition);
        let Some(leader) = replica.leader_state_mut() else { return };
        leader.isr = state.isr.clone();
        leader.partition_epoch = state.partition_epoch;
        leader.pending_isr = None;
        self.with_broker(id, |broker, cx| broker.maybe_advance_hw(partition, cx));
    }

    fn become_leader(&mut self, id: BrokerId, partition: PartitionId, state: &PartitionState) {
        self.step_down(id, partition);
        let now = self.now;
        let (min_isr, rf) = self.topic_settings(partition);
        let replica = self.replica_mut(id, partition);
        replica.epoch = state.leader_epoch;
        replica.log.start_epoch(state.leader_epoch);
        let leo = replica.log.leo();
        let followers = state
            .replicas
            .iter()
            .filter(|b| **b != id)
            .map(|b| FollowerProgress::new(*b, state.in_isr(*b), leo, now))
            .collect();
        replica.role = Role::Leader(Box::new(LeaderState {
            epoch_start_offset: leo,
            isr: state.isr.clone(),
            partition_epoch: state.partition_epoch,
            min_isr,
            replication_factor: rf,
            pending_isr: None,
            followers,
            delayed_produces: Vec::new(),
        }));
        self.emit(EventKind::BecameLeader { broker: id, partition, epoch: state.leader_epoch, leo });
        self.with_broker(id, |broker, cx| broker.maybe_advance_hw(partition, cx));
    }

    fn become_follower(&mut self, id: BrokerId, partition: PartitionId, state: &PartitionState) {
        self.step_down(id, partition);
        let truncate_to_hw = self.config.truncation == TruncationMode::HighWatermark;
        let replica = self.replica_mut(id, partition);
        replica.epoch = state.leader_epoch;
        replica.role = Role::Follower { leader: state.leader };
        replica.fetch_backoff_until = 0;
        if truncate_to_hw {
            // Before KIP-101 a new follower cut its log back to its own HW before
            // fetching: whatever it held past the HW might not be on the new leader.
            let hw = replica.hw;
            self.truncate_replica(id, partition, hw, TruncationReason::HighWatermark);
        }
        self.emit(EventKind::BecameFollower { broker: id, partition, leader: state.leader, epoch: state.leader_epoch });
        if let Some(leader) = state.leader {
            // Adding a partition wakes the fetcher from its backoff (AbstractFetcherThread
            // .addPartitions signals it), so a new leader is fetched from at once.
            if let Some(session) = self.brokers.get_mut(&id).and_then(|b| b.fetchers.get_mut(&leader)) {
                session.backoff_until = 0;
            }
            self.with_broker(id, |broker, cx| broker.maybe_send_fetch(leader, cx));
        }
    }

    /// A leader losing leadership answers what it had parked: acks=all writes get
    /// NOT_LEADER_OR_FOLLOWER, parked fetches for the partition are answered now.
    fn step_down(&mut self, id: BrokerId, partition: PartitionId) {
        let replica = self.replica_mut(id, partition);
        let Role::Leader(state) = std::mem::replace(&mut replica.role, Role::Unknown) else { return };
        self.with_broker(id, |broker, cx| {
            for delayed in state.delayed_produces {
                crate::sim::leader_hw::answer_delayed(cx, id, partition, &delayed, ErrorCode::NotLeaderOrFollower);
            }
            broker.complete_parked_fetches(Some(partition), cx);
        });
    }

    /// Truncates a replica's log (and its HW) and reports it (`Replica::truncate`).
    fn truncate_replica(&mut self, id: BrokerId, partition: PartitionId, to: u64, reason: TruncationReason) {
        self.with_broker(id, |broker, cx| {
            let replica = broker.replicas.get_mut(&partition).expect("replica exists");
            replica.truncate(id, to, reason, cx);
        });
    }

    pub(crate) fn replica_mut(&mut self, id: BrokerId, partition: PartitionId) -> &mut Replica {
        self.brokers.get_mut(&id).and_then(|b| b.replicas.get_mut(&partition)).expect("replica exists")
    }

    pub(crate) fn replica(&self, id: BrokerId, partition: PartitionId) -> Option<&Replica> {
        self.brokers.get(&id).and_then(|b| b.replicas.get(&partition))
    }

    /// (min.insync.replicas, replication factor) of the partition's topic.
    pub(crate) fn topic_settings(&self, partition: PartitionId) -> (u32, u32) {
        self.topic_of(partition).map_or((1, 1), |(t, _)| (t.min_isr, t.replication_factor))
    }
}
