//! The browser UI: Yew function components, one per file in `components/`, with the page state in a reducer
//! (`state.rs`). Components render the views derived from the session and call the typed
//! `on_*` callbacks they are handed (`page_callbacks`); every change to the cluster is a
//! scenario-script statement run by the session, so a session is a script. Buttons and
//! forms build typed statements (`sim::Command`); only the console, imports and links hand
//! the session text. The simulation itself lives in `crate::sim` and knows nothing about
//! the web.
//!
//! `decimal`, `form_commands`, `broker_faults`, `labels`, `racks`, `layout`, `field`,
//! `state` and the files that share the state's work (`session_handle`, `prefs`,
//! `messages`, `embed`, `play_clock`, `slow_motion`, `narration`, `console_run`, `time_travel`, `sharing`,
//! `view_refresh`, `feed_lines`) need no yew, so their unit tests run natively under
//! `cargo test`; the components compile for wasm32 only, where yew is a dependency (see
//! Cargo.toml).

pub mod broker_faults;
pub mod decimal;
pub mod field;
pub mod form_commands;
pub mod labels;
pub mod layout;
pub mod racks;
pub mod stable_keys;
pub mod state;

#[cfg(any(target_arch = "wasm32", test))]
mod embed;
mod feed_lines;
#[cfg(any(test, feature = "full"))]
pub mod lesson_steps;
mod messages;
mod narration;
mod play_clock;
mod prefs;
#[cfg(test)]
mod preset_tests;
mod session_handle;
mod sharing;
mod slow_motion;
mod time_travel;
mod view_refresh;

#[cfg(target_arch = "wasm32")]
mod components;
mod console_run;
#[cfg(target_arch = "wasm32")]
mod deflate;
#[cfg(target_arch = "wasm32")]
mod describe_import;
#[cfg(target_arch = "wasm32")]
mod dom;
#[cfg(all(target_arch = "wasm32", feature = "full"))]
mod extras;
#[cfg(target_arch = "wasm32")]
mod focus_trap;
#[cfg(all(target_arch = "wasm32", feature = "browser-inflate"))]
mod inflate;
#[cfg(target_arch = "wasm32")]
mod js_glue;
#[cfg(target_arch = "wasm32")]
mod keyboard;
#[cfg(target_arch = "wasm32")]
mod page_callbacks;
#[cfg(target_arch = "wasm32")]
mod persist;
#[cfg(target_arch = "wasm32")]
mod persist_checkpoint;
#[cfg(target_arch = "wasm32")]
mod play_loop;
#[cfg(target_arch = "wasm32")]
mod shared_session;
#[cfg(target_arch = "wasm32")]
mod start;

#[cfg(target_arch = "wasm32")]
pub use components::app::App;
#[cfg(target_arch = "wasm32")]
pub use components::event_feed::EventFeed;
#[cfg(target_arch = "wasm32")]
pub use components::network_diagram::NetworkDiagram;
#[cfg(target_arch = "wasm32")]
pub use components::partition_view::PartitionViewPanel;
#[cfg(target_arch = "wasm32")]
pub use persist::STORAGE_KEY;
#[cfg(target_arch = "wasm32")]
pub use start::start;

// The full page's pure helpers (`extras`, compiled for wasm32 with the `full` feature), so
// their unit tests run natively under `cargo test` too.
#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(dead_code)]
#[path = "extras/metrics/health.rs"]
mod extras_health;
#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(dead_code)]
#[path = "extras/metrics/plot_scale.rs"]
mod extras_plot_scale;
#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(dead_code)]
#[path = "extras/spacetime/gather.rs"]
mod extras_spacetime_gather;
#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(dead_code)]
#[path = "extras/spacetime/layout.rs"]
mod extras_spacetime_layout;
