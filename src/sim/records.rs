//! Every record any producer ever sent, in send order: its value, who sent it, where,
//! with which acks, and what became of it. Logs hold only `RecordId`s into this table,
//! which keeps a replicated record to a few bytes per replica.
use super::chunked::ChunkedVec;
use super::id_map::IdMap;
use super::ids::{Acks, ClientId, PartitionId, RecordId};

/// What the producer knows of a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// Waiting to be sent, or sent and waiting for a response.
    Pending,
    /// acks=0: sent, and no response will ever come.
    SentNoAck,
    /// A success response arrived.
    Acked,
    /// The producer gave up (delivery.timeout.ms, or an error it does not retry).
    Failed,
}
crate::codec!(
    enum Delivery {
        Pending = 0,
        SentNoAck = 1,
        Acked = 2,
        Failed = 3,
    }
);

/// A Kafka error code as the producer sees it in a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ErrorCode {
    None,
    NotLeaderOrFollower,
    NotEnoughReplicas,
    NotEnoughReplicasAfterAppend,
    RequestTimedOut,
    NetworkException,
    InvalidRequiredAcks,
    UnknownTopicOrPartition,
    OffsetOutOfRange,
    FencedLeaderEpoch,
    UnknownLeaderEpoch,
    OutOfOrderSequenceNumber,
    InvalidProducerEpoch,
    /// Not a wire error: the consumer's `LogTruncationException` (KIP-320), with
    /// `auto.offset.reset none`.
    LogTruncation,
}
crate::codec!(
    enum ErrorCode {
        None = 0,
        NotLeaderOrFollower = 1,
        NotEnoughReplicas = 2,
        NotEnoughReplicasAfterAppend = 3,
        RequestTimedOut = 4,
        NetworkException = 5,
        InvalidRequiredAcks = 6,
        UnknownTopicOrPartition = 7,
        OffsetOutOfRange = 8,
        FencedLeaderEpoch = 9,
        UnknownLeaderEpoch = 10,
        OutOfOrderSequenceNumber = 11,
        InvalidProducerEpoch = 12,
        LogTruncation = 13,
    }
);

impl ErrorCode {
    /// Kafka's own name for the error (`Errors.X.name()`).
    pub fn name(self) -> &'static str {
        match self {
            ErrorCode::None => "NONE",
            ErrorCode::NotLeaderOrFollower => "NOT_LEADER_OR_FOLLOWER",
            ErrorCode::NotEnoughReplicas => "NOT_ENOUGH_REPLICAS",
            ErrorCode::NotEnoughReplicasAfterAppend => "NOT_ENOUGH_REPLICAS_AFTER_APPEND",
            ErrorCode::RequestTimedOut => "REQUEST_TIMED_OUT",
            ErrorCode::NetworkException => "NETWORK_EXCEPTION",
            ErrorCode::InvalidRequiredAcks => "INVALID_REQUIRED_ACKS",
            ErrorCode::UnknownTopicOrPartition => "UNKNOWN_TOPIC_OR_PARTITION",
            ErrorCode::OffsetOutOfRange => "OFFSET_OUT_OF_RANGE",
            ErrorCode::FencedLeaderEpoch => "FENCED_LEADER_EPOCH",
            ErrorCode::UnknownLeaderEpoch => "UNKNOWN_LEADER_EPOCH",
            ErrorCode::OutOfOrderSequenceNumber => "OUT_OF_ORDER_SEQUENCE_NUMBER",
            ErrorCode::InvalidProducerEpoch => "INVALID_PRODUCER_EPOCH",
            ErrorCode::LogTruncation => "LOG_TRUNCATION",
        }
    }

    /// Errors the producer retries until delivery.timeout.ms (`RetriableException`s).
    pub fn is_retriable(self) -> bool {
        matches!(
            self,
            ErrorCode::NotLeaderOrFollower
                | ErrorCode::NotEnoughReplicas
                | ErrorCode::NotEnoughReplicasAfterAppend
                | ErrorCode::RequestTimedOut
                | ErrorCode::NetworkException
                | ErrorCode::UnknownTopicOrPartition
                | ErrorCode::FencedLeaderEpoch
                | ErrorCode::UnknownLeaderEpoch
        )
    }

    /// Errors after which the producer refreshes its metadata before retrying: the
    /// leader it knows may be stale.
    pub fn needs_metadata_refresh(self) -> bool {
        matches!(
            self,
            ErrorCode::NotLeaderOrFollower
                | ErrorCode::NetworkException
                | ErrorCode::RequestTimedOut
                | ErrorCode::UnknownTopicOrPartition
                | ErrorCode::FencedLeaderEpoch
                | ErrorCode::UnknownLeaderEpoch
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordMeta {
    value_start: u32,
    value_len: u16,
    pub producer: ClientId,
    pub partition: PartitionId,
    /// The producer's sequence number for this record within its partition
    /// (idempotent producers: the leader drops a retried sequence it already holds).
    pub sequence: u32,
    /// On the first record of a batch the producer sent, the batch's record count (0 on
    /// the others): the batch is fixed from its first send on, as Kafka's `ProducerBatch`.
    pub batch_len: u16,
    /// The producer epoch of the batch's latest send (see `Producer::epoch`).
    pub producer_epoch: u16,
    pub acks: Acks,
    pub idempotent: bool,
    pub delivery: Delivery,
    pub last_response: Option<ErrorCode>,
    /// The offset the success response reported (the record's place in the log).
    pub acked_offset: u32,
}
crate::codec!(struct RecordMeta { value_start, value_len, producer, partition, sequence, batch_len, producer_epoch, acks, idempotent, delivery, last_response, acked_offset });

/// One response the producer got for a record (kept apart from `RecordMeta` so that the
/// common case, a single `NONE`, costs nothing extra).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ResponseEntry {
    record: RecordId,
    error: ErrorCode,
}
crate::codec!(struct ResponseEntry { record, error });

/// Record values, packed into fixed-size chunks; a value never straddles two chunks, so
/// it can be borrowed as one `&str`. Chunks are shared between clones (copied on write, and
/// only the last is ever written), so the session's snapshots share the values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct ValueArena {
    chunks: Vec<std::sync::Arc<String>>,
}
crate::codec!(struct ValueArena { chunks });

