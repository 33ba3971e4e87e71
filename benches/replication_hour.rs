//! `make bench`: the standard workload (6 brokers, 10 partitions, rf 3, acks=all,
//! 1,000 records/s, one simulated hour), measured natively: simulated events per
//! second of wall time, the wall time of the hour, and heap bytes per retained record
//! (counted by a global allocator that tracks live bytes).
// A benchmark measures wall time on purpose (clippy.toml keeps the clock out of the core).
#![allow(clippy::disallowed_types)]
use replication_playground::sim::workload::{build, run, Workload};
use std::time::Instant;

#[path = "support/counting_alloc.rs"]
mod counting_alloc;

#[global_allocator]
static ALLOCATOR: counting_alloc::Counting = counting_alloc::Counting;

fn main() {
    let minutes: u64 = std::env::var("BENCH_MINUTES").ok().and_then(|m| m.parse().ok()).unwrap_or(60);
    let workload = Workload { duration_ms: minutes * 60_000, ..Workload::STANDARD };
    let before = counting_alloc::live_bytes();
    let mut cluster = build(&workload);
    let baseline = counting_alloc::live_bytes() - before;
    let allocations_before = counting_alloc::allocations();
    let started = Instant::now();
    let result = run(&mut cluster, &workload);
    let allocations = counting_alloc::allocations() - allocations_before;
    let wall = started.elapsed().as_secs_f64();
    let retained = counting_alloc::live_bytes() - before - baseline;
    println!("workload: {workload:?}");
    println!("simulated: {:.0} s in {wall:.2} s of wall time", result.simulated_ms as f64 / 1000.0);
    println!(
        "events: {} ({:.2} million simulated events per second)",
        result.events,
        result.events as f64 / wall / 1e6
    );
    println!(
        "queue items: {} ({:.2} million messages and timers per second)",
        result.queue_items,
        result.queue_items as f64 / wall / 1e6
    );
    println!("records: {} ({} replicas each)", result.records, workload.replication_factor);
    println!("allocations: {:.2} per queue item", allocations as f64 / result.queue_items as f64);
    println!(
        "heap: {:.1} MB retained, {:.1} bytes per record across all its replicas",
        retained as f64 / 1e6,
        retained as f64 / result.records as f64
    );
    println!("safety violations: {}", result.safety_violations);
    println!("event queue at the end: {} entries", cluster.queued());

    assert_eq!(result.safety_violations, 0, "the benchmark workload must run clean");
}
