//! `Cluster::apply`: the one entry point for commands (`sim::command`). It resolves the
//! names a command uses (topic-partitions, link endpoints) against the cluster as it is now
//! and hands the command to its handler in `commands.rs`, `topics.rs`, `producer_client.rs`,
//! `consumer_client.rs` or `steady_rate.rs`. A refused command changes nothing.
use super::producer_client::Route;
use super::Cluster;
use crate::sim::command::{Command, Endpoint, NodeRef, ProduceTarget, TopicPartition};
use crate::sim::config::check_latency_ms;
use crate::sim::error::SimError;
use crate::sim::ids::{NodeId, PartitionId};

/// The producer and consumer a command means when it names none.
pub const DEFAULT_PRODUCER: &str = "producer";
pub const DEFAULT_CONSUMER: &str = "consumer";

impl Cluster {
    /// Applies one command at the current simulated time.
    pub fn apply(&mut self, command: &Command) -> Result<(), SimError> {
        match command {
            Command::Set { key, value } => self.set_config(key, value),
            Command::Brokers { count, racks } => self.add_brokers(*count, racks),
            Command::BrokerAdd { id, rack } => self.add_broker(id.map(u64::from), rack.clone()).map(|_| ()),
            Command::BrokerRemove(broker) => self.remove_broker(*broker),
            Command::TopicCreate(spec) => self.create_topic(spec.clone()),
            Command::Produce { target, value, key, acks, producer } => {
                let route = self.route(target)?;
                let producer = producer.as_deref().unwrap_or(DEFAULT_PRODUCER);
                self.produce(&route, value, key.as_deref(), *acks, producer).map(|_| ())
            }
            Command::SteadyRate { target, per_second, acks, producer } => {
                let route = self.route(target)?;
                self.start_steady_rate(route, *per_second, *acks, producer.as_deref().unwrap_or(DEFAULT_PRODUCER))
            }
            Command::SteadyRateOff { producer } => {
                self.stop_steady_rate(producer.as_deref().unwrap_or(DEFAULT_PRODUCER))
            }
            Command::Consume { partition, from, consumer } => {
                let partition = self.resolve(partition)?;
                self.consume(partition, *from, consumer.as_deref().unwrap_or(DEFAULT_CONSUMER))
            }
            Command::Fetch { broker, partition } => {
                let partition = self.resolve(partition)?;
                self.manual_fetch(*broker, partition)
            }
            Command::ElectPreferred(target) => {
                let partition = target.as_ref().map(|tp| self.resolve(tp)).transpose()?;
                self.elect_preferred(partition)
            }
            Command::ElectUnclean(tp) => {
                let partition = self.resolve(tp)?;
                self.elect_unclean(partition)
            }
            Command::Crash(NodeRef::Broker(broker)) => self.crash_broker(*broker),
            Command::Crash(NodeRef::Controller(node)) => self.crash_controller(*node),
            Command::Restart(NodeRef::Broker(broker)) => self.restart_broker(*broker),
            Command::Restart(NodeRef::Controller(node)) => self.restart_controller(*node),
            Command::PowerOff(broker) => self.power_off_broker(*broker),
            Command::Flush(broker) => self.flush_broker(*broker),
            Command::Stop(broker) => self.stop_broker(*broker),
            Command::Isolate(broker) => self.isolate_broker(*broker),
            Command::HealAll => {
                self.heal_all();
                Ok(())
            }
            Command::PauseFetch(broker) => self.pause_fetch(*broker),
            Command::ResumeFetch(broker) => self.resume_fetch(*broker),
            Command::Cut(a, b) => {
                let (a, b) = (self.node(a)?, self.node(b)?);
                self.cut(a, b)
            }
            Command::HealLink(a, b) => {
                let (a, b) = (self.node(a)?, self.node(b)?);
                self.heal_link(a, b)
            }
            Command::Latency { a, b, latency_ms } => {
                check_latency_ms(*latency_ms)?;
                let (a, b) = (self.node(a)?, self.node(b)?);
                self.set_link_latency(a, b, *latency_ms)
            }
        }
    }

    /// `orders-0` as the cluster's partition, or why there is none.
    pub fn resolve(&self, tp: &TopicPartition) -> Result<PartitionId, SimError> {
        let Some(partitions) = self.topic_partition_count(&tp.topic) else {
            return Err(SimError::UnknownTopic(tp.topic.clone()));
        };
        self.partition_by_name(&tp.topic, tp.partition).ok_or_else(|| SimError::UnknownPartition {
            topic: tp.topic.clone(),
            partition: tp.partition,
            partitions,
        })
    }

    fn route(&self, target: &ProduceTarget) -> Result<Route, SimError> {
        Ok(match target {
            ProduceTarget::Topic(topic) => Route::Topic(topic.clone()),
            ProduceTarget::Partition(tp) => Route::Partition(self.resolve(tp)?),
        })
    }

    /// A link endpoint as the network's node; a client must exist already.
    fn node(&self, endpoint: &Endpoint) -> Result<NodeId, SimError> {
        match endpoint {
            Endpoint::Broker(broker) => Ok(NodeId::Broker(*broker)),
            Endpoint::Controller => Ok(NodeId::Controller),
            Endpoint::Client(name) => {
                self.client_by_name(name).map(NodeId::Client).ok_or_else(|| SimError::UnknownNode(name.clone()))
            }
        }
    }
}
