//! What a scenario script says, as data. `Display` prints every node back in script
//! syntax: failure messages quote queries and values with it, and an exported session is
//! its statements printed one per line (each prints to a line that parses back to itself).
use std::fmt;

pub use crate::sim::command::{Command, Endpoint, NodeRef, ProduceTarget, TopicPartition};
pub use crate::sim::ids::Acks;
use crate::sim::TopicSpec;

/// A parsed script: its statements in order, each with the line it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Script {
    pub statements: Vec<Located<Statement>>,
}

/// A node and the 1-based line it was written on (failure messages name the line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub line: u32,
    pub node: T,
}

/// One line of a script: a command for the cluster, or what only a script does (choose the
/// seed, move time, assert).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Statement {
    /// `seed N`
    Seed(u64),
    /// Anything that changes the cluster: `set`, `brokers`, `produce`, `crash`, ...
    Command(Command),
    /// `run D`, in milliseconds.
    Run(u64),
    /// `step [N]` (N defaults to 1).
    Step(u32),
    /// `await QUERY = VALUE [within D]`: `None` means the default (60s).
    Await { query: Query, expected: Value, within_ms: Option<u64> },
    /// `expect QUERY = VALUE`
    Expect { query: Query, expected: Value },
}

/// The left side of an assertion. The `Option<u32>` of `Hw`, `Leo` and `Log` is the `@B`
/// broker whose replica is read; `None` reads the leader's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Query {
    Leader(TopicPartition),
    Epoch(TopicPartition),
    Replicas(TopicPartition),
    Isr(TopicPartition),
    /// `elr TOPIC-N`: the Eligible Leader Replicas (compared as a set).
    Elr(TopicPartition),
    /// `last-leader TOPIC-N`: the last known leader, or none.
    LastLeader(TopicPartition),
    /// `leader-recovery TOPIC-N`: RECOVERING after an unclean election, else RECOVERED.
    LeaderRecovery(TopicPartition),
    Hw(TopicPartition, Option<u32>),
    Leo(TopicPartition, Option<u32>),
    Log(TopicPartition, Option<u32>),
    Acked(String),
    Response(String),
    Responses(String),
    Count(TopicPartition, String),
    /// `consumed [NAME]`: `None` is the default consumer.
    Consumed(Option<String>),
    /// `position TOPIC-N [NAME]`: the consumer's next offset to fetch there.
    Position(TopicPartition, Option<String>),
    /// `consumer-error [NAME]`: the latest error the consumer's fetches got.
    ConsumerError(Option<String>),
    Lost,
    /// `violations`: the safety properties the checker reported violated, in order.
    Violations,
    Diverged(TopicPartition),
    Leaders(u32),
    Followers(u32),
    Controller,
    Fenced(u32),
    /// `election TOPIC-N`: the answer to the last `elect` for it, or none.
    Election(TopicPartition),
    /// `placer TOPIC` (extension): `admin-utils`, `striped`, or `explicit` for `replicas=`.
    Placer(String),
    /// `metric NAME` (extension): a Kafka metric's value now (sim::metrics).
    Metric(crate::sim::metrics::Metric),
}

/// The right side of an assertion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Number(u64),
    /// The word `none` (no leader, no response, no controller).
    None,
    /// Any other word: `yes`, `no`, error names such as `NONE`, record values.
    Word(String),
    /// `[a,b]`; `[]` is the empty list. Lists in scripts are flat: the parser never
    /// nests them, and a nested one prints as `[[1]]`, which does not parse.
    List(Vec<Value>),
}

impl fmt::Display for Script {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for statement in &self.statements {
            writeln!(f, "{}", statement.node)?;
        }
        Ok(())
    }
}

impl fmt::Display for TopicPartition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.topic, self.partition)
    }
}

impl fmt::Display for ProduceTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProduceTarget::Topic(topic) => f.write_str(topic),
            ProduceTarget::Partition(partition) => partition.fmt(f),
        }
    }
}

impl fmt::Display for NodeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NodeRef::Broker(id) => write!(f, "broker {id}"),
            NodeRef::Controller(id) => write!(f, "controller {id}"),
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Endpoint::Broker(id) => write!(f, "{id}"),
            Endpoint::Controller => f.write_str("controller"),
            Endpoint::Client(name) => f.write_str(name),
        }
    }
}

