//! The line a screen reader hears (`aria-live="polite"`): the newest key event, as the feed
//! narrates it — a crash, a fence, an election, an ISR change, an ack, a loss. It changes only
//! when such an event happens, at most once per feed narration (about ten times a second
//! while playing), and acks are left out while a steady rate runs, so it never floods.
use std::rc::Rc;

use crate::script::session::Session;
use crate::sim::EventKind;
use crate::ui::feed_lines::feed_text;
use crate::ui::state::PlaygroundState;

/// The events a narration looks back over at most: a fast run is told by its latest.
const LOOK_BACK: usize = 5_000;

/// Whether the line tells `kind`. `acks`: a producer's acks are worth telling (no steady rate).
fn is_key_event(kind: &EventKind, acks: bool) -> bool {
    match kind {
        EventKind::ProducerAcked { .. } => acks,
        EventKind::BrokerCrashed { .. }
        | EventKind::BrokerFenced { .. }
        | EventKind::LeaderElected { .. }
        | EventKind::IsrChanged { .. }
        | EventKind::ProducerGaveUp { .. }
        | EventKind::SafetyViolation(_) => true,
        _ => false,
    }
}

impl PlaygroundState {
    /// Tells the newest key event since the last narration, if any.
    pub(super) fn narrate_key_events(&mut self, session: &Session) {
        let events = session.events();
        // Looking back (fewer events than told): only what happens from here on is told.
        let from = self.scanned.narrated.min(events.len()).max(events.len().saturating_sub(LOOK_BACK));
        self.scanned.narrated = events.len();
        let acks = self.views.rate.is_none();
        if let Some(event) = events[from..].iter().rev().find(|e| is_key_event(&e.kind, acks)) {
            self.views.narration = Rc::new(feed_text(session.cluster(), &event.kind));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ui::state::{statement, Action, Field, PlaygroundState};

    /// A crash, then the election after the fence, are told as they happen; time passing
    /// quietly changes nothing.
    #[test]
    fn a_failover_is_told_and_quiet_time_is_not() {
        let mut state = PlaygroundState::default();
        state.apply(Action::Advance { ms: 1_000 });
        let quiet = state.views.narration.clone();
        state.apply(Action::Advance { ms: 1_000 });
        assert_eq!(state.views.narration, quiet, "nothing key happened");
        state.apply(Action::Run { statement: statement("crash broker 1"), field: Field::Broker });
        assert!(state.views.narration.contains("rash"), "{}", state.views.narration);
        state.apply(Action::Advance { ms: 12_000 });
        let told = state.views.narration.to_lowercase();
        assert!(told.contains("leader") || told.contains("isr"), "{told}");
    }
}
