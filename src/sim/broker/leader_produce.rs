//! The leader's side of a produce, on the broker that leads (`ReplicaManager.appendRecords`,
//! `Partition.appendRecordsToLeader`): checks, append, idempotent de-duplication, acks, and
//! acks=all writes parked until the HW passes them (`DelayedProduce`). The HW rule that
//! answers them is `leader_hw.rs`; the timer that expires them is `purgatory.rs`.
use crate::sim::broker::Broker;
use crate::sim::ctx::Ctx;
use crate::sim::event::EventKind;
use crate::sim::ids::{Acks, NodeId};
use crate::sim::leader_hw::answer_produce;
use crate::sim::message::{Message, ProduceRequest, ProduceResponse};
use crate::sim::producer_state::SequenceCheck;
use crate::sim::records::ErrorCode;
use crate::sim::replica::DelayedProduce;

impl Broker {
    /// A produce request from `from`: refused, or appended and answered as its acks ask.
    pub fn on_produce(&mut self, from: NodeId, request: &ProduceRequest, cx: &mut Ctx) {
        let first = request.records[0];
        let count = request.records.len() as u32;
        if let Err(error) = self.check_produce(request) {
            // acks=0 asks for no answer, not even a refusal.
            return self.reject_produce(from, request, error, request.acks != Acks::Zero, cx);
        }
        let base_offset = match self.append_or_find_duplicate(request, cx) {
            Ok(base_offset) => base_offset,
            Err(error) => return self.reject_produce(from, request, error, true, cx),
        };
        let (id, partition) = (self.id, request.partition);
        match request.acks {
            Acks::Zero => {}
            Acks::One => {
                let (records, offset) = ((first, count), Some(base_offset));
                answer_produce(cx, id, from, request.request, partition, records, ErrorCode::None, offset);
            }
            Acks::All => {
                let NodeId::Client(producer) = from else { return };
                let delayed = DelayedProduce {
                    request: request.request,
                    producer,
                    first_record: first,
                    count,
                    base_offset,
                    required_offset: base_offset + count as u64,
                    deadline: cx.now + request.timeout_ms,
                };
                let deadline = delayed.deadline;
                let replica = self.replicas.get_mut(&partition).expect("checked");
                replica.leader_state_mut().expect("checked").delayed_produces.push(delayed);
                self.arm_purgatory_at(deadline, cx);
            }
        }
        self.maybe_advance_hw(partition, cx);
        // A retried batch the log already holds may already be below the HW: answer it
        // now rather than waiting for the HW to move again.
        self.complete_delayed_produces(partition, cx);
    }

    /// The write is refused: the fact, and (when the producer waits for one) the answer.
    fn reject_produce(&self, from: NodeId, request: &ProduceRequest, error: ErrorCode, answer: bool, cx: &mut Ctx) {
        let (broker, partition, first) = (self.id, request.partition, request.records[0]);
        cx.emit(EventKind::ProduceRejected { broker, partition, first, error });
        if answer {
            let response = ProduceResponse { request: request.request, partition, error, base_offset: None };
            cx.send(NodeId::Broker(broker), from, Message::ProduceResponse(response));
        }
    }

    /// NOT_LEADER_OR_FOLLOWER unless this broker leads the partition; NOT_ENOUGH_REPLICAS
    /// for acks=all when the ISR is below min(min.insync.replicas, rf) — then nothing is
    /// appended. acks=0 and acks=1 never check min-ISR.
    fn check_produce(&self, request: &ProduceRequest) -> Result<(), ErrorCode> {
        let leader = self.replicas.get(&request.partition).and_then(|r| r.leader_state());
        let Some(leader) = leader else { return Err(ErrorCode::NotLeaderOrFollower) };
        if request.acks == Acks::All && leader.isr.len() < leader.effective_min_isr() {
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
    fn append_or_find_duplicate(&mut self, request: &ProduceRequest, cx: &mut Ctx) -> Result<u64, ErrorCode> {
        let (broker, partition) = (self.id, request.partition);
        let count = request.records.len() as u32;
        let replica = self.replicas.get_mut(&partition).expect("checked");
        if request.idempotent {
            let last_sequence = request.base_sequence + count - 1;
            let state = &replica.producer_state;
            match state.check(request.producer, request.producer_epoch, request.base_sequence, last_sequence) {
                SequenceCheck::Append => {}
                SequenceCheck::Duplicate { first_offset } => {
                    let first = request.records[0];
                    cx.emit(EventKind::DuplicateDropped { broker, partition, first, offset: first_offset });
                    return Ok(first_offset);
                }
                SequenceCheck::Reject(error) => return Err(error),
            }
        }
        let epoch = replica.epoch;
        let base = replica.log.append_as_leader(epoch, &request.records);
        for (i, record) in request.records.iter().enumerate() {
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
