//! Messages on the simulated network: Kafka's requests and responses between clients,
//! brokers and the controller quorum, reduced to the fields replication depends on.
use crate::sim::ids::{Acks, BrokerId, ClientId, PartitionId, RecordId};
use crate::sim::log::LogSlice;
use crate::sim::metadata::MetadataRecord;
use crate::sim::records::ErrorCode;

/// Matches a response (or a disconnect notice) to the request it answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RequestId(pub u64);
crate::codec!(struct RequestId(_0));

/// Where request ids come from: one counter for the whole cluster, so ids only grow.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestIds {
    last: u64,
}
crate::codec!(struct RequestIds { last });

impl RequestIds {
    pub fn allocate(&mut self) -> RequestId {
        self.last += 1;
        RequestId(self.last)
    }
}

/// One partition's batch in a produce request (`ProduceRequestData.PartitionProduceData`):
/// its records and, for an idempotent producer, the sequence of the first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionProduce {
    pub partition: PartitionId,
    pub records: Vec<RecordId>,
    /// The sequence number of the first record (idempotent producers).
    pub base_sequence: u32,
    /// The batch carries the producer's id and sequences (a batch of a producer without
    /// idempotence carries none: `RecordBatch.NO_PRODUCER_ID`).
    pub idempotent: bool,
}
crate::codec!(struct PartitionProduce { partition, records, base_sequence, idempotent });

/// A produce request: at most one batch per partition, every partition led by the broker it
/// goes to (`Sender.sendProduceRequest`, from `RecordAccumulator.drain`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProduceRequest {
    pub request: RequestId,
    pub batches: Vec<PartitionProduce>,
    pub acks: Acks,
    pub producer: ClientId,
    /// The producer's epoch (idempotent producers; see `Producer::epoch`).
    pub producer_epoch: u16,
    /// How long the leader may park an acks=all write (the request's timeout field).
    pub timeout_ms: u64,
}
crate::codec!(struct ProduceRequest { request, batches, acks, producer, producer_epoch, timeout_ms });

impl ProduceRequest {
    /// How many records the request carries, over all its batches.
    pub fn record_count(&self) -> usize {
        self.batches.iter().map(|b| b.records.len()).sum()
    }
}

/// One partition's result in a produce response (`ProduceResponse.PartitionResponse`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartitionResponse {
    pub partition: PartitionId,
    pub error: ErrorCode,
    /// Where the batch was written; only with `NONE`.
    pub base_offset: Option<u64>,
}
crate::codec!(struct PartitionResponse { partition, error, base_offset });

/// The answer to a whole produce request: one result per partition it carried.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProduceResponse {
    pub request: RequestId,
    pub partitions: Vec<PartitionResponse>,
}
crate::codec!(struct ProduceResponse { request, partitions });

/// One partition of a follower's fetch (`FetchRequest.FetchPartition`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FetchPartition {
    pub partition: PartitionId,
    pub fetch_offset: u64,
    /// The epoch of the follower's last record (KIP-320); `None` in high-watermark mode.
    pub last_fetched_epoch: Option<u32>,
    /// The leader epoch the follower believes in; a mismatch is an error.
    pub current_leader_epoch: u32,
}
crate::codec!(struct FetchPartition { partition, fetch_offset, last_fetched_epoch, current_leader_epoch });

