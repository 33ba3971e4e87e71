//! Unit tests of the parser as a whole: every example of the contract (SCENARIO-SCRIPT.md)
//! and of `VERBS` parses and prints back to itself, the shared scenarios parse, each kind
//! of line builds the expected statement, and every error names its line, column and what
//! was expected. Included from `parse.rs` as its `tests` module.
use super::*;
use crate::script::ast::{Acks, Endpoint, NodeRef, ProduceTarget, TopicPartition};
use crate::sim::TopicSpec;

/// Every example line of SCENARIO-SCRIPT.md, with each table row's syntax made concrete.
const CONTRACT_LINES: &[&str] = &[
    "seed 7",
    "set min.insync.replicas 2",
    "set unclean.leader.election.enable false",
    "set replica.lag.time.max.ms 30000",
    "set replica.fetch.wait.max.ms 500",
    "set broker.session.timeout.ms 9000",
    "set broker.heartbeat.interval.ms 2000",
    "set auto.leader.rebalance.enable true",
    "set leader.imbalance.check.interval.seconds 300",
    "set acks all",
    "set enable.idempotence true",
    "set request.timeout.ms 30000",
    "set delivery.timeout.ms 120000",
    "set retry.backoff.ms 100",
    "set sim.network.latency.ms 1",
    "set sim.replication manual",
    "set sim.truncation high-watermark",
    "set sim.controllers 3",
    "set sim.flush.interval.ms 5000",
    "brokers 3",
    "brokers 6 racks=a,b,c",
    "broker add",
    "broker add id=7 rack=b",
    "broker remove 4",
    "topic create orders partitions=1 rf=3 min-isr=2 start=0",
    "topic create t partitions=2 rf=3 replicas=1,2,3/2,3,1",
    "produce t-0 \"hello world\"",
    "produce orders first key=k1 acks=all producer=p2",
    "produce orders-0 second acks=1",
    "produce orders-0 third acks=0",
    "consume orders-0",
    "consume orders-0 from=0 consumer=c1",
    "crash broker 1",
    "power-off broker 2",
    "flush broker 2",
    "stop broker 2",
    "restart broker 1",
    "crash controller 1",
    "restart controller 1",
    "cut 1 2",
    "cut 1 controller",
    "cut producer 2",
    "heal 1 2",
    "isolate broker 3",
    "heal",
    "pause-fetch broker 3",
    "resume-fetch broker 3",
    "fetch 2 t-0",
    "elect preferred",
    "elect preferred orders-0",
    "run 250ms",
    "run 3s",
    "run 2m",
    "run 100",
    "step",
    "step 5",
    "await hw orders-0 = 1 within 5s",
    "await leader orders-0 = 2",
    "expect leader orders-0 = none",
    "expect epoch orders-0 = 1",
    "expect replicas orders-0 = [1,2,3]",
    "expect isr orders-0 = [2, 3]",
    "expect hw orders-0 = 1",
    "expect hw orders-0@2 = 1",
    "expect leo orders-0@2 = 0",
    "expect log orders-0@3 = [first,second]",
    "expect acked first = yes",
    "expect acked first = no",
    "expect response a3 = none",
    "expect response a3 = NOT_ENOUGH_REPLICAS",
    "expect responses a3 = [NOT_LEADER_OR_FOLLOWER, NOT_ENOUGH_REPLICAS_AFTER_APPEND, REQUEST_TIMED_OUT, NONE]",
    "expect count orders-0 first = 1",
    "expect consumed = [first,second]",
    "expect consumed c1 = []",
    "expect lost = []",
    "expect diverged orders-0 = no",
    "expect leaders broker 1 = 2",
    "expect followers broker 2 = 1",
    "expect controller = none",
    "expect controller = 1",
    "expect fenced broker 2 = yes",
    "latency 1 3 50ms",
];

/// /work/shared/scenarios/happy-path.scenario, copied: that folder is not on every machine.
const HAPPY_PATH: &str = r#"# Three brokers, one partition, acks=all with min.insync.replicas=2.
# The leader fails; the first in-sync replica in assignment order takes over and nothing acknowledged is lost.
seed 7
brokers 3
topic create orders partitions=1 rf=3 min-isr=2 start=0
expect replicas orders-0 = [1,2,3]
expect leader orders-0 = 1
produce orders-0 first
await hw orders-0 = 1 within 5s
expect acked first = yes
crash broker 1
await leader orders-0 = 2 within 30s
expect epoch orders-0 = 1
expect isr orders-0 = [2,3]
produce orders-0 second
await acked second = yes within 10s
expect log orders-0@3 = [first,second]
expect lost = []
"#;