impl fmt::Display for Acks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Query::Leader(tp) => write!(f, "leader {tp}"),
            Query::Epoch(tp) => write!(f, "epoch {tp}"),
            Query::Replicas(tp) => write!(f, "replicas {tp}"),
            Query::Isr(tp) => write!(f, "isr {tp}"),
            Query::Elr(tp) => write!(f, "elr {tp}"),
            Query::LastLeader(tp) => write!(f, "last-leader {tp}"),
            Query::LeaderRecovery(tp) => write!(f, "leader-recovery {tp}"),
            Query::Hw(tp, broker) => write!(f, "hw {tp}{}", AtBroker(*broker)),
            Query::Leo(tp, broker) => write!(f, "leo {tp}{}", AtBroker(*broker)),
            Query::Log(tp, broker) => write!(f, "log {tp}{}", AtBroker(*broker)),
            Query::Acked(value) => write!(f, "acked {}", Text(value)),
            Query::Response(value) => write!(f, "response {}", Text(value)),
            Query::Responses(value) => write!(f, "responses {}", Text(value)),
            Query::Count(tp, value) => write!(f, "count {tp} {}", Text(value)),
            Query::Consumed(None) => f.write_str("consumed"),
            Query::Consumed(Some(name)) => write!(f, "consumed {name}"),
            Query::Position(tp, None) => write!(f, "position {tp}"),
            Query::Position(tp, Some(name)) => write!(f, "position {tp} {name}"),
            Query::ConsumerError(None) => f.write_str("consumer-error"),
            Query::ConsumerError(Some(name)) => write!(f, "consumer-error {name}"),
            Query::Lost => f.write_str("lost"),
            Query::Violations => f.write_str("violations"),
            Query::Diverged(tp) => write!(f, "diverged {tp}"),
            Query::Leaders(broker) => write!(f, "leaders broker {broker}"),
            Query::Followers(broker) => write!(f, "followers broker {broker}"),
            Query::Controller => f.write_str("controller"),
            Query::Fenced(broker) => write!(f, "fenced broker {broker}"),
            Query::Election(tp) => write!(f, "election {tp}"),
            Query::Placer(topic) => write!(f, "placer {topic}"),
            Query::Metric(metric) => write!(f, "metric {}", metric.name()),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(number) => write!(f, "{number}"),
            Value::None => f.write_str("none"),
            // A bare `none` or `42` would read back as Value::None or Value::Number.
            Value::Word(word) if word == "none" || is_all_digits(word) => write_quoted(f, word),
            Value::Word(word) => Text(word).fmt(f),
            Value::List(items) => {
                f.write_str("[")?;
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        f.write_str(",")?;
                    }
                    item.fmt(f)?;
                }
                f.write_str("]")
            }
        }
    }
}

impl fmt::Display for Statement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Statement::Seed(seed) => write!(f, "seed {seed}"),
            Statement::Command(command) => command.fmt(f),
            Statement::Run(duration_ms) => write!(f, "run {}", Duration(*duration_ms)),
            Statement::Step(events) => write!(f, "step {events}"),
            Statement::Await { query, expected, within_ms: None } => write!(f, "await {query} = {expected}"),
            Statement::Await { query, expected, within_ms: Some(ms) } => {
                write!(f, "await {query} = {expected} within {}", Duration(*ms))
            }
            Statement::Expect { query, expected } => write!(f, "expect {query} = {expected}"),
        }
    }
}

