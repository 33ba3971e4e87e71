//! The replication core: a pure, deterministic discrete-event simulation of Kafka's
//! partition replication (KAFKA-RULES.md). No I/O, no wall clock, no web crates, no
//! unordered maps; one seeded PRNG is the only randomness, so the same seed gives the
//! same trace natively and in wasm.
pub mod broker;
pub mod checker;
pub mod chunked;
pub mod client;
pub mod cluster;
pub mod command;
pub mod config;
pub mod controller;
pub mod ctx;
pub mod edit_distance;
pub mod epoch_cache;
pub mod error;
pub mod event;
pub mod fetch_buffers;
pub mod follower;
pub mod id_map;
pub mod ids;
pub mod leader_fetch;
#[cfg(test)]
pub(crate) mod leader_fixture;
pub mod leader_hw;
pub mod leader_isr;
pub mod log;
pub mod message;
pub mod metadata;
pub mod narrate;
pub mod network;
pub mod partition_change;
pub mod partitioner;
pub mod placement;
pub mod placement_striped;
pub mod presets;
pub mod producer_state;
pub mod queue;
pub mod records;
pub mod replica;
pub mod rng;
pub mod sorting;
pub mod topic;
pub mod view;
pub mod view_detail;
pub mod workload;
pub mod world;

pub use broker::BrokerStatus;
pub use cluster::{Cluster, TopicSpec};
pub use command::{Command, Endpoint, NodeRef, ProduceTarget, TopicPartition};
pub use config::Config;
pub use error::SimError;
pub use event::{Event, EventKind};
pub use view::{BrokerView, ClusterView, PartitionView, ReplicaChip, ReplicaRole};
