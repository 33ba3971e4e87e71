//! Unit tests of the parser as a whole: every example of the contract (SCENARIO-SCRIPT.md)
//! and of `VERBS` parses and prints back to itself, the shared scenarios parse, each kind
//! of line builds the expected statement, and every error names its line, column and what
//! was expected. Included from `parse.rs` as its `tests` module.
use super::error::excerpt;
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

fn error(text: &str) -> String {
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
    for (verb, syntax, meaning) in VERBS {
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
fn command_errors_name_line_column_and_what_was_expected() {
    let cases = [
        ("crash broker", "line 1, col 13: expected a broker number after 'crash broker'"),
        ("crash broker x", "line 1, col 14: expected a broker number, found 'x'"),
        ("crash brokr 1", "line 1, col 7: expected 'broker' or 'controller', found 'brokr'; did you mean 'broker'?"),
        ("crash broker 1 2", "line 1, col 16: expected the end of the line after 'crash broker 1', found '2'"),
        ("crash broker 4294967296", "line 1, col 14: number '4294967296' is too large (at most 4294967295)"),
        ("crash broker -1", "line 1, col 14: expected a broker number, found '-1'"),
        ("seed x", "line 1, col 6: expected a number, found 'x'"),
        (
            "seed 18446744073709551616",
            "line 1, col 6: number '18446744073709551616' is too large (at most 18446744073709551615)",
        ),
        ("set", "line 1, col 4: expected a configuration key after 'set'"),
        ("set sim.replication", "line 1, col 20: expected a value after 'set sim.replication'"),
        ("stop 2", "line 1, col 6: expected 'broker', found '2'"),
        ("cut 1", "line 1, col 6: expected a node (a broker number, controller, or a client name) after 'cut 1'"),
        ("cut 1 2x!", "line 1, col 7: expected a node (a broker number, controller, or a client name), found '2x!'"),
        ("heal 1", "line 1, col 7: expected a node (a broker number, controller, or a client name) after 'heal 1'"),
        ("elect leader", "line 1, col 7: expected 'preferred', found 'leader'"),
        ("broker ad", "line 1, col 8: expected 'add' or 'remove', found 'ad'; did you mean 'add'?"),
        ("topic make t", "line 1, col 7: expected 'create', found 'make'"),
    ];
    for (line, message) in cases {
        assert_eq!(error(line), message, "{line}");
    }
}

#[test]
fn unknown_commands_list_the_verbs_and_suggest_the_closest() {
    let all = "seed, set, brokers, broker, topic, produce, steady-rate, consume, crash, power-off, flush, stop, restart, cut, heal, isolate, pause-fetch, resume-fetch, fetch, elect, latency, run, step, await, expect";
    assert_eq!(
        error("seed 1\n\ncrsh broker 1"),
        format!("line 3, col 1: unknown command 'crsh'; expected one of: {all}; did you mean 'crash'?")
    );
    assert_eq!(
        error("  pause broker 1"),
        format!("line 1, col 3: unknown command 'pause'; expected one of: {all}; did you mean 'pause-fetch'?")
    );
    assert_eq!(error("xyzzy"), format!("line 1, col 1: unknown command 'xyzzy'; expected one of: {all}"));
    assert_eq!(
        error("\"seed\" 1"),
        format!("line 1, col 1: unknown command '\"seed\"'; expected one of: {all}; did you mean 'seed'?")
    );
}

#[test]
fn option_errors_point_at_the_option() {
    let cases = [
        ("produce pay-0 x acks=2", "line 1, col 17: expected acks=all|1|0, found acks=2"),
        ("produce pay-0 x acks=", "line 1, col 17: expected acks=all|1|0, found acks="),
        ("produce pay-0 x acks=1 acks=all", "line 1, col 24: option 'acks' is given twice"),
        ("produce pay-0 x ack=1", "line 1, col 17: unknown option 'ack'; allowed: key=K, acks=all|1|0, producer=NAME; did you mean 'acks'?"),
        ("produce pay-0 x y", "line 1, col 17: expected an option (key=K, acks=all|1|0, producer=NAME), found 'y'"),
        ("produce pay-0 acks=1", "line 1, col 15: expected a record value, found option 'acks=1' (quote a value that holds '=')"),
        ("produce pay-0", "line 1, col 14: expected a record value after 'produce pay-0'"),
        ("produce pay-0 x producer=1p", "line 1, col 17: expected producer=NAME, found producer=1p (a client name starts with a letter, holds only letters, digits, '.', '_' and '-', and is not 'controller')"),
        ("topic create t rf=3", "line 1, col 20: expected partitions=P after 'topic create t rf=3'"),
        ("topic create t partitions=1", "line 1, col 28: expected rf=R after 'topic create t partitions=1'"),
        ("topic create t partitions=x rf=1", "line 1, col 16: expected partitions=P, found partitions=x"),
        ("topic create t partitions=1 rf=1 min_isr=1", "line 1, col 34: unknown option 'min_isr'; allowed: partitions=P, rf=R, min-isr=M, start=K, placer=admin-utils|striped, replicas=1,2,3/2,3,1; did you mean 'min-isr'?"),
        ("topic create t partitions=1 rf=1 placer=random", "line 1, col 34: expected placer=admin-utils|striped, found placer=random"),
        ("topic create t partitions=1 rf=2 replicas=1,,2", "line 1, col 34: expected replicas=1,2,3/2,3,1, found replicas=1,,2 (broker numbers, one group per partition)"),
        ("topic create t partitions=2 rf=2 replicas=1,2/", "line 1, col 34: expected replicas=1,2,3/2,3,1, found replicas=1,2/ (broker numbers, one group per partition)"),
        ("topic create t/x partitions=1 rf=1", "line 1, col 14: expected a topic name, found 't/x' (names hold only letters, digits, '.', '_' and '-')"),
        ("brokers 3 racks=", "line 1, col 11: expected racks=a,b,c, found racks= (names hold only letters, digits, '.', '_' and '-')"),
        ("brokers 3 racks=a,,b", "line 1, col 11: expected racks=a,b,c, found racks=a,,b (names hold only letters, digits, '.', '_' and '-')"),
        ("consume t-0 from=-1", "line 1, col 13: expected from=OFFSET, found from=-1"),
    ];
    for (line, message) in cases {
        assert_eq!(error(line), message, "{line}");
    }
}

#[test]
fn partition_and_duration_errors_say_what_was_expected() {
    let cases = [
        ("produce orders- x", "line 1, col 9: expected a partition number after 'orders-'"),
        ("consume orders", "line 1, col 9: expected a topic-partition such as orders-0, found 'orders'"),
        ("fetch 2 orders-x", "line 1, col 9: expected a topic-partition such as orders-0 (the last '-N' is the partition), found 'orders-x'"),
        ("fetch 2 -0", "line 1, col 9: expected a topic name before '-0'"),
        ("fetch 2 t-99999999999", "line 1, col 9: number '99999999999' is too large (at most 4294967295)"),
        ("expect hw orders-0@ = 1", "line 1, col 11: expected a broker number after 'orders-0@'"),
        ("expect hw orders-0@x = 1", "line 1, col 11: expected TOPIC-N@B with B a broker number, found 'orders-0@x'"),
        ("run -5", "line 1, col 5: expected a duration such as 250ms, 3s, 2m or 1h, found '-5'"),
        ("run 1.5s", "line 1, col 5: expected a duration such as 250ms, 3s, 2m or 1h, found '1.5s'"),
        ("run 5d", "line 1, col 5: expected a duration such as 250ms, 3s, 2m or 1h, found '5d'"),
        ("run", "line 1, col 4: expected a duration such as 250ms, 3s, 2m or 1h after 'run'"),
        ("run 99999999999999999999", "line 1, col 5: duration '99999999999999999999' is too long"),
        ("run 999999999999999999m", "line 1, col 5: duration '999999999999999999m' is too long"),
    ];
    for (line, message) in cases {
        assert_eq!(error(line), message, "{line}");
    }
}

#[test]
fn assertion_errors_say_what_was_expected() {
    let queries = "leader, epoch, replicas, isr, elr, last-leader, hw, leo, log, acked, response, responses, count, consumed, position, consumer-error, lost, violations, diverged, leaders, followers, controller, fenced, election, placer";
    let cases = [
        ("expect hw orders-0", "line 1, col 19: expected '=' after 'expect hw orders-0'".to_string()),
        ("expect hw orders-0 1", "line 1, col 20: expected '=' between the query and the value, found '1'".to_string()),
        ("expect hw orders-0 =", "line 1, col 21: expected a value after 'expect hw orders-0 ='".to_string()),
        ("expect hw orders-0 = 1 2", "line 1, col 24: expected the end of the line after 'expect hw orders-0 = 1', found '2'".to_string()),
        ("expect hw orders-0 = 1 within 5s", "line 1, col 24: expected the end of the line after 'expect hw orders-0 = 1', found 'within'".to_string()),
        ("expect", "line 1, col 7: expected a query after 'expect'".to_string()),
        ("expect hww orders-0 = 1", format!("line 1, col 8: unknown query 'hww'; expected one of: {queries}; did you mean 'hw'?")),
        ("expect hw t-0 = 99999999999999999999", "line 1, col 17: number '99999999999999999999' is too large (at most 18446744073709551615)".to_string()),
        ("expect response t-0 = a=b", "line 1, col 23: expected a value, found 'a=b' (quote a value that holds '=')".to_string()),
        ("expect acked a=b = yes", "line 1, col 14: expected a record value, found option 'a=b' (quote a value that holds '=')".to_string()),
        ("expect consumed 9 = []", "line 1, col 17: expected a consumer name, found '9' (a client name starts with a letter, holds only letters, digits, '.', '_' and '-', and is not 'controller')".to_string()),
        ("await leader t-0 = 2 within", "line 1, col 28: expected a duration such as 250ms, 3s, 2m or 1h after 'await leader t-0 = 2 within'".to_string()),
        ("await leader t-0 = 2 in 5s", "line 1, col 22: expected 'within D' or the end of the line, found 'in'".to_string()),
        ("expect isr orders-0 = [1,2", "line 1, col 23: unterminated list: expected ']'".to_string()),
        ("expect acked \"é x = yes", "line 1, col 14: unterminated quoted value: expected a closing '\"'".to_string()),
    ];
    for (line, message) in cases {
        assert_eq!(error(line), message, "{line}");
    }
}

#[test]
fn errors_report_the_line_and_character_column_within_a_script() {
    assert_eq!(error("seed 1\n# note\n  crash broker x"), "line 3, col 16: expected a broker number, found 'x'");
    assert_eq!(error("produce t-0 \"héllo wörld\" acks=2"), "line 1, col 27: expected acks=all|1|0, found acks=2");
    let long = format!("produce t-0 x acks={}", "9".repeat(100));
    assert_eq!(error(&long), format!("line 1, col 15: expected acks=all|1|0, found acks={}…", "9".repeat(75)));
}

#[test]
fn huge_and_hostile_inputs_are_errors_not_panics() {
    assert!(parse_line(&"a".repeat(1_000_000), 1).is_err());
    assert!(parse_line(&format!("expect lost = {}", "[".repeat(100_000)), 1).is_err());
    assert!(parse_line(&"\"".repeat(100_001), 1).is_err());
    let digits = "9".repeat(10_000);
    for line in [
        format!("seed {digits}"),
        format!("run {digits}ms"),
        format!("crash broker {digits}"),
        format!("fetch 1 t-{digits}"),
        format!("expect hw t-0@{digits} = {digits}"),
        format!("topic create t partitions={digits} rf=1"),
    ] {
        assert!(parse_line(&line, 1).is_err(), "{}", excerpt(&line));
    }
    let many_lines = "seed 1\n".repeat(100_000);
    assert_eq!(parse_script(&many_lines).map(|script| script.statements.len()), Ok(100_000));
    assert_eq!(
        parse_line("crash broker 1", u32::MAX),
        Ok(Some(Statement::Command(Command::Crash(NodeRef::Broker(1)))))
    );
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
