//! `kafka-sim run FILE --metrics` and `--metrics-csv F`, run as a person runs them: the
//! built binary on the metrics scenario.
use std::path::Path;
use std::process::Command;

fn kafka_sim(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kafka-sim")).args(args).output().expect("kafka-sim runs")
}

fn scenario() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/metrics-under-replicated-after-crash.scenario");
    path.to_string_lossy().into_owned()
}

#[test]
fn metrics_prints_each_metric_with_its_value_mbean_and_normal_value() {
    let output = kafka_sim(&["run", &scenario(), "--quiet", "--metrics"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("ok\nMETRICS"), "{text}");
    let line = |name: &str| text.lines().find(|l| l.trim_start().starts_with(&format!("{name} "))).unwrap().to_string();
    let urp = line("UnderReplicatedPartitions");
    assert!(
        urp.contains(" 0 ") && urp.ends_with("kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions"),
        "{urp}"
    );
    assert!(line("IsrExpandsPerSec").contains(" 3 "));
    assert!(line("ActiveControllerCount").contains(" 1 "));
    assert!(text.contains("normal: 0"));
    assert!(text.contains("FOLLOWER LAG"));
}

#[test]
fn metrics_csv_writes_every_change_with_its_time_and_event() {
    let file = std::env::temp_dir().join(format!("kafka-sim-metrics-{}.csv", std::process::id()));
    let file_arg = file.to_string_lossy().into_owned();
    let output = kafka_sim(&["run", &scenario(), "--quiet", "--metrics-csv", &file_arg]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8(output.stdout).unwrap(), "ok\n", "the CSV goes to the file only");
    let csv = std::fs::read_to_string(&file).unwrap();
    std::fs::remove_file(&file).ok();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("time_ms,event_index,metric,value"));
    let urp: Vec<(u64, u64, u64)> = lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|f| f[2] == "UnderReplicatedPartitions")
        .map(|f| (f[0].parse().unwrap(), f[1].parse().unwrap(), f[3].parse().unwrap()))
        .collect();
    let values: Vec<u64> = urp.iter().map(|p| p.2).collect();
    assert_eq!(values, [1, 2, 3, 2, 1, 0], "up as each leader learns of the fence, down as each takes broker 1 back");
    assert!(urp[0].0 >= 9_000, "not before the fence: {urp:?}");
    assert!(urp.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1));
}

#[test]
fn metrics_csv_needs_a_file() {
    let output = kafka_sim(&["run", &scenario(), "--metrics-csv"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--metrics-csv needs a FILE"));
}
