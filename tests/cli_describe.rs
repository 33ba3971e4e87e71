//! `kafka-sim import` and `kafka-sim describe`, run as a person runs them: the binary, its
//! standard output, standard error and exit status.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn kafka_sim(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kafka-sim"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kafka-sim starts");
    let input = stdin.unwrap_or("").to_string();
    let mut pipe = child.stdin.take().unwrap();
    std::thread::spawn(move || pipe.write_all(input.as_bytes()));
    child.wait_with_output().expect("kafka-sim ends")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/describe").join(name)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn import_writes_a_scenario_with_its_assumptions_on_top_that_describes_back() {
    let out = kafka_sim(&["import", fixture("kafka4-down-broker-offline.txt").to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let scenario = text(&out.stdout);
    assert!(scenario.starts_with("# imported from kafka-topics.sh --describe\n# assumption: racks unknown"));
    assert!(scenario.contains("\ncrash broker 4\n"), "{scenario}");
    let described = kafka_sim(&["describe", "-"], Some(&scenario));
    assert_eq!(described.status.code(), Some(0), "{}", text(&described.stderr));
    let describe = text(&described.stdout);
    assert!(
        describe.contains("\tTopic: scratch\tPartition: 0\tLeader: none\tReplicas: 4\tIsr: \tElr: 4\t"),
        "{describe}"
    );
    assert!(describe.contains("\tTopic: payments\tPartition: 0\tLeader: 2\tReplicas: 1,2,4\tIsr: "), "{describe}");
}

#[test]
fn import_reads_standard_input_and_names_every_bad_line_on_standard_error() {
    let input = "Topic: a\tPartition: 0\tLeader: 1\tReplicas: 1,2\tIsr: 1,2\n\tTopic: a\tPartition: 1\tLeader: x\tReplicas: 1\tIsr: 1\n\tTopic: a\tPartition: 2\tLeader: 1\tReplicas: 1,2\tIsr: 3\n";
    let out = kafka_sim(&["import", "-"], Some(input));
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "nothing is half-imported");
    assert_eq!(
        text(&out.stderr),
        "line 2: Leader: 'x' is neither a broker id nor none\nline 3: Isr: broker 3 is not one of the Replicas\n"
    );
}

#[test]
fn describe_prints_37s_layout_on_request_and_refuses_a_bad_format() {
    let scenario = "brokers 3\ntopic create orders partitions=1 rf=3 replicas=1,2,3\nrun 1s\n";
    let out = kafka_sim(&["describe", "-", "--format", "3.7"], Some(scenario));
    assert_eq!(out.status.code(), Some(0));
    let describe = text(&out.stdout);
    assert!(
        describe.ends_with("\tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2,3\n"),
        "{describe}"
    );
    assert!(describe.starts_with("Topic: orders\tTopicId: ") && describe.contains("\tConfigs: \n"), "{describe}");
    let out = kafka_sim(&["describe", "-", "--format", "2.0"], Some(scenario));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--format takes 3.7 or 4"));
}

#[test]
fn help_names_import_and_describe() {
    let out = kafka_sim(&["--help"], None);
    let help = text(&out.stdout);
    assert!(help.contains("kafka-sim import FILE|-") && help.contains("describe FILE [--format 3.7]"), "{help}");
}

#[test]
fn what_if_imports_then_says_what_a_broker_failure_would_do() {
    // The degraded 4.x describe: broker 4 is down; what if broker 2 goes too?
    let scenario = kafka_sim(&["import", fixture("kafka4-down-broker-offline.txt").to_str().unwrap()], None);
    assert!(scenario.status.success(), "{}", text(&scenario.stderr));
    let answer = kafka_sim(&["what-if", "-", "2"], Some(&text(&scenario.stdout)));
    assert!(answer.status.success(), "{}", text(&answer.stderr));
    let out = text(&answer.stdout);
    assert!(out.starts_with("If broker 2 fails"), "{out}");
    assert!(out.contains("payments-0: leader 2 → 1"), "{out}");
    let bad = kafka_sim(&["what-if", "-", "two"], Some("brokers 3\n"));
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("not a list of broker numbers"));
}
