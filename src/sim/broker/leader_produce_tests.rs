//! The leader's produce path on a `Broker` with a `Ctx`, no cluster.
use super::*;
use crate::sim::broker::leader_fixture::Leading;
use crate::sim::ctx::Effect;
use crate::sim::ctx_fixture::Harness;
use crate::sim::ids::{BrokerId, ClientId, PartitionId, RecordId};
use crate::sim::message::{Message, PartitionResponse, ProduceResponse, RequestId};
use crate::sim::queue::Timer;

const P: PartitionId = PartitionId(0);
/// A partition broker 1 hosts no replica of.
const ELSEWHERE: PartitionId = PartitionId(1);
const PRODUCER: ClientId = ClientId(0);
const NOW: u64 = 1_000;

/// Broker 1 leading P (epoch 3) with 5 records, ISR `isr` of min-ISR 2, followers at 0.
fn leader(isr: &[BrokerId]) -> Broker {
    Leading { epoch: 3, leo: 5, isr, min_isr: 2, fetched_at: NOW, ..Leading::of(P) }.broker()
}

/// A harness whose record table holds `n` records of one idempotent batch of `PRODUCER`.
fn harness_with_batch(n: u32) -> (Harness, Vec<RecordId>) {
    let mut harness = Harness::at(NOW);
    let ids = harness.add_records(P, n, true);
    harness.records.mark_batch_start(ids[0], n as u16);
    (harness, ids)
}

fn batch(partition: PartitionId, records: &[RecordId]) -> PartitionProduce {
    PartitionProduce { partition, records: records.to_vec(), base_sequence: 0, idempotent: true }
}

/// Request 9: one batch of `records` for each partition in `partitions`.
fn request_for(partitions: &[(PartitionId, &[RecordId])], acks: Acks) -> ProduceRequest {
    let batches = partitions.iter().map(|(p, records)| batch(*p, records)).collect();
    ProduceRequest { request: RequestId(9), batches, acks, producer: PRODUCER, producer_epoch: 0, timeout_ms: 30_000 }
}

fn request(records: &[RecordId], acks: Acks) -> ProduceRequest {
    request_for(&[(P, records)], acks)
}

fn answer_for(partitions: &[(PartitionId, ErrorCode, Option<u64>)]) -> Effect {
    let partitions =
        partitions.iter().map(|&(partition, error, base_offset)| PartitionResponse { partition, error, base_offset });
    let response = ProduceResponse { request: RequestId(9), partitions: partitions.collect() };
    Effect::Send { from: NodeId::Broker(1), to: NodeId::Client(PRODUCER), message: Message::ProduceResponse(response) }
}

fn answer(error: ErrorCode, base_offset: Option<u64>) -> Effect {
    answer_for(&[(P, error, base_offset)])
}

#[test]
fn an_acks_1_write_is_appended_and_answered_with_its_offset() {
    let (mut harness, ids) = harness_with_batch(2);
    let mut broker = leader(&[1, 2, 3]);
    harness.run(&mut broker, |b, cx| b.on_produce(NodeId::Client(PRODUCER), &request(&ids, Acks::One), cx));
    let appended = EventKind::LeaderAppended { broker: 1, partition: P, first_offset: 5, count: 2, epoch: 3 };
    let answered =
        EventKind::ProduceAnswered { broker: 1, partition: P, first: ids[0], count: 2, error: ErrorCode::None };
    let expected = vec![Effect::Emit(appended), Effect::Emit(answered), answer(ErrorCode::None, Some(5))];
    assert_eq!(harness.take(), expected);
    assert_eq!(broker.replicas[&P].log.leo(), 7);
}

#[test]
fn an_acks_all_write_waits_in_purgatory_for_the_hw() {
    let (mut harness, ids) = harness_with_batch(1);
    let mut broker = leader(&[1, 2, 3]);
    harness.run(&mut broker, |b, cx| b.on_produce(NodeId::Client(PRODUCER), &request(&ids, Acks::All), cx));
    let effects = harness.take();
    let wait_ms = harness.config.replica_fetch_wait_max_ms;
    let check = Effect::Schedule { at: NOW + wait_ms, timer: Timer::LeaderPurgatory { broker: 1, incarnation: 1 } };
    assert_eq!(effects.len(), 2, "appended, then the purgatory armed; no answer yet: {effects:?}");
    assert_eq!(effects[1], check, "armed no further out than one fetch wait");
    let waiting = &broker.delayed_produces;
    assert_eq!((waiting.len(), waiting[0].partitions[0].required_offset), (1, 6));
}

#[test]
fn an_acks_all_write_with_the_isr_below_min_isr_is_refused_and_not_appended() {
    let (mut harness, ids) = harness_with_batch(1);
    let mut broker = leader(&[1]);
    harness.run(&mut broker, |b, cx| b.on_produce(NodeId::Client(PRODUCER), &request(&ids, Acks::All), cx));
    let rejected =
        EventKind::ProduceRejected { broker: 1, partition: P, first: ids[0], error: ErrorCode::NotEnoughReplicas };
    assert_eq!(harness.take(), vec![Effect::Emit(rejected), answer(ErrorCode::NotEnoughReplicas, None)]);
    assert_eq!(broker.replicas[&P].log.leo(), 5);
}

