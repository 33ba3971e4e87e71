//! Slow motion, so a learner follows a record's trip by eye: at speeds up to real time, while
//! a record is on the wire (its produce, a fetch answer carrying it, the producer's ack), time
//! slows until each hop lasts `SLOW_MOTION_HOP_WALL_MS` on screen. Between trips time runs at
//! the chosen speed, a millisecond at a time, and the frame stops the moment a record leaves,
//! so no hop begins and ends unseen inside one frame. Off while a steady rate runs: records
//! are always on the wire then, and no single trip is followed.
use crate::ui::state::PlaygroundState;

/// How long one hop of a record's trip lasts on screen in slow motion, in wall ms.
pub const SLOW_MOTION_HOP_WALL_MS: f64 = 700.0;

impl PlaygroundState {
    /// Slow motion applies: a speed up to 1× and no steady rate.
    fn watches_records(&self) -> bool {
        self.speed_factor() <= 1.0 && self.views.rate.is_none()
    }

    /// The speed time runs at now: the chosen one, or slower while a record is on the wire.
    pub fn effective_speed(&self) -> f64 {
        let chosen = self.speed_factor();
        match self.views.record_hop_ms.filter(|_| self.watches_records()) {
            Some(hop_ms) => chosen.min(hop_ms as f64 / SLOW_MOTION_HOP_WALL_MS),
            None => chosen,
        }
    }

    /// Time is slowed down now to show a record on the wire.
    pub fn slow_motion(&self) -> bool {
        self.effective_speed() < self.speed_factor()
    }

    /// The next frame must stop when a record leaves: slow motion applies, none is on the
    /// wire yet, and the session is live (the past replays by seeking, in larger steps).
    pub(super) fn waits_for_a_record_to_leave(&self) -> bool {
        self.watches_records() && self.views.record_hop_ms.is_none() && self.views.live
    }

    /// Advances by up to `us` µs, a millisecond at a time, and stops once a record is on the
    /// wire (the rest of the frame is dropped: the next one runs in slow motion) or the events
    /// processed pass `max_events`. Returns the µs not run.
    pub(super) fn advance_until_a_record_leaves(&mut self, us: u64, max_events: usize) -> u64 {
        let mut session = self.session.borrow_mut();
        let start_events = session.events().len();
        let end_us = session.now_ms() * 1000 + us;
        while session.now_ms() < end_us / 1000 && session.events().len() - start_events <= max_events {
            let now = session.now_ms();
            session.advance(1);
            if session.now_ms() == now {
                break; // the session's time limit
            }
            if session.cluster().record_trip_hop_ms().is_some() {
                return 0;
            }
        }
        end_us.saturating_sub(session.now_ms() * 1000)
    }
}

#[cfg(test)]
mod tests {
    use crate::ui::state::{statement, Action, Field, PlaygroundState};

    /// Played at the default speed, one record's trip (produce, the followers' fetch
    /// answers, the ack) is on the wire in slow motion for most of the frames from the press
    /// to the ack; the idle fetch loop before it runs at real time.
    #[test]
    fn a_records_trip_plays_in_slow_motion_at_the_default_speed() {
        let mut state = PlaygroundState::default();
        state.apply(Action::SetPlaying(true));
        state.apply(Action::Tick { wall_ms: 16.0 });
        assert!(state.now_ms() >= 16, "idle time runs at 1×: {}", state.now_ms());
        assert!(!state.slow_motion());
        let produce = statement("produce orders-0 hello acks=all");
        state.apply(Action::Run { statement: produce, field: Field::Produce });
        let (mut frames, mut slowed) = (0, 0);
        while state.views.clients[0].records.last().is_some_and(|r| r.status == "pending") {
            state.apply(Action::Tick { wall_ms: 16.0 });
            frames += 1;
            slowed += usize::from(state.slow_motion());
            assert!(frames < 2_000, "the record is acked");
        }
        assert!(slowed * 2 >= frames, "{slowed} of {frames} frames in slow motion");
        assert!(frames > 3 * 700 / 16, "three hops of 700 ms: {frames} frames");
    }

    /// Under a steady rate records are always on the wire: no slow motion, time runs at 1×.
    #[test]
    fn a_steady_rate_plays_at_the_chosen_speed() {
        let mut state = PlaygroundState::default();
        state.apply(Action::Run { statement: statement("steady-rate orders 100"), field: Field::Rate });
        state.apply(Action::SetPlaying(true));
        let start = state.now_ms();
        for _ in 0..10 {
            state.apply(Action::Tick { wall_ms: 16.0 });
        }
        assert!(!state.slow_motion());
        assert!(state.now_ms() >= start + 150, "{} ms", state.now_ms() - start);
    }
}
