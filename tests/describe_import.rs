//! `kafka-topics.sh --describe` in and out (script::describe). Each fixture in
//! tests/fixtures/describe/ (written from TopicCommand's printDescription, 2.x to 4.x, some
//! mangled as a copy mangles them) imports to a script that, run, describes as the fixture
//! does: the same assignment, leader, ISR and ELR on every partition it printed.
use std::path::{Path, PathBuf};

use replication_playground::script::describe::{
    compare, complete, describe, describe_cluster, format_description, import_describe, parse_describe, Format,
};
use replication_playground::script::ScriptRun;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/describe")
}

fn fixture(name: &str) -> String {
    let path = fixture_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every fixture that describes a cluster (all but malformed.txt).
fn cluster_fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixture_dir())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".txt") && n != "malformed.txt")
        .collect();
    names.sort();
    names
}

fn run(script: &str) -> ScriptRun {
    let mut run = ScriptRun::new();
    run.run_script(script).unwrap_or_else(|e| panic!("the imported script fails: {e}\n{script}"));
    run
}

/// Import, run, describe, compare with the input (its broker ids shifted as the import did).
fn round_trip(name: &str, text: &str) -> Vec<String> {
    let imported = import_describe(text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let not_reproduced: Vec<&String> =
        imported.assumptions.iter().filter(|a| a.starts_with("not reproduced")).collect();
    assert!(not_reproduced.is_empty(), "{name}: {not_reproduced:?}\n{}", imported.script);
    let mut want = parse_describe(text).unwrap();
    complete::shift_ids(&mut want, &mut Vec::new());
    let got = describe_cluster(run(&imported.script).cluster());
    let found = compare(&want, &got);
    assert!(found.is_empty(), "{name}: {found:?}\n{}", imported.script);
    imported.assumptions
}

#[test]
fn every_fixture_imports_to_the_cluster_it_describes() {
    let names = cluster_fixtures();
    assert!(names.len() >= 9, "fixtures: {names:?}");
    for name in names {
        round_trip(&name, &fixture(&name));
    }
}

#[test]
fn an_exported_describe_imports_back_to_the_same_cluster_in_both_formats() {
    for name in cluster_fixtures() {
        let imported = import_describe(&fixture(&name)).unwrap();
        let cluster = run(&imported.script);
        for format in [Format::Kafka4, Format::Kafka37] {
            let text = describe(cluster.cluster(), format);
            round_trip(&format!("{name} exported as {format:?}"), &text);
        }
    }
}

#[test]
fn filtered_outputs_infer_the_partition_count_and_say_so() {
    let notes = round_trip("under-replicated", &fixture("under-replicated-filtered.txt"));
    assert!(notes.iter().any(|n| n.contains("partition count 4 inferred")), "{notes:?}");
    assert!(notes.iter().any(|n| n.starts_with("orders-0, orders-2 not in the input")), "{notes:?}");
    let notes = round_trip("unavailable", &fixture("unavailable-filtered-37.txt"));
    assert!(notes.iter().any(|n| n.contains("partition count 3 inferred")), "{notes:?}");
}

#[test]
fn configs_the_simulator_knows_are_kept_and_the_others_named() {
    let imported = import_describe(&fixture("kafka4-healthy.txt")).unwrap();
    assert!(imported.script.contains("topic create orders partitions=3 rf=3 min-isr=2 replicas=1,2,3/2,3,1/3,1,2"));
    let ignored = imported.assumptions.iter().find(|a| a.contains("configs ignored")).unwrap();
    assert!(ignored.ends_with("cleanup.policy=delete,retention.ms=604800000"), "{ignored}");
}

#[test]
fn the_zookeeper_era_with_broker_zero_is_shifted_by_one() {
    let notes = round_trip("zookeeper", &fixture("zookeeper-era.txt"));
    assert!(notes.iter().any(|n| n.starts_with("broker ids shifted by one")), "{notes:?}");
    let imported = import_describe(&fixture("zookeeper-era.txt")).unwrap();
    assert!(imported.script.contains("set eligible.leader.replicas.version 0"));
    assert!(imported.script.contains("crash broker 4"), "{}", imported.script);
}

#[test]
fn mangled_copies_import_as_the_original() {
    let original = import_describe(&fixture("kafka4-down-broker-offline.txt")).unwrap();
    assert_eq!(import_describe(&fixture("kafka4-spaces.txt")).unwrap(), original);
    let healthy = import_describe(&fixture("kafka4-healthy.txt")).unwrap();
    assert_eq!(import_describe(&fixture("wrapped.txt")).unwrap(), healthy);
}

#[test]
fn every_malformed_line_is_named_and_nothing_is_imported() {
    let errors = import_describe(&fixture("malformed.txt")).unwrap_err();
    let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0], "line 1: text before the first Topic: line");
    let without_first = fixture("malformed.txt").split_once('\n').unwrap().1.to_string();
    let errors = import_describe(&without_first).unwrap_err();
    let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        lines,
        [
            "line 2: Leader: 4 is not in the Isr (a leader always is)",
            "line 3: Replicas: '2,3,x' is not a list of broker ids",
            "line 4: orders partition 2 but PartitionCount: 2",
            "line 5: orders partition 2 described twice",
        ]
    );
}