const VALUE_CHUNK: usize = 64 * 1024;

impl ValueArena {
    /// Stores a value (at most `VALUE_CHUNK` bytes) and returns its global start.
    fn push(&mut self, value: &str) -> u32 {
        let fits = self.chunks.last().is_some_and(|c| c.len() + value.len() <= VALUE_CHUNK);
        if !fits {
            let first = self.chunks.is_empty();
            self.chunks.push(std::sync::Arc::new(String::with_capacity(if first { 256 } else { VALUE_CHUNK })));
        }
        let index = self.chunks.len() - 1;
        let chunk = std::sync::Arc::make_mut(&mut self.chunks[index]);
        if chunk.capacity() < VALUE_CHUNK && chunk.len() + value.len() > chunk.capacity() {
            chunk.reserve_exact((chunk.capacity() * 4).min(VALUE_CHUNK) - chunk.len());
        }
        let start = (index * VALUE_CHUNK + chunk.len()) as u32;
        chunk.push_str(value);
        start
    }

    fn get(&self, start: u32, len: u16) -> &str {
        let (index, offset) = (start as usize / VALUE_CHUNK, start as usize % VALUE_CHUNK);
        &self.chunks[index][offset..offset + len as usize]
    }

    fn heap_bytes(&self) -> usize {
        self.chunks.iter().map(|c| c.capacity()).sum()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordTable {
    metas: ChunkedVec<RecordMeta>,
    values: ValueArena,
    /// Every response that was not the record's final `NONE`, in arrival order.
    other_responses: Vec<ResponseEntry>,
    /// Acknowledged records per partition, in the order their producers learned of it:
    /// the promises the safety checker holds the cluster to, and what `acked` queries list.
    acked: IdMap<PartitionId, ChunkedVec<RecordId>>,
}
crate::codec!(struct RecordTable { metas, values, other_responses, acked });

/// What is needed to create a record.
pub struct NewRecord<'a> {
    pub value: &'a str,
    pub producer: ClientId,
    pub partition: PartitionId,
    pub sequence: u32,
    pub acks: Acks,
    pub idempotent: bool,
}

impl RecordTable {
    pub fn len(&self) -> usize {
        self.metas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.metas.is_empty()
    }

    pub fn add(&mut self, new: NewRecord<'_>) -> RecordId {
        let id = RecordId(self.metas.len() as u32);
        let value_start = self.values.push(new.value);
        self.metas.push(RecordMeta {
            value_start,
            value_len: new.value.len() as u16,
            producer: new.producer,
            partition: new.partition,
            sequence: new.sequence,
            batch_len: 0,
            producer_epoch: 0,
            acks: new.acks,
            idempotent: new.idempotent,
            delivery: if new.acks == Acks::Zero { Delivery::SentNoAck } else { Delivery::Pending },
            last_response: None,
            acked_offset: 0,
        });
        id
    }

    pub fn meta(&self, id: RecordId) -> RecordMeta {
        self.metas.get(id.index()).expect("record ids come from this table")
    }

    /// `id` opens a batch of `len` records (its first send).
    pub fn mark_batch_start(&mut self, id: RecordId, len: u16) {
        self.meta_mut(id).batch_len = len;
    }

    /// The producer sends `id`'s batch under `epoch` (a retry after a bump carries the new one).
    pub fn set_producer_epoch(&mut self, id: RecordId, epoch: u16) {
        self.meta_mut(id).producer_epoch = epoch;
    }

