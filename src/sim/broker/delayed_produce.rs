//! The acks=all writes a leader holds until the HW passes them (Kafka's `DelayedProduce` in
//! the produce purgatory): one per produce request, whatever partitions it carries. Each
//! partition is settled on its own (`ProducePartitionStatus.acksPending`) — by the HW
//! passing its batch, by its leadership ending, or by its append having failed at once — and
//! the request is answered, one response for all of them, only when every partition is
//! settled or the request times out (`DelayedProduce.tryComplete` / `onExpiration`).
use crate::sim::broker::Broker;
use crate::sim::ctx::Ctx;
use crate::sim::event::EventKind;
use crate::sim::ids::{BrokerId, ClientId, Millis, NodeId, PartitionId, RecordId};
use crate::sim::message::{Message, PartitionResponse, ProduceResponse, RequestId};
use crate::sim::records::ErrorCode;

/// One partition of a produce request on the leader, and its result so far (Kafka's
/// `ProducePartitionStatus`): what a parked write waits on, and what an acks=1 answer says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartitionStatus {
    pub partition: PartitionId,
    pub first_record: RecordId,
    pub count: u32,
    /// Where the batch was written (or, for a duplicate, where it stands); `None` when the
    /// append failed.
    pub base_offset: Option<u64>,
    /// The HW at which the write is complete (its last offset + 1).
    pub required_offset: u64,
    /// Still waiting for the HW (`acksPending`).
    pub pending: bool,
    /// The answer so far: REQUEST_TIMED_OUT while pending (what an expiry leaves), else
    /// the partition's result.
    pub error: ErrorCode,
}
crate::codec!(struct PartitionStatus { partition, first_record, count, base_offset, required_offset, pending, error });

impl PartitionStatus {
    /// A batch appended at `base`: waits for the HW to pass it.
    pub fn appended(partition: PartitionId, (first_record, count): (RecordId, u32), base: u64) -> Self {
        let required_offset = base + count as u64;
        let error = ErrorCode::RequestTimedOut;
        PartitionStatus {
            partition,
            first_record,
            count,
            base_offset: Some(base),
            required_offset,
            pending: true,
            error,
        }
    }

    /// A batch refused at once: settled with its error from the start.
    pub fn refused(partition: PartitionId, (first_record, count): (RecordId, u32), error: ErrorCode) -> Self {
        PartitionStatus { partition, first_record, count, base_offset: None, required_offset: 0, pending: false, error }
    }

    pub fn settle(&mut self, error: ErrorCode) {
        self.pending = false;
        self.error = error;
    }
}

/// An acks=all produce request parked until each of its partitions is settled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DelayedProduce {
    pub request: RequestId,
    pub producer: ClientId,
    pub partitions: Vec<PartitionStatus>,
    pub deadline: Millis,
}
crate::codec!(struct DelayedProduce { request, producer, partitions, deadline });

impl DelayedProduce {
    fn waits_on(&self, partition: PartitionId) -> bool {
        self.partitions.iter().any(|p| p.pending && p.partition == partition)
    }

    fn settled(&self) -> bool {
        self.partitions.iter().all(|p| !p.pending)
    }
}

impl Broker {
    /// Re-checks the parked writes that wait on `partition`, in arrival order, and answers
    /// those now settled (`ReplicaManager.completeDelayedProduceRequests` → `tryComplete`,
    /// which checks every partition of the request, not only the one that moved).
    pub fn complete_delayed_produces(&mut self, partition: PartitionId, cx: &mut Ctx) {
        let mut i = 0;
        while i < self.delayed_produces.len() {
            if !self.delayed_produces[i].waits_on(partition) {
                i += 1;
                continue;
            }
            let mut delayed = std::mem::take(&mut self.delayed_produces[i].partitions);
            for entry in delayed.iter_mut().filter(|p| p.pending) {
                if let Some(error) = self.check_enough_replicas(entry) {
                    entry.settle(error);
                }
            }
            self.delayed_produces[i].partitions = delayed;
            if self.delayed_produces[i].settled() {
                let done = self.delayed_produces.remove(i);
                answer_produce(cx, self.id, done.producer, done.request, &done.partitions);
            } else {
                i += 1;
            }
        }
    }