/// A follower broker's fetch to one leader broker: one session carries every partition
/// the follower replicates from that leader, as Kafka's fetcher threads do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchRequest {
    pub request: RequestId,
    pub follower: BrokerId,
    pub partitions: Vec<FetchPartition>,
    /// In manual mode the leader answers at once instead of parking the fetch.
    pub answer_immediately: bool,
}
crate::codec!(struct FetchRequest { request, follower, partitions, answer_immediately });

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchedPartition {
    pub partition: PartitionId,
    pub error: ErrorCode,
    pub high_watermark: u64,
    pub leader_leo: u64,
    pub slice: LogSlice,
    /// The leader's log diverges from the follower's: (epoch, end offset) to truncate to.
    pub diverging_epoch: Option<(u32, u64)>,
}
crate::codec!(struct FetchedPartition { partition, error, high_watermark, leader_leo, slice, diverging_epoch });

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchResponse {
    pub request: RequestId,
    pub partitions: Vec<FetchedPartition>,
}
crate::codec!(struct FetchResponse { request, partitions });

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsumerFetchRequest {
    pub request: RequestId,
    pub partition: PartitionId,
    pub offset: u64,
    /// The leader epoch the consumer's metadata names (KIP-320): a leader in another epoch
    /// answers FENCED_LEADER_EPOCH or UNKNOWN_LEADER_EPOCH instead of serving it.
    pub current_leader_epoch: u32,
    /// `fetch.max.wait.ms`: with nothing below the HW, the leader may hold the fetch this
    /// long (`FetchRequest.maxWait`); 0 asks for an answer at once.
    pub max_wait_ms: u64,
}

/// A consumer checks its position after a leader change (KIP-320, `OffsetsForLeaderEpoch`):
/// where does `leader_epoch`, the epoch of the last record it consumed, end on your log?
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetsForLeaderEpochRequest {
    pub request: RequestId,
    pub partition: PartitionId,
    pub current_leader_epoch: u32,
    pub leader_epoch: u32,
}
crate::codec!(struct OffsetsForLeaderEpochRequest { request, partition, current_leader_epoch, leader_epoch });

/// The largest epoch ≤ the one asked that the leader knows, and where it ends
/// (`LeaderEpochFileCache.endOffsetFor`); `None` when the leader knows no such epoch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetsForLeaderEpochResponse {
    pub request: RequestId,
    pub partition: PartitionId,
    pub error: ErrorCode,
    pub end: Option<(u32, u64)>,
    pub high_watermark: u64,
}
crate::codec!(struct OffsetsForLeaderEpochResponse { request, partition, error, end, high_watermark });
crate::codec!(struct ConsumerFetchRequest { request, partition, offset, current_leader_epoch, max_wait_ms });

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsumerFetchResponse {
    pub request: RequestId,
    pub partition: PartitionId,
    pub error: ErrorCode,
    pub first_offset: u64,
    pub records: Vec<RecordId>,
    pub high_watermark: u64,
    /// The leader epoch of the last record returned (the consumer's next `offsetEpoch`).
    pub last_epoch: Option<u32>,
}
crate::codec!(struct ConsumerFetchResponse { request, partition, error, first_offset, records, high_watermark, last_epoch });

/// What a broker's metadata cache says of one partition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionLeader {
    pub partition: PartitionId,
    pub leader: Option<BrokerId>,
    pub epoch: u32,
}
crate::codec!(struct PartitionLeader { partition, leader, epoch });

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetadataResponse {
    pub request: RequestId,
    /// (name, first partition, partition count) of every topic the broker knows.
    pub topics: Vec<(String, PartitionId, u32)>,
    pub partitions: Vec<PartitionLeader>,
}
crate::codec!(struct MetadataResponse { request, topics, partitions });

/// A broker's heartbeat to the active controller (`BrokerHeartbeatRequest`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heartbeat {
    pub request: RequestId,
    pub broker: BrokerId,
    pub incarnation: u32,
    /// How much of the metadata log the broker has applied.
    pub metadata_offset: u64,
    pub want_shutdown: bool,
}
crate::codec!(struct Heartbeat { request, broker, incarnation, metadata_offset, want_shutdown });

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeartbeatResponse {
    pub request: RequestId,
    pub fenced: bool,
    pub should_shut_down: bool,
    /// Metadata records the broker has not seen yet (catch-up after a cut).
    pub records: Vec<(u64, MetadataRecord)>,
}
crate::codec!(struct HeartbeatResponse { request, fenced, should_shut_down, records });

/// A restarted broker announces itself (`BrokerRegistrationRequest`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registration {
    pub request: RequestId,
    pub broker: BrokerId,
    pub incarnation: u32,
    /// False after a crash or power-off (KIP-966's unclean shutdown detection).
    pub clean_shutdown: bool,
}
crate::codec!(struct Registration { request, broker, incarnation, clean_shutdown });

