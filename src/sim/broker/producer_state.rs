//! One replica's idempotent-producer state: per producer, the last 5 batches it appended
//! (first and last sequence, first offset). Every replica builds it from the records it
//! appends, as leader or follower, and rebuilds it from its log after a truncation or a
//! restart. (Kafka: `ProducerStateManager`, `ProducerStateEntry`, `ProducerAppendInfo`.)
use std::collections::{BTreeMap, VecDeque};

use crate::sim::ids::ClientId;
use crate::sim::records::{ErrorCode, RecordMeta};

/// Batches kept per producer (`ProducerStateEntry.NUM_BATCHES_TO_RETAIN`): as many as the
/// idempotent producer may have in flight, so any retry can still be recognised.
pub const NUM_BATCHES_TO_RETAIN: usize = 5;

/// One appended batch (`BatchMetadata`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BatchMetadata {
    pub first_seq: u32,
    pub last_seq: u32,
    pub first_offset: u64,
}
crate::codec!(struct BatchMetadata { first_seq, last_seq, first_offset });

/// What a replica knows of one producer (`ProducerStateEntry`): its epoch and last batches.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct ProducerEntry {
    epoch: u16,
    batches: VecDeque<BatchMetadata>,
}
crate::codec!(struct ProducerEntry { epoch, batches });

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProducerStates {
    producers: BTreeMap<ClientId, ProducerEntry>,
}
crate::codec!(struct ProducerStates { producers });

/// What the leader does with an idempotent batch (`UnifiedLog.analyzeAndValidateProducerState`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SequenceCheck {
    /// In sequence (or the first batch this replica knows of the producer): append.
    Append,
    /// The same sequence range as a batch already appended: answer with its first offset.
    Duplicate { first_offset: u64 },
    /// Overlaps an appended batch without being identical to one.
    Reject(ErrorCode),
}
crate::codec!(enum SequenceCheck { Append = 0, Duplicate { first_offset } = 1, Reject(_0) = 2 });

impl ProducerStates {
    pub fn clear(&mut self) {
        self.producers.clear();
    }

    /// The last sequence appended for `producer`, if this replica knows it.
    pub fn last_sequence(&self, producer: ClientId) -> Option<u32> {
        self.producers.get(&producer).and_then(|e| e.batches.back()).map(|b| b.last_seq)
    }

    /// Kafka's check of a client batch [first_seq, last_seq] sent under `epoch`: a duplicate
    /// only when one of the retained batches has exactly that range
    /// (`ProducerStateEntry.findDuplicateBatch` → `batchWithSequenceRange`); a newer epoch
    /// starts afresh at any sequence; otherwise the first sequence must follow the last
    /// appended one (`ProducerAppendInfo.checkSequence`), else OUT_OF_ORDER_SEQUENCE_NUMBER
    /// and nothing is appended — an overlap, and a gap left by an earlier batch that has not
    /// arrived (yet). A producer with no state here may start anywhere.
    ///
    /// Simplified: after an epoch bump Kafka's producer restarts its sequences at 0; here
    /// they continue, which the new epoch accepts all the same, and duplicates are found
    /// across the bump (Kafka looks only within one epoch, so a batch whose first send was
    /// written but never answered can be written twice there).
    pub fn check(&self, producer: ClientId, epoch: u16, first_seq: u32, last_seq: u32) -> SequenceCheck {
        let Some(entry) = self.producers.get(&producer) else {
            return SequenceCheck::Append;
        };
        if let Some(dup) = entry.batches.iter().find(|b| b.first_seq == first_seq && b.last_seq == last_seq) {
            return SequenceCheck::Duplicate { first_offset: dup.first_offset };
        }
        if epoch < entry.epoch {
            // `ProducerAppendInfo.checkProducerEpoch`: a zombie's batch is fenced.
            return SequenceCheck::Reject(ErrorCode::InvalidProducerEpoch);
        }
        match entry.batches.back() {
            Some(last) if epoch == entry.epoch && last.last_seq.checked_add(1) != Some(first_seq) => {
                SequenceCheck::Reject(ErrorCode::OutOfOrderSequenceNumber)
            }
            _ => SequenceCheck::Append,
        }
    }

