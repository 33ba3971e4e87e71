//! One replica's log: record ids at consecutive offsets, the epoch of every record (kept
//! as an epoch cache, as Kafka keeps it), and how much of it is flushed to disk. A
//! power-off loses everything past the flushed length.
use crate::sim::chunked::ChunkedVec;
use crate::sim::epoch_cache::{EpochCache, EpochEntry};
use crate::sim::ids::RecordId;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReplicaLog {
    records: ChunkedVec<RecordId>,
    epochs: EpochCache,
    flushed_len: u64,
}
crate::codec!(struct ReplicaLog { records, epochs, flushed_len });

/// Records read from a log, with the epochs they were written in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogSlice {
    pub first_offset: u64,
    pub records: Vec<RecordId>,
    /// The epoch of the first record.
    pub first_epoch: Option<EpochEntry>,
    /// Epochs that begin later in the slice (rare: only across a leader change).
    pub later_epochs: Vec<EpochEntry>,
}
crate::codec!(struct LogSlice { first_offset, records, first_epoch, later_epochs });

impl ReplicaLog {
    /// Log end offset: the offset the next record will get.
    pub fn leo(&self) -> u64 {
        self.records.len() as u64
    }

    /// The records, offset 0 first.
    pub fn records(&self) -> impl DoubleEndedIterator<Item = RecordId> + '_ {
        self.records.iter()
    }

    pub fn record_at(&self, offset: u64) -> Option<RecordId> {
        self.records.get(usize::try_from(offset).ok()?)
    }

    pub fn heap_bytes(&self) -> usize {
        self.records.heap_bytes()
    }

    pub fn epochs(&self) -> &EpochCache {
        &self.epochs
    }

    pub fn epoch_at(&self, offset: u64) -> Option<u32> {
        if offset >= self.leo() {
            return None;
        }
        self.epochs.epoch_at(offset)
    }

    pub fn latest_epoch(&self) -> Option<u32> {
        self.epochs.latest_epoch()
    }

    pub fn flushed_len(&self) -> u64 {
        self.flushed_len
    }

    /// A leader's append: every record gets the leader's epoch.
    pub fn append_as_leader(&mut self, epoch: u32, records: &[RecordId]) -> u64 {
        let first = self.leo();
        self.epochs.assign(epoch, first);
        self.records.extend_from_slice(records);
        first
    }

    /// A follower's append of what it fetched: records keep the epochs they were written in.
    pub fn append_fetched(&mut self, slice: &LogSlice) {
        debug_assert_eq!(slice.first_offset, self.leo());
        for run in slice.first_epoch.iter().chain(slice.later_epochs.iter()) {
            self.epochs.assign(run.epoch, run.start_offset);
        }
        self.records.extend_from_slice(&slice.records);
    }

    /// A new leader marks where its epoch begins, before it has written anything in it.
    pub fn start_epoch(&mut self, epoch: u32) {
        let leo = self.leo();
        self.epochs.assign(epoch, leo);
    }

    /// Removes every record at or past `offset`; returns how many were removed. The epoch
    /// cache is cut back even when no record goes: a broker that became leader and wrote
    /// nothing before losing leadership holds an epoch entry at its log end that the
    /// new leader never had (Kafka's `UnifiedLog.truncateTo` does the same).
    pub fn truncate_to(&mut self, offset: u64) -> u64 {
        let removed = self.leo().saturating_sub(offset);
        self.records.truncate(offset.min(self.leo()) as usize);
        self.epochs.truncate_from_end(offset.min(self.leo()));
        self.flushed_len = self.flushed_len.min(self.leo());
        removed
    }

    /// Reads up to `max` records from `from`, with their epoch runs.
    pub fn read(&self, from: u64, max: u32) -> LogSlice {
        let end = self.leo().min(from.saturating_add(max as u64));
        let records = if from < end { self.records.range_to_vec(from as usize, end as usize) } else { Vec::new() };
        let (first_epoch, later_epochs) = self.epochs.runs(from, end);
        LogSlice { first_offset: from, records, first_epoch, later_epochs }
    }

    pub fn flush(&mut self) {
        self.flushed_len = self.leo();
    }

    /// Loading the log as the broker starts (`LogLoader.load`) cuts the epoch cache back to
    /// the log's end, clean shutdown or not: an epoch this replica began as leader at its log
    /// end without writing a record in it is forgotten.
    pub fn load(&mut self) {
        let leo = self.leo();
        self.epochs.truncate_from_end(leo);
    }

    /// A power-off: the page cache is gone, only flushed records survive.
    pub fn lose_unflushed(&mut self) -> u64 {
        let keep = self.flushed_len;
        self.truncate_to(keep)
    }

    /// Where the record stands, searching from the end (retries and acks are recent).
    pub fn position_of(&self, record: RecordId) -> Option<u64> {
        self.records.rposition(|r| r == record).map(|p| p as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[u32]) -> Vec<RecordId> {
        v.iter().map(|&i| RecordId(i)).collect()
    }

    #[test]
    fn append_assigns_offsets_and_epochs() {
        let mut log = ReplicaLog::default();
        assert_eq!(log.append_as_leader(0, &ids(&[10, 11])), 0);
        assert_eq!(log.append_as_leader(2, &ids(&[12])), 2);
        assert_eq!(log.leo(), 3);
        assert_eq!(log.epoch_at(1), Some(0));
        assert_eq!(log.epoch_at(2), Some(2));
        assert_eq!(log.epoch_at(3), None);
    }

    #[test]
    fn fetched_records_keep_their_epochs() {
        let mut leader = ReplicaLog::default();
        leader.append_as_leader(0, &ids(&[1, 2]));
        leader.append_as_leader(1, &ids(&[3]));
        let mut follower = ReplicaLog::default();
        follower.append_fetched(&leader.read(0, 10));
        assert_eq!(follower, {
            let mut f = leader.clone();
            f.flushed_len = 0;
            f
        });
        assert_eq!(follower.epochs().end_offset_for(0, follower.leo()), Some((0, 2)));
    }

    #[test]
    fn truncate_drops_records_and_their_epochs() {
        let mut log = ReplicaLog::default();
        log.append_as_leader(0, &ids(&[1, 2]));
        log.append_as_leader(3, &ids(&[3, 4]));
        assert_eq!(log.truncate_to(2), 2);
        assert_eq!(log.records().collect::<Vec<_>>(), ids(&[1, 2]));
        assert_eq!(log.latest_epoch(), Some(0));
        assert_eq!(log.truncate_to(5), 0, "truncating past the end removes nothing");
    }

    #[test]
    fn truncating_at_the_end_drops_an_epoch_that_never_got_a_record() {
        let mut log = ReplicaLog::default();
        log.append_as_leader(0, &ids(&[1, 2]));
        log.start_epoch(1); // became leader, wrote nothing, lost leadership
        assert_eq!(log.latest_epoch(), Some(1));
        assert_eq!(log.truncate_to(2), 0);
        assert_eq!(log.latest_epoch(), Some(0));
    }

    #[test]
    fn power_off_keeps_only_flushed_records() {
        let mut log = ReplicaLog::default();
        log.append_as_leader(0, &ids(&[1, 2]));
        log.flush();
        log.append_as_leader(0, &ids(&[3]));
        assert_eq!(log.lose_unflushed(), 1);
        assert_eq!(log.leo(), 2);
    }

    #[test]
    fn loading_forgets_an_epoch_begun_at_the_log_end() {
        let mut log = ReplicaLog::default();
        log.append_as_leader(0, &ids(&[1, 2]));
        log.start_epoch(3);
        assert_eq!(log.latest_epoch(), Some(3));
        log.load();
        assert_eq!((log.latest_epoch(), log.leo()), (Some(0), 2), "epoch 3 holds no record: gone");
    }

    #[test]
    fn read_is_bounded_by_max_and_log_end() {
        let mut log = ReplicaLog::default();
        log.append_as_leader(0, &ids(&[1, 2, 3, 4]));
        assert_eq!(log.read(1, 2).records, ids(&[2, 3]));
        assert_eq!(log.read(3, 10).records, ids(&[4]));
        assert!(log.read(4, 10).records.is_empty());
        assert!(log.read(9, 10).records.is_empty());
    }
}
