//! The leader's purgatory timer (`DelayedOperationPurgatory`'s expiration reaper): the
//! acks=all writes and the followers' and consumers' fetches a leading broker holds each have a deadline;
//! one timer per broker, armed at the earliest, answers what has expired.
use crate::sim::broker::Broker;
use crate::sim::ctx::Ctx;
use crate::sim::queue::Timer;

impl Broker {
    /// Makes sure the purgatory check runs by `deadline` (a new parked write or fetch):
    /// nothing to do when a check is already due no later.
    pub fn arm_purgatory_at(&mut self, deadline: u64, cx: &mut Ctx) {
        // Checks are never armed further out than one fetch wait: a far deadline (an
        // acks=all write's 30 s) would otherwise leave a stale timer behind every time a
        // nearer one (a parked fetch's 500 ms) is armed, and the queue would grow.
        let deadline = deadline.min(cx.now + cx.config.replica_fetch_wait_max_ms.max(1));
        if self.purgatory_armed.is_some_and(|armed| armed <= deadline && armed >= cx.now) {
            return;
        }
        self.purgatory_armed = Some(deadline);
        cx.schedule(deadline, Timer::LeaderPurgatory { broker: self.id, incarnation: self.incarnation });
    }

    /// Schedules the purgatory check at the earliest deadline of a parked write or fetch.
    fn arm_purgatory(&mut self, cx: &mut Ctx) {
        let produce_deadlines = self.delayed_produces.iter().map(|d| d.deadline);
        let fetch_deadlines = self.parked_fetches.iter().map(|f| f.deadline);
        let consumer_deadlines = self.parked_consumer_fetches.iter().map(|f| f.deadline);
        let Some(next) = produce_deadlines.chain(fetch_deadlines).chain(consumer_deadlines).min() else { return };
        self.arm_purgatory_at(next, cx);
    }

    /// The check is due: answer what expired, then arm the next check.
    pub fn on_purgatory_timer(&mut self, cx: &mut Ctx) {
        self.purgatory_armed = None;
        self.expire_delayed_produces(cx);
        self.expire_parked_fetches(cx);
        self.expire_consumer_fetches(cx);
        self.arm_purgatory(cx);
    }
}

#[cfg(test)]
#[path = "purgatory_tests.rs"]
mod tests;
