//! Every accepted value must be one the simulator survives: for each key, its smallest
//! and its largest accepted value run a minute of a default 3-broker cluster with traffic
//! and a broker crash, and the work done (queue items processed) stays bounded. A 0 ms
//! long poll or a timer that re-arms itself at the same instant would blow the bound (or
//! never finish).
use super::{Config, SETTINGS};
use crate::sim::cluster::producer_client::Route;
use crate::sim::cluster::{Cluster, TopicSpec};

/// A minute of simulated time.
const RUN_MS: u64 = 60_000;
/// The default configuration needs about 60 thousand queue items for this minute; a value
/// may cost more (a 1 ms heartbeat or a fetch answered at once is real work), but not
/// without limit. Measured worst case: see `every_accepted_extreme_keeps_the_work_bounded`.
const MAX_QUEUE_ITEMS: u64 = 1_000_000;

/// Settings a value needs first, so that no combination rule refuses it (the rules
/// compare two keys; the extreme of one needs the other moved out of the way).
fn prerequisites(key: &str, at_min: bool) -> &'static [(&'static str, &'static str)] {
    match (key, at_min) {
        ("replica.lag.time.max.ms" | "replica.socket.timeout.ms", true) => &[("replica.fetch.wait.max.ms", "0")],
        ("replica.fetch.wait.max.ms", false) => {
            &[("replica.lag.time.max.ms", "28800000"), ("replica.socket.timeout.ms", "28800000")]
        }
        ("broker.session.timeout.ms", true) => &[("broker.heartbeat.interval.ms", "1")],
        ("broker.heartbeat.interval.ms", false) => &[("broker.session.timeout.ms", "28800000")],
        ("request.timeout.ms", false) => &[("linger.ms", "0"), ("delivery.timeout.ms", "28800000")],
        ("delivery.timeout.ms", true) => &[("request.timeout.ms", "0"), ("linger.ms", "0")],
        ("linger.ms", false) => &[("request.timeout.ms", "0"), ("delivery.timeout.ms", "28800000")],
        _ => &[],
    }
}

/// Runs the minute with `key` at `value`; returns the queue items processed.
fn run_with(key: &str, value: u64, at_min: bool) -> u64 {
    let mut cluster = Cluster::new(Config::default(), 7);
    for (k, v) in prerequisites(key, at_min) {
        cluster.set_config(k, v).unwrap_or_else(|e| panic!("{k} {v} (before {key} {value}): {e}"));
    }
    cluster.set_config(key, &value.to_string()).unwrap_or_else(|e| panic!("{key} {value}: {e}"));
    cluster.add_brokers(3, &[]).expect("3 brokers");
    let spec = TopicSpec {
        name: "t".into(),
        partitions: 3,
        replication_factor: 3,
        min_isr: None,
        start: Some(0),
        replicas: None,
        placer: None,
    };
    cluster.create_topic(spec).unwrap_or_else(|e| panic!("{key} {value}: topic: {e}"));
    let target = Route::Topic("t".into());
    for tick in 0..RUN_MS / 100 {
        let at = tick * 100;
        if at == 20_000 {
            cluster.crash_broker(3).expect("crash");
        }
        if at == 40_000 {
            cluster.restart_broker(3).expect("restart");
        }
        cluster.produce(&target, &format!("r{tick}"), None, None, "producer").expect("produce");
        // Step by step rather than `run_until`, so a loop that never lets the clock move
        // fails the bound instead of hanging the test.
        while cluster.next_event_time().is_some_and(|t| t <= at + 100) {
            cluster.step();
            let processed = cluster.queue_items_processed();
            assert!(processed <= MAX_QUEUE_ITEMS, "{key} {value}: {processed} queue items by {} ms", cluster.now_ms());
        }
        cluster.run_until(at + 100);
        cluster.discard_events();
    }
    cluster.queue_items_processed()
}

#[test]
fn every_accepted_extreme_keeps_the_work_bounded() {
    let baseline = run_with("replica.fetch.wait.max.ms", 500, true);
    let mut worst = (String::new(), 0);
    for setting in SETTINGS {
        let Some(range) = setting.range else { continue };
        for (value, at_min) in [(range.min, true), (range.max, false)] {
            let items = run_with(setting.key, value, at_min);
            eprintln!("{:>40} {:>10}: {items:>9} queue items (default {baseline})", setting.key, value);
            if items > worst.1 {
                worst = (format!("{} {value}", setting.key), items);
            }
        }
    }
    eprintln!("worst: {} with {} queue items", worst.0, worst.1);
}
