//! The produce purgatory on a `Broker` with a `Ctx`, no cluster: one delayed produce per
//! request, answered when every partition it carries is settled.
use super::*;
use crate::sim::broker::leader_fixture::Leading;
use crate::sim::ctx::Effect;
use crate::sim::ctx_fixture::Harness;

const P: PartitionId = PartitionId(0);
const Q: PartitionId = PartitionId(1);
const NOW: u64 = 5_000;

/// Broker 1 leading P and Q (epoch 1, 4 records each, HW 2, ISR [1,2,3]).
fn leading_two() -> Broker {
    let mut broker = Leading { epoch: 1, leo: 4, hw: 2, ..Leading::of(P) }.broker();
    let mut other = Leading { epoch: 1, leo: 4, hw: 2, ..Leading::of(Q) }.broker();
    broker.replicas.insert(Q, other.replicas.remove(&Q).expect("leads Q"));
    broker
}

/// Request 7 from client 0, parked: records 2..4 of P and of Q, due at `deadline`.
fn park_both(broker: &mut Broker, deadline: u64) {
    let partitions =
        vec![PartitionStatus::appended(P, (RecordId(10), 2), 2), PartitionStatus::appended(Q, (RecordId(20), 2), 2)];
    broker.delayed_produces.push(DelayedProduce { request: RequestId(7), producer: ClientId(0), partitions, deadline });
}

fn response(effects: &[Effect]) -> Option<&ProduceResponse> {
    effects.iter().find_map(|e| match e {
        Effect::Send { message: Message::ProduceResponse(r), .. } => Some(r),
        _ => None,
    })
}

fn results(response: &ProduceResponse) -> Vec<(PartitionId, ErrorCode, Option<u64>)> {
    response.partitions.iter().map(|p| (p.partition, p.error, p.base_offset)).collect()
}

#[test]
fn a_request_for_two_partitions_is_answered_once_both_hws_pass_its_batches() {
    let mut harness = Harness::at(NOW);
    let mut broker = leading_two();
    park_both(&mut broker, NOW + 30_000);
    broker.replicas.get_mut(&P).expect("P").hw = 4;
    harness.run(&mut broker, |b, cx| b.complete_delayed_produces(P, cx));
    assert!(harness.take().is_empty(), "P is settled, Q still waits: no answer");
    assert!(!broker.delayed_produces[0].partitions[0].pending);
    broker.replicas.get_mut(&Q).expect("Q").hw = 4;
    harness.run(&mut broker, |b, cx| b.complete_delayed_produces(Q, cx));
    let effects = harness.take();
    let answer = response(&effects).expect("one response");
    assert_eq!(results(answer), vec![(P, ErrorCode::None, Some(2)), (Q, ErrorCode::None, Some(2))]);
    let answered = effects.iter().filter(|e| matches!(e, Effect::Emit(EventKind::ProduceAnswered { .. }))).count();
    assert_eq!(answered, 2, "the fact for each partition: {effects:?}");
    assert!(broker.delayed_produces.is_empty());
}

#[test]
fn losing_one_partitions_leadership_settles_only_that_partition() {
    let mut harness = Harness::at(NOW);
    let mut broker = leading_two();
    park_both(&mut broker, NOW + 30_000);
    harness.run(&mut broker, |b, cx| b.settle_delayed_partition(Q, ErrorCode::NotLeaderOrFollower, cx));
    assert!(harness.take().is_empty(), "P still waits for its HW");
    broker.replicas.get_mut(&P).expect("P").hw = 4;
    harness.run(&mut broker, |b, cx| b.complete_delayed_produces(P, cx));
    let effects = harness.take();
    let answer = response(&effects).expect("answered once P is settled");
    assert_eq!(results(answer), vec![(P, ErrorCode::None, Some(2)), (Q, ErrorCode::NotLeaderOrFollower, None)]);
}

#[test]
fn a_partition_whose_leadership_ended_is_found_out_when_the_request_is_checked() {
    let mut harness = Harness::at(NOW);
    let mut broker = leading_two();
    park_both(&mut broker, NOW + 30_000);
    broker.replicas.get_mut(&Q).expect("Q").role = crate::sim::replica::Role::Unknown;
    broker.replicas.get_mut(&P).expect("P").hw = 4;
    harness.run(&mut broker, |b, cx| b.complete_delayed_produces(P, cx));
    let answer = response(&harness.take()).cloned().expect("every partition settled");
    assert_eq!(results(&answer), vec![(P, ErrorCode::None, Some(2)), (Q, ErrorCode::NotLeaderOrFollower, None)]);
}

#[test]
fn on_expiry_a_settled_partition_keeps_its_result_and_a_waiting_one_times_out() {
    let mut harness = Harness::at(NOW);
    let mut broker = leading_two();
    park_both(&mut broker, NOW);
    broker.replicas.get_mut(&P).expect("P").hw = 4;
    harness.run(&mut broker, |b, cx| b.complete_delayed_produces(P, cx));
    harness.take();
    harness.run(&mut broker, |b, cx| b.expire_delayed_produces(cx));
    let answer = response(&harness.take()).cloned().expect("expired");
    assert_eq!(results(&answer), vec![(P, ErrorCode::None, Some(2)), (Q, ErrorCode::RequestTimedOut, None)]);
    assert!(broker.delayed_produces.is_empty());
}
