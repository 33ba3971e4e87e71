//! The metrics as a fold over the events, an observer like the safety checker: after each
//! step and command the cluster hands it the new events and the read-only world. Counters,
//! lags and request times change at the event that moves them; the partition gauges are
//! read off the world at the end of the step, only for the partitions the step touched
//! (and those whose leader has not yet learned a committed ISR), so a step costs what its
//! events name, never a scan of every partition.
//!
//! Every change is kept (`changes`, drained by the owner into a `MetricSeries`): a value
//! that did not change adds nothing, so a long quiet session costs no memory here.
use std::collections::{BTreeMap, BTreeSet};

use super::catalog::{Metric, METRIC_COUNT};
use super::gauges::{share_of, Share};
use super::series::MetricChange;
use crate::sim::event::{BrokerList, Event};
use crate::sim::ids::{BrokerId, Millis, PartitionId, RecordId};
use crate::sim::world::World;

#[derive(Clone, Debug, Default)]
pub struct Metrics {
    pub(super) values: [u64; METRIC_COUNT],
    /// Each partition's share of the partition gauges, indexed by partition id.
    pub(super) shares: Vec<Share>,
    /// Partitions to read again at the end of the step.
    pub(super) dirty: BTreeSet<PartitionId>,
    /// Each follower's lag in records, as its last fetch answer showed it (Kafka's
    /// `FetcherLagMetrics.lag`), and how many followers have each lag (the max is the last).
    pub(super) lags: BTreeMap<(BrokerId, PartitionId), u64>,
    pub(super) lag_counts: BTreeMap<u64, u32>,
    /// The leader each partition was last given, and since when it has had none alive.
    pub(super) leaders: BTreeMap<PartitionId, BrokerId>,
    /// Each partition's committed ISR, as the events last gave it (an election of one of its
    /// members is never unclean).
    pub(super) isrs: BTreeMap<PartitionId, BrokerList>,
    pub(super) lost_at: BTreeMap<PartitionId, Millis>,
    /// Produce requests appended (or found duplicate) and not answered yet: when each
    /// arrived, by leader and first record.
    pub(super) arrived: BTreeMap<(BrokerId, RecordId), Millis>,
    pub(super) changes: Vec<MetricChange>,
}
crate::codec!(struct Metrics { values, shares, dirty, lags, lag_counts, leaders, isrs, lost_at, arrived, changes });

impl Metrics {
    /// The metric's value now.
    pub fn value(&self, metric: Metric) -> u64 {
        self.values[metric as usize]
    }

    /// A follower's lag in records behind the HW its leader last told it: Kafka's
    /// per-partition `ConsumerLag` of the replica fetchers.
    pub fn follower_lag(&self, follower: BrokerId, partition: PartitionId) -> Option<u64> {
        self.lags.get(&(follower, partition)).copied()
    }

    /// The changes since the last call, in trace order.
    pub fn take_changes(&mut self) -> Vec<MetricChange> {
        std::mem::take(&mut self.changes)
    }

    pub fn discard_changes(&mut self) {
        self.changes.clear();
    }

    /// Folds one step's (or command's) events; `first_index` is the first one's index in the
    /// whole trace. The gauges' changes are placed at the step's last event.
    pub fn observe(&mut self, events: &[Event], first_index: u64, world: &World) {
        for (offset, event) in events.iter().enumerate() {
            self.event(first_index + offset as u64, event, world);
        }
        let last = (first_index + events.len() as u64).saturating_sub(1);
        self.settle(last, world);
    }

    pub(super) fn set(&mut self, metric: Metric, value: u64, event_index: u64, at: Millis) {
        if self.values[metric as usize] != value {
            self.values[metric as usize] = value;
            self.changes.push(MetricChange { event_index, at, metric, value });
        }
    }

    pub(super) fn bump(&mut self, metric: Metric, event_index: u64, at: Millis) {
        self.set(metric, self.value(metric) + 1, event_index, at);
    }

    /// Reads the touched partitions again and sets the gauges from their shares.
    fn settle(&mut self, event_index: u64, world: &World) {
        let at = world.now;
        let active = world.controller.active.is_some() as u64;
        self.set(Metric::ActiveControllerCount, active, event_index, at);
        if self.dirty.is_empty() {
            return;
        }
        let mut sums = [
            self.value(Metric::UnderReplicatedPartitions),
            self.value(Metric::UnderMinIsrPartitionCount),
            self.value(Metric::AtMinIsrPartitionCount),
            self.value(Metric::OfflinePartitionsCount),
            self.value(Metric::EligibleLeaderReplicas),
        ];
        let dirty = std::mem::take(&mut self.dirty);
        for partition in dirty {
            let (share, settled) = share_of(world, partition);
            let slot = partition.0 as usize;
            if self.shares.len() <= slot {
                self.shares.resize(slot + 1, Share::default());
            }
            let old = std::mem::replace(&mut self.shares[slot], share);
            for (sum, (new, old)) in sums.iter_mut().zip(parts(share).into_iter().zip(parts(old))) {
                *sum = *sum + new as u64 - old as u64;
            }
            if !settled {
                self.dirty.insert(partition);
            }
        }
        let gauges = [
            Metric::UnderReplicatedPartitions,
            Metric::UnderMinIsrPartitionCount,
            Metric::AtMinIsrPartitionCount,
            Metric::OfflinePartitionsCount,
            Metric::EligibleLeaderReplicas,
        ];
        for (metric, sum) in gauges.into_iter().zip(sums) {
            self.set(metric, sum, event_index, at);
        }
    }

    pub(super) fn mark_broker_partitions(&mut self, broker: BrokerId, world: &World) {
        if let Some(b) = world.brokers.get(&broker) {
            self.dirty.extend(b.replicas.keys().copied());
        }
    }

    pub(super) fn mark_all_partitions(&mut self, world: &World) {
        for topic in world.topics {
            let first = topic.first_partition.0;
            self.dirty.extend((first..first + topic.partitions).map(PartitionId));
        }
    }
}

fn parts(share: Share) -> [u32; 5] {
    [share.under_replicated, share.under_min_isr, share.at_min_isr, share.offline, share.elr]
}
