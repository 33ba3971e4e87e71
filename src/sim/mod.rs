//! The replication core: a pure, deterministic discrete-event simulation of Kafka's
//! partition replication (KAFKA-RULES.md). No I/O, no wall clock, no web crates, no
//! unordered maps; one seeded PRNG is the only randomness, so the same seed gives the
//! same trace natively and in wasm.
pub mod broker;
pub mod chunked;
pub mod client;
pub mod cluster;
pub mod codec;
pub mod command;
pub mod config;
pub mod controller;
pub mod ctx;
#[cfg(test)]
pub(crate) mod ctx_fixture;
pub mod edit_distance;
pub mod error;
pub mod event;
pub mod event_about;
pub mod event_reasons;
pub mod id_map;
pub mod ids;
pub mod net;
pub mod observe;
pub mod presets;
pub mod records;
pub mod rng;
pub mod setting_explanations;
pub mod settings;
pub mod sorting;
pub mod topic;
pub mod violation;
pub mod workload;

// The parts keep their paths (`sim::replica`, `sim::view`, ...): the folders group them by
// role (broker, controller, client, net, observe) without renaming what callers import.
pub use broker::{
    epoch_cache, fetch_buffers, follower, leader_fetch, leader_hw, leader_isr, log, producer_state, replica,
};
pub use client::partitioner;
pub use controller::{metadata, partition_change, placement, placement_striped};
pub use net::{message, network, queue};
pub use observe::{checker, metrics, narrate, view, view_detail, world};

pub use broker::BrokerStatus;
pub use cluster::{Cluster, TopicSpec};
pub use command::{Command, Endpoint, NodeRef, ProduceTarget, TopicPartition};
pub use config::Config;
pub use error::SimError;
pub use event::{Event, EventKind};
pub use view::{BrokerView, ClusterView, PartitionView, ReplicaChip, ReplicaRole};
