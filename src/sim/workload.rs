//! The standard benchmark workload: a cluster producing at a steady rate while followers
//! fetch continuously. Shared by the native benchmark and the wasm one, so both measure
//! exactly the same simulation.
use super::cluster::{Cluster, ProduceTarget, TopicSpec};
use super::config::Config;
use super::ids::Millis;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Workload {
    pub brokers: u32,
    pub partitions: u32,
    pub replication_factor: u32,
    pub records_per_second: u32,
    pub duration_ms: Millis,
}

impl Workload {
    /// 6 brokers, 10 partitions, rf 3, acks=all, 1,000 records/s, one simulated hour.
    pub const STANDARD: Workload =
        Workload { brokers: 6, partitions: 10, replication_factor: 3, records_per_second: 1_000, duration_ms: 3_600_000 };
}

/// What a finished run reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkloadResult {
    /// Events: the facts of the trace (what the feed and the CLI narrate).
    pub events: u64,
    /// Queue items: messages delivered and timers fired.
    pub queue_items: u64,
    pub records: u64,
    pub simulated_ms: Millis,
    pub safety_violations: u64,
}

pub fn build(workload: &Workload) -> Cluster {
    let mut cluster = Cluster::new(Config::default(), 1);
    cluster.add_brokers(workload.brokers, &[]).expect("valid broker count");
    let spec = TopicSpec {
        name: "bench".to_string(),
        partitions: workload.partitions,
        replication_factor: workload.replication_factor,
        min_isr: Some(2),
        start: Some(0),
        replicas: None,
    };
    cluster.create_topic(spec).expect("valid topic");
    cluster
}

/// Runs the workload for `workload.duration_ms`, producing keyless records (spread
/// round-robin) at the steady rate, and discarding events as they come.
pub fn run(cluster: &mut Cluster, workload: &Workload) -> WorkloadResult {
    let start = cluster.now_ms();
    let interval_us = 1_000_000 / workload.records_per_second.max(1) as u64;
    let mut next_us = start * 1_000;
    let end = start + workload.duration_ms;
    let mut records = 0u64;
    let mut value = String::new();
    let target = ProduceTarget::Topic("bench".to_string());
    while cluster.now_ms() < end {
        let now_us = cluster.now_ms() * 1_000;
        while next_us <= now_us {
            value.clear();
            use std::fmt::Write;
            let _ = write!(value, "r{records}");
            cluster.produce(&target, &value, None, None, "producer").expect("topic exists");
            records += 1;
            next_us += interval_us;
        }
        cluster.run_until((cluster.now_ms() + 1).min(end));
        cluster.discard_events();
    }
    WorkloadResult { events: cluster.events_emitted(), queue_items: cluster.queue_items_processed(), records, simulated_ms: cluster.now_ms() - start, safety_violations: cluster.safety_violations() }
}
