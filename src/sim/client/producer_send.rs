//! The producer's sender (Kafka's `Sender.sendProducerData` with `RecordAccumulator.ready`
//! and `drain`): a leader is ready once one of the partitions it leads has a batch that is
//! full or has lingered (or a retry whose backoff is over); then one request to it carries
//! the head batch of every partition it leads that may go (at most one per partition, up to
//! `max.request.size`), and up to `max.in.flight.requests.per.connection` requests are in
//! flight to each broker (`NetworkClient.isReady` → `InFlightRequests.canSendMore`). Each
//! request goes under the producer's current epoch; without a known leader, the producer
//! asks for metadata first.
//!
//! Simplified: Kafka's drain starts at a rotating index per broker, for fairness when
//! `max.request.size` cuts a request short, and stops draining a broker at a partition whose
//! idempotent retry must wait; here partitions go in id order and such a partition is only
//! skipped. Kafka's acks are the producer's; ours are a record's, so a request carries only
//! batches of the same acks.
use crate::sim::client::accumulator::MAX_REQUEST_SIZE_BYTES;
use crate::sim::client::context::ClientCtx;
use crate::sim::client::{InFlightProduce, ProducerLane};
use crate::sim::ctx::Acts;
use crate::sim::event::EventKind;
use crate::sim::ids::{Acks, BrokerId, NodeId, PartitionId, RecordId};
use crate::sim::message::{Message, MessageKind, PartitionProduce, ProduceRequest, RequestId};

