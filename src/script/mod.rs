//! The scenario-script language (SCENARIO-SCRIPT.md): a parser from text to statements
//! (`parse/`), a runner that applies them to a cluster it borrows (commands through
//! `Cluster::apply`, time, assertions), a `ScriptRun` that owns a cluster and its trace
//! (`kafka-sim`), and the playground's `Session`, which owns the whole history (`session/`).
pub mod ast;
pub mod defend;
pub mod describe;
pub mod error;
pub mod lesson;
pub mod metrics_report;
pub mod parse;
pub mod preset;
pub mod query;
pub mod report;
pub mod runner;
pub mod script_run;
pub mod session;
pub mod share;
pub mod state_json;
pub mod trace_hash;
pub mod what_if;

pub use error::{ScriptError, ScriptErrorKind};
pub use parse::{error as parse_error, lexer};
pub use runner::Runner;
pub use script_run::ScriptRun;
