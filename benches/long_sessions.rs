//! `cargo bench --bench long_sessions`: the sessions a class actually builds, not only the
//! small one `seek` measures. Each is built as the page builds it (the play loop advancing
//! time in animation frames at the given speed), then measured as a person uses it:
//! - seek: 100 random timeline seeks (p50 / p95 / max);
//! - reload: replaying the saved copy (`export_script`) into a new session, as a reload
//!   without a checkpoint does; and resuming it with the checkpoint saved beside it (its
//!   size, and the time writing it takes);
//! - memory: live heap bytes the whole session holds (trace, command log, snapshots).
//!
//! Sessions: the 50×500 preset played 10 minutes at 100× with a 100 records/s steady rate,
//! and the default cluster (3 brokers, 3 partitions) played 8 hours at 1000×.
//! `LONG_SESSIONS=default-8h` (or `fifty-10m`) runs one.
// A benchmark measures wall time on purpose (clippy.toml keeps the clock out of the core).
#![allow(clippy::disallowed_types)]
use std::sync::OnceLock;
use std::time::Instant;

use replication_playground::script::session::Session;

#[path = "support/counting_alloc.rs"]
mod counting_alloc;
#[path = "support/long_sessions.rs"]
mod long_sessions;

use long_sessions::{build, checkpoint_reload_s, percentiles, reload_s, seek_times_ms, Case, CASES};

#[global_allocator]
static ALLOCATOR: counting_alloc::Counting = counting_alloc::Counting;

fn now_ms() -> f64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

/// Bytes a deep copy of every snapshot takes: what the snapshots themselves hold.
fn snapshot_bytes(session: &Session) -> (usize, usize) {
    let mut total = 0;
    let mut count = 0;
    for cluster in session.snapshot_clusters() {
        let before = counting_alloc::live_bytes();
        let copy = cluster.clone();
        total += counting_alloc::live_bytes().saturating_sub(before);
        drop(copy);
        count += 1;
    }
    (count, total)
}

fn measure(case: &Case) {
    let before = counting_alloc::live_bytes();
    let started = now_ms();
    let mut session = build(case);
    let build_s = (now_ms() - started) / 1000.0;
    let bytes = counting_alloc::live_bytes().saturating_sub(before);
    println!(
        "{}: {} s simulated, built in {build_s:.2} s; {} events, {} queue items; session holds {:.0} MB",
        case.name,
        session.end_ms() / 1000,
        session.events().len(),
        session.cluster().queue_items_processed(),
        bytes as f64 / 1e6
    );
    let (count, snapshots) = snapshot_bytes(&session);
    let event_bytes = std::mem::size_of::<replication_playground::sim::Event>();
    let trace_mb = std::mem::size_of_val(session.events()) as f64 / 1e6;
    println!(
        "  of which: trace {trace_mb:.0} MB ({event_bytes} bytes an event), {count} snapshots {:.0} MB",
        snapshots as f64 / 1e6
    );
    println!("  100 seeks: {}", percentiles(&seek_times_ms(&mut session, now_ms)));
    let (reload, script_bytes) = reload_s(&session, now_ms);
    println!("  reload (replaying a {script_bytes} byte saved copy): {reload:.2} s");
    let (write_s, checkpoint_bytes, resume_s) = checkpoint_reload_s(&session, now_ms);
    println!(
        "  reload from a checkpoint: {:.1} ms (checkpoint {:.0} kB, written in {:.1} ms)",
        resume_s * 1000.0,
        checkpoint_bytes as f64 / 1e3,
        write_s * 1000.0
    );
}

fn main() {
    let only = std::env::var("LONG_SESSIONS").ok();
    for case in CASES.iter().filter(|c| only.as_deref().is_none_or(|o| o == c.name)) {
        measure(case);
    }
}
