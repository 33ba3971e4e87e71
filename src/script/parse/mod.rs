//! Scenario-script text → statements (see SCENARIO-SCRIPT.md, the contract). Each line is
//! lexed (`lexer`), then read by a small recursive-descent parser over its tokens. The
//! first problem stops parsing with its line, column and what was expected: a script is
//! short, and the first error is the one worth fixing. Nothing here panics on any input.
//!
//! This file holds the entry points (`parse_script`, `parse_line`) and one parser per
//! verb and per query; the lexer (`lexer`), the cursor (`cursor`), the argument readers
//! (`values`), the options (`options`), the words inside arguments (`words`), the verb
//! table with its suggestions (`verbs`) and the error (`error`) each have their own file.
mod cursor;
pub mod error;
pub mod lexer;
mod options;
mod values;
mod verbs;
mod words;

use crate::script::ast::{Command, Located, Query, Script, Statement, Value};
use crate::sim::metrics::{Metric, ALL_METRICS};
use crate::sim::TopicSpec;
use cursor::Cursor;
use error::{saturating_u32, ParseError};
use lexer::{tokenize, TokenKind};
use options::{
    read_options, Options, ACKS, CONSUMER, FROM, ID, KEY, MIN_ISR, PARTITIONS, PLACER, PRODUCER, RACK, RACKS, REPLICAS,
    RF, START,
};
use values::value;
use verbs::{command_words, query_words};
use words::topic_name;

pub use verbs::{verbs_with_meanings, VERBS, VERB_MEANINGS};

/// Parses a whole script; blank and comment lines produce no statement. A leading byte
/// order mark (some editors write one) is skipped rather than read as part of a verb.
pub fn parse_script(text: &str) -> Result<Script, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut statements = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = saturating_u32(index).saturating_add(1);
        if let Some(node) = parse_line(line, line_no)? {
            statements.push(Located { line: line_no, node });
        }
    }
    Ok(Script { statements })
}

/// Parses one line (the console's input); `None` for a blank or comment line.
pub fn parse_line(line: &str, line_no: u32) -> Result<Option<Statement>, ParseError> {
    let tokens = tokenize(line, line_no)?;
    if tokens.is_empty() {
        return Ok(None);
    }
    let mut cursor = Cursor { tokens: &tokens, next: 0, line_no };
    let statement = parse_statement(&mut cursor)?;
    cursor.expect_end()?;
    Ok(Some(statement))
}

/// Parses a query alone (`leader orders-0`), as the JS API's `Simulation.query` reads one.
pub fn parse_query_line(text: &str) -> Result<Query, ParseError> {
    let tokens = tokenize(text, 1)?;
    let mut cursor = Cursor { tokens: &tokens, next: 0, line_no: 1 };
    let query = parse_query(&mut cursor)?;
    cursor.expect_end()?;
    Ok(query)
}

fn parse_statement(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    let verb_token = c.next_token("a command")?;
    let TokenKind::Word(verb) = &verb_token.kind else {
        return Err(c.unknown_word(verb_token, "command", &command_words()));
    };
    match verb.as_str() {
        "seed" => Ok(Statement::Seed(c.number_u64("a number")?)),
        "set" => parse_set(c),
        "brokers" => parse_brokers(c),
        "broker" => parse_broker_add_or_remove(c),
        "topic" => parse_topic_create(c),
        "produce" => parse_produce(c),
        "steady-rate" => parse_steady_rate(c),
        "consume" => parse_consume(c),
        "crash" => Ok(Statement::Command(Command::Crash(c.node_ref()?))),
        "restart" => Ok(Statement::Command(Command::Restart(c.node_ref()?))),
        "power-off" => Ok(Statement::Command(Command::PowerOff(c.keyword_then_broker()?))),
        "flush" => Ok(Statement::Command(Command::Flush(c.keyword_then_broker()?))),
        "stop" => Ok(Statement::Command(Command::Stop(c.keyword_then_broker()?))),
        "isolate" => Ok(Statement::Command(Command::Isolate(c.keyword_then_broker()?))),
        "pause-fetch" => Ok(Statement::Command(Command::PauseFetch(c.keyword_then_broker()?))),
        "resume-fetch" => Ok(Statement::Command(Command::ResumeFetch(c.keyword_then_broker()?))),
        "cut" => Ok(Statement::Command(Command::Cut(c.endpoint()?, c.endpoint()?))),
        "heal" => parse_heal(c),
        "latency" => {
            let (a, b) = (c.endpoint()?, c.endpoint()?);
            Ok(Statement::Command(Command::Latency { a, b, latency_ms: c.duration_ms()? }))
        }
        "fetch" => {
            let broker = c.number_u32("a broker number")?;
            Ok(Statement::Command(Command::Fetch { broker, partition: c.topic_partition()? }))
        }
        "elect" => parse_elect(c),
        "run" => Ok(Statement::Run(c.duration_ms()?)),
        "step" => Ok(Statement::Step(if c.at_end() { 1 } else { c.number_u32("a number of events")? })),
        "await" => parse_await(c),
        "expect" => {
            let (query, expected) = parse_assertion(c)?;
            Ok(Statement::Expect { query, expected })
        }
        _ => Err(c.unknown_word(verb_token, "command", &command_words())),
    }
}

