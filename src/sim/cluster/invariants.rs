//! The simulator's own invariants, asserted after every step and every command in debug
//! builds (the test profile keeps debug assertions, so the scenarios and seed sweeps run
//! them all). Unlike the safety checker's properties they hold on every run, safe
//! settings or not: one firing is a bug in the simulator, not a Kafka anomaly to teach.
use super::Cluster;

impl Cluster {
    pub(super) fn assert_invariants(&self, start: usize) {
        self.assert_time_moves_forward(start);
        self.assert_hw_within_log();
        self.assert_leaders_in_isr();
    }

    /// Events happen in time order and never after the clock (the queue never fires in
    /// the past: `step` asserts that).
    fn assert_time_moves_forward(&self, start: usize) {
        let mut previous = start.checked_sub(1).map_or(0, |i| self.events[i].at);
        for event in &self.events[start..] {
            assert!(event.at >= previous && event.at <= self.now, "event at {} out of order: {event:?}", event.at);
            previous = event.at;
        }
    }

    /// Every replica's HW, and the HW it checkpointed, are within its log: offsets below
    /// the HW are committed, so they must exist (a follower takes min(leader HW, own LEO),
    /// a truncation and a power-off cut the HW back with the log).
    fn assert_hw_within_log(&self) {
        for broker in self.brokers.values() {
            for replica in broker.replicas.values() {
                let leo = replica.log.leo();
                assert!(
                    replica.hw <= leo && replica.hw_checkpoint <= leo,
                    "broker {}'s replica of {} has HW {} (checkpoint {}) past its LEO {leo}",
                    broker.id,
                    self.partition_name(replica.partition),
                    replica.hw,
                    replica.hw_checkpoint
                );
            }
        }
    }

    /// The committed leader is in the committed ISR (the TLA+ spec's `LeaderInIsr`): a
    /// clean election picks from the ISR, an unclean one makes the ISR just the new leader,
    /// an ISR change must keep the leader (`validate_alter_partition`), and an ISR never
    /// loses its last member. (With KIP-966's ELR, not modelled, the ISR may become empty
    /// while the last known leader stays: this would have to allow that.)
    fn assert_leaders_in_isr(&self) {
        for (index, state) in self.controller.image.partitions.iter().enumerate() {
            let Some(state) = state.as_deref() else { continue };
            if let Some(leader) = state.leader {
                assert!(state.in_isr(leader), "partition#{index}: leader {leader} is not in its ISR {:?}", state.isr);
            }
        }
    }
}
