//! The producer's front: picks the partition (murmur2 of the key; keyless records on the
//! built-in sticky partitioner) and adds the record to that partition's batches in the
//! accumulator (`KafkaProducer.doSend` → `RecordAccumulator.append`). Sending is in
//! `producer_send.rs`, answers in `producer_response.rs`.
use super::Cluster;
use crate::sim::client::record_size::record_size_in_bytes;
use crate::sim::client::sticky::{next_partition, should_switch, StickyPartition};
use crate::sim::client::{Producer, QueuedRecord, UnroutedRecord};
use crate::sim::error::SimError;
use crate::sim::ids::{Acks, ClientId, PartitionId, RecordId};
use crate::sim::partitioner::partition_for_key;
use crate::sim::records::NewRecord;

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
        let acks = acks.unwrap_or(self.config.acks);
        self.config.check_acks_keep_idempotence(acks).map_err(SimError::Config)?;
        let client = self.ensure_client(producer, true)?;
        let record = match target {
            Route::Partition(partition) => {
                let send = RecordToSend { topic: None, value, key, acks, created_ms: self.now };
                Some(self.enqueue_record(client, *partition, &send))
            }
            Route::Topic(topic) => {
                let unrouted = UnroutedRecord {
                    topic: topic.clone(),
                    value: value.to_string(),
                    key: key.map(str::to_string),
                    acks,
                    created_ms: self.now,
                };
                self.route_or_hold(client, unrouted)
            }
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
                let send = RecordToSend {
                    topic: Some(&record.topic),
                    value: &record.value,
                    key: record.key.as_deref(),
                    acks: record.acks,
                    created_ms: record.created_ms,
                };
                Some(self.enqueue_record(client, partition, &send))
            }
            None => {
                self.producer_mut(client).unrouted.push(record);
                None
            }
        }
    }

    /// The partition of a record: murmur2 of the key (`BuiltInPartitioner.partitionForKey`),
    /// the sticky partition without one; `None` while the producer does not know the
    /// topic's partitions yet.
    fn choose_partition(&mut self, client: ClientId, topic: &str, key: Option<&str>) -> Option<PartitionId> {
        let &(first, count) = self.producer_mut(client).metadata.topics.get(topic)?;
        let index = match key {
            Some(key) => partition_for_key(key.as_bytes(), count.max(1)),
            None => self.sticky_partition(client, first, count).index,
        };
        Some(PartitionId(first.0 + index))
    }

    /// The topic's sticky partition, switched first if enough bytes went to it and its last
    /// batch is full (`RecordAccumulator.append` → `partitionChanged`: a switch put off
    /// while that batch was filling happens now).
    fn sticky_partition(&mut self, client: ClientId, first: PartitionId, count: u32) -> StickyPartition {
        let batch_size = self.config.batch_size;
        let producer = self.producer_mut(client);
        let current = producer.sticky.get(&first).copied();
        let full = |s: StickyPartition| {
            producer.lanes.get(&PartitionId(first.0 + s.index)).is_none_or(|lane| lane.all_batches_full())
        };
        match current {
            Some(sticky) if !should_switch(sticky, batch_size, full(sticky)) => sticky,
            _ => self.draw_sticky_partition(client, first, count),
        }
    }

    fn draw_sticky_partition(&mut self, client: ClientId, first: PartitionId, count: u32) -> StickyPartition {
        let metadata = &self.producer_mut(client).metadata;
        let available: Vec<u32> =
            (0..count).filter(|i| metadata.leader_of(PartitionId(first.0 + i)).is_some()).collect();
        let sticky = next_partition(&available, count, &mut self.rng);
        self.producer_mut(client).sticky.insert(first, sticky);
        sticky
    }

    /// After a keyless record of `size` bytes went to `partition`: count them, and switch
    /// partition once `batch.size` bytes went there (`BuiltInPartitioner.updatePartitionInfo`).
    fn note_sticky_bytes(&mut self, client: ClientId, topic: &str, partition: PartitionId, size: u32) {
        let batch_size = self.config.batch_size;
        let producer = self.producer_mut(client);
        let Some(&(first, count)) = producer.metadata.topics.get(topic) else { return };
        let Some(sticky) = producer.sticky.get_mut(&first).filter(|s| first.0 + s.index == partition.0) else {
            return;
        };
        sticky.produced_bytes = sticky.produced_bytes.saturating_add(size);
        let sticky = *sticky;
        let full = producer.lanes.get(&partition).is_none_or(|lane| lane.all_batches_full());
        if should_switch(sticky, batch_size, full) {
            self.draw_sticky_partition(client, first, count);
        }
    }

    /// Adds a record to its partition's open batch (or a new one) and returns its id.
    /// Idempotence needs acks=all (`Config::idempotent`).
    fn enqueue_record(&mut self, client: ClientId, partition: PartitionId, record: &RecordToSend<'_>) -> RecordId {
        let idempotent = self.config.idempotent(record.acks);
        let batch_size = self.config.batch_size;
        let lane = self.producer_mut(client).lanes.get_or_insert_with(partition, Default::default);
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
        let lane = self.producer_mut(client).lanes.get_or_insert_with(partition, Default::default);
        lane.append(queued, size, record.acks, idempotent, batch_size);
        if let (Some(topic), None) = (record.topic, record.key) {
            self.note_sticky_bytes(client, topic, partition, size);
        }
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
}

/// A record on its way into the accumulator: what `produce` was given.
pub(super) struct RecordToSend<'a> {
    /// The topic when the partitioner chose the partition (keyless records count towards
    /// the sticky partition's bytes); `None` for `produce TOPIC-N`.
    pub topic: Option<&'a str>,
    pub value: &'a str,
    pub key: Option<&'a str>,
    pub acks: Acks,
    pub created_ms: u64,
}
