//! Property tests of the parser: `parse_script` never panics on any text, and whatever
//! parses (random text, sequences of the language's own words, generated statements) prints
//! back to a line that parses to the same statement. Native only (proptest); included from
//! `parse.rs` as its `property_tests` module.
use super::*;
use crate::script::ast::{Acks, Endpoint, NodeRef, ProduceTarget, TopicPartition};
use crate::sim::placement::Placer;
use crate::sim::TopicSpec;
use proptest::prelude::*;
use proptest::sample::select;

/// Words of the language and near misses of them: random sequences of these reach far
/// deeper into the parser than random characters do.
const GRAMMAR_TOKENS: &[&str] = &[
    "seed",
    "set",
    "brokers",
    "broker",
    "add",
    "remove",
    "topic",
    "create",
    "produce",
    "consume",
    "crash",
    "power-off",
    "flush",
    "stop",
    "restart",
    "cut",
    "heal",
    "isolate",
    "pause-fetch",
    "resume-fetch",
    "fetch",
    "elect",
    "preferred",
    "latency",
    "run",
    "step",
    "await",
    "expect",
    "within",
    "controller",
    "leader",
    "epoch",
    "replicas",
    "isr",
    "hw",
    "leo",
    "log",
    "acked",
    "response",
    "responses",
    "count",
    "consumed",
    "lost",
    "violations",
    "diverged",
    "leaders",
    "followers",
    "fenced",
    "=",
    "==",
    "0",
    "1",
    "3",
    "-1",
    "007",
    "4294967296",
    "18446744073709551616",
    "250ms",
    "3s",
    "2m",
    "5h",
    "1.5s",
    "orders-0",
    "orders-",
    "orders",
    "-0",
    "my-topic-2",
    "t-0@2",
    "t-0@",
    "t-0@x",
    "@",
    "partitions=1",
    "rf=3",
    "min-isr=2",
    "start=0",
    "replicas=1,2,3/2,3,1",
    "replicas=/",
    "racks=a,b",
    "racks=[a, b]",
    "racks=",
    "id=4",
    "rack=r",
    "key=k",
    "key=\"a b\"",
    "acks=all",
    "acks=2",
    "acks=",
    "producer=p",
    "consumer=c",
    "from=5",
    "from=-1",
    "foo=bar",
    "\"hello world\"",
    "\"",
    "\"\\\"\"",
    "\"\\x\"",
    "[]",
    "[1,2,3]",
    "[ 1 , 2 ]",
    "[a,\"b c\"]",
    "[",
    "]",
    "[1,",
    "[[1]]",
    "[1]x",
    "#",
    "# comment",
    "none",
    "\"none\"",
    "yes",
    "NONE",
    "é",
    "\u{feff}",
    "\u{a0}",
    "\\",
];
const SEPARATORS: &[&str] = &[" ", " ", " ", "  ", "\t", "", "\n", "\r\n"];

fn joined_tokens() -> impl Strategy<Value = String> {
    prop::collection::vec((select(GRAMMAR_TOKENS), select(SEPARATORS)), 0..12)
        .prop_map(|pairs| pairs.into_iter().flat_map(|(token, separator)| [token, separator]).collect::<String>())
}

/// Every line of `text` that parses prints back to a line that parses the same.
fn assert_parsed_lines_round_trip(text: &str) -> Result<(), TestCaseError> {
    for (index, line) in text.lines().enumerate() {
        if let Ok(Some(statement)) = parse_line(line, saturating_u32(index + 1)) {
            let printed = statement.to_string();
            prop_assert_eq!(parse_line(&printed, 1), Ok(Some(statement)), "{:?} printed as {:?}", line, printed);
        }
    }
    Ok(())
}

fn name() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9._-]{1,12}".prop_filter("'.' and '..' are not topic names", |name| name != "." && name != "..")
}

fn client_name() -> impl Strategy<Value = String> {
    "[a-zA-Z][a-zA-Z0-9._-]{0,8}".prop_filter("'controller' is the quorum", |name| name != "controller")
}

/// A bare topic for `produce TOPIC`: one that does not end in `-N` or `-`.
fn produce_topic() -> impl Strategy<Value = String> {
    name().prop_filter("would read as a topic-partition", |name| {
        !name.rsplit_once('-').is_some_and(|(_, suffix)| suffix.bytes().all(|byte| byte.is_ascii_digit()))
    })
}

