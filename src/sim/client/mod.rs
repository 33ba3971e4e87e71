//! Producer and consumer clients: simulated nodes with their own metadata cache. They
//! send to the leader they *believe* in and learn otherwise only from errors, as the
//! real clients do.
//!
//! Its parts: the producer's partitioners (by key, sticky), accumulator, record sizes and
//! retry backoff.
pub mod accumulator;
pub mod backoff;
pub mod consumer_fetch;
pub mod consumer_validation;
pub mod context;
pub mod inbox;
pub mod metadata_client;
pub mod partitioner;
pub mod producer_front;
pub mod producer_response;
pub mod producer_send;
pub mod record_size;
pub mod sticky;

use std::collections::BTreeMap;

pub use accumulator::{BatchLimits, ProducerBatch, ProducerLane};

use super::id_map::IdMap;
use super::ids::{Acks, BrokerId, ClientId, Millis, PartitionId, RecordId};
use super::message::RequestId;

/// A client's metadata cache: the leader and epoch it believes in, per partition, and
/// the topics it knows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientMetadata {
    pub leaders: IdMap<PartitionId, (Option<BrokerId>, u32)>,
    pub topics: BTreeMap<String, (PartitionId, u32)>,
    pub in_flight: Option<(RequestId, BrokerId, Millis)>,
    /// The cache must be refreshed before the next send (after NOT_LEADER_OR_FOLLOWER
    /// or a disconnect).
    pub stale: bool,
    /// The client waits (`retry.backoff.ms`) between metadata requests.
    pub next_refresh_ms: Millis,
    /// Brokers that failed a metadata request since the last success: not asked again
    /// until every broker has failed (NetworkClient avoids nodes it cannot reach).
    pub unreachable: Vec<BrokerId>,
}
crate::codec!(struct ClientMetadata { leaders, topics, in_flight, stale, next_refresh_ms, unreachable });

impl ClientMetadata {
    pub fn leader_of(&self, partition: PartitionId) -> Option<BrokerId> {
        self.leaders.get(&partition).and_then(|(leader, _)| *leader)
    }
}

/// A record waiting in the producer's accumulator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueuedRecord {
    pub id: RecordId,
    pub created_ms: Millis,
}
crate::codec!(struct QueuedRecord { id, created_ms });

/// A batch's request on its way: to whom, until when the producer waits for the answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InFlightProduce {
    pub request: RequestId,
    pub broker: BrokerId,
    pub deadline: Millis,
    pub attempt: u32,
}
crate::codec!(struct InFlightProduce { request, broker, deadline, attempt });

/// A record sent to a topic (no partition given) before the producer knows the topic's
/// partitions: it waits for metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnroutedRecord {
    pub topic: String,
    pub value: String,
    pub key: Option<String>,
    pub acks: Acks,
    pub created_ms: Millis,
}
crate::codec!(struct UnroutedRecord { topic, value, key, acks, created_ms });

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Producer {
    pub metadata: ClientMetadata,
    pub lanes: IdMap<PartitionId, ProducerLane>,
    pub unrouted: Vec<UnroutedRecord>,
    /// Where each topic's keyless records go for now (the sticky partitioner), by the
    /// topic's first partition.
    pub sticky: IdMap<PartitionId, sticky::StickyPartition>,
    /// The producer epoch (`ProducerIdAndEpoch.epoch`): bumped when a gap in the sequence
    /// cannot be filled, after which brokers accept its batches afresh.
    pub epoch: u16,
    /// The rate this producer sends at on its own (`steady-rate`), if any.
    pub steady_rate: Option<SteadyRate>,
    /// Records sent by steady rates so far: the next is `r{steady_sent + 1}`.
    pub steady_sent: u64,
}
crate::codec!(struct Producer { metadata, lanes, unrouted, sticky, epoch, steady_rate, steady_sent });

