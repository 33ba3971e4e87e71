//! Time travel: showing the session at an earlier simulated time (`seek`, `step_back`) and
//! the bookkeeping when acting there starts a new branch (`branched`: the notes, violations
//! and markers of the discarded future go). The session itself replays the past; this file
//! keeps the page's own state (play, the carry) consistent with
//! where it now stands.
use std::rc::Rc;

use crate::ui::state::PlaygroundState;

impl PlaygroundState {
    pub(super) fn seek(&mut self, ms: u64) {
        self.clock.playing = false;
        self.clock.carry_us = 0;
        self.session.feed_version += 1;
        self.session.borrow_mut().seek(ms);
    }

    /// Back to the previous millisecond with an event, or 1 ms back when none came before.
    pub(super) fn step_back(&mut self) {
        let now = self.now_ms();
        let previous = self.session.borrow().events().iter().rev().map(|e| e.at).find(|&at| at < now);
        self.seek(previous.unwrap_or(now.saturating_sub(1)));
    }

    /// On to the next millisecond with an event in the recorded future (replaying it, not
    /// branching), or 1 ms on when the rest of the recording is quiet.
    pub(super) fn step_forward_in_the_past(&mut self) {
        let now = self.now_ms();
        let next = self.session.borrow().next_event_ms();
        self.seek(next.unwrap_or(now + 1));
    }

    /// Acting in the past discarded the future: forget what belonged to it.
    pub(super) fn branched(&mut self) {
        let events = self.session.borrow().events().len();
        let now = self.session.borrow().now_ms();
        Rc::make_mut(&mut self.messages.notes).retain(|n| n.after_events <= events && n.at_ms <= now);
        Rc::make_mut(&mut self.views.violations).retain(|v| v.at_ms <= now);
        self.scanned.forget_markers_and_feed();
    }
}

#[cfg(test)]
mod tests {
    use crate::ui::state::{statement, Action, FeedFilter, Field, PlaygroundState};

    #[test]
    fn seeking_back_shows_the_past_and_acting_there_branches() {
        let mut state = PlaygroundState::default();
        state.apply(Action::Console { line: "crash broker 1".into() });
        state.apply(Action::Advance { ms: 12_000 });
        let live_hash = state.trace_hash();
        assert!(
            state.views.markers.iter().any(|m| m.kind == crate::script::session::MarkerKind::Election),
            "{:?}",
            state.views.markers
        );
        state.apply(Action::Seek { ms: 3_000 });
        assert!(!state.views.live);
        assert_eq!(state.now_ms(), 3_000);
        assert_eq!(state.views.end_ms, 12_010);
        state.apply(Action::StepBack);
        assert!(state.now_ms() < 3_000);
        state.apply(Action::BackToLive);
        assert!(state.views.live);
        assert_eq!(state.trace_hash(), live_hash);
        state.apply(Action::Seek { ms: 3_000 });
        state.apply(Action::Run { statement: statement("produce orders v1"), field: Field::Produce });
        assert!(state.views.live, "acting in the past starts a new branch at its end");
        assert_eq!(state.views.end_ms, 3_000);
        assert!(state.feed(&FeedFilter::default(), 50).iter().all(|l| l.at_ms <= 3_000));
    }

    #[test]
    fn keys_change_speed_within_bounds_and_step_forward_in_the_past_does_not_branch() {
        let mut state = PlaygroundState::default();
        state.apply(Action::SpeedBy(-1));
        assert_eq!(state.prefs.speed, 0);
        state.apply(Action::SpeedBy(1));
        assert_eq!(state.prefs.speed, 1);
        state.apply(Action::Advance { ms: 500 });
        let recorded: Vec<u64> = state.session().events().iter().map(|e| e.at).collect();
        state.apply(Action::Seek { ms: 100 });
        let next = *recorded.iter().find(|&&at| at > 100).expect("events after 100 ms");
        state.apply(Action::StepForward);
        assert_eq!((state.now_ms(), state.views.live), (next, false), "→ in the past goes to the next recorded event");
        let before = state.session().events().len();
        state.apply(Action::StepBack);
        assert!(state.now_ms() < next && state.session().events().len() < before, "← goes back again");
    }
}
