//! A producer sending a batch and handling its answers, on the client alone: no brokers,
//! no cluster.
use super::*;
use crate::sim::client::context::fixture::Fixture;
use crate::sim::client::producer_front::RecordToSend;
use crate::sim::ctx::Effect;
use crate::sim::ids::{Acks, ClientId, NodeId};
use crate::sim::message::{Message, PartitionResponse};
use crate::sim::queue::Timer;
use crate::sim::records::Delivery;

const P: PartitionId = PartitionId(0);

/// The producer enqueues one acks=1 record for P and sends it; the request's id.
fn send_one(fixture: &mut Fixture) -> RequestId {
    let record = RecordToSend { topic: None, value: "v", key: None, acks: Acks::One, created_ms: fixture.now };
    fixture.run(|c| {
        c.enqueue_record(P, &record);
        c.send_ready_batches();
    });
    let effects = fixture.take();
    let request = effects.iter().find_map(|e| match e {
        Effect::Send { to: NodeId::Broker(1), message: Message::Produce(request), .. } => Some(request.request),
        _ => None,
    });
    let timeout = Effect::Schedule { at: fixture.now + 30_000, timer: Timer::ClientWake { client: ClientId(0) } };
    assert!(effects.contains(&timeout), "the request timeout is armed: {effects:?}");
    request.expect("sent to the leader it believes in")
}

fn answer(request: RequestId, error: ErrorCode) -> ProduceResponse {
    let base_offset = (error == ErrorCode::None).then_some(8);
    ProduceResponse { request, partitions: vec![PartitionResponse { partition: P, error, base_offset }] }
}

#[test]
fn a_batch_goes_to_the_believed_leader_and_its_success_acks_the_record_at_its_offset() {
    let mut fixture = Fixture::new(true);
    let request = send_one(&mut fixture);
    fixture.run(|c| c.on_produce_response(1, answer(request, ErrorCode::None)));
    let acked = EventKind::ProducerAcked {
        client: ClientId(0),
        broker: 1,
        partition: P,
        first: RecordId(0),
        count: 1,
        offset: 8,
    };
    assert!(fixture.take().contains(&Effect::Emit(acked)));
    let meta = fixture.records.meta(RecordId(0));
    assert_eq!((meta.delivery, meta.acked_offset), (Delivery::Acked, 8));
}

#[test]
fn not_leader_marks_the_metadata_stale_and_the_batch_waits_a_backoff() {
    let mut fixture = Fixture::new(true);
    let request = send_one(&mut fixture);
    fixture.run(|c| c.on_produce_response(1, answer(request, ErrorCode::NotLeaderOrFollower)));
    let effects = fixture.take();
    let error = ErrorCode::NotLeaderOrFollower;
    let retrying = EventKind::ProducerRetrying { client: ClientId(0), partition: P, first: RecordId(0), error };
    assert!(effects.contains(&Effect::Emit(retrying)), "{effects:?}");
    let producer = fixture.client.as_producer().expect("producer");
    assert!(producer.metadata.stale);
    let batch = &producer.lanes[&P].batches[0];
    assert!(batch.in_flight.is_none() && batch.retry_at > fixture.now, "retried after retry.backoff.ms");
}

#[test]
fn acks_0_to_a_leader_that_refuses_the_connection_sends_nothing() {
    let mut fixture = Fixture::new(true);
    fixture.brokers.down = vec![1];
    let record = RecordToSend { topic: None, value: "v", key: None, acks: Acks::Zero, created_ms: fixture.now };
    fixture.run(|c| {
        c.enqueue_record(P, &record);
        c.send_ready_batches();
    });
    let effects = fixture.take();
    assert!(!effects.iter().any(|e| matches!(e, Effect::Send { .. })), "{effects:?}");
    assert!(matches!(effects[0], Effect::Emit(EventKind::MessageRefused { .. })));
}
