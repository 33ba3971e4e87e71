//! The producer's sender (Kafka's `Sender.sendProducerData` with `RecordAccumulator.ready`
//! and `drain`): a batch goes to the leader the producer believes in once it is full or has
//! lingered, up to `max.in.flight.requests.per.connection` at a time, each send under the
//! producer's current epoch; without a known leader, the producer asks for metadata first.
use crate::sim::client::context::ClientCtx;
use crate::sim::client::InFlightProduce;
use crate::sim::ctx::Acts;
use crate::sim::event::EventKind;
use crate::sim::ids::{Acks, BrokerId, NodeId, PartitionId, RecordId};
use crate::sim::message::{Message, MessageKind, ProduceRequest};

impl ClientCtx<'_> {
    /// Sends every batch of the partition that may go now, and arms a wake-up for the next
    /// that will (its linger or backoff ending).
    pub(crate) fn pump_lane(&mut self, partition: PartitionId) {
        self.expire_waiting_batches(partition);
        let (now, limits, delivery_timeout_ms) =
            (self.now, self.config.batch_limits(), self.config.delivery_timeout_ms);
        loop {
            let producer = self.producer_mut();
            let (stale, leader) = (producer.metadata.stale, producer.metadata.leader_of(partition));
            let leader_epoch = producer.metadata.leaders.get(&partition).map_or(0, |(_, epoch)| *epoch);
            let Some(lane) = producer.lanes.get(&partition).filter(|lane| !lane.batches.is_empty()) else { return };
            let leader = match leader {
                Some(leader) if !stale => leader,
                // Kafka's producer waits for metadata before a record even enters the
                // accumulator (`KafkaProducer.waitOnMetadata`): ask now, not after linger.
                _ => return self.request_metadata(),
            };
            let Some(index) = lane.sendable(now, limits, leader_epoch) else {
                if let Some(at) = lane.next_deadline(now, limits, delivery_timeout_ms) {
                    self.arm_client_wake(at);
                }
                return;
            };
            if !self.send_batch(partition, index, leader) {
                return;
            }
        }
    }

    /// Sends the lane's batch at `index` as one request. Returns false when it could not
    /// go (acks=0 to a leader that refuses the connection).
    fn send_batch(&mut self, partition: PartitionId, index: usize, leader: BrokerId) -> bool {
        let client = self.id();
        let (now, timeout_ms) = (self.now, self.config.request_timeout_ms);
        let producer = self.producer_mut();
        let epoch = producer.epoch;
        let leader_epoch = producer.metadata.leaders.get(&partition).map(|(_, epoch)| *epoch);
        let batch = &producer.lanes[&partition].batches[index];
        let (acks, idempotent, attempt) = (batch.acks, batch.idempotent, batch.failed_sends + 1);
        let records: Vec<RecordId> = batch.records.iter().map(|q| q.id).collect();
        if acks == Acks::Zero && self.brokers.refuses(leader) {
            self.refuse_fire_and_forget(leader);
            return false;
        }
        let request_id = self.request_ids.allocate();
        let lane = self.producer_mut().lanes.get_mut(&partition).expect("lane exists");
        if acks == Acks::Zero {
            // No answer will come: the batch is done once it is on the wire.
            lane.batches.remove(index);
        } else {
            let batch = &mut lane.batches[index];
            batch.closed = true;
            batch.sent_leader_epoch = leader_epoch;
            batch.in_flight =
                Some(InFlightProduce { request: request_id, broker: leader, deadline: now + timeout_ms, attempt });
        }
        self.records.mark_batch_start(records[0], records.len() as u16);
        for id in &records {
            self.records.set_producer_epoch(*id, epoch);
        }
        let first = self.records.meta(records[0]);
        let (head, count) = (records[0], records.len() as u32);
        let request = ProduceRequest {
            request: request_id,
            partition,
            records,
            acks,
            producer: client,
            base_sequence: first.sequence,
            producer_epoch: epoch,
            idempotent,
            timeout_ms,
        };
        self.emit(EventKind::ProduceSent { client, broker: leader, partition, first: head, count, acks, attempt });
        self.send(NodeId::Client(client), NodeId::Broker(leader), Message::Produce(request));
        if acks != Acks::Zero {
            self.arm_client_wake(now + timeout_ms);
        }
        true
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
