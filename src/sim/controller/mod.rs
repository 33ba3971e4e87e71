//! The KRaft controller quorum. It owns the metadata log; a majority of its nodes must be
//! alive for one of them to be active, and only an active controller commits changes
//! (fences brokers, elects leaders, changes ISRs). Controller failover changes no
//! leader, ISR or epoch: the metadata log is the quorum's, not one node's.
//!
//! Its parts: the metadata log and image, `PartitionChangeBuilder`, and the two placers.
pub mod alter_partition;
pub mod broker_state;
pub mod commit;
pub mod context;
pub mod elections;
pub mod inbox;
pub mod metadata;
pub mod partition_change;
pub mod placement;
pub mod placement_striped;
pub mod quorum;
pub mod sessions;

use super::id_map::IdMap;
use super::ids::{BrokerId, Millis};
use super::metadata::{MetadataImage, MetadataRecord};

/// What the active controller tracks about each broker's session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerSession {
    pub incarnation: u32,
    pub last_heartbeat_ms: Millis,
    /// The metadata offset the broker reported in its last heartbeat.
    pub metadata_offset: u64,
    /// How far the controller has pushed the metadata log to this broker.
    pub pushed_offset: u64,
    /// The offset of this life's registration record (`ClusterControlManager
    /// .registerBrokerRecordOffset`): a fenced broker is unfenced once it has applied it.
    pub registration_offset: u64,
    /// The offset of the last record of the batch that began its controlled shutdown
    /// (`BrokerHeartbeatManager`'s `controlledShutdownOffset`, soft state like the rest of
    /// the session: a new active controller starts without it).
    pub shutdown_offset: Option<u64>,
}
crate::codec!(struct BrokerSession { incarnation, last_heartbeat_ms, metadata_offset, pushed_offset, registration_offset, shutdown_offset });

impl BrokerSession {
    /// A new life's session, heard from `now`, its registration record at `registration_offset`.
    pub fn new(incarnation: u32, now: Millis, registration_offset: u64) -> Self {
        BrokerSession {
            incarnation,
            last_heartbeat_ms: now,
            metadata_offset: 0,
            pushed_offset: 0,
            registration_offset,
            shutdown_offset: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Controller {
    /// Liveness of each quorum node (node ids 1..=n).
    pub nodes_alive: Vec<bool>,
    pub active: Option<u32>,
    /// Bumped when leadership of the quorum changes (messages to a former active
    /// controller are lost with it).
    pub term: u32,
    /// The metadata log; records are shared (`Arc`) with the session's snapshots.
    pub log: Vec<std::sync::Arc<MetadataRecord>>,
    pub image: MetadataImage,
    pub sessions: IdMap<BrokerId, BrokerSession>,
    pub election_due: Option<Millis>,
    pub expiry_armed: Option<Millis>,
    /// The answer to the last operator election asked for each partition (`election`).
    pub election_results: IdMap<super::ids::PartitionId, ElectionResult>,
    /// When the periodic unclean election check is next due (a `set` moves it).
    pub next_unclean_check_ms: Millis,
    /// When the next automatic leader rebalance check is due (a `set` moves it).
    pub next_rebalance_ms: Millis,
}
crate::codec!(struct Controller { nodes_alive, active, term, log, image, sessions, election_due, expiry_armed, election_results, next_unclean_check_ms, next_rebalance_ms });

/// What `ElectLeaders` answers for one partition (`ReplicationControlManager.electLeader`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElectionResult {
    /// A leader was elected (not necessarily the preferred one).
    None,
    /// Preferred: replica 0 leads already. Unclean: the partition has a leader.
    ElectionNotNeeded,
    /// Preferred: no change was possible.
    PreferredLeaderNotAvailable,
    /// Unclean: no replica could lead.
    EligibleLeadersNotAvailable,
}
crate::codec!(
    enum ElectionResult {
        None = 0,
        ElectionNotNeeded = 1,
        PreferredLeaderNotAvailable = 2,
        EligibleLeadersNotAvailable = 3,
    }
);

impl ElectionResult {
    /// Kafka's error name.
    pub fn name(self) -> &'static str {
        match self {
            ElectionResult::None => "NONE",
            ElectionResult::ElectionNotNeeded => "ELECTION_NOT_NEEDED",
            ElectionResult::PreferredLeaderNotAvailable => "PREFERRED_LEADER_NOT_AVAILABLE",
            ElectionResult::EligibleLeadersNotAvailable => "ELIGIBLE_LEADERS_NOT_AVAILABLE",
        }
    }
}

impl Controller {
    pub fn new(nodes: u32) -> Self {
        Controller {
            nodes_alive: vec![true; nodes.max(1) as usize],
            active: Some(1),
            term: 1,
            log: Vec::new(),
            image: MetadataImage::default(),
            sessions: IdMap::default(),
            election_due: None,
            expiry_armed: None,
            election_results: IdMap::default(),
            next_unclean_check_ms: 0,
            next_rebalance_ms: 0,
        }
    }

    pub fn has_majority(&self) -> bool {
        let alive = self.nodes_alive.iter().filter(|a| **a).count();
        alive * 2 > self.nodes_alive.len()
    }

    /// The node that wins an election: the lowest-numbered live node (a simplification
    /// of Raft's vote; which node wins does not change any partition state).
    pub fn election_winner(&self) -> Option<u32> {
        if !self.has_majority() {
            return None;
        }
        self.nodes_alive.iter().position(|a| *a).map(|i| i as u32 + 1)
    }

    /// Appends records to the metadata log and applies them; returns the first offset.
    pub fn commit(&mut self, records: Vec<MetadataRecord>) -> u64 {
        let first = self.log.len() as u64;
        for record in records {
            let offset = self.log.len() as u64;
            self.image.apply(offset, &record);
            self.log.push(std::sync::Arc::new(record));
        }
        first
    }

    pub fn log_end(&self) -> u64 {
        self.log.len() as u64
    }

    pub fn records_from(&self, offset: u64) -> Vec<(u64, MetadataRecord)> {
        let start = (offset as usize).min(self.log.len());
        self.log[start..].iter().enumerate().map(|(i, r)| ((start + i) as u64, MetadataRecord::clone(r))).collect()
    }
}
