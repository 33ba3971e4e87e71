//! A broker: its process state, its metadata cache, the replicas it hosts, and its
//! replica fetchers (one session per leader broker, carrying every partition it follows
//! there, as Kafka's ReplicaFetcherManager groups them).
//!
//! The broker's parts, one concept per file: a replica and its log, the leader epoch cache,
//! the producer state, and the handlers a broker runs on its own state with a `Ctx`.
pub mod consumer_long_poll;
pub mod consumer_reads;
pub mod delayed_fetch;
pub mod delayed_produce;
pub mod epoch_cache;
pub mod fetch_buffers;
pub mod fetcher;
pub mod follower;
pub mod heartbeat;
pub mod inbox;
pub mod leader_fetch;
#[cfg(test)]
pub(crate) mod leader_fixture;
pub mod leader_hw;
pub mod leader_isr;
pub mod leader_produce;
pub mod lifecycle;
pub mod log;
pub mod log_config;
pub mod metadata_answer;
pub mod producer_state;
pub mod purgatory;
pub mod replica;
pub mod roles;
pub mod timers;

use std::collections::BTreeMap;

use super::id_map::IdMap;
use super::ids::{BrokerId, ClientId, Millis, PartitionId};
use super::message::{FetchPartition, RequestId};
use super::metadata::MetadataImage;
use super::replica::Replica;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum BrokerStatus {
    Alive,
    /// The process died (crash or power-off); its disk survives.
    Crashed,
    /// Stopped by a controlled shutdown.
    Stopped,
}
crate::codec!(
    enum BrokerStatus {
        Alive = 0,
        Crashed = 1,
        Stopped = 2,
    }
);

impl BrokerStatus {
    pub fn label(&self) -> &'static str {
        match self {
            BrokerStatus::Alive => "alive",
            BrokerStatus::Crashed => "crashed",
            BrokerStatus::Stopped => "stopped",
        }
    }
}

/// The follower side of one fetch session.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FetcherSession {
    /// The fetch in flight and when the follower gives up on it.
    pub in_flight: Option<(RequestId, Millis)>,
    /// After an error the fetcher waits (`replica.fetch.backoff.ms`).
    pub backoff_until: Millis,
    pub wake_armed: Option<Millis>,
}
crate::codec!(struct FetcherSession { in_flight, backoff_until, wake_armed });

/// A follower fetch the leader holds until data arrives or the wait expires (long poll,
/// Kafka's `DelayedFetch`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParkedFetch {
    pub request: RequestId,
    pub follower: BrokerId,
    pub partitions: Vec<FetchPartition>,
    pub deadline: Millis,
}
crate::codec!(struct ParkedFetch { request, follower, partitions, deadline });

/// A consumer fetch the leader holds until the HW passes its offset, the leader can no
/// longer serve it, or `fetch.max.wait.ms` ends (long poll: Kafka's `DelayedFetch` for a
/// consumer, `FetchIsolation.HIGH_WATERMARK`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParkedConsumerFetch {
    pub request: RequestId,
    pub consumer: ClientId,
    pub partition: PartitionId,
    pub offset: u64,
    pub current_leader_epoch: u32,
    pub deadline: Millis,
}
crate::codec!(struct ParkedConsumerFetch { request, consumer, partition, offset, current_leader_epoch, deadline });

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broker {
    pub id: BrokerId,
    pub rack: Option<String>,
    pub status: BrokerStatus,
    /// Bumped at every start: messages and timers of an earlier life are void.
    pub incarnation: u32,
    /// How the previous life ended (KIP-966 tells the controller about unclean ones).
    pub last_shutdown_clean: bool,
    /// The controller has accepted this incarnation's registration.
    pub registered: bool,
    pub image: MetadataImage,
    pub replicas: IdMap<PartitionId, Replica>,
    pub fetchers: IdMap<BrokerId, FetcherSession>,
    /// One-off fetches sent by `fetch N T-P` (manual replication), by request.
    pub manual_fetches: BTreeMap<RequestId, BrokerId>,
    pub fetch_paused: bool,
    pub parked_fetches: Vec<ParkedFetch>,
    /// Consumer fetches held for the HW, in arrival order.
    pub parked_consumer_fetches: Vec<ParkedConsumerFetch>,
    /// acks=all produce requests held until every partition they carry is settled, in
    /// arrival order (the produce purgatory: one per request, not per partition).
    pub delayed_produces: Vec<delayed_produce::DelayedProduce>,
    pub purgatory_armed: Option<Millis>,
    pub shutting_down: bool,
    /// The controller has answered a heartbeat of this controlled shutdown without letting
    /// it go yet (`BrokerLifecycleManager`'s `gotControlledShutdownResponse`).
    pub shutdown_answered: bool,
}
crate::codec!(struct Broker { id, rack, status, incarnation, last_shutdown_clean, registered, image, replicas, fetchers, manual_fetches, fetch_paused, parked_fetches, parked_consumer_fetches, delayed_produces, purgatory_armed, shutting_down, shutdown_answered });

impl Broker {
    pub fn new(id: BrokerId, rack: Option<String>) -> Self {
        Broker {
            id,
            rack,
            status: BrokerStatus::Alive,
            incarnation: 1,
            last_shutdown_clean: true,
            registered: true,
            image: MetadataImage::default(),
            replicas: IdMap::default(),
            fetchers: IdMap::default(),
            manual_fetches: BTreeMap::new(),
            fetch_paused: false,
            parked_fetches: Vec::new(),
            parked_consumer_fetches: Vec::new(),
            delayed_produces: Vec::new(),
            purgatory_armed: None,
            shutting_down: false,
            shutdown_answered: false,
        }
    }

    pub fn is_alive(&self) -> bool {
        self.status == BrokerStatus::Alive
    }

    pub fn leader_count(&self) -> usize {
        self.replicas.values().filter(|r| r.is_leader()).count()
    }

    /// Forgets everything a process keeps in memory; the logs on disk stay.
    pub fn lose_memory(&mut self) {
        self.image = MetadataImage::default();
        self.fetchers = IdMap::default();
        self.manual_fetches.clear();
        self.parked_fetches.clear();
        self.parked_consumer_fetches.clear();
        self.delayed_produces.clear();
        self.purgatory_armed = None;
        self.shutting_down = false;
        self.shutdown_answered = false;
        self.registered = false;
        for replica in self.replicas.values_mut() {
            replica.role = super::replica::Role::Unknown;
            replica.last_known_hw = replica.hw;
            replica.hw = replica.hw_checkpoint.min(replica.log.leo());
            replica.fetch_backoff_until = 0;
        }
    }
}
