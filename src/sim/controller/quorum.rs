//! The controller quorum's failover: the active controller is lost (crashed, or the
//! quorum lost its majority), the voters notice and elect another (`KafkaRaftClient`), and
//! the new one takes over the brokers' sessions.
use crate::sim::controller::context::ControllerCtx;
use crate::sim::ctx::Acts;
use crate::sim::event::EventKind;
use crate::sim::ids::NodeId;
use crate::sim::queue::Timer;

impl ControllerCtx<'_> {
    /// The active controller is gone (crashed, or the quorum lost its majority).
    pub(crate) fn deactivate_controller(&mut self) {
        self.controller.active = None;
        self.controller.term += 1;
        self.controller.expiry_armed = None;
        self.break_connections(NodeId::Controller);
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
        // BrokerHeartbeatManager starts empty), so failover fences no one by itself. The
        // controlled shutdown offsets are soft state too (`ClusterControlManager.activate`):
        // a stopping broker that leads nothing is let go at its next heartbeat.
        let now = self.now;
        for session in self.controller.sessions.values_mut() {
            session.last_heartbeat_ms = now;
            session.pushed_offset = session.metadata_offset;
            session.shutdown_offset = None;
        }
        self.emit(EventKind::ControllerActivated { node: winner });
        self.push_metadata();
        self.elect_offline_partitions();
        self.arm_session_expiry();
    }
}

#[cfg(test)]
#[path = "quorum_tests.rs"]
mod tests;
