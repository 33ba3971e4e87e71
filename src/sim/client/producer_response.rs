//! What the producer does with an answer, partition by partition, or with none (Kafka's
//! `Sender.handleProduceResponse` and `completeBatch`,
//! `RecordAccumulator.reenqueue`, `TransactionManager.canRetry`): a success completes the
//! batch's records at their offsets; a retriable error sends the same batch again after a
//! backoff (KIP-580) — refreshing metadata first where the leader may have moved; anything
//! else, or delivery.timeout.ms, fails its records for good.
use crate::sim::client::backoff::retry_backoff_ms;
use crate::sim::client::context::ClientCtx;
use crate::sim::ctx::Acts;
use crate::sim::event::EventKind;
use crate::sim::ids::{BrokerId, PartitionId, RecordId};
use crate::sim::message::{ProduceResponse, RequestId};
use crate::sim::records::ErrorCode;

impl ClientCtx<'_> {
    /// A produce answer from `broker`: each partition's result completes or fails that
    /// partition's batch on its own (`Sender.handleProduceResponse` → `completeBatch`), then
    /// the producer sends what may go now (the answer freed a slot of the connection).
    pub(crate) fn on_produce_response(&mut self, broker: BrokerId, response: ProduceResponse) {
        let mut answered = false;
        for result in &response.partitions {
            let partition = result.partition;
            let lane = self.producer_mut().lanes.get_mut(&partition);
            // A late answer to a request the producer already gave up on finds nothing.
            let Some(index) = lane.and_then(|lane| lane.position_of(response.request)) else { continue };
            answered = true;
            if result.error == ErrorCode::None {
                self.batch_acked(broker, partition, index, result.base_offset.unwrap_or(0));
            } else {
                self.batch_failed(partition, index, result.error);
            }
        }
        if answered {
            self.pump_producer();
        }
    }

    /// The batch at `index` was written at `base` onwards; `broker` said so.
    fn batch_acked(&mut self, broker: BrokerId, partition: PartitionId, index: usize, base: u64) {
        let client = self.id();
        let last_sequence = self.last_sequence_of(partition, index);
        let lane = self.producer_mut().lanes.get_mut(&partition).expect("lane exists");
        let batch = lane.batches.remove(index).expect("index from position_of");
        lane.settle(last_sequence);
        for (i, queued) in batch.records.iter().enumerate() {
            self.records.record_response(queued.id, ErrorCode::None, Some(base + i as u64));
        }
        let (first, count) = (batch.first().id, batch.records.len() as u32);
        self.emit(EventKind::ProducerAcked { client, broker, partition, first, count, offset: base });
    }

    /// A send of the batch at `index` failed with `error`.
    fn batch_failed(&mut self, partition: PartitionId, index: usize, error: ErrorCode) {
        let client = self.id();
        let (initial_ms, max_ms) = (self.config.retry_backoff_ms, self.config.retry_backoff_max_ms);
        let producer = self.producer_mut();
        if error.needs_metadata_refresh() {
            producer.metadata.stale = true;
        }
        let lane = producer.lanes.get_mut(&partition).expect("lane exists");
        let batch = &mut lane.batches[index];
        batch.in_flight = None;
        batch.failed_sends += 1;
        let (failed_sends, idempotent) = (batch.failed_sends, batch.idempotent);
        let ids: Vec<RecordId> = batch.records.iter().map(|q| q.id).collect();
        for id in &ids {
            self.records.record_response(*id, error, None);
        }
        if !(error.is_retriable() || (idempotent && error == ErrorCode::OutOfOrderSequenceNumber)) {
            let last_sequence = self.last_sequence_of(partition, index);
            let lane = self.producer_mut().lanes.get_mut(&partition).expect("lane exists");
            lane.batches.remove(index);
            lane.settle(last_sequence);
            for id in ids {
                self.records.mark_failed(id);
                self.emit(EventKind::ProducerGaveUp { client, partition, record: id, error: Some(error) });
            }
            return;
        }
        if error == ErrorCode::OutOfOrderSequenceNumber {
            self.maybe_bump_epoch(partition, index);
        }
        let retry_at = self.now + retry_backoff_ms(failed_sends, initial_ms, max_ms, self.rng);
        let lane = self.producer_mut().lanes.get_mut(&partition).expect("lane exists");
        lane.batches[index].retry_at = retry_at;
        self.emit(EventKind::ProducerRetrying { client, partition, first: ids[0], error });
        self.arm_client_wake(retry_at);
    }

    /// OUT_OF_ORDER_SEQUENCE_NUMBER for the next batch in line (every sequence before it
    /// settled) with nothing else in flight is a gap no earlier batch will fill (one failed
    /// for good, or the leader lost it): the producer bumps its epoch and the brokers take
    /// its batches afresh. Otherwise it only retries (`TransactionManager.canRetry`): an
    /// earlier batch may still fill the gap, or this one was written long ago and its answer
    /// lost — retrying it under a new epoch would write it twice.
    fn maybe_bump_epoch(&mut self, partition: PartitionId, index: usize) {
        let first = self.producer_mut().lanes[&partition].batches[index].first().id;
        let base = self.records.meta(first).sequence;
        let producer = self.producer_mut();
        let lane = &producer.lanes[&partition];
        if index == 0 && lane.in_flight_count() == 0 && lane.is_next_sequence(base) {
            producer.epoch = producer.epoch.wrapping_add(1);
        }
    }

    /// The last sequence of the lane's batch at `index` (idempotent batches number their
    /// records one by one; others carry 0s, which settle nothing that matters).
    fn last_sequence_of(&mut self, partition: PartitionId, index: usize) -> u32 {
        let batch = &self.producer_mut().lanes[&partition].batches[index];
        let last = batch.records.last().expect("a batch holds a record").id;
        self.records.meta(last).sequence
    }

    /// The whole request failed (no answer in time, or its connection broke): every batch
    /// it carried fails with `error` (`Sender.failBatch` for each of the request's batches).
    pub(crate) fn producer_request_failed(&mut self, request: RequestId, error: ErrorCode) {
        let carried: Vec<(PartitionId, usize)> = self
            .producer_mut()
            .lanes
            .iter()
            .filter_map(|(partition, lane)| lane.position_of(request).map(|index| (*partition, index)))
            .collect();
        if carried.is_empty() {
            return;
        }
        for (partition, index) in carried {
            self.batch_failed(partition, index, error);
        }
        self.pump_producer();
    }

    /// Client-side request timeout: no answer within request.timeout.ms.
    pub(crate) fn producer_expire_requests(&mut self) {
        let now = self.now;
        let expired: Vec<RequestId> = self
            .producer_mut()
            .lanes
            .values()
            .flat_map(|lane| lane.batches.iter().filter_map(|b| b.in_flight.as_ref()))
            .filter(|f| f.deadline <= now)
            .map(|f| f.request)
            .collect();
        let mut expired_requests: Vec<RequestId> = Vec::new();
        for request in expired {
            // A request carrying several batches is one request: it fails once.
            if !expired_requests.contains(&request) {
                expired_requests.push(request);
            }
        }
        for request in expired_requests {
            self.forget(request);
            self.producer_request_failed(request, ErrorCode::RequestTimedOut);
        }
    }

    /// Batches not in flight whose delivery.timeout.ms has passed fail for good, whole, by
    /// their creation time (`ProducerBatch.hasReachedDeliveryTimeout`).
    pub(crate) fn expire_waiting_batches(&mut self, partition: PartitionId) {
        let client = self.id();
        let (now, timeout_ms) = (self.now, self.config.delivery_timeout_ms);
        let lane = self.producer_mut().lanes.get_mut(&partition).expect("lane exists");
        let mut expired = Vec::new();
        lane.batches.retain(|b| {
            let expires = b.in_flight.is_none() && b.created_ms + timeout_ms <= now;
            if expires {
                expired.extend(b.records.iter().map(|q| q.id));
            }
            !expires
        });
        if let Some(last) = expired.last().map(|id| self.records.meta(*id).sequence) {
            self.producer_mut().lanes.get_mut(&partition).expect("lane exists").settle(last);
        }
        for id in expired {
            let error = self.records.meta(id).last_response;
            self.records.mark_failed(id);
            self.emit(EventKind::ProducerGaveUp { client, partition, record: id, error });
        }
    }
}

#[cfg(test)]
#[path = "producer_response_tests.rs"]
mod tests;
