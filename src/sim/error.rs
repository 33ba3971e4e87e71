//! Why the cluster refused a command. Every command is checked before it changes
//! anything, so a refused command leaves the simulation as it was.
use std::fmt;

use super::config::{quote_input as q, ConfigError};
use super::ids::BrokerId;
use super::placement::PlacementError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SimError {
    Config(ConfigError),
    Placement(PlacementError),
    UnknownBroker(BrokerId),
    BrokerExists(BrokerId),
    InvalidBrokerId(u64),
    TooManyBrokers {
        requested: u64,
        limit: u32,
    },
    RackListEmpty,
    BrokerHostsReplicas {
        broker: BrokerId,
        partitions: Vec<String>,
    },
    BrokerNotAlive(BrokerId),
    UnknownController(u32),
    ControllerNotAlive(u32),
    ControllerAlreadyAlive(u32),
    ControllersAfterBrokers,
    TopicExists(String),
    InvalidTopicName(String),
    UnknownTopic(String),
    UnknownPartition {
        topic: String,
        partition: u32,
        partitions: u32,
    },
    InvalidMinIsr {
        min_isr: u32,
        rf: u32,
    },
    /// `requested` partitions asked for by one `topic create`, `existing` already there.
    TooManyPartitions {
        requested: u32,
        existing: u32,
        limit: u32,
    },
    BadReplicaAssignment(String),
    NotAFollower {
        broker: BrokerId,
        partition: String,
    },
    UnknownNode(String),
    SameNode(String),
    ClientIsNotAProducer(String),
    ClientIsNotAConsumer(String),
    InvalidClientName(String),
    ValueTooLong(usize),
    NoActiveController,
    InvalidRate {
        per_second: u32,
        max: u32,
    },
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
            TooManyBrokers { requested, limit } => {
                write!(f, "{requested} brokers is more than the playground's limit of {limit}")
            }
            RackListEmpty => write!(f, "racks= needs at least one rack name"),
            BrokerHostsReplicas { broker, partitions } => write!(
                f,
                "broker {broker} still hosts replicas of {}; only a broker with no replicas can be removed",
                q(&partitions.join(", "))
            ),
            BrokerNotAlive(b) => write!(f, "broker {b} is not running"),
            UnknownController(n) => write!(f, "there is no controller {n}"),
            ControllerNotAlive(n) => write!(f, "controller {n} is not running"),
            ControllerAlreadyAlive(n) => write!(f, "controller {n} is already running"),
            ControllersAfterBrokers => write!(f, "sim.controllers must be set before the first broker is added"),
            TopicExists(t) => write!(f, "topic '{}' already exists", q(t)),
            InvalidTopicName(t) => {
                write!(f, "not a valid topic name (letters, digits, '.', '_' and '-', at most 249): '{}'", q(t))
            }
            UnknownTopic(t) => write!(f, "there is no topic '{}'", q(t)),
            UnknownPartition { topic, partition, partitions } => {
                write!(
                    f,
                    "topic '{}' has partitions 0..{} (no partition {partition})",
                    q(topic),
                    partitions.saturating_sub(1)
                )
            }
            InvalidMinIsr { min_isr, rf } => {
                write!(f, "min-isr {min_isr} must be between 1 and the replication factor {rf}")
            }
            TooManyPartitions { requested, existing, limit } => too_many_partitions(f, *requested, *existing, *limit),
            BadReplicaAssignment(why) => write!(f, "bad replicas= assignment: {}", q(why)),
            NotAFollower { broker, partition } => write!(f, "broker {broker} is not a follower of {}", q(partition)),
            UnknownNode(n) => write!(f, "'{}' is not a broker, 'controller' or a client", q(n)),
            SameNode(n) => write!(f, "cannot cut {} from itself", q(n)),
            ClientIsNotAProducer(n) => write!(f, "'{}' is a consumer, not a producer", q(n)),
            ClientIsNotAConsumer(n) => write!(f, "'{}' is a producer, not a consumer", q(n)),
            InvalidClientName(n) => write!(f, "not a valid client name: '{}'", q(n)),
            NoActiveController => {
                write!(f, "the controller quorum has no active controller (no majority of controllers is alive)")
            }
            InvalidRate { per_second, max } => {
                write!(f, "a steady rate of {per_second} records/s is outside 1..={max}")
            }
            NoSteadyRate(n) => write!(f, "'{n}' has no steady rate running"),
            ValueTooLong(len) => {
                write!(f, "a record value of {len} bytes is longer than the playground's limit of 1024")
            }
        }
    }
}

/// Kafka's controller writes a new topic as one batch of metadata records (a topic record
/// and one per partition) and refuses a batch of more than 10000 records
/// (`QuorumController.MAX_RECORDS_PER_USER_OP`, a `BoundedListTooLongException` that
/// `EventHandlerExceptionInfo` turns into this `PolicyViolationException`).
const KAFKA_MAX_RECORDS_PER_USER_OP: u64 = 10_000;

fn too_many_partitions(f: &mut fmt::Formatter<'_>, requested: u32, existing: u32, limit: u32) -> fmt::Result {
    let playground = format!("the playground holds at most {limit} partitions in all, and {existing} exist");
    if u64::from(requested) + 1 > KAFKA_MAX_RECORDS_PER_USER_OP {
        write!(f, "Unable to perform excessively large batch operation. ({requested} partitions in one request is Kafka's POLICY_VIOLATION; {playground})")
    } else {
        write!(f, "{requested} partitions is too many: {playground}")
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::cluster::{Cluster, TopicSpec};
    use crate::sim::config::Config;

    fn topic(name: &str, partitions: u32) -> TopicSpec {
        TopicSpec {
            name: name.to_string(),
            partitions,
            replication_factor: 1,
            min_isr: None,
            start: Some(0),
            replicas: None,
            placer: None,
        }
    }

    #[test]
    fn too_many_partitions_names_the_number_asked_for() {
        let mut cluster = Cluster::new(Config::default(), 0);
        cluster.add_brokers(3, &[]).unwrap();
        cluster.create_topic(topic("a", 3)).unwrap();
        let err = cluster.create_topic(topic("x", 100_000)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Unable to perform excessively large batch operation. (100000 partitions in one request is Kafka's POLICY_VIOLATION; the playground holds at most 2000 partitions in all, and 3 exist)"
        );
        let err = cluster.create_topic(topic("y", 1_998)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "1998 partitions is too many: the playground holds at most 2000 partitions in all, and 3 exist"
        );
        cluster.create_topic(topic("z", 1_997)).unwrap();
    }

    #[test]
    fn echoed_names_are_cut_and_the_reason_comes_first() {
        let name = "t".repeat(100_000);
        let shown = format!("{}…", "t".repeat(80));
        assert_eq!(
            SimError::InvalidTopicName(name.clone()).to_string(),
            format!("not a valid topic name (letters, digits, '.', '_' and '-', at most 249): '{shown}'")
        );
        assert_eq!(SimError::UnknownTopic(name.clone()).to_string(), format!("there is no topic '{shown}'"));
        assert_eq!(
            SimError::UnknownNode(name.clone()).to_string(),
            format!("'{shown}' is not a broker, 'controller' or a client")
        );
        assert_eq!(SimError::InvalidClientName(name).to_string(), format!("not a valid client name: '{shown}'"));
    }
}
