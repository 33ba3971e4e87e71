//! The leader's side of a produce: checks, append, idempotent de-duplication, acks, and
//! acks=all writes parked until the HW passes them (`Partition.appendRecordsToLeader`,
//! `DelayedProduce`); the HW rule itself is the leading broker's (`sim/leader_hw.rs`).
use super::Cluster;
use crate::sim::event::EventKind;
use crate::sim::ids::{Acks, BrokerId, NodeId, PartitionId, RecordId};
use crate::sim::leader_hw;
use crate::sim::message::{Message, ProduceRequest, ProduceResponse, RequestId};
use crate::sim::producer_state::SequenceCheck;
use crate::sim::queue::Timer;
use crate::sim::records::ErrorCode;
use crate::sim::replica::DelayedProduce;

impl Cluster {
    pub(crate) fn leader_handle_produce(&mut self, id: BrokerId, from: NodeId, request: ProduceRequest) {
        let first = request.records[0];
        let count = request.records.len() as u32;
        if let Err(error) = self.check_produce(id, &request) {
            // acks=0 asks for no answer, not even a refusal.
            return self.reject_produce(id, from, &request, error, request.acks != Acks::Zero);
        }
        let base_offset = match self.append_or_find_duplicate(id, &request) {
            Ok(base_offset) => base_offset,
            Err(error) => return self.reject_produce(id, from, &request, error, true),
        };
        match request.acks {
            Acks::Zero => {}
            Acks::One => self.answer_produce(
                id,
                from,
                request.request,
                request.partition,
                (first, count),
                ErrorCode::None,
                Some(base_offset),
            ),
            Acks::All => {
                let NodeId::Client(producer) = from else { return };
                let delayed = DelayedProduce {
                    request: request.request,
                    producer,
                    first_record: first,
                    count,
                    base_offset,
                    required_offset: base_offset + count as u64,
                    deadline: self.now + request.timeout_ms,
                };
                let deadline = delayed.deadline;
                self.replica_mut(id, request.partition)
                    .leader_state_mut()
                    .expect("checked")
                    .delayed_produces
                    .push(delayed);
                self.arm_purgatory_at(id, deadline);
            }
        }
        self.maybe_advance_hw(id, request.partition);
        // A retried batch the log already holds may already be below the HW: answer it
        // now rather than waiting for the HW to move again.
        self.with_broker(id, |broker, cx| broker.complete_delayed_produces(request.partition, cx));
    }

    /// The write is refused: the fact, and (when the producer waits for one) the answer.
    fn reject_produce(&mut self, id: BrokerId, from: NodeId, request: &ProduceRequest, error: ErrorCode, answer: bool) {
        let (partition, first) = (request.partition, request.records[0]);
        self.emit(EventKind::ProduceRejected { broker: id, partition, first, error });
        if answer {
            let response = ProduceResponse { request: request.request, partition, error, base_offset: None };
            self.send(NodeId::Broker(id), from, Message::ProduceResponse(response));
        }
    }