/// A leader asks the controller to change a partition's ISR (`AlterPartitionRequest`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlterPartition {
    pub request: RequestId,
    pub leader: BrokerId,
    pub partition: PartitionId,
    pub leader_epoch: u32,
    pub partition_epoch: u32,
    pub new_isr: Vec<BrokerId>,
}
crate::codec!(struct AlterPartition { request, leader, partition, leader_epoch, partition_epoch, new_isr });

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AlterPartitionError {
    FencedLeaderEpoch,
    InvalidUpdateVersion,
    IneligibleReplica,
    NotLeader,
}
crate::codec!(
    enum AlterPartitionError {
        FencedLeaderEpoch = 0,
        InvalidUpdateVersion = 1,
        IneligibleReplica = 2,
        NotLeader = 3,
    }
);

impl AlterPartitionError {
    pub fn name(self) -> &'static str {
        match self {
            AlterPartitionError::FencedLeaderEpoch => "FENCED_LEADER_EPOCH",
            AlterPartitionError::InvalidUpdateVersion => "INVALID_UPDATE_VERSION",
            AlterPartitionError::IneligibleReplica => "INELIGIBLE_REPLICA",
            AlterPartitionError::NotLeader => "NOT_LEADER_OR_FOLLOWER",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlterPartitionResponse {
    pub request: RequestId,
    pub partition: PartitionId,
    pub result: Result<(), AlterPartitionError>,
}
crate::codec!(struct AlterPartitionResponse { request, partition, result });

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    Produce(ProduceRequest),
    ProduceResponse(ProduceResponse),
    Fetch(FetchRequest),
    FetchResponse(FetchResponse),
    ConsumerFetch(ConsumerFetchRequest),
    ConsumerFetchResponse(ConsumerFetchResponse),
    OffsetsForLeaderEpoch(OffsetsForLeaderEpochRequest),
    OffsetsForLeaderEpochResponse(OffsetsForLeaderEpochResponse),
    Metadata(RequestId),
    MetadataResponse(MetadataResponse),
    Heartbeat(Heartbeat),
    HeartbeatResponse(HeartbeatResponse),
    Registration(Registration),
    AlterPartition(AlterPartition),
    AlterPartitionResponse(AlterPartitionResponse),
    /// The active controller pushes new metadata records to a broker (standing in for
    /// the broker's fetch of the KRaft metadata log).
    MetadataPush {
        records: Vec<(u64, MetadataRecord)>,
    },
    /// The connection carrying this request broke: the peer refused it or died.
    Disconnected(RequestId),
}
crate::codec!(enum Message { Produce(_0) = 0, ProduceResponse(_0) = 1, Fetch(_0) = 2, FetchResponse(_0) = 3, ConsumerFetch(_0) = 4, ConsumerFetchResponse(_0) = 5, Metadata(_0) = 6, MetadataResponse(_0) = 7, Heartbeat(_0) = 8, HeartbeatResponse(_0) = 9, Registration(_0) = 10, AlterPartition(_0) = 11, AlterPartitionResponse(_0) = 12, MetadataPush { records } = 13, Disconnected(_0) = 14, OffsetsForLeaderEpoch(_0) = 15, OffsetsForLeaderEpochResponse(_0) = 16 });

/// The kinds of message, for narration, filtering and animation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MessageKind {
    Produce,
    ProduceResponse,
    Fetch,
    FetchResponse,
    ConsumerFetch,
    ConsumerFetchResponse,
    OffsetsForLeaderEpoch,
    OffsetsForLeaderEpochResponse,
    Metadata,
    MetadataResponse,
    Heartbeat,
    HeartbeatResponse,
    Registration,
    AlterPartition,
    AlterPartitionResponse,
    MetadataPush,
    Disconnected,
}
crate::codec!(
    enum MessageKind {
        Produce = 0,
        ProduceResponse = 1,
        Fetch = 2,
        FetchResponse = 3,
        ConsumerFetch = 4,
        ConsumerFetchResponse = 5,
        Metadata = 6,
        MetadataResponse = 7,
        Heartbeat = 8,
        HeartbeatResponse = 9,
        Registration = 10,
        AlterPartition = 11,
        AlterPartitionResponse = 12,
        MetadataPush = 13,
        Disconnected = 14,
        OffsetsForLeaderEpoch = 15,
        OffsetsForLeaderEpochResponse = 16,
    }
);

