//! The simulated cluster: brokers, the controller quorum, clients and the network, driven
//! by one discrete-event queue. Commands come in (`apply.rs`), `step`/`run_until`
//! process events in (time, sequence) order, facts come out as `Event`s, and `view()`
//! gives the UI a read-only picture. The handlers live on the roles that own the state
//! (`sim/broker/`, `sim/controller/`, `sim/client/`) and run with a context whose outbox
//! the cluster carries out (`outbox.rs`). Commands come in through `Cluster::apply`
//! (`apply.rs`). After every
//! step and every command the safety checker observes what happened (`observe.rs`); no
//! handler calls it.
mod apply;
mod commands;
mod consumer_client;
#[cfg(debug_assertions)]
mod invariants;
mod metrics_queries;
mod observe;
mod outbox;
pub(crate) mod producer_client;
mod queries;
mod shutdown;
mod steady_rate;
mod topics;

use super::broker::Broker;
use super::checker::Checker;
use super::client::Client;
use super::config::Config;
use super::controller::Controller;
use super::event::{Event, EventKind};
use super::id_map::IdMap;
use super::ids::{BrokerId, Millis, NodeId, PartitionId};
use super::message::Message;
use super::network::{Network, Outstanding};
use super::queue::{Due, Envelope, EventQueue, Timer};
use super::records::RecordTable;
use super::rng::SimRng;

pub use apply::{DEFAULT_CONSUMER, DEFAULT_PRODUCER};
pub use commands::TopicSpec;
pub use metrics_queries::FollowerLag;
pub use queries::QueryError;
pub use steady_rate::MAX_RECORDS_PER_SECOND;

pub use super::topic::Topic;

#[derive(Clone, Debug)]
pub struct Cluster {
    pub(crate) config: Config,
    pub(crate) seed: u64,
    pub(crate) now: Millis,
    pub(crate) rng: SimRng,
    pub(crate) queue: EventQueue,
    pub(crate) net: Network,
    pub(crate) brokers: IdMap<BrokerId, Broker>,
    pub(crate) controller: Controller,
    pub(crate) topics: Vec<Topic>,
    pub(crate) records: RecordTable,
    pub(crate) clients: Vec<Client>,
    pub(crate) checker: Checker,
    /// Kafka's replication metrics, folded from the events like the checker's judgement.
    pub(crate) metrics: super::observe::metrics::Metrics,
    /// The latest messages delivered, dropped or lost (the spacetime diagram's; not traced).
    pub(crate) message_log: super::observe::message_log::MessageLog,
    pub(crate) events: Vec<Event>,
    /// How many of `events` the checker has observed (the rest are the current step's).
    pub(crate) observed: usize,
    /// Queue items processed (messages delivered, timers fired).
    pub(crate) processed: u64,
    /// Events (facts) emitted since the start.
    pub(crate) emitted: u64,
    /// Fetch requests' and responses' lists, reused round trip after round trip.
    pub(crate) fetch_buffers: super::fetch_buffers::FetchBuffers,
    /// The effects a role's handler asks for (`outbox.rs`); empty between handlers.
    pub(crate) outbox: super::ctx::Outbox,
}
crate::codec!(struct Cluster { config, seed, now, rng, queue, net, brokers, controller, topics, records, clients, checker, metrics, message_log, events, observed, processed, emitted, fetch_buffers, outbox });

impl Cluster {
    /// An empty cluster (no brokers yet) whose only randomness is drawn from `seed`.
    pub fn new(config: Config, seed: u64) -> Self {
        let controller = Controller::new(config.controllers);
        let mut cluster = Cluster {
            config,
            seed,
            now: 0,
            rng: SimRng::new(seed),
            queue: EventQueue::default(),
            net: Network::default(),
            brokers: IdMap::default(),
            controller,
            topics: Vec::new(),
            records: RecordTable::default(),
            clients: Vec::new(),
            checker: Checker::default(),
            metrics: Default::default(),
            message_log: Default::default(),
            events: Vec::new(),
            observed: 0,
            processed: 0,
            emitted: 0,
            fetch_buffers: Default::default(),
            outbox: Default::default(),
        };
        cluster.ensure_client("producer", true).ok();
        cluster.ensure_client("consumer", false).ok();
        cluster.with_controller(|controller| {
            controller.schedule_auto_rebalance();
            controller.schedule_unclean_election_check();
        });
        // The metrics start from the world as it is (an active controller), whoever drains first.
        cluster.observe();
        cluster
    }

