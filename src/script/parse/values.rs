//! Positional arguments and assertion values: the cursor's readers for numbers, durations,
//! brokers and controllers, link endpoints, topic-partitions (and `TOPIC-N@B` replicas),
//! produce targets, record values and free text, and the right side of an assertion
//! (`none`, a number, a word, a quoted value or a list). Each reader turns one token into
//! one typed argument or an error that says what was expected there.
use super::cursor::Cursor;
use super::error::{excerpt, ParseError};
use super::lexer::{ListItem, Token, TokenKind};
use super::words::{
    client_name, is_all_digits, is_client_name, parse_duration_ms, parse_u32, parse_u64, split_topic_partition,
    too_large, topic_name, topic_partition, NumberError, TOPIC_PARTITION,
};
use crate::script::ast::{Endpoint, NodeRef, ProduceTarget, Query, TopicPartition, Value};

impl<'t> Cursor<'t> {
    pub(super) fn number_u32(&mut self, expected: &str) -> Result<u32, ParseError> {
        let (token, word) = self.next_word(expected)?;
        match parse_u32(word) {
            Ok(number) => Ok(number),
            Err(NumberError::NotANumber) => Err(self.found(token, expected)),
            Err(NumberError::TooLarge) => Err(self.error_at(token, too_large(word, u64::from(u32::MAX)))),
        }
    }

    pub(super) fn number_u64(&mut self, expected: &str) -> Result<u64, ParseError> {
        let (token, word) = self.next_word(expected)?;
        match parse_u64(word) {
            Ok(number) => Ok(number),
            Err(NumberError::NotANumber) => Err(self.found(token, expected)),
            Err(NumberError::TooLarge) => Err(self.error_at(token, too_large(word, u64::MAX))),
        }
    }

    pub(super) fn duration_ms(&mut self) -> Result<u64, ParseError> {
        const EXPECTED: &str = "a duration such as 250ms, 3s, 2m or 1h";
        let (token, word) = self.next_word(EXPECTED)?;
        match parse_duration_ms(word) {
            Ok(duration_ms) => Ok(duration_ms),
            Err(NumberError::NotANumber) => Err(self.found(token, EXPECTED)),
            Err(NumberError::TooLarge) => {
                Err(self.error_at(token, format!("duration '{}' is too long", excerpt(word))))
            }
        }
    }

    /// `broker N`, after verbs whose object is always a broker (`stop broker 2`).
    pub(super) fn keyword_then_broker(&mut self) -> Result<u32, ParseError> {
        self.expect_keyword("broker")?;
        self.number_u32("a broker number")
    }

    pub(super) fn node_ref(&mut self) -> Result<NodeRef, ParseError> {
        match self.expect_one_of(&["broker", "controller"])? {
            "broker" => Ok(NodeRef::Broker(self.number_u32("a broker number")?)),
            _ => Ok(NodeRef::Controller(self.number_u32("a controller number")?)),
        }
    }

    /// A bare number is a broker, `controller` the quorum, any other name a client.
    pub(super) fn endpoint(&mut self) -> Result<Endpoint, ParseError> {
        const EXPECTED: &str = "a node (a broker number, controller, or a client name)";
        let (token, word) = self.next_word(EXPECTED)?;
        if word == "controller" {
            return Ok(Endpoint::Controller);
        }
        match parse_u32(word) {
            Ok(broker) => Ok(Endpoint::Broker(broker)),
            Err(NumberError::TooLarge) => Err(self.error_at(token, too_large(word, u64::from(u32::MAX)))),
            Err(NumberError::NotANumber) if is_client_name(word) => Ok(Endpoint::Client(word.to_string())),
            Err(NumberError::NotANumber) => Err(self.found(token, EXPECTED)),
        }
    }

    pub(super) fn topic_partition(&mut self) -> Result<TopicPartition, ParseError> {
        let token = self.next_token(TOPIC_PARTITION)?;
        topic_partition(token, self.line_no)
    }

    /// `hw`, `leo` and `log` read one replica: `TOPIC-N` (the leader's) or `TOPIC-N@B`.
    pub(super) fn replica_query(
        &mut self,
        query: fn(TopicPartition, Option<u32>) -> Query,
    ) -> Result<Query, ParseError> {
        let (token, word) = self.next_word(TOPIC_PARTITION)?;
        let Some((partition_text, broker_text)) = word.split_once('@') else {
            return Ok(query(topic_partition(token, self.line_no)?, None));
        };
        let partition = split_topic_partition(partition_text, token, self.line_no)?;
        let broker = match parse_u32(broker_text) {
            Ok(broker) => broker,
            Err(NumberError::TooLarge) => return Err(self.error_at(token, too_large(broker_text, u64::from(u32::MAX)))),
            Err(NumberError::NotANumber) if broker_text.is_empty() => {
                return Err(self.error_at(token, format!("expected a broker number after '{}'", excerpt(word))))
            }
            Err(NumberError::NotANumber) => return Err(self.found(token, "TOPIC-N@B with B a broker number")),
        };
        Ok(query(partition, Some(broker)))
    }

