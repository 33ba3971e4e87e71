//! How each event moves the metrics: the partitions it touches (read again at the step's
//! end), and the counters, lags and request times it changes at once.
use super::catalog::Metric;
use super::fold::Metrics;
use crate::sim::event::{BrokerList, ElectionKind, Event, EventKind};
use crate::sim::ids::{BrokerId, Millis, PartitionId};
use crate::sim::records::ErrorCode;
use crate::sim::world::World;

impl Metrics {
    pub(super) fn event(&mut self, index: u64, event: &Event, world: &World) {
        use EventKind::*;
        let at = event.at;
        match &event.kind {
            TopicCreated { first_partition, partitions, .. } => {
                let first = first_partition.0;
                self.dirty.extend((first..first + partitions).map(PartitionId));
            }
            ConfigChanged { key, .. } if key.contains("min.insync.replicas") => self.mark_all_partitions(world),
            BecameLeader { broker, partition, .. } => {
                self.set_lag(*broker, *partition, None, index, at);
                self.dirty.insert(*partition);
            }
            BecameFollower { partition, .. } | ElrChanged { partition, .. } => {
                self.dirty.insert(*partition);
            }
            ControllerShrankIsr { partition, to, .. } => {
                self.isrs.insert(*partition, to.clone());
                self.dirty.insert(*partition);
            }
            // Kafka marks IsrShrinksPerSec / IsrExpandsPerSec when the leader's own
            // AlterPartition commits (`Partition.handleAlterPartitionUpdate` →
            // `PendingShrinkIsr.notifyListener`); a KRaft controller's shrink of a fenced
            // broker (`ControllerShrankIsr`) marks neither.
            IsrChanged { partition, from, to } => {
                self.isrs.insert(*partition, to.clone());
                self.dirty.insert(*partition);
                if to.len() < from.len() {
                    self.bump(Metric::IsrShrinksPerSec, index, at);
                } else if to.len() > from.len() {
                    self.bump(Metric::IsrExpandsPerSec, index, at);
                }
            }
            LeaderElected { partition, leader, kind, isr, .. } => {
                self.leader_elected(*partition, *leader, *kind, isr, index, at);
            }
            BrokerCrashed { broker } | BrokerPoweredOff { broker, .. } | BrokerStopped { broker, .. } => {
                self.process_gone(*broker, index, at);
                self.leader_lost(*broker, at);
                self.mark_broker_partitions(*broker, world);
            }
            BrokerFenced { broker, .. } => {
                self.leader_lost(*broker, at);
                self.mark_broker_partitions(*broker, world);
            }
            BrokerRestarted { broker, .. } | BrokerUnfenced { broker } => self.mark_broker_partitions(*broker, world),
            FollowerFetched { follower, partition, from, count, hw, .. } => {
                let lag = hw.saturating_sub(from + *count as u64);
                self.set_lag(*follower, *partition, Some(lag), index, at);
            }
            FollowerUpToDate { follower, partition, leo, hw, .. } => {
                self.set_lag(*follower, *partition, Some(hw.saturating_sub(*leo)), index, at);
            }
            // `ReplicaManager.appendToLocalLog` marks FailedProduceRequestsPerSec for each
            // partition whose append threw, except the "known" errors it skips:
            // UnknownTopicOrPartition, NotLeaderOrFollower, RecordTooLarge,
            // RecordBatchTooLarge, CorruptRecord, KafkaStorage. NOT_ENOUGH_REPLICAS and a
            // producer's bad sequence or epoch count.
            ProduceRejected { error, .. }
                if !matches!(error, ErrorCode::NotLeaderOrFollower | ErrorCode::UnknownTopicOrPartition) =>
            {
                self.bump(Metric::FailedProduceRequestsPerSec, index, at)
            }
            LeaderAppended { broker, partition, first_offset, .. } => {
                let first = world.replica(*broker, *partition).and_then(|r| r.log.record_at(*first_offset));
                if let Some(first) = first {
                    self.arrived.insert((*broker, first), at);
                }
            }
            DuplicateDropped { broker, first, .. } => {
                self.arrived.insert((*broker, *first), at);
            }
            ProduceAnswered { broker, first, .. } => self.answered(*broker, *first, index, at),
            _ => {}
        }
    }