/// A command as the script line that parses back to it.
impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Command::Set { key, value } => write!(f, "set {} {}", Text(key), Text(value)),
            Command::Brokers { count, racks } => fmt_brokers(f, *count, racks),
            Command::BrokerAdd { id, rack } => fmt_broker_add(f, *id, rack.as_deref()),
            Command::BrokerRemove(broker) => write!(f, "broker remove {broker}"),
            Command::TopicCreate(spec) => fmt_topic_create(f, spec),
            Command::Produce { target, value, key, acks, producer } => {
                write!(f, "produce {target} {}", Text(value))?;
                write_option(f, "key", key.as_ref().map(|key| Text(key)).as_ref())?;
                write_option(f, "acks", acks.as_ref())?;
                write_option(f, "producer", producer.as_ref())
            }
            Command::SteadyRate { target, per_second, acks, producer } => {
                write!(f, "steady-rate {target} {per_second}")?;
                write_option(f, "acks", acks.as_ref())?;
                write_option(f, "producer", producer.as_ref())
            }
            Command::SteadyRateOff { producer } => {
                f.write_str("steady-rate off")?;
                write_option(f, "producer", producer.as_ref())
            }
            Command::Consume { partition, from, consumer } => {
                write!(f, "consume {partition}")?;
                write_option(f, "from", from.as_ref())?;
                write_option(f, "consumer", consumer.as_ref())
            }
            Command::Crash(node) => write!(f, "crash {node}"),
            Command::PowerOff(broker) => write!(f, "power-off broker {broker}"),
            Command::Flush(broker) => write!(f, "flush broker {broker}"),
            Command::Stop(broker) => write!(f, "stop broker {broker}"),
            Command::Restart(node) => write!(f, "restart {node}"),
            Command::Cut(a, b) => write!(f, "cut {a} {b}"),
            Command::HealLink(a, b) => write!(f, "heal {a} {b}"),
            Command::Isolate(broker) => write!(f, "isolate broker {broker}"),
            Command::HealAll => f.write_str("heal"),
            Command::PauseFetch(broker) => write!(f, "pause-fetch broker {broker}"),
            Command::ResumeFetch(broker) => write!(f, "resume-fetch broker {broker}"),
            Command::Fetch { broker, partition } => write!(f, "fetch {broker} {partition}"),
            Command::ElectPreferred(None) => f.write_str("elect preferred"),
            Command::ElectPreferred(Some(tp)) => write!(f, "elect preferred {tp}"),
            Command::ElectUnclean(tp) => write!(f, "elect unclean {tp}"),
            Command::Latency { a, b, latency_ms } => write!(f, "latency {a} {b} {}", Duration(*latency_ms)),
        }
    }
}

fn fmt_brokers(f: &mut fmt::Formatter<'_>, count: u32, racks: &[String]) -> fmt::Result {
    write!(f, "brokers {count}")?;
    if !racks.is_empty() {
        write!(f, " racks={}", racks.join(","))?;
    }
    Ok(())
}

fn fmt_broker_add(f: &mut fmt::Formatter<'_>, id: Option<u32>, rack: Option<&str>) -> fmt::Result {
    f.write_str("broker add")?;
    write_option(f, "id", id.as_ref())?;
    write_option(f, "rack", rack.as_ref())
}

fn fmt_topic_create(f: &mut fmt::Formatter<'_>, spec: &TopicSpec) -> fmt::Result {
    let TopicSpec { name, partitions, replication_factor, min_isr, start, replicas, placer } = spec;
    write!(f, "topic create {name} partitions={partitions} rf={replication_factor}")?;
    write_option(f, "min-isr", min_isr.as_ref())?;
    write_option(f, "start", start.as_ref())?;
    write_option(f, "placer", placer.map(|p| p.label()).as_ref())?;
    if let Some(assignment) = replicas {
        let groups: Vec<String> =
            assignment.iter().map(|brokers| brokers.iter().map(u32::to_string).collect::<Vec<_>>().join(",")).collect();
        write!(f, " replicas={}", groups.join("/"))?;
    }
    Ok(())
}

/// ` name=value` when the option was given; option values other than `key=` are names
/// and numbers, which never need quotes.
fn write_option(f: &mut fmt::Formatter<'_>, name: &str, value: Option<&impl fmt::Display>) -> fmt::Result {
    match value {
        Some(value) => write!(f, " {name}={value}"),
        None => Ok(()),
    }
}

/// `@B` after a topic-partition, when a broker is named.
struct AtBroker(Option<u32>);

impl fmt::Display for AtBroker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(broker) => write!(f, "@{broker}"),
            None => Ok(()),
        }
    }
}

/// A duration in the largest unit that is exact, so exports read like hand-written scripts.
struct Duration(u64);