/// A producer's steady rate: a record every `1 / per_second` s, the next due at `next_due_us`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SteadyRate {
    pub(crate) target: crate::sim::cluster::producer_client::Route,
    pub per_second: u32,
    pub acks: Acks,
    /// Simulated time of the next record, in µs (a rate need not divide a millisecond).
    pub next_due_us: u64,
    /// Tells this rate's timers from those of a rate it replaced.
    pub generation: u32,
}
crate::codec!(struct SteadyRate { target, per_second, acks, next_due_us, generation });

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsumerFetch {
    pub partition: PartitionId,
    pub in_flight: Option<(RequestId, BrokerId)>,
    /// The request in flight checks the position (KIP-320) rather than fetching.
    pub validating: bool,
    /// The leader epoch the request in flight was sent in.
    pub leader_epoch: u32,
    pub retry_at: Millis,
    /// The consumer stops retrying a fetch that cannot succeed by this time.
    pub give_up_at: Millis,
}
crate::codec!(struct ConsumerFetch { partition, in_flight, validating, leader_epoch, retry_at, give_up_at });

/// The epoch of the last record consumed before a position (`offsetEpoch`), and the leader
/// epoch that position was last fetched or validated in: when the consumer's metadata shows
/// a newer leader epoch, the position is checked before the next fetch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PositionEpochs {
    pub offset_epoch: u32,
    pub leader_epoch: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consumer {
    pub metadata: ClientMetadata,
    pub positions: IdMap<PartitionId, u64>,
    /// What the consumer knows of each position's history (KIP-320's `FetchPosition`).
    pub position_epochs: IdMap<PartitionId, PositionEpochs>,
    pub consumed: Vec<RecordId>,
    pub fetches: Vec<ConsumerFetch>,
    /// The latest error a fetch answered with (the `consumer-error` query).
    pub last_error: Option<crate::sim::records::ErrorCode>,
}
crate::codec!(struct Consumer { metadata, positions, position_epochs, consumed, fetches, last_error });
crate::codec!(struct PositionEpochs { offset_epoch, leader_epoch });

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClientRole {
    Producer(Box<Producer>),
    Consumer(Box<Consumer>),
}
crate::codec!(
    enum ClientRole {
        Producer(_0) = 0,
        Consumer(_0) = 1,
    }
);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    pub id: ClientId,
    pub name: String,
    pub role: ClientRole,
    pub wake_armed: Option<Millis>,
}
crate::codec!(struct Client { id, name, role, wake_armed });

impl Client {
    pub fn producer(id: ClientId, name: &str) -> Self {
        let producer = Producer {
            metadata: ClientMetadata::default(),
            lanes: IdMap::default(),
            unrouted: Vec::new(),
            sticky: IdMap::default(),
            epoch: 0,
            steady_rate: None,
            steady_sent: 0,
        };
        Client { id, name: name.to_string(), role: ClientRole::Producer(Box::new(producer)), wake_armed: None }
    }

    pub fn consumer(id: ClientId, name: &str) -> Self {
        let consumer = Consumer {
            metadata: ClientMetadata::default(),
            positions: IdMap::default(),
            position_epochs: IdMap::default(),
            consumed: Vec::new(),
            fetches: Vec::new(),
            last_error: None,
        };
        Client { id, name: name.to_string(), role: ClientRole::Consumer(Box::new(consumer)), wake_armed: None }
    }

    pub fn metadata(&self) -> &ClientMetadata {
        match &self.role {
            ClientRole::Producer(p) => &p.metadata,
            ClientRole::Consumer(c) => &c.metadata,
        }
    }

    pub fn metadata_mut(&mut self) -> &mut ClientMetadata {
        match &mut self.role {
            ClientRole::Producer(p) => &mut p.metadata,
            ClientRole::Consumer(c) => &mut c.metadata,
        }
    }

    pub fn producer_mut(&mut self) -> &mut Producer {
        match &mut self.role {
            ClientRole::Producer(p) => p,
            ClientRole::Consumer(_) => unreachable!("a producer's state on a producer only"),
        }
    }

    pub fn consumer_mut(&mut self) -> &mut Consumer {
        match &mut self.role {
            ClientRole::Consumer(c) => c,
            ClientRole::Producer(_) => unreachable!("a consumer's state on a consumer only"),
        }
    }

    pub fn as_producer(&self) -> Option<&Producer> {
        match &self.role {
            ClientRole::Producer(p) => Some(p),
            ClientRole::Consumer(_) => None,
        }
    }

    pub fn as_consumer(&self) -> Option<&Consumer> {
        match &self.role {
            ClientRole::Consumer(c) => Some(c),
            ClientRole::Producer(_) => None,
        }
    }
}
