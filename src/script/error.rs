//! The one error a script statement, a console line or a whole script gives back: where
//! (the script line, when there is one) and why, typed until it is shown. Nothing changed
//! when it is returned. `kafka-sim` prints it after `FAILED` and exits with `exit_code`; the
//! page shows it under the field that sent the line.
use std::fmt;

use super::ast::format_duration;
use super::parse_error::ParseError;
use crate::sim::SimError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptError {
    /// The 1-based script line; `None` for a line typed at the console.
    pub line: Option<u32>,
    pub kind: ScriptErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScriptErrorKind {
    /// The text is not a statement: the parser's line, column and what it expected.
    Malformed(ParseError),
    /// The cluster refused the command (an unknown broker, rf above the brokers, ...).
    Refused(SimError),
    /// `seed` after the cluster was built or driven: it would discard all of that.
    SeedTooLate,
    /// The session would pass one of its limits (`script::session`).
    Limit(SessionLimit),
    /// An `expect` or `await` did not hold; the message has the query, expected and actual.
    AssertionFailed(String),
}

/// The limits that keep a session within a browser tab's time and memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionLimit {
    /// `MAX_SESSION_MS` of simulated time.
    Time { max_ms: u64 },
    /// `MAX_SESSION_EVENTS`, reached at `stopped_at_ms`.
    Events { max_events: usize, stopped_at_ms: u64 },
}

impl ScriptError {
    pub fn new(line: Option<u32>, kind: ScriptErrorKind) -> Self {
        ScriptError { line, kind }
    }

    /// A parse error keeps its own line (console lines are parsed as line 1 and have none).
    pub fn malformed(error: ParseError, line: Option<u32>) -> Self {
        ScriptError { line, kind: ScriptErrorKind::Malformed(error) }
    }

    /// `kafka-sim`'s exit status: 2 for a malformed script, 1 for any other failure.
    pub fn exit_code(&self) -> i32 {
        match self.kind {
            ScriptErrorKind::Malformed(_) => 2,
            _ => 1,
        }
    }

    pub fn is_refusal(&self) -> bool {
        matches!(self.kind, ScriptErrorKind::Refused(_) | ScriptErrorKind::SeedTooLate | ScriptErrorKind::Limit(_))
    }
}

impl fmt::Display for ScriptErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScriptErrorKind::Malformed(error) => write!(f, "col {}: {}", error.column, error.message),
            ScriptErrorKind::Refused(error) => error.fmt(f),
            ScriptErrorKind::SeedTooLate => {
                f.write_str("seed must come before the first command that builds or drives the cluster")
            }
            ScriptErrorKind::Limit(limit) => limit.fmt(f),
            ScriptErrorKind::AssertionFailed(message) => f.write_str(message),
        }
    }
}

impl fmt::Display for SessionLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionLimit::Time { max_ms } => {
                write!(f, "a session is limited to {} of simulated time", format_duration(*max_ms))
            }
            SessionLimit::Events { max_events, stopped_at_ms } => {
                let at = format_duration(*stopped_at_ms);
                write!(f, "a session holds at most {max_events} events; this one stops at {at}")
            }
        }
    }
}

/// In a script, as `kafka-sim` has always printed it (golden traces hold these lines):
/// `line 3, col 7: ...`, `line 3: refused: ...`, `line 3: expected ...`. At the console, with
/// no line to name, the kind comes first: `malformed: col 7: ...`, `refused: ...`,
/// `failed: ...`. Always one line, whatever the message holds.
impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match &self.kind {
            ScriptErrorKind::Malformed(_) => "malformed",
            ScriptErrorKind::AssertionFailed(_) => "failed",
            _ => "refused",
        };
        let text = match (self.line, &self.kind) {
            (Some(_), ScriptErrorKind::Malformed(error)) => error.to_string(),
            (Some(line), ScriptErrorKind::AssertionFailed(message)) => format!("line {line}: {message}"),
            (Some(line), other) => format!("line {line}: {kind}: {other}"),
            (None, other) => format!("{kind}: {other}"),
        };
        f.write_str(&text.replace(['\n', '\r'], " "))
    }
}

impl std::error::Error for ScriptError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_lines_read_as_kafka_sim_prints_them_and_console_lines_lead_with_the_kind() {
        let refused = ScriptErrorKind::Refused(SimError::UnknownBroker(9));
        assert_eq!(ScriptError::new(Some(7), refused.clone()).to_string(), "line 7: refused: there is no broker 9");
        assert_eq!(ScriptError::new(None, refused).to_string(), "refused: there is no broker 9");
        let malformed = ParseError::new(3, 5, "expected a number");
        assert_eq!(ScriptError::malformed(malformed.clone(), Some(3)).to_string(), "line 3, col 5: expected a number");
        assert_eq!(ScriptError::malformed(malformed, None).to_string(), "malformed: col 5: expected a number");
        let failed = ScriptErrorKind::AssertionFailed("expected leader t-0 = 1, actual 2".into());
        assert_eq!(ScriptError::new(Some(4), failed.clone()).to_string(), "line 4: expected leader t-0 = 1, actual 2");
        assert_eq!(ScriptError::new(None, failed).to_string(), "failed: expected leader t-0 = 1, actual 2");
        assert_eq!(ScriptError::new(Some(1), ScriptErrorKind::Malformed(ParseError::new(1, 1, "x"))).exit_code(), 2);
    }
}
