//! The browser UI: Yew function components, one per file, with the page state in a reducer
//! (`state.rs`). Components render views of the cluster and dispatch `state::Action`s; every
//! change to the cluster is a scenario-script line run by the session, so a session is a
//! script. The simulation itself lives in `crate::sim` and knows nothing about the web.
//!
//! `decimal`, `form_lines`, `labels`, `racks`, `layout`, `state` and the files that share
//! the state's work (`preset`, `play_clock`, `time_travel`, `sharing`,
//! `view_refresh`, `feed_lines`) need no yew, so their unit tests run natively under
//! `cargo test`; the components compile for wasm32 only, where yew is a dependency (see
//! Cargo.toml).

pub mod decimal;
pub mod form_lines;
pub mod labels;
pub mod layout;
pub mod racks;
pub mod state;

mod feed_lines;
mod play_clock;
mod preset;
mod sharing;
mod time_travel;
mod view_refresh;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod branch_notice;
#[cfg(target_arch = "wasm32")]
mod broker_actions;
#[cfg(target_arch = "wasm32")]
mod broker_card;
#[cfg(target_arch = "wasm32")]
mod client_node;
#[cfg(target_arch = "wasm32")]
mod cluster_controls;
#[cfg(target_arch = "wasm32")]
mod console;
mod console_run;
#[cfg(target_arch = "wasm32")]
mod controller_quorum;
#[cfg(target_arch = "wasm32")]
mod dom;
#[cfg(target_arch = "wasm32")]
mod event_feed;
#[cfg(target_arch = "wasm32")]
mod field_message;
#[cfg(target_arch = "wasm32")]
mod header;
#[cfg(target_arch = "wasm32")]
mod key_help;
#[cfg(target_arch = "wasm32")]
mod keyboard;
#[cfg(target_arch = "wasm32")]
mod network_diagram;
#[cfg(target_arch = "wasm32")]
mod network_message;
#[cfg(target_arch = "wasm32")]
mod network_nodes;
#[cfg(target_arch = "wasm32")]
mod panels;
#[cfg(target_arch = "wasm32")]
mod partition_table;
#[cfg(target_arch = "wasm32")]
mod partition_view;
#[cfg(target_arch = "wasm32")]
mod persist;
#[cfg(target_arch = "wasm32")]
mod play_loop;
#[cfg(target_arch = "wasm32")]
mod produce_controls;
#[cfg(target_arch = "wasm32")]
mod rack_group;
#[cfg(target_arch = "wasm32")]
mod replica_chip;
#[cfg(target_arch = "wasm32")]
mod replica_log;
#[cfg(target_arch = "wasm32")]
mod role_legend;
#[cfg(target_arch = "wasm32")]
mod session_bar;
#[cfg(target_arch = "wasm32")]
mod settings_panel;
#[cfg(target_arch = "wasm32")]
mod timeline;
#[cfg(target_arch = "wasm32")]
mod violation_banner;

#[cfg(target_arch = "wasm32")]
pub use app::App;
#[cfg(target_arch = "wasm32")]
pub use event_feed::EventFeed;
#[cfg(target_arch = "wasm32")]
pub use key_help::KeyHelp;
#[cfg(target_arch = "wasm32")]
pub use network_diagram::NetworkDiagram;
#[cfg(target_arch = "wasm32")]
pub use partition_view::PartitionViewPanel;
#[cfg(target_arch = "wasm32")]
pub use persist::STORAGE_KEY;
#[cfg(target_arch = "wasm32")]
pub use timeline::Timeline;
