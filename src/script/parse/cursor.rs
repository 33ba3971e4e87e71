//! The parser's cursor over one line's tokens: peeking and advancing, the fixed keywords a
//! command expects, and the wording of every error in context ("expected X, found 'T'",
//! "expected X after 'what was read'", unknown words with a suggestion). The readers of
//! positional arguments (numbers, nodes, partitions, values) extend it in `parse_values`;
//! this file holds only what every reader shares.
use super::error::{excerpt, ParseError};
use super::lexer::{Token, TokenKind};
use super::verbs::closest;

/// Reads one line's tokens in order and words errors in context.
pub(super) struct Cursor<'t> {
    pub(super) tokens: &'t [Token],
    pub(super) next: usize,
    pub(super) line_no: u32,
}

impl<'t> Cursor<'t> {
    pub(super) fn peek(&self) -> Option<&'t Token> {
        self.tokens.get(self.next)
    }

    pub(super) fn advance(&mut self) -> Option<&'t Token> {
        let token = self.peek();
        if token.is_some() {
            self.next += 1;
        }
        token
    }

    /// The bare word `ahead` tokens past the next one, if it is a bare word.
    pub(super) fn peek_word_at(&self, ahead: usize) -> Option<&'t str> {
        match &self.tokens.get(self.next + ahead)?.kind {
            TokenKind::Word(word) => Some(word),
            _ => None,
        }
    }

    pub(super) fn peek_word(&self) -> Option<&'t str> {
        self.peek_word_at(0)
    }

    pub(super) fn at_end(&self) -> bool {
        self.peek().is_none()
    }

    fn consumed(&self) -> &'t [Token] {
        self.tokens.get(..self.next).unwrap_or_default()
    }

    /// An error pointing at `token`: "expected X, found 'T'".
    pub(super) fn found(&self, token: &Token, expected: &str) -> ParseError {
        self.error_at(token, format!("expected {expected}, found '{}'", excerpt(&token.raw)))
    }

    pub(super) fn error_at(&self, token: &Token, message: impl Into<String>) -> ParseError {
        ParseError::new(self.line_no, token.column, message)
    }

    /// The line ended too soon: "expected X after 'what was read'", pointing just past
    /// the last word read, where the missing one belongs.
    pub(super) fn missing(&self, expected: &str) -> ParseError {
        let column = self.consumed().last().map_or(1, Token::end_column);
        let message = format!("expected {expected} after '{}'", self.read_so_far());
        ParseError::new(self.line_no, column, message)
    }

    /// The words read so far, as written, to say where in the command something went wrong.
    fn read_so_far(&self) -> String {
        let read: Vec<&str> = self.consumed().iter().map(|token| token.raw.as_str()).collect();
        excerpt(&read.join(" "))
    }

    pub(super) fn next_token(&mut self, expected: &str) -> Result<&'t Token, ParseError> {
        match self.advance() {
            Some(token) => Ok(token),
            None => Err(self.missing(expected)),
        }
    }

    /// A bare word; quoted values, lists and options are not words.
    pub(super) fn next_word(&mut self, expected: &str) -> Result<(&'t Token, &'t str), ParseError> {
        let token = self.next_token(expected)?;
        match &token.kind {
            TokenKind::Word(word) => Ok((token, word.as_str())),
            _ => Err(self.found(token, expected)),
        }
    }

    pub(super) fn expect_end(&self) -> Result<(), ParseError> {
        match self.peek() {
            None => Ok(()),
            Some(token) => {
                let expected = format!("the end of the line after '{}'", self.read_so_far());
                Err(self.found(token, &expected))
            }
        }
    }

    pub(super) fn expect_keyword(&mut self, keyword: &'static str) -> Result<(), ParseError> {
        self.expect_one_of(&[keyword]).map(|_| ())
    }

    /// One of a few fixed words; a near miss gets a suggestion.
    pub(super) fn expect_one_of(&mut self, keywords: &[&'static str]) -> Result<&'static str, ParseError> {
        let quoted: Vec<String> = keywords.iter().map(|keyword| format!("'{keyword}'")).collect();
        let expected = quoted.join(" or ");
        let token = self.next_token(&expected)?;
        let found = match &token.kind {
            TokenKind::Word(word) => keywords.iter().find(|keyword| *keyword == word),
            _ => None,
        };
        match found {
            Some(keyword) => Ok(keyword),
            None => {
                let mut error = self.found(token, &expected);
                if let Some(suggestion) = closest(&token.raw, keywords) {
                    error.message.push_str(&format!("; did you mean '{suggestion}'?"));
                }
                Err(error)
            }
        }
    }

    /// "unknown command 'crsh'; expected one of: seed, set, ...; did you mean 'crash'?"
    pub(super) fn unknown_word(&self, token: &Token, what: &str, known: &[&str]) -> ParseError {
        let mut message = format!("unknown {what} '{}'; expected one of: {}", excerpt(&token.raw), known.join(", "));
        if let Some(suggestion) = closest(&token.raw, known) {
            message.push_str(&format!("; did you mean '{suggestion}'?"));
        }
        self.error_at(token, message)
    }
}
