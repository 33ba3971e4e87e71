//! The producer: picks the partition (murmur2 of the key, round-robin without one),
//! queues records per partition, keeps one request in flight per partition, sends to the
//! leader it believes in, retries what Kafka retries until delivery.timeout.ms, and
//! refreshes its metadata after NOT_LEADER_OR_FOLLOWER or a disconnect.
use super::Cluster;
use crate::sim::client::{InFlightProduce, Producer, QueuedRecord, UnroutedRecord};
use crate::sim::error::SimError;
use crate::sim::event::EventKind;
use crate::sim::ids::{Acks, BrokerId, ClientId, NodeId, PartitionId, RecordId};
use crate::sim::message::{Message, ProduceRequest, ProduceResponse, RequestId};
use crate::sim::partitioner::partition_for_key;
use crate::sim::records::{ErrorCode, NewRecord};

/// Most records in one produce request (stands in for batch.size).
const MAX_BATCH_RECORDS: usize = 500;

/// Where a `produce` goes, resolved: a command's `ProduceTarget` names a partition,
/// a route holds the cluster's id for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Route {
    Topic(String),
    Partition(PartitionId),
}
crate::codec!(
    enum Route {
        Topic(_0) = 0,
        Partition(_0) = 1,
    }
);

impl Cluster {
    /// `produce TARGET VALUE [key=K] [acks=..] [producer=NAME]`. Returns the record's id
    /// when its partition is known now (a topic-wide produce waits for metadata first).
    pub(crate) fn produce(
        &mut self,
        target: &Route,
        value: &str,
        key: Option<&str>,
        acks: Option<Acks>,
        producer: &str,
    ) -> Result<Option<RecordId>, SimError> {
        Self::check_value(value)?;
        if let Route::Topic(name) = target {
            if !self.topics.iter().any(|t| &t.name == name) {
                return Err(SimError::UnknownTopic(name.clone()));
            }
        }
        let client = self.ensure_client(producer, true)?;
        let acks = acks.unwrap_or(self.config.acks);
        let record = match target {
            Route::Partition(partition) => Some(self.enqueue_record(client, *partition, value, acks, self.now)),
            Route::Topic(topic) => match self.choose_partition(client, topic, key) {
                Some(partition) => Some(self.enqueue_record(client, partition, value, acks, self.now)),
                None => {
                    let unrouted = UnroutedRecord {
                        topic: topic.clone(),
                        value: value.to_string(),
                        key: key.map(str::to_string),
                        acks,
                        created_ms: self.now,
                    };
                    self.route_or_hold(client, unrouted)
                }
            },
        };
        match record {
            Some(id) => self.pump_lane(client, self.records.meta(id).partition),
            None => self.request_metadata(client),
        }
        self.observe();
        Ok(record)
    }

    pub(super) fn producer_mut(&mut self, client: ClientId) -> &mut Producer {
        match &mut self.clients[client.index()].role {
            crate::sim::client::ClientRole::Producer(p) => p,
            crate::sim::client::ClientRole::Consumer(_) => unreachable!("checked by ensure_client"),
        }
    }

    fn route_or_hold(&mut self, client: ClientId, record: UnroutedRecord) -> Option<RecordId> {
        match self.choose_partition(client, &record.topic, record.key.as_deref()) {
            Some(partition) => {
                Some(self.enqueue_record(client, partition, &record.value, record.acks, record.created_ms))
            }
            None => {
                self.producer_mut(client).unrouted.push(record);
                None
            }
        }
    }

    /// The default partitioner: murmur2 of the key, round-robin without one; `None`
    /// while the producer does not know the topic's partitions yet.
    fn choose_partition(&mut self, client: ClientId, topic: &str, key: Option<&str>) -> Option<PartitionId> {
        let producer = self.producer_mut(client);
        let &(first, count) = producer.metadata.topics.get(topic)?;
        let index = match key {
            Some(key) => partition_for_key(key.as_bytes(), count.max(1)),
            None => {
                let next = match producer.round_robin.get_mut(topic) {
                    Some(next) => next,
                    None => producer.round_robin.entry(topic.to_string()).or_insert(0),
                };
                let index = *next % count.max(1);
                *next = next.wrapping_add(1);
                index
            }
        };
        Some(PartitionId(first.0 + index))
    }

    /// Idempotence needs acks=all (Kafka turns it off for other acks).
    fn enqueue_record(
        &mut self,
        client: ClientId,
        partition: PartitionId,
        value: &str,
        acks: Acks,
        created_ms: u64,
    ) -> RecordId {
        let idempotent = self.config.enable_idempotence && acks == Acks::All;
        let lane = self.producer_mut(client).lanes.get_or_insert_with(partition, Default::default);
        let sequence = lane.next_sequence;
        if idempotent {
            lane.next_sequence += 1;
        }
        let id = self.records.add(NewRecord { value, producer: client, partition, sequence, acks, idempotent });
        let lane = self.producer_mut(client).lanes.get_or_insert_with(partition, Default::default);
        lane.queue.push_back(QueuedRecord { id, created_ms });
        id
    }

