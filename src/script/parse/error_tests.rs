//! The parser's errors: every one names its line, its column (in characters) and what was
//! expected, suggests the closest word, and hostile input is an error, never a panic.
//! Included from `parse/mod.rs` as its `error_tests` module.
use super::error::excerpt;
use super::tests::error;
use super::*;
use crate::script::ast::NodeRef;

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
    let queries = "leader, epoch, replicas, isr, elr, last-leader, leader-recovery, hw, leo, log, acked, response, responses, count, consumed, position, consumer-error, lost, violations, diverged, leaders, followers, controller, fenced, election, placer, metric";
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
fn an_unknown_metric_lists_the_known_ones_and_the_nearest() {
    let message = error("expect metric IsrShrinkPerSec = 0");
    assert!(
        message.starts_with(
            "line 1, col 15: unknown metric 'IsrShrinkPerSec'; expected one of: UnderReplicatedPartitions, "
        ),
        "{message}"
    );
    assert!(
        message.ends_with("ElectionFromEligibleLeaderReplicasPerSec; did you mean 'IsrShrinksPerSec'?"),
        "{message}"
    );
    assert_eq!(error("expect metric"), "line 1, col 14: expected a metric name after 'expect metric'");
}
