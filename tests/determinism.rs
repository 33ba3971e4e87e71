//! Same seed, same trace: natively, twice, and equal to the recorded hash that the wasm
//! build must also produce (tests/wasm_determinism.rs).
mod support;

use support::determinism::{reference_run, EXPECTED_TRACE_HASH};

#[test]
fn the_reference_run_has_the_recorded_trace_hash() {
    let (hash, lines) = reference_run();
    eprintln!("reference run: {lines} trace lines, hash {hash:#018x}");
    assert!(lines > 1_000, "the reference run should be substantial, got {lines} lines");
    assert_eq!(hash, reference_run().0, "two runs of the same seed differ");
    assert_eq!(
        hash, EXPECTED_TRACE_HASH,
        "trace hash changed: if intended, update EXPECTED_TRACE_HASH to {hash:#018x}"
    );
}
