//! The words inside arguments: names (topics, racks, clients) and their rules,
//! topic-partitions (`my-topic-2` is partition 2 of `my-topic`), and numbers and durations
//! read as digits only, so `+7` and `-5` are errors and a number too large is reported,
//! never wrapped. Pure functions of text, shared by the argument readers and the options;
//! the cursor and the option readers turn their `NumberError`s into messages.
use super::error::{excerpt, ParseError};
use super::lexer::{Token, TokenKind};
use crate::script::ast::TopicPartition;

pub(super) const TOPIC_PARTITION: &str = "a topic-partition such as orders-0";
pub(super) const NAME_RULE: &str = " (names hold only letters, digits, '.', '_' and '-')";
pub(super) const CLIENT_NAME_RULE: &str =
    " (a client name starts with a letter, holds only letters, digits, '.', '_' and '-', and is not 'controller')";
/// Kafka's limit on topic name length.
const MAX_NAME_CHARS: usize = 249;

/// Kafka's legal topic characters; racks and clients follow the same rule so that every
/// name prints back into a script without quotes.
pub(super) fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_NAME_CHARS
        && text.bytes().all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'_' | b'-'))
}

/// A client name cannot be read as a broker number or as the controller quorum, since
/// `cut` takes either.
pub(super) fn is_client_name(text: &str) -> bool {
    is_name(text) && text.starts_with(|c: char| c.is_ascii_alphabetic()) && text != "controller"
}

pub(super) fn topic_name(token: &Token, line_no: u32) -> Result<String, ParseError> {
    match &token.kind {
        TokenKind::Word(word) if is_name(word) && word != "." && word != ".." => Ok(word.clone()),
        _ => Err(ParseError::new(
            line_no,
            token.column,
            format!("expected a topic name, found '{}'{NAME_RULE}", excerpt(&token.raw)),
        )),
    }
}

pub(super) fn client_name(token: &Token, line_no: u32, expected: &str) -> Result<String, ParseError> {
    match &token.kind {
        TokenKind::Word(word) if is_client_name(word) => Ok(word.clone()),
        _ => Err(ParseError::new(
            line_no,
            token.column,
            format!("expected {expected}, found '{}'{CLIENT_NAME_RULE}", excerpt(&token.raw)),
        )),
    }
}

pub(super) fn topic_partition(token: &Token, line_no: u32) -> Result<TopicPartition, ParseError> {
    match &token.kind {
        TokenKind::Word(word) => split_topic_partition(word, token, line_no),
        _ => Err(ParseError::new(
            line_no,
            token.column,
            format!("expected {TOPIC_PARTITION}, found '{}'", excerpt(&token.raw)),
        )),
    }
}

/// `my-topic-2` → (`my-topic`, 2): the last `-N` is the partition.
pub(super) fn split_topic_partition(text: &str, token: &Token, line_no: u32) -> Result<TopicPartition, ParseError> {
    let error = |message: String| ParseError::new(line_no, token.column, message);
    let Some((topic, partition)) = text.rsplit_once('-') else {
        return Err(error(format!("expected {TOPIC_PARTITION}, found '{}'", excerpt(text))));
    };
    if partition.is_empty() {
        return Err(error(format!("expected a partition number after '{}'", excerpt(text))));
    }
    let partition = match parse_u32(partition) {
        Ok(partition) => partition,
        Err(NumberError::NotANumber) => {
            return Err(error(format!(
                "expected {TOPIC_PARTITION} (the last '-N' is the partition), found '{}'",
                excerpt(text)
            )))
        }
        Err(NumberError::TooLarge) => return Err(error(too_large(partition, u64::from(u32::MAX)))),
    };
    if topic.is_empty() {
        return Err(error(format!("expected a topic name before '-{partition}'")));
    }
    if !is_name(topic) || topic == "." || topic == ".." {
        return Err(error(format!("expected a topic name, found '{}'{NAME_RULE}", excerpt(topic))));
    }
    Ok(TopicPartition { topic: topic.to_string(), partition })
}

#[derive(Debug, PartialEq, Eq)]
pub(super) enum NumberError {
    NotANumber,
    TooLarge,
}

pub(super) fn is_all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit())
}

/// Digits only: Rust's `str::parse` would also accept `+7`, which this language does not,
/// and `-5` is not a number here (it is reported, never wrapped).
pub(super) fn parse_u64(text: &str) -> Result<u64, NumberError> {
    if !is_all_digits(text) {
        return Err(NumberError::NotANumber);
    }
    text.bytes()
        .try_fold(0u64, |total, digit| total.checked_mul(10)?.checked_add(u64::from(digit - b'0')))
        .ok_or(NumberError::TooLarge)
}

pub(super) fn parse_u32(text: &str) -> Result<u32, NumberError> {
    u32::try_from(parse_u64(text)?).map_err(|_| NumberError::TooLarge)
}

/// `250ms`, `3s`, `2m`, `1h`, or a bare number of milliseconds.
pub(super) fn parse_duration_ms(text: &str) -> Result<u64, NumberError> {
    let digits_end = text.bytes().position(|byte| !byte.is_ascii_digit()).unwrap_or(text.len());
    let (digits, unit) = text.split_at(digits_end);
    let ms_per_unit: u64 = match unit {
        "" | "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        _ => return Err(NumberError::NotANumber),
    };
    parse_u64(digits)?.checked_mul(ms_per_unit).ok_or(NumberError::TooLarge)
}

pub(super) fn too_large(text: &str, max: u64) -> String {
    format!("number '{}' is too large (at most {max})", excerpt(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_durations_accept_digits_only() {
        assert_eq!(parse_u64("007"), Ok(7));
        assert_eq!(parse_u64("+7"), Err(NumberError::NotANumber));
        assert_eq!(parse_u64(""), Err(NumberError::NotANumber));
        assert_eq!(parse_u64("18446744073709551615"), Ok(u64::MAX));
        assert_eq!(parse_u32("4294967296"), Err(NumberError::TooLarge));
        assert_eq!(parse_duration_ms("250ms"), Ok(250));
        assert_eq!(parse_duration_ms("3s"), Ok(3_000));
        assert_eq!(parse_duration_ms("2m"), Ok(120_000));
        assert_eq!(parse_duration_ms("8h"), Ok(28_800_000));
        assert_eq!(parse_duration_ms("ms"), Err(NumberError::NotANumber));
        assert_eq!(parse_duration_ms("3 s"), Err(NumberError::NotANumber));
    }
}
