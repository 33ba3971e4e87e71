//! The one error a malformed script produces: where it went wrong and what was expected.
//! `kafka-sim` prints it and exits with status 2; the console shows it under the input.
use std::fmt;

/// The first problem found in a script. `line` and `column` are 1-based; the column counts
/// characters (not bytes), so it points at the right place in any editor, whatever the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl ParseError {
    pub fn new(line: u32, column: u32, message: impl Into<String>) -> ParseError {
        ParseError { line, column, message: message.into() }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, col {}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Line and column numbers are `u32`; a text longer than that is absurd but must not panic,
/// so positions past the limit all report the limit.
pub fn saturating_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// Error messages quote what the user wrote. A pasted megabyte must not become a megabyte
/// of error message, so long excerpts are cut (at a character boundary) and marked: the
/// core's `quote_input`, the one helper every message that echoes input uses.
pub fn excerpt(text: &str) -> String {
    crate::sim::config::quote_input(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_line_column_and_message() {
        let error = ParseError::new(4, 17, "expected acks=all|1|0, found acks=2");
        assert_eq!(error.to_string(), "line 4, col 17: expected acks=all|1|0, found acks=2");
    }

    #[test]
    fn long_excerpts_are_cut_at_a_character_boundary() {
        assert_eq!(excerpt("crsh"), "crsh");
        let long = "é".repeat(100);
        assert_eq!(excerpt(&long), format!("{}…", "é".repeat(80)));
        assert_eq!(excerpt(&"a".repeat(80)), "a".repeat(80), "80 characters are not cut");
    }

    #[test]
    fn positions_saturate_instead_of_wrapping() {
        assert_eq!(saturating_u32(7), 7);
        assert_eq!(saturating_u32(usize::MAX), u32::MAX);
    }
}
