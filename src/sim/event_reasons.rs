//! Why things happened, as the events tell it: how a leader was chosen, why a log was cut
//! back, why an ISR changed, why a broker was fenced. Each with its `codec!` line (the
//! checkpoint's encoding), split from `event.rs` so the event list stays one file's worth.

/// Why the controller chose a new leader (or none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElectionKind {
    /// The topic was just created: the first replica leads.
    Initial,
    /// The leader was fenced or lost; the first in-sync replica in assignment order whose
    /// broker is unfenced and not in controlled shutdown takes over (`PartitionChangeBuilder`
    /// with `ClusterControlManager.isActive`: a crashed broker counts until its session expires).
    Clean,
    /// No in-sync replica was alive and unclean election is enabled.
    Unclean,
    /// The leader is shutting down in a controlled way.
    ControlledShutdown,
    /// Preferred leader election, asked for by an operator.
    Preferred,
    /// Preferred leader election by the controller's automatic rebalance.
    AutoRebalance,
    /// A leaderless partition got a leader back when an in-sync replica returned.
    Recovered,
    /// The ISR was empty and an Eligible Leader Replica took over: clean (KIP-966).
    Elr,
    /// ISR and ELR were empty and the last known leader took over: it may lack records,
    /// so Kafka counts it as an unclean election (KIP-966).
    LastKnownLeader,
}
crate::codec!(
    enum ElectionKind {
        Initial = 0,
        Clean = 1,
        Unclean = 2,
        ControlledShutdown = 3,
        Preferred = 4,
        AutoRebalance = 5,
        Recovered = 6,
        Elr = 7,
        LastKnownLeader = 8,
    }
);

/// Why a follower truncated its log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TruncationReason {
    /// The leader answered with a diverging epoch (KIP-101/KIP-320).
    DivergingEpoch,
    /// Becoming a follower before KIP-101: truncate to the own high watermark.
    HighWatermark,
    /// The follower's log was past the leader's end (OFFSET_OUT_OF_RANGE).
    OffsetOutOfRange,
}
crate::codec!(
    enum TruncationReason {
        DivergingEpoch = 0,
        HighWatermark = 1,
        OffsetOutOfRange = 2,
    }
);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IsrChangeReason {
    /// Followers not caught up for replica.lag.time.max.ms.
    Lagging,
    /// A follower caught up to the high watermark.
    CaughtUp,
}
crate::codec!(
    enum IsrChangeReason {
        Lagging = 0,
        CaughtUp = 1,
    }
);

/// Why the controller changed an ISR on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ControllerIsrReason {
    Fenced,
    UncleanRestart,
    ShuttingDown,
}
crate::codec!(
    enum ControllerIsrReason {
        Fenced = 0,
        UncleanRestart = 1,
        ShuttingDown = 2,
    }
);

/// Why the controller fenced a broker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FenceReason {
    /// No heartbeat within broker.session.timeout.ms.
    SessionExpired,
    /// The controller let its controlled shutdown go ahead (`SHUTDOWN_NOW`).
    ShutDown,
    /// It registered again: the process the controller knew is gone.
    Reregistered,
}
crate::codec!(
    enum FenceReason {
        SessionExpired = 0,
        ShutDown = 1,
        Reregistered = 2,
    }
);
