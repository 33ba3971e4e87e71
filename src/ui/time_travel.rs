//! Time travel: showing the session at an earlier simulated time (`seek`, `step_back`,
//! `step_forward_in_the_past`; playing there replays the recording, `play_clock`), and what
//! happens when a person acts there. A command in the past would discard the recorded
//! future, so it waits for a confirmation first (`ask_before_branching`); once confirmed it
//! branches (`branched`), and the session keeps the discarded future aside, so the branch can
//! be undone (`undo_branch`, which swaps the two) or kept (`keep_branch`). The session itself
//! replays the past; this file keeps the page's own state (play, the carry, the console's
//! notes in the feed) consistent with where it now stands.
use std::rc::Rc;

use crate::script::ast::Statement;
use crate::script::parse::parse_line;
use crate::sim::config::quote_input;
use crate::ui::feed_lines::Note;
use crate::ui::state::{Action, PlaygroundState};

/// A command asked for in the past, waiting for the person to confirm the branch.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingBranch {
    /// The script line it runs, as the confirmation quotes it (at most ~80 characters: a
    /// pasted 100k-character value must not push the question off the screen).
    pub line: String,
    /// Shared, not boxed: the page's state is cloned on every action, and a clone of an
    /// `Action` (with its statement) inlined there costs the bundle a kilobyte.
    action: Rc<Action>,
}

/// The page's side of branching: the command waiting for a confirmation, and the console's
/// notes of whatever the session holds aside (they come back with it).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Branching {
    pub pending: Option<PendingBranch>,
    aside_notes: Rc<Vec<Note>>,
}

/// The line a command action would run, when running it in the past would branch: a
/// button's or form's statement, or a console line that is not blank, a comment, malformed
/// (refused as it is) or an `expect` (which only reads).
fn branching_line(action: &Action) -> Option<String> {
    match action {
        Action::Run { statement, .. } => Some(statement.to_string()),
        Action::Console { line } => match parse_line(line.trim(), 1) {
            Ok(Some(Statement::Expect { .. })) | Ok(None) | Err(_) => None,
            Ok(Some(_)) => Some(line.trim().to_owned()),
        },
        _ => None,
    }
}

impl PlaygroundState {
    /// In the past, a command is held until confirmed (and playing stops, so the moment it
    /// would branch at stays put); `ConfirmBranch` hands it back to run. Gives back the action
    /// to apply now, if any.
    pub(super) fn ask_before_branching(&mut self, action: Action) -> Option<Action> {
        match action {
            Action::ConfirmBranch => self.branching.pending.take().map(|pending| (*pending.action).clone()),
            Action::CancelBranch => {
                self.branching.pending = None;
                None
            }
            action if !self.views.live => match branching_line(&action) {
                Some(line) => {
                    self.clock.playing = false;
                    self.clock.carry_us = 0;
                    let line = quote_input(&line);
                    self.branching.pending = Some(PendingBranch { line, action: Rc::new(action) });
                    None
                }
                None => Some(action),
            },
            action => Some(action),
        }
    }

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

    /// Acting in the past discarded the future (the session set it aside): the notes and
    /// violations that belonged to it go aside or go, and the markers and feed are made again.
    pub(super) fn branched(&mut self) {
        // What an earlier branch set aside is gone from the session now: so are its notes.
        self.branching.aside_notes = Rc::default();
        self.swap_aside_notes();
        let now = self.session.borrow().now_ms();
        Rc::make_mut(&mut self.views.violations).retain(|v| v.at_ms <= now);
        self.scanned.forget_markers_and_feed();
    }

    /// The notes written after the moment shown go aside, and those set aside come back.
    fn swap_aside_notes(&mut self) {
        let (events, now) = (self.session.borrow().events().len(), self.session.borrow().now_ms());
        let (mut kept, aside): (Vec<Note>, Vec<Note>) =
            self.messages.notes.iter().cloned().partition(|n| n.after_events <= events && n.at_ms <= now);
        kept.extend(self.branching.aside_notes.iter().cloned());
        self.messages.notes = Rc::new(kept);
        self.branching.aside_notes = Rc::new(aside);
    }

