//! A broker taking up its roles from metadata, with a `Ctx`, no cluster or controller.
use super::*;
use crate::sim::broker::leader_fixture::{park_write, Leading};
use crate::sim::config::TruncationMode;
use crate::sim::ctx::Effect;
use crate::sim::ctx_fixture::Harness;
use crate::sim::ids::{BrokerId, NodeId};
use crate::sim::message::Message;
use crate::sim::topic::Topic;

const P: PartitionId = PartitionId(0);

/// A harness whose one topic (partition P) has replication factor 3 and min-ISR 2.
fn harness() -> Harness {
    let topic = Topic {
        name: "orders".into(),
        first_partition: P,
        partitions: 1,
        replication_factor: 3,
        min_isr: Some(2),
        placed_by: None,
    };
    let mut harness = Harness { topics: vec![topic], ..Harness::at(700) };
    harness.add_records(P, 4, false); // what the leader's log holds
    harness
}

/// The metadata record at offset 3 (after the three registrations the fixture applied).
fn partition_record(leader: Option<BrokerId>, leader_epoch: u32, isr: &[BrokerId]) -> Vec<(u64, MetadataRecord)> {
    let state = PartitionState {
        replicas: vec![1, 2, 3],
        isr: isr.to_vec(),
        elr: Vec::new(),
        last_known_leader: None,
        leader,
        leader_epoch,
        partition_epoch: leader_epoch,
        recovering: false,
    };
    vec![(3, MetadataRecord::Partition { partition: P, state })]
}

/// Broker 1 leading P in epoch 2: 4 records, HW 2, ISR [1, 2, 3].
fn leading() -> Broker {
    Leading { epoch: 2, partition_epoch: 2, leo: 4, hw: 2, min_isr: 2, fetched: [2, 2], ..Leading::of(P) }.broker()
}

#[test]
fn a_broker_named_leader_starts_a_new_epoch_at_its_log_end_with_the_topics_settings() {
    let mut harness = harness();
    let mut broker = leading();
    harness.run(&mut broker, |b, cx| b.apply_metadata(&partition_record(Some(1), 3, &[1, 2]), cx));
    let became = EventKind::BecameLeader { broker: 1, partition: P, epoch: 3, leo: 4 };
    assert_eq!(harness.take_events(), vec![became]);
    let replica = &broker.replicas[&P];
    let state = replica.leader_state().expect("leader");
    assert_eq!((replica.epoch, state.epoch_start_offset, state.isr.clone()), (3, 4, vec![1, 2]));
    assert_eq!((state.min_isr, state.replication_factor), (2, 3), "from the topic");
}

#[test]
fn a_leader_in_the_same_epoch_adopts_the_committed_isr_and_drops_its_pending_change() {
    let mut harness = harness();
    let mut broker = leading();
    harness.run(&mut broker, |b, cx| b.apply_metadata(&partition_record(Some(1), 2, &[1, 2]), cx));
    assert!(harness.take_events().is_empty(), "no new role");
    let state = broker.replicas[&P].leader_state().expect("leader");
    assert_eq!((state.isr.clone(), state.pending_isr.is_none()), (vec![1, 2], true));
}

#[test]
fn a_leader_that_becomes_follower_answers_its_parked_writes_and_fetches_from_the_new_leader() {
    let mut harness = harness();
    let mut broker = leading();
    park_write(&mut broker, P, 3, 1, 30_000);
    harness.run(&mut broker, |b, cx| b.apply_metadata(&partition_record(Some(2), 3, &[2, 3]), cx));
    let effects = harness.take();
    let refused = |e: &Effect| {
        matches!(e, Effect::Emit(EventKind::ProduceAnswered { error: ErrorCode::NotLeaderOrFollower, .. }))
    };
    assert!(refused(&effects[0]), "the parked write first: {effects:?}");
    let became = EventKind::BecameFollower { broker: 1, partition: P, leader: Some(2), epoch: 3 };
    let position = effects.iter().position(|e| *e == Effect::Emit(became.clone())).expect("became follower");
    let fetch = effects[position..].iter().any(|e| {
        matches!(e, Effect::Send { to: NodeId::Broker(2), message: Message::Fetch(f), .. } if f.partitions[0].fetch_offset == 4)
    });
    assert!(fetch, "then it fetches from broker 2 at its log end: {effects:?}");
}

#[test]
fn before_kip_101_a_new_follower_first_truncates_to_its_hw() {
    let mut harness = harness();
    harness.config.truncation = TruncationMode::HighWatermark;
    let mut broker = leading();
    harness.run(&mut broker, |b, cx| b.apply_metadata(&partition_record(Some(2), 3, &[2, 3]), cx));
    let events = harness.take_events();
    assert!(matches!(events[0], EventKind::Truncated { to: 2, removed: 2, .. }), "{events:?}");
    assert_eq!(broker.replicas[&P].log.leo(), 2);
}

#[test]
fn records_after_a_gap_are_not_applied() {
    let mut harness = harness();
    let mut broker = leading();
    let mut records = partition_record(Some(1), 3, &[1, 2]);
    records[0].0 = 4; // offset 3 never arrived
    harness.run(&mut broker, |b, cx| b.apply_metadata(&records, cx));
    assert!(harness.take().is_empty());
    assert_eq!(broker.replicas[&P].epoch, 2);
}
