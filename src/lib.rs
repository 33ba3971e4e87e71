//! The Kafka Replication Playground.
//!
//! Dependencies point one way: `ui` → `script` → `sim`. The core (`sim`) is a pure,
//! deterministic simulation of Kafka's partition replication; `script` is the scenario
//! language on top of it; `ui` is the Yew playground (browser builds only).
pub mod script;
pub mod sim;
pub mod ui;

/// The simulator as an ES module for other pages (`dist/sim/`), never in the page's bundle.
#[cfg(all(target_arch = "wasm32", feature = "js-api"))]
pub mod js_api;

/// In the browser, talc instead of the default dlmalloc: the simulation allocates and
/// frees message buffers at a high rate, and talc is both faster and smaller there.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
