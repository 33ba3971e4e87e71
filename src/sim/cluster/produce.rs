//! The leader's side of a produce: checks, append, idempotent de-duplication, acks, the
//! HW advance, and acks=all writes parked until the HW passes them
//! (`Partition.appendRecordsToLeader`, `DelayedProduce`, `maybeIncrementLeaderHW`).
use super::Cluster;
use crate::sim::event::EventKind;
use crate::sim::ids::{Acks, BrokerId, NodeId, PartitionId, RecordId};
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
            self.emit(EventKind::ProduceRejected { broker: id, partition: request.partition, first, error });
            if request.acks != Acks::Zero {
                let response = ProduceResponse {
                    request: request.request,
                    partition: request.partition,
                    error,
                    base_offset: None,
                };
                self.send(NodeId::Broker(id), from, Message::ProduceResponse(response));
            }
            return;
        }
        let base_offset = match self.append_or_find_duplicate(id, &request) {
            Ok(base_offset) => base_offset,
            Err(error) => {
                self.emit(EventKind::ProduceRejected { broker: id, partition: request.partition, first, error });
                let response = ProduceResponse {
                    request: request.request,
                    partition: request.partition,
                    error,
                    base_offset: None,
                };
                self.send(NodeId::Broker(id), from, Message::ProduceResponse(response));
                return;
            }
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
        self.complete_delayed_produces(id, request.partition);
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
            match state.check(request.producer, request.base_sequence, last_sequence) {
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
        (first, count): (RecordId, u32),
        error: ErrorCode,
        base_offset: Option<u64>,
    ) {
        self.emit(EventKind::ProduceAnswered { broker: id, partition, first, count, error });
        let response = ProduceResponse { request, partition, error, base_offset };
        self.send(NodeId::Broker(id), to, Message::ProduceResponse(response));
    }

    pub(crate) fn answer_delayed_produce(
        &mut self,
        id: BrokerId,
        partition: PartitionId,
        delayed: &DelayedProduce,
        error: ErrorCode,
    ) {
        let offset = (error == ErrorCode::None).then_some(delayed.base_offset);
        let to = NodeId::Client(delayed.producer);
        self.answer_produce(id, to, delayed.request, partition, (delayed.first_record, delayed.count), error, offset);
    }

    /// Advances the leader's HW as far as the rules allow and completes the acks=all
    /// writes it now covers.
    pub(crate) fn maybe_advance_hw(&mut self, id: BrokerId, partition: PartitionId) {
        let (now, lag) = (self.now, self.config.replica_lag_time_max_ms);
        let broker = self.brokers.get_mut(&id).expect("leader exists");
        let image = &broker.image;
        let Some(replica) = broker.replicas.get_mut(&partition) else { return };
        let leo = replica.log.leo();
        let Some(state) = replica.leader_state() else { return };
        let Some(candidate) = state.hw_candidate(leo, now, lag, |b| image.is_isr_eligible(b)) else { return };
        if candidate <= replica.hw {
            return;
        }
        let old = replica.hw;
        replica.hw = candidate;
        let epoch = replica.epoch;
        self.emit(EventKind::HighWatermarkAdvanced { broker: id, partition, from: old, to: candidate, epoch });
        self.complete_delayed_produces(id, partition);
    }

    /// `checkEnoughReplicasReachOffset`: once the HW passes a parked write it is answered,
    /// NONE if the (maximal) ISR still meets min-ISR, else NOT_ENOUGH_REPLICAS_AFTER_APPEND.
    fn complete_delayed_produces(&mut self, id: BrokerId, partition: PartitionId) {
        let replica = self.replica_mut(id, partition);
        let hw = replica.hw;
        let Some(state) = replica.leader_state_mut() else { return };
        if !state.delayed_produces.iter().any(|d| d.required_offset <= hw) {
            return;
        }
        let enough = state.maximal_isr_len() >= state.effective_min_isr();
        let error = if enough { ErrorCode::None } else { ErrorCode::NotEnoughReplicasAfterAppend };
        // Answered one at a time, in arrival order, without collecting them first.
        while let Some(delayed) = self.take_completed_produce(id, partition, hw) {
            self.answer_delayed_produce(id, partition, &delayed, error);
        }
    }

    fn take_completed_produce(&mut self, id: BrokerId, partition: PartitionId, hw: u64) -> Option<DelayedProduce> {
        let state = self.replica_mut(id, partition).leader_state_mut()?;
        let position = state.delayed_produces.iter().position(|d| d.required_offset <= hw)?;
        Some(state.delayed_produces.remove(position))
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