#[test]
fn the_export_is_kafka_4s_layout_tab_for_tab_and_37s_without_elr() {
    let script =
        "brokers 2\ntopic create t partitions=2 rf=2 min-isr=2 replicas=1,2/2,1\nrun 1s\ncrash broker 2\nrun 12s\n";
    let cluster = run(script);
    let text = describe(cluster.cluster(), Format::Kafka4);
    let id = replication_playground::script::describe::topic_id::topic_id(0, "t");
    assert_eq!(
        text,
        format!(
            "Topic: t\tTopicId: {id}\tPartitionCount: 2\tReplicationFactor: 2\tConfigs: min.insync.replicas=2\n\
             \tTopic: t\tPartition: 0\tLeader: 1\tReplicas: 1,2\tIsr: 1\tElr: 2\tLastKnownElr: \n\
             \tTopic: t\tPartition: 1\tLeader: 1\tReplicas: 2,1\tIsr: 1\tElr: 2\tLastKnownElr: \n"
        )
    );
    let old = describe(cluster.cluster(), Format::Kafka37);
    assert!(old.contains("\tIsr: 1\n") && !old.contains("Elr"), "{old}");
    assert_eq!(format_description(&describe_cluster(cluster.cluster()), Format::Kafka4), text);
}

#[test]
fn a_reassignment_keeps_the_old_assignment_and_a_header_alone_gets_partitions() {
    let text = "Topic: a\tPartitionCount: 2\tReplicationFactor: 2\tConfigs: min.insync.replicas=2\n\
                Topic: r\tPartitionCount: 1\tReplicationFactor: 2\tConfigs: \n\
                \tTopic: r\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2,3\tAdding Replicas: 3\tRemoving Replicas: 2\tElr: \tLastKnownElr: \n";
    let imported = import_describe(text).unwrap();
    assert!(imported.script.contains("topic create a partitions=2 rf=2 min-isr=2 replicas=1,2/2,1\n"));
    assert!(imported.script.contains("topic create r partitions=1 rf=2 replicas=1,2\n"));
    assert!(imported.assumptions.iter().any(|a| a.starts_with("r-0: a reassignment was under way")));
    assert!(imported.assumptions.iter().any(|a| a.starts_with("a-0, a-1 not in the input")));
    run(&imported.script);
}

#[test]
fn leaders_no_order_of_stops_reaches_are_named_not_hidden() {
    // spread-0 wants 3 (past 1,2) and spread-1 wants 1 (past 2,3): each move stops the
    // other's leader, so one of them cannot end where the describe has it.
    let text = "\tTopic: spread\tPartition: 0\tLeader: 3\tReplicas: 1,2,3\tIsr: 1,2,3\n\
                \tTopic: spread\tPartition: 1\tLeader: 1\tReplicas: 2,3,1\tIsr: 1,2,3\n";
    let imported = import_describe(text).unwrap();
    let missed: Vec<&String> = imported.assumptions.iter().filter(|a| a.starts_with("not reproduced")).collect();
    assert_eq!(missed.len(), 1, "{missed:?}");
    assert!(missed[0].contains("leader"), "{missed:?}");
}
