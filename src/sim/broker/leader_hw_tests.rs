//! The leader's HW rule on a `Broker` with a `Ctx`, no cluster.
use super::*;
use crate::sim::broker::leader_fixture::{park_write, Leading};
use crate::sim::ctx::Effect;
use crate::sim::ctx_fixture::Harness;
use crate::sim::ids::{BrokerId, ClientId, NodeId, RecordId};
use crate::sim::message::{Message, PartitionResponse, ProduceResponse, RequestId};
use crate::sim::records::ErrorCode;

const P: PartitionId = PartitionId(0);
const NOW: u64 = 5_000;

/// Broker 1 leading P in epoch 4 with a log of `leo` records, ISR `isr`, min-ISR
/// `min_isr`, and followers 2 and 3 that last fetched at the given offsets.
fn leader(leo: u64, isr: &[BrokerId], min_isr: u32, fetched: [u64; 2]) -> Broker {
    let leading =
        Leading { partition: P, epoch: 4, partition_epoch: 0, leo, hw: 0, isr, min_isr, fetched, fetched_at: NOW };
    leading.broker()
}

/// An acks=all write of `count` records at `base`, parked.
fn park(broker: &mut Broker, base: u64, count: u32) {
    park_write(broker, P, base, count, NOW + 30_000);
}

fn run(broker: &mut Broker, handler: impl FnOnce(&mut Broker, &mut Ctx)) -> Vec<Effect> {
    let mut harness = Harness::at(NOW);
    harness.run(broker, handler);
    harness.take()
}

fn advance(broker: &mut Broker) -> Vec<Effect> {
    run(broker, |b, cx| b.maybe_advance_hw(P, cx))
}

fn hw(broker: &Broker) -> u64 {
    broker.replicas[&P].hw
}

fn advanced(from: u64, to: u64) -> Effect {
    Effect::Emit(EventKind::HighWatermarkAdvanced { broker: 1, partition: P, from, to, epoch: 4 })
}

#[test]
fn the_leaders_hw_advances_to_the_smallest_leo_in_the_isr() {
    let mut broker = leader(5, &[1, 2, 3], 2, [3, 5]);
    assert_eq!(advance(&mut broker), vec![advanced(0, 3)]);
    assert_eq!(hw(&broker), 3, "follower 2 holds offsets below 3 only");
    assert!(advance(&mut broker).is_empty(), "nothing new: no event");
}

#[test]
fn the_hw_advances_only_while_the_isr_meets_min_insync_replicas() {
    let mut broker = leader(5, &[1], 2, [5, 5]);
    assert!(advance(&mut broker).is_empty(), "ISR [1] is below min.insync.replicas 2 (Kafka 3.7+)");
    assert_eq!(hw(&broker), 0);
    broker.replicas.get_mut(&P).and_then(|r| r.leader_state_mut()).expect("leader").isr = vec![1, 2];
    assert_eq!(advance(&mut broker), vec![advanced(0, 5)]);
}

#[test]
fn the_hw_never_goes_down() {
    let mut broker = leader(5, &[1, 2, 3], 2, [5, 5]);
    advance(&mut broker);
    // Follower 3 fetches from further back (it truncated): the candidate is 2, the HW stays.
    let state = broker.replicas.get_mut(&P).and_then(|r| r.leader_state_mut()).expect("leader");
    state.follower_mut(3).expect("follower").record_fetch(2, 5, NOW);
    assert!(advance(&mut broker).is_empty());
    assert_eq!(hw(&broker), 5);
}

#[test]
fn an_acks_all_write_is_answered_once_the_hw_passes_it() {
    let mut broker = leader(5, &[1, 2, 3], 2, [3, 5]);
    park(&mut broker, 0, 3);
    park(&mut broker, 3, 2);
    let effects = advance(&mut broker);
    let answered =
        EventKind::ProduceAnswered { broker: 1, partition: P, first: RecordId(0), count: 3, error: ErrorCode::None };
    let result = PartitionResponse { partition: P, error: ErrorCode::None, base_offset: Some(0) };
    let response = ProduceResponse { request: RequestId(0), partitions: vec![result] };
    let send = Effect::Send {
        from: NodeId::Broker(1),
        to: NodeId::Client(ClientId(0)),
        message: Message::ProduceResponse(response),
    };
    assert_eq!(effects, vec![advanced(0, 3), Effect::Emit(answered), send]);
    assert_eq!(broker.delayed_produces.len(), 1, "the write at 3..5 waits for the HW to reach 5");
}

#[test]
fn a_write_below_the_hw_with_the_isr_short_of_min_isr_is_answered_not_enough_replicas_after_append() {
    let mut broker = leader(5, &[1, 2, 3], 2, [5, 5]);
    advance(&mut broker);
    broker.replicas.get_mut(&P).and_then(|r| r.leader_state_mut()).expect("leader").isr = vec![1];
    park(&mut broker, 1, 2); // a retried batch the log already holds below the HW
    let effects = run(&mut broker, |b, cx| b.complete_delayed_produces(P, cx));
    let Some(Effect::Send { message: Message::ProduceResponse(response), .. }) = effects.last() else {
        panic!("expected an answer: {effects:?}")
    };
    let result = response.partitions[0];
    assert_eq!((result.error, result.base_offset), (ErrorCode::NotEnoughReplicasAfterAppend, None));
}