    /// `produce` takes `TOPIC-N` (one partition) or a bare topic (the partitioner picks).
    pub(super) fn produce_target(&mut self) -> Result<ProduceTarget, ParseError> {
        let token = self.next_token("a topic or a topic-partition")?;
        let TokenKind::Word(word) = &token.kind else {
            return Err(self.found(token, "a topic or a topic-partition"));
        };
        let names_partition =
            word.rsplit_once('-').is_some_and(|(_, suffix)| suffix.is_empty() || is_all_digits(suffix));
        if names_partition {
            return Ok(ProduceTarget::Partition(topic_partition(token, self.line_no)?));
        }
        Ok(ProduceTarget::Topic(topic_name(token, self.line_no)?))
    }

    /// A record value: a bare word or a quoted value. A `key=value` word is refused
    /// because `produce t-0 acks=1` almost surely forgot the value.
    pub(super) fn record_value(&mut self) -> Result<String, ParseError> {
        let token = self.next_token("a record value")?;
        match &token.kind {
            TokenKind::Word(text) | TokenKind::Quoted(text) => Ok(text.clone()),
            TokenKind::Assign { .. } => Err(self.error_at(
                token,
                format!(
                    "expected a record value, found option '{}' (quote a value that holds '=')",
                    excerpt(&token.raw)
                ),
            )),
            TokenKind::List(_) => Err(self.found(token, "a record value (quote a value that holds '[')")),
        }
    }

    /// Text taken as written, for `set`: a word (even `a=b`) or a quoted value.
    pub(super) fn free_text(&mut self, expected: &str) -> Result<String, ParseError> {
        let token = self.next_token(expected)?;
        match &token.kind {
            TokenKind::Word(text) | TokenKind::Quoted(text) => Ok(text.clone()),
            TokenKind::Assign { value, .. } if matches!(value.kind, TokenKind::Word(_)) => Ok(token.raw.clone()),
            _ => Err(self.found(token, expected)),
        }
    }

    /// `consumed [NAME] = ...`: a name is present unless the `=` comes right away.
    pub(super) fn optional_consumer_name(&mut self) -> Result<Option<String>, ParseError> {
        match self.peek() {
            Some(token) if token.kind != TokenKind::Word("=".into()) => {
                self.advance();
                client_name(token, self.line_no, "a consumer name").map(Some)
            }
            _ => Ok(None),
        }
    }
}

/// The right side of an assertion: `none`, a number, a word, a quoted value or a list.
pub(super) fn value(token: &Token, line_no: u32) -> Result<Value, ParseError> {
    match &token.kind {
        TokenKind::Word(word) => word_value(word, token.column, line_no),
        TokenKind::Quoted(text) => Ok(Value::Word(text.clone())),
        TokenKind::List(items) => {
            items.iter().map(|item| list_item_value(item, line_no)).collect::<Result<_, _>>().map(Value::List)
        }
        TokenKind::Assign { .. } => Err(ParseError::new(
            line_no,
            token.column,
            format!("expected a value, found '{}' (quote a value that holds '=')", excerpt(&token.raw)),
        )),
    }
}

fn list_item_value(item: &ListItem, line_no: u32) -> Result<Value, ParseError> {
    if item.quoted {
        return Ok(Value::Word(item.text.clone()));
    }
    word_value(&item.text, item.column, line_no)
}

/// A bare word is `none`, a number when it is all digits, else a word. An all-digit word
/// too large for a number is an error rather than a word, so `= 99999999999999999999`
/// is reported here instead of failing later as a puzzling mismatch.
fn word_value(word: &str, column: u32, line_no: u32) -> Result<Value, ParseError> {
    if word == "none" {
        return Ok(Value::None);
    }
    match parse_u64(word) {
        Ok(number) => Ok(Value::Number(number)),
        Err(NumberError::NotANumber) => Ok(Value::Word(word.to_string())),
        Err(NumberError::TooLarge) => Err(ParseError::new(line_no, column, too_large(word, u64::MAX))),
    }
}
