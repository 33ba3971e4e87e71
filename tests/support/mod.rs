#![allow(dead_code)] // each test binary uses a different part of the support code
pub mod client_history;
pub mod determinism;
pub mod fault_plan;
// Threads and the wall clock: native only (the wasm tests share this module tree).
pub mod checkpoint;
#[cfg(not(target_arch = "wasm32"))]
pub mod sweep;
