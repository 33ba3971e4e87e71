//! The Kafka Replication Playground.
//!
//! Dependencies point one way: `ui` → `script` → `sim`. The core (`sim`) is a pure,
//! deterministic simulation of Kafka's partition replication; `script` is the scenario
//! language on top of it; `ui` is the Yew playground (browser builds only).
pub mod script;
pub mod sim;
pub mod ui;
