//! The steady-rate producer: a record every `1 / per_second` of simulated time, sent as an
//! ordinary `produce` line so a session with a rate running still exports as a plain script.
//! Advancing time goes through `advance_with_rate`, which stops at each record's due time;
//! it lives here because the rate is what decides where those stops fall.
use std::rc::Rc;

use crate::script::session::Session;
use crate::ui::state::PlaygroundState;

/// A producer sending at a steady rate: record `prefix-N` every `interval_us` of simulated time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SteadyRate {
    pub topic: String,
    pub per_second: u32,
    pub acks: String,
    /// Simulated time of the next record, in µs.
    pub next_due_us: u64,
    pub sent: u64,
}

impl PlaygroundState {
    /// Advances by `us` of simulated time, sending the steady rate's records when due (at
    /// the first whole ms at or after their time), until the events processed pass
    /// `max_events`. Returns the µs not run: under 1 ms unless the cap stopped it.
    pub(super) fn advance_with_rate(&mut self, us: u64, max_events: usize) -> u64 {
        let cell = Rc::clone(&self.session);
        let mut session = cell.borrow_mut();
        let start_events = session.events().len();
        let end_us = session.now_ms() * 1000 + us;
        let end_ms = end_us / 1000;
        loop {
            let now = session.now_ms();
            self.send_due(&mut session, now);
            if now >= end_ms || session.events().len() - start_events > max_events {
                break;
            }
            // Chunks of at most 50 ms keep the cap's granularity fine.
            let mut target = end_ms.min(now + 50);
            if let Some(rate) = &self.rate {
                target = target.min(rate.next_due_us.div_ceil(1000).max(now + 1));
            }
            session.advance(target - now);
        }
        end_us.saturating_sub(session.now_ms() * 1000)
    }

    fn send_due(&mut self, session: &mut Session, now_ms: u64) {
        while let Some(rate) = self.rate.as_mut() {
            if rate.next_due_us > now_ms * 1000 {
                return;
            }
            rate.sent += 1;
            rate.next_due_us += 1_000_000 / u64::from(rate.per_second.max(1));
            let line = format!("produce {} r{} acks={}", rate.topic, rate.sent, rate.acks);
            if let Err(e) = session.execute(&line) {
                Rc::make_mut(&mut self.field_messages).insert("rate".into(), (false, format!("{line}: {e}")));
                self.rate = None;
            }
        }
    }

    pub(super) fn start_rate(&mut self, topic: String, per_second: u32, acks: String) {
        let per_second = per_second.clamp(1, 1000);
        let now_us = self.session.borrow().now_ms() * 1000;
        let sent = self.rate.as_ref().map_or(0, |r| r.sent);
        self.rate = Some(SteadyRate { topic, per_second, acks, next_due_us: now_us, sent });
    }
}

#[cfg(test)]
mod tests {
    use crate::script::session::Session;
    use crate::ui::state::{Action, PlaygroundState};

    #[test]
    fn a_steady_rate_sends_records_at_simulated_times_and_exports_them() {
        let mut state = PlaygroundState::default();
        state.apply(Action::StartRate { topic: "orders".into(), per_second: 100, acks: "all".into() });
        state.apply(Action::Advance { ms: 1000 });
        let records: usize = state.clients.iter().filter(|c| c.is_producer).map(|c| c.records.len()).sum();
        assert!(records > 0);
        let script = state.export_script();
        assert!(script.contains("produce orders r100 acks=all"), "{script}");
        assert!(!script.contains("produce orders r102 "), "{script}");
        let again = Session::from_script(&script).unwrap();
        assert_eq!(again.trace_hash(), state.trace_hash());
    }
}
