//! The active controller's side of broker sessions (`ClusterControlManager`,
//! `BrokerHeartbeatManager`): registrations, heartbeats, fencing a broker whose session
//! expired, unfencing one caught up, and the start of a controlled shutdown.
use crate::sim::controller::context::ControllerCtx;
use crate::sim::controller::BrokerSession;
use crate::sim::ctx::Acts;
use crate::sim::event::{ControllerIsrReason, EventKind, FenceReason};
use crate::sim::ids::{BrokerId, NodeId};
use crate::sim::message::{Heartbeat, HeartbeatResponse, Message, Registration};
use crate::sim::metadata::MetadataRecord;
use crate::sim::queue::Timer;

impl ControllerCtx<'_> {
    /// Setup path (`brokers N`, `broker add`): the broker is registered and unfenced at once.
    pub(crate) fn register_new_broker(&mut self, id: BrokerId, rack: Option<String>) {
        let session =
            BrokerSession { incarnation: 1, last_heartbeat_ms: self.now, metadata_offset: 0, pushed_offset: 0 };
        self.controller.sessions.insert(id, session);
        self.controller_commit(vec![MetadataRecord::RegisterBroker { broker: id, rack }]);
        self.arm_session_expiry();
    }

    /// A broker's new life registers (`ClusterControlManager.registerBroker`): refused while
    /// the old life's session is valid; else a fresh session, fenced until it catches up, and
    /// the whole metadata log in the answer.
    pub(crate) fn on_registration(&mut self, registration: Registration) {
        let Registration { request, broker, incarnation, clean_shutdown } = registration;
        if self.old_session_still_valid(broker, incarnation) {
            // `ClusterControlManager.registerBroker`: DuplicateBrokerRegistrationException. The
            // broker tries again every broker.heartbeat.interval.ms (its heartbeat timer).
            self.forget(request);
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

    /// A heartbeat (`ReplicationControlManager.processBrokerHeartbeat`): renews the session,
    /// starts a controlled shutdown asked for, unfences a broker caught up, and answers with
    /// the metadata the broker lacks.
    pub(crate) fn on_heartbeat(&mut self, heartbeat: Heartbeat) {
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
}

#[cfg(test)]
#[path = "sessions_tests.rs"]
mod tests;
