//! Splits one script line into tokens. The lexer knows the shapes of words (bare, quoted,
//! lists, `key=value`) but no command: the parser gives them meaning. Working on characters
//! rather than bytes keeps columns right for any UTF-8 text and makes slicing panic-free.
use super::error::{excerpt, saturating_u32, ParseError};

const COMMENT: char = '#';
const QUOTE: char = '"';
const ESCAPE: char = '\\';
const LIST_OPEN: char = '[';
const LIST_CLOSE: char = ']';
const LIST_SEPARATOR: char = ',';
const ASSIGN: char = '=';

/// One word of a line, with where it starts and how it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// 1-based character column of the token's first character.
    pub column: u32,
    /// The token exactly as written (quotes and escapes included): error messages quote it.
    pub raw: String,
    pub kind: TokenKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A bare word: `crash`, `orders-0`, `250ms`, a lone `=`.
    Word(String),
    /// A double-quoted value, escapes decoded: `"hello world"`.
    Quoted(String),
    /// `[1, 2, 3]`: one token even with spaces inside. Lists do not nest.
    List(Vec<ListItem>),
    /// `key=value`, where the value is itself a word, a quoted value or a list token
    /// (`key="a b"`, `racks=[a,b]`). The lexer splits here so a quoted option value
    /// may hold spaces; the parser decides which keys a command accepts.
    Assign { key: String, value: Box<Token> },
}

/// One element of a list: a bare word or a quoted value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListItem {
    pub column: u32,
    pub text: String,
    pub quoted: bool,
}

impl Token {
    /// The column just past the token's last character: where a missing word would go.
    pub fn end_column(&self) -> u32 {
        self.column.saturating_add(saturating_u32(self.raw.chars().count()))
    }
}

/// Tokens of one line; an empty list for a blank or comment-only line.
pub fn tokenize(line: &str, line_no: u32) -> Result<Vec<Token>, ParseError> {
    let mut lexer = Lexer { chars: line.chars().collect(), pos: 0, line_no };
    let mut tokens = Vec::new();
    loop {
        lexer.skip_separators();
        match lexer.peek() {
            None | Some(COMMENT) => return Ok(tokens),
            Some(_) => tokens.push(lexer.token()?),
        }
    }
}

/// Spaces and tabs separate words; any other Unicode whitespace too, so a pasted
/// non-breaking space does not silently glue two words together.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
    line_no: u32,
}

impl Lexer {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn bump(&mut self) {
        self.pos = self.pos.saturating_add(1).min(self.chars.len());
    }

    fn column_of(&self, pos: usize) -> u32 {
        saturating_u32(pos).saturating_add(1)
    }

    fn error_at(&self, pos: usize, message: impl Into<String>) -> ParseError {
        ParseError::new(self.line_no, self.column_of(pos), message)
    }

    fn raw_from(&self, start: usize) -> String {
        self.chars.get(start..self.pos).unwrap_or_default().iter().collect()
    }

    fn skip_separators(&mut self) {
        while self.peek().is_some_and(is_separator) {
            self.bump();
        }
    }

    fn at_word_end(&self) -> bool {
        match self.peek() {
            None | Some(COMMENT) => true,
            Some(c) => is_separator(c),
        }
    }

    fn token(&mut self) -> Result<Token, ParseError> {
        let start = self.pos;
        let kind = match self.peek() {
            Some(QUOTE) => TokenKind::Quoted(self.quoted()?),
            Some(LIST_OPEN) => TokenKind::List(self.list()?),
            _ => self.word_or_assign()?,
        };
        let token = Token { column: self.column_of(start), raw: self.raw_from(start), kind };
        self.expect_word_end(&token)?;
        Ok(token)
    }

    /// `"a"b` or `[1]x` would otherwise be read as two words glued together.
    fn expect_word_end(&self, token: &Token) -> Result<(), ParseError> {
        match self.peek() {
            Some(c) if !self.at_word_end() => {
                Err(self.error_at(self.pos, format!("expected a space after '{}', found '{c}'", excerpt(&token.raw))))
            }
            _ => Ok(()),
        }
    }

    /// A bare word, split at its first `=` into an option when something precedes it
    /// (a lone `=` or `==` stays a word: it is the assertion operator, or a typo of it).
    fn word_or_assign(&mut self) -> Result<TokenKind, ParseError> {
        let mut key = String::new();
        while !self.at_word_end() {
            match self.peek() {
                Some(ASSIGN) if !key.is_empty() && !key.starts_with(ASSIGN) => {
                    self.bump();
                    let value = self.assigned_value()?;
                    return Ok(TokenKind::Assign { key, value: Box::new(value) });
                }
                Some(QUOTE) => return Err(self.stray_quote()),
                Some(c) => {
                    key.push(c);
                    self.bump();
                }
                None => break,
            }
        }
        Ok(TokenKind::Word(key))
    }