/// `set KEY VALUE`: the core validates keys and values, so any word is taken here, even
/// one holding `=` (`set x a=b`), as long as it is not a list or a half-quoted word.
fn parse_set(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    let key = c.free_text("a configuration key")?;
    let value = c.free_text("a value")?;
    Ok(Statement::Command(Command::Set { key, value }))
}

fn parse_brokers(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    let count = c.number_u32("a number of brokers")?;
    let options = read_options(c, &[RACKS])?;
    let racks = options.racks(&RACKS)?.unwrap_or_default();
    Ok(Statement::Command(Command::Brokers { count, racks }))
}

fn parse_broker_add_or_remove(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    match c.expect_one_of(&["add", "remove"])? {
        "add" => {
            let options = read_options(c, &[ID, RACK])?;
            Ok(Statement::Command(Command::BrokerAdd { id: options.number_u32(&ID)?, rack: options.name(&RACK)? }))
        }
        _ => Ok(Statement::Command(Command::BrokerRemove(c.number_u32("a broker number")?))),
    }
}

/// `elect preferred [TOPIC-N]` or `elect unclean TOPIC-N`.
fn parse_elect(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    if c.peek_word() == Some("unclean") {
        c.expect_keyword("unclean")?;
        return Ok(Statement::Command(Command::ElectUnclean(c.topic_partition()?)));
    }
    c.expect_keyword("preferred")?;
    let partition = if c.at_end() { None } else { Some(c.topic_partition()?) };
    Ok(Statement::Command(Command::ElectPreferred(partition)))
}

fn parse_topic_create(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    c.expect_keyword("create")?;
    let name_token = c.next_token("a topic name")?;
    let name = topic_name(name_token, c.line_no)?;
    let options = read_options(c, &[PARTITIONS, RF, MIN_ISR, START, PLACER, REPLICAS])?;
    Ok(Statement::Command(Command::TopicCreate(TopicSpec {
        name,
        partitions: options.required(c, &PARTITIONS, Options::number_u32)?,
        replication_factor: options.required(c, &RF, Options::number_u32)?,
        min_isr: options.number_u32(&MIN_ISR)?,
        start: options.number_u32(&START)?,
        replicas: options.replica_assignment(&REPLICAS)?,
        placer: options.placer(&PLACER)?,
    })))
}

fn parse_produce(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    let target = c.produce_target()?;
    let value = c.record_value()?;
    let options = read_options(c, &[KEY, ACKS, PRODUCER])?;
    Ok(Statement::Command(Command::Produce {
        target,
        value,
        key: options.text(&KEY)?,
        acks: options.acks(&ACKS)?,
        producer: options.client_name(&PRODUCER)?,
    }))
}

/// `steady-rate TARGET N [acks=..] [producer=..]` or `steady-rate off [producer=..]`: a
/// topic may be named `off`, so `off` means stop only when no rate follows it.
fn parse_steady_rate(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    let stops =
        c.peek_word() == Some("off") && !c.peek_word_at(1).is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()));
    if stops {
        c.next_token("off")?;
        let options = read_options(c, &[PRODUCER])?;
        return Ok(Statement::Command(Command::SteadyRateOff { producer: options.client_name(&PRODUCER)? }));
    }
    let target = c.produce_target()?;
    let per_second = c.number_u32("a number of records per second")?;
    let options = read_options(c, &[ACKS, PRODUCER])?;
    Ok(Statement::Command(Command::SteadyRate {
        target,
        per_second,
        acks: options.acks(&ACKS)?,
        producer: options.client_name(&PRODUCER)?,
    }))
}

