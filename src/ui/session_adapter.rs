//! A stand-in for `script::session::Session` (being written alongside this UI), with the
//! same method names, over `script::Runner`. Every change to the cluster goes through a
//! script line, so the session is always a script: export it, import it, share it.
//! When `src/script/session.rs` lands, `state.rs` switches its `use` and this file goes.
use std::fmt;

use crate::script::ast::Statement;
use crate::script::parse::{parse_line, parse_script};
use crate::script::{RunError, Runner};
use crate::sim::{Cluster, Event};

/// Why a line or a script was not applied. Nothing changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionError {
    pub message: String,
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<RunError> for SessionError {
    fn from(e: RunError) -> Self {
        SessionError { message: e.to_string() }
    }
}

/// A running cluster and the script that built it, line by line.
#[derive(Clone, Debug, Default)]
pub struct Session {
    runner: Runner,
    lines: Vec<String>,
    /// The last line is a `run` written by `advance`, so the next advance extends it.
    last_run_ms: Option<u64>,
    /// The last line is a `step` written by `step`, with this count.
    last_steps: Option<u32>,
}

impl Session {
    pub fn new() -> Self {
        Session::default()
    }

    /// Runs a whole script; a malformed script, a refused command or a failed assertion
    /// gives an error naming its line and no session.
    pub fn from_script(text: &str) -> Result<Session, SessionError> {
        let script = parse_script(text).map_err(|e| SessionError { message: format!("malformed: {e}") })?;
        let mut session = Session::new();
        for statement in &script.statements {
            session.runner.execute(&statement.node, statement.line)?;
            session.push(statement.node.to_string());
        }
        Ok(session)
    }

    /// Parses and runs one line. A malformed or refused line changes nothing; a blank line
    /// or a comment does nothing.
    pub fn execute(&mut self, line: &str) -> Result<(), SessionError> {
        let statement = match parse_line(line, 1) {
            Ok(Some(statement)) => statement,
            Ok(None) => return Ok(()),
            Err(e) => return Err(SessionError { message: format!("col {}: {}", e.column, e.message) }),
        };
        // Only lines that move time can fail after changing something (a failed `await`
        // or `expect` after a `run`): keep a copy to put back. Commands the cluster
        // refuses are checked before anything changes.
        let moves_time = matches!(statement, Statement::Await { .. } | Statement::Run(_) | Statement::Step(_));
        let backup = moves_time.then(|| self.runner.clone());
        match self.runner.execute(&statement, 1) {
            Ok(()) => {
                self.push(statement.to_string());
                Ok(())
            }
            Err(e) => {
                if let Some(backup) = backup {
                    self.runner = backup;
                }
                Err(SessionError { message: strip_line(&e.to_string()) })
            }
        }
    }

    /// Advances simulated time by `ms`, written into the script as `run`.
    pub fn advance(&mut self, ms: u64) {
        if ms == 0 {
            return;
        }
        // `run` never fails.
        let _ = self.runner.execute(&Statement::Run(ms), 1);
        let total = self.last_run_ms.map_or(ms, |prior| prior + ms);
        if self.last_run_ms.is_some() {
            self.lines.pop();
        }
        self.push(format!("run {total}ms"));
        self.last_run_ms = Some(total);
    }

    /// Processes the next queued event; false when nothing is queued.
    pub fn step(&mut self) -> bool {
        if self.runner.cluster().next_event_time().is_none() {
            return false;
        }
        let _ = self.runner.execute(&Statement::Step(1), 1);
        let count = self.last_steps.map_or(1, |n| n + 1);
        if self.last_steps.is_some() {
            self.lines.pop();
        }
        self.push(if count == 1 { "step".to_string() } else { format!("step {count}") });
        self.last_steps = Some(count);
        true
    }

    pub fn cluster(&self) -> &Cluster {
        self.runner.cluster()
    }

    pub fn now_ms(&self) -> u64 {
        self.runner.cluster().now_ms()
    }

    pub fn events(&self) -> &[Event] {
        self.runner.trace()
    }

    /// The session as a scenario script: running it gives this very state.
    pub fn export_script(&self) -> String {
        let mut text = String::from("# Kafka Replication Playground session\n");
        for line in &self.lines {
            text.push_str(line);
            text.push('\n');
        }
        text
    }

    pub fn trace_hash(&self) -> u64 {
        self.runner.trace_hash()
    }

    fn push(&mut self, line: String) {
        self.lines.push(line);
        self.last_run_ms = None;
        self.last_steps = None;
    }
}

/// "line 1: refused: no broker 9" reads as "refused: no broker 9" for a single line.
fn strip_line(message: &str) -> String {
    message.strip_prefix("line 1: ").unwrap_or(message).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_then_import_gives_the_same_run() {
        let mut s = Session::from_script("brokers 3 racks=a,b,c\ntopic create orders partitions=3 rf=3 min-isr=2 start=0").unwrap();
        s.execute("produce orders-0 hello").unwrap();
        s.advance(5);
        s.advance(7);
        assert!(s.step());
        assert!(s.step());
        s.execute("crash broker 1").unwrap();
        s.advance(100);
        let text = s.export_script();
        assert!(text.contains("run 12ms\nstep 2\n"), "{text}");
        let again = Session::from_script(&text).unwrap();
        assert_eq!(again.trace_hash(), s.trace_hash());
        assert_eq!(again.now_ms(), s.now_ms());
    }

    #[test]
    fn bad_lines_change_nothing() {
        let mut s = Session::from_script("brokers 1").unwrap();
        let before = s.export_script();
        assert!(s.execute("crash broker 9").is_err());
        assert!(s.execute("fly away").is_err());
        assert!(s.execute("await leader nope-0 = 1 within 1s").is_err());
        assert_eq!(s.export_script(), before);
        assert!(Session::from_script("brokers 1\nbogus").is_err());
    }
}
