//! The scenario-script language (SCENARIO-SCRIPT.md): a parser from text to statements,
//! and a runner that applies them to the core, advances time, checks assertions and
//! collects the trace.
pub mod ast;
pub mod lexer;
pub mod parse;
mod parse_cursor;
pub mod parse_error;
mod parse_options;
mod parse_values;
mod parse_words;
pub mod query;
pub mod runner;
pub mod session;
mod session_export;
mod session_log;
mod session_markers;
mod session_snapshots;
pub mod share;
mod verbs;

pub use runner::{RunError, Runner};
pub mod report;
pub mod state_json;
