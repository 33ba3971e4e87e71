//! One partition's part of the producer's accumulator (Kafka's `RecordAccumulator` deque
//! of `ProducerBatch`es, and what the `Sender` and the `TransactionManager` decide about
//! them): records gather in a batch until it holds `batch.size` bytes or has waited
//! `linger.ms`; the sender (`producer_send.rs`) takes at most one batch of a partition into
//! each request; a failed batch is retried whole, after a backoff, and an idempotent
//! producer's retries go out one at a time, first in sequence first, so the partition's
//! order holds.
use std::collections::VecDeque;

use super::record_size::RECORD_BATCH_OVERHEAD;
use super::{InFlightProduce, QueuedRecord};
use crate::sim::ids::{Acks, Millis};
use crate::sim::message::RequestId;

/// The accumulator's settings, read from the cluster's config at each decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BatchLimits {
    pub linger_ms: u64,
    pub batch_size: u32,
    /// Requests in flight per broker connection (`max.in.flight.requests.per.connection`).
    pub max_in_flight: u32,
}

/// The most bytes of batches one produce request carries (`max.request.size`, Kafka's
/// default; not a setting here): the drain stops adding batches before passing it, though
/// a single bigger batch still goes alone.
pub const MAX_REQUEST_SIZE_BYTES: u32 = 1_048_576;

/// One batch: the records of one partition with the same acks, sent and retried together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProducerBatch {
    pub records: Vec<QueuedRecord>,
    /// Estimated bytes, batch header included (`MemoryRecordsBuilder.estimatedBytesWritten`).
    pub bytes: u32,
    pub created_ms: Millis,
    pub acks: Acks,
    pub idempotent: bool,
    /// No more records fit, or it has been sent once: its records never change after.
    pub closed: bool,
    /// Sends that failed so far (`ProducerBatch.attempts`).
    pub failed_sends: u32,
    /// A retry waits until then (the backoff drawn when the send failed).
    pub retry_at: Millis,
    /// The leader epoch the producer knew at the last send: a retry skips its backoff once
    /// the producer learns of a newer one (KIP-951, `RecordAccumulator.shouldBackoff`).
    pub sent_leader_epoch: Option<u32>,
    pub in_flight: Option<InFlightProduce>,
}
crate::codec!(struct ProducerBatch { records, bytes, created_ms, acks, idempotent, closed, failed_sends, retry_at, sent_leader_epoch, in_flight });

impl ProducerBatch {
    fn is_retry(&self) -> bool {
        self.failed_sends > 0
    }

    pub fn first(&self) -> QueuedRecord {
        self.records[0]
    }
}

/// One partition's batches in sequence order, in flight or waiting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProducerLane {
    pub batches: VecDeque<ProducerBatch>,
    pub next_sequence: u32,
    /// The highest sequence whose batch is done, acknowledged or failed for good (Kafka's
    /// `lastAckedSequence`, counting batches that failed as settled too).
    pub last_done_sequence: Option<u32>,
}
crate::codec!(struct ProducerLane { batches, next_sequence, last_done_sequence });

impl ProducerLane {
    /// Adds a record of `size` bytes to the open batch when it fits and matches, else to a
    /// new batch (`RecordAccumulator.tryAppend`: an empty batch takes any record, however
    /// big). A batch is full once its bytes reach `batch.size` (`MemoryRecordsBuilder.isFull`).
    pub fn append(&mut self, record: QueuedRecord, size: u32, acks: Acks, idempotent: bool, batch_size: u32) {
        let fits = self
            .batches
            .back()
            .is_some_and(|b| !b.closed && b.acks == acks && b.idempotent == idempotent && b.bytes + size <= batch_size);
        if !fits {
            if let Some(open) = self.batches.back_mut() {
                open.closed = true;
            }
            self.batches.push_back(ProducerBatch {
                records: Vec::new(),
                bytes: RECORD_BATCH_OVERHEAD,
                created_ms: record.created_ms,
                acks,
                idempotent,
                closed: false,
                failed_sends: 0,
                retry_at: 0,
                sent_leader_epoch: None,
                in_flight: None,
            });
        }
        let batch = self.batches.back_mut().expect("pushed above");
        batch.records.push(record);
        batch.bytes += size;
        batch.closed |= batch.bytes >= batch_size;
    }

