//! The reference run whose trace hash must be the same natively and in wasm: a random
//! fault plan (crashes, power-offs, cuts, produce/consume) and a healing phase.
//! After an intended change of behaviour or wording, update `EXPECTED_TRACE_HASH` with
//! the value `cargo test --test determinism -- --nocapture` prints.
use super::fault_plan::{run_plan, Settings};

pub const EXPECTED_TRACE_HASH: u64 = 0x2873_0170_9b43_4122;

/// (trace hash, number of trace lines) of the reference run.
pub fn reference_run() -> (u64, usize) {
    let run = run_plan(42, Settings::Safe, 80, true);
    assert!(run.error.is_none(), "the reference run must converge: {:?}", run.error);
    (run.runner.trace_hash(), run.runner.trace().len())
}
