//! The leader's ISR management, on the broker that leads: drop followers that have not
//! caught up for replica.lag.time.max.ms, add back followers that reached the HW, each
//! through an AlterPartition request the controller must commit (`Partition.maybeShrinkIsr`,
//! `maybeExpandIsr`, KIP-497). The proposal and the request go to the `Ctx`'s outbox.
use crate::sim::broker::Broker;
use crate::sim::ctx::Ctx;
use crate::sim::event::{EventKind, IsrChange, IsrChangeReason};
use crate::sim::ids::{BrokerId, NodeId, PartitionId};
use crate::sim::message::{AlterPartition, AlterPartitionResponse, Message};
use crate::sim::replica::{PendingIsrChange, Replica};

impl Broker {
    /// The periodic ISR check (every replica.lag.time.max.ms / 2): every partition this
    /// broker leads drops its lagging followers.
    pub fn shrink_lagging_isrs(&mut self, cx: &mut Ctx) {
        let led: Vec<PartitionId> = self.replicas.values().filter(|r| r.is_leader()).map(|r| r.partition).collect();
        for partition in led {
            self.maybe_shrink_isr(partition, cx);
        }
    }

    /// Proposes the ISR without the followers not caught up within the lag limit
    /// (KAFKA-RULES.md, "ISR": caught up = at the leader's LEO, or caught up within the
    /// last replica.lag.time.max.ms).
    pub fn maybe_shrink_isr(&mut self, partition: PartitionId, cx: &mut Ctx) {
        let id = self.id;
        let Some(replica) = self.replicas.get_mut(&partition) else { return };
        if !replica.may_propose_isr_change(cx) {
            return;
        }
        let leo = replica.log.leo();
        let Some(state) = replica.leader_state() else { return };
        let out_of_sync = state.out_of_sync(id, leo, cx.now, cx.config.replica_lag_time_max_ms);
        if out_of_sync.is_empty() {
            return;
        }
        let new_isr: Vec<BrokerId> = state.isr.iter().copied().filter(|b| !out_of_sync.contains(b)).collect();
        replica.propose_isr(id, new_isr, IsrChangeReason::Lagging, cx);
    }

    /// A follower outside the ISR rejoins once it holds everything below the HW and
    /// everything up to the start of the leader's current epoch, and its broker may join
    /// an ISR (`isFollowerInSync`, `Partition.isReplicaIsrEligible`).
    pub fn maybe_expand_isr(&mut self, partition: PartitionId, follower: BrokerId, cx: &mut Ctx) {
        let (id, image) = (self.id, &self.image);
        let Some(replica) = self.replicas.get_mut(&partition) else { return };
        let Some(state) = replica.leader_state() else { return };
        if state.isr.contains(&follower) || !image.is_isr_eligible(follower) {
            return;
        }
        let Some(follower_leo) = state.follower(follower).and_then(|f| f.leo) else { return };
        if follower_leo < replica.hw || follower_leo < state.epoch_start_offset {
            return;
        }
        let mut new_isr = state.isr.clone();
        new_isr.push(follower);
        if replica.may_propose_isr_change(cx) {
            replica.propose_isr(id, new_isr, IsrChangeReason::CaughtUp, cx);
        }
    }

    /// The controller answered an AlterPartition: the change is no longer pending (its
    /// outcome arrives as metadata); a refusal is reported.
    pub fn on_alter_partition_response(&mut self, response: &AlterPartitionResponse, cx: &mut Ctx) {
        let Some(replica) = self.replicas.get_mut(&response.partition) else { return };
        let Some(state) = replica.leader_state_mut() else { return };
        if state.pending_isr.as_ref().is_some_and(|p| p.request == response.request) {
            state.pending_isr = None;
        }
        if let Err(error) = response.result {
            cx.emit(EventKind::IsrChangeRejected { leader: self.id, partition: response.partition, error });
        }
    }
}

impl Replica {
    /// Whether the leader may propose an ISR change now: not while one is pending,
    /// unless that one has gone unanswered past request.timeout.ms (a cut link).
    pub fn may_propose_isr_change(&mut self, cx: &Ctx) -> bool {
        let timeout_ms = cx.config.request_timeout_ms;
        let Some(state) = self.leader_state_mut() else { return false };
        match &state.pending_isr {
            Some(pending) if cx.now < pending.sent_at + timeout_ms => false,
            _ => {
                state.pending_isr = None;
                true
            }
        }
    }

    /// Sends the controller an AlterPartition for `new_isr` and keeps it pending; until
    /// it is answered the HW counts the maximal ISR (KIP-497).
    pub fn propose_isr(&mut self, leader: BrokerId, new_isr: Vec<BrokerId>, reason: IsrChangeReason, cx: &mut Ctx) {
        let request = cx.request_ids.allocate();
        let (partition, leader_epoch) = (self.partition, self.epoch);
        let Some(state) = self.leader_state_mut() else { return };
        let from = state.isr.clone();
        state.pending_isr = Some(PendingIsrChange { request, proposed: new_isr.clone(), sent_at: cx.now });
        let alter = AlterPartition {
            request,
            leader,
            partition,
            leader_epoch,
            partition_epoch: state.partition_epoch,
            new_isr: new_isr.clone(),
        };
        let change = Box::new(IsrChange { from, to: new_isr });
        cx.emit(EventKind::IsrChangeProposed { leader, partition, change, reason });
        cx.send(NodeId::Broker(leader), NodeId::Controller, Message::AlterPartition(alter));
    }
}

#[cfg(test)]
#[path = "leader_isr_tests.rs"]
mod tests;