/// /work/shared/scenarios/manual-fetch.scenario, copied: that folder is not on every machine.
const MANUAL_FETCH: &str = r#"# Replication by hand: each follower fetch is one round trip. The leader learns what a follower
# holds from its next fetch, and a follower learns the new HW from the response after that.
seed 1
set sim.replication manual
brokers 2
topic create t partitions=1 rf=2 start=0
produce t-0 m0 acks=1
run 10ms
expect leo t-0@1 = 1
expect leo t-0@2 = 0
fetch 2 t-0
run 10ms
expect leo t-0@2 = 1
expect hw t-0 = 0
fetch 2 t-0
run 10ms
expect hw t-0 = 1
expect hw t-0@2 = 1
"#;

/// /work/shared/scenarios/min-isr-rejects.scenario, copied: that folder is not on every machine.
const MIN_ISR_REJECTS: &str = r#"# min.insync.replicas=2: with one replica left in the ISR, acks=all writes are refused and nothing is
# appended; acks=1 writes are accepted but stay invisible (no HW advance) until a follower rejoins.
seed 3
brokers 3
topic create pay partitions=1 rf=3 min-isr=2 start=0
produce pay-0 a1
await acked a1 = yes within 5s
crash broker 3
await isr pay-0 = [1,2] within 20s
produce pay-0 a2
await acked a2 = yes within 5s
crash broker 2
await isr pay-0 = [1] within 20s
produce pay-0 a3 acks=all
run 2s
expect acked a3 = no
expect response a3 = NOT_ENOUGH_REPLICAS
expect log pay-0@1 = [a1,a2]
produce pay-0 a4 acks=1 producer=fast
await acked a4 = yes within 5s
expect hw pay-0 = 2
restart broker 2
await isr pay-0 = [1,2] within 30s
await acked a3 = yes within 30s
expect log pay-0@1 = [a1,a2,a4,a3]
await hw pay-0 = 4 within 5s
"#;

/// /work/shared/scenarios/placement-five-brokers.scenario, copied: that folder is not on every machine.
const PLACEMENT_FIVE_BROKERS: &str = r#"# Kafka's replica placement, as in its own AdminRackAwareTest (ids shifted by one).
brokers 5
topic create t partitions=10 rf=3 start=0
expect replicas t-0 = [1,2,3]
expect replicas t-3 = [4,5,1]
expect replicas t-5 = [1,3,4]
expect replicas t-9 = [5,2,3]
expect leaders broker 1 = 2
"#;

/// /work/shared/scenarios/stalled-follower.scenario, copied: that folder is not on every machine.
const STALLED_FOLLOWER: &str = r#"# A follower that stops fetching stays in the ISR while nothing is written; once it lags behind new
# writes for replica.lag.time.max.ms the leader drops it, and it rejoins when it catches up.
seed 5
set replica.lag.time.max.ms 10000
brokers 3
topic create logs partitions=1 rf=3 start=0
produce logs-0 x0
await hw logs-0 = 1 within 5s
pause-fetch broker 3
run 20s
expect isr logs-0 = [1,2,3]
produce logs-0 x1
await isr logs-0 = [1,2] within 20s
await acked x1 = yes within 2s
expect hw logs-0 = 2
resume-fetch broker 3
await isr logs-0 = [1,2,3] within 10s
expect log logs-0@3 = [x0,x1]
"#;

fn tp(topic: &str, partition: u32) -> TopicPartition {
    TopicPartition { topic: topic.to_string(), partition }
}

fn parsed(line: &str) -> Statement {
    match parse_line(line, 1) {
        Ok(Some(statement)) => statement,
        other => panic!("{line:?} did not parse to a statement: {other:?}"),
    }
}

/// The message `text` fails to parse with.
pub(super) fn error(text: &str) -> String {
    match parse_script(text) {
        Err(error) => error.to_string(),
        Ok(script) => panic!("{text:?} parsed: {script:?}"),
    }
}

fn assert_round_trips(statement: &Statement) {
    let printed = statement.to_string();
    assert_eq!(parse_line(&printed, 1), Ok(Some(statement.clone())), "printed as {printed:?}");
}

#[test]
fn every_contract_example_parses_and_round_trips() {
    for line in CONTRACT_LINES {
        assert_round_trips(&parsed(line));
    }
}

