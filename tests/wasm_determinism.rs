//! The wasm build, in headless Chromium, replays the reference run to the same trace
//! hash as the native build: the core is deterministic across platforms.
#![cfg(target_arch = "wasm32")]
mod support;

use support::determinism::{reference_run, EXPECTED_TRACE_HASH};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn wasm_gives_the_same_trace_hash_as_native() {
    let (hash, _) = reference_run();
    assert_eq!(hash, EXPECTED_TRACE_HASH);
}
