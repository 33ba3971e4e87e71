//! The leader's HW rule (`Partition.maybeIncrementLeaderHW`), which then completes the
//! acks=all writes a new HW settles (`delayed_produce.rs`), on the broker
//! that leads: it reads its own metadata image (which followers are eligible) and its
//! replica's leader state, and leaves events and answers in the `Ctx`'s outbox.
use crate::sim::broker::Broker;
use crate::sim::ctx::Ctx;
use crate::sim::event::EventKind;
use crate::sim::ids::PartitionId;

impl Broker {
    /// Advances the partition's HW as far as the rules allow (KAFKA-RULES.md, "Fetch, LEO
    /// and HW": the smallest LEO among the leader, every maximal-ISR member and every
    /// caught-up ISR-eligible follower; never down; from Kafka 3.7 not at all while the
    /// ISR is below min-ISR), then answers the acks=all writes it now covers and the consumer
    /// fetches held until the HW passed their offset.
    pub fn maybe_advance_hw(&mut self, partition: PartitionId, cx: &mut Ctx) {
        let (id, image) = (self.id, &self.image);
        let Some(replica) = self.replicas.get_mut(&partition) else { return };
        let leo = replica.log.leo();
        let Some(state) = replica.leader_state() else { return };
        let lag_ms = cx.config.replica_lag_time_max_ms;
        let Some(candidate) = state.hw_candidate(leo, cx.now, lag_ms, |b| image.is_isr_eligible(b)) else { return };
        if candidate <= replica.hw {
            return;
        }
        let old = replica.hw;
        replica.hw = candidate;
        let epoch = replica.epoch;
        cx.emit(EventKind::HighWatermarkAdvanced { broker: id, partition, from: old, to: candidate, epoch });
        self.complete_delayed_produces(partition, cx);
        // A new HW may complete the consumer fetches held for it (`maybeIncrementLeaderHW`
        // → `tryCompleteDelayedRequests` → the fetch purgatory).
        self.try_complete_consumer_fetches(partition, cx);
    }
}

#[cfg(test)]
#[path = "leader_hw_tests.rs"]
mod tests;