    pub(crate) fn pump_producer(&mut self, client: ClientId) {
        let producer = self.producer_mut(client);
        if !producer.unrouted.is_empty() && producer.metadata.topics.is_empty() {
            self.request_metadata(client);
        }
        let unrouted = std::mem::take(&mut self.producer_mut(client).unrouted);
        for record in unrouted {
            if self.route_or_hold(client, record).is_none() {
                self.request_metadata(client);
            }
        }
        let partitions: Vec<PartitionId> = self.producer_mut(client).lanes.keys().copied().collect();
        for partition in partitions {
            self.pump_lane(client, partition);
        }
    }

    fn pump_lane(&mut self, client: ClientId, partition: PartitionId) {
        self.expire_queued_records(client, partition);
        let now = self.now;
        loop {
            let producer = self.producer_mut(client);
            let stale = producer.metadata.stale;
            let leader = producer.metadata.leader_of(partition);
            let lane = producer.lanes.get_mut(&partition).expect("lane exists");
            if lane.queue.is_empty() || lane.in_flight.is_some() {
                return;
            }
            if lane.retry_at > now {
                let at = lane.retry_at;
                self.arm_client_wake(client, at);
                return;
            }
            match leader {
                Some(leader) if !stale => {
                    if !self.send_batch(client, partition, leader) {
                        return;
                    }
                }
                _ => {
                    self.request_metadata(client);
                    return;
                }
            }
        }
    }

    /// Sends the head of the lane as one request. Returns true when the lane can send
    /// again at once (acks=0 expects no answer).
    fn send_batch(&mut self, client: ClientId, partition: PartitionId, leader: BrokerId) -> bool {
        let (now, timeout_ms) = (self.now, self.config.request_timeout_ms);
        let request_id = self.net.new_request_id();
        let batch = self.head_batch(client, partition);
        let head = batch[0];
        let first_meta = self.records.meta(head);
        let count = batch.len();
        let fire_and_forget = first_meta.acks == Acks::Zero;
        if fire_and_forget && !self.node_alive(NodeId::Broker(leader)) {
            // The connection is refused, so nothing is sent: the records wait, as the
            // Java producer's batches wait for a ready connection, and the metadata is
            // refreshed in case the leader moved.
            self.emit(EventKind::MessageRefused {
                from: NodeId::Client(client),
                to: NodeId::Broker(leader),
                message: crate::sim::message::MessageKind::Produce,
            });
            let retry_at = now + self.config.retry_backoff_ms;
            let producer = self.producer_mut(client);
            producer.metadata.stale = true;
            producer.lanes.get_mut(&partition).expect("lane exists").retry_at = retry_at;
            self.arm_client_wake(client, retry_at);
            return false;
        }
        let lane = self.producer_mut(client).lanes.get_mut(&partition).expect("lane exists");
        let attempt = lane.attempts + 1;
        if fire_and_forget {
            lane.queue.drain(..count);
            lane.batch_len = None;
        } else {
            lane.in_flight = Some(InFlightProduce {
                request: request_id,
                broker: leader,
                count,
                deadline: now + timeout_ms,
                attempt,
            });
        }
        let request = ProduceRequest {
            request: request_id,
            partition,
            records: batch,
            acks: first_meta.acks,
            producer: client,
            base_sequence: first_meta.sequence,
            idempotent: first_meta.idempotent,
            timeout_ms,
        };
        self.emit(EventKind::ProduceSent {
            client,
            broker: leader,
            partition,
            first: head,
            count: count as u32,
            acks: first_meta.acks,
            attempt,
        });
        self.send(NodeId::Client(client), NodeId::Broker(leader), Message::Produce(request));
        if !fire_and_forget {
            self.arm_client_wake(client, now + timeout_ms);
        }
        fire_and_forget
    }

    /// The head batch of the lane: the one already sent, if any, else up to
    /// `MAX_BATCH_RECORDS` queued records with the same acks and idempotence, which are
    /// then fixed as the batch (`RecordAccumulator.drain` closes a batch; retries resend it).
    fn head_batch(&mut self, client: ClientId, partition: PartitionId) -> Vec<RecordId> {
        let lane = &self.producer_mut(client).lanes[&partition];
        let queued: Vec<RecordId> =
            lane.queue.iter().take(lane.batch_len.unwrap_or(MAX_BATCH_RECORDS)).map(|q| q.id).collect();
        if lane.batch_len.is_some() {
            return queued;
        }
        let first_meta = self.records.meta(queued[0]);
        let batch: Vec<RecordId> = queued
            .into_iter()
            .take_while(|id| {
                let m = self.records.meta(*id);
                m.acks == first_meta.acks && m.idempotent == first_meta.idempotent
            })
            .collect();
        self.records.mark_batch_start(batch[0], batch.len() as u16);
        self.producer_mut(client).lanes.get_mut(&partition).expect("lane exists").batch_len = Some(batch.len());
        batch
    }

