//! Kafka's replication metrics by their real names, computed by the core from its events
//! (pure and deterministic, so the page and the command line agree): the catalog of names,
//! MBeans and normal values (`catalog`), one partition's part of the gauges (`gauges`),
//! the fold over the events (`fold`, `events`) and the series of changes (`series`).
pub mod catalog;
#[cfg(feature = "metrics")]
mod events;
#[cfg(feature = "metrics")]
pub mod fold;
#[cfg(not(feature = "metrics"))]
mod fold_off;
#[cfg(feature = "metrics")]
mod gauges;
pub mod series;

#[cfg(all(test, feature = "metrics"))]
mod tests;

pub use catalog::{Metric, ALL as ALL_METRICS};
#[cfg(feature = "metrics")]
pub use fold::Metrics;
#[cfg(not(feature = "metrics"))]
pub use fold_off::Metrics;
pub use series::{MetricChange, MetricSeries};