    /// Notes one appended record at `offset` (`ProducerStateEntry.addBatch`): the first
    /// record of a batch opens a new entry, the others extend it, so a batch cut short by
    /// a truncation is remembered only as far as the log holds it.
    pub fn note_record(&mut self, meta: &RecordMeta, offset: u64) {
        if !meta.idempotent {
            return;
        }
        let entry = self.producers.entry(meta.producer).or_default();
        // A newer epoch fences the older one (`ProducerAppendInfo.updateProducerEpoch`). Kafka
        // forgets the old epoch's batches then, as its producer restarts sequences at 0; here
        // sequences go on, so the batches stay and a retry from before the bump is still
        // recognised as a duplicate.
        entry.epoch = entry.epoch.max(meta.producer_epoch);
        let batches = &mut entry.batches;
        match batches.back_mut() {
            Some(open) if meta.batch_len == 0 && open.last_seq.checked_add(1) == Some(meta.sequence) => {
                open.last_seq = meta.sequence
            }
            _ => {
                if batches.len() == NUM_BATCHES_TO_RETAIN {
                    batches.pop_front();
                }
                batches.push_back(BatchMetadata {
                    first_seq: meta.sequence,
                    last_seq: meta.sequence,
                    first_offset: offset,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::ids::{Acks, PartitionId};
    use crate::sim::records::{NewRecord, RecordTable};

    /// Appends batches of the given lengths for producer 0, sequences from 0.
    fn appended(lengths: &[u32]) -> ProducerStates {
        let mut table = RecordTable::default();
        let mut states = ProducerStates::default();
        let (mut sequence, mut offset) = (0, 0);
        for &len in lengths {
            for i in 0..len {
                let new = NewRecord {
                    value: "v",
                    producer: ClientId(0),
                    partition: PartitionId(0),
                    sequence,
                    acks: Acks::All,
                    idempotent: true,
                };
                let id = table.add(new);
                if i == 0 {
                    table.mark_batch_start(id, len as u16);
                }
                states.note_record(&table.meta(id), offset);
                (sequence, offset) = (sequence + 1, offset + 1);
            }
        }
        states
    }

    #[test]
    fn only_an_identical_sequence_range_is_a_duplicate() {
        let states = appended(&[1, 3]); // batches [0,0] at 0 and [1,3] at 1
        let p = ClientId(0);
        assert_eq!(states.check(p, 0, 0, 0), SequenceCheck::Duplicate { first_offset: 0 });
        assert_eq!(states.check(p, 0, 1, 3), SequenceCheck::Duplicate { first_offset: 1 });
        // A retry that starts at a stored batch but is longer: not a duplicate, not next.
        assert_eq!(states.check(p, 0, 0, 13), SequenceCheck::Reject(ErrorCode::OutOfOrderSequenceNumber));
        assert_eq!(states.check(p, 0, 2, 3), SequenceCheck::Reject(ErrorCode::OutOfOrderSequenceNumber));
        assert_eq!(states.check(p, 0, 4, 9), SequenceCheck::Append);
        assert_eq!(states.check(ClientId(1), 0, 7, 7), SequenceCheck::Append, "unknown producer: any sequence");
    }

    #[test]
    fn only_the_last_five_batches_are_kept() {
        let states = appended(&[1, 1, 1, 1, 1, 1]);
        let p = ClientId(0);
        assert_eq!(states.check(p, 0, 0, 0), SequenceCheck::Reject(ErrorCode::OutOfOrderSequenceNumber));
        assert_eq!(states.check(p, 0, 1, 1), SequenceCheck::Duplicate { first_offset: 1 });
        assert_eq!(states.last_sequence(p), Some(5));
    }

    #[test]
    fn a_gap_waits_for_the_batch_before_it() {
        // Batch [4,5] arrives before [2,3] (which a cut link dropped): Kafka rejects it, and
        // the producer sends it again after [2,3].
        let states = appended(&[2]);
        assert_eq!(states.check(ClientId(0), 0, 4, 5), SequenceCheck::Reject(ErrorCode::OutOfOrderSequenceNumber));
    }

    #[test]
    fn a_newer_epoch_starts_afresh_and_fences_the_older_one() {
        let mut table = RecordTable::default();
        let mut states = appended(&[2]);
        let p = ClientId(0);
        assert_eq!(states.check(p, 1, 7, 7), SequenceCheck::Append, "a bumped producer may skip ahead");
        let id = table.add(NewRecord {
            value: "v",
            producer: p,
            partition: PartitionId(0),
            sequence: 7,
            acks: Acks::All,
            idempotent: true,
        });
        table.mark_batch_start(id, 1);
        table.set_producer_epoch(id, 1);
        states.note_record(&table.meta(id), 2);
        assert_eq!(states.check(p, 0, 8, 8), SequenceCheck::Reject(ErrorCode::InvalidProducerEpoch));
        assert_eq!(states.check(p, 1, 8, 8), SequenceCheck::Append);
        assert_eq!(states.check(p, 1, 0, 1), SequenceCheck::Duplicate { first_offset: 0 }, "kept across the bump");
    }
}
