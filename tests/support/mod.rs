#![allow(dead_code)] // each test binary uses a different part of the support code
pub mod determinism;
pub mod fault_plan;
pub mod client_history;
pub mod sweep;
