//! A broker's periodic work in each life: the heartbeat (`heartbeat.rs`), the ISR check
//! every replica.lag.time.max.ms / 2 (`ReplicaManager.startup` schedules `maybeShrinkIsr`),
//! and writing logs and the HW checkpoint to disk (`LogManager`'s flush,
//! `ReplicaManager.checkpointHighWatermarks`).
use crate::sim::broker::Broker;
use crate::sim::config::Config;
use crate::sim::ctx::Ctx;
use crate::sim::queue::Timer;

impl Broker {
    /// Arms the periodic timers of this life (a start or a restart).
    pub fn schedule_timers(&self, cx: &mut Ctx) {
        let (broker, incarnation, now) = (self.id, self.incarnation, cx.now);
        cx.schedule(now + cx.config.broker_heartbeat_interval_ms, Timer::Heartbeat { broker, incarnation });
        cx.schedule(now + isr_check_interval(cx.config), Timer::IsrCheck { broker, incarnation });
        cx.schedule(now + cx.config.flush_interval_ms, Timer::Flush { broker, incarnation });
    }

    pub fn on_flush_timer(&mut self, cx: &mut Ctx) {
        self.flush_logs();
        let next = cx.now + cx.config.flush_interval_ms;
        cx.schedule(next, Timer::Flush { broker: self.id, incarnation: self.incarnation });
    }

    /// Writes every log and the HW checkpoint to disk.
    pub fn flush_logs(&mut self) {
        for replica in self.replicas.values_mut() {
            replica.log.flush();
            replica.hw_checkpoint = replica.hw;
        }
    }

    pub fn on_isr_check_timer(&mut self, cx: &mut Ctx) {
        self.shrink_lagging_isrs(cx);
        let next = cx.now + isr_check_interval(cx.config);
        cx.schedule(next, Timer::IsrCheck { broker: self.id, incarnation: self.incarnation });
    }
}

/// Kafka runs the ISR expiration check every replica.lag.time.max.ms / 2.
fn isr_check_interval(config: &Config) -> u64 {
    (config.replica_lag_time_max_ms / 2).max(1)
}

#[cfg(test)]
#[path = "timers_tests.rs"]
mod tests;
