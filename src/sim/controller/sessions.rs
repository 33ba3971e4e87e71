//! The active controller's side of broker sessions (`ClusterControlManager`,
//! `BrokerHeartbeatManager`): registrations, heartbeats, fencing a broker whose session
//! expired, unfencing one caught up with its registration, and a controlled shutdown from
//! its start to its go-ahead.
use crate::sim::controller::broker_state::{next_state, BrokerControlState, HeartbeatFacts};
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
        let session = BrokerSession::new(1, self.now, self.controller.log_end());
        self.controller.sessions.insert(id, session);
        self.controller_commit(vec![MetadataRecord::RegisterBroker { broker: id, rack, fenced: false }]);
        self.arm_session_expiry();
    }

    /// A broker's new life registers (`ClusterControlManager.registerBroker`): refused while
    /// the old life's session is valid; else a fresh session and a registration record,
    /// fenced until the broker has applied that record, and the whole metadata log in the
    /// answer.
    pub(crate) fn on_registration(&mut self, registration: Registration) {
        let Registration { request, broker, incarnation, clean_shutdown } = registration;
        if self.old_session_still_valid(broker, incarnation) {
            // `ClusterControlManager.registerBroker`: DuplicateBrokerRegistrationException. The
            // broker tries again every broker.heartbeat.interval.ms (its heartbeat timer).
            self.forget(request);
            self.emit(EventKind::RegistrationRefused { broker });
            return;
        }
        self.controller.sessions.insert(broker, BrokerSession::new(incarnation, self.now, 0));
        self.emit(EventKind::BrokerRegistered { broker, clean_shutdown });
        let known = self.controller.image.brokers.get(&broker).cloned();
        let already_fenced = known.as_ref().is_none_or(|b| b.fenced);
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
        // The new life's `RegisterBrokerRecord`, after those changes as in Kafka's batch;
        // its offset is what the broker must reach to be unfenced.
        let rack = known.and_then(|b| b.rack);
        let registration_offset = self.controller.log_end();
        self.controller_commit(vec![MetadataRecord::RegisterBroker { broker, rack, fenced: true }]);
        let end = self.controller.log_end();
        if let Some(s) = self.controller.sessions.get_mut(&broker) {
            s.pushed_offset = end;
            s.registration_offset = registration_offset;
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

    /// A heartbeat (`ReplicationControlManager.processBrokerHeartbeat`): where it takes the
    /// broker (`BrokerHeartbeatManager.calculateNextBrokerState`), the records of that
    /// change, the session renewed (`touch`), and an answer with the metadata it lacks.
    pub(crate) fn on_heartbeat(&mut self, heartbeat: Heartbeat) {
        let Heartbeat { request, broker, incarnation, metadata_offset, want_shutdown } = heartbeat;
        let session = self.controller.sessions.get(&broker).filter(|s| s.incarnation == incarnation).cloned();
        let Some(session) = session else { return };
        let Some(registration) = self.controller.image.brokers.get(&broker).cloned() else {
            self.touch(broker, metadata_offset, false);
            return;
        };
        let current = BrokerControlState::current(registration.fenced, session.shutdown_offset);
        let facts = HeartbeatFacts {
            want_shutdown,
            metadata_offset,
            registration_offset: session.registration_offset,
            has_leaderships: self.has_leaderships(broker),
            shutdown_offset: session.shutdown_offset,
            lowest_active_offset: self.lowest_active_offset(),
        };
        let next = next_state(current, &facts);
        if next != current {
            self.enter_state(broker, next, registration.fenced);
        }
        self.touch(broker, metadata_offset, next.fenced());
        if next == BrokerControlState::ControlledShutdown {
            // `maybeUpdateControlledShutdownOffset` with the end of this heartbeat's batch,
            // kept from the first one: the records that moved its leaderships.
            let last = self.controller.log_end().saturating_sub(1);
            if let Some(s) = self.controller.sessions.get_mut(&broker) {
                s.shutdown_offset.get_or_insert(last);
            }
        }
        let records = self.controller.records_from(metadata_offset);
        let should_shut_down = next.should_shut_down();
        let response = HeartbeatResponse { request, fenced: next.fenced(), should_shut_down, records };
        self.send(NodeId::Controller, NodeId::Broker(broker), Message::HeartbeatResponse(response));
    }

    /// The records of a change of state (`processBrokerHeartbeat`'s switch). A broker
    /// already fenced (its session expired during a controlled shutdown) is not fenced
    /// again: Kafka writes a second fencing record that changes nothing.
    fn enter_state(&mut self, broker: BrokerId, next: BrokerControlState, fenced: bool) {
        match next {
            BrokerControlState::Fenced | BrokerControlState::ShutdownNow if !fenced => {
                self.fence_broker(broker, FenceReason::ShutDown);
            }
            BrokerControlState::Unfenced => self.unfence_broker(broker),
            BrokerControlState::ControlledShutdown => self.begin_controlled_shutdown(broker),
            _ => {}
        }
    }

    /// `BrokerHeartbeatManager.touch`: the session is renewed with the offset the broker
    /// reported; a fenced broker leaves controlled shutdown.
    fn touch(&mut self, broker: BrokerId, metadata_offset: u64, fenced: bool) {
        let now = self.now;
        if let Some(s) = self.controller.sessions.get_mut(&broker) {
            s.last_heartbeat_ms = now;
            s.metadata_offset = metadata_offset;
            if fenced {
                s.shutdown_offset = None;
            }
        }
    }

    /// `BrokerToIsrs.hasLeaderships`.
    fn has_leaderships(&self, broker: BrokerId) -> bool {
        self.controller.image.partitions.iter().flatten().any(|s| s.leader == Some(broker))
    }

    /// `BrokerHeartbeatManager.lowestActiveOffset`: the fewest records an active broker
    /// (unfenced, not in controlled shutdown) has reported applying; `u64::MAX` with none.
    fn lowest_active_offset(&self) -> u64 {
        let sessions = self.controller.sessions.iter();
        let active = sessions.filter(|(b, s)| s.shutdown_offset.is_none() && self.is_unfenced(**b));
        active.map(|(_, s)| s.metadata_offset).min().unwrap_or(u64::MAX)
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