    /// KRaft's `ControllerMetricsChanges`, since KAFKA-18940 / KAFKA-19212 (PRs #19156,
    /// #19590, Kafka 4.1): an election is unclean when it leaves the partition
    /// `LeaderRecoveryState.RECOVERING`, which `PartitionChangeBuilder.tryElection` sets
    /// for an unclean `ElectionResult` only: an out-of-sync replica or the last known
    /// leader. An ELR leader is clean, and counted by ElectionFromEligibleLeaderReplicasPerSec
    /// instead (KAFKA-18954, PR #19180).
    fn leader_elected(
        &mut self,
        partition: PartitionId,
        leader: Option<BrokerId>,
        kind: ElectionKind,
        isr: &BrokerList,
        index: u64,
        at: Millis,
    ) {
        let was_in_isr = leader.is_none_or(|l| self.isrs.get(&partition).is_none_or(|i| i.contains(&l)));
        self.isrs.insert(partition, isr.clone());
        self.elected(partition, leader, kind, index, at);
        // `was_in_isr`: an operator's `elect unclean` that finds an in-sync replica is clean.
        match kind {
            ElectionKind::Unclean | ElectionKind::LastKnownLeader if !was_in_isr => {
                self.bump(Metric::UncleanLeaderElectionsPerSec, index, at);
            }
            ElectionKind::Elr => self.bump(Metric::ElectionFromEligibleLeaderReplicasPerSec, index, at),
            _ => {}
        }
    }

    /// A new leader (or none). Every election after the first counts; its time runs from
    /// when the partition's leader was lost (its process died or it was fenced, whichever
    /// came first) — 0 for a move between live brokers (preferred, controlled shutdown).
    fn elected(
        &mut self,
        partition: PartitionId,
        leader: Option<BrokerId>,
        kind: ElectionKind,
        index: u64,
        at: Millis,
    ) {
        self.dirty.insert(partition);
        let Some(leader) = leader else {
            self.leaders.remove(&partition);
            self.lost_at.entry(partition).or_insert(at);
            return;
        };
        self.leaders.insert(partition, leader);
        let lost_at = self.lost_at.remove(&partition);
        if kind == ElectionKind::Initial {
            return;
        }
        self.bump(Metric::LeaderElectionRateAndTimeMs, index, at);
        // Set even when equal to the last: a plot wants each election's point.
        let time_ms = at - lost_at.unwrap_or(at);
        self.values[Metric::LeaderElectionTimeMs as usize] = u64::MAX;
        self.set(Metric::LeaderElectionTimeMs, time_ms, index, at);
    }

    /// The partitions this broker led have lost their leader from now.
    fn leader_lost(&mut self, broker: BrokerId, at: Millis) {
        for (&partition, &leader) in &self.leaders {
            if leader == broker {
                self.lost_at.entry(partition).or_insert(at);
            }
        }
    }

    /// A dead process reports nothing: its fetchers' lags and its requests go with it.
    fn process_gone(&mut self, broker: BrokerId, index: u64, at: Millis) {
        let gone: Vec<PartitionId> =
            self.lags.range((broker, PartitionId(0))..=(broker, PartitionId(u32::MAX))).map(|(&(_, p), _)| p).collect();
        for partition in gone {
            self.set_lag(broker, partition, None, index, at);
        }
        let first = crate::sim::ids::RecordId(0);
        let last = crate::sim::ids::RecordId(u32::MAX);
        let answered: Vec<_> = self.arrived.range((broker, first)..=(broker, last)).map(|(k, _)| *k).collect();
        for key in answered {
            self.arrived.remove(&key);
        }
    }

    /// A produce answer: its time at the leader. The simulator appends in no time and has
    /// no request or response queues, so the whole time is the wait in purgatory.
    fn answered(&mut self, broker: BrokerId, first: crate::sim::ids::RecordId, index: u64, at: Millis) {
        let Some(arrived) = self.arrived.remove(&(broker, first)) else { return };
        let total_ms = at - arrived;
        // Each request is a point of the series, even when its time equals the last one's.
        self.values[Metric::TotalTimeMs as usize] = u64::MAX;
        self.values[Metric::RemoteTimeMs as usize] = u64::MAX;
        self.set(Metric::TotalTimeMs, total_ms, index, at);
        self.set(Metric::RemoteTimeMs, total_ms, index, at);
        self.set(Metric::LocalTimeMs, 0, index, at);
    }

    /// Sets (or, with `None`, forgets) one follower's lag and ReplicaMaxLag with it.
    fn set_lag(&mut self, follower: BrokerId, partition: PartitionId, lag: Option<u64>, index: u64, at: Millis) {
        let old = match lag {
            Some(lag) => self.lags.insert((follower, partition), lag),
            None => self.lags.remove(&(follower, partition)),
        };
        if old == lag {
            return;
        }
        if let Some(old) = old {
            let count = self.lag_counts.get_mut(&old).expect("counted");
            *count -= 1;
            if *count == 0 {
                self.lag_counts.remove(&old);
            }
        }
        if let Some(lag) = lag {
            *self.lag_counts.entry(lag).or_insert(0) += 1;
        }
        let max = self.lag_counts.keys().next_back().copied().unwrap_or(0);
        self.set(Metric::ReplicaMaxLag, max, index, at);
    }
}
