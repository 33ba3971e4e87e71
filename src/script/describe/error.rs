//! What is wrong with a describe, line by line: the importer reports every malformed line
//! at once and imports nothing.
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribeError {
    /// 1-based line of the input.
    pub line: u32,
    pub message: String,
}

impl DescribeError {
    pub fn new(line: u32, message: impl Into<String>) -> Self {
        DescribeError { line, message: message.into() }
    }
}

impl fmt::Display for DescribeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Every error, one per line, in input order.
pub fn report(errors: &[DescribeError]) -> String {
    errors.iter().map(|e| format!("{e}\n")).collect()
}