    /// What follows `key=`; possibly empty (`acks=`), which the parser reports in context.
    fn assigned_value(&mut self) -> Result<Token, ParseError> {
        let start = self.pos;
        let kind = match self.peek() {
            Some(QUOTE) => TokenKind::Quoted(self.quoted()?),
            Some(LIST_OPEN) => TokenKind::List(self.list()?),
            _ => TokenKind::Word(self.plain_word()?),
        };
        Ok(Token { column: self.column_of(start), raw: self.raw_from(start), kind })
    }

    fn plain_word(&mut self) -> Result<String, ParseError> {
        let mut text = String::new();
        while let Some(c) = self.peek().filter(|_| !self.at_word_end()) {
            if c == QUOTE {
                return Err(self.stray_quote());
            }
            text.push(c);
            self.bump();
        }
        Ok(text)
    }

    fn stray_quote(&self) -> ParseError {
        self.error_at(self.pos, "unexpected '\"' inside a word; quote the whole value, as in \"a b\"")
    }

    /// A double-quoted value; only `\"` and `\\` are escapes, so a stray backslash is
    /// reported rather than silently changing the value.
    fn quoted(&mut self) -> Result<String, ParseError> {
        let open = self.pos;
        self.bump();
        let mut text = String::new();
        loop {
            match self.peek() {
                Some(QUOTE) => {
                    self.bump();
                    return Ok(text);
                }
                Some(ESCAPE) => text.push(self.escape()?),
                // A newline can only come from the console (a script is split into lines
                // first); like the end of the line, it leaves the value unterminated.
                Some(c) if c != '\n' => {
                    text.push(c);
                    self.bump();
                }
                _ => return Err(self.error_at(open, "unterminated quoted value: expected a closing '\"'")),
            }
        }
    }

    fn escape(&mut self) -> Result<char, ParseError> {
        let backslash = self.pos;
        self.bump();
        match self.peek() {
            Some(c @ (QUOTE | ESCAPE)) => {
                self.bump();
                Ok(c)
            }
            _ => Err(self.error_at(backslash, "expected \\\" or \\\\ after '\\' in a quoted value")),
        }
    }

    /// `[a, b, "c d"]`: spaces are allowed around items, so the list is one token.
    fn list(&mut self) -> Result<Vec<ListItem>, ParseError> {
        let open = self.pos;
        self.bump();
        let mut items = Vec::new();
        self.skip_separators();
        if self.peek() == Some(LIST_CLOSE) {
            self.bump();
            return Ok(items);
        }
        loop {
            items.push(self.list_item(open)?);
            self.skip_separators();
            match self.peek() {
                Some(LIST_SEPARATOR) => {
                    self.bump();
                    self.skip_separators();
                }
                Some(LIST_CLOSE) => {
                    self.bump();
                    return Ok(items);
                }
                None | Some(COMMENT) => return Err(self.unterminated_list(open)),
                Some(c) => return Err(self.error_at(self.pos, format!("expected ',' or ']' in the list, found '{c}'"))),
            }
        }
    }

    fn list_item(&mut self, open: usize) -> Result<ListItem, ParseError> {
        let start = self.pos;
        let column = self.column_of(start);
        match self.peek() {
            None | Some(COMMENT) => Err(self.unterminated_list(open)),
            Some(QUOTE) => Ok(ListItem { column, text: self.quoted()?, quoted: true }),
            Some(LIST_OPEN) => Err(self.error_at(start, "lists cannot be nested")),
            Some(c @ (LIST_SEPARATOR | LIST_CLOSE)) => {
                Err(self.error_at(start, format!("expected a list item, found '{c}'")))
            }
            Some(_) => Ok(ListItem { column, text: self.bare_list_item(), quoted: false }),
        }
    }

    fn bare_list_item(&mut self) -> String {
        let mut text = String::new();
        while let Some(c) = self.peek() {
            let ends_item = is_separator(c) || matches!(c, LIST_SEPARATOR | LIST_CLOSE | LIST_OPEN | QUOTE | COMMENT);
            if ends_item {
                break;
            }
            text.push(c);
            self.bump();
        }
        text
    }

    fn unterminated_list(&self, open: usize) -> ParseError {
        self.error_at(open, "unterminated list: expected ']'")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &str) -> Vec<TokenKind> {
        tokenize(line, 1).expect("lexes").into_iter().map(|token| token.kind).collect()
    }

    fn word(text: &str) -> TokenKind {
        TokenKind::Word(text.to_string())
    }