    pub(crate) fn producer_handle_response(&mut self, client: ClientId, broker: BrokerId, response: ProduceResponse) {
        let lane = self.producer_mut(client).lanes.get_mut(&response.partition);
        let Some(lane) = lane else { return };
        if lane.in_flight.as_ref().is_none_or(|f| f.request != response.request) {
            return; // a late answer to a request the producer already gave up on
        }
        let in_flight = lane.in_flight.take().expect("checked");
        if response.error == ErrorCode::None {
            self.batch_acked(client, broker, response.partition, in_flight.count, response.base_offset.unwrap_or(0));
            self.pump_lane(client, response.partition);
        } else {
            let batch: Vec<RecordId> = lane.queue.iter().take(in_flight.count).map(|q| q.id).collect();
            self.batch_failed(client, response.partition, &batch, response.error);
            self.pump_producer(client);
        }
    }

    /// The head `count` records of the lane were written at `base` onwards; `broker` said so.
    fn batch_acked(&mut self, client: ClientId, broker: BrokerId, partition: PartitionId, count: usize, base: u64) {
        let Some(first) = self.producer_mut(client).lanes.get(&partition).and_then(|l| l.queue.front()).map(|q| q.id)
        else {
            return;
        };
        for i in 0..count {
            let lane = self.producer_mut(client).lanes.get_mut(&partition).expect("lane exists");
            let Some(queued) = lane.queue.pop_front() else { break };
            lane.attempts = 0;
            lane.batch_len = None;
            self.records.record_response(queued.id, ErrorCode::None, Some(base + i as u64));
        }
        self.emit(EventKind::ProducerAcked { client, broker, partition, first, count: count as u32, offset: base });
    }

    /// A request failed with `error`: retriable errors are retried after
    /// retry.backoff.ms (refreshing metadata first where the leader may have moved).
    fn batch_failed(&mut self, client: ClientId, partition: PartitionId, batch: &[RecordId], error: ErrorCode) {
        for id in batch {
            self.records.record_response(*id, error, None);
        }
        let retry_at = self.now + self.config.retry_backoff_ms;
        let producer = self.producer_mut(client);
        if error.needs_metadata_refresh() {
            producer.metadata.stale = true;
        }
        let lane = producer.lanes.get_mut(&partition).expect("lane exists");
        lane.in_flight = None;
        lane.attempts += 1;
        if error.is_retriable() {
            lane.retry_at = retry_at;
            self.emit(EventKind::ProducerRetrying { client, partition, first: batch[0], error });
            self.arm_client_wake(client, retry_at);
        } else {
            lane.queue.drain(..batch.len());
            lane.batch_len = None;
            for id in batch {
                self.records.mark_failed(*id);
                self.emit(EventKind::ProducerGaveUp { client, partition, record: *id, error: Some(error) });
            }
        }
    }

    pub(crate) fn producer_request_failed(&mut self, client: ClientId, request: RequestId, error: ErrorCode) {
        let found = self
            .producer_mut(client)
            .lanes
            .iter()
            .find_map(|(p, lane)| lane.in_flight.as_ref().filter(|f| f.request == request).map(|f| (*p, f.count)));
        let Some((partition, count)) = found else { return };
        let lane = &self.producer_mut(client).lanes[&partition];
        let batch: Vec<RecordId> = lane.queue.iter().take(count).map(|q| q.id).collect();
        self.batch_failed(client, partition, &batch, error);
        self.pump_producer(client);
    }

    /// Client-side request timeout: no answer within request.timeout.ms.
    pub(crate) fn producer_expire_requests(&mut self, client: ClientId) {
        let now = self.now;
        let expired: Vec<RequestId> = self
            .producer_mut(client)
            .lanes
            .values()
            .filter_map(|lane| lane.in_flight.as_ref().filter(|f| f.deadline <= now).map(|f| f.request))
            .collect();
        for request in expired {
            self.net.answered(request);
            self.producer_request_failed(client, request, ErrorCode::RequestTimedOut);
        }
    }

    /// Records not in flight whose delivery.timeout.ms has passed fail for good.
    fn expire_queued_records(&mut self, client: ClientId, partition: PartitionId) {
        let deadline_ms = self.config.delivery_timeout_ms;
        let now = self.now;
        let lane = self.producer_mut(client).lanes.get_mut(&partition).expect("lane exists");
        if lane.in_flight.is_some() {
            return;
        }
        let mut expired = Vec::new();
        if lane.queue.front().is_some_and(|q| q.created_ms + deadline_ms <= now) {
            // A sent batch expires whole, by its first record's age (`ProducerBatch.hasReachedDeliveryTimeout`).
            let whole = lane.batch_len.take().unwrap_or(0);
            expired.extend(lane.queue.drain(..whole.min(lane.queue.len())).map(|q| q.id));
        }
        while lane.queue.front().is_some_and(|q| q.created_ms + deadline_ms <= now) {
            expired.push(lane.queue.pop_front().expect("checked").id);
        }
        if let Some(next) = lane.queue.front().map(|q| q.created_ms + deadline_ms) {
            self.arm_client_wake(client, next);
        }
        for id in expired {
            let error = self.records.meta(id).last_response;
            self.records.mark_failed(id);
            self.emit(EventKind::ProducerGaveUp { client, partition, record: id, error });
        }
    }
}
