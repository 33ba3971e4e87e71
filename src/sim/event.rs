//! What happened, as facts. Every event carries structured data (for the UI, filters and
//! assertions) and is narrated in one plain-language line by `Cluster::narrate`, so the
//! playground's feed and the command line's trace print the same words. Names follow
//! the TLA+ Kafka specification's actions where one fits (LeaderWrite → `LeaderAppended`,
//! FollowerReplicate → `FollowerFetched`, LeaderIncHighWatermark → `HighWatermarkAdvanced`,
//! LeaderShrinkIsr/ExpandIsr → `IsrChangeProposed`, ControllerElectLeader → `LeaderElected`).
pub use super::event_reasons::{ControllerIsrReason, ElectionKind, FenceReason, IsrChangeReason, TruncationReason};
use super::ids::{Acks, BrokerId, ClientId, Millis, NodeId, PartitionId, RecordId};
use super::message::{AlterPartitionError, MessageKind};
use super::records::ErrorCode;
pub use super::violation::{Property, Violation};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub at: Millis,
    pub kind: EventKind,
}
crate::codec!(struct Event { at, kind });

/// An ISR from and to, boxed whole: with both lists inline, `IsrChangeProposed` alone would
/// make every event of the trace 8 bytes larger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IsrChange {
    pub from: Vec<BrokerId>,
    pub to: Vec<BrokerId>,
}
crate::codec!(struct IsrChange { from, to });

/// Acknowledged records an event took out of a log (a truncation, a power-off), with
/// their partitions. The safety checker judges after the step whether any replica still
/// holds them, and by then the log that held them cannot say. `None` unless acknowledged
/// records went (only unsafe settings and power-offs remove them); boxed, so the event
/// stays 48 bytes.
pub type AckedRemoved = Option<Box<AckedRecords>>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AckedRecords {
    pub records: Vec<(PartitionId, RecordId)>,
}
crate::codec!(struct AckedRecords { records });

