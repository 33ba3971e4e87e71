//! Snapshots: clones of the cluster kept along the history so that a seek replays from
//! the nearest one instead of from the start. The policy keeps them at least so many queue
//! items apart (more in a long session) and at most so many in all; past the budget, the
//! inner snapshot whose neighbours are closest together is dropped (`History`), so the rest
//! stay evenly spread.
use std::sync::Arc;

use super::history::Position;
use crate::sim::Cluster;

/// At most this many snapshots are kept; past it, the one whose neighbours are closest
/// together is dropped, so the rest stay evenly spread over the whole history.
const MAX_SNAPSHOTS: usize = 64;
/// Snapshots are at least this many queue items apart. The spacing also grows with the
/// session (to its length over half the budget), so a long session clones the cluster a
/// few dozen times, not once a second.
const MIN_SNAPSHOT_SPACING_ITEMS: u64 = 2_000;
/// Fewer snapshots could not both keep the start and the latest and thin the rest.
const FEWEST_SNAPSHOTS: usize = 3;

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
    min_spacing_items: u64,
    max_snapshots: usize,
}

impl SnapshotPolicy {
    pub(super) const DEFAULT: SnapshotPolicy =
        SnapshotPolicy { min_spacing_items: MIN_SNAPSHOT_SPACING_ITEMS, max_snapshots: MAX_SNAPSHOTS };

    /// At least one queue item apart, and never fewer than `FEWEST_SNAPSHOTS`.
    pub(super) fn new(min_spacing_items: u64, max_snapshots: usize) -> Self {
        SnapshotPolicy {
            min_spacing_items: min_spacing_items.max(1),
            max_snapshots: max_snapshots.max(FEWEST_SNAPSHOTS),
        }
    }

    pub(super) fn max_snapshots(&self) -> usize {
        self.max_snapshots
    }

    /// The spacing for a history `end_items` queue items long: the minimum, or more in a
    /// long session, so the budget spans all of it.
    pub(super) fn spacing_items(&self, end_items: u64) -> u64 {
        let half_budget = (self.max_snapshots as u64 / 2).max(1);
        (end_items / half_budget).max(self.min_spacing_items)
    }
}
