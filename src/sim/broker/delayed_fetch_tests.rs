//! A follower's fetch taken, parked and completed on a leading `Broker`, no cluster.
use super::*;
use crate::sim::broker::leader_fixture::Leading;
use crate::sim::ctx::Effect;
use crate::sim::ctx_fixture::Harness;
use crate::sim::message::FetchPartition;
use crate::sim::queue::Timer;

const P: PartitionId = PartitionId(0);
const NOW: u64 = 2_000;

/// Broker 1 leading P (epoch 1) with 4 records, HW 4; followers 2 and 3 at 4.
fn leader() -> Broker {
    Leading { epoch: 1, leo: 4, hw: 4, fetched: [4, 4], fetched_at: NOW, ..Leading::of(P) }.broker()
}

fn fetch_from(offset: u64) -> FetchRequest {
    let partition =
        FetchPartition { partition: P, fetch_offset: offset, last_fetched_epoch: None, current_leader_epoch: 1 };
    FetchRequest { request: RequestId(5), follower: 2, partitions: vec![partition], answer_immediately: false }
}

fn response_records(effect: &Effect) -> usize {
    let Effect::Send { message: Message::FetchResponse(response), .. } = effect else {
        panic!("not an answer: {effect:?}")
    };
    response.partitions[0].slice.records.len()
}

#[test]
fn a_fetch_with_records_to_send_is_answered_at_once() {
    let mut harness = Harness::at(NOW);
    let mut broker = leader();
    harness.run(&mut broker, |b, cx| b.on_fetch(fetch_from(2), cx));
    let effects = harness.take();
    assert_eq!(effects.len(), 1, "{effects:?}");
    assert_eq!(response_records(&effects[0]), 2);
    assert!(broker.parked_fetches.is_empty());
}

#[test]
fn a_fetch_at_the_log_end_is_parked_until_data_arrives() {
    let mut harness = Harness::at(NOW);
    let mut broker = leader();
    harness.run(&mut broker, |b, cx| b.on_fetch(fetch_from(4), cx));
    let wait_ms = harness.config.replica_fetch_wait_max_ms;
    let expected = vec![
        Effect::Emit(EventKind::FetchParked { leader: 1, follower: 2 }),
        Effect::Schedule { at: NOW + wait_ms, timer: Timer::LeaderPurgatory { broker: 1, incarnation: 1 } },
    ];
    assert_eq!(harness.take(), expected);
    assert_eq!(broker.parked_fetches.len(), 1);
    // Another partition's data does not complete it; this partition's does, read afresh.
    harness.run(&mut broker, |b, cx| b.complete_parked_fetches(Some(PartitionId(9)), cx));
    assert!(harness.take().is_empty());
    broker.replicas.get_mut(&P).expect("replica").log.append_as_leader(1, &[crate::sim::ids::RecordId(4)]);
    harness.run(&mut broker, |b, cx| b.complete_parked_fetches(Some(P), cx));
    let effects = harness.take();
    assert_eq!((effects.len(), response_records(&effects[0])), (1, 1));
    assert!(broker.parked_fetches.is_empty());
}

#[test]
fn a_fetch_of_a_partition_this_broker_does_not_lead_is_answered_with_the_error() {
    let mut harness = Harness::at(NOW);
    let mut broker = Broker::new(1, None);
    harness.run(&mut broker, |b, cx| b.on_fetch(fetch_from(0), cx));
    let effects = harness.take();
    let Some(Effect::Send { message: Message::FetchResponse(response), .. }) = effects.first() else {
        panic!("{effects:?}")
    };
    assert_eq!(response.partitions[0].error, ErrorCode::NotLeaderOrFollower);
}