/// A list of brokers in an event (an ISR, a replica set): a boxed slice, two words instead
/// of a `Vec`'s three, since the trace holds millions of events and never grows a list.
pub type BrokerList = Box<[BrokerId]>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventKind {
    // Setup and operator actions.
    ConfigChanged {
        key: Box<str>,
        value: Box<str>,
    },
    BrokerAdded {
        broker: BrokerId,
        rack: Option<Box<str>>,
    },
    BrokerRemoved {
        broker: BrokerId,
    },
    TopicCreated {
        first_partition: PartitionId,
        partitions: u32,
        rf: u32,
        min_isr: u32,
    },
    BrokerCrashed {
        broker: BrokerId,
    },
    BrokerPoweredOff {
        broker: BrokerId,
        lost_records: u64,
        acked_removed: AckedRemoved,
    },
    BrokerFlushed {
        broker: BrokerId,
    },
    ShutdownRequested {
        broker: BrokerId,
    },
    BrokerStopped {
        broker: BrokerId,
        controlled: bool,
    },
    BrokerRestarted {
        broker: BrokerId,
        recovered_hw_from_checkpoint: bool,
    },
    ControllerCrashed {
        node: u32,
    },
    ControllerRestarted {
        node: u32,
    },
    ControllerActivated {
        node: u32,
    },
    QuorumLost,
    LinkCut {
        a: NodeId,
        b: NodeId,
    },
    LinkHealed {
        a: NodeId,
        b: NodeId,
    },
    BrokerIsolated {
        broker: BrokerId,
    },
    AllHealed,
    FetchPaused {
        broker: BrokerId,
    },
    FetchResumed {
        broker: BrokerId,
    },

    // The network.
    /// A message lost on a cut link, with when it was sent (to draw where it died).
    MessageDropped {
        from: NodeId,
        to: NodeId,
        message: MessageKind,
        sent_at: Millis,
    },
    MessageRefused {
        from: NodeId,
        to: NodeId,
        message: MessageKind,
    },

    // Producers.
    MetadataRequested {
        client: ClientId,
        broker: BrokerId,
    },
    MetadataReceived {
        client: ClientId,
        broker: BrokerId,
        leaders_known: u32,
    },
    ProduceSent {
        client: ClientId,
        broker: BrokerId,
        partition: PartitionId,
        first: RecordId,
        count: u32,
        acks: Acks,
        attempt: u32,
        /// How many partitions' batches the request carries, this one included.
        batches: u16,
    },
    ProduceRejected {
        broker: BrokerId,
        partition: PartitionId,
        first: RecordId,
        error: ErrorCode,
    },
    LeaderAppended {
        broker: BrokerId,
        partition: PartitionId,
        first_offset: u64,
        count: u32,
        epoch: u32,
    },
    DuplicateDropped {
        broker: BrokerId,
        partition: PartitionId,
        first: RecordId,
        offset: u64,
    },
    ProduceAnswered {
        broker: BrokerId,
        partition: PartitionId,
        first: RecordId,
        count: u32,
        error: ErrorCode,
    },
    /// `broker` is the one that answered (the checker looks for acks from a leader the
    /// controller had already replaced).
    ProducerAcked {
        client: ClientId,
        broker: BrokerId,
        partition: PartitionId,
        first: RecordId,
        count: u32,
        offset: u64,
    },
    ProducerRetrying {
        client: ClientId,
        partition: PartitionId,
        first: RecordId,
        error: ErrorCode,
    },
    ProducerGaveUp {
        client: ClientId,
        partition: PartitionId,
        record: RecordId,
        error: Option<ErrorCode>,
    },

    // Replication.
    FetchSent {
        follower: BrokerId,
        leader: BrokerId,
        partitions: u32,
    },
    FetchParked {
        leader: BrokerId,
        follower: BrokerId,
    },
    FollowerFetched {
        follower: BrokerId,
        leader: BrokerId,
        partition: PartitionId,
        from: u64,
        count: u32,
        hw: u64,
    },
    FollowerUpToDate {
        follower: BrokerId,
        leader: BrokerId,
        partition: PartitionId,
        leo: u64,
        hw: u64,
    },
    FetchError {
        follower: BrokerId,
        leader: BrokerId,
        partition: PartitionId,
        error: ErrorCode,
    },
    DivergenceFound {
        follower: BrokerId,
        leader: BrokerId,
        partition: PartitionId,
        epoch: u32,
        end_offset: u64,
    },
    Truncated {
        broker: BrokerId,
        partition: PartitionId,
        to: u64,
        removed: u64,
        reason: TruncationReason,
        acked_removed: AckedRemoved,
    },
    /// Only a leader advances a HW this way, in its leader epoch `epoch`.
    HighWatermarkAdvanced {
        broker: BrokerId,
        partition: PartitionId,
        from: u64,
        to: u64,
        epoch: u32,
    },
    BecameLeader {
        broker: BrokerId,
        partition: PartitionId,
        epoch: u32,
        leo: u64,
    },
    BecameFollower {
        broker: BrokerId,
        partition: PartitionId,
        leader: Option<BrokerId>,
        epoch: u32,
    },

    // ISR.
    IsrChangeProposed {
        leader: BrokerId,
        partition: PartitionId,
        change: Box<IsrChange>,
        reason: IsrChangeReason,
    },
    IsrChangeRejected {
        leader: BrokerId,
        partition: PartitionId,
        error: AlterPartitionError,
    },
    IsrChanged {
        partition: PartitionId,
        from: BrokerList,
        to: BrokerList,
    },
    ControllerShrankIsr {
        partition: PartitionId,
        broker: BrokerId,
        to: BrokerList,
        reason: ControllerIsrReason,
    },
    /// The controller changed a partition's Eligible Leader Replicas or last known leader.
    ElrChanged {
        partition: PartitionId,
        elr: BrokerList,
        last_known_leader: Option<BrokerId>,
    },

    // The controller.
    HeartbeatSent {
        broker: BrokerId,
    },
    BrokerRegistered {
        broker: BrokerId,
        clean_shutdown: bool,
    },
    BrokerFenced {
        broker: BrokerId,
        reason: FenceReason,
    },
    /// A restarted broker's registration refused: its old process's session is still valid.
    RegistrationRefused {
        broker: BrokerId,
    },
    BrokerUnfenced {
        broker: BrokerId,
    },
    LeaderElected {
        partition: PartitionId,
        leader: Option<BrokerId>,
        epoch: u32,
        isr: BrokerList,
        kind: ElectionKind,
    },
    /// An operator's election (`elect preferred`, `elect unclean`) that elected no one, with
    /// Kafka's answer; `None` when no controller was active to ask.
    ElectionAnswered {
        partition: PartitionId,
        election: crate::sim::partition_change::Election,
        result: Option<crate::sim::controller::ElectionResult>,
    },

    // Consumers.
    ConsumerFetched {
        client: ClientId,
        broker: BrokerId,
        partition: PartitionId,
        from: u64,
        count: u32,
        hw: u64,
    },
    ConsumerFetchFailed {
        client: ClientId,
        partition: PartitionId,
        error: ErrorCode,
    },
    /// After OFFSET_OUT_OF_RANGE, the consumer moved its position by `auto.offset.reset`.
    ConsumerPositionReset {
        client: ClientId,
        partition: PartitionId,
        to: u64,
        policy: crate::sim::config::OffsetReset,
    },
    /// After a leader change the consumer asks the leader where the epoch of its last
    /// consumed record ends (KIP-320 validation).
    ConsumerValidating {
        client: ClientId,
        broker: BrokerId,
        partition: PartitionId,
        epoch: u32,
        position: u64,
    },
    /// The leader's log ends that epoch below the consumer's position: the records it read
    /// there are gone, so it moves back to where the logs agree (`to`).
    ConsumerTruncationDetected {
        client: ClientId,
        partition: PartitionId,
        from: u64,
        to: u64,
    },
    /// The leader holds a consumer's fetch: nothing below the HW at `offset` yet (long poll,
    /// `DelayedFetch`, for up to `fetch.max.wait.ms`).
    ConsumerFetchParked {
        leader: BrokerId,
        client: ClientId,
        partition: PartitionId,
        offset: u64,
        wait_ms: u64,
    },
    /// A held consumer fetch is answered: the HW passed its offset, the leader can no longer
    /// serve it (`error`), or its wait ended (`expired`, an empty answer).
    ConsumerFetchCompleted {
        leader: BrokerId,
        client: ClientId,
        partition: PartitionId,
        offset: u64,
        hw: u64,
        error: ErrorCode,
        expired: bool,
    },
    /// A `consume` found a fetch of the partition still in flight to `broker`: a consumer
    /// sends a node no new fetch while one is pending (`AbstractFetch.prepareFetchRequests`,
    /// `nodesWithPendingFetchRequests`), so this one waits for that answer and then fetches
    /// from the position it leaves (or the one `from=` sought).
    ConsumerFetchWaits {
        client: ClientId,
        broker: BrokerId,
        partition: PartitionId,
    },
    /// A fetch answered at `offset` after a seek moved the position away from it: the
    /// consumer ignores the stale answer (`FetchCollector`, "since the current position is").
    ConsumerStaleFetchIgnored {
        client: ClientId,
        broker: BrokerId,
        partition: PartitionId,
        offset: u64,
        position: u64,
    },

    // The safety checker.
    SafetyViolation(Box<Violation>),
}
crate::codec!(enum EventKind { ConfigChanged { key, value } = 0, BrokerAdded { broker, rack } = 1, BrokerRemoved { broker } = 2, TopicCreated { first_partition, partitions, rf, min_isr } = 3, BrokerCrashed { broker } = 4, BrokerPoweredOff { broker, lost_records, acked_removed } = 5, BrokerFlushed { broker } = 6, ShutdownRequested { broker } = 7, BrokerStopped { broker, controlled } = 8, BrokerRestarted { broker, recovered_hw_from_checkpoint } = 9, ControllerCrashed { node } = 10, ControllerRestarted { node } = 11, ControllerActivated { node } = 12, QuorumLost = 13, LinkCut { a, b } = 14, LinkHealed { a, b } = 15, BrokerIsolated { broker } = 16, AllHealed = 17, FetchPaused { broker } = 18, FetchResumed { broker } = 19, MessageDropped { from, to, message, sent_at } = 20, MessageRefused { from, to, message } = 21, MetadataRequested { client, broker } = 22, MetadataReceived { client, broker, leaders_known } = 23, ProduceSent { client, broker, partition, first, count, acks, attempt, batches } = 24, ProduceRejected { broker, partition, first, error } = 25, LeaderAppended { broker, partition, first_offset, count, epoch } = 26, DuplicateDropped { broker, partition, first, offset } = 27, ProduceAnswered { broker, partition, first, count, error } = 28, ProducerAcked { client, broker, partition, first, count, offset } = 29, ProducerRetrying { client, partition, first, error } = 30, ProducerGaveUp { client, partition, record, error } = 31, FetchSent { follower, leader, partitions } = 32, FetchParked { leader, follower } = 33, FollowerFetched { follower, leader, partition, from, count, hw } = 34, FollowerUpToDate { follower, leader, partition, leo, hw } = 35, FetchError { follower, leader, partition, error } = 36, DivergenceFound { follower, leader, partition, epoch, end_offset } = 37, Truncated { broker, partition, to, removed, reason, acked_removed } = 38, HighWatermarkAdvanced { broker, partition, from, to, epoch } = 39, BecameLeader { broker, partition, epoch, leo } = 40, BecameFollower { broker, partition, leader, epoch } = 41, IsrChangeProposed { leader, partition, change, reason } = 42, IsrChangeRejected { leader, partition, error } = 43, IsrChanged { partition, from, to } = 44, ControllerShrankIsr { partition, broker, to, reason } = 45, ElrChanged { partition, elr, last_known_leader } = 46, HeartbeatSent { broker } = 47, BrokerRegistered { broker, clean_shutdown } = 48, BrokerFenced { broker, reason } = 49, RegistrationRefused { broker } = 50, BrokerUnfenced { broker } = 51, LeaderElected { partition, leader, epoch, isr, kind } = 52, ElectionAnswered { partition, election, result } = 53, ConsumerFetched { client, broker, partition, from, count, hw } = 54, ConsumerFetchFailed { client, partition, error } = 55, ConsumerPositionReset { client, partition, to, policy } = 56, SafetyViolation(_0) = 57, ConsumerValidating { client, broker, partition, epoch, position } = 58, ConsumerTruncationDetected { client, partition, from, to } = 59, ConsumerFetchParked { leader, client, partition, offset, wait_ms } = 60, ConsumerFetchCompleted { leader, client, partition, offset, hw, error, expired } = 61, ConsumerFetchWaits { client, broker, partition } = 62, ConsumerStaleFetchIgnored { client, broker, partition, offset, position } = 63 });

#[cfg(test)]
mod size_tests {
    /// The session keeps every event of its trace (millions in a long session), so an event's
    /// size is the trace's memory: 72 bytes before lists were boxed slices.
    #[test]
    fn an_event_takes_at_most_48_bytes() {
        assert!(std::mem::size_of::<super::Event>() <= 48, "{} bytes", std::mem::size_of::<super::Event>());
    }
}