#[test]
fn every_verbs_example_parses() {
    for (verb, syntax, meaning) in verbs_with_meanings() {
        let example = meaning.split("Example: ").nth(1).unwrap_or_else(|| panic!("{verb} has no example"));
        assert_round_trips(&parsed(example));
        assert!(!syntax.is_empty());
    }
}

#[test]
fn every_shared_scenario_parses() {
    let expected_counts = [
        (HAPPY_PATH, 16),
        (MANUAL_FETCH, 16),
        (MIN_ISR_REJECTS, 24),
        (PLACEMENT_FIVE_BROKERS, 7),
        (STALLED_FOLLOWER, 16),
    ];
    for (text, count) in expected_counts {
        let script = parse_script(text).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(script.statements.len(), count);
        for located in &script.statements {
            assert_round_trips(&located.node);
        }
        let reprinted = parse_script(&script.to_string()).expect("an exported script parses");
        let nodes = |script: &Script| script.statements.iter().map(|located| located.node.clone()).collect::<Vec<_>>();
        assert_eq!(nodes(&reprinted), nodes(&script));
    }
}

#[test]
fn statements_keep_their_line_numbers() {
    let script = parse_script(HAPPY_PATH).unwrap();
    assert_eq!(script.statements[0], Located { line: 3, node: Statement::Seed(7) });
    assert_eq!(script.statements[15].line, 18);
    let crlf = parse_script("\u{feff}seed 1\r\n\r\n# c\r\nrun 2s\r\n").unwrap();
    let lines: Vec<(u32, Statement)> = crlf.statements.into_iter().map(|l| (l.line, l.node)).collect();
    assert_eq!(lines, vec![(1, Statement::Seed(1)), (4, Statement::Run(2_000))]);
}

#[test]
fn blank_and_comment_lines_are_no_statement() {
    assert_eq!(parse_line("", 1), Ok(None));
    assert_eq!(parse_line("  \t", 1), Ok(None));
    assert_eq!(parse_line("  # crash broker 1", 1), Ok(None));
    assert_eq!(parse_script("").map(|script| script.statements.len()), Ok(0));
}

#[test]
fn setup_lines_build_the_expected_statements() {
    assert_eq!(
        parsed("topic create my-topic partitions=2 rf=2 replicas=1,2/2,1 start=1 min-isr=1"),
        Statement::Command(Command::TopicCreate(TopicSpec {
            name: "my-topic".into(),
            partitions: 2,
            replication_factor: 2,
            min_isr: Some(1),
            start: Some(1),
            replicas: Some(vec![vec![1, 2], vec![2, 1]]),
            placer: None,
        }))
    );
    let racks = vec!["a".to_string(), "b".to_string()];
    assert_eq!(parsed("brokers 4 racks=a,b"), Statement::Command(Command::Brokers { count: 4, racks: racks.clone() }));
    assert_eq!(parsed("brokers 4 racks=[a, b]"), Statement::Command(Command::Brokers { count: 4, racks }));
    assert_eq!(
        parsed("broker add rack=r1"),
        Statement::Command(Command::BrokerAdd { id: None, rack: Some("r1".into()) })
    );
    assert_eq!(
        parsed("set  sim.replication\tmanual # why"),
        Statement::Command(Command::Set { key: "sim.replication".into(), value: "manual".into() })
    );
    assert_eq!(parsed("set x a=b"), Statement::Command(Command::Set { key: "x".into(), value: "a=b".into() }));
}