    /// Puts back what the session holds aside (the recorded future, or the branch an earlier
    /// undo set aside) and shows the branch point; what was there goes aside in its place.
    pub(super) fn undo_branch(&mut self) {
        self.clock.playing = false;
        self.clock.carry_us = 0;
        self.session.feed_version += 1;
        if !self.session.borrow_mut().restore_set_aside() {
            return;
        }
        self.swap_aside_notes();
        self.scanned.forget_everything();
        Rc::make_mut(&mut self.views.violations).clear();
    }

    /// The person keeps the branch: what was set aside is let go.
    pub(super) fn keep_branch(&mut self) {
        self.session.borrow_mut().forget_set_aside();
        self.branching.aside_notes = Rc::default();
    }
}

#[cfg(test)]
mod tests {
    use crate::script::session::{AsideKind, MarkerKind};
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
        assert!(!state.views.live && state.branching.pending.is_some(), "a command in the past asks first");
        state.apply(Action::ConfirmBranch);
        assert!(state.views.live, "acting in the past starts a new branch at its end");
        assert_eq!(state.views.end_ms, 3_000);
        assert!(state.feed(&FeedFilter::default(), 50).iter().all(|l| l.at_ms <= 3_000));
    }

    /// The banner shows the violations up to the moment shown, looking back and forward again
    /// (they are found through the timeline's markers, not by reading every event).
    #[test]
    fn violations_shown_follow_the_moment_shown() {
        let script = include_str!("../../scenarios/unclean-election-loses-acked.scenario");
        let mut state = PlaygroundState::from_saved(script, None);
        let found = state.views.violations.len();
        let first_at = state.views.violations.first().map(|v| v.at_ms).expect("the unclean election loses a2");
        state.apply(Action::Seek { ms: first_at - 1 });
        assert!(state.views.violations.is_empty(), "none before the first");
        state.apply(Action::Seek { ms: first_at });
        assert!(!state.views.violations.is_empty() && state.views.violations.iter().all(|v| v.at_ms <= first_at));
        state.apply(Action::BackToLive);
        assert_eq!(state.views.violations.len(), found);
    }

    /// A crash and its election recorded, the page back at 3 s: what a teacher replays.
    fn recorded_failover() -> (PlaygroundState, u64) {
        let mut state = PlaygroundState::default();
        state.apply(Action::Run { statement: statement("crash broker 1"), field: Field::Broker });
        state.apply(Action::Advance { ms: 12_000 });
        let hash = state.trace_hash();
        state.apply(Action::Seek { ms: 3_000 });
        (state, hash)
    }

    fn elections(state: &PlaygroundState) -> usize {
        state.views.markers.iter().filter(|m| m.kind == MarkerKind::Election).count()
    }

    /// The first thing a teacher tries: back before the failover, then Play (or Space, →,
    /// "Step one event", +100 ms). Each replays the recording, so the crash and the election
    /// come again; playing on past its end records as before, the same run as a straight one.
    #[test]
    fn play_space_and_steps_in_the_past_replay_the_recorded_future() {
        let (mut state, _) = recorded_failover();
        let (end, recorded_elections) = (state.views.end_ms, elections(&state));
        state.apply(Action::StepForward);
        state.apply(Action::StepEvent);
        state.apply(Action::Advance { ms: 100 });
        state.apply(Action::TogglePlaying);
        assert!(!state.views.live && state.clock.playing && state.views.end_ms == end, "nothing branched");
        state.apply(Action::SetSpeed(6)); // 10×: a second of simulated time a tick
        while !state.views.live {
            state.apply(Action::Tick { wall_ms: 100.0 });
            assert_eq!(state.views.end_ms.max(end), state.views.end_ms, "the recording is kept");
        }
        assert!(state.clock.playing && elections(&state) == recorded_elections);
        state.apply(Action::Tick { wall_ms: 100.0 });
        let now = state.now_ms();
        assert!(now > end, "on past the recording's end, live");
        let mut straight = PlaygroundState::default();
        straight.apply(Action::Run { statement: statement("crash broker 1"), field: Field::Broker });
        straight.apply(Action::Advance { ms: now - straight.now_ms() });
        assert_eq!(state.trace_hash(), straight.trace_hash());
    }

    /// A command in the past waits for a confirmation (playing stops); cancelling keeps the
    /// recording. Confirmed, it branches, and Undo brings the recording back exactly, the
    /// branch set aside in its turn ("Return to my branch").
    #[test]
    fn a_command_in_the_past_asks_first_and_a_branch_can_be_undone() {
        let (mut state, recorded_hash) = recorded_failover();
        state.apply(Action::SetPlaying(true));
        state.apply(Action::Console { line: "crash broker 2".into() });
        let pending = state.branching.pending.clone().expect("asks first");
        assert_eq!((pending.line.as_str(), state.clock.playing), ("crash broker 2", false));
        state.apply(Action::Console { line: "expect leader orders-0 = 1".into() });
        assert!(state.branching.pending.is_some() && !state.views.live, "a read does not branch nor ask");
        state.apply(Action::CancelBranch);
        assert!(state.branching.pending.is_none() && !state.views.live);
        state.apply(Action::Console { line: "crash broker 2".into() });
        state.apply(Action::StepBack);
        assert!(state.branching.pending.is_none(), "moving away drops the question");

        state.apply(Action::Console { line: "crash broker 2".into() });
        state.apply(Action::ConfirmBranch);
        let branch_at = state.now_ms();
        assert!(state.views.live && state.views.end_ms < 12_000);
        assert_eq!(
            state.views.set_aside.map(|(kind, from, _)| (kind, from)),
            Some((AsideKind::RecordedFuture, branch_at))
        );
        let branch_hash = state.trace_hash();

        state.apply(Action::UndoBranch);
        assert_eq!((state.views.live, state.now_ms()), (false, branch_at), "back at the branch point");
        assert!(
            state.messages.notes.iter().all(|n| !n.text.contains("crash broker 2")),
            "the branch's note went aside"
        );
        state.apply(Action::BackToLive);
        assert_eq!(state.trace_hash(), recorded_hash);
        let notes: Vec<&str> = state.messages.notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(notes, ["> ✓ crash broker 1", "> ✓ expect leader orders-0 = 1"], "not the branch's");
        assert_eq!(state.views.set_aside.map(|(kind, ..)| kind), Some(AsideKind::Branch));
        state.apply(Action::UndoBranch);
        state.apply(Action::BackToLive);
        assert_eq!(state.trace_hash(), branch_hash);
        state.apply(Action::KeepBranch);
        assert_eq!(state.views.set_aside, None);
    }

    /// A console `run` in the past is a command too: confirmed, it branches and runs on from
    /// there, rather than replaying the recording it was confirmed to discard.
    #[test]
    fn a_confirmed_console_run_in_the_past_branches() {
        let (mut state, _) = recorded_failover();
        state.apply(Action::Console { line: "run 1s".into() });
        assert!(state.branching.pending.is_some());
        state.apply(Action::ConfirmBranch);
        assert!(state.views.live);
        assert_eq!((state.now_ms(), state.views.end_ms), (4_000, 4_000));
        assert!(state.views.markers.iter().all(|m| !m.label.contains("epoch 1")), "the failover was set aside");
        assert_eq!(state.views.set_aside.map(|(kind, from, _)| (kind, from)), Some((AsideKind::RecordedFuture, 3_000)));
    }

    #[test]
    fn keys_change_speed_within_bounds_and_step_forward_in_the_past_does_not_branch() {
        let mut state = PlaygroundState::default();
        state.apply(Action::SetSpeed(0));
        state.apply(Action::SpeedBy(-1));
        assert_eq!(state.prefs.speed, 0, "the slowest stays the slowest");
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
