//! A read-only view of the whole simulated world, as it stands after a step or a command:
//! what an observer — the safety checker, the debug invariants — may look at. It can
//! change nothing, so an observer cannot alter the run it watches (TigerBeetle's
//! `invariants()` after every event).
use crate::sim::broker::Broker;
use crate::sim::client::Client;
use crate::sim::config::Config;
use crate::sim::controller::Controller;
use crate::sim::id_map::IdMap;
use crate::sim::ids::{BrokerId, ClientId, Millis, PartitionId};
use crate::sim::metadata::PartitionState;
use crate::sim::records::RecordTable;
use crate::sim::replica::Replica;
use crate::sim::topic::{self, Topic};

#[derive(Clone, Copy)]
pub struct World<'a> {
    pub now: Millis,
    pub config: &'a Config,
    pub brokers: &'a IdMap<BrokerId, Broker>,
    pub controller: &'a Controller,
    pub records: &'a RecordTable,
    pub topics: &'a [Topic],
    pub clients: &'a [Client],
}

impl<'a> World<'a> {
    pub fn replica(&self, broker: BrokerId, partition: PartitionId) -> Option<&'a Replica> {
        self.brokers.get(&broker).and_then(|b| b.replicas.get(&partition))
    }

    /// The partition's state as the controller committed it.
    pub fn committed(&self, partition: PartitionId) -> Option<&'a PartitionState> {
        self.controller.image.partition(partition)
    }

    pub fn partition_name(&self, partition: PartitionId) -> String {
        topic::partition_name(self.topics, partition)
    }

    pub fn client_name(&self, client: ClientId) -> &'a str {
        self.clients.get(client.index()).map_or("?", |c| c.name.as_str())
    }
}