    /// `Partition.checkEnoughReplicasReachOffset`: settled once the HW has passed the
    /// batch — NONE if the (maximal) ISR still meets min-ISR, else
    /// NOT_ENOUGH_REPLICAS_AFTER_APPEND (the records stay either way);
    /// NOT_LEADER_OR_FOLLOWER when this broker no longer leads; `None` while it waits.
    fn check_enough_replicas(&self, entry: &PartitionStatus) -> Option<ErrorCode> {
        let replica = self.replicas.get(&entry.partition);
        let Some(state) = replica.and_then(|r| r.leader_state()) else { return Some(ErrorCode::NotLeaderOrFollower) };
        if replica.is_some_and(|r| r.hw < entry.required_offset) {
            return None;
        }
        let enough = state.maximal_isr_len() >= state.effective_min_isr();
        Some(if enough { ErrorCode::None } else { ErrorCode::NotEnoughReplicasAfterAppend })
    }

    /// The partition's leadership ended here: its pending writes are settled with `error`
    /// (NOT_LEADER_OR_FOLLOWER) and the requests that now have every answer are answered;
    /// a request that also waits on another partition keeps waiting for it.
    pub fn settle_delayed_partition(&mut self, partition: PartitionId, error: ErrorCode, cx: &mut Ctx) {
        let mut i = 0;
        while i < self.delayed_produces.len() {
            let delayed = &mut self.delayed_produces[i];
            delayed
                .partitions
                .iter_mut()
                .filter(|p| p.pending && p.partition == partition)
                .for_each(|p| p.settle(error));
            if delayed.settled() {
                let done = self.delayed_produces.remove(i);
                answer_produce(cx, self.id, done.producer, done.request, &done.partitions);
            } else {
                i += 1;
            }
        }
    }

    /// Writes past their timeout are answered, in arrival order: each partition still
    /// pending REQUEST_TIMED_OUT (its records stay in the log), the settled ones with their
    /// result (`DelayedProduce.onExpiration`, then `onComplete`).
    pub fn expire_delayed_produces(&mut self, cx: &mut Ctx) {
        let now = cx.now;
        let (done, waiting): (Vec<_>, Vec<_>) = self.delayed_produces.drain(..).partition(|d| d.deadline <= now);
        self.delayed_produces = waiting;
        for delayed in &done {
            answer_produce(cx, self.id, delayed.producer, delayed.request, &delayed.partitions);
        }
    }
}

/// A leader's answer to a produce request: the fact for each partition it wrote (a refusal
/// was told when it happened, `ProduceRejected`), then one response carrying every
/// partition's result; a partition's offset only with NONE.
pub fn answer_produce(
    cx: &mut Ctx,
    broker: BrokerId,
    to: ClientId,
    request: RequestId,
    partitions: &[PartitionStatus],
) {
    for p in partitions.iter().filter(|p| p.base_offset.is_some()) {
        let (partition, first, count, error) = (p.partition, p.first_record, p.count, p.error);
        cx.emit(EventKind::ProduceAnswered { broker, partition, first, count, error });
    }
    let partitions = partitions
        .iter()
        .map(|p| PartitionResponse {
            partition: p.partition,
            error: p.error,
            base_offset: p.base_offset.filter(|_| p.error == ErrorCode::None),
        })
        .collect();
    let response = ProduceResponse { request, partitions };
    cx.send(NodeId::Broker(broker), NodeId::Client(to), Message::ProduceResponse(response));
}

#[cfg(test)]
#[path = "delayed_produce_tests.rs"]
mod tests;
