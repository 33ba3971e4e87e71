//! `make bench`: the standard workload in headless Chromium (wasm), to compare with the
//! native benchmark (benches/replication_hour.rs). Not part of `make test`: it takes a
//! while and measures, it does not assert a speed.
#![cfg(target_arch = "wasm32")]
use replication_playground::sim::workload::{build, run, Workload};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SIMULATED_MINUTES: u64 = 10;

#[wasm_bindgen_test]
fn standard_workload_in_the_browser() {
    let workload = Workload { duration_ms: SIMULATED_MINUTES * 60_000, ..Workload::STANDARD };
    let mut cluster = build(&workload);
    let started = js_sys::Date::now();
    let result = run(&mut cluster, &workload);
    let wall_s = (js_sys::Date::now() - started) / 1000.0;
    console_log!("wasm workload: {workload:?}");
    console_log!("wasm simulated {} s in {wall_s:.2} s of wall time", result.simulated_ms / 1000);
    console_log!("wasm events: {} ({:.2} million simulated events per second)", result.events, result.events as f64 / wall_s / 1e6);
    console_log!("wasm queue items: {} ({:.2} million per second)", result.queue_items, result.queue_items as f64 / wall_s / 1e6);
    assert_eq!(result.safety_violations, 0);
}