#[test]
fn client_lines_build_the_expected_statements() {
    assert_eq!(
        parsed(r#"produce my-topic-2 "a \"quoted\" value" key="k 1" producer=fast acks=-1"#),
        Statement::Command(Command::Produce {
            target: ProduceTarget::Partition(tp("my-topic", 2)),
            value: "a \"quoted\" value".into(),
            key: Some("k 1".into()),
            acks: Some(Acks::All),
            producer: Some("fast".into()),
        })
    );
    let to_topic = parsed("produce orders x");
    assert!(
        matches!(to_topic, Statement::Command(Command::Produce { target: ProduceTarget::Topic(ref topic), .. }) if topic == "orders")
    );
    assert_eq!(
        parsed("consume t-1-0 consumer=c2 from=17"),
        Statement::Command(Command::Consume { partition: tp("t-1", 0), from: Some(17), consumer: Some("c2".into()) })
    );
}

#[test]
fn fault_and_time_lines_build_the_expected_statements() {
    assert_eq!(parsed("crash controller 2"), Statement::Command(Command::Crash(NodeRef::Controller(2))));
    assert_eq!(parsed("restart broker 3"), Statement::Command(Command::Restart(NodeRef::Broker(3))));
    assert_eq!(
        parsed("cut producer controller"),
        Statement::Command(Command::Cut(Endpoint::Client("producer".into()), Endpoint::Controller))
    );
    assert_eq!(
        parsed("heal 1 c1"),
        Statement::Command(Command::HealLink(Endpoint::Broker(1), Endpoint::Client("c1".into())))
    );
    assert_eq!(parsed("fetch 2 t-0"), Statement::Command(Command::Fetch { broker: 2, partition: tp("t", 0) }));
    assert_eq!(parsed("run 0"), Statement::Run(0));
    assert_eq!(parsed("step"), Statement::Step(1));
    assert_eq!(
        parsed("latency 1 controller 2s"),
        Statement::Command(Command::Latency { a: Endpoint::Broker(1), b: Endpoint::Controller, latency_ms: 2_000 })
    );
}

#[test]
fn assertion_lines_build_the_expected_statements() {
    assert_eq!(
        parsed("await isr pay-0 = [1, 2] within 20s"),
        Statement::Await {
            query: Query::Isr(tp("pay", 0)),
            expected: Value::List(vec![Value::Number(1), Value::Number(2)]),
            within_ms: Some(20_000),
        }
    );
    assert_eq!(
        parsed(r#"expect log t-0@2 = [a, "b c", none, "none", 7, "7"]"#),
        Statement::Expect {
            query: Query::Log(tp("t", 0), Some(2)),
            expected: Value::List(vec![
                Value::Word("a".into()),
                Value::Word("b c".into()),
                Value::None,
                Value::Word("none".into()),
                Value::Number(7),
                Value::Word("7".into()),
            ]),
        }
    );
    let inside_a_list =
        Statement::Expect { query: Query::Consumed(None), expected: Value::List(vec![Value::Word("a=b".into())]) };
    assert_eq!(parsed("expect consumed = [a=b]"), inside_a_list);
    assert_eq!(
        parsed("expect consumed = []"),
        Statement::Expect { query: Query::Consumed(None), expected: Value::List(vec![]) }
    );
    assert_eq!(
        parsed("expect leader t-0 = none"),
        Statement::Expect { query: Query::Leader(tp("t", 0)), expected: Value::None }
    );
}

#[test]
fn statements_print_as_canonical_script_lines() {
    let cases = [
        ("brokers 3   racks=[a, b]", "brokers 3 racks=a,b"),
        ("produce t-0 \"hello world\" acks=-1 key=k", "produce t-0 \"hello world\" key=k acks=all"),
        ("run 60000", "run 1m"),
        ("run 1500", "run 1500ms"),
        ("step", "step 1"),
        ("await acked x = yes within 10000", "await acked x = yes within 10s"),
        ("expect isr t-0 = [ 2 , 3 ]", "expect isr t-0 = [2,3]"),
        ("expect log t-0 = [\"a,b\", \"\"]", "expect log t-0 = [\"a,b\",\"\"]"),
        ("set \"odd key\" \"a \\\\ b\"", "set \"odd key\" \"a \\\\ b\""),
    ];
    for (line, printed) in cases {
        assert_eq!(parsed(line).to_string(), printed);
        assert_round_trips(&parsed(line));
    }
}

#[test]
fn steady_rate_starts_and_stops_and_a_topic_may_be_named_off() {
    for line in [
        "steady-rate orders 100",
        "steady-rate orders-0 5 acks=1 producer=p2",
        "steady-rate off",
        "steady-rate off producer=p2",
        "steady-rate off 3",
    ] {
        let statement = parse_line(line, 1).unwrap().unwrap();
        assert_eq!(statement.to_string(), line, "prints back as written");
    }
    assert!(matches!(
        parse_line("steady-rate off", 1).unwrap().unwrap(),
        Statement::Command(Command::SteadyRateOff { producer: None })
    ));
    assert!(matches!(
        parse_line("steady-rate off 3", 1).unwrap().unwrap(),
        Statement::Command(Command::SteadyRate { .. })
    ));
    assert_eq!(
        error("steady-rate orders"),
        "line 1, col 19: expected a number of records per second after 'steady-rate orders'"
    );
}
