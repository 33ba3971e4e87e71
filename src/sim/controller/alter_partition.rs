//! A leader's AlterPartition (KIP-497), checked and committed by the active controller
//! (`ReplicationControlManager.alterPartition`).
use crate::sim::controller::context::ControllerCtx;
use crate::sim::controller::partition_change::ChangeRequest;
use crate::sim::ctx::Acts;
use crate::sim::event::EventKind;
use crate::sim::ids::NodeId;
use crate::sim::message::{AlterPartition, AlterPartitionError, AlterPartitionResponse, Message};

impl ControllerCtx<'_> {
    pub(crate) fn on_alter_partition(&mut self, request: AlterPartition) {
        let result = self.validate_alter_partition(&request);
        if result.is_ok() {
            self.commit_alter_partition(&request);
        }
        let response = AlterPartitionResponse { request: request.request, partition: request.partition, result };
        self.send(NodeId::Controller, NodeId::Broker(request.leader), Message::AlterPartitionResponse(response));
    }

    /// The leader's new ISR, through `PartitionChangeBuilder` like every change: a shrink
    /// below min ISR puts the removed followers in the ELR, an expansion back to it clears
    /// the ELR. The leader stays (it is in the ISR it asked for).
    fn commit_alter_partition(&mut self, request: &AlterPartition) {
        let partition = request.partition;
        let Some(old) = self.controller.image.partition(partition).cloned() else { return };
        // A leader marks itself recovered as it takes over (`Partition.makeLeader`), so its
        // AlterPartition always carries RECOVERED: the first one after an unclean election
        // ends the partition's RECOVERING state (KIP-704).
        let change_request =
            ChangeRequest { leader_recovered: true, ..self.change_request(partition, &old, request.new_isr.clone()) };
        let Some(change) = self.change_partition(&old, &change_request, None, None) else { return };
        let to = change.state.isr.as_slice().into();
        let from = old.isr.as_slice().into();
        let isr_changed = change.state.isr != old.isr;
        self.commit_change(partition, &old, change);
        if isr_changed {
            self.emit(EventKind::IsrChanged { partition, from, to });
        }
    }

    /// `ReplicationControlManager.alterPartition`'s checks.
    fn validate_alter_partition(&self, request: &AlterPartition) -> Result<(), AlterPartitionError> {
        let state = self.controller.image.partition(request.partition).ok_or(AlterPartitionError::NotLeader)?;
        if state.leader != Some(request.leader) {
            return Err(AlterPartitionError::NotLeader);
        }
        if request.leader_epoch != state.leader_epoch {
            return Err(AlterPartitionError::FencedLeaderEpoch);
        }
        if request.partition_epoch != state.partition_epoch {
            return Err(AlterPartitionError::InvalidUpdateVersion);
        }
        let added_ineligible = request
            .new_isr
            .iter()
            .any(|b| !state.in_isr(*b) && (!state.is_replica(*b) || !self.controller.image.is_isr_eligible(*b)));
        if added_ineligible || !request.new_isr.contains(&request.leader) {
            return Err(AlterPartitionError::IneligibleReplica);
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "alter_partition_tests.rs"]
mod tests;