fn topic_partition_strategy() -> impl Strategy<Value = TopicPartition> {
    (name(), any::<u32>()).prop_map(|(topic, partition)| TopicPartition { topic, partition })
}

/// Free text, weighted towards the words that need quoting to read back the same.
fn text() -> impl Strategy<Value = String> {
    let tricky = select(&["none", "42", "", "=", "a b", "\"", "\\", "#", "[x]", "a,b", "within", "-1", "\r"][..]);
    prop_oneof![3 => "[^\n]{0,12}", 1 => tricky.prop_map(str::to_string)]
}

fn value_strategy() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![any::<u64>().prop_map(Value::Number), Just(Value::None), text().prop_map(Value::Word)];
    prop_oneof![2 => leaf.clone(), 1 => prop::collection::vec(leaf, 0..4).prop_map(Value::List)]
}

fn endpoint() -> impl Strategy<Value = Endpoint> {
    prop_oneof![
        any::<u32>().prop_map(Endpoint::Broker),
        Just(Endpoint::Controller),
        client_name().prop_map(Endpoint::Client)
    ]
}

fn node_ref() -> impl Strategy<Value = NodeRef> {
    prop_oneof![any::<u32>().prop_map(NodeRef::Broker), any::<u32>().prop_map(NodeRef::Controller)]
}

fn partition_query() -> impl Strategy<Value = Query> {
    let tp = topic_partition_strategy;
    let broker = || proptest::option::of(any::<u32>());
    prop_oneof![
        tp().prop_map(Query::Leader),
        tp().prop_map(Query::Epoch),
        tp().prop_map(Query::Replicas),
        tp().prop_map(Query::Isr),
        tp().prop_map(Query::Elr),
        tp().prop_map(Query::LastLeader),
        tp().prop_map(Query::LeaderRecovery),
        tp().prop_map(Query::Election),
        (tp(), broker()).prop_map(|(tp, b)| Query::Hw(tp, b)),
        (tp(), broker()).prop_map(|(tp, b)| Query::Leo(tp, b)),
        (tp(), broker()).prop_map(|(tp, b)| Query::Log(tp, b)),
        (tp(), text()).prop_map(|(tp, value)| Query::Count(tp, value)),
        tp().prop_map(Query::Diverged),
    ]
}

fn other_query() -> impl Strategy<Value = Query> {
    prop_oneof![
        text().prop_map(Query::Acked),
        text().prop_map(Query::Response),
        text().prop_map(Query::Responses),
        proptest::option::of(client_name()).prop_map(Query::Consumed),
        (topic_partition_strategy(), proptest::option::of(client_name())).prop_map(|(t, n)| Query::Position(t, n)),
        proptest::option::of(client_name()).prop_map(Query::ConsumerError),
        Just(Query::Lost),
        Just(Query::Violations),
        any::<u32>().prop_map(Query::Leaders),
        any::<u32>().prop_map(Query::Followers),
        Just(Query::Controller),
        any::<u32>().prop_map(Query::Fenced),
        name().prop_map(Query::Placer),
        select(crate::sim::metrics::ALL_METRICS.to_vec()).prop_map(Query::Metric),
    ]
}

fn setup_statement() -> impl Strategy<Value = Statement> {
    let replicas = proptest::option::of(prop::collection::vec(prop::collection::vec(any::<u32>(), 1..4), 1..4));
    let optional = || proptest::option::of(any::<u32>());
    prop_oneof![
        any::<u64>().prop_map(Statement::Seed),
        (text(), text()).prop_map(|(key, value)| Statement::Command(Command::Set { key, value })),
        (any::<u32>(), prop::collection::vec(name(), 0..4))
            .prop_map(|(count, racks)| Statement::Command(Command::Brokers { count, racks })),
        (optional(), proptest::option::of(name()))
            .prop_map(|(id, rack)| Statement::Command(Command::BrokerAdd { id, rack })),
        any::<u32>().prop_map(|b| Statement::Command(Command::BrokerRemove(b))),
        (name(), any::<u32>(), any::<u32>(), optional(), optional(), replicas, placer()).prop_map(
            |(name, partitions, rf, min_isr, start, replicas, placer)| {
                Statement::Command(Command::TopicCreate(TopicSpec {
                    name,
                    partitions,
                    replication_factor: rf,
                    min_isr,
                    start,
                    replicas,
                    placer,
                }))
            }
        ),
    ]
}

