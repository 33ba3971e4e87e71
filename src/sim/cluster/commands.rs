//! Commands: what a script line, a button or a test asks the cluster to do. Each checks
//! its input first and returns a `SimError` without changing anything when it is wrong.
use super::Cluster;
use crate::sim::broker::{Broker, BrokerStatus};
use crate::sim::client::Client;
use crate::sim::error::SimError;
use crate::sim::event::{AckedRecords, EventKind};
use crate::sim::ids::{BrokerId, ClientId, NodeId, PartitionId};
use crate::sim::metadata::MetadataRecord;
use crate::sim::queue::Timer;

/// The playground's limits: large enough for any lesson, small enough that no input can
/// exhaust the browser.
pub const MAX_BROKERS: u32 = 100;
pub const MAX_PARTITIONS: u32 = 2_000;
pub const MAX_CLIENTS: usize = 64;
const MAX_VALUE_BYTES: usize = 1_024;

/// `topic create NAME partitions=P rf=R [min-isr=M] [start=K] [replicas=...]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicSpec {
    pub name: String,
    pub partitions: u32,
    pub replication_factor: u32,
    pub min_isr: Option<u32>,
    /// Fixed start index and shift for placement (else drawn from the seed).
    pub start: Option<u32>,
    /// An explicit assignment, one broker list per partition.
    pub replicas: Option<Vec<Vec<BrokerId>>>,
    /// `placer=`: the placement algorithm (else `sim.placer`); ignored with `replicas=`.
    pub placer: Option<crate::sim::placement::Placer>,
}
crate::codec!(struct TopicSpec { name, partitions, replication_factor, min_isr, start, replicas, placer });

// Every command that changes the world ends with `observe()`: the checker judges a command
// as it judges a step, before anyone reads its events.
impl Cluster {
    /// `set KEY VALUE`.
    pub(crate) fn set_config(&mut self, key: &str, value: &str) -> Result<(), SimError> {
        if key == "sim.controllers" && !self.brokers.is_empty() {
            return Err(SimError::ControllersAfterBrokers);
        }
        self.config.set(key, value)?;
        if key == "sim.controllers" {
            self.controller = crate::sim::controller::Controller::new(self.config.controllers);
        }
        let shown = self.config.get(key).unwrap_or_default();
        self.emit(EventKind::ConfigChanged { key: key.into(), value: shown.into() });
        if key == "unclean.leader.election.interval.ms" {
            self.with_controller(|c| c.schedule_unclean_election_check());
        }
        if key == "min.insync.replicas" {
            // The default reaches every log without its own value (`updateLogsConfig`), in
            // broker order; the controller reads it from `config` from now on.
            let (topics, default) = (&self.topics, self.config.min_insync_replicas);
            for broker in self.brokers.values_mut() {
                broker.reconfigure_min_isr(topics, default);
            }
            self.with_controller(|c| c.clear_elrs());
        }
        if key == "leader.imbalance.check.interval.seconds" {
            self.with_controller(|c| c.schedule_auto_rebalance());
        }
        self.observe();
        Ok(())
    }

    /// `brokers N [racks=a,b,c]`: adds brokers 1..N (those missing), racks round-robin.
    pub(crate) fn add_brokers(&mut self, count: u32, racks: &[String]) -> Result<(), SimError> {
        if count > MAX_BROKERS {
            return Err(SimError::TooManyBrokers { requested: count as u64, limit: MAX_BROKERS });
        }
        for id in 1..=count {
            if self.brokers.contains_key(&id) {
                return Err(SimError::BrokerExists(id));
            }
        }
        for id in 1..=count {
            let rack = (!racks.is_empty()).then(|| racks[(id as usize - 1) % racks.len()].clone());
            self.start_new_broker(id, rack);
        }
        self.observe();
        Ok(())
    }

    /// `broker add [id=N] [rack=R]`; returns the new broker's id.
    pub(crate) fn add_broker(&mut self, id: Option<u64>, rack: Option<String>) -> Result<BrokerId, SimError> {
        let id = match id {
            Some(0) => return Err(SimError::InvalidBrokerId(0)),
            Some(n) if n >= 10_000 => return Err(SimError::InvalidBrokerId(n)),
            Some(n) => n as BrokerId,
            None => (1..).find(|i| !self.brokers.contains_key(i)).unwrap_or(1),
        };
        if self.brokers.contains_key(&id) {
            return Err(SimError::BrokerExists(id));
        }
        if self.brokers.len() as u32 >= MAX_BROKERS {
            return Err(SimError::TooManyBrokers { requested: self.brokers.len() as u64 + 1, limit: MAX_BROKERS });
        }
        self.start_new_broker(id, rack);
        self.observe();
        Ok(id)
    }

