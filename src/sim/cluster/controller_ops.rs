//! The active controller's side: registrations, heartbeats and fencing, AlterPartition,
//! committing metadata and pushing it to brokers, and controller failover.
use super::Cluster;
use crate::sim::controller::partition_change::ChangeRequest;
use crate::sim::controller::BrokerSession;
use crate::sim::event::{ControllerIsrReason, EventKind, FenceReason};
use crate::sim::ids::{BrokerId, NodeId};
use crate::sim::message::{
    AlterPartition, AlterPartitionError, AlterPartitionResponse, Heartbeat, HeartbeatResponse, Message, Registration,
};
use crate::sim::metadata::MetadataRecord;
use crate::sim::queue::Timer;

impl Cluster {
    /// Commits records to the metadata log and pushes them to every live broker.
    pub(crate) fn controller_commit(&mut self, records: Vec<MetadataRecord>) {
        self.controller.commit(records);
        self.push_metadata();
    }

    fn push_metadata(&mut self) {
        let end = self.controller.log_end();
        let targets: Vec<(BrokerId, u64)> = self
            .controller
            .sessions
            .iter()
            .filter(|(_, s)| s.pushed_offset < end)
            .map(|(b, s)| (*b, s.pushed_offset))
            .collect();
        for (broker, from) in targets {
            if !self.brokers.get(&broker).is_some_and(|b| b.is_alive() && b.registered) {
                continue;
            }
            let records = self.controller.records_from(from);
            if let Some(session) = self.controller.sessions.get_mut(&broker) {
                session.pushed_offset = end;
            }
            self.send(NodeId::Controller, NodeId::Broker(broker), Message::MetadataPush { records });
        }
    }

    /// Setup path (`brokers N`, `broker add`): the broker is registered and unfenced at once.
    pub(crate) fn controller_register_new_broker(&mut self, id: BrokerId, rack: Option<String>) {
        let session =
            BrokerSession { incarnation: 1, last_heartbeat_ms: self.now, metadata_offset: 0, pushed_offset: 0 };
        self.controller.sessions.insert(id, session);
        self.controller_commit(vec![MetadataRecord::RegisterBroker { broker: id, rack }]);
        self.arm_session_expiry();
    }

    pub(crate) fn controller_handle_registration(&mut self, registration: Registration) {
        let Registration { request, broker, incarnation, clean_shutdown } = registration;
        if self.old_session_still_valid(broker, incarnation) {
            // `ClusterControlManager.registerBroker`: DuplicateBrokerRegistrationException. The
            // broker tries again every broker.heartbeat.interval.ms (its heartbeat timer).
            self.net.answered(request);
            self.emit(EventKind::RegistrationRefused { broker });
            return;
        }
        let session = BrokerSession { incarnation, last_heartbeat_ms: self.now, metadata_offset: 0, pushed_offset: 0 };
        self.controller.sessions.insert(broker, session);
        self.emit(EventKind::BrokerRegistered { broker, clean_shutdown });
        let already_fenced = self.controller.image.brokers.get(&broker).is_none_or(|b| b.fenced);
        if !already_fenced {
            // The old incarnation is gone: fence it before the new one catches up.
            self.controller_commit(vec![MetadataRecord::BrokerFencing { broker, fenced: true }]);
            self.emit(EventKind::BrokerFenced { broker, reason: FenceReason::Reregistered });
        }
        // `ClusterControlManager.registerBroker` → `handleBrokerShutdown`, one change per
        // partition: after an unclean shutdown (KIP-966) the broker may have lost records it
        // acknowledged, so it leaves every ISR and ELR and must catch up again.
        if !clean_shutdown {
            self.remove_from_isrs(broker, ControllerIsrReason::UncleanRestart);
        } else if !already_fenced {
            self.remove_from_isrs(broker, ControllerIsrReason::Fenced);
        }
        let end = self.controller.log_end();
        if let Some(s) = self.controller.sessions.get_mut(&broker) {
            s.pushed_offset = end;
        }
        let response = HeartbeatResponse {
            request,
            fenced: true,
            should_shut_down: false,
            records: self.controller.records_from(0),
        };
        self.send(NodeId::Controller, NodeId::Broker(broker), Message::HeartbeatResponse(response));
        self.arm_session_expiry();
    }