#[test]
fn a_broker_that_does_not_lead_refuses_and_acks_0_hears_nothing_back() {
    let (mut harness, ids) = harness_with_batch(1);
    let mut broker = Broker::new(1, None);
    harness.run(&mut broker, |b, cx| b.on_produce(NodeId::Client(PRODUCER), &request(&ids, Acks::Zero), cx));
    let rejected =
        EventKind::ProduceRejected { broker: 1, partition: P, first: ids[0], error: ErrorCode::NotLeaderOrFollower };
    assert_eq!(harness.take(), vec![Effect::Emit(rejected)]);
}

#[test]
fn an_idempotent_retry_of_a_batch_the_log_holds_is_answered_where_it_was_written() {
    let (mut harness, ids) = harness_with_batch(2);
    let mut broker = leader(&[1, 2, 3]);
    let retry = request(&ids, Acks::One);
    harness.run(&mut broker, |b, cx| b.on_produce(NodeId::Client(PRODUCER), &retry, cx));
    harness.take();
    harness.run(&mut broker, |b, cx| b.on_produce(NodeId::Client(PRODUCER), &retry, cx));
    let dropped = EventKind::DuplicateDropped { broker: 1, partition: P, first: ids[0], offset: 5 };
    let effects = harness.take();
    assert_eq!(effects[0], Effect::Emit(dropped));
    assert_eq!(effects.last(), Some(&answer(ErrorCode::None, Some(5))));
    assert_eq!(broker.replicas[&P].log.leo(), 7, "the retry is not appended again");
}

#[test]
fn a_partition_this_broker_does_not_lead_is_refused_alone_and_the_rest_of_the_request_is_written() {
    let mut harness = Harness::at(NOW);
    let here = harness.add_records(P, 1, false);
    let there = harness.add_records(ELSEWHERE, 1, false);
    let mut broker = leader(&[1, 2, 3]);
    let both = request_for(&[(P, &here), (ELSEWHERE, &there)], Acks::One);
    harness.run(&mut broker, |b, cx| b.on_produce(NodeId::Client(PRODUCER), &both, cx));
    let effects = harness.take();
    let refused = EventKind::ProduceRejected {
        broker: 1,
        partition: ELSEWHERE,
        first: there[0],
        error: ErrorCode::NotLeaderOrFollower,
    };
    assert!(effects.contains(&Effect::Emit(refused)), "{effects:?}");
    let one_answer = answer_for(&[(P, ErrorCode::None, Some(5)), (ELSEWHERE, ErrorCode::NotLeaderOrFollower, None)]);
    assert_eq!(effects.last(), Some(&one_answer), "one response, a result per partition: {effects:?}");
    assert_eq!(broker.replicas[&P].log.leo(), 6);
}

#[test]
fn an_acks_all_request_parks_once_with_its_refused_partition_already_settled() {
    let mut harness = Harness::at(NOW);
    let here = harness.add_records(P, 1, false);
    let there = harness.add_records(ELSEWHERE, 1, false);
    let mut broker = leader(&[1, 2, 3]);
    let both = request_for(&[(P, &here), (ELSEWHERE, &there)], Acks::All);
    harness.run(&mut broker, |b, cx| b.on_produce(NodeId::Client(PRODUCER), &both, cx));
    let effects = harness.take();
    assert!(!effects.iter().any(|e| matches!(e, Effect::Send { .. })), "no answer before the HW: {effects:?}");
    let [parked] = broker.delayed_produces.as_slice() else { panic!("one delayed produce for the request") };
    let settled: Vec<(PartitionId, bool, ErrorCode)> =
        parked.partitions.iter().map(|p| (p.partition, p.pending, p.error)).collect();
    assert_eq!(
        settled,
        vec![(P, true, ErrorCode::RequestTimedOut), (ELSEWHERE, false, ErrorCode::NotLeaderOrFollower)]
    );
}

#[test]
fn an_acks_all_request_with_every_partition_refused_is_answered_at_once() {
    let mut harness = Harness::at(NOW);
    let there = harness.add_records(ELSEWHERE, 1, false);
    let mut broker = leader(&[1, 2, 3]);
    let refused = request_for(&[(ELSEWHERE, &there)], Acks::All);
    harness.run(&mut broker, |b, cx| b.on_produce(NodeId::Client(PRODUCER), &refused, cx));
    let effects = harness.take();
    assert_eq!(effects.last(), Some(&answer_for(&[(ELSEWHERE, ErrorCode::NotLeaderOrFollower, None)])));
    assert!(broker.delayed_produces.is_empty());
}