    pub fn now_ms(&self) -> Millis {
        self.now
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// How many messages and timers are waiting in the event queue.
    pub fn queued(&self) -> usize {
        self.queue.len()
    }

    /// How many queue items (messages delivered, timers fired) have been processed.
    pub fn queue_items_processed(&self) -> u64 {
        self.processed
    }

    /// How many events (the narrated facts of the trace) have happened since the start.
    pub fn events_emitted(&self) -> u64 {
        self.emitted
    }

    /// Takes the events produced since the last call.
    pub fn drain_events(&mut self) -> Vec<Event> {
        self.observe();
        self.observed = 0;
        std::mem::take(&mut self.events)
    }

    /// Forgets the events produced so far, keeping the buffer (for long runs that do not
    /// look at them, such as benchmarks).
    pub fn discard_events(&mut self) {
        self.observe();
        self.observed = 0;
        self.events.clear();
        self.metrics.discard_changes();
    }

    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The time of the next queued event, if any.
    pub fn next_event_time(&self) -> Option<Millis> {
        self.queue.peek_time()
    }

    /// Processes the next queued event, then lets the checker observe what it did; false
    /// when nothing is queued.
    pub fn step(&mut self) -> bool {
        let Some(next) = self.queue.pop() else { return false };
        debug_assert!(next.at >= self.now, "time goes backwards: {} is due at {}", next.at, self.now);
        self.now = self.now.max(next.at);
        self.processed += 1;
        match next.due {
            Due::Deliver(envelope) => self.deliver(envelope),
            Due::Timer(timer) => self.fire(timer),
        }
        self.observe();
        true
    }

    /// Processes every event due at or before `time`, then sets the clock to `time`.
    pub fn run_until(&mut self, time: Millis) {
        while self.queue.peek_time().is_some_and(|t| t <= time) {
            self.step();
        }
        // Events of a command not observed yet are judged at the time they happened.
        self.observe();
        self.now = self.now.max(time);
    }

    pub fn run_for(&mut self, duration_ms: Millis) {
        self.run_until(self.now.saturating_add(duration_ms));
    }

    #[inline]
    pub(crate) fn emit(&mut self, kind: EventKind) {
        self.emitted += 1;
        self.events.push(Event { at: self.now, kind });
    }

    pub(crate) fn schedule(&mut self, at: Millis, timer: Timer) {
        self.queue.push(at, Due::Timer(timer));
    }

    /// The node's current incarnation if it is alive (one lookup for both questions).
    fn live_incarnation(&self, node: NodeId) -> Option<u32> {
        match node {
            NodeId::Broker(b) => self.brokers.get(&b).filter(|b| b.is_alive()).map(|b| b.incarnation),
            NodeId::Controller => self.controller.active.map(|_| self.controller.term),
            NodeId::Client(_) => Some(0),
        }
    }

    fn incarnation(&self, node: NodeId) -> u32 {
        match node {
            NodeId::Broker(b) => self.brokers.get(&b).map_or(0, |b| b.incarnation),
            NodeId::Controller => self.controller.term,
            NodeId::Client(_) => 0,
        }
    }

    /// Sends a message. A dead destination refuses it at once (the sender learns of it
    /// through a `Disconnected`); a cut link drops it silently on delivery.
    pub(crate) fn send(&mut self, from: NodeId, to: NodeId, message: Message) {
        let kind = message.kind();
        let Some(to_incarnation) = self.live_incarnation(to) else {
            // A response to a dead requester goes nowhere and tells no one; a request
            // is refused and its sender learns of it at once.
            if let Some(request) = message.request_id() {
                self.emit(EventKind::MessageRefused { from, to, message: kind });
                self.notify_disconnect(from, request);
            }
            return;
        };
        if let Some(request) = message.request_id() {
            self.net.track(request, Outstanding { from, to, kind, sent_at: self.now });
        }
        let latency = self.net.latency(from, to, self.config.network_latency_ms);
        let envelope =
            Envelope { from, to, from_incarnation: self.incarnation(from), to_incarnation, sent_at: self.now, message };
        self.queue.push(self.now + latency, Due::Deliver(envelope));
    }

    /// Tells `node` (at once, locally) that the connection carrying `request` broke.
    pub(crate) fn notify_disconnect(&mut self, node: NodeId, request: super::message::RequestId) {
        let envelope = Envelope {
            from: node,
            to: node,
            from_incarnation: self.incarnation(node),
            to_incarnation: self.incarnation(node),
            sent_at: self.now,
            message: Message::Disconnected(request),
        };
        self.queue.push(self.now, Due::Deliver(envelope));
    }

    /// A node died: requests it was serving fail at once for their senders (the OS closes
    /// the connections); what it sent is forgotten.
    pub(crate) fn break_connections_of(&mut self, node: NodeId) {
        for (request, outstanding) in self.net.break_connections(node) {
            self.notify_disconnect(outstanding.from, request);
        }
    }

    fn deliver(&mut self, envelope: Envelope) {
        #[cfg(feature = "metrics")]
        self.log_delivery(&envelope);
        let Envelope { from, to, from_incarnation, to_incarnation, message, sent_at } = envelope;
        let local = matches!(message, Message::Disconnected(_));
        if self.live_incarnation(to) != Some(to_incarnation) {
            return; // lost with the process it was sent to
        }
        if !local && self.live_incarnation(from) != Some(from_incarnation) {
            return; // lost with the process that sent it
        }
        if !local && self.net.is_cut(from, to) {
            self.emit(EventKind::MessageDropped { from, to, message: message.kind(), sent_at });
            return;
        }
        if let Some(request) = message.answers() {
            self.net.answered(request);
        }
        self.dispatch(from, to, message);
    }

    fn dispatch(&mut self, from: NodeId, to: NodeId, message: Message) {
        match to {
            NodeId::Broker(broker) => self.dispatch_to_broker(broker, from, message),
            NodeId::Controller => self.dispatch_to_controller(message),
            NodeId::Client(client) => self.dispatch_to_client(client, from, message),
        }
    }

    fn dispatch_to_broker(&mut self, broker: BrokerId, from: NodeId, message: Message) {
        if self.with_broker(broker, |b, cx| b.on_message(from, message, cx)) {
            self.finish_shutdown(broker, true);
        }
    }

    fn dispatch_to_controller(&mut self, message: Message) {
        self.with_controller(|c| c.on_message(message));
    }

    fn dispatch_to_client(&mut self, client: super::ids::ClientId, from: NodeId, message: Message) {
        self.with_client(client, |c| c.on_message(from, message));
    }

    fn fire(&mut self, timer: Timer) {
        match timer {
            Timer::Heartbeat { broker, incarnation }
            | Timer::IsrCheck { broker, incarnation }
            | Timer::Flush { broker, incarnation }
            | Timer::FetcherWake { broker, incarnation, .. }
            | Timer::LeaderPurgatory { broker, incarnation }
            | Timer::ShutdownHeartbeat { broker, incarnation } => {
                self.on_broker_timer(broker, incarnation, |b, cx| b.on_timer(timer, cx))
            }
            Timer::ShutdownDeadline { broker, incarnation } => self.on_shutdown_deadline(broker, incarnation),
            Timer::ClientWake { client } => self.with_client(client, |c| c.on_wake()),
            Timer::SteadyRate { client, generation } => self.on_steady_rate_timer(client, generation),
            Timer::SessionExpiry | Timer::ControllerElection | Timer::AutoRebalance | Timer::UncleanElectionCheck => {
                self.with_controller(|c| c.on_timer(timer))
            }
        }
    }

    /// True if the broker exists, is alive and is in the given incarnation.
    pub(crate) fn broker_in(&self, broker: BrokerId, incarnation: u32) -> bool {
        self.brokers.get(&broker).is_some_and(|b| b.is_alive() && b.incarnation == incarnation)
    }

    /// The topic a partition belongs to and its number within the topic.
    pub(crate) fn topic_of(&self, partition: PartitionId) -> Option<(&Topic, u32)> {
        super::topic::topic_of(&self.topics, partition)
    }

    /// A record's value (what the scripts and the UI call it).
    pub fn record_value(&self, record: super::ids::RecordId) -> &str {
        self.records.value(record)
    }

    /// `orders-0`.
    pub fn partition_name(&self, partition: PartitionId) -> String {
        super::topic::partition_name(&self.topics, partition)
    }

    pub fn partition_count(&self) -> u32 {
        self.topics.iter().map(|t| t.partitions).sum()
    }
}
