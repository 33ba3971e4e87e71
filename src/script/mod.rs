//! The scenario-script language (SCENARIO-SCRIPT.md): a parser from text to statements,
//! a runner that applies them to a cluster it borrows (commands through `Cluster::apply`,
//! time, assertions), a `ScriptRun` that owns a cluster and its trace (`kafka-sim`), and the
//! playground's `Session`, which owns the whole history.
pub mod ast;
pub mod error;
pub mod lexer;
pub mod parse;
mod parse_cursor;
pub mod parse_error;
mod parse_options;
mod parse_values;
mod parse_words;
pub mod query;
pub mod runner;
pub mod script_run;
pub mod session;
mod session_export;
mod session_log;
mod session_markers;
mod session_snapshots;
pub mod share;
pub mod trace_hash;
mod verbs;

pub use error::{ScriptError, ScriptErrorKind};
pub use runner::Runner;
pub use script_run::ScriptRun;
pub mod report;
pub mod state_json;