    /// NOT_LEADER_OR_FOLLOWER unless this broker leads the partition; NOT_ENOUGH_REPLICAS
    /// for acks=all when the ISR is below min(min.insync.replicas, rf) — then nothing is
    /// appended. acks=0 and acks=1 never check min-ISR.
    fn check_produce(&self, id: BrokerId, request: &ProduceRequest) -> Result<(), ErrorCode> {
        let leader = self.replica(id, request.partition).and_then(|r| r.leader_state());
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
    /// (`ProducerAppendInfo.checkSequence`) and nothing is appended.
    fn append_or_find_duplicate(&mut self, id: BrokerId, request: &ProduceRequest) -> Result<u64, ErrorCode> {
        let partition = request.partition;
        let count = request.records.len() as u32;
        if request.idempotent {
            let last_sequence = request.base_sequence + count - 1;
            let state = &self.replica(id, partition).expect("checked").producer_state;
            match state.check(request.producer, request.producer_epoch, request.base_sequence, last_sequence) {
                SequenceCheck::Append => {}
                SequenceCheck::Duplicate { first_offset } => {
                    self.emit(EventKind::DuplicateDropped {
                        broker: id,
                        partition,
                        first: request.records[0],
                        offset: first_offset,
                    });
                    return Ok(first_offset);
                }
                SequenceCheck::Reject(error) => return Err(error),
            }
        }
        let records = &self.records;
        let replica = self.brokers.get_mut(&id).and_then(|b| b.replicas.get_mut(&partition)).expect("checked");
        let epoch = replica.epoch;
        let base = replica.log.append_as_leader(epoch, &request.records);
        for (i, record) in request.records.iter().enumerate() {
            replica.producer_state.note_record(&records.meta(*record), base + i as u64);
        }
        self.emit(EventKind::LeaderAppended { broker: id, partition, first_offset: base, count, epoch });
        self.complete_parked_fetches(id, Some(partition));
        Ok(base)
    }

    #[allow(clippy::too_many_arguments)]
    fn answer_produce(
        &mut self,
        id: BrokerId,
        to: NodeId,
        request: RequestId,
        partition: PartitionId,
        records: (RecordId, u32),
        error: ErrorCode,
        base_offset: Option<u64>,
    ) {
        self.with_broker(id, |_, cx| {
            leader_hw::answer_produce(cx, id, to, request, partition, records, error, base_offset);
        });
    }

    pub(crate) fn answer_delayed_produce(
        &mut self,
        id: BrokerId,
        partition: PartitionId,
        delayed: &DelayedProduce,
        error: ErrorCode,
    ) {
        self.with_broker(id, |_, cx| leader_hw::answer_delayed(cx, id, partition, delayed, error));
    }

    /// The leader's HW rule, on the broker that leads (`sim/leader_hw.rs`).
    pub(crate) fn maybe_advance_hw(&mut self, id: BrokerId, partition: PartitionId) {
        self.with_broker(id, |broker, cx| broker.maybe_advance_hw(partition, cx));
    }

    /// Makes sure the purgatory check runs by `deadline` (a new parked write or fetch):
    /// nothing to do when a check is already due no later.
    pub(crate) fn arm_purgatory_at(&mut self, id: BrokerId, deadline: u64) {
        // Checks are never armed further out than one fetch wait: a far deadline (an
        // acks=all write's 30 s) would otherwise leave a stale timer behind every time a
        // nearer one (a parked fetch's 500 ms) is armed, and the queue would grow.
        let deadline = deadline.min(self.now + self.config.replica_fetch_wait_max_ms.max(1));
        let broker = self.brokers.get_mut(&id).expect("alive");
        if broker.purgatory_armed.is_some_and(|armed| armed <= deadline && armed >= self.now) {
            return;
        }
        broker.purgatory_armed = Some(deadline);
        let incarnation = broker.incarnation;
        self.schedule(deadline, Timer::LeaderPurgatory { broker: id, incarnation });
    }

    /// Schedules the purgatory check at the earliest deadline of a parked write or fetch.
    pub(crate) fn arm_purgatory(&mut self, id: BrokerId) {
        let broker = &self.brokers[&id];
        let produce_deadlines = broker
            .replicas
            .values()
            .filter_map(|r| r.leader_state())
            .flat_map(|s| s.delayed_produces.iter().map(|d| d.deadline));
        let fetch_deadlines = broker.parked_fetches.iter().map(|f| f.deadline);
        let Some(next) = produce_deadlines.chain(fetch_deadlines).min() else { return };
        self.arm_purgatory_at(id, next);
    }

    pub(crate) fn on_purgatory_timer(&mut self, id: BrokerId, incarnation: u32) {
        if !self.broker_in(id, incarnation) {
            return;
        }
        self.brokers.get_mut(&id).expect("alive").purgatory_armed = None;
        self.expire_delayed_produces(id);
        self.expire_parked_fetches(id);
        self.arm_purgatory(id);
    }

    fn expire_delayed_produces(&mut self, id: BrokerId) {
        let now = self.now;
        let mut expired = Vec::new();
        for replica in self.brokers.get_mut(&id).expect("alive").replicas.values_mut() {
            let partition = replica.partition;
            if let Some(state) = replica.leader_state_mut() {
                let (done, waiting): (Vec<_>, Vec<_>) =
                    state.delayed_produces.drain(..).partition(|d| d.deadline <= now);
                state.delayed_produces = waiting;
                expired.extend(done.into_iter().map(|d| (partition, d)));
            }
        }
        for (partition, delayed) in expired {
            self.answer_delayed_produce(id, partition, &delayed, ErrorCode::RequestTimedOut);
        }
    }
}