impl MessageKind {
    pub fn label(self) -> &'static str {
        match self {
            MessageKind::Produce => "produce request",
            MessageKind::ProduceResponse => "produce response",
            MessageKind::Fetch => "fetch request",
            MessageKind::FetchResponse => "fetch response",
            MessageKind::ConsumerFetch => "consumer fetch",
            MessageKind::ConsumerFetchResponse => "consumer fetch response",
            MessageKind::OffsetsForLeaderEpoch => "OffsetsForLeaderEpoch request",
            MessageKind::OffsetsForLeaderEpochResponse => "OffsetsForLeaderEpoch response",
            MessageKind::Metadata => "metadata request",
            MessageKind::MetadataResponse => "metadata response",
            MessageKind::Heartbeat => "heartbeat",
            MessageKind::HeartbeatResponse => "heartbeat response",
            MessageKind::Registration => "broker registration",
            MessageKind::AlterPartition => "AlterPartition request",
            MessageKind::AlterPartitionResponse => "AlterPartition response",
            MessageKind::MetadataPush => "metadata update",
            MessageKind::Disconnected => "disconnect",
        }
    }
}

impl Message {
    pub fn kind(&self) -> MessageKind {
        match self {
            Message::Produce(_) => MessageKind::Produce,
            Message::ProduceResponse(_) => MessageKind::ProduceResponse,
            Message::Fetch(_) => MessageKind::Fetch,
            Message::FetchResponse(_) => MessageKind::FetchResponse,
            Message::ConsumerFetch(_) => MessageKind::ConsumerFetch,
            Message::ConsumerFetchResponse(_) => MessageKind::ConsumerFetchResponse,
            Message::OffsetsForLeaderEpoch(_) => MessageKind::OffsetsForLeaderEpoch,
            Message::OffsetsForLeaderEpochResponse(_) => MessageKind::OffsetsForLeaderEpochResponse,
            Message::Metadata(_) => MessageKind::Metadata,
            Message::MetadataResponse(_) => MessageKind::MetadataResponse,
            Message::Heartbeat(_) => MessageKind::Heartbeat,
            Message::HeartbeatResponse(_) => MessageKind::HeartbeatResponse,
            Message::Registration(_) => MessageKind::Registration,
            Message::AlterPartition(_) => MessageKind::AlterPartition,
            Message::AlterPartitionResponse(_) => MessageKind::AlterPartitionResponse,
            Message::MetadataPush { .. } => MessageKind::MetadataPush,
            Message::Disconnected(_) => MessageKind::Disconnected,
        }
    }

    /// The request this message starts, if it expects an answer.
    pub fn request_id(&self) -> Option<RequestId> {
        match self {
            Message::Produce(r) if r.acks != Acks::Zero => Some(r.request),
            Message::Fetch(r) => Some(r.request),
            Message::ConsumerFetch(r) => Some(r.request),
            Message::OffsetsForLeaderEpoch(r) => Some(r.request),
            Message::Metadata(r) => Some(*r),
            Message::Registration(r) => Some(r.request),
            Message::AlterPartition(r) => Some(r.request),
            _ => None,
        }
    }

    /// The request this message answers, if it is a response.
    pub fn answers(&self) -> Option<RequestId> {
        match self {
            Message::ProduceResponse(r) => Some(r.request),
            Message::FetchResponse(r) => Some(r.request),
            Message::ConsumerFetchResponse(r) => Some(r.request),
            Message::OffsetsForLeaderEpochResponse(r) => Some(r.request),
            Message::MetadataResponse(r) => Some(r.request),
            Message::HeartbeatResponse(r) => Some(r.request),
            Message::AlterPartitionResponse(r) => Some(r.request),
            Message::Disconnected(r) => Some(*r),
            _ => None,
        }
    }
}