    fn start_new_broker(&mut self, id: BrokerId, rack: Option<String>) {
        self.brokers.insert(id, Broker::new(id, rack.clone()));
        self.emit(EventKind::BrokerAdded { broker: id, rack: rack.as_deref().map(Into::into) });
        self.with_controller(|c| c.register_new_broker(id, rack));
        self.with_broker(id, |broker, cx| broker.schedule_timers(cx));
    }

    /// `broker remove N`: only a broker that hosts no replica.
    pub(crate) fn remove_broker(&mut self, id: BrokerId) -> Result<(), SimError> {
        if !self.brokers.contains_key(&id) {
            return Err(SimError::UnknownBroker(id));
        }
        let hosted: Vec<String> = (0..self.partition_count())
            .map(PartitionId)
            .filter(|p| self.controller.image.partition(*p).is_some_and(|s| s.is_replica(id)))
            .map(|p| self.partition_name(p))
            .collect();
        if !hosted.is_empty() {
            return Err(SimError::BrokerHostsReplicas { broker: id, partitions: hosted });
        }
        self.break_connections_of(NodeId::Broker(id));
        self.brokers.remove(&id);
        self.controller.sessions.remove(&id);
        self.with_controller(|c| c.controller_commit(vec![MetadataRecord::UnregisterBroker { broker: id }]));
        self.emit(EventKind::BrokerRemoved { broker: id });
        self.observe();
        Ok(())
    }

    pub(crate) fn alive_broker(&self, id: BrokerId) -> Result<&Broker, SimError> {
        let broker = self.brokers.get(&id).ok_or(SimError::UnknownBroker(id))?;
        if !broker.is_alive() {
            return Err(SimError::BrokerNotAlive(id));
        }
        Ok(broker)
    }

    /// `crash broker N`: the process dies; its log on disk survives.
    pub(crate) fn crash_broker(&mut self, id: BrokerId) -> Result<(), SimError> {
        self.alive_broker(id)?;
        self.kill_broker(id, BrokerStatus::Crashed, false);
        self.emit(EventKind::BrokerCrashed { broker: id });
        self.observe();
        Ok(())
    }

    /// `power-off broker N`: like a crash, and what was not flushed is lost too.
    pub(crate) fn power_off_broker(&mut self, id: BrokerId) -> Result<(), SimError> {
        self.alive_broker(id)?;
        self.kill_broker(id, BrokerStatus::Crashed, false);
        let broker = self.brokers.get_mut(&id).expect("checked above");
        let (lost, acked) = broker.lose_page_cache(&self.records);
        let acked_removed = (!acked.is_empty()).then(|| Box::new(AckedRecords { records: acked }));
        self.emit(EventKind::BrokerPoweredOff { broker: id, lost_records: lost, acked_removed });
        self.observe();
        Ok(())
    }

    pub(crate) fn kill_broker(&mut self, id: BrokerId, status: BrokerStatus, clean: bool) {
        self.brokers.get_mut(&id).expect("caller checked the broker exists").die(status, clean);
        self.break_connections_of(NodeId::Broker(id));
    }

    /// `flush broker N`: logs and HW checkpoint to disk now.
    pub(crate) fn flush_broker(&mut self, id: BrokerId) -> Result<(), SimError> {
        self.alive_broker(id)?;
        self.brokers.get_mut(&id).expect("checked above").flush_logs();
        self.emit(EventKind::BrokerFlushed { broker: id });
        self.observe();
        Ok(())
    }

    /// `stop broker N`: controlled shutdown; leadership moves away first, and the process
    /// stops when the controller lets it go (`finish_shutdown`) or after 5 minutes.
    pub(crate) fn stop_broker(&mut self, id: BrokerId) -> Result<(), SimError> {
        let broker = self.alive_broker(id)?;
        if broker.shutting_down {
            return Ok(());
        }
        let incarnation = broker.incarnation;
        self.brokers.get_mut(&id).expect("checked").shutting_down = true;
        self.emit(EventKind::ShutdownRequested { broker: id });
        self.with_broker(id, |broker, cx| broker.send_heartbeat(cx));
        let deadline = self.now + super::shutdown::CONTROLLED_SHUTDOWN_TIMEOUT_MS;
        self.schedule(deadline, Timer::ShutdownDeadline { broker: id, incarnation });
        self.observe();
        Ok(())
    }

