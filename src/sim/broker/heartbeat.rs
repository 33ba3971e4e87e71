//! A broker's conversation with the controller (`BrokerLifecycleManager`): register each
//! new life, then heartbeat every broker.heartbeat.interval.ms with the metadata offset it
//! has applied (so the controller can unfence it) and whether it wants to shut down; the
//! answer carries the metadata it lacks.
use crate::sim::broker::Broker;
use crate::sim::ctx::Ctx;
use crate::sim::event::EventKind;
use crate::sim::ids::NodeId;
use crate::sim::message::{Heartbeat, HeartbeatResponse, Message, Registration};
use crate::sim::queue::Timer;

/// `BrokerLifecycleManager`'s delay before the heartbeat that follows the controller's first
/// answer to a controlled shutdown that does not let the broker go yet.
pub const FIRST_PENDING_SHUTDOWN_HEARTBEAT_MS: u64 = 50;

impl Broker {
    /// The heartbeat timer: a registered broker heartbeats, one not registered yet (a
    /// refused registration) registers again.
    pub fn on_heartbeat_timer(&mut self, cx: &mut Ctx) {
        if self.registered {
            self.send_heartbeat(cx);
        } else {
            self.send_registration(cx);
        }
        let next = cx.now + cx.config.broker_heartbeat_interval_ms;
        cx.schedule(next, Timer::Heartbeat { broker: self.id, incarnation: self.incarnation });
    }

    /// `BrokerRegistrationRequest`: this life, and whether the last one ended cleanly
    /// (KIP-966: after an unclean one the controller takes it out of every ISR).
    pub fn send_registration(&self, cx: &mut Ctx) {
        let registration = Registration {
            request: cx.request_ids.allocate(),
            broker: self.id,
            incarnation: self.incarnation,
            clean_shutdown: self.last_shutdown_clean,
        };
        cx.send(NodeId::Broker(self.id), NodeId::Controller, Message::Registration(registration));
    }

    pub fn send_heartbeat(&self, cx: &mut Ctx) {
        let heartbeat = Heartbeat {
            request: cx.request_ids.allocate(),
            broker: self.id,
            incarnation: self.incarnation,
            metadata_offset: self.image.offset,
            want_shutdown: self.shutting_down,
        };
        cx.emit(EventKind::HeartbeatSent { broker: self.id });
        cx.send(NodeId::Broker(self.id), NodeId::Controller, Message::Heartbeat(heartbeat));
    }

    /// The controller's answer to a registration or a heartbeat: the metadata is applied
    /// (`roles.rs`). True when the controlled shutdown may finish now (the controller
    /// moved every leadership away); stopping the process is the cluster's.
    pub fn on_heartbeat_response(&mut self, response: &HeartbeatResponse, cx: &mut Ctx) -> bool {
        if !self.registered {
            // Registered: take up the roles the metadata gives, then heartbeat at once
            // with the caught-up metadata offset so the controller can unfence us.
            self.registered = true;
            self.apply_metadata(&response.records, cx);
            self.send_heartbeat(cx);
            return false;
        }
        self.apply_metadata(&response.records, cx);
        if self.shutting_down && !response.should_shut_down && !self.shutdown_answered {
            // `BrokerLifecycleManager`: after the first "not yet" the next heartbeat goes
            // 50 ms later, not a whole interval, in case the go-ahead comes quickly.
            self.shutdown_answered = true;
            let at = cx.now + FIRST_PENDING_SHUTDOWN_HEARTBEAT_MS;
            cx.schedule(at, Timer::ShutdownHeartbeat { broker: self.id, incarnation: self.incarnation });
        }
        response.should_shut_down && self.shutting_down
    }

    /// The heartbeat soon after the first "not yet". The regular heartbeat keeps its own
    /// cadence (Kafka's restarts from each answer: the phase differs, never the interval).
    pub fn on_shutdown_heartbeat_timer(&mut self, cx: &mut Ctx) {
        if self.registered && self.shutting_down {
            self.send_heartbeat(cx);
        }
    }
}

#[cfg(test)]
#[path = "heartbeat_tests.rs"]
mod tests;
