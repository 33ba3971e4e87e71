//! Leader elections and controller-driven ISR changes (`ReplicationControlManager`): fencing,
//! unclean restarts, controlled shutdown, preferred and automatic rebalance elections, and
//! unclean elections when enabled. Each change is built by `partition_change::build`
//! (Kafka's `PartitionChangeBuilder`, with Eligible Leader Replicas) and committed here.
use crate::sim::controller::context::ControllerCtx;
use crate::sim::controller::ElectionResult;
use crate::sim::ctx::Acts;
use crate::sim::event::{ControllerIsrReason, ElectionKind, EventKind, FenceReason};
use crate::sim::ids::{BrokerId, PartitionId};
use crate::sim::metadata::{MetadataRecord, PartitionState};
use crate::sim::partition_change::{build, Change, ChangeRequest, Election};
use crate::sim::queue::Timer;
use crate::sim::topic::resolve_min_isr;

impl ControllerCtx<'_> {
    /// A broker that may lead or join an ISR: registered, unfenced, not shutting down
    /// (`ClusterControlManager.isActive`).
    fn usable(&self, broker: BrokerId) -> bool {
        self.controller.image.is_isr_eligible(broker)
    }

    fn partition_states(&self) -> Vec<(PartitionId, PartitionState)> {
        self.controller
            .image
            .partitions
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.as_deref().map(|s| (PartitionId(i as u32), s.clone())))
            .collect()
    }

    /// The controller's request for one partition: `min(min.insync.replicas, replicas)`
    /// (`getTopicEffectiveMinIsr`), ELR as configured, and the online election unless
    /// unclean election is enabled.
    pub(crate) fn change_request(
        &self,
        partition: PartitionId,
        old: &PartitionState,
        target_isr: Vec<BrokerId>,
    ) -> ChangeRequest {
        // The topic's own value, else the default as it is now (Kafka reads it through
        // `ConfigurationControlManager.getTopicConfig`, which falls back to the cluster's).
        let default = self.config.min_insync_replicas;
        let topic = self.controller.image.topic_of(partition);
        let min_isr = topic.map_or(1, |t| resolve_min_isr(t.min_isr, default)) as usize;
        let election = if self.config.unclean_leader_election { Election::Unclean } else { Election::Online };
        ChangeRequest {
            target_isr,
            election,
            effective_min_isr: min_isr.min(old.replicas.len()),
            elr_enabled: self.config.elr_enabled,
            unclean_shutdown: None,
            leader_recovered: false,
        }
    }

    /// Builds the change and commits it, with `removing` kept from leading; true if the
    /// partition changed. `kind` names a leader change of the clean kind (a controlled
    /// shutdown, a preferred or rebalance election).
    pub(crate) fn change_partition(
        &mut self,
        old: &PartitionState,
        request: &ChangeRequest,
        removing: Option<BrokerId>,
        kind: Option<ElectionKind>,
    ) -> Option<Change> {
        let acceptable = |b: BrokerId| Some(b) != removing && self.usable(b);
        let mut change = build(old, request, acceptable)?;
        if let (Some(kind), Some(built)) = (kind, change.elected) {
            if matches!(built, ElectionKind::Clean | ElectionKind::Preferred) && change.state.leader.is_some() {
                change.elected = Some(kind);
            }
        }
        change.state.partition_epoch = old.partition_epoch + 1;
        if change.elected.is_some() {
            change.state.leader_epoch = old.leader_epoch + 1;
        }
        Some(change)
    }

    /// Commits a change: the metadata record, then what it did to the ELR and the leader.
    pub(crate) fn commit_change(&mut self, partition: PartitionId, old: &PartitionState, change: Change) {
        let state = change.state;
        let elr_changed = state.elr != old.elr || state.last_known_leader != old.last_known_leader;
        let elr_event = EventKind::ElrChanged {
            partition,
            elr: state.elr.as_slice().into(),
            last_known_leader: state.last_known_leader,
        };
        let elected = change.elected.map(|kind| EventKind::LeaderElected {
            partition,
            leader: state.leader,
            epoch: state.leader_epoch,
            isr: state.isr.as_slice().into(),
            kind,
        });
        self.controller_commit(vec![MetadataRecord::Partition { partition, state }]);
        if elr_changed {
            self.emit(elr_event);
        }
        if let Some(event) = elected {
            self.emit(event);
        }
    }

    /// Removes `broker` from every ISR and moves its leaderships: the first in-sync replica
    /// in assignment order whose broker is unfenced and not shutting down takes over; with
    /// none, an eligible leader replica (the ISR is then empty), the last known leader, or an
    /// unclean choice if enabled; else the partition goes offline. A broker back from an
    /// unclean shutdown leaves the ELR too.
    pub(crate) fn remove_from_isrs(&mut self, broker: BrokerId, reason: ControllerIsrReason) {
        let unclean_restart = reason == ControllerIsrReason::UncleanRestart && self.config.elr_enabled;
        for (partition, old) in self.partition_states() {
            let in_elr = unclean_restart && old.elr.contains(&broker);
            if !old.in_isr(broker) && old.leader != Some(broker) && !in_elr {
                continue;
            }
            let target_isr: Vec<BrokerId> = old.isr.iter().copied().filter(|b| *b != broker).collect();
            let mut request = self.change_request(partition, &old, target_isr);
            request.unclean_shutdown = unclean_restart.then_some(broker);
            let kind = (reason == ControllerIsrReason::ShuttingDown).then_some(ElectionKind::ControlledShutdown);
            let Some(change) = self.change_partition(&old, &request, Some(broker), kind) else { continue };
            if change.state.isr != old.isr {
                let to = change.state.isr.as_slice().into();
                self.emit(EventKind::ControllerShrankIsr { partition, broker, to, reason });
            }
            self.commit_change(partition, &old, change);
        }
    }

    pub(crate) fn fence_broker(&mut self, broker: BrokerId, reason: FenceReason) {
        self.controller_commit(vec![MetadataRecord::BrokerFencing { broker, fenced: true }]);
        self.emit(EventKind::BrokerFenced { broker, reason });
        self.remove_from_isrs(broker, ControllerIsrReason::Fenced);
    }

    pub(crate) fn unfence_broker(&mut self, broker: BrokerId) {
        self.controller_commit(vec![MetadataRecord::BrokerFencing { broker, fenced: false }]);
        self.emit(EventKind::BrokerUnfenced { broker });
        self.elect_offline_partitions();
    }

    /// `min.insync.replicas` was written: Kafka clears every partition's ELR and last known
    /// leader (`ConfigurationControlManager.createClearElrRecordsAsNeeded`, a `ClearElrRecord`
    /// for all topics when the cluster default changes), whatever the value; no election.
    pub(crate) fn clear_elrs(&mut self) {
        if !self.config.elr_enabled || self.controller.active.is_none() {
            return;
        }
        for (partition, old) in self.partition_states() {
            if old.elr.is_empty() && old.last_known_leader.is_none() {
                continue;
            }
            let state = PartitionState {
                elr: Vec::new(),
                last_known_leader: None,
                partition_epoch: old.partition_epoch + 1,
                ..old.clone()
            };
            self.commit_change(partition, &old, Change { state, elected: None });
        }
    }

    pub(crate) fn begin_controlled_shutdown(&mut self, broker: BrokerId) {
        self.controller_commit(vec![MetadataRecord::BrokerShuttingDown { broker }]);
        self.remove_from_isrs(broker, ControllerIsrReason::ShuttingDown);
    }

    /// Gives leaderless partitions a leader again (`handleBrokerUnfenced` over
    /// `partitionsWithNoLeader`): an in-sync replica, an eligible leader replica when the ISR
    /// is empty, the last known leader, or (with unclean.leader.election.enable) the first
    /// usable replica.
    pub(crate) fn elect_offline_partitions(&mut self) {
        if self.controller.active.is_none() {
            return;
        }
        for (partition, old) in self.partition_states() {
            if old.leader.is_some() {
                continue;
            }
            let request = self.change_request(partition, &old, old.isr.clone());
            let recovered = Some(ElectionKind::Recovered);
            if let Some(change) = self.change_partition(&old, &request, None, recovered) {
                self.commit_change(partition, &old, change);
            }
        }
    }

    /// Preferred leader election (`ElectLeaders` PREFERRED, or the automatic rebalance):
    /// replica 0 leads again if it is in sync and may lead; true if a leader was elected.
    pub(crate) fn elect_preferred_leader(&mut self, partition: PartitionId, report: bool, kind: ElectionKind) -> bool {
        self.operator_election(partition, Election::Preferred, report, kind) == Some(ElectionResult::None)
    }

    /// `ReplicationControlManager.electLeader`: ELECTION_NOT_NEEDED when replica 0 leads
    /// already (preferred) or the partition has a leader (unclean); else the change
    /// `PartitionChangeBuilder` builds, NONE if it made one, or PREFERRED_LEADER_NOT_AVAILABLE /
    /// ELIGIBLE_LEADERS_NOT_AVAILABLE if it could not. `None` without an active controller.
    pub(crate) fn operator_election(
        &mut self,
        partition: PartitionId,
        election: Election,
        report: bool,
        kind: ElectionKind,
    ) -> Option<ElectionResult> {
        let old = self.controller.image.partition(partition).cloned()?;
        if self.controller.active.is_none() {
            if report {
                self.emit(EventKind::ElectionAnswered { partition, election, result: None });
            }
            return None;
        }
        let not_needed = match election {
            Election::Preferred => old.leader.is_some() && old.leader == old.preferred_leader(),
            Election::Unclean | Election::Online => old.leader.is_some(),
        };
        let mut request = self.change_request(partition, &old, old.isr.clone());
        request.election = election;
        let change = if not_needed { None } else { self.change_partition(&old, &request, None, Some(kind)) };
        let result = match (not_needed, change, election) {
            (true, _, _) => ElectionResult::ElectionNotNeeded,
            (false, Some(change), _) => {
                self.commit_change(partition, &old, change);
                ElectionResult::None
            }
            (false, None, Election::Preferred) => ElectionResult::PreferredLeaderNotAvailable,
            (false, None, _) => ElectionResult::EligibleLeadersNotAvailable,
        };
        if report {
            self.controller.election_results.insert(partition, result);
            if result != ElectionResult::None {
                self.emit(EventKind::ElectionAnswered { partition, election, result: Some(result) });
            }
        }
        Some(result)
    }

    /// Schedules the next unclean election check one interval from now; an earlier schedule
    /// (before `set unclean.leader.election.interval.ms`) is superseded.
    pub(crate) fn schedule_unclean_election_check(&mut self) {
        let at = self.now.saturating_add(self.config.unclean_election_interval_ms);
        self.controller.next_unclean_check_ms = at;
        self.schedule(at, Timer::UncleanElectionCheck);
    }

    /// `QuorumController`'s periodic "electUnclean" task (`maybeElectUncleanLeaders`): turning
    /// `unclean.leader.election.enable` on elects nothing at once; this check, every
    /// `unclean.leader.election.interval.ms`, does it for partitions offline by then (a broker
    /// fenced or unfenced meanwhile elects at once, as every change does with the setting on).
    pub(crate) fn on_unclean_election_check(&mut self) {
        if self.now < self.controller.next_unclean_check_ms {
            return; // superseded by a later schedule
        }
        self.schedule_unclean_election_check();
        if self.config.unclean_leader_election {
            self.elect_offline_partitions();
        }
    }

    /// Schedules the next rebalance check one interval from now; an earlier schedule
    /// (before `set leader.imbalance.check.interval.seconds`) is superseded.
    pub(crate) fn schedule_auto_rebalance(&mut self) {
        let at = self.now + self.config.leader_imbalance_check_interval_s.saturating_mul(1_000);
        self.controller.next_rebalance_ms = at;
        self.schedule(at, Timer::AutoRebalance);
    }

    /// `auto.leader.rebalance.enable`: every `leader.imbalance.check.interval.seconds`, a
    /// KRaft controller runs a preferred election for every partition whose leader is not its
    /// replica 0, leaderless ones included (`ReplicationControlManager.maybeBalancePartitionLeaders`;
    /// the per-broker percentage was the ZooKeeper controller's).
    pub(crate) fn on_auto_rebalance_timer(&mut self) {
        if self.now < self.controller.next_rebalance_ms {
            return; // superseded by a later schedule
        }
        self.schedule_auto_rebalance();
        if !self.config.auto_leader_rebalance || self.controller.active.is_none() {
            return;
        }
        for (partition, state) in self.partition_states() {
            if state.leader != state.preferred_leader() {
                self.elect_preferred_leader(partition, false, ElectionKind::AutoRebalance);
            }
        }
    }
}

#[cfg(test)]
#[path = "elections_tests.rs"]
mod tests;