    /// `restart broker N`: a crashed or stopped broker starts again and registers (a live
    /// one is crashed first, as SCENARIO-SCRIPT.md says).
    pub(crate) fn restart_broker(&mut self, id: BrokerId) -> Result<(), SimError> {
        let alive = self.brokers.get(&id).ok_or(SimError::UnknownBroker(id))?.is_alive();
        if alive {
            // The contract: restarting a live broker crashes its process, then starts it.
            self.crash_broker(id)?;
        }
        let Some(broker) = self.brokers.get_mut(&id) else { return Err(SimError::UnknownBroker(id)) };
        let recovered = broker.start_again(&self.records);
        self.emit(EventKind::BrokerRestarted { broker: id, recovered_hw_from_checkpoint: recovered });
        self.with_broker(id, |broker, cx| {
            broker.send_registration(cx);
            broker.schedule_timers(cx);
        });
        self.observe();
        Ok(())
    }

    /// `crash controller N`.
    pub(crate) fn crash_controller(&mut self, node: u32) -> Result<(), SimError> {
        let index = self.controller_index(node)?;
        if !self.controller.nodes_alive[index] {
            return Err(SimError::ControllerNotAlive(node));
        }
        self.controller.nodes_alive[index] = false;
        self.emit(EventKind::ControllerCrashed { node });
        let lost_quorum = !self.controller.has_majority();
        if self.controller.active == Some(node) || lost_quorum {
            self.with_controller(|c| c.deactivate_controller());
        }
        self.observe();
        Ok(())
    }

    /// `restart controller N`.
    pub(crate) fn restart_controller(&mut self, node: u32) -> Result<(), SimError> {
        let index = self.controller_index(node)?;
        if self.controller.nodes_alive[index] {
            return Err(SimError::ControllerAlreadyAlive(node));
        }
        self.controller.nodes_alive[index] = true;
        self.emit(EventKind::ControllerRestarted { node });
        self.with_controller(|c| c.maybe_schedule_controller_election());
        self.observe();
        Ok(())
    }

    fn controller_index(&self, node: u32) -> Result<usize, SimError> {
        let index = (node as usize).checked_sub(1).ok_or(SimError::UnknownController(node))?;
        if index >= self.controller.nodes_alive.len() {
            return Err(SimError::UnknownController(node));
        }
        Ok(index)
    }

    fn check_node(&self, node: NodeId) -> Result<(), SimError> {
        match node {
            NodeId::Broker(b) if !self.brokers.contains_key(&b) => Err(SimError::UnknownBroker(b)),
            NodeId::Client(c) if c.index() >= self.clients.len() => {
                Err(SimError::UnknownNode(format!("client#{}", c.0)))
            }
            _ => Ok(()),
        }
    }

    /// `cut A B`: drop every message between two nodes, both ways.
    pub(crate) fn cut(&mut self, a: NodeId, b: NodeId) -> Result<(), SimError> {
        self.check_node(a)?;
        self.check_node(b)?;
        if a == b {
            return Err(SimError::SameNode(self.node_name(a)));
        }
        self.net.cut(a, b);
        self.emit(EventKind::LinkCut { a, b });
        self.observe();
        Ok(())
    }

    /// `heal A B`.
    pub(crate) fn heal_link(&mut self, a: NodeId, b: NodeId) -> Result<(), SimError> {
        self.check_node(a)?;
        self.check_node(b)?;
        self.net.heal_link(a, b);
        self.emit(EventKind::LinkHealed { a, b });
        self.observe();
        Ok(())
    }

    /// `isolate broker N`: cut it from every other node.
    pub(crate) fn isolate_broker(&mut self, id: BrokerId) -> Result<(), SimError> {
        self.check_node(NodeId::Broker(id))?;
        self.net.isolate(id);
        self.emit(EventKind::BrokerIsolated { broker: id });
        self.observe();
        Ok(())
    }

    /// `heal`: remove every cut and isolation.
    pub(crate) fn heal_all(&mut self) {
        self.net.heal_all();
        self.emit(EventKind::AllHealed);
        self.observe();
    }