    fn meta_mut(&mut self, id: RecordId) -> &mut RecordMeta {
        self.metas.get_mut(id.index()).expect("record ids come from this table")
    }

    pub fn value(&self, id: RecordId) -> &str {
        let m = self.meta(id);
        self.values.get(m.value_start, m.value_len)
    }

    /// The most recent record with this value (scripts use each asserted value once).
    pub fn find(&self, value: &str) -> Option<RecordId> {
        (0..self.metas.len()).rev().map(|i| RecordId(i as u32)).find(|&id| self.value(id) == value)
    }

    pub fn ids(&self) -> impl Iterator<Item = RecordId> + '_ {
        (0..self.metas.len() as u32).map(RecordId)
    }

    pub fn record_response(&mut self, id: RecordId, error: ErrorCode, offset: Option<u64>) {
        let meta = self.meta_mut(id);
        meta.last_response = Some(error);
        if error == ErrorCode::None {
            meta.delivery = Delivery::Acked;
            meta.acked_offset = offset.unwrap_or(0).min(u32::MAX as u64) as u32;
            let partition = meta.partition;
            self.acked.get_or_insert_with(partition, ChunkedVec::default).push(id);
        } else {
            self.other_responses.push(ResponseEntry { record: id, error });
        }
    }

    /// The partition's acknowledged records, in acknowledgement order.
    pub fn acked_in(&self, partition: PartitionId) -> impl Iterator<Item = RecordId> + '_ {
        self.acked.get(&partition).into_iter().flat_map(|v| v.iter())
    }

    /// How many of the partition's records have been acknowledged.
    pub fn acked_count(&self, partition: PartitionId) -> usize {
        self.acked.get(&partition).map_or(0, ChunkedVec::len)
    }

    /// The partition's `index`-th acknowledged record.
    pub fn acked_at(&self, partition: PartitionId, index: usize) -> Option<RecordId> {
        self.acked.get(&partition)?.get(index)
    }

    pub fn mark_failed(&mut self, id: RecordId) {
        self.meta_mut(id).delivery = Delivery::Failed;
    }

    /// Every response the producer got for the record, in order.
    pub fn responses(&self, id: RecordId) -> Vec<ErrorCode> {
        let mut all: Vec<ErrorCode> = self.other_responses.iter().filter(|r| r.record == id).map(|r| r.error).collect();
        if self.meta(id).delivery == Delivery::Acked {
            all.push(ErrorCode::None);
        }
        all
    }

    /// Heap bytes held by the table (for the memory benchmark).
    pub fn heap_bytes(&self) -> usize {
        self.metas.heap_bytes()
            + self.values.heap_bytes()
            + self.other_responses.capacity() * std::mem::size_of::<ResponseEntry>()
            + self.acked.values().map(ChunkedVec::heap_bytes).sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(value: &str) -> NewRecord<'_> {
        NewRecord {
            value,
            producer: ClientId(0),
            partition: PartitionId(0),
            sequence: 0,
            acks: Acks::All,
            idempotent: true,
        }
    }

    #[test]
    fn values_are_interned_and_found() {
        let mut t = RecordTable::default();
        let a = t.add(new("alpha"));
        let b = t.add(new("beta"));
        assert_eq!(t.value(a), "alpha");
        assert_eq!(t.value(b), "beta");
        assert_eq!(t.find("beta"), Some(b));
        assert_eq!(t.find("gamma"), None);
    }

    #[test]
    fn responses_keep_errors_then_the_final_success() {
        let mut t = RecordTable::default();
        let a = t.add(new("a"));
        t.record_response(a, ErrorCode::NotEnoughReplicas, None);
        t.record_response(a, ErrorCode::None, Some(3));
        assert_eq!(t.responses(a), vec![ErrorCode::NotEnoughReplicas, ErrorCode::None]);
        assert_eq!(t.meta(a).delivery, Delivery::Acked);
        assert_eq!(t.meta(a).acked_offset, 3);
    }

    #[test]
    fn acknowledgements_are_listed_per_partition_in_the_order_they_came() {
        let mut t = RecordTable::default();
        let a = t.add(new("a"));
        let b = t.add(NewRecord { partition: PartitionId(1), ..new("b") });
        let c = t.add(new("c"));
        t.record_response(c, ErrorCode::None, Some(0));
        t.record_response(b, ErrorCode::None, Some(0));
        t.record_response(a, ErrorCode::NotEnoughReplicas, None);
        assert_eq!(t.acked_in(PartitionId(0)).collect::<Vec<_>>(), vec![c]);
        assert_eq!(t.acked_count(PartitionId(1)), 1);
        assert_eq!(t.acked_at(PartitionId(1), 0), Some(b));
        assert_eq!(t.acked_at(PartitionId(1), 1), None);
    }
}
