//! The metrics in a build without the `metrics` feature (the page, whose first load has a
//! budget; Cargo.toml): the same interface, holding nothing and folding nothing, so neither
//! the fold nor its state is linked. Every metric reads 0 and no change is ever recorded;
//! the `metric` query says the page does not compute them (script::query).
use super::catalog::Metric;
use super::series::MetricChange;
use crate::sim::ids::{BrokerId, PartitionId};

#[derive(Clone, Debug, Default)]
pub struct Metrics;

impl crate::sim::codec::Codec for Metrics {
    fn encode(&self, _out: &mut Vec<u8>) {}
    fn decode(_input: &mut &[u8]) -> Option<Self> {
        Some(Metrics)
    }
}

impl Metrics {
    pub fn value(&self, _metric: Metric) -> u64 {
        0
    }

    pub fn follower_lag(&self, _follower: BrokerId, _partition: PartitionId) -> Option<u64> {
        None
    }

    pub fn take_changes(&mut self) -> Vec<MetricChange> {
        Vec::new()
    }

    pub fn discard_changes(&mut self) {}
}
