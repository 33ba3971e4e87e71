//! Leader elections and controller-driven ISR changes (`ReplicationControlManager`,
//! `PartitionChangeBuilder`): fencing, unclean restarts, controlled shutdown, preferred
//! and automatic rebalance elections, and unclean elections when enabled.
use super::Cluster;
use crate::sim::event::{ControllerIsrReason, ElectionKind, EventKind, FenceReason};
use crate::sim::ids::{BrokerId, PartitionId};
use crate::sim::metadata::{MetadataRecord, PartitionState};
use crate::sim::queue::Timer;

impl Cluster {
    /// A broker that may lead or join an ISR: registered, unfenced, not shutting down.
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

    /// The first replica in assignment order that is usable and in `isr`.
    fn first_usable_in(&self, state: &PartitionState, isr: &[BrokerId]) -> Option<BrokerId> {
        state.replicas.iter().copied().find(|b| isr.contains(b) && self.usable(*b))
    }

    /// Commits a partition's new state and reports a leader change.
    fn commit_partition(
        &mut self,
        partition: PartitionId,
        mut state: PartitionState,
        old: &PartitionState,
        kind: ElectionKind,
    ) {
        state.partition_epoch = old.partition_epoch + 1;
        let leader_changed = state.leader != old.leader;
        if leader_changed {
            state.leader_epoch = old.leader_epoch + 1;
        }
        let event = EventKind::LeaderElected {
            partition,
            leader: state.leader,
            epoch: state.leader_epoch,
            isr: state.isr.as_slice().into(),
            kind,
        };
        self.controller_commit(vec![MetadataRecord::Partition { partition, state }]);
        if leader_changed {
            self.emit(event);
        }
    }

    /// Removes `broker` from every ISR and moves its leaderships: the first live in-sync
    /// replica in assignment order takes over; with none, an unclean election if enabled,
    /// else the partition goes offline. An ISR never becomes empty: its last member
    /// stays, leaderless.
    pub(crate) fn remove_from_isrs(&mut self, broker: BrokerId, reason: ControllerIsrReason) {
        for (partition, old) in self.partition_states() {
            if !old.in_isr(broker) && old.leader != Some(broker) {
                continue;
            }
            let mut state = old.clone();
            if state.isr.len() > 1 {
                state.isr.retain(|b| *b != broker);
            }
            let mut kind = match reason {
                ControllerIsrReason::ShuttingDown => ElectionKind::ControlledShutdown,
                _ => ElectionKind::Clean,
            };
            if old.leader == Some(broker) {
                state.leader = self.first_usable_in(&state, &state.isr.clone()).filter(|b| *b != broker);
                if state.leader.is_none() && self.config.unclean_leader_election {
                    state.leader = state.replicas.iter().copied().find(|b| *b != broker && self.usable(*b));
                    if let Some(leader) = state.leader {
                        state.isr = vec![leader];
                        kind = ElectionKind::Unclean;
                    }
                }
            }
            if state.isr != old.isr {
                self.emit(EventKind::ControllerShrankIsr {
                    partition,
                    broker,
                    to: state.isr.as_slice().into(),
                    reason,
                });
            }
            if state != old {
                self.commit_partition(partition, state, &old, kind);
            }
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

    pub(crate) fn begin_controlled_shutdown(&mut self, broker: BrokerId) {
        self.controller_commit(vec![MetadataRecord::BrokerShuttingDown { broker }]);
        self.remove_from_isrs(broker, ControllerIsrReason::ShuttingDown);
    }

    /// Gives leaderless partitions a leader again: an in-sync replica that is usable, or
    /// (with unclean.leader.election.enable) the first usable replica.
    pub(crate) fn elect_offline_partitions(&mut self) {
        if self.controller.active.is_none() {
            return;
        }
        for (partition, old) in self.partition_states() {
            if old.leader.is_some() {
                continue;
            }
            let mut state = old.clone();
            if let Some(leader) = self.first_usable_in(&old, &old.isr) {
                state.leader = Some(leader);
                state.isr.retain(|b| self.usable(*b));
                self.commit_partition(partition, state, &old, ElectionKind::Recovered);
            } else if self.config.unclean_leader_election {
                if let Some(leader) = old.replicas.iter().copied().find(|b| self.usable(*b)) {
                    state.leader = Some(leader);
                    state.isr = vec![leader];
                    self.commit_partition(partition, state, &old, ElectionKind::Unclean);
                }
            }
        }
    }

    /// Preferred leader election: replica 0 leads again if it is usable and in the ISR.
    pub(crate) fn elect_preferred_leader(
        &mut self,
        partition: PartitionId,
        report_skips: bool,
        kind: ElectionKind,
    ) -> bool {
        let Some(old) = self.controller.image.partition(partition).cloned() else { return false };
        let preferred = old.preferred_leader();
        let skip = if self.controller.active.is_none() {
            Some("no active controller")
        } else if old.leader == preferred {
            Some("ELECTION_NOT_NEEDED")
        } else if !preferred.is_some_and(|p| old.in_isr(p) && self.usable(p)) {
            Some("PREFERRED_LEADER_NOT_AVAILABLE")
        } else {
            None
        };
        if let Some(reason) = skip {
            if report_skips {
                self.emit(EventKind::PreferredElectionSkipped { partition, reason });
            }
            return false;
        }
        let mut state = old.clone();
        state.leader = preferred;
        self.commit_partition(partition, state, &old, kind);
        true
    }

    /// Schedules the next rebalance check one interval from now; an earlier schedule
    /// (before `set leader.imbalance.check.interval.seconds`) is superseded.
    pub(crate) fn schedule_auto_rebalance(&mut self) {
        let at = self.now + self.config.leader_imbalance_check_interval_s.saturating_mul(1_000);
        self.next_rebalance_ms = at;
        self.schedule(at, Timer::AutoRebalance);
    }

    /// `auto.leader.rebalance.enable`: every check interval, a broker that should lead
    /// more than `leader.imbalance.per.broker.percentage` of partitions it does not lead
    /// gets them back (`QuorumController.maybeBalancePartitionLeaders`).
    pub(crate) fn on_auto_rebalance_timer(&mut self) {
        if self.now < self.next_rebalance_ms {
            return; // superseded by a later schedule
        }
        self.schedule_auto_rebalance();
        if !self.config.auto_leader_rebalance || self.controller.active.is_none() {
            return;
        }
        let states = self.partition_states();
        let mut preferred_counts: std::collections::BTreeMap<BrokerId, (u64, Vec<PartitionId>)> = Default::default();
        for (partition, state) in &states {
            let Some(preferred) = state.preferred_leader() else { continue };
            let entry = preferred_counts.entry(preferred).or_default();
            entry.0 += 1;
            if state.leader != Some(preferred) {
                entry.1.push(*partition);
            }
        }
        let threshold = self.config.leader_imbalance_per_broker_percentage;
        for (total, misplaced) in preferred_counts.into_values() {
            if total > 0 && misplaced.len() as u64 * 100 > threshold * total {
                for partition in misplaced {
                    self.elect_preferred_leader(partition, false, ElectionKind::AutoRebalance);
                }
            }
        }
    }
}
