//! A leading `Broker` holding consumer fetches (long poll) with a `Ctx`, no cluster.
use super::*;
use crate::sim::broker::leader_fixture::Leading;
use crate::sim::ctx::Effect;
use crate::sim::ctx_fixture::Harness;
use crate::sim::message::RequestId;
use crate::sim::queue::Timer;
use crate::sim::records::ErrorCode;
use crate::sim::replica::Role;

const P: PartitionId = PartitionId(0);
const C: ClientId = ClientId(1);
const NOW: u64 = 1_000;

/// Broker 1 leading P in epoch 2 with 6 records and HW 4; both followers have all 6, so
/// the next HW check moves the HW to 6.
fn leader() -> Broker {
    Leading { epoch: 2, leo: 6, hw: 4, fetched: [6, 6], fetched_at: NOW, ..Leading::of(P) }.broker()
}

fn request(id: u64, offset: u64) -> ConsumerFetchRequest {
    ConsumerFetchRequest { request: RequestId(id), partition: P, offset, current_leader_epoch: 2, max_wait_ms: 500 }
}

fn run(broker: &mut Broker, at: u64, handler: impl FnOnce(&mut Broker, &mut Ctx)) -> Vec<Effect> {
    let mut harness = Harness::at(at);
    harness.run(broker, handler);
    harness.take()
}

fn fetch(broker: &mut Broker, id: u64, offset: u64) -> Vec<Effect> {
    run(broker, NOW, |b, cx| b.answer_consumer_fetch(NodeId::Client(C), request(id, offset), cx))
}

/// The consumer answers among the effects: (request, error, records, HW).
fn answers(effects: &[Effect]) -> Vec<(RequestId, ErrorCode, usize, u64)> {
    let answer = |e: &Effect| match e {
        Effect::Send { to: NodeId::Client(C), message: Message::ConsumerFetchResponse(r), .. } => {
            Some((r.request, r.error, r.records.len(), r.high_watermark))
        }
        _ => None,
    };
    effects.iter().filter_map(answer).collect()
}

fn completed(offset: u64, hw: u64, error: ErrorCode, expired: bool) -> Effect {
    Effect::Emit(EventKind::ConsumerFetchCompleted { leader: 1, client: C, partition: P, offset, hw, error, expired })
}

#[test]
fn a_fetch_with_nothing_below_the_hw_is_held_until_its_wait_ends() {
    let mut broker = leader();
    let effects = fetch(&mut broker, 7, 4);
    let parked = EventKind::ConsumerFetchParked { leader: 1, client: C, partition: P, offset: 4, wait_ms: 500 };
    let timer = Timer::LeaderPurgatory { broker: 1, incarnation: 1 };
    assert_eq!(effects, vec![Effect::Emit(parked), Effect::Schedule { at: NOW + 500, timer }]);
    assert_eq!(broker.parked_consumer_fetches.len(), 1);
    assert!(run(&mut broker, NOW + 499, |b, cx| b.expire_consumer_fetches(cx)).is_empty(), "still waiting");
    let effects = run(&mut broker, NOW + 500, |b, cx| b.on_purgatory_timer(cx));
    assert_eq!(effects[0], completed(4, 4, ErrorCode::None, true));
    assert_eq!(answers(&effects), vec![(RequestId(7), ErrorCode::None, 0, 4)], "empty, no error");
    assert!(broker.parked_consumer_fetches.is_empty());
}

#[test]
fn a_fetch_with_records_below_the_hw_or_no_wait_is_answered_at_once() {
    let mut broker = leader();
    assert_eq!(answers(&fetch(&mut broker, 7, 1)), vec![(RequestId(7), ErrorCode::None, 3, 4)]);
    let at_once = ConsumerFetchRequest { max_wait_ms: 0, ..request(8, 4) };
    let effects = run(&mut broker, NOW, |b, cx| b.answer_consumer_fetch(NodeId::Client(C), at_once, cx));
    assert_eq!(answers(&effects), vec![(RequestId(8), ErrorCode::None, 0, 4)], "fetch.max.wait.ms 0");
    assert!(broker.parked_consumer_fetches.is_empty());
}

#[test]
fn the_hw_passing_the_offset_answers_the_held_fetch_with_the_records() {
    let mut broker = leader();
    fetch(&mut broker, 7, 4);
    fetch(&mut broker, 8, 6);
    // New records alone (the follower fetch purgatory's trigger) do not complete it.
    assert!(answers(&run(&mut broker, NOW + 10, |b, cx| b.complete_parked_fetches(Some(P), cx))).is_empty());
    let effects = run(&mut broker, NOW + 10, |b, cx| b.maybe_advance_hw(P, cx));
    assert!(effects.contains(&completed(4, 6, ErrorCode::None, false)));
    assert_eq!(answers(&effects), vec![(RequestId(7), ErrorCode::None, 2, 6)]);
    assert_eq!(broker.parked_consumer_fetches.len(), 1, "the fetch at 6 waits for the HW to pass 6");
}

#[test]
fn a_leader_that_steps_down_answers_its_held_fetches_not_leader() {
    let mut broker = leader();
    fetch(&mut broker, 7, 4);
    broker.replicas.get_mut(&P).expect("replica").role = Role::Unknown;
    let effects = run(&mut broker, NOW + 10, |b, cx| b.complete_parked_fetches(Some(P), cx));
    assert_eq!(effects[0], completed(4, 0, ErrorCode::NotLeaderOrFollower, false));
    assert_eq!(answers(&effects), vec![(RequestId(7), ErrorCode::NotLeaderOrFollower, 0, 0)]);
    assert!(broker.parked_consumer_fetches.is_empty());
}

#[test]
fn a_crash_forgets_the_held_fetches() {
    let mut broker = leader();
    fetch(&mut broker, 7, 4);
    broker.lose_memory();
    assert!(broker.parked_consumer_fetches.is_empty());
}
