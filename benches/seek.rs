//! `cargo bench --bench seek`: how fast the playground's timeline seeks. Builds a
//! 10-minute session as the playground would (the default cluster: 3 brokers on 3 racks,
//! `orders` with 3 partitions, rf 3; the producer sending ~10 records/s; time advanced in
//! 16 ms animation frames), then times 200 seeks to random moments, and reports the
//! memory the snapshots hold (counted by a global allocator that tracks live bytes).
// A benchmark measures wall time on purpose (clippy.toml keeps the clock out of the core).
#![allow(clippy::disallowed_types)]
use replication_playground::script::session::Session;
use replication_playground::sim::rng::SimRng;
use std::time::Instant;

#[path = "support/counting_alloc.rs"]
mod counting_alloc;
#[path = "support/seek_session.rs"]
mod seek_session;

use seek_session::build_session;

#[global_allocator]
static ALLOCATOR: counting_alloc::Counting = counting_alloc::Counting;

const SEEKS: usize = 200;

fn live_bytes() -> usize {
    counting_alloc::live_bytes()
}

/// Allocations made while seeking (each seek clones a snapshot and replays).
fn allocations() -> usize {
    counting_alloc::allocations()
}

/// Bytes a deep copy of every snapshot takes: what the snapshots themselves hold.
fn snapshot_bytes(session: &Session) -> (usize, usize) {
    let mut total = 0;
    let mut count = 0;
    for cluster in session.snapshot_clusters() {
        let before = live_bytes();
        let copy = cluster.clone();
        total += live_bytes().saturating_sub(before);
        drop(copy);
        count += 1;
    }
    (count, total)
}

fn percentile(sorted_ms: &[f64], fraction: f64) -> f64 {
    let index = ((sorted_ms.len() - 1) as f64 * fraction).round() as usize;
    sorted_ms[index]
}

fn main() {
    let before = live_bytes();
    let started = Instant::now();
    let mut session = build_session();
    let build_s = started.elapsed().as_secs_f64();
    let session_bytes = live_bytes().saturating_sub(before);
    let hash = session.trace_hash();
    println!(
        "session: {} s simulated in {build_s:.2} s of wall time; {} events, {} queue items",
        session.end_ms() / 1000,
        session.events().len(),
        session.cluster().queue_items_processed()
    );

    let mut rng = SimRng::new(42);
    let mut times_ms = Vec::with_capacity(SEEKS);
    let allocations_before = allocations();
    for _ in 0..SEEKS {
        let target = rng.below(session.end_ms() + 1);
        let started = Instant::now();
        session.seek(target);
        times_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(session.now_ms(), target.min(session.end_ms()));
    }
    let allocations_per_seek = (allocations() - allocations_before) / SEEKS;
    session.back_to_live();
    assert_eq!(session.trace_hash(), hash, "seeking must not change the live end");

    times_ms.sort_by(f64::total_cmp);
    println!(
        "{SEEKS} random seeks: min {:.2} ms, median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        times_ms[0],
        percentile(&times_ms, 0.5),
        percentile(&times_ms, 0.95),
        times_ms[times_ms.len() - 1]
    );
    println!("allocations per seek: {allocations_per_seek}");
    let (count, bytes) = snapshot_bytes(&session);
    println!(
        "snapshots: {count}, {:.1} MB ({:.0} KB each on average)",
        bytes as f64 / 1e6,
        bytes as f64 / count.max(1) as f64 / 1e3
    );
    println!("whole session (trace, log, snapshots, live cluster): {:.1} MB", session_bytes as f64 / 1e6);
}
