//! A consumer's fetch, on the client alone: no brokers, no cluster.
use super::*;
use crate::sim::client::context::fixture::Fixture;
use crate::sim::client::ConsumerFetch;
use crate::sim::ctx::Effect;
use crate::sim::ids::{ClientId, RecordId};

const P: PartitionId = PartitionId(0);

fn queue_fetch(fixture: &mut Fixture) {
    let give_up_at = fixture.now + 30_000;
    let fetch =
        ConsumerFetch { partition: P, in_flight: None, validating: false, leader_epoch: 0, retry_at: 0, give_up_at };
    fixture.client.consumer_mut().fetches.push(fetch);
}

#[test]
fn a_fetch_goes_to_the_known_leader_and_its_answer_moves_the_position() {
    let mut fixture = Fixture::new(false);
    queue_fetch(&mut fixture);
    fixture.run(|c| c.pump_consumer());
    let effects = fixture.take();
    let Some(Effect::Send { to: NodeId::Broker(1), message: Message::ConsumerFetch(request), .. }) = effects.last()
    else {
        panic!("expected a fetch: {effects:?}")
    };
    assert_eq!((request.offset, request.current_leader_epoch), (0, 0));
    let response = two_records_answering(request.request);
    fixture.run(|c| c.on_consumer_fetch_response(1, response));
    let fetched = EventKind::ConsumerFetched { client: ClientId(0), broker: 1, partition: P, from: 0, count: 2, hw: 2 };
    assert!(fixture.take().contains(&Effect::Emit(fetched)));
    let consumer = fixture.client.as_consumer().expect("consumer");
    assert_eq!((consumer.positions.get(&P).copied(), consumer.consumed.len()), (Some(2), 2));
}

#[test]
fn a_retriable_error_refreshes_the_metadata_and_retries_after_the_backoff() {
    let mut fixture = Fixture::new(false);
    queue_fetch(&mut fixture);
    fixture.run(|c| c.pump_consumer());
    let Some(Effect::Send { message: Message::ConsumerFetch(request), .. }) = fixture.take().pop() else { panic!() };
    let response = ConsumerFetchResponse {
        request: request.request,
        partition: P,
        error: ErrorCode::NotLeaderOrFollower,
        first_offset: 0,
        records: Vec::new(),
        high_watermark: 0,
        last_epoch: None,
    };
    fixture.run(|c| c.on_consumer_fetch_response(1, response));
    let consumer = fixture.client.as_consumer().expect("consumer");
    assert!(consumer.metadata.stale);
    assert_eq!(consumer.fetches[0].retry_at, fixture.now + fixture.config.retry_backoff_ms);
}

/// A `consume` while a fetch of the partition is in flight sends nothing: it waits, as
/// Kafka's fetcher sends a node no fetch while one to it is pending.
#[test]
fn a_second_consume_waits_for_the_fetch_in_flight() {
    let mut fixture = Fixture::new(false);
    let give_up_at = fixture.now + 30_000;
    fixture.run(|c| c.queue_consumer_fetch(P, Some(0), give_up_at));
    let sent = fixture.take();
    let Some(Effect::Send { message: Message::ConsumerFetch(first), .. }) = sent.last() else { panic!("{sent:?}") };
    fixture.run(|c| c.queue_consumer_fetch(P, Some(0), give_up_at));
    let effects = fixture.take();
    let waits = EventKind::ConsumerFetchWaits { client: ClientId(0), broker: 1, partition: P };
    assert_eq!(effects, vec![Effect::Emit(waits)], "no second fetch is sent");
    let response = two_records_answering(first.request);
    fixture.run(|c| c.on_consumer_fetch_response(1, response));
    let Some(Effect::Send { message: Message::ConsumerFetch(second), .. }) = fixture.take().pop() else {
        panic!("the waiting consume fetches once the answer is in")
    };
    assert_eq!(second.offset, 2, "from the position the first answer left");
    assert_eq!(fixture.client.as_consumer().expect("consumer").consumed.len(), 2, "delivered once");
}

/// The leader's answer to fetch `request` of P: records 0 and 1, HW 2, epoch 0.
fn two_records_answering(request: RequestId) -> ConsumerFetchResponse {
    ConsumerFetchResponse {
        request,
        partition: P,
        error: ErrorCode::None,
        first_offset: 0,
        records: vec![RecordId(0), RecordId(1)],
        high_watermark: 2,
        last_epoch: Some(0),
    }
}