fn client_statement() -> impl Strategy<Value = Statement> {
    let target = prop_oneof![
        produce_topic().prop_map(ProduceTarget::Topic),
        topic_partition_strategy().prop_map(ProduceTarget::Partition),
    ];
    let acks = proptest::option::of(select(&[Acks::All, Acks::One, Acks::Zero][..]));
    let client = || proptest::option::of(client_name());
    prop_oneof![
        (target, text(), proptest::option::of(text()), acks, client()).prop_map(
            |(target, value, key, acks, producer)| {
                Statement::Command(Command::Produce { target, value, key, acks, producer })
            }
        ),
        (topic_partition_strategy(), proptest::option::of(any::<u64>()), client())
            .prop_map(|(partition, from, consumer)| Statement::Command(Command::Consume { partition, from, consumer })),
    ]
}

fn fault_statement() -> impl Strategy<Value = Statement> {
    prop_oneof![
        node_ref().prop_map(|x| Statement::Command(Command::Crash(x))),
        node_ref().prop_map(|x| Statement::Command(Command::Restart(x))),
        any::<u32>().prop_map(|x| Statement::Command(Command::PowerOff(x))),
        any::<u32>().prop_map(|x| Statement::Command(Command::Flush(x))),
        any::<u32>().prop_map(|x| Statement::Command(Command::Stop(x))),
        (endpoint(), endpoint()).prop_map(|(a, b)| Statement::Command(Command::Cut(a, b))),
        (endpoint(), endpoint()).prop_map(|(a, b)| Statement::Command(Command::HealLink(a, b))),
        any::<u32>().prop_map(|x| Statement::Command(Command::Isolate(x))),
        Just(Statement::Command(Command::HealAll)),
        prop_oneof![
            any::<u32>().prop_map(|x| Statement::Command(Command::PauseFetch(x))),
            any::<u32>().prop_map(|x| Statement::Command(Command::ResumeFetch(x)))
        ],
    ]
}

fn time_and_assertion_statement() -> impl Strategy<Value = Statement> {
    let query = prop_oneof![partition_query(), other_query()];
    prop_oneof![
        (any::<u32>(), topic_partition_strategy())
            .prop_map(|(broker, partition)| Statement::Command(Command::Fetch { broker, partition })),
        proptest::option::of(topic_partition_strategy()).prop_map(|x| Statement::Command(Command::ElectPreferred(x))),
        topic_partition_strategy().prop_map(|x| Statement::Command(Command::ElectUnclean(x))),
        (endpoint(), endpoint(), any::<u64>()).prop_map(|(a, b, latency_ms)| Statement::Command(Command::Latency {
            a,
            b,
            latency_ms
        })),
        prop_oneof![any::<u64>(), (0u64..1_000).prop_map(|n| n * 1_000), (0u64..100).prop_map(|n| n * 60_000)]
            .prop_map(Statement::Run),
        any::<u32>().prop_map(Statement::Step),
        (query.clone(), value_strategy(), proptest::option::of(any::<u64>()))
            .prop_map(|(query, expected, within_ms)| Statement::Await { query, expected, within_ms }),
        (query, value_strategy()).prop_map(|(query, expected)| Statement::Expect { query, expected }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = parse_script(&text);
        let _ = parse_line(&text, 1);
    }

    #[test]
    fn script_like_text_never_panics(text in "[ -~\"\\[\\]#=,@\\\\é\u{a0}\t\r\n]{0,200}") {
        let _ = parse_script(&text);
        assert_parsed_lines_round_trip(&text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]

    #[test]
    fn grammar_token_sequences_never_panic_and_round_trip(text in joined_tokens()) {
        let _ = parse_script(&text);
        assert_parsed_lines_round_trip(&text)?;
    }

    #[test]
    fn printed_statements_parse_back_to_themselves(
        statement in prop_oneof![setup_statement(), client_statement(), fault_statement(), time_and_assertion_statement()]
    ) {
        let printed = statement.to_string();
        prop_assert!(!printed.contains('\n'), "one line: {:?}", printed);
        prop_assert_eq!(parse_line(&printed, 1), Ok(Some(statement)), "printed as {:?}", printed);
    }
}

fn placer() -> impl Strategy<Value = Option<Placer>> {
    proptest::option::of(select(vec![Placer::AdminUtils, Placer::Striped]))
}
