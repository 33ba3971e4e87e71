//! Where a broker's heartbeat takes it (`BrokerHeartbeatManager.calculateNextBrokerState`
//! and `BrokerControlState`): fenced, unfenced, in controlled shutdown, or told to shut down
//! now. Pure, so the rules are tested without a controller.
//!
//! Offsets here count records, as everywhere in the simulator: a broker reporting
//! `metadata_offset` n has applied the records at offsets 0..n. Kafka's brokers report the
//! offset of the last record they applied (n - 1), so Kafka's `a <= reported` is our
//! `a < metadata_offset`.

/// `BrokerControlState`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrokerControlState {
    Fenced,
    Unfenced,
    /// Unfenced, leaderships moved away, waiting for the go-ahead.
    ControlledShutdown,
    /// Fenced, and the broker may stop.
    ShutdownNow,
}

impl BrokerControlState {
    /// `BrokerHeartbeatManager.currentBrokerState`: a controlled shutdown offset wins over
    /// fencing (a broker fenced by its session while in controlled shutdown keeps it).
    pub fn current(fenced: bool, shutdown_offset: Option<u64>) -> Self {
        match (shutdown_offset, fenced) {
            (Some(_), _) => BrokerControlState::ControlledShutdown,
            (None, true) => BrokerControlState::Fenced,
            (None, false) => BrokerControlState::Unfenced,
        }
    }

    pub fn fenced(self) -> bool {
        matches!(self, BrokerControlState::Fenced | BrokerControlState::ShutdownNow)
    }

    pub fn should_shut_down(self) -> bool {
        self == BrokerControlState::ShutdownNow
    }
}

/// What the controller knows when a heartbeat arrives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeartbeatFacts {
    pub want_shutdown: bool,
    /// Records the broker has applied (its heartbeat's `currentMetadataOffset` + 1).
    pub metadata_offset: u64,
    /// The offset of this life's registration record (`registerBrokerRecordOffset`).
    pub registration_offset: u64,
    /// The broker leads at least one partition (`BrokerToIsrs.hasLeaderships`).
    pub has_leaderships: bool,
    /// The offset of the last record of the batch that began its controlled shutdown
    /// (`controlledShutdownOffset`), if one began.
    pub shutdown_offset: Option<u64>,
    /// The fewest records any active broker (unfenced, not in controlled shutdown) has
    /// reported applying (`lowestActiveOffset` + 1); `u64::MAX` with none.
    pub lowest_active_offset: u64,
}

/// `calculateNextBrokerState`. Our brokers never ask to be fenced (`wantFence`: Kafka's
/// broker asks while it recovers its logs, which the simulator does at once).
pub fn next_state(current: BrokerControlState, facts: &HeartbeatFacts) -> BrokerControlState {
    use BrokerControlState::*;
    match current {
        Fenced if facts.want_shutdown => ShutdownNow,
        // Caught up with its own registration record, not with the whole log.
        Fenced if facts.registration_offset < facts.metadata_offset => Unfenced,
        Fenced => Fenced,
        // A broker that leads nothing has nothing to hand over: it may go at once.
        Unfenced if facts.want_shutdown && !facts.has_leaderships => ShutdownNow,
        Unfenced if facts.want_shutdown => ControlledShutdown,
        Unfenced => Unfenced,
        ControlledShutdown if facts.has_leaderships => ControlledShutdown,
        // Every active broker has applied the records that moved its leaderships, so none
        // still names it as a leader when it goes.
        ControlledShutdown if facts.shutdown_offset.is_none_or(|last| last < facts.lowest_active_offset) => ShutdownNow,
        ControlledShutdown => ControlledShutdown,
        ShutdownNow => ShutdownNow,
    }
}

#[cfg(test)]
#[path = "broker_state_tests.rs"]
mod tests;
