//! The leader's side of a produce request (`ReplicaManager.appendRecords`,
//! `Partition.appendRecordsToLeader`): each partition's batch on its own — checks, append,
//! idempotent de-duplication — then one answer for the request as its acks ask, acks=all
//! held until every partition is settled (`delayed_produce.rs`). The HW rule that settles
//! them is `leader_hw.rs`; the timer that expires them is `purgatory.rs`.
use crate::sim::broker::delayed_produce::{answer_produce, DelayedProduce, PartitionStatus};
use crate::sim::broker::Broker;
use crate::sim::ctx::Ctx;
use crate::sim::event::EventKind;
use crate::sim::ids::{Acks, NodeId, PartitionId};
use crate::sim::message::{PartitionProduce, ProduceRequest};
use crate::sim::producer_state::SequenceCheck;
use crate::sim::records::ErrorCode;

impl Broker {
    /// A produce request from `from`: each partition's batch is refused or appended on its
    /// own, then the request is answered as its acks ask (`ReplicaManager.appendRecords`):
    /// acks=0 never, acks=1 at once, acks=all once every partition is settled — at once
    /// when no append succeeded (`delayedProduceRequestRequired`), else by a
    /// `DelayedProduce` for the whole request.
    pub fn on_produce(&mut self, from: NodeId, request: &ProduceRequest, cx: &mut Ctx) {
        let NodeId::Client(producer) = from else { return };
        let mut results: Vec<PartitionStatus> =
            request.batches.iter().map(|batch| self.produce_partition(request, batch, cx)).collect();
        match request.acks {
            Acks::Zero => {}
            Acks::One => {
                results.iter_mut().filter(|r| r.pending).for_each(|r| r.settle(ErrorCode::None));
                answer_produce(cx, self.id, producer, request.request, &results);
            }
            Acks::All if results.iter().all(|r| !r.pending) => {
                answer_produce(cx, self.id, producer, request.request, &results);
            }
            Acks::All => {
                let deadline = cx.now + request.timeout_ms;
                let delayed =
                    DelayedProduce { request: request.request, producer, partitions: results.clone(), deadline };
                self.delayed_produces.push(delayed);
                self.arm_purgatory_at(deadline, cx);
            }
        }
        for written in results.iter().filter(|r| r.base_offset.is_some()) {
            self.maybe_advance_hw(written.partition, cx);
            // A retried batch the log already holds may already be below the HW: answer it
            // now rather than waiting for the HW to move again (`tryCompleteElseWatch`).
            self.complete_delayed_produces(written.partition, cx);
        }
    }

    /// One partition's batch (`ReplicaManager.appendToLocalLog`, partition by partition):
    /// appended (or found already written), or refused with its error — which touches no
    /// other partition of the request.
    fn produce_partition(
        &mut self,
        request: &ProduceRequest,
        batch: &PartitionProduce,
        cx: &mut Ctx,
    ) -> PartitionStatus {
        let (partition, records) = (batch.partition, (batch.records[0], batch.records.len() as u32));
        let result = self
            .check_produce(partition, request.acks)
            .and_then(|()| self.append_or_find_duplicate(request, batch, cx));
        match result {
            Ok(base) => PartitionStatus::appended(partition, records, base),
            Err(error) => {
                cx.emit(EventKind::ProduceRejected { broker: self.id, partition, first: records.0, error });
                PartitionStatus::refused(partition, records, error)
            }
        }
    }

    /// NOT_LEADER_OR_FOLLOWER unless this broker leads the partition; NOT_ENOUGH_REPLICAS
    /// for acks=all when the ISR is below min(min.insync.replicas, rf) — then nothing is
    /// appended. acks=0 and acks=1 never check min-ISR. (`Partition.appendRecordsToLeader`)
    fn check_produce(&self, partition: PartitionId, acks: Acks) -> Result<(), ErrorCode> {
        let leader = self.replicas.get(&partition).and_then(|r| r.leader_state());
        let Some(leader) = leader else { return Err(ErrorCode::NotLeaderOrFollower) };
        if acks == Acks::All && leader.isr.len() < leader.effective_min_isr() {
            return Err(ErrorCode::NotEnoughReplicas);
        }
        Ok(())
    }

    /// Appends the batch, or — for an idempotent producer's retry of a batch this replica
    /// holds — answers with where it was written, so a retry never duplicates. Kafka's
    /// `UnifiedLog.analyzeAndValidateProducerState`: a duplicate is a batch with the same
    /// first *and* last sequence as one of the producer's last 5 (`findDuplicateBatch`);
    /// a batch that overlaps one without being identical is OUT_OF_ORDER_SEQUENCE_NUMBER
    /// (`ProducerAppendInfo.checkSequence`) and nothing is appended. New data completes
    /// the followers' fetches parked on the partition.
    fn append_or_find_duplicate(
        &mut self,
        request: &ProduceRequest,
        batch: &PartitionProduce,
        cx: &mut Ctx,
    ) -> Result<u64, ErrorCode> {
        let (broker, partition) = (self.id, batch.partition);
        let count = batch.records.len() as u32;
        let replica = self.replicas.get_mut(&partition).expect("checked");
        if batch.idempotent {
            let last_sequence = batch.base_sequence + count - 1;
            let state = &replica.producer_state;
            match state.check(request.producer, request.producer_epoch, batch.base_sequence, last_sequence) {
                SequenceCheck::Append => {}
                SequenceCheck::Duplicate { first_offset } => {
                    let first = batch.records[0];
                    cx.emit(EventKind::DuplicateDropped { broker, partition, first, offset: first_offset });
                    return Ok(first_offset);
                }
                SequenceCheck::Reject(error) => return Err(error),
            }
        }
        let epoch = replica.epoch;
        let base = replica.log.append_as_leader(epoch, &batch.records);
        for (i, record) in batch.records.iter().enumerate() {
            replica.producer_state.note_record(&cx.records.meta(*record), base + i as u64);
        }
        cx.emit(EventKind::LeaderAppended { broker, partition, first_offset: base, count, epoch });
        self.complete_parked_fetches(Some(partition), cx);
        Ok(base)
    }
}

#[cfg(test)]
#[path = "leader_produce_tests.rs"]
mod tests;
