//! Why the cluster refused a command. Every command is checked before it changes
//! anything, so a refused command leaves the simulation as it was.
use std::fmt;

use super::config::ConfigError;
use super::ids::BrokerId;
use super::placement::PlacementError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SimError {
    Config(ConfigError),
    Placement(PlacementError),
    UnknownBroker(BrokerId),
    BrokerExists(BrokerId),
    InvalidBrokerId(u64),
    TooManyBrokers { requested: u64, limit: u32 },
    RackListEmpty,
    BrokerHostsReplicas { broker: BrokerId, partitions: Vec<String> },
    BrokerNotAlive(BrokerId),
    BrokerAlreadyAlive(BrokerId),
    UnknownController(u32),
    ControllerNotAlive(u32),
    ControllerAlreadyAlive(u32),
    ControllersAfterBrokers,
    TopicExists(String),
    InvalidTopicName(String),
    UnknownTopic(String),
    UnknownPartition { topic: String, partition: u32, partitions: u32 },
    InvalidMinIsr { min_isr: u32, rf: u32 },
    TooManyPartitions { requested: u64, limit: u32 },
    BadReplicaAssignment(String),
    NotAFollower { broker: BrokerId, partition: String },
    UnknownNode(String),
    SameNode(String),
    ClientIsNotAProducer(String),
    ClientIsNotAConsumer(String),
    InvalidClientName(String),
    ValueTooLong(usize),
    NoActiveController,
    InvalidRate { per_second: u32, max: u32 },
    NoSteadyRate(String),
}

impl fmt::Display for SimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use SimError::*;
        match self {
            Config(e) => write!(f, "{e}"),
            Placement(e) => write!(f, "{e}"),
            UnknownBroker(b) => write!(f, "there is no broker {b}"),
            BrokerExists(b) => write!(f, "broker {b} already exists"),
            InvalidBrokerId(b) => write!(f, "broker ids start at 1 and must be below 10000, got {b}"),
            TooManyBrokers { requested, limit } => write!(f, "{requested} brokers is more than the playground's limit of {limit}"),
            RackListEmpty => write!(f, "racks= needs at least one rack name"),
            BrokerHostsReplicas { broker, partitions } => write!(
                f,
                "broker {broker} still hosts replicas of {}; only a broker with no replicas can be removed",
                partitions.join(", ")
            ),
            BrokerNotAlive(b) => write!(f, "broker {b} is not running"),
            BrokerAlreadyAlive(b) => write!(f, "broker {b} is already running (crash or stop it first)"),
            UnknownController(n) => write!(f, "there is no controller {n}"),
            ControllerNotAlive(n) => write!(f, "controller {n} is not running"),
            ControllerAlreadyAlive(n) => write!(f, "controller {n} is already running"),
            ControllersAfterBrokers => write!(f, "sim.controllers must be set before the first broker is added"),
            TopicExists(t) => write!(f, "topic '{t}' already exists"),
            InvalidTopicName(t) => write!(f, "'{t}' is not a valid topic name (letters, digits, '.', '_' and '-', at most 249)"),
            UnknownTopic(t) => write!(f, "there is no topic '{t}'"),
            UnknownPartition { topic, partition, partitions } => {
                write!(f, "topic '{topic}' has partitions 0..{} (no partition {partition})", partitions.saturating_sub(1))
            }
            InvalidMinIsr { min_isr, rf } => write!(f, "min-isr {min_isr} must be between 1 and the replication factor {rf}"),
            TooManyPartitions { requested, limit } => write!(f, "{requested} partitions is more than the playground's limit of {limit}"),
            BadReplicaAssignment(why) => write!(f, "bad replicas= assignment: {why}"),
            NotAFollower { broker, partition } => write!(f, "broker {broker} is not a follower of {partition}"),
            UnknownNode(n) => write!(f, "'{n}' is not a broker, 'controller' or a client"),
            SameNode(n) => write!(f, "cannot cut {n} from itself"),
            ClientIsNotAProducer(n) => write!(f, "'{n}' is a consumer, not a producer"),
            ClientIsNotAConsumer(n) => write!(f, "'{n}' is a producer, not a consumer"),
            InvalidClientName(n) => write!(f, "'{n}' is not a valid client name"),
            NoActiveController => write!(f, "the controller quorum has no active controller (no majority of controllers is alive)"),
            InvalidRate { per_second, max } => write!(f, "a steady rate of {per_second} records/s is outside 1..={max}"),
            NoSteadyRate(n) => write!(f, "'{n}' has no steady rate running"),
            ValueTooLong(len) => write!(f, "a record value of {len} bytes is longer than the playground's limit of 1024"),
        }
    }
}

impl std::error::Error for SimError {}

impl From<ConfigError> for SimError {
    fn from(e: ConfigError) -> Self {
        SimError::Config(e)
    }
}

impl From<PlacementError> for SimError {
    fn from(e: PlacementError) -> Self {
        SimError::Placement(e)
    }
}