fn parse_consume(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    let partition = c.topic_partition()?;
    let options = read_options(c, &[FROM, CONSUMER])?;
    Ok(Statement::Command(Command::Consume {
        partition,
        from: options.number_u64(&FROM)?,
        consumer: options.client_name(&CONSUMER)?,
    }))
}

fn parse_heal(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    if c.at_end() {
        return Ok(Statement::Command(Command::HealAll));
    }
    Ok(Statement::Command(Command::HealLink(c.endpoint()?, c.endpoint()?)))
}

fn parse_await(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    let (query, expected) = parse_assertion(c)?;
    let within_ms = match c.peek() {
        None => None,
        Some(token) if token.kind == TokenKind::Word("within".into()) => {
            c.advance();
            Some(c.duration_ms()?)
        }
        Some(token) => return Err(c.found(token, "'within D' or the end of the line")),
    };
    Ok(Statement::Await { query, expected, within_ms })
}

/// `QUERY = VALUE`, shared by `await` and `expect`.
fn parse_assertion(c: &mut Cursor<'_>) -> Result<(Query, Value), ParseError> {
    let query = parse_query(c)?;
    match c.advance() {
        None => return Err(c.missing("'='")),
        Some(token) if token.kind == TokenKind::Word("=".into()) => {}
        Some(token) => return Err(c.found(token, "'=' between the query and the value")),
    }
    let token = c.next_token("a value")?;
    Ok((query, value(token, c.line_no)?))
}

fn parse_query(c: &mut Cursor<'_>) -> Result<Query, ParseError> {
    let token = c.next_token("a query")?;
    let TokenKind::Word(name) = &token.kind else {
        return Err(c.unknown_word(token, "query", &query_words()));
    };
    Ok(match name.as_str() {
        "leader" => Query::Leader(c.topic_partition()?),
        "epoch" => Query::Epoch(c.topic_partition()?),
        "replicas" => Query::Replicas(c.topic_partition()?),
        "isr" => Query::Isr(c.topic_partition()?),
        "elr" => Query::Elr(c.topic_partition()?),
        "last-leader" => Query::LastLeader(c.topic_partition()?),
        "leader-recovery" => Query::LeaderRecovery(c.topic_partition()?),
        "hw" => c.replica_query(Query::Hw)?,
        "leo" => c.replica_query(Query::Leo)?,
        "log" => c.replica_query(Query::Log)?,
        "acked" => Query::Acked(c.record_value()?),
        "response" => Query::Response(c.record_value()?),
        "responses" => Query::Responses(c.record_value()?),
        "count" => {
            let partition = c.topic_partition()?;
            Query::Count(partition, c.record_value()?)
        }
        "consumed" => Query::Consumed(c.optional_consumer_name()?),
        "position" => {
            let partition = c.topic_partition()?;
            Query::Position(partition, c.optional_consumer_name()?)
        }
        "consumer-error" => Query::ConsumerError(c.optional_consumer_name()?),
        "lost" => Query::Lost,
        "violations" => Query::Violations,
        "diverged" => Query::Diverged(c.topic_partition()?),
        "leaders" => Query::Leaders(c.keyword_then_broker()?),
        "followers" => Query::Followers(c.keyword_then_broker()?),
        "controller" => Query::Controller,
        "fenced" => Query::Fenced(c.keyword_then_broker()?),
        "election" => Query::Election(c.topic_partition()?),
        "placer" => {
            let token = c.next_token("a topic name")?;
            Query::Placer(topic_name(token, c.line_no)?)
        }
        "metric" => Query::Metric(metric_name(c)?),
        _ => return Err(c.unknown_word(token, "query", &query_words())),
    })
}

/// A metric by Kafka's name (`UnderReplicatedPartitions`, any case); an unknown one is
/// refused with the list of known names and the nearest.
fn metric_name(c: &mut Cursor<'_>) -> Result<Metric, ParseError> {
    let token = c.next_token("a metric name")?;
    let known: Vec<&str> = ALL_METRICS.iter().map(|m| m.name()).collect();
    match &token.kind {
        TokenKind::Word(name) => Metric::from_name(name).ok_or_else(|| c.unknown_word(token, "metric", &known)),
        _ => Err(c.unknown_word(token, "metric", &known)),
    }
}

#[cfg(test)]
mod error_tests;
#[cfg(test)]
mod tests;

/// `parse_script` must never panic, and whatever parses must print back to itself.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod property_tests;
