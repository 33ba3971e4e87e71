//! A `run D` typed in the console, run across frames: `run 8h` on a big cluster is minutes
//! of work, and done in one go it would hold the page for all of them. The first slice runs
//! at once (a short run finishes there, as before); the rest continues on each play-loop
//! tick, a bounded amount of work at a time, with the clock moving on screen. Any other
//! action stops it where it is. Simulated time is the same either way: advancing to T in
//! slices processes exactly the events a single run to T does.
use crate::script::ast::{format_duration, Statement};
use crate::script::parse::parse_line;
use crate::ui::field::Field;
use crate::ui::play_clock::MAX_EVENTS_PER_TICK;
use crate::ui::state::{Action, PlaygroundState};

/// Events the first slice may process before the rest goes to the play loop's ticks.
const FIRST_SLICE_EVENTS: usize = 4 * MAX_EVENTS_PER_TICK;

/// A `run` still going: where it ends, and the line as typed (for the message when done).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingRun {
    pub until_ms: u64,
    pub line: String,
}

impl PlaygroundState {
    /// `Some(ms)` when `line` is a `run` the session accepts from here (else the session's
    /// own `execute` runs it, and refuses it with its reason).
    pub(super) fn run_duration(&self, line: &str) -> Option<u64> {
        let Ok(Some(Statement::Run(ms))) = parse_line(line, 1) else {
            return None;
        };
        self.session.borrow().run_fits(ms).then_some(ms)
    }

    /// Starts `run`: the first slice now, the rest on later ticks. In the past (the person
    /// confirmed the branch), the run starts a new branch here, as any command does; the
    /// play loop's slices would otherwise replay the recording.
    pub(super) fn start_run(&mut self, line: &str, ms: u64) {
        self.session.borrow_mut().branch_here();
        let (now_ms, after_events) = (self.session.borrow().now_ms(), self.session.borrow().events().len());
        self.messages.note(after_events, now_ms, format!("> {line}"), true);
        self.clock.pending_run = Some(PendingRun { until_ms: now_ms + ms, line: line.to_owned() });
        self.continue_run(FIRST_SLICE_EVENTS);
    }

    /// One slice of the pending run; says so when it is done.
    pub(super) fn continue_run(&mut self, max_events: usize) {
        let Some(run) = self.clock.pending_run.clone() else {
            return;
        };
        let now_ms = self.session.borrow().now_ms();
        self.advance_by_us(run.until_ms.saturating_sub(now_ms) * 1000, max_events);
        self.session.feed_version += 1;
        let now_ms = self.session.borrow().now_ms();
        if self.session.borrow().is_full() {
            self.clock.pending_run = None;
            self.stop_at_session_limits();
            let text = format!("{}: stopped at {}, the session's size limit", run.line, format_duration(now_ms));
            return self.messages.show(Field::Console, false, text);
        }
        let text = if now_ms >= run.until_ms {
            self.clock.pending_run = None;
            self.session.save_version += 1;
            format!("✓ {}", run.line)
        } else {
            let to_go = format_duration(run.until_ms - now_ms);
            format!("{}: running, {to_go} to go (any action stops it here)", run.line)
        };
        self.messages.show(Field::Console, true, text);
    }

    /// Any action but the play loop's tick and what only changes how the page looks stops a
    /// pending run where it stands.
    pub(super) fn stop_run_for(&mut self, action: &Action) {
        let keeps_running = matches!(
            action,
            Action::Tick { .. }
                | Action::FieldMessage { .. }
                | Action::Help(_)
                | Action::Highlight(_)
                | Action::Select(_)
                | Action::SetSpeed(_)
                | Action::SpeedBy(_)
                | Action::SetHeartbeats(_)
                | Action::Filter(_)
        );
        if keeps_running {
            return;
        }
        let Some(run) = self.clock.pending_run.take() else {
            return;
        };
        let now = format_duration(self.session.borrow().now_ms());
        let text = format!("{}: stopped at {now}; the rest did not run", run.line);
        self.messages.show(Field::Console, false, text);
        self.session.save_version += 1;
    }
}

#[cfg(test)]
mod tests {
    use crate::ui::state::{Action, Field, PlaygroundState};

    fn console(state: &mut PlaygroundState, line: &str) {
        state.apply(Action::Console { line: line.into() });
    }

    /// A long `run` returns at once with the clock part of the way, ticks finish it, and the
    /// state is the one a single run gives.
    #[test]
    fn a_long_run_goes_on_across_ticks_to_the_same_state() {
        let mut sliced = PlaygroundState::default();
        console(&mut sliced, "steady-rate orders 200");
        console(&mut sliced, "run 10m");
        assert!(sliced.clock.pending_run.is_some(), "ten minutes at 200 records/s is more than one slice");
        assert!(sliced.now_ms() < 600_010);
        let mut ticks = 0;
        while sliced.clock.pending_run.is_some() && ticks < 10_000 {
            sliced.apply(Action::Tick { wall_ms: 16.0 });
            ticks += 1;
        }
        assert_eq!(sliced.now_ms(), 600_010);
        assert_eq!(sliced.field_message(Field::Console).unwrap(), (true, "✓ run 10m".into()));
        let mut whole = PlaygroundState::default();
        console(&mut whole, "steady-rate orders 200");
        whole.session.borrow_mut().execute("run 10m").unwrap();
        whole.refresh();
        assert_eq!(sliced.trace_hash(), whole.trace_hash());
        assert_eq!(sliced.export_script(), whole.export_script());
    }

    #[test]
    fn a_short_run_finishes_at_once_and_any_action_stops_a_long_one() {
        let mut state = PlaygroundState::default();
        console(&mut state, "run 2s");
        assert_eq!((state.now_ms(), state.clock.pending_run.is_some()), (2_010, false));
        console(&mut state, "steady-rate orders 500");
        console(&mut state, "run 1h");
        let stopped_at = state.now_ms();
        assert!(state.clock.pending_run.is_some() && stopped_at < 3_602_010);
        state.apply(Action::SetPlaying(false));
        assert!(state.clock.pending_run.is_none());
        let (ok, text) = state.field_message(Field::Console).unwrap();
        assert!(!ok && text.contains("stopped at"), "{text}");
        state.apply(Action::Tick { wall_ms: 16.0 });
        assert_eq!(state.now_ms(), stopped_at, "nothing runs on after the stop");
    }
}
