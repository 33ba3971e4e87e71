//! The sessions a class builds, measured natively (benches/long_sessions.rs) and in the
//! browser (tests/bench_wasm.rs) with the same code: built as the page builds them (the play
//! loop advancing time in 16 ms frames at the given speed), then 100 random timeline seeks,
//! then a reload (replaying the saved copy, `export_script`, into a new session).
use replication_playground::script::session::Session;
use replication_playground::sim::rng::SimRng;

const SEEKS: usize = 100;
const FRAME_WALL_MS: u64 = 16;

pub struct Case {
    pub name: &'static str,
    setup: &'static [&'static str],
    speed: u64,
    length_ms: u64,
}

/// The 50×500 preset played 10 minutes at 100× with a 100 records/s steady rate, and the
/// default cluster (3 brokers, 3 partitions) played 8 hours at 1000×.
pub const CASES: [Case; 2] = [
    Case {
        name: "fifty-10m",
        setup: &[
            "brokers 50 racks=a,b,c",
            "topic create orders partitions=500 rf=3 min-isr=2 start=0",
            "run 10ms",
            "steady-rate orders 100 acks=all",
        ],
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

pub fn build(case: &Case) -> Session {
    let mut session = start(case);
    while !play_frames(case, &mut session, usize::MAX) {}
    session
}

/// The case's cluster, before any play.
pub fn start(case: &Case) -> Session {
    let mut session = Session::new();
    for line in case.setup {
        session.execute(line).expect("the setup is valid");
    }
    session
}

/// Plays up to `frames` animation frames; true once the session is as long as the case.
/// (The browser benchmark yields between calls, so the page's driver is not kept waiting.)
pub fn play_frames(case: &Case, session: &mut Session, frames: usize) -> bool {
    let frame_ms = FRAME_WALL_MS * case.speed;
    for _ in 0..frames {
        if session.now_ms() >= case.length_ms {
            break;
        }
        session.advance(frame_ms.min(case.length_ms - session.now_ms()));
    }
    session.now_ms() >= case.length_ms
}

/// The moments the seeks go to, the same natively and in the browser.
pub fn seek_targets(session: &Session) -> Vec<u64> {
    let mut rng = SimRng::new(7);
    (0..SEEKS).map(|_| rng.below(session.end_ms() + 1)).collect()
}

/// Wall times of `SEEKS` random seeks, sorted, in ms.
pub fn seek_times_ms(session: &mut Session, now_ms: fn() -> f64) -> Vec<f64> {
    let mut times: Vec<f64> = seek_targets(session)
        .into_iter()
        .map(|target| {
            let started = now_ms();
            session.seek(target);
            now_ms() - started
        })
        .collect();
    session.back_to_live();
    times.sort_by(f64::total_cmp);
    times
}

/// "p50 .. ms, p95 .. ms, max .. ms" of sorted times.
pub fn percentiles(sorted_ms: &[f64]) -> String {
    let at = |f: f64| sorted_ms[((sorted_ms.len() - 1) as f64 * f).round() as usize];
    format!("p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms", at(0.5), at(0.95), at(1.0))
}

/// Seconds a reload takes: the saved copy replayed into a new session, which must give the
/// same trace.
pub fn reload_s(session: &Session, now_ms: fn() -> f64) -> (f64, usize) {
    let script = session.export_script();
    let started = now_ms();
    let reloaded = Session::from_script(&script).expect("the saved copy replays");
    let seconds = (now_ms() - started) / 1000.0;
    assert_eq!(reloaded.trace_hash(), session.trace_hash(), "a reload gives the same session");
    (seconds, script.len())
}

/// A reload from a checkpoint: the seconds writing the checkpoint takes (the page does it
/// when it saves), its size in bytes, and the seconds resuming the saved copy with it
/// takes; the resumed session must give the same trace hash and saved copy.
pub fn checkpoint_reload_s(session: &Session, now_ms: fn() -> f64) -> (f64, usize, f64) {
    let script = session.export_script();
    let started = now_ms();
    let checkpoint = session.checkpoint().expect("the live end");
    let write_s = (now_ms() - started) / 1000.0;
    let started = now_ms();
    let resumed = Session::resume(&script, &checkpoint).expect("the saved copy replays");
    let resume_s = (now_ms() - started) / 1000.0;
    assert_eq!(resumed.checkpoint, Ok(()), "the checkpoint was used");
    assert_eq!(resumed.session.trace_hash(), session.trace_hash(), "a reload gives the same session");
    assert_eq!(resumed.session.export_script(), script);
    (write_s, checkpoint.len(), resume_s)
}