    fn bare_items(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|text| text.to_string()).collect()
    }

    fn list_texts(kind: &TokenKind) -> Vec<String> {
        match kind {
            TokenKind::List(items) => items.iter().map(|item| item.text.clone()).collect(),
            other => panic!("not a list: {other:?}"),
        }
    }

    fn error(line: &str) -> String {
        tokenize(line, 3).expect_err("must not lex").to_string()
    }

    #[test]
    fn blank_and_comment_lines_have_no_tokens() {
        assert!(kinds("").is_empty());
        assert!(kinds("   \t ").is_empty());
        assert!(kinds("# a comment").is_empty());
        assert!(kinds("   # indented comment").is_empty());
    }

    #[test]
    fn words_split_on_spaces_and_tabs_and_stop_at_comments() {
        assert_eq!(kinds("crash\tbroker  1 # why"), vec![word("crash"), word("broker"), word("1")]);
        assert_eq!(kinds("produce t-0 a#b"), vec![word("produce"), word("t-0"), word("a")]);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let tokens = tokenize("produce t-0 \"héllo wörld\" acks=2", 1).unwrap();
        let columns: Vec<u32> = tokens.iter().map(|token| token.column).collect();
        assert_eq!(columns, vec![1, 9, 13, 27]);
        assert_eq!(tokens[2].end_column(), 26);
    }

    #[test]
    fn quoted_values_hold_spaces_hashes_and_escapes() {
        assert_eq!(kinds(r#""hello world""#), vec![TokenKind::Quoted("hello world".into())]);
        assert_eq!(kinds(r#""a # b""#), vec![TokenKind::Quoted("a # b".into())]);
        assert_eq!(kinds(r#""say \"hi\" \\ bye""#), vec![TokenKind::Quoted(r#"say "hi" \ bye"#.into())]);
        assert_eq!(kinds(r#""""#), vec![TokenKind::Quoted(String::new())]);
    }

    #[test]
    fn lists_are_one_token_with_or_without_spaces() {
        for line in ["[1,2,3]", "[1, 2, 3]", "[ 1 ,2 , 3 ]"] {
            let tokens = kinds(line);
            assert_eq!(tokens.len(), 1, "{line}");
            assert_eq!(list_texts(&tokens[0]), bare_items(&["1", "2", "3"]), "{line}");
        }
        assert_eq!(kinds("[]"), vec![TokenKind::List(Vec::new())]);
        assert_eq!(kinds("[ ]"), vec![TokenKind::List(Vec::new())]);
        assert_eq!(list_texts(&kinds(r#"[a, "b c"]"#)[0]), bare_items(&["a", "b c"]));
    }

    #[test]
    fn key_value_options_split_at_the_first_equals() {
        let tokens = kinds(r#"acks=all key="k 1" racks=a,b replicas=1,2/2,1 x=[1, 2]"#);
        let keys: Vec<&str> = tokens
            .iter()
            .map(|kind| match kind {
                TokenKind::Assign { key, .. } => key.as_str(),
                other => panic!("not an option: {other:?}"),
            })
            .collect();
        assert_eq!(keys, vec!["acks", "key", "racks", "replicas", "x"]);
        match &tokens[1] {
            TokenKind::Assign { value, .. } => {
                assert_eq!(value.kind, TokenKind::Quoted("k 1".into()))
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(kinds("= == =x"), vec![word("="), word("=="), word("=x")]);
    }

    #[test]
    fn malformed_words_are_errors_at_the_offending_character() {
        assert_eq!(error(r#"produce t-0 "abc"#), "line 3, col 13: unterminated quoted value: expected a closing '\"'");
        assert_eq!(error("expect isr t-0 = [1,2"), "line 3, col 18: unterminated list: expected ']'");
        assert_eq!(error("expect isr t-0 = [1,2 # c]"), "line 3, col 18: unterminated list: expected ']'");
        assert_eq!(error("x [1,,2]"), "line 3, col 6: expected a list item, found ','");
        assert_eq!(error("x [1,2,]"), "line 3, col 8: expected a list item, found ']'");
        assert_eq!(error("x [1 2]"), "line 3, col 6: expected ',' or ']' in the list, found '2'");
        assert_eq!(error("x [[1]]"), "line 3, col 4: lists cannot be nested");
        assert_eq!(error(r#"x "a"b"#), "line 3, col 6: expected a space after '\"a\"', found 'b'");
        assert_eq!(error("x [1]2"), "line 3, col 6: expected a space after '[1]', found '2'");
        assert_eq!(
            error(r#"x ab"c""#),
            "line 3, col 5: unexpected '\"' inside a word; quote the whole value, as in \"a b\""
        );
        assert_eq!(error(r#"x "a\nb""#), "line 3, col 5: expected \\\" or \\\\ after '\\' in a quoted value");
        assert_eq!(error("x \"a\nb\""), "line 3, col 3: unterminated quoted value: expected a closing '\"'");
    }
}
