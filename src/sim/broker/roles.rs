//! A broker applies metadata from the controller and takes up its roles: leader of the
//! partitions the metadata says it leads, follower of the rest it hosts
//! (`ReplicaManager.applyDelta`: `makeLeader` / `makeFollower`; `Partition.makeLeader`).
use crate::sim::broker::Broker;
use crate::sim::config::TruncationMode;
use crate::sim::ctx::Ctx;
use crate::sim::event::{EventKind, TruncationReason};
use crate::sim::ids::PartitionId;
use crate::sim::metadata::{MetadataRecord, PartitionState};
use crate::sim::records::ErrorCode;
use crate::sim::replica::{FollowerProgress, LeaderState, Replica, Role};
use crate::sim::topic::settings_of;

impl Broker {
    /// Applies metadata records in order; stops at a gap (the heartbeat fills it). Then
    /// every partition the records touched gets the role the image gives it here.
    pub fn apply_metadata(&mut self, records: &[(u64, MetadataRecord)], cx: &mut Ctx) {
        let mut touched = Vec::new();
        for (offset, record) in records {
            if !self.image.apply(*offset, record) {
                break;
            }
            if let MetadataRecord::Partition { partition, .. } = record {
                if !touched.contains(partition) {
                    touched.push(*partition);
                }
            }
        }
        for partition in touched {
            self.apply_partition_state(partition, cx);
        }
    }

    fn apply_partition_state(&mut self, partition: PartitionId, cx: &mut Ctx) {
        let id = self.id;
        let Some(state) = self.image.partition(partition).cloned() else { return };
        if !state.is_replica(id) {
            return;
        }
        let replica = self.replicas.get_or_insert_with(partition, || Replica::new(partition));
        let same_epoch = replica.epoch == state.leader_epoch;
        match (&replica.role, state.leader == Some(id)) {
            (Role::Leader(_), true) if same_epoch => self.leader_apply_isr(partition, &state, cx),
            (Role::Follower { leader }, false) if same_epoch && *leader == state.leader => {}
            (_, true) => self.become_leader(partition, &state, cx),
            (_, false) => self.become_follower(partition, &state, cx),
        }
    }

    /// The committed ISR reached the leader: adopt it, and drop a pending change the
    /// controller has now decided (accepted, or overtaken by a newer partition epoch).
    fn leader_apply_isr(&mut self, partition: PartitionId, state: &PartitionState, cx: &mut Ctx) {
        let replica = self.replicas.get_mut(&partition).expect("replica exists");
        let Some(leader) = replica.leader_state_mut() else { return };
        leader.isr = state.isr.clone();
        leader.partition_epoch = state.partition_epoch;
        leader.pending_isr = None;
        self.maybe_advance_hw(partition, cx);
    }

    /// `Partition.makeLeader`: a new leader epoch starts at the log end; every follower's
    /// progress is unknown until it fetches. The topic's settings say what the leader
    /// enforces (min.insync.replicas, the replication factor).
    fn become_leader(&mut self, partition: PartitionId, state: &PartitionState, cx: &mut Ctx) {
        self.step_down(partition, cx);
        let (id, now) = (self.id, cx.now);
        let (min_isr, rf) = settings_of(cx.topics, partition, cx.config.min_insync_replicas);
        let replica = self.replicas.get_mut(&partition).expect("replica exists");
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
        }));
        cx.emit(EventKind::BecameLeader { broker: id, partition, epoch: state.leader_epoch, leo });
        self.maybe_advance_hw(partition, cx);
    }

    /// `Partition.makeFollower`, then the fetcher takes the partition up
    /// (`ReplicaFetcherManager.addFetcherForPartitions`).
    fn become_follower(&mut self, partition: PartitionId, state: &PartitionState, cx: &mut Ctx) {
        self.step_down(partition, cx);
        let id = self.id;
        let replica = self.replicas.get_mut(&partition).expect("replica exists");
        replica.epoch = state.leader_epoch;
        replica.role = Role::Follower { leader: state.leader };
        replica.fetch_backoff_until = 0;
        if cx.config.truncation == TruncationMode::HighWatermark {
            // Before KIP-101 a new follower cut its log back to its own HW before
            // fetching: whatever it held past the HW might not be on the new leader.
            let hw = replica.hw;
            replica.truncate(id, hw, TruncationReason::HighWatermark, cx);
        }
        cx.emit(EventKind::BecameFollower { broker: id, partition, leader: state.leader, epoch: state.leader_epoch });
        if let Some(leader) = state.leader {
            // Adding a partition wakes the fetcher from its backoff (AbstractFetcherThread
            // .addPartitions signals it), so a new leader is fetched from at once.
            if let Some(session) = self.fetchers.get_mut(&leader) {
                session.backoff_until = 0;
            }
            self.maybe_send_fetch(leader, cx);
        }
    }

    /// A leader losing leadership answers what it had parked: the partition's part of each
    /// acks=all write gets NOT_LEADER_OR_FOLLOWER (a write that also waits on another
    /// partition still waits for it), parked fetches for the partition are answered now.
    fn step_down(&mut self, partition: PartitionId, cx: &mut Ctx) {
        let replica = self.replicas.get_mut(&partition).expect("replica exists");
        let Role::Leader(_) = std::mem::replace(&mut replica.role, Role::Unknown) else { return };
        self.settle_delayed_partition(partition, ErrorCode::NotLeaderOrFollower, cx);
        self.complete_parked_fetches(Some(partition), cx);
    }
}

#[cfg(test)]
#[path = "roles_tests.rs"]
mod tests;