/// `250ms`, `3s`, `2m`: a duration as a script writes it.
pub fn format_duration(ms: u64) -> String {
    Duration(ms).to_string()
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MS_PER_HOUR: u64 = 3_600_000;
        const MS_PER_MINUTE: u64 = 60_000;
        const MS_PER_SECOND: u64 = 1_000;
        match self.0 {
            0 => f.write_str("0ms"),
            ms if ms % MS_PER_HOUR == 0 => write!(f, "{}h", ms / MS_PER_HOUR),
            ms if ms % MS_PER_MINUTE == 0 => write!(f, "{}m", ms / MS_PER_MINUTE),
            ms if ms % MS_PER_SECOND == 0 => write!(f, "{}s", ms / MS_PER_SECOND),
            ms => write!(f, "{ms}ms"),
        }
    }
}

/// Free text (record values, keys, `set` values): bare when the lexer would read it back
/// as the same single word, else double-quoted with `"` and `\` escaped.
struct Text<'a>(&'a str);

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if needs_quotes(self.0) {
            write_quoted(f, self.0)
        } else {
            f.write_str(self.0)
        }
    }
}

/// Whether a bare word would not lex back as itself: empty, split by whitespace, cut by
/// a comment, read as a list, an option or a quoted value.
fn needs_quotes(text: &str) -> bool {
    text.is_empty() || text.chars().any(|c| c.is_whitespace() || matches!(c, '"' | '#' | '[' | ']' | ',' | '='))
}

fn is_all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit())
}

fn write_quoted(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            f.write_str("\\")?;
        }
        write!(f, "{c}")?;
    }
    f.write_str("\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tp(topic: &str, partition: u32) -> TopicPartition {
        TopicPartition { topic: topic.to_string(), partition }
    }

    #[test]
    fn queries_print_in_script_syntax() {
        assert_eq!(Query::Hw(tp("orders", 0), None).to_string(), "hw orders-0");
        assert_eq!(Query::Log(tp("my-topic", 2), Some(3)).to_string(), "log my-topic-2@3");
        assert_eq!(Query::Acked("hello world".into()).to_string(), "acked \"hello world\"");
        assert_eq!(Query::Consumed(None).to_string(), "consumed");
        assert_eq!(Query::Leaders(1).to_string(), "leaders broker 1");
        assert_eq!(Query::Count(tp("t", 0), "x".into()).to_string(), "count t-0 x");
    }

    #[test]
    fn values_print_so_they_read_back_the_same() {
        assert_eq!(Value::Number(1).to_string(), "1");
        assert_eq!(Value::None.to_string(), "none");
        assert_eq!(Value::Word("NOT_ENOUGH_REPLICAS".into()).to_string(), "NOT_ENOUGH_REPLICAS");
        assert_eq!(Value::Word("none".into()).to_string(), "\"none\"");
        assert_eq!(Value::Word("42".into()).to_string(), "\"42\"");
        assert_eq!(Value::Word("say \"hi\" \\".into()).to_string(), r#""say \"hi\" \\""#);
        assert_eq!(Value::List(Vec::new()).to_string(), "[]");
        let mixed = Value::List(vec![Value::Word("first".into()), Value::Word("a,b".into()), Value::Number(2)]);
        assert_eq!(mixed.to_string(), r#"[first,"a,b",2]"#);
    }

    #[test]
    fn durations_print_in_the_largest_exact_unit() {
        assert_eq!(Statement::Run(0).to_string(), "run 0ms");
        assert_eq!(Statement::Run(250).to_string(), "run 250ms");
        assert_eq!(Statement::Run(3_000).to_string(), "run 3s");
        assert_eq!(Statement::Run(120_000).to_string(), "run 2m");
        assert_eq!(Statement::Run(61_500).to_string(), "run 61500ms");
    }

    #[test]
    fn failure_messages_can_quote_an_assertion() {
        let line = Located { line: 9, node: (Query::Hw(tp("orders", 0), None), Value::Number(1)) };
        let message =
            format!("line {}: expected {} = {}, actual {}", line.line, line.node.0, line.node.1, Value::Number(0));
        assert_eq!(message, "line 9: expected hw orders-0 = 1, actual 0");
    }
}
