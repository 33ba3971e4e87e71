//! The play loop's time accounting: how much simulated time a tick of wall time is worth at
//! the chosen speed, the sub-millisecond carry between ticks, and the cap on events per tick
//! that makes the clock fall behind rather than the page freeze. The wall clock itself (the
//! interval) lives in the `play_loop` component; this file only turns "this much wall time
//! passed" into simulated time, so the same ticks always give the same state.
use crate::script::ast::format_duration;
use crate::script::session::{MAX_SESSION_EVENTS, MAX_SESSION_MS};
use crate::ui::console_run::PendingRun;
use crate::ui::field::Field;
use crate::ui::state::PlaygroundState;

/// How far one press of "+100 ms" advances simulated time.
pub const STEP_MS: u64 = 100;
/// The speeds on offer: 1.0 is real time.
pub const SPEEDS: [f64; 11] = [0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0];
/// The default speed: real time, with slow motion while a record is on the wire
/// (`slow_motion`), so a record's trip is followed by eye and a failover takes seconds.
pub const DEFAULT_SPEED: usize = 4;
/// The most events one play-loop tick may process: at 100× on a big cluster the clock then
/// falls behind real time rather than the page freezing.
pub const MAX_EVENTS_PER_TICK: usize = 6_000;
/// A tick never covers more than this much wall time (a throttled background tab).
pub const MAX_TICK_WALL_MS: f64 = 100.0;

/// Where the play loop stands: playing or not, the unrun fraction of a ms, and a console
/// `run` going on across frames.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlayClock {
    pub playing: bool,
    /// Simulated time past `now_ms` not yet run, in µs (the play loop moves in fractions of a ms).
    pub carry_us: u64,
    /// Events the last tick processed (the work cap in action).
    pub last_tick_events: usize,
    /// A console `run` still going on across frames.
    pub pending_run: Option<PendingRun>,
}

impl PlaygroundState {
    /// Simulated time including the fraction the play loop has not run yet, for animation.
    pub fn now_exact_ms(&self) -> f64 {
        self.views.cluster.now_ms as f64 + self.clock.carry_us as f64 / 1000.0
    }

    pub fn speed_factor(&self) -> f64 {
        SPEEDS[self.prefs.speed.min(SPEEDS.len() - 1)]
    }

    pub(super) fn tick(&mut self, wall_ms: f64) {
        if !self.clock.playing || !wall_ms.is_finite() || wall_ms <= 0.0 {
            return;
        }
        let sim_us = (wall_ms.min(MAX_TICK_WALL_MS) * self.effective_speed() * 1000.0) as u64;
        let total_us = self.clock.carry_us + sim_us;
        self.clock.carry_us = 0;
        let before = self.session.borrow().events().len();
        let left_us = if self.waits_for_a_record_to_leave() {
            self.advance_until_a_record_leaves(total_us, MAX_EVENTS_PER_TICK)
        } else {
            self.advance_by_us(total_us, MAX_EVENTS_PER_TICK)
        };
        // Whatever the cap cut off is dropped: the clock slows instead of the page.
        self.clock.carry_us = left_us.min(999);
        self.clock.last_tick_events = self.session.borrow().events().len() - before;
        self.stop_at_session_limits();
    }

    /// Advances by `us` of simulated time, in chunks, until the events processed pass
    /// `max_events`. Returns the µs not run: under 1 ms unless the cap or the session's
    /// time limit stopped it. Every loop here ends by work done, never by waiting for a
    /// clock that may not move.
    pub(super) fn advance_by_us(&mut self, us: u64, max_events: usize) -> u64 {
        let mut session = self.session.borrow_mut();
        let start_events = session.events().len();
        let end_us = session.now_ms() * 1000 + us;
        let end_ms = end_us / 1000;
        loop {
            let now = session.now_ms();
            if now >= end_ms || session.events().len() - start_events > max_events {
                break;
            }
            // Chunks of at most 50 ms keep the cap's granularity fine. In the past, time moves
            // by replaying the recording (a seek forward); past its end, it records again.
            let chunk_ms = end_ms.min(now + 50) - now;
            if session.is_live() {
                session.advance(chunk_ms);
            } else {
                session.seek(now + chunk_ms);
            }
            if session.now_ms() == now {
                // The session's time limit: the clock cannot move, so waiting for it to
                // reach `end_ms` would spin for ever.
                break;
            }
        }
        end_us.saturating_sub(session.now_ms() * 1000)
    }

    /// At the session's time or size limit playing stops, and the page says why and what
    /// to do.
    pub(super) fn stop_at_session_limits(&mut self) {
        let session = self.session.borrow();
        let limit = if session.now_ms() >= MAX_SESSION_MS {
            format!("its {} limit of simulated time", format_duration(MAX_SESSION_MS))
        } else if session.is_live() && session.is_full() {
            format!("the most events this page keeps in memory ({MAX_SESSION_EVENTS})")
        } else {
            return;
        };
        drop(session);
        self.clock.playing = false;
        self.clock.carry_us = 0;
        let text = format!(
            "The session reached {limit}; time stops here. Go back on the timeline, export it (kafka-sim runs it further), or start over."
        );
        self.messages.show(Field::Clock, false, text);
    }
}