    /// `latency A B MS` (an extension): one link's one-way latency.
    pub(crate) fn set_link_latency(&mut self, a: NodeId, b: NodeId, latency_ms: u64) -> Result<(), SimError> {
        self.check_node(a)?;
        self.check_node(b)?;
        self.net.set_latency(a, b, latency_ms);
        Ok(())
    }

    /// `pause-fetch broker N`: its followers stop fetching (a stalled follower).
    pub(crate) fn pause_fetch(&mut self, id: BrokerId) -> Result<(), SimError> {
        let broker = self.brokers.get_mut(&id).ok_or(SimError::UnknownBroker(id))?;
        broker.fetch_paused = true;
        self.emit(EventKind::FetchPaused { broker: id });
        self.observe();
        Ok(())
    }

    /// `resume-fetch broker N`.
    pub(crate) fn resume_fetch(&mut self, id: BrokerId) -> Result<(), SimError> {
        let broker = self.brokers.get_mut(&id).ok_or(SimError::UnknownBroker(id))?;
        broker.fetch_paused = false;
        self.emit(EventKind::FetchResumed { broker: id });
        self.with_broker(id, |broker, cx| broker.kick_all_fetchers(cx));
        self.observe();
        Ok(())
    }

    /// `fetch N T-P`: broker N sends one fetch for the partition to the leader it knows.
    pub(crate) fn manual_fetch(&mut self, id: BrokerId, partition: PartitionId) -> Result<(), SimError> {
        self.alive_broker(id)?;
        let leader = self.brokers[&id].replicas.get(&partition).and_then(|r| r.followed_leader());
        let Some(leader) = leader else {
            return Err(SimError::NotAFollower { broker: id, partition: self.partition_name(partition) });
        };
        self.with_broker(id, |broker, cx| broker.send_manual_fetch(leader, partition, cx));
        self.observe();
        Ok(())
    }

    /// `elect preferred [T-P]`: preferred leader election for one or all partitions.
    pub(crate) fn elect_preferred(&mut self, partition: Option<PartitionId>) -> Result<(), SimError> {
        let targets: Vec<PartitionId> = match partition {
            Some(p) => vec![p],
            None => (0..self.partition_count()).map(PartitionId).collect(),
        };
        for p in targets {
            self.with_controller(|c| c.elect_preferred_leader(p, true, crate::sim::event::ElectionKind::Preferred));
        }
        self.observe();
        Ok(())
    }

    /// `elect unclean T-P`: the first live replica in assignment order leads a leaderless
    /// partition, in sync or not; the answer is kept for the `election` query.
    pub(crate) fn elect_unclean(&mut self, partition: PartitionId) -> Result<(), SimError> {
        let unclean = crate::sim::partition_change::Election::Unclean;
        self.with_controller(|c| {
            c.operator_election(partition, unclean, true, crate::sim::event::ElectionKind::Unclean)
        });
        self.observe();
        Ok(())
    }

    /// The client with this name, created on first use.
    pub fn ensure_client(&mut self, name: &str, producer: bool) -> Result<ClientId, SimError> {
        if let Some(client) = self.clients.iter().find(|c| c.name == name) {
            return match (producer, client.as_producer().is_some()) {
                (true, false) => Err(SimError::ClientIsNotAProducer(name.to_string())),
                (false, true) => Err(SimError::ClientIsNotAConsumer(name.to_string())),
                _ => Ok(client.id),
            };
        }
        let valid = !name.is_empty()
            && name.len() <= 64
            && name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
        if !valid || name == "controller" || name.bytes().all(|b| b.is_ascii_digit()) {
            return Err(SimError::InvalidClientName(name.to_string()));
        }
        if self.clients.len() >= MAX_CLIENTS {
            return Err(SimError::InvalidClientName(format!("{name} (at most {MAX_CLIENTS} clients)")));
        }
        let id = ClientId(self.clients.len() as u16);
        let client = if producer { Client::producer(id, name) } else { Client::consumer(id, name) };
        self.clients.push(client);
        Ok(id)
    }

    pub fn client_by_name(&self, name: &str) -> Option<ClientId> {
        self.clients.iter().find(|c| c.name == name).map(|c| c.id)
    }

    pub(crate) fn check_value(value: &str) -> Result<(), SimError> {
        if value.len() > MAX_VALUE_BYTES {
            return Err(SimError::ValueTooLong(value.len()));
        }
        Ok(())
    }
}
