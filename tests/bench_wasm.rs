//! `make bench`: the standard workload in headless Chromium (wasm), to compare with the
//! native benchmark (benches/replication_hour.rs). Not part of `make test`: it takes a
//! while and measures, it does not assert a speed.
#![cfg(target_arch = "wasm32")]
use replication_playground::sim::workload::{build, run, Workload};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Sub-millisecond wall time (`performance.now()`; `Date.now()` has 1 ms steps).
fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// The same simulated hour as the native benchmark (benches/replication_hour.rs), so the
/// engine's compile-while-running warm-up (about 0.2 s of baseline code before the
/// optimising compiler's code is in) weighs in it as it does in a session on the page.
/// `BENCH_MINUTES` at build time shortens it, as it does natively at run time.
fn simulated_minutes() -> u64 {
    option_env!("BENCH_MINUTES").and_then(|m| m.parse().ok()).unwrap_or(60)
}

#[wasm_bindgen_test]
fn standard_workload_in_the_browser() {
    let workload = Workload { duration_ms: simulated_minutes() * 60_000, ..Workload::STANDARD };
    let mut cluster = build(&workload);
    let started = now_ms();
    let result = run(&mut cluster, &workload);
    let wall_s = (now_ms() - started) / 1000.0;
    console_log!("wasm workload: {workload:?}");
    console_log!("wasm simulated {} s in {wall_s:.2} s of wall time", result.simulated_ms / 1000);
    console_log!(
        "wasm events: {} ({:.2} million simulated events per second)",
        result.events,
        result.events as f64 / wall_s / 1e6
    );
    console_log!(
        "wasm queue items: {} ({:.2} million per second)",
        result.queue_items,
        result.queue_items as f64 / wall_s / 1e6
    );
    assert_eq!(result.safety_violations, 0);
}

#[path = "../benches/support/seek_session.rs"]
mod seek_session;

/// Seeking in a 10-minute session, in the browser (the native figure is benches/seek.rs).
#[wasm_bindgen_test]
fn seeking_a_ten_minute_session_in_the_browser() {
    let mut session = seek_session::build_session();
    let end = session.end_ms();
    let mut rng = replication_playground::sim::rng::SimRng::new(42);
    let mut times_ms = Vec::new();
    for _ in 0..200 {
        let target = rng.below(end + 1);
        let started = now_ms();
        session.seek(target);
        times_ms.push(now_ms() - started);
    }
    times_ms.sort_by(f64::total_cmp);
    let at = |f: f64| times_ms[((times_ms.len() - 1) as f64 * f).round() as usize];
    console_log!(
        "wasm seeks in a {} s session: median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        end / 1000,
        at(0.5),
        at(0.95),
        at(1.0)
    );
}

// The native benchmark uses the whole module; the browser plays and seeks with yields.
#[allow(dead_code)]
#[path = "../benches/support/long_sessions.rs"]
mod long_sessions;

/// Yields to the browser's event loop, so the test driver's requests are answered.
async fn yield_to_browser() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// The sessions a class builds (benches/support/long_sessions.rs), in the browser: build,
/// 100 seeks, reload (replayed, and from a checkpoint). The native figures, with memory, are benches/long_sessions.rs. Work
/// is done in slices with yields between them, as the page does it.
#[wasm_bindgen_test]
async fn long_sessions_in_the_browser() {
    for case in &long_sessions::CASES {
        let started = now_ms();
        let mut session = long_sessions::start(case);
        while !long_sessions::play_frames(case, &mut session, 50) {
            yield_to_browser().await;
        }
        let build_s = (now_ms() - started) / 1000.0;
        // The wasm memory grows and never shrinks: its size is the most the session took.
        let memory_mb = core::arch::wasm32::memory_size(0) as f64 * 65_536.0 / 1e6;
        console_log!(
            "wasm {}: {} s simulated, built in {build_s:.2} s, {} events, wasm memory {memory_mb:.0} MB",
            case.name,
            session.end_ms() / 1000,
            session.events().len()
        );
        let mut times = Vec::new();
        for target in long_sessions::seek_targets(&session) {
            yield_to_browser().await;
            let started = now_ms();
            session.seek(target);
            times.push(now_ms() - started);
        }
        session.back_to_live();
        times.sort_by(f64::total_cmp);
        console_log!("  100 seeks: {}", long_sessions::percentiles(&times));
        yield_to_browser().await;
        let (reload_s, bytes) = long_sessions::reload_s(&session, now_ms);
        console_log!("  reload (replaying a {bytes} byte saved copy): {reload_s:.2} s");
        yield_to_browser().await;
        let (write_s, checkpoint_bytes, resume_s) = long_sessions::checkpoint_reload_s(&session, now_ms);
        console_log!(
            "  reload from a checkpoint: {:.1} ms (checkpoint {:.0} kB, written in {:.1} ms)",
            resume_s * 1000.0,
            checkpoint_bytes as f64 / 1e3,
            write_s * 1000.0
        );
    }
}