    pub(crate) fn controller_handle_heartbeat(&mut self, heartbeat: Heartbeat) {
        let Heartbeat { broker, incarnation, metadata_offset, want_shutdown, .. } = heartbeat;
        let known = self.controller.sessions.get(&broker).is_some_and(|s| s.incarnation == incarnation);
        if !known {
            return;
        }
        if let Some(s) = self.controller.sessions.get_mut(&broker) {
            s.last_heartbeat_ms = self.now;
            s.metadata_offset = metadata_offset;
        }
        let registration = self.controller.image.brokers.get(&broker).cloned();
        let Some(registration) = registration else { return };
        if want_shutdown && !registration.shutting_down && !registration.fenced {
            self.begin_controlled_shutdown(broker);
        }
        let caught_up = metadata_offset >= self.controller.log_end();
        if registration.fenced && !want_shutdown && caught_up {
            self.unfence_broker(broker);
        }
        let leads_nothing = self.controller.image.partitions.iter().flatten().all(|s| s.leader != Some(broker));
        let should_shut_down = want_shutdown && leads_nothing;
        if should_shut_down && !self.controller.image.brokers.get(&broker).is_none_or(|b| b.fenced) {
            self.fence_broker(broker, FenceReason::ShutDown);
        }
        let fenced = self.controller.image.brokers.get(&broker).is_none_or(|b| b.fenced);
        let records = self.controller.records_from(metadata_offset);
        let response = HeartbeatResponse { request: heartbeat.request, fenced, should_shut_down, records };
        self.send(NodeId::Controller, NodeId::Broker(broker), Message::HeartbeatResponse(response));
    }

    pub(crate) fn on_session_expiry_timer(&mut self) {
        self.controller.expiry_armed = None;
        if self.controller.active.is_none() {
            return;
        }
        let timeout = self.config.broker_session_timeout_ms;
        let expired: Vec<BrokerId> = self
            .controller
            .sessions
            .iter()
            .filter(|(b, s)| self.now >= s.last_heartbeat_ms + timeout && self.is_unfenced(**b))
            .map(|(b, _)| *b)
            .collect();
        for broker in expired {
            self.fence_broker(broker, FenceReason::SessionExpired);
        }
        self.arm_session_expiry();
    }

    fn is_unfenced(&self, broker: BrokerId) -> bool {
        self.controller.image.brokers.get(&broker).is_some_and(|b| !b.fenced)
    }

    /// A new process of `broker` while the controller still holds a live session of an older
    /// one: unfenced, heard from within broker.session.timeout.ms (`hasValidSession`).
    fn old_session_still_valid(&self, broker: BrokerId, incarnation: u32) -> bool {
        let timeout = self.config.broker_session_timeout_ms;
        let session = self.controller.sessions.get(&broker);
        let valid = session.is_some_and(|s| s.incarnation != incarnation && s.last_heartbeat_ms + timeout >= self.now);
        valid && self.is_unfenced(broker)
    }

    /// Schedules the next session check at the earliest expiry of an unfenced broker.
    pub(crate) fn arm_session_expiry(&mut self) {
        if self.controller.active.is_none() {
            return;
        }
        let timeout = self.config.broker_session_timeout_ms;
        let next = self
            .controller
            .sessions
            .iter()
            .filter(|(b, _)| self.is_unfenced(**b))
            .map(|(_, s)| s.last_heartbeat_ms + timeout)
            .min();
        let Some(next) = next else { return };
        if self.controller.expiry_armed.is_some_and(|armed| armed <= next) {
            return;
        }
        self.controller.expiry_armed = Some(next);
        self.schedule(next.max(self.now), Timer::SessionExpiry);
    }

    pub(crate) fn controller_handle_alter_partition(&mut self, request: AlterPartition) {
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
        // ends the partition's RECOVERING state.
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

    /// The active controller is gone (crashed, or the quorum lost its majority).
    pub(crate) fn deactivate_controller(&mut self) {
        self.controller.active = None;
        self.controller.term += 1;
        self.controller.expiry_armed = None;
        self.break_connections_of(NodeId::Controller);
        if !self.controller.has_majority() {
            self.emit(EventKind::QuorumLost);
        }
        self.maybe_schedule_controller_election();
    }

    pub(crate) fn maybe_schedule_controller_election(&mut self) {
        if self.controller.active.is_some() || self.controller.election_due.is_some() || !self.controller.has_majority()
        {
            return;
        }
        // The voters notice the active controller is gone when their fetches to it have gone
        // unanswered for controller.quorum.fetch.timeout.ms (KafkaRaftClient.pollFollowerAsVoter),
        // and only then elect; the vote itself is quick on this network.
        let due = self.now.saturating_add(self.config.controller_quorum_fetch_timeout_ms);
        self.controller.election_due = Some(due);
        self.schedule(due, Timer::ControllerElection);
    }

    pub(crate) fn on_controller_election(&mut self) {
        self.controller.election_due = None;
        if self.controller.active.is_some() {
            return;
        }
        let Some(winner) = self.controller.election_winner() else { return };
        self.controller.active = Some(winner);
        self.controller.term += 1;
        // A new active controller gives every broker a fresh session (as Kafka's
        // BrokerHeartbeatManager starts empty), so failover fences no one by itself.
        let now = self.now;
        for session in self.controller.sessions.values_mut() {
            session.last_heartbeat_ms = now;
            session.pushed_offset = session.metadata_offset;
        }
        self.emit(EventKind::ControllerActivated { node: winner });
        self.push_metadata();
        self.elect_offline_partitions();
        self.arm_session_expiry();
    }
}
