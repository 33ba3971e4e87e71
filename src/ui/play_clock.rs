//! The play loop's time accounting: how much simulated time a tick of wall time is worth at
//! the chosen speed, the sub-millisecond carry between ticks, and the cap on events per tick
//! that makes the clock fall behind rather than the page freeze. The wall clock itself (the
//! interval) lives in the `play_loop` component; this file only turns "this much wall time
//! passed" into simulated time, so the same ticks always give the same state.
use crate::ui::state::PlaygroundState;

/// How far one press of "+100 ms" advances simulated time.
pub const STEP_MS: u64 = 100;
/// The speeds on offer: 1.0 is real time.
pub const SPEEDS: [f64; 11] = [0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0];
/// The default speed: 0.01× makes a 1 ms network hop take 100 ms on screen.
pub const DEFAULT_SPEED: usize = 0;
/// The most events one play-loop tick may process: at 100× on a big cluster the clock then
/// falls behind real time rather than the page freezing.
pub const MAX_EVENTS_PER_TICK: usize = 6_000;
/// A tick never covers more than this much wall time (a throttled background tab).
pub const MAX_TICK_WALL_MS: f64 = 100.0;

impl PlaygroundState {
    /// Simulated time including the fraction the play loop has not run yet, for animation.
    pub fn now_exact_ms(&self) -> f64 {
        self.view.now_ms as f64 + self.carry_us as f64 / 1000.0
    }

    pub fn speed_factor(&self) -> f64 {
        SPEEDS[self.speed.min(SPEEDS.len() - 1)]
    }

    pub(super) fn tick(&mut self, wall_ms: f64) {
        if !self.playing || !wall_ms.is_finite() || wall_ms <= 0.0 {
            return;
        }
        let sim_us = (wall_ms.min(MAX_TICK_WALL_MS) * self.speed_factor() * 1000.0) as u64;
        let total_us = self.carry_us + sim_us;
        self.carry_us = 0;
        let before = self.session.borrow().events().len();
        let left_us = self.advance_with_rate(total_us, MAX_EVENTS_PER_TICK);
        // Whatever the cap cut off is dropped: the clock slows instead of the page.
        self.carry_us = left_us.min(999);
        self.last_tick_events = self.session.borrow().events().len() - before;
    }
}

#[cfg(test)]
mod tests {
    use crate::ui::state::{Action, PlaygroundState};

    #[test]
    fn play_advances_by_wall_time_times_speed_in_fractions_of_a_ms() {
        let mut state = PlaygroundState::default();
        let start = state.now_ms();
        state.apply(Action::Tick { wall_ms: 16.0 });
        assert_eq!(state.now_ms(), start, "paused");
        state.apply(Action::SetPlaying(true));
        for _ in 0..10 {
            state.apply(Action::Tick { wall_ms: 50.0 }); // 0.5 ms each at 0.01×
        }
        assert_eq!(state.now_ms(), start + 5);
        state.apply(Action::SetSpeed(4)); // 1×
        state.apply(Action::Tick { wall_ms: 20.0 });
        assert_eq!(state.now_ms(), start + 25);
    }
}
