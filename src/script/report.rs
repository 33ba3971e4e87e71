//! The text of a run as `kafka-sim run` prints it: one narrated line per event, then
//! `ok` or `FAILED` with the reason. Golden trace files hold exactly this text.
use super::error::ScriptError;
use super::script_run::ScriptRun;

/// The full report: trace lines, then the outcome line.
pub fn run_report(run: &ScriptRun, result: &Result<(), ScriptError>) -> String {
    let mut text = String::new();
    for line in run.trace_lines() {
        text.push_str(&line);
        text.push('\n');
    }
    text.push_str(&outcome_line(result));
    text.push('\n');
    text
}

pub fn outcome_line(result: &Result<(), ScriptError>) -> String {
    match result {
        Ok(()) => "ok".to_string(),
        Err(error) => format!("FAILED {error}"),
    }
}
