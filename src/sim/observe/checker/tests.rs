//! The checker as an observer: fed events and a read-only world, with no cluster running.
use super::*;
use crate::sim::cluster::Cluster;
use crate::sim::config::Config;

fn at(kind: EventKind) -> Event {
    Event { at: 10, kind }
}

fn hw(broker: BrokerId, epoch: u32, from: u64, to: u64) -> Event {
    at(EventKind::HighWatermarkAdvanced { broker, partition: PartitionId(0), from, to, epoch })
}

fn properties(findings: &[Finding]) -> Vec<(usize, Property)> {
    findings.iter().map(|f| (f.after, f.violation.property)).collect()
}

#[test]
fn nothing_to_observe_is_idle_and_finds_nothing() {
    let cluster = Cluster::new(Config::default(), 1);
    let mut checker = Checker::default();
    assert!(checker.is_idle(&[], &cluster.world()));
    assert!(checker.observe(&[], &cluster.world()).is_empty());
}

#[test]
fn a_falling_hw_is_reported_once_right_after_the_event_that_shows_it() {
    let cluster = Cluster::new(Config::default(), 1);
    let mut checker = Checker::default();
    let events = [hw(1, 3, 0, 5), hw(1, 3, 5, 4), at(EventKind::AllHealed)];
    let found = checker.observe(&events, &cluster.world());
    assert_eq!(properties(&found), vec![(2, Property::HighWatermarkDecreased)]);
    assert_eq!(found[0].violation.detail, "the HW of partition#0 fell from 5 to 4 within leader epoch 3");
    // The same epoch again: already reported. A new epoch starts from its own HW.
    assert!(checker.observe(&[hw(1, 3, 4, 2)], &cluster.world()).is_empty());
    assert!(checker.observe(&[hw(2, 4, 0, 1)], &cluster.world()).is_empty());
    assert_eq!(checker.violations(), 1);
    assert_eq!(checker.violated_properties(), &[Property::HighWatermarkDecreased]);
}

#[test]
fn two_brokers_leading_one_epoch_are_reported() {
    let cluster = Cluster::new(Config::default(), 1);
    let mut checker = Checker::default();
    let lead = |broker| at(EventKind::BecameLeader { broker, partition: PartitionId(0), epoch: 2, leo: 0 });
    assert!(checker.observe(&[lead(1), lead(1)], &cluster.world()).is_empty(), "the same leader again is fine");
    let found = checker.observe(&[lead(2)], &cluster.world());
    assert_eq!(properties(&found), vec![(1, Property::TwoLeadersInOneEpoch)]);
    assert_eq!(found[0].violation.brokers, vec![1, 2]);
}

#[test]
fn a_consumer_served_at_or_above_the_hw_is_reported() {
    let cluster = Cluster::new(Config::default(), 1);
    let mut checker = Checker::default();
    let consumed = |from, count, hw| {
        let (client, broker, partition) = (ClientId(1), 1, PartitionId(0));
        at(EventKind::ConsumerFetched { client, broker, partition, from, count, hw })
    };
    assert!(checker.observe(&[consumed(0, 4, 4)], &cluster.world()).is_empty(), "below the HW");
    let found = checker.observe(&[consumed(2, 3, 4)], &cluster.world());
    assert_eq!(properties(&found), vec![(1, Property::ConsumerBeyondHighWatermark)]);
    assert_eq!(
        found[0].violation.detail,
        "consumer consumer was served offsets 2..5 of partition#0, at or above the HW 4"
    );
}

/// The AckedRecordLost details of a scenario file's run.
fn loss_details(path: &str) -> Vec<String> {
    let script = std::fs::read_to_string(path).expect("the scenario");
    let mut run = crate::script::ScriptRun::new();
    run.run_script(&script).expect("runs");
    run.trace()
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::SafetyViolation(v) if v.property == Property::AckedRecordLost => Some(v.detail.clone()),
            _ => None,
        })
        .collect()
}

/// Curriculum note N11: m1 is lost because broker 2 lost power before flushing it, in
/// either truncation mode. The report says so, and blames neither a high-watermark
/// truncation (none removed it) nor broker 1 (it had flushed everything).
#[test]
fn a_loss_to_a_power_off_names_the_broker_that_had_not_flushed() {
    for mode in ["high-watermark", "leader-epoch"] {
        let details = loss_details(&format!("scenarios/power-off-unflushed-loss-names-the-broker-{mode}.scenario"));
        let [detail] = details.as_slice() else { panic!("{mode}: one loss expected: {details:?}") };
        assert!(detail.contains("'m1'"), "{mode}: {detail}");
        assert!(
            detail.ends_with("broker 2 had the record but lost power before flushing it to disk, so it came back without it, and was then elected"),
            "{mode}: {detail}"
        );
        assert!(!detail.contains("high watermark") && !detail.contains("broker 1"), "{mode}: {detail}");
    }
}

/// A high-watermark truncation that did remove the record is still named as the cause.
#[test]
fn a_loss_to_a_high_watermark_truncation_names_the_truncating_broker() {
    let details = loss_details("scenarios/hw-truncation-before-kip101.scenario");
    let [detail] = details.as_slice() else { panic!("one loss expected: {details:?}") };
    assert!(
        detail.ends_with("broker 3 truncated it away to its own high watermark when it became follower (pre-KIP-101), and was then elected"),
        "{detail}"
    );
}

/// The last copy went in a power-off: the report says why an acknowledgement does not
/// survive that (Kafka acknowledges before it flushes) and which broker lost it.
#[test]
fn a_record_gone_from_every_replica_in_a_power_off_says_kafka_acks_before_flushing() {
    let details = loss_details("scenarios/power-off-loses-unflushed.scenario");
    let [detail] = details.as_slice() else { panic!("one loss expected: {details:?}") };
    assert!(
        detail.contains("gone from every replica: Kafka acknowledges a write before flushing it to disk, so a power-off loses what a broker had not flushed yet; broker "),
        "{detail}"
    );
    assert!(detail.contains("lost power before flushing it"), "{detail}");
}
