//! The leader's HW rule (`Partition.maybeIncrementLeaderHW`) and the acks=all writes a
//! new HW completes (`DelayedProduce`, `checkEnoughReplicasReachOffset`), on the broker
//! that leads: it reads its own metadata image (which followers are eligible) and its
//! replica's leader state, and leaves events and answers in the `Ctx`'s outbox.
use crate::sim::broker::Broker;
use crate::sim::ctx::Ctx;
use crate::sim::event::EventKind;
use crate::sim::ids::{BrokerId, NodeId, PartitionId, RecordId};
use crate::sim::message::{Message, ProduceResponse, RequestId};
use crate::sim::records::ErrorCode;
use crate::sim::replica::DelayedProduce;

impl Broker {
    /// Advances the partition's HW as far as the rules allow (KAFKA-RULES.md, "Fetch, LEO
    /// and HW": the smallest LEO among the leader, every maximal-ISR member and every
    /// caught-up ISR-eligible follower; never down; from Kafka 3.7 not at all while the
    /// ISR is below min-ISR), then answers the acks=all writes it now covers and the consumer
    /// fetches held until the HW passed their offset.
    pub fn maybe_advance_hw(&mut self, partition: PartitionId, cx: &mut Ctx) {
        let (id, image) = (self.id, &self.image);
        let Some(replica) = self.replicas.get_mut(&partition) else { return };
        let leo = replica.log.leo();
        let Some(state) = replica.leader_state() else { return };
        let lag_ms = cx.config.replica_lag_time_max_ms;
        let Some(candidate) = state.hw_candidate(leo, cx.now, lag_ms, |b| image.is_isr_eligible(b)) else { return };
        if candidate <= replica.hw {
            return;
        }
        let old = replica.hw;
        replica.hw = candidate;
        let epoch = replica.epoch;
        cx.emit(EventKind::HighWatermarkAdvanced { broker: id, partition, from: old, to: candidate, epoch });
        self.complete_delayed_produces(partition, cx);
        // A new HW may complete the consumer fetches held for it (`maybeIncrementLeaderHW`
        // → `tryCompleteDelayedRequests` → the fetch purgatory).
        self.try_complete_consumer_fetches(partition, cx);
    }

    /// Answers the parked acks=all writes the HW has passed, in arrival order: NONE if the
    /// (maximal) ISR still meets min-ISR, else NOT_ENOUGH_REPLICAS_AFTER_APPEND (the
    /// records stay in the log either way).
    pub fn complete_delayed_produces(&mut self, partition: PartitionId, cx: &mut Ctx) {
        let id = self.id;
        let Some(replica) = self.replicas.get_mut(&partition) else { return };
        let hw = replica.hw;
        let Some(state) = replica.leader_state_mut() else { return };
        if !state.delayed_produces.iter().any(|d| d.required_offset <= hw) {
            return;
        }
        let enough = state.maximal_isr_len() >= state.effective_min_isr();
        let error = if enough { ErrorCode::None } else { ErrorCode::NotEnoughReplicasAfterAppend };
        // Answered one at a time, without collecting them first.
        while let Some(position) = state.delayed_produces.iter().position(|d| d.required_offset <= hw) {
            let delayed = state.delayed_produces.remove(position);
            answer_delayed(cx, id, partition, &delayed, error);
        }
    }
}

/// A leader's answer to a write: the event, then the response to the producer.
#[allow(clippy::too_many_arguments)]
pub fn answer_produce(
    cx: &mut Ctx,
    broker: BrokerId,
    to: NodeId,
    request: RequestId,
    partition: PartitionId,
    (first, count): (RecordId, u32),
    error: ErrorCode,
    base_offset: Option<u64>,
) {
    cx.emit(EventKind::ProduceAnswered { broker, partition, first, count, error });
    let response = ProduceResponse { request, partition, error, base_offset };
    cx.send(NodeId::Broker(broker), to, Message::ProduceResponse(response));
}

/// The answer to a parked acks=all write; it carries the write's offset only on success.
pub fn answer_delayed(
    cx: &mut Ctx,
    broker: BrokerId,
    partition: PartitionId,
    delayed: &DelayedProduce,
    error: ErrorCode,
) {
    let offset = (error == ErrorCode::None).then_some(delayed.base_offset);
    let to = NodeId::Client(delayed.producer);
    let records = (delayed.first_record, delayed.count);
    answer_produce(cx, broker, to, delayed.request, partition, records, error, offset);
}

#[cfg(test)]
#[path = "leader_hw_tests.rs"]
mod tests;
