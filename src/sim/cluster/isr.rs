//! The leader's ISR management runs on the broker that leads (`sim/leader_isr.rs`; the
//! ISR check timer and a follower's fetch reach it there too): the controller's answer to
//! an AlterPartition is handed to it here.
use super::Cluster;
use crate::sim::ids::BrokerId;
use crate::sim::message::AlterPartitionResponse;

impl Cluster {
    pub(crate) fn leader_handle_alter_partition_response(&mut self, id: BrokerId, response: AlterPartitionResponse) {
        self.with_broker(id, |broker, cx| broker.on_alter_partition_response(&response, cx));
    }
}
