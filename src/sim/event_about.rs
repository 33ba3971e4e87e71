//! What an event is about: its kind's category, the partition and the brokers it
//! touches. The feed's filters and highlighting read these; the narration does not.
use super::event::EventKind;
use super::ids::{BrokerId, NodeId, PartitionId};

impl EventKind {
    /// A coarse category, for the feed's filter.
    pub fn category(&self) -> &'static str {
        use EventKind::*;
        match self {
            ConfigChanged { .. } | BrokerAdded { .. } | BrokerRemoved { .. } | TopicCreated { .. } => "setup",
            BrokerCrashed { .. }
            | BrokerPoweredOff { .. }
            | BrokerFlushed { .. }
            | ShutdownRequested { .. }
            | BrokerStopped { .. }
            | BrokerRestarted { .. }
            | ControllerCrashed { .. }
            | ControllerRestarted { .. }
            | LinkCut { .. }
            | LinkHealed { .. }
            | BrokerIsolated { .. }
            | AllHealed
            | FetchPaused { .. }
            | FetchResumed { .. } => "fault",
            MessageDropped { .. } | MessageRefused { .. } => "network",
            MetadataRequested { .. }
            | MetadataReceived { .. }
            | ProduceSent { .. }
            | ProduceRejected { .. }
            | LeaderAppended { .. }
            | DuplicateDropped { .. }
            | ProduceAnswered { .. }
            | ProducerAcked { .. }
            | ProducerRetrying { .. }
            | ProducerGaveUp { .. } => "produce",
            FetchSent { .. }
            | FetchParked { .. }
            | FollowerFetched { .. }
            | FollowerUpToDate { .. }
            | FetchError { .. }
            | DivergenceFound { .. }
            | Truncated { .. }
            | HighWatermarkAdvanced { .. }
            | BecameLeader { .. }
            | BecameFollower { .. } => "replication",
            IsrChangeProposed { .. }
            | IsrChangeRejected { .. }
            | IsrChanged { .. }
            | ControllerShrankIsr { .. }
            | ElrChanged { .. } => "isr",
            HeartbeatSent { .. } => "heartbeat",
            ControllerActivated { .. }
            | QuorumLost
            | BrokerRegistered { .. }
            | RegistrationRefused { .. }
            | BrokerFenced { .. }
            | BrokerUnfenced { .. }
            | LeaderElected { .. }
            | ElectionAnswered { .. } => "controller",
            ConsumerFetched { .. }
            | ConsumerFetchFailed { .. }
            | ConsumerPositionReset { .. }
            | ConsumerValidating { .. }
            | ConsumerTruncationDetected { .. }
            | ConsumerFetchParked { .. }
            | ConsumerFetchWaits { .. }
            | ConsumerStaleFetchIgnored { .. }
            | ConsumerFetchCompleted { .. } => "consume",
            SafetyViolation(_) => "violation",
        }
    }

    /// The partition the event is about, if any (for the feed's partition filter).
    pub fn partition(&self) -> Option<PartitionId> {
        use EventKind::*;
        match self {
            ProduceSent { partition, .. }
            | ProduceRejected { partition, .. }
            | LeaderAppended { partition, .. }
            | DuplicateDropped { partition, .. }
            | ProduceAnswered { partition, .. }
            | ProducerAcked { partition, .. }
            | ProducerRetrying { partition, .. }
            | ProducerGaveUp { partition, .. }
            | FollowerFetched { partition, .. }
            | FollowerUpToDate { partition, .. }
            | FetchError { partition, .. }
            | DivergenceFound { partition, .. }
            | Truncated { partition, .. }
            | HighWatermarkAdvanced { partition, .. }
            | BecameLeader { partition, .. }
            | BecameFollower { partition, .. }
            | IsrChangeProposed { partition, .. }
            | IsrChangeRejected { partition, .. }
            | IsrChanged { partition, .. }
            | ControllerShrankIsr { partition, .. }
            | ElrChanged { partition, .. }
            | LeaderElected { partition, .. }
            | ElectionAnswered { partition, .. }
            | ConsumerFetched { partition, .. }
            | ConsumerFetchParked { partition, .. }
            | ConsumerFetchWaits { partition, .. }
            | ConsumerStaleFetchIgnored { partition, .. }
            | ConsumerFetchCompleted { partition, .. }
            | ConsumerFetchFailed { partition, .. }
            | ConsumerPositionReset { partition, .. }
            | ConsumerValidating { partition, .. }
            | ConsumerTruncationDetected { partition, .. } => Some(*partition),
            SafetyViolation(v) => Some(v.partition),
            _ => None,
        }
    }

    /// The brokers the event touches (for the feed's broker filter and highlighting).
    pub fn brokers(&self) -> Vec<BrokerId> {
        use EventKind::*;
        match self {
            BrokerAdded { broker, .. }
            | BrokerRemoved { broker }
            | BrokerCrashed { broker }
            | BrokerPoweredOff { broker, .. }
            | BrokerFlushed { broker }
            | ShutdownRequested { broker }
            | BrokerStopped { broker, .. }
            | BrokerRestarted { broker, .. }
            | BrokerIsolated { broker }
            | FetchPaused { broker }
            | FetchResumed { broker }
            | MetadataRequested { broker, .. }
            | MetadataReceived { broker, .. }
            | ProduceSent { broker, .. }
            | ProduceRejected { broker, .. }
            | LeaderAppended { broker, .. }
            | DuplicateDropped { broker, .. }
            | ProduceAnswered { broker, .. }
            | Truncated { broker, .. }
            | HighWatermarkAdvanced { broker, .. }
            | BecameLeader { broker, .. }
            | BecameFollower { broker, .. }
            | HeartbeatSent { broker }
            | BrokerRegistered { broker, .. }
            | RegistrationRefused { broker }
            | BrokerFenced { broker, .. }
            | BrokerUnfenced { broker }
            | ControllerShrankIsr { broker, .. }
            | ConsumerFetched { broker, .. }
            | ConsumerFetchWaits { broker, .. }
            | ConsumerStaleFetchIgnored { broker, .. } => vec![*broker],
            FetchSent { follower, leader, .. }
            | FollowerFetched { follower, leader, .. }
            | FollowerUpToDate { follower, leader, .. }
            | FetchError { follower, leader, .. }
            | DivergenceFound { follower, leader, .. } => vec![*follower, *leader],
            FetchParked { leader, follower } => vec![*leader, *follower],
            ConsumerFetchParked { leader, .. } | ConsumerFetchCompleted { leader, .. } => vec![*leader],
            IsrChangeProposed { leader, .. } | IsrChangeRejected { leader, .. } => vec![*leader],
            LeaderElected { leader, .. } => leader.iter().copied().collect(),
            ElrChanged { elr, last_known_leader, .. } => elr.iter().chain(last_known_leader).copied().collect(),
            SafetyViolation(v) => v.brokers.clone(),
            MessageDropped { from, to, .. }
            | MessageRefused { from, to, .. }
            | LinkCut { a: from, b: to }
            | LinkHealed { a: from, b: to } => {
                [from, to].iter().filter_map(|n| if let NodeId::Broker(b) = n { Some(*b) } else { None }).collect()
            }
            _ => Vec::new(),
        }
    }
}
