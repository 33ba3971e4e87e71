//! The leader's ISR management runs on the broker that leads (`sim/leader_isr.rs`): these
//! hand it its `Ctx` from the cluster's timers and messages.
use super::Cluster;
use crate::sim::ids::{BrokerId, PartitionId};
use crate::sim::message::AlterPartitionResponse;

impl Cluster {
    /// A follower's fetch showed it caught up: it may rejoin the ISR.
    pub(crate) fn maybe_expand_isr(&mut self, id: BrokerId, partition: PartitionId, follower: BrokerId) {
        self.with_broker(id, |broker, cx| broker.maybe_expand_isr(partition, follower, cx));
    }

    pub(crate) fn leader_handle_alter_partition_response(&mut self, id: BrokerId, response: AlterPartitionResponse) {
        self.with_broker(id, |broker, cx| broker.on_alter_partition_response(&response, cx));
    }
}
