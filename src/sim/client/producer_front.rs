//! The producer's front: picks the partition (murmur2 of the key; keyless records on the
//! built-in sticky partitioner) and adds the record to that partition's batches in the
//! accumulator (`KafkaProducer.doSend` → `RecordAccumulator.append`). Sending is in
//! `producer_send.rs`, answers in `producer_response.rs`.
use crate::sim::client::context::ClientCtx;
use crate::sim::client::record_size::record_size_in_bytes;
use crate::sim::client::sticky::{next_partition, should_switch, StickyPartition};
use crate::sim::client::{QueuedRecord, UnroutedRecord};
use crate::sim::ids::{Acks, PartitionId, RecordId};
use crate::sim::partitioner::partition_for_key;
use crate::sim::records::NewRecord;

impl ClientCtx<'_> {
    pub(crate) fn route_or_hold(&mut self, record: UnroutedRecord) -> Option<RecordId> {
        match self.choose_partition(&record.topic, record.key.as_deref()) {
            Some(partition) => {
                let send = RecordToSend {
                    topic: Some(&record.topic),
                    value: &record.value,
                    key: record.key.as_deref(),
                    acks: record.acks,
                    created_ms: record.created_ms,
                };
                Some(self.enqueue_record(partition, &send))
            }
            None => {
                self.producer_mut().unrouted.push(record);
                None
            }
        }
    }

    /// The partition of a record: murmur2 of the key (`BuiltInPartitioner.partitionForKey`),
    /// the sticky partition without one; `None` while the producer does not know the
    /// topic's partitions yet.
    fn choose_partition(&mut self, topic: &str, key: Option<&str>) -> Option<PartitionId> {
        let &(first, count) = self.producer_mut().metadata.topics.get(topic)?;
        let index = match key {
            Some(key) => partition_for_key(key.as_bytes(), count.max(1)),
            None => self.sticky_partition(first, count).index,
        };
        Some(PartitionId(first.0 + index))
    }

    /// The topic's sticky partition, switched first if enough bytes went to it and its last
    /// batch is full (`RecordAccumulator.append` → `partitionChanged`: a switch put off
    /// while that batch was filling happens now).
    fn sticky_partition(&mut self, first: PartitionId, count: u32) -> StickyPartition {
        let batch_size = self.config.batch_size;
        let producer = self.producer_mut();
        let current = producer.sticky.get(&first).copied();
        let full = |s: StickyPartition| {
            producer.lanes.get(&PartitionId(first.0 + s.index)).is_none_or(|lane| lane.all_batches_full())
        };
        match current {
            Some(sticky) if !should_switch(sticky, batch_size, full(sticky)) => sticky,
            _ => self.draw_sticky_partition(first, count),
        }
    }

    fn draw_sticky_partition(&mut self, first: PartitionId, count: u32) -> StickyPartition {
        let metadata = &self.producer_mut().metadata;
        let available: Vec<u32> =
            (0..count).filter(|i| metadata.leader_of(PartitionId(first.0 + i)).is_some()).collect();
        let sticky = next_partition(&available, count, self.rng);
        self.producer_mut().sticky.insert(first, sticky);
        sticky
    }

    /// After a keyless record of `size` bytes went to `partition`: count them, and switch
    /// partition once `batch.size` bytes went there (`BuiltInPartitioner.updatePartitionInfo`).
    fn note_sticky_bytes(&mut self, topic: &str, partition: PartitionId, size: u32) {
        let batch_size = self.config.batch_size;
        let producer = self.producer_mut();
        let Some(&(first, count)) = producer.metadata.topics.get(topic) else { return };
        let Some(sticky) = producer.sticky.get_mut(&first).filter(|s| first.0 + s.index == partition.0) else {
            return;
        };
        sticky.produced_bytes = sticky.produced_bytes.saturating_add(size);
        let sticky = *sticky;
        let full = producer.lanes.get(&partition).is_none_or(|lane| lane.all_batches_full());
        if should_switch(sticky, batch_size, full) {
            self.draw_sticky_partition(first, count);
        }
    }

    /// Adds a record to its partition's open batch (or a new one) and returns its id.
    /// Idempotence needs acks=all (`Config::idempotent`).
    pub(crate) fn enqueue_record(&mut self, partition: PartitionId, record: &RecordToSend<'_>) -> RecordId {
        let client = self.id();
        let idempotent = self.config.idempotent(record.acks);
        let batch_size = self.config.batch_size;
        let lane = self.producer_mut().lanes.get_or_insert_with(partition, Default::default);
        let sequence = lane.next_sequence;
        if idempotent {
            lane.next_sequence += 1;
        }
        let (offset_delta, timestamp_delta) = lane
            .open_batch()
            .map_or((0, 0), |b| (b.records.len() as u32, record.created_ms.saturating_sub(b.created_ms)));
        let size = record_size_in_bytes(offset_delta, timestamp_delta, record.key, record.value);
        let new =
            NewRecord { value: record.value, producer: client, partition, sequence, acks: record.acks, idempotent };
        let id = self.records.add(new);
        let queued = QueuedRecord { id, created_ms: record.created_ms };
        let lane = self.producer_mut().lanes.get_or_insert_with(partition, Default::default);
        lane.append(queued, size, record.acks, idempotent, batch_size);
        if let (Some(topic), None) = (record.topic, record.key) {
            self.note_sticky_bytes(topic, partition, size);
        }
        id
    }

    pub(crate) fn pump_producer(&mut self) {
        let producer = self.producer_mut();
        if !producer.unrouted.is_empty() && producer.metadata.topics.is_empty() {
            self.request_metadata();
        }
        let unrouted = std::mem::take(&mut self.producer_mut().unrouted);
        for record in unrouted {
            if self.route_or_hold(record).is_none() {
                self.request_metadata();
            }
        }
        self.send_ready_batches();
    }
}

/// A record on its way into the accumulator: what `produce` was given.
pub(crate) struct RecordToSend<'a> {
    /// The topic when the partitioner chose the partition (keyless records count towards
    /// the sticky partition's bytes); `None` for `produce TOPIC-N`.
    pub topic: Option<&'a str>,
    pub value: &'a str,
    pub key: Option<&'a str>,
    pub acks: Acks,
    pub created_ms: u64,
}