    /// True when the last batch takes no more records (`RecordAccumulator.allBatchesFull`),
    /// which lets the sticky partitioner switch without leaving a half-filled batch behind.
    pub fn all_batches_full(&self) -> bool {
        self.batches.back().is_none_or(|b| b.closed)
    }

    /// The batch a matching record would join, if any (to size the record by its deltas).
    pub fn open_batch(&self) -> Option<&ProducerBatch> {
        self.batches.back().filter(|b| !b.closed)
    }

    pub fn in_flight_count(&self) -> usize {
        self.batches.iter().filter(|b| b.in_flight.is_some()).count()
    }

    /// The batch that would go next (the head of Kafka's deque: in-flight batches have left
    /// it), if any.
    fn head(&self) -> Option<usize> {
        self.batches.iter().position(|b| b.in_flight.is_none())
    }

    /// With `max.in.flight.requests.per.connection` 1 the producer guarantees order by
    /// muting a partition while a batch of it is in flight (`Sender`'s
    /// `guaranteeMessageOrder`, `RecordAccumulator.mutePartition`); with more, an
    /// idempotent producer keeps order by sequence numbers instead.
    fn muted(&self, limits: BatchLimits) -> bool {
        limits.max_in_flight == 1 && self.in_flight_count() > 0
    }

    /// The head batch the drain may take at `now` (`RecordAccumulator.drainBatchesForOneNode`):
    /// one not muted, not in its retry backoff (skipped once the producer learns of a newer
    /// leader epoch than it sent to, KIP-951 `shouldBackoff`), and, for an idempotent
    /// retry, only when every earlier batch is done (`shouldStopDrainBatchesForPartition`:
    /// "this effectively reduces our in flight request count to 1"). It need not be full or
    /// have lingered: once its leader has a request to send, it rides along.
    pub fn drainable(&self, now: Millis, limits: BatchLimits, leader_epoch: u32) -> Option<usize> {
        if self.muted(limits) {
            return None;
        }
        let index = self.head()?;
        let batch = &self.batches[index];
        if batch.is_retry() {
            let leader_changed = batch.sent_leader_epoch.is_some_and(|sent| leader_epoch > sent);
            let backing_off = now < batch.retry_at && !leader_changed;
            if backing_off || (batch.idempotent && index > 0) {
                return None;
            }
        }
        Some(index)
    }

    /// True when the head batch makes its leader ready to send (`RecordAccumulator.ready`):
    /// drainable, and full (or followed by another), lingered, or a retry whose backoff is over.
    pub fn ready(&self, now: Millis, limits: BatchLimits, leader_epoch: u32) -> bool {
        self.drainable(now, limits, leader_epoch).is_some_and(|index| {
            let batch = &self.batches[index];
            batch.is_retry() || batch.closed || now >= batch.created_ms + limits.linger_ms
        })
    }

    /// When, after `now`, this lane next needs the producer's attention: the head batch's
    /// linger or backoff ending, a request's timeout, the oldest waiting batch's delivery
    /// timeout. (A time already past waits for an answer instead; waking for it would spin.)
    pub fn next_deadline(&self, now: Millis, limits: BatchLimits, delivery_timeout_ms: u64) -> Option<Millis> {
        let head = self.batches.iter().find(|b| b.in_flight.is_none()).map(|b| {
            if b.is_retry() {
                b.retry_at
            } else {
                b.created_ms + limits.linger_ms
            }
        });
        let timeouts = self.batches.iter().filter_map(|b| b.in_flight.as_ref().map(|f| f.deadline));
        let expiry = self.batches.iter().find(|b| b.in_flight.is_none()).map(|b| b.created_ms + delivery_timeout_ms);
        head.into_iter().chain(timeouts).chain(expiry).filter(|at| *at > now).min()
    }

    /// Notes that a batch whose sequences end at `last` is done, acknowledged or failed.
    pub fn settle(&mut self, last: u32) {
        self.last_done_sequence = Some(self.last_done_sequence.map_or(last, |done| done.max(last)));
    }

    /// True when a batch starting at `base` is the next in line: every sequence before it
    /// is settled (`TransactionManager.isNextSequence`).
    pub fn is_next_sequence(&self, base: u32) -> bool {
        base == self.last_done_sequence.map_or(0, |done| done + 1)
    }

    pub fn position_of(&self, request: RequestId) -> Option<usize> {
        self.batches.iter().position(|b| b.in_flight.as_ref().is_some_and(|f| f.request == request))
    }
}

#[cfg(test)]
#[path = "accumulator_tests.rs"]
mod tests;
