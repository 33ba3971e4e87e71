//! After every step and every command the safety checker observes what happened: the
//! events since it last looked and a read-only view of the world (TigerBeetle's
//! `invariants()` after every event). What it finds goes into the trace as
//! `SafetyViolation` events, each right after the event that revealed it. In debug
//! builds the simulator's own invariants are asserted too (`invariants.rs`).
use super::Cluster;
use crate::sim::event::{Event, EventKind};
use crate::sim::world::World;

/// The world's fields of a cluster, borrowed one by one (a macro, not a method, so that
/// the borrow checker sees them apart from the checker).
macro_rules! world_of {
    ($cluster:expr) => {
        World {
            now: $cluster.now,
            config: &$cluster.config,
            brokers: &$cluster.brokers,
            controller: &$cluster.controller,
            records: &$cluster.records,
            topics: &$cluster.topics,
            clients: &$cluster.clients,
        }
    };
}

impl Cluster {
    /// The world as an observer sees it: everything, read-only (the checker's view; tests
    /// hand it to a checker of their own).
    pub fn world(&self) -> World<'_> {
        world_of!(self)
    }

    /// Lets the checker judge the events not observed yet; adds what it finds to the trace.
    pub(crate) fn observe(&mut self) {
        let start = self.observed;
        #[cfg(debug_assertions)]
        self.assert_invariants(start);
        self.run_checker(start);
        self.run_metrics(start);
        self.observed = self.events.len();
    }

    /// Folds the new events (the checker's findings among them) into the metrics. Without
    /// the `metrics` feature (the page's build) the metrics stay at zero and the fold is not
    /// linked.
    #[cfg(not(feature = "metrics"))]
    fn run_metrics(&mut self, _start: usize) {}

    /// Folds the new events (the checker's findings among them) into the metrics.
    #[cfg(feature = "metrics")]
    fn run_metrics(&mut self, start: usize) {
        let world = world_of!(self);
        let events = &self.events[start..];
        let first_index = self.emitted - events.len() as u64;
        self.metrics.observe(events, first_index, &world);
    }

    fn run_checker(&mut self, start: usize) {
        // Field by field, so the checker can be borrowed mutably beside it, uncopied.
        let world = world_of!(self);
        let events = &self.events[start..];
        if self.checker.is_idle(events, &world) {
            return;
        }
        let findings = self.checker.observe(events, &world);
        if findings.is_empty() {
            return; // nearly always
        }
        // Placed after the event that revealed them, at its time; findings come in trace
        // order, so each goes after those inserted before it.
        let placed: Vec<(usize, Event)> = findings
            .into_iter()
            .map(|finding| {
                let at = finding.after.checked_sub(1).map_or(self.now, |i| self.events[start + i].at);
                let kind = EventKind::SafetyViolation(Box::new(finding.violation));
                (start + finding.after, Event { at, kind })
            })
            .collect();
        for (inserted, (position, event)) in placed.into_iter().enumerate() {
            self.events.insert(position + inserted, event);
            self.emitted += 1;
        }
    }
}

/// The spacetime diagram's record of the network (`observe::message_log`): each message as
/// it arrives, with what became of it, decided as `deliver` decides it.
#[cfg(feature = "metrics")]
impl Cluster {
    pub(super) fn log_delivery(&mut self, envelope: &crate::sim::queue::Envelope) {
        use crate::sim::message::Message;
        use crate::sim::observe::message_log::{Fate, PastMessage};
        if matches!(envelope.message, Message::Disconnected(_)) {
            return; // a process's own notice that a connection broke, never on the wire
        }
        let (from, to) = (envelope.from, envelope.to);
        let alive = self.live_incarnation(to) == Some(envelope.to_incarnation)
            && self.live_incarnation(from) == Some(envelope.from_incarnation);
        let fate = match (alive, self.net.is_cut(from, to)) {
            (false, _) => Fate::Lost,
            (true, true) => Fate::Dropped,
            (true, false) => Fate::Delivered,
        };
        let caption = self.caption(&envelope.message);
        let (kind, sent_at, arrived_at) = (envelope.message.kind(), envelope.sent_at, self.now);
        self.message_log.record(PastMessage { from, to, kind, sent_at, arrived_at, fate, caption });
    }

    /// The latest messages the network carried (delivered, dropped or lost), in arrival
    /// order; at most `MESSAGE_LOG_CAPACITY`.
    pub fn recent_messages(&self) -> impl Iterator<Item = &crate::sim::observe::message_log::PastMessage> + '_ {
        self.message_log.recent()
    }
}
