//! The browser UI: Yew function components, one per file, with the page state in a reducer
//! (`state.rs`). Components only render a `sim::ClusterView` and dispatch `state::Action`s;
//! the simulation itself lives in `crate::sim` and knows nothing about the web.
//!
//! `labels`, `racks` and `state` need no yew, so with `pub mod ui;` in lib.rs on every target
//! their unit tests run natively under `cargo test`; the components compile for wasm32 only,
//! where yew is a dependency (see Cargo.toml).

pub mod labels;
pub mod racks;
pub mod state;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod broker_card;
#[cfg(target_arch = "wasm32")]
mod header;
#[cfg(target_arch = "wasm32")]
mod partition_table;
#[cfg(target_arch = "wasm32")]
mod rack_group;
#[cfg(target_arch = "wasm32")]
mod replica_chip;
#[cfg(target_arch = "wasm32")]
mod role_legend;

#[cfg(target_arch = "wasm32")]
pub use app::App;
