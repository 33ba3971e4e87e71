//! After every step and every command the safety checker observes what happened: the
//! events since it last looked and a read-only view of the world (TigerBeetle's
//! `invariants()` after every event). What it finds goes into the trace as
//! `SafetyViolation` events, each right after the event that revealed it. In debug
//! builds the simulator's own invariants are asserted too (`invariants.rs`).
use super::Cluster;
use crate::sim::event::{Event, EventKind};
use crate::sim::world::World;

impl Cluster {
    /// The world as an observer sees it: everything, read-only.
    pub(crate) fn world(&self) -> World<'_> {
        World {
            now: self.now,
            config: &self.config,
            brokers: &self.brokers,
            controller: &self.controller,
            records: &self.records,
            topics: &self.topics,
            clients: &self.clients,
        }
    }

    /// Lets the checker judge the events not observed yet; adds what it finds to the trace.
    pub(crate) fn observe(&mut self) {
        let start = self.observed;
        #[cfg(debug_assertions)]
        self.assert_invariants(start);
        if !self.checker.is_idle(&self.events[start..], &self.world()) {
            self.run_checker(start);
        }
        self.observed = self.events.len();
    }

    fn run_checker(&mut self, start: usize) {
        // The checker is taken out for the pass so that it can read the rest of the world.
        let mut checker = std::mem::take(&mut self.checker);
        let findings = checker.observe(&self.events[start..], &self.world());
        self.checker = checker;
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
