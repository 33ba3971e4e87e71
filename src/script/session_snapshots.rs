//! Snapshots: clones of the cluster kept along the history so that a seek replays from
//! the nearest one instead of from the start. The policy keeps them at least so many queue
//! items apart (more in a long session) and at most so many in all; past the budget, the
//! inner snapshot whose neighbours are closest together is dropped, so the rest stay evenly
//! spread. `restore` rebuilds a target state from the latest snapshot before it.
use std::sync::Arc;

use super::session::Session;
use super::session_log::{Mode, Position, Target};
use crate::sim::Cluster;

/// At most this many snapshots are kept; past it, the one whose neighbours are closest
/// together is dropped, so the rest stay evenly spread over the whole history.
const MAX_SNAPSHOTS: usize = 64;
/// Snapshots are at least this many queue items apart. The spacing also grows with the
/// session (to its length over half the budget), so a long session clones the cluster a
/// few dozen times, not once a second.
const MIN_SNAPSHOT_SPACING_ITEMS: u64 = 2_000;
/// Fewer snapshots could not both keep the start and the latest and thin the rest.
pub(super) const FEWEST_SNAPSHOTS: usize = 3;

/// A clone of the cluster at a point of the history, and how much of the log and the
/// trace it has. Shared (`Arc`) so that cloning a session does not copy them.
#[derive(Clone, Debug)]
pub(super) struct Snapshot {
    pub(super) cluster: Arc<Cluster>,
    pub(super) commands: usize,
    pub(super) events: usize,
    pub(super) processed_before_ms: Option<u64>,
}

impl Snapshot {
    pub(super) fn processed(&self) -> u64 {
        self.cluster.queue_items_processed()
    }

    pub(super) fn position(&self) -> Position {
        Position { commands: self.commands, processed: self.processed(), at_ms: self.cluster.now_ms() }
    }
}

/// How many snapshots, how far apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct SnapshotPolicy {
    pub(super) min_spacing_items: u64,
    pub(super) max_snapshots: usize,
}

impl SnapshotPolicy {
    pub(super) const DEFAULT: SnapshotPolicy =
        SnapshotPolicy { min_spacing_items: MIN_SNAPSHOT_SPACING_ITEMS, max_snapshots: MAX_SNAPSHOTS };
}

impl Session {
    fn snapshot_spacing_items(&self) -> u64 {
        let end = self.live_end.as_ref().map_or(&self.cluster, |live| &live.cluster);
        let half_budget = (self.policy.max_snapshots as u64 / 2).max(1);
        (end.queue_items_processed() / half_budget).max(self.policy.min_spacing_items)
    }

    /// Takes a snapshot here when the nearest ones on both sides are far enough away. Also
    /// called while replaying, which fills gaps (after a long `await`) as they are crossed.
    pub(super) fn maybe_snapshot(&mut self, mode: Mode) {
        let here = self.cluster.queue_items_processed();
        let spacing = self.snapshot_spacing_items();
        let index = self.snapshots.partition_point(|s| s.processed() <= here);
        let since_previous =
            index.checked_sub(1).and_then(|i| self.snapshots.get(i)).map_or(u64::MAX, |s| here - s.processed());
        let until_next = self.snapshots.get(index).map_or(u64::MAX, |s| s.processed() - here);
        if since_previous < spacing || until_next < spacing {
            return;
        }
        self.absorb_events(mode);
        let snapshot = Snapshot {
            cluster: Arc::new(self.cluster.clone()),
            commands: self.applied,
            events: self.shown_events,
            processed_before_ms: self.processed_before_ms,
        };
        self.snapshots.insert(index, snapshot);
        self.thin_snapshots();
    }

    /// Bounds the memory: drops the inner snapshot whose neighbours are closest together.
    pub(super) fn thin_snapshots(&mut self) {
        while self.snapshots.len() > self.policy.max_snapshots.max(FEWEST_SNAPSHOTS) {
            let gap_without = |i: usize| self.snapshots[i + 1].processed() - self.snapshots[i - 1].processed();
            let Some(victim) = (1..self.snapshots.len() - 1).min_by_key(|&i| gap_without(i)) else { return };
            self.snapshots.remove(victim);
        }
    }

    /// Rebuilds the state `target` names from the latest snapshot before it (or from the
    /// state shown, when allowed and no snapshot is nearer).
    pub(super) fn restore(&mut self, target: Target, may_continue_from_here: bool) {
        let index = self.snapshots.partition_point(|s| target.admits(&s.position())).saturating_sub(1);
        let Some(base) = self.snapshots.get(index) else { return };
        let continue_from_here = may_continue_from_here && base.processed() <= self.cluster.queue_items_processed();
        if !continue_from_here {
            self.cluster = Cluster::clone(&base.cluster);
            self.applied = base.commands;
            self.shown_events = base.events;
            self.processed_before_ms = base.processed_before_ms;
        }
        self.replay_to(target);
    }
}
