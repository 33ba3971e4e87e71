//! Kafka's replication metrics by their real names, computed by the core from its events
//! (pure and deterministic, so the page and the command line agree): the catalog of names,
//! MBeans and normal values (`catalog`), one partition's part of the gauges (`gauges`),
//! the fold over the events (`fold`, `events`) and the series of changes (`series`).
pub mod catalog;
mod events;
pub mod fold;
mod gauges;
pub mod series;

#[cfg(test)]
mod tests;

pub use catalog::{Metric, ALL as ALL_METRICS};
pub use fold::Metrics;
pub use series::{MetricChange, MetricSeries};