#[cfg(test)]
mod tests {
    use crate::script::session::{Session, MAX_SESSION_MS};
    use crate::ui::state::{statement, Action, Field, PlaygroundState};

    #[test]
    fn play_advances_by_wall_time_times_speed_in_fractions_of_a_ms() {
        let mut state = PlaygroundState::default();
        let start = state.now_ms();
        state.apply(Action::Tick { wall_ms: 16.0 });
        assert_eq!(state.now_ms(), start, "paused");
        state.apply(Action::SetPlaying(true));
        state.apply(Action::SetSpeed(0));
        for _ in 0..10 {
            state.apply(Action::Tick { wall_ms: 50.0 }); // 0.5 ms each at 0.01×
        }
        assert_eq!(state.now_ms(), start + 5);
        state.apply(Action::SetSpeed(4)); // 1×
        state.apply(Action::Tick { wall_ms: 20.0 });
        assert_eq!(state.now_ms(), start + 25);
    }

    /// The freeze a class hit: playing into the session's time limit spun for ever waiting
    /// for a clock the limit had stopped. Now the tick returns, playing stops, and the
    /// page says why; every later tick, step and advance returns at once too.
    #[test]
    fn playing_into_the_time_limit_stops_playing_and_says_so() {
        let mut state = PlaygroundState::default();
        let line = format!("run {}ms", MAX_SESSION_MS - 2_000 - state.now_ms());
        state.apply(Action::Console { line });
        while state.clock.pending_run.is_some() {
            state.apply(Action::Tick { wall_ms: 16.0 });
        }
        assert!(state.field_message(Field::Console).unwrap().0);
        state.apply(Action::SetSpeed(super::SPEEDS.len() - 1)); // 1000×
        state.apply(Action::SetPlaying(true));
        for _ in 0..10 {
            state.apply(Action::Tick { wall_ms: 100.0 });
        }
        assert_eq!(state.now_ms(), MAX_SESSION_MS);
        assert!(!state.clock.playing, "playing stops at the limit");
        let (ok, text) = state.field_message(Field::Clock).expect("the page says why time stopped");
        assert!(!ok && text.contains("8h limit"), "{text}");
        state.apply(Action::SetPlaying(true));
        state.apply(Action::Tick { wall_ms: 100.0 });
        state.apply(Action::Advance { ms: 1_000 });
        state.apply(Action::StepEvent);
        assert_eq!(state.now_ms(), MAX_SESSION_MS);
        assert!(!state.clock.playing);
    }

    /// A steady rate is one logged command: its records are sent by the cluster, so the
    /// export stays a few lines however long it runs, and replays to the same trace.
    #[test]
    fn a_steady_rate_is_one_command_that_exports_and_replays() {
        let mut state = PlaygroundState::default();
        state.apply(Action::Run { statement: statement("steady-rate orders 100 acks=all"), field: Field::Rate });
        assert_eq!(state.views.rate, Some(100));
        state.apply(Action::Advance { ms: 60_000 });
        let sent: usize = state.views.clients.iter().filter(|c| c.is_producer).map(|c| c.records.len()).sum();
        assert!(sent > 0);
        let script = state.export_script();
        assert_eq!(script.matches("steady-rate orders 100 acks=all").count(), 1, "{script}");
        assert!(!script.contains("produce "), "{script}");
        assert!(script.len() < 400, "{} bytes: {script}", script.len());
        let again = Session::from_script(&script).unwrap();
        assert_eq!(again.trace_hash(), state.trace_hash());
        assert_eq!(again.cluster().is_acked("r5990"), Ok(true));
        state.apply(Action::Run { statement: statement("steady-rate off"), field: Field::Rate });
        assert_eq!(state.views.rate, None);
    }

    /// Memory is bounded too: a session that reaches the most events the page keeps stops
    /// there and says so, instead of the tab running out of memory (a fuzzer found a tab
    /// that played a fast steady rate for long dying with `unreachable`).
    #[test]
    fn playing_into_the_size_limit_stops_playing_and_says_so() {
        let mut state = PlaygroundState::default();
        state.session.borrow_mut().set_event_limit(20_000);
        state.apply(Action::Run { statement: statement("steady-rate orders 1000"), field: Field::Rate });
        state.apply(Action::SetSpeed(super::SPEEDS.len() - 1));
        state.apply(Action::SetPlaying(true));
        for _ in 0..200 {
            state.apply(Action::Tick { wall_ms: 100.0 });
        }
        assert!(!state.clock.playing, "playing stops at the limit");
        let (ok, text) = state.field_message(Field::Clock).expect("the page says why time stopped");
        assert!(!ok && text.contains("events this page keeps"), "{text}");
        let (events, now) = (state.session().events().len(), state.now_ms());
        assert!((20_000..21_000).contains(&events), "{events}");
        state.apply(Action::Advance { ms: 1_000 });
        state.apply(Action::StepEvent);
        assert_eq!((state.session().events().len(), state.now_ms()), (events, now));
        let line = "run 1s".to_string();
        assert!(state.session.borrow_mut().execute(&line).is_err(), "a run is refused at the limit");
    }
}
