//! The page's components, one per file: each renders the views it is handed and calls the
//! typed `on_*` callbacks it gets; none reads or changes the page state itself (that is
//! `crate::ui::state`, with its effects in `play_loop`, `persist`, `keyboard` and
//! `page_callbacks`). They compile for wasm32 only, where yew is a dependency.
pub mod app;
pub mod branch_notice;
pub mod broker_actions;
pub mod broker_card;
pub mod client_node;
pub mod cluster_controls;
pub mod console;
pub mod controller_quorum;
pub mod event_feed;
pub mod field_message;
pub mod header;
pub mod key_help;
pub mod network_diagram;
pub mod network_links;
pub mod network_message;
pub mod network_nodes;
pub mod panels;
pub mod partition_table;
pub mod partition_view;
pub mod preset_picker;
pub mod produce_controls;
pub mod rack_group;
pub mod replica_chip;
pub mod replica_log;
pub mod role_legend;
pub mod session_bar;
pub mod settings_panel;
pub mod timeline;
pub mod violation_banner;
