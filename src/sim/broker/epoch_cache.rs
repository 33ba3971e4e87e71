//! The leader-epoch cache of one replica: (epoch, start offset) pairs, ascending. A new
//! leader records (epoch → its LEO) when it takes over; followers record each epoch as
//! they copy its first record. (Kafka: `LeaderEpochFileCache`, KIP-101.)

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EpochEntry {
    pub epoch: u32,
    pub start_offset: u64,
}
crate::codec!(struct EpochEntry { epoch, start_offset });

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EpochCache {
    entries: Vec<EpochEntry>,
}
crate::codec!(struct EpochCache { entries });

impl EpochCache {
    pub fn entries(&self) -> &[EpochEntry] {
        &self.entries
    }

    pub fn latest_epoch(&self) -> Option<u32> {
        self.entries.last().map(|e| e.epoch)
    }

    /// Records that `epoch` starts at `start_offset`, as Kafka's
    /// `LeaderEpochFileCache.assign` does: nothing changes when it is the latest epoch
    /// starting no earlier (`isUpdateNeeded`); otherwise every entry with an epoch ≥ it or
    /// a start ≥ it is dropped first (`maybeTruncateNonMonotonicEntries`). So a lower
    /// epoch is *not* ignored: a broker that led epoch 1 without writing holds (1 → 0);
    /// when it then copies an epoch-0 record to offset 0 from the new leader, (1 → 0)
    /// goes and (0 → 0) takes its place. Keeping (1 → 0) would make it claim epoch 1 as
    /// its last fetched epoch forever and fetch a divergence it can never resolve.
    pub fn assign(&mut self, epoch: u32, start_offset: u64) {
        let update_needed =
            self.entries.last().is_none_or(|latest| latest.epoch != epoch || start_offset < latest.start_offset);
        if !update_needed {
            return;
        }
        self.entries.retain(|e| e.epoch < epoch && e.start_offset < start_offset);
        self.entries.push(EpochEntry { epoch, start_offset });
    }

    /// Forgets epochs that start at or after `end_offset` (the log was truncated there).
    /// (`truncateFromEnd`)
    pub fn truncate_from_end(&mut self, end_offset: u64) {
        self.entries.retain(|e| e.start_offset < end_offset);
    }

    /// Kafka's `LeaderEpochFileCache.endOffsetFor(requestedEpoch, logEndOffset)`: the
    /// largest epoch ≤ `epoch` this replica knows, and where it ends — the log end when
    /// it is the latest epoch, else the start of the next higher one. When every known
    /// epoch is *higher* than `epoch`, Kafka answers with the requested epoch itself and
    /// the start of the first higher epoch ("the data has already been removed from the
    /// log and we want to ensure that the follower can replicate correctly beginning
    /// from the leader's start offset"). `None` (UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET)
    /// only for an empty cache or an epoch above the latest one.
    pub fn end_offset_for(&self, epoch: u32, log_end_offset: u64) -> Option<(u32, u64)> {
        let latest = self.entries.last()?;
        if latest.epoch == epoch {
            return Some((epoch, log_end_offset));
        }
        let position = self.entries.partition_point(|e| e.epoch <= epoch);
        let higher = self.entries.get(position)?;
        let floor_epoch = position.checked_sub(1).map_or(epoch, |i| self.entries[i].epoch);
        Some((floor_epoch, higher.start_offset))
    }

    /// The epoch of the record at `offset`.
    pub fn epoch_at(&self, offset: u64) -> Option<u32> {
        let position = self.entries.partition_point(|e| e.start_offset <= offset);
        position.checked_sub(1).map(|i| self.entries[i].epoch)
    }

    /// The epochs covering `from..to`: the epoch of the first record, then every epoch
    /// that starts inside the range (usually none, so nothing is allocated).
    pub fn runs(&self, from: u64, to: u64) -> (Option<EpochEntry>, Vec<EpochEntry>) {
        if from >= to {
            return (None, Vec::new());
        }
        let first = self.epoch_at(from).map(|epoch| EpochEntry { epoch, start_offset: from });
        let later = self.entries.iter().copied().filter(|e| e.start_offset > from && e.start_offset < to).collect();
        (first, later)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cache(pairs: &[(u32, u64)]) -> EpochCache {
        let mut c = EpochCache::default();
        for &(epoch, start) in pairs {
            c.assign(epoch, start);
        }
        c
    }

    #[test]
    fn end_offset_is_the_next_epochs_start_or_the_log_end() {
        let c = cache(&[(0, 0), (2, 5), (3, 9)]);
        assert_eq!(c.end_offset_for(0, 12), Some((0, 5)));
        assert_eq!(c.end_offset_for(1, 12), Some((0, 5)), "epoch 1 unknown: largest lower epoch is 0");
        assert_eq!(c.end_offset_for(2, 12), Some((2, 9)));
        assert_eq!(c.end_offset_for(3, 12), Some((3, 12)), "latest epoch ends at the LEO");
        assert_eq!(c.end_offset_for(7, 12), None, "above the latest epoch: UNDEFINED, as in Kafka");
    }

    #[test]
    fn an_epoch_below_every_known_one_ends_where_the_first_known_one_starts() {
        // LeaderEpochFileCache.endOffsetFor: (requestedEpoch, start of the first higher epoch).
        let c = cache(&[(4, 10), (6, 15)]);
        assert_eq!(c.end_offset_for(3, 20), Some((3, 10)));
        assert_eq!(c.end_offset_for(0, 20), Some((0, 10)));
        assert_eq!(EpochCache::default().end_offset_for(0, 0), None, "empty cache: UNDEFINED");
    }

    #[test]
    fn assign_keeps_the_latest_epochs_start_and_drops_discarded_history() {
        let mut c = cache(&[(0, 0), (1, 5)]);
        c.assign(1, 7);
        assert_eq!(c.entries().len(), 2, "the latest epoch keeps its first start offset");
        c.assign(3, 4);
        assert_eq!(c.entries(), &[EpochEntry { epoch: 0, start_offset: 0 }, EpochEntry { epoch: 3, start_offset: 4 }]);
    }

    #[test]
    fn a_lower_epoch_replaces_the_entries_it_contradicts() {
        // Led epoch 1 without writing, then copied an epoch-0 record from the new leader.
        let mut c = cache(&[(1, 0)]);
        c.assign(0, 0);
        assert_eq!(c.entries(), &[EpochEntry { epoch: 0, start_offset: 0 }]);
        assert_eq!(c.latest_epoch(), Some(0));
        let mut c = cache(&[(0, 0), (2, 3), (4, 6)]);
        c.assign(3, 5);
        assert_eq!(
            c.entries(),
            &[
                EpochEntry { epoch: 0, start_offset: 0 },
                EpochEntry { epoch: 2, start_offset: 3 },
                EpochEntry { epoch: 3, start_offset: 5 }
            ]
        );
    }

    #[test]
    fn truncation_forgets_epochs_starting_at_or_after_the_cut() {
        let mut c = cache(&[(0, 0), (1, 5), (2, 8)]);
        c.truncate_from_end(5);
        assert_eq!(c.latest_epoch(), Some(0));
        assert_eq!(c.epoch_at(4), Some(0));
    }

    #[test]
    fn runs_split_a_range_by_epoch() {
        let c = cache(&[(0, 0), (2, 3)]);
        let runs = c.runs(1, 6);
        assert_eq!(
            runs,
            (Some(EpochEntry { epoch: 0, start_offset: 1 }), vec![EpochEntry { epoch: 2, start_offset: 3 }])
        );
        assert_eq!(c.runs(4, 4), (None, Vec::new()));
    }
}
