//! `cargo bench --bench long_sessions`: the sessions a class actually builds, not only the
//! small one `seek` measures. Each is built as the page builds it (the play loop advancing
//! time in animation frames at the given speed), then measured as a person uses it:
//! - seek: 100 random timeline seeks (p50 / p95 / max);
//! - reload: replaying the saved copy (`export_script`) into a new session, as a reload does;
//! - memory: live heap bytes the whole session holds (trace, command log, snapshots).
//!
//! Sessions: the 50×500 preset played 10 minutes at 100× with a 100 records/s steady rate,
//! and the default cluster (3 brokers, 3 partitions) played 8 hours at 1000×.
//! `LONG_SESSIONS=default-8h` (or `fifty-10m`) runs one.
use std::time::Instant;

use replication_playground::script::session::Session;
use replication_playground::sim::rng::SimRng;

#[path = "support/counting_alloc.rs"]
mod counting_alloc;

#[global_allocator]
static ALLOCATOR: counting_alloc::Counting = counting_alloc::Counting;

const SEEKS: usize = 100;
const FRAME_WALL_MS: u64 = 16;

struct Case {
    name: &'static str,
    setup: &'static [&'static str],
    speed: u64,
    length_ms: u64,
}

const CASES: [Case; 2] = [
    Case {
        name: "fifty-10m",
        setup: &["brokers 50 racks=a,b,c", "topic create orders partitions=500 rf=3 min-isr=2 start=0", "run 10ms", "steady-rate orders 100 acks=all"],
        speed: 100,
        length_ms: 10 * 60 * 1000,
    },
    Case {
        name: "default-8h",
        setup: &["brokers 3 racks=a,b,c", "topic create orders partitions=3 rf=3 min-isr=2 start=0", "run 10ms"],
        speed: 1000,
        length_ms: 8 * 60 * 60 * 1000,
    },
];

fn build(case: &Case) -> Session {
    let mut session = Session::new();
    for line in case.setup {
        session.execute(line).expect("the setup is valid");
    }
    let frame_ms = FRAME_WALL_MS * case.speed;
    while session.now_ms() < case.length_ms {
        session.advance(frame_ms.min(case.length_ms - session.now_ms()));
    }
    session
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

fn percentile(sorted: &[f64], fraction: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * fraction).round() as usize]
}

fn measure(case: &Case) {
    let before = counting_alloc::live_bytes();
    let started = Instant::now();
    let mut session = build(case);
    let build_s = started.elapsed().as_secs_f64();
    let bytes = counting_alloc::live_bytes().saturating_sub(before);
    println!(
        "{}: {} s simulated, built in {build_s:.2} s; {} events, {} queue items; session holds {:.0} MB",
        case.name,
        session.end_ms() / 1000,
        session.events().len(),
        session.cluster().queue_items_processed(),
        bytes as f64 / 1e6
    );
    let (count, snapshot_bytes) = snapshot_bytes(&session);
    let trace_bytes = session.events().len() * std::mem::size_of::<replication_playground::sim::Event>();
    println!(
        "  of which: trace {:.0} MB ({} bytes an event), {count} snapshots {:.0} MB",
        trace_bytes as f64 / 1e6,
        std::mem::size_of::<replication_playground::sim::Event>(),
        snapshot_bytes as f64 / 1e6
    );
    let hash = session.trace_hash();
    let mut rng = SimRng::new(7);
    let mut times_ms: Vec<f64> = (0..SEEKS)
        .map(|_| {
            let target = rng.below(session.end_ms() + 1);
            let started = Instant::now();
            session.seek(target);
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    session.back_to_live();
    times_ms.sort_by(f64::total_cmp);
    println!(
        "  {SEEKS} seeks: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        percentile(&times_ms, 0.5),
        percentile(&times_ms, 0.95),
        times_ms[SEEKS - 1]
    );
    let script = session.export_script();
    let started = Instant::now();
    let reloaded = Session::from_script(&script).expect("the saved copy replays");
    let reload_s = started.elapsed().as_secs_f64();
    assert_eq!(reloaded.trace_hash(), hash, "a reload gives the same session");
    println!("  reload (replaying a {} byte saved copy): {reload_s:.2} s", script.len());
}

fn main() {
    let only = std::env::var("LONG_SESSIONS").ok();
    for case in CASES.iter().filter(|c| only.as_deref().is_none_or(|o| o == c.name)) {
        measure(case);
    }
}
