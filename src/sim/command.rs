//! Everything a person or a script can do to the cluster, as one typed value.
//!
//! The one way in, as str0m feeds one `Input` to its state machine: the page, the console,
//! a script line and a lesson all build a `Command` and hand it to `Cluster::apply`, which
//! checks it and either changes the cluster or returns a `SimError` having changed nothing.
//! Time moves through the other two entry points, `step` and `run_until`.
//!
//! Commands name things as a person does (`orders-0`, broker 3, the client `producer`); the
//! cluster resolves the names when it applies them, so a command is valid or not against
//! the cluster it meets, exactly as a script line is. The script prints a command back as
//! the line that parses to it (`script::ast`), so a session is still a script.
use super::cluster::TopicSpec;
use super::ids::{Acks, BrokerId};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// `set KEY VALUE`: any key and value; the configuration validates them.
    Set { key: String, value: String },
    /// `brokers N [racks=a,b,c]`: `racks` is empty when not given.
    Brokers { count: u32, racks: Vec<String> },
    /// `broker add [id=N] [rack=R]`
    BrokerAdd { id: Option<u32>, rack: Option<String> },
    /// `broker remove N`
    BrokerRemove(BrokerId),
    /// `topic create NAME partitions=P rf=R [min-isr=M] [start=K] [replicas=1,2/2,1]`
    TopicCreate(TopicSpec),
    /// `produce TOPIC[-N] VALUE [key=K] [acks=all|1|0] [producer=NAME]`
    Produce { target: ProduceTarget, value: String, key: Option<String>, acks: Option<Acks>, producer: Option<String> },
    /// `steady-rate TOPIC[-N] PER_SECOND [acks=all|1|0] [producer=NAME]`: the producer sends
    /// a record `per_second` times a second of simulated time from now on.
    SteadyRate { target: ProduceTarget, per_second: u32, acks: Option<Acks>, producer: Option<String> },
    /// `steady-rate off [producer=NAME]`
    SteadyRateOff { producer: Option<String> },
    /// `consume TOPIC-N [from=OFFSET] [consumer=NAME]`
    Consume { partition: TopicPartition, from: Option<u64>, consumer: Option<String> },
    /// `crash broker N` / `crash controller N`
    Crash(NodeRef),
    /// `power-off broker N`
    PowerOff(BrokerId),
    /// `flush broker N`
    Flush(BrokerId),
    /// `stop broker N`: controlled shutdown.
    Stop(BrokerId),
    /// `restart broker N` / `restart controller N`
    Restart(NodeRef),
    /// `cut A B`
    Cut(Endpoint, Endpoint),
    /// `heal A B`
    HealLink(Endpoint, Endpoint),
    /// `isolate broker N`
    Isolate(BrokerId),
    /// `heal`: every cut and isolation.
    HealAll,
    /// `pause-fetch broker N`
    PauseFetch(BrokerId),
    /// `resume-fetch broker N`
    ResumeFetch(BrokerId),
    /// `fetch N TOPIC-N`: one manual follower fetch.
    Fetch { broker: BrokerId, partition: TopicPartition },
    /// `elect preferred [TOPIC-N]`: `None` elects for every partition.
    ElectPreferred(Option<TopicPartition>),
    /// `elect unclean TOPIC-N`: an operator's unclean election
    /// (`kafka-leader-election --election-type unclean`).
    ElectUnclean(TopicPartition),
    /// `latency A B D`: one-way latency of one link, both directions.
    Latency { a: Endpoint, b: Endpoint, latency_ms: u64 },
}

/// `orders-0`: the last `-N` is the partition, so `my-topic-2` is topic `my-topic`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TopicPartition {
    pub topic: String,
    pub partition: u32,
}

impl TopicPartition {
    pub fn new(topic: impl Into<String>, partition: u32) -> Self {
        TopicPartition { topic: topic.into(), partition }
    }
}

/// Where `produce` sends: a topic (the producer's partitioner picks) or one partition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProduceTarget {
    Topic(String),
    Partition(TopicPartition),
}

/// A process that can crash and restart: a broker or one controller-quorum node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeRef {
    Broker(BrokerId),
    Controller(u32),
}

/// One end of a network link: a broker, the controller quorum, or a client by name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Endpoint {
    Broker(BrokerId),
    Controller,
    Client(String),
}
