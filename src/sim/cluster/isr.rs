//! The leader's ISR management: drop followers that have not caught up for
//! replica.lag.time.max.ms, add back followers that reached the HW, each through an
//! AlterPartition request the controller must commit (`Partition.maybeShrinkIsr`,
//! `maybeExpandIsr`, KIP-497).
use super::Cluster;
use crate::sim::event::{EventKind, IsrChangeReason};
use crate::sim::ids::{BrokerId, NodeId, PartitionId};
use crate::sim::message::{AlterPartition, AlterPartitionResponse, Message};
use crate::sim::replica::PendingIsrChange;

impl Cluster {
    /// Whether the leader may propose an ISR change now: not while one is pending,
    /// unless that one has gone unanswered past the request timeout (a cut link).
    fn may_propose_isr_change(&mut self, id: BrokerId, partition: PartitionId) -> bool {
        let timeout = self.config.request_timeout_ms;
        let now = self.now;
        let Some(state) = self.replica_mut(id, partition).leader_state_mut() else { return false };
        match &state.pending_isr {
            Some(pending) if now < pending.sent_at + timeout => false,
            _ => {
                state.pending_isr = None;
                true
            }
        }
    }

    pub(crate) fn maybe_shrink_isr(&mut self, id: BrokerId, partition: PartitionId) {
        if !self.may_propose_isr_change(id, partition) {
            return;
        }
        let (now, lag) = (self.now, self.config.replica_lag_time_max_ms);
        let replica = self.replica(id, partition).expect("leader replica");
        let leo = replica.log.leo();
        let Some(state) = replica.leader_state() else { return };
        let out_of_sync = state.out_of_sync(id, leo, now, lag);
        if out_of_sync.is_empty() {
            return;
        }
        let new_isr: Vec<BrokerId> = state.isr.iter().copied().filter(|b| !out_of_sync.contains(b)).collect();
        self.propose_isr(id, partition, new_isr, IsrChangeReason::Lagging);
    }

    /// A follower outside the ISR rejoins once it holds everything below the HW and
    /// everything up to the start of the leader's current epoch (`isFollowerInSync`).
    pub(crate) fn maybe_expand_isr(&mut self, id: BrokerId, partition: PartitionId, follower: BrokerId) {
        let broker = &self.brokers[&id];
        let Some(replica) = broker.replicas.get(&partition) else { return };
        let Some(state) = replica.leader_state() else { return };
        if state.isr.contains(&follower) || !broker.image.is_isr_eligible(follower) {
            return;
        }
        let Some(follower_leo) = state.follower(follower).and_then(|f| f.leo) else { return };
        if follower_leo < replica.hw || follower_leo < state.epoch_start_offset {
            return;
        }
        let mut new_isr = state.isr.clone();
        new_isr.push(follower);
        if self.may_propose_isr_change(id, partition) {
            self.propose_isr(id, partition, new_isr, IsrChangeReason::CaughtUp);
        }
    }

    fn propose_isr(&mut self, id: BrokerId, partition: PartitionId, new_isr: Vec<BrokerId>, reason: IsrChangeReason) {
        let request = self.net.new_request_id();
        let now = self.now;
        let replica = self.replica_mut(id, partition);
        let leader_epoch = replica.epoch;
        let Some(state) = replica.leader_state_mut() else { return };
        let from = state.isr.clone();
        state.pending_isr = Some(PendingIsrChange { request, proposed: new_isr.clone(), sent_at: now });
        let alter = AlterPartition {
            request,
            leader: id,
            partition,
            leader_epoch,
            partition_epoch: state.partition_epoch,
            new_isr: new_isr.clone(),
        };
        let change = Box::new(crate::sim::event::IsrChange { from, to: new_isr });
        self.emit(EventKind::IsrChangeProposed { leader: id, partition, change, reason });
        self.send(NodeId::Broker(id), NodeId::Controller, Message::AlterPartition(alter));
    }

    pub(crate) fn leader_handle_alter_partition_response(&mut self, id: BrokerId, response: AlterPartitionResponse) {
        let Some(replica) = self.brokers.get_mut(&id).and_then(|b| b.replicas.get_mut(&response.partition)) else {
            return;
        };
        let Some(state) = replica.leader_state_mut() else { return };
        if state.pending_isr.as_ref().is_some_and(|p| p.request == response.request) {
            state.pending_isr = None;
        }
        if let Err(error) = response.result {
            self.emit(EventKind::IsrChangeRejected { leader: id, partition: response.partition, error });
        }
    }
}