impl ClientCtx<'_> {
    /// Sends every request that may go now, broker by broker, and arms a wake-up for what
    /// will go later (a linger or backoff ending, a request's timeout).
    pub(crate) fn send_ready_batches(&mut self) {
        let partitions: Vec<PartitionId> = self.producer_mut().lanes.keys().copied().collect();
        for partition in &partitions {
            self.expire_waiting_batches(*partition);
        }
        if self.waits_for_metadata() {
            return;
        }
        let max = self.config.max_in_flight as usize;
        let in_flight = self.requests_in_flight();
        for (leader, partitions) in self.lanes_by_leader() {
            let mut sent = in_flight.iter().filter(|b| **b == leader).count();
            while sent < max && self.any_ready(&partitions) {
                let (acks, drained) = self.drain(&partitions);
                if drained.is_empty() || !self.send_request(leader, acks, &drained) {
                    break;
                }
                // acks=0 asks for no answer: its request is done once sent.
                sent += usize::from(acks != Acks::Zero);
            }
        }
        self.arm_next_send();
    }

    /// Asks for metadata when a waiting batch's leader is unknown or the cache is stale;
    /// true when stale: then nothing is sent until it is refreshed.
    fn waits_for_metadata(&mut self) -> bool {
        let producer = self.producer_mut();
        let waiting = producer.lanes.iter().filter(|(_, lane)| !lane.batches.is_empty());
        let (mut any, mut unknown_leader) = (false, false);
        for (partition, _) in waiting {
            any = true;
            unknown_leader |= producer.metadata.leader_of(*partition).is_none();
        }
        let stale = producer.metadata.stale && any;
        if stale || unknown_leader {
            // Kafka's producer waits for metadata before a record even enters the
            // accumulator (`KafkaProducer.waitOnMetadata`): ask now, not after linger.
            self.request_metadata();
        }
        stale
    }

    /// The partitions with batches waiting, by the leader the producer believes in
    /// (`partitionsForNode`), leaders ascending, each's partitions in partition order.
    /// Vectors rather than maps: the page's bundle already carries their code.
    fn lanes_by_leader(&mut self) -> Vec<(BrokerId, Vec<PartitionId>)> {
        let producer = self.producer_mut();
        let mut waiting: Vec<(BrokerId, PartitionId)> = Vec::new();
        for (partition, _) in producer.lanes.iter().filter(|(_, lane)| !lane.batches.is_empty()) {
            if let Some(leader) = producer.metadata.leader_of(*partition) {
                waiting.push((leader, *partition));
            }
        }
        waiting.sort_unstable();
        let mut led: Vec<(BrokerId, Vec<PartitionId>)> = Vec::new();
        for (leader, partition) in waiting {
            match led.last_mut() {
                Some((last, partitions)) if *last == leader => partitions.push(partition),
                _ => led.push((leader, vec![partition])),
            }
        }
        led
    }

    /// The broker of every request in flight, once per request (`InFlightRequests.count`
    /// per connection): the distinct requests the lanes' in-flight batches went in.
    fn requests_in_flight(&mut self) -> Vec<BrokerId> {
        let mut requests: Vec<(BrokerId, RequestId)> = Vec::new();
        let lanes = self.producer_mut().lanes.values();
        for f in lanes.flat_map(|lane| lane.batches.iter().filter_map(|b| b.in_flight.as_ref())) {
            requests.push((f.broker, f.request));
        }
        requests.sort_unstable();
        requests.dedup();
        requests.into_iter().map(|(broker, _)| broker).collect()
    }

    /// The lane of `partition` and the leader epoch the producer knows for it.
    fn lane_and_epoch(&mut self, partition: PartitionId) -> Option<(&ProducerLane, u32)> {
        let producer = self.producer_mut();
        let epoch = producer.metadata.leaders.get(&partition).map_or(0, |(_, epoch)| *epoch);
        producer.lanes.get(&partition).map(|lane| (lane, epoch))
    }

    /// One of a leader's `partitions` has a batch ready (`RecordAccumulator.ready`'s nodes).
    fn any_ready(&mut self, partitions: &[PartitionId]) -> bool {
        let (now, limits) = (self.now, self.config.batch_limits());
        partitions.iter().any(|p| self.lane_and_epoch(*p).is_some_and(|(lane, epoch)| lane.ready(now, limits, epoch)))
    }

    /// One request's batches from a leader's `partitions` (`drainBatchesForOneNode`): the
    /// head batch of each that may go, in partition order, all of the first one's acks,
    /// until `max.request.size` would be passed.
    fn drain(&mut self, partitions: &[PartitionId]) -> (Acks, Vec<(PartitionId, usize)>) {
        let (now, limits) = (self.now, self.config.batch_limits());
        let (mut acks, mut bytes, mut drained) = (None, 0, Vec::new());
        for &partition in partitions {
            let Some((lane, epoch)) = self.lane_and_epoch(partition) else { continue };
            let Some(index) = lane.drainable(now, limits, epoch) else { continue };
            let batch = &lane.batches[index];
            if acks.is_some_and(|a| a != batch.acks) {
                continue;
            }
            if bytes + batch.bytes > MAX_REQUEST_SIZE_BYTES && !drained.is_empty() {
                break;
            }
            acks = Some(batch.acks);
            bytes += batch.bytes;
            drained.push((partition, index));
        }
        (acks.unwrap_or(Acks::All), drained)
    }

    /// Sends the drained batches as one request to `leader`. Returns false when it could
    /// not go (acks=0 to a leader that refuses the connection).
    fn send_request(&mut self, leader: BrokerId, acks: Acks, drained: &[(PartitionId, usize)]) -> bool {
        if acks == Acks::Zero && self.brokers.refuses(leader) {
            self.refuse_fire_and_forget(leader);
            return false;
        }
        let (client, now, timeout_ms) = (self.id(), self.now, self.config.request_timeout_ms);
        let request = self.request_ids.allocate();
        let count = drained.len() as u16;
        let batches =
            drained.iter().map(|&(p, index)| self.put_in_flight(p, index, (request, count), leader)).collect();
        let producer_epoch = self.producer_mut().epoch;
        let message = ProduceRequest { request, batches, acks, producer: client, producer_epoch, timeout_ms };
        self.send(NodeId::Client(client), NodeId::Broker(leader), Message::Produce(message));
        if acks != Acks::Zero {
            self.arm_client_wake(now + timeout_ms);
        }
        true
    }

    /// The lane's batch at `index` goes in `request` to `leader`: in flight until answered
    /// (or done at once with acks=0, which asks for no answer); its records carry the
    /// producer's epoch. Returns the batch as the request carries it; `request` carries
    /// `batches` batches in all.
    fn put_in_flight(
        &mut self,
        partition: PartitionId,
        index: usize,
        (request, batches): (RequestId, u16),
        leader: BrokerId,
    ) -> PartitionProduce {
        let (client, now, timeout_ms) = (self.id(), self.now, self.config.request_timeout_ms);
        let producer = self.producer_mut();
        let epoch = producer.epoch;
        let leader_epoch = producer.metadata.leaders.get(&partition).map(|(_, epoch)| *epoch);
        let lane = producer.lanes.get_mut(&partition).expect("drained from a lane");
        let batch = &mut lane.batches[index];
        let (acks, idempotent, attempt) = (batch.acks, batch.idempotent, batch.failed_sends + 1);
        let records: Vec<RecordId> = batch.records.iter().map(|q| q.id).collect();
        if acks == Acks::Zero {
            lane.batches.remove(index);
        } else {
            batch.closed = true;
            batch.sent_leader_epoch = leader_epoch;
            batch.in_flight = Some(InFlightProduce { request, broker: leader, deadline: now + timeout_ms, attempt });
        }
        self.records.mark_batch_start(records[0], records.len() as u16);
        for id in &records {
            self.records.set_producer_epoch(*id, epoch);
        }
        let (first, count) = (records[0], records.len() as u32);
        self.emit(EventKind::ProduceSent { client, broker: leader, partition, first, count, acks, attempt, batches });
        let base_sequence = self.records.meta(first).sequence;
        PartitionProduce { partition, records, base_sequence, idempotent }
    }

    /// Arms a wake-up for the earliest time a lane next needs the producer.
    fn arm_next_send(&mut self) {
        let (now, limits, delivery_timeout_ms) =
            (self.now, self.config.batch_limits(), self.config.delivery_timeout_ms);
        let lanes = self.producer_mut().lanes.values();
        let next = lanes.filter_map(|lane| lane.next_deadline(now, limits, delivery_timeout_ms)).min();
        if let Some(at) = next {
            self.arm_client_wake(at);
        }
    }

    /// acks=0 to a dead leader: the connection is refused, so nothing is sent; the batch
    /// waits, as the Java producer's batches wait for a ready connection, and the metadata
    /// is refreshed in case the leader moved.
    fn refuse_fire_and_forget(&mut self, leader: BrokerId) {
        let client = self.id();
        self.emit(EventKind::MessageRefused {
            from: NodeId::Client(client),
            to: NodeId::Broker(leader),
            message: MessageKind::Produce,
        });
        let retry_at = self.now + self.config.retry_backoff_ms;
        self.producer_mut().metadata.stale = true;
        self.arm_client_wake(retry_at);
    }
}

#[cfg(test)]
#[path = "producer_send_tests.rs"]
mod tests;
