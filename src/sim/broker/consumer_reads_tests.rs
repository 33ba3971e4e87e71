//! A leading `Broker` answering consumers with a `Ctx`, no cluster.
use super::*;
use crate::sim::broker::leader_fixture::Leading;
use crate::sim::ctx::Effect;
use crate::sim::ctx_fixture::Harness;
use crate::sim::ids::{ClientId, PartitionId};
use crate::sim::message::RequestId;

const P: PartitionId = PartitionId(0);
const CONSUMER: NodeId = NodeId::Client(ClientId(1));

/// Broker 1 leading P in epoch 2 with 6 records and HW 4.
fn leader() -> Broker {
    Leading { epoch: 2, leo: 6, hw: 4, fetched: [4, 4], ..Leading::of(P) }.broker()
}

fn fetch(broker: &Broker, offset: u64, current_leader_epoch: u32) -> ConsumerFetchResponse {
    let mut harness = Harness::at(0);
    let request =
        ConsumerFetchRequest { request: RequestId(3), partition: P, offset, current_leader_epoch, max_wait_ms: 0 };
    harness.run(&mut broker.clone(), |b, cx| b.answer_consumer_fetch(CONSUMER, request, cx));
    match harness.take().pop() {
        Some(Effect::Send { to: CONSUMER, message: Message::ConsumerFetchResponse(response), .. }) => response,
        other => panic!("expected an answer: {other:?}"),
    }
}

#[test]
fn a_consumer_reads_only_below_the_hw() {
    let broker = leader();
    let answer = fetch(&broker, 1, 2);
    assert_eq!((answer.records.len(), answer.high_watermark, answer.last_epoch), (3, 4, Some(2)));
    let at_hw = fetch(&broker, 4, 2);
    assert_eq!((at_hw.records.len(), at_hw.error), (0, ErrorCode::None), "records past the HW are not served");
    assert_eq!(fetch(&broker, 7, 2).error, ErrorCode::OffsetOutOfRange);
}

#[test]
fn a_consumer_in_another_leader_epoch_is_refused() {
    let broker = leader();
    assert_eq!(fetch(&broker, 0, 1).error, ErrorCode::FencedLeaderEpoch);
    assert_eq!(fetch(&broker, 0, 3).error, ErrorCode::UnknownLeaderEpoch);
    assert_eq!(fetch(&Broker::new(1, None), 0, 2).error, ErrorCode::NotLeaderOrFollower);
}

#[test]
fn the_end_of_the_consumers_epoch_is_the_log_end_for_the_current_one() {
    let mut harness = Harness::at(0);
    let request =
        OffsetsForLeaderEpochRequest { request: RequestId(5), partition: P, current_leader_epoch: 2, leader_epoch: 2 };
    harness.run(&mut leader(), |b, cx| b.answer_epoch_end(CONSUMER, request, cx));
    let Some(Effect::Send { message: Message::OffsetsForLeaderEpochResponse(response), .. }) = harness.take().pop()
    else {
        panic!("expected an answer")
    };
    assert_eq!((response.end, response.high_watermark), (Some((2, 6)), 4));
}
