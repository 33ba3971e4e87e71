//! The producer's sender on the client alone (no brokers, no cluster): one request per
//! leader carrying a batch of each partition it leads, and the in-flight limit counted per
//! connection.
use crate::sim::client::context::fixture::Fixture;
use crate::sim::client::producer_front::RecordToSend;
use crate::sim::ctx::Effect;
use crate::sim::event::EventKind;
use crate::sim::ids::{Acks, BrokerId, NodeId, PartitionId, RecordId};
use crate::sim::message::{Message, PartitionResponse, ProduceRequest, ProduceResponse, RequestId};
use crate::sim::records::{Delivery, ErrorCode};

/// A producer that believes broker 1 leads partitions 0, 1 and 2 and broker 2 leads 3.
fn fixture() -> Fixture {
    let mut fixture = Fixture::new(true);
    let metadata = fixture.client.metadata_mut();
    for (p, leader) in [(1, 1), (2, 1), (3, 2)] {
        metadata.leaders.insert(PartitionId(p), (Some(leader), 0));
    }
    metadata.topics.insert("t".into(), (PartitionId(0), 4));
    fixture
}

/// Enqueues one acks=all record `value` for partition `p`, without sending.
fn enqueue(fixture: &mut Fixture, p: u32, value: &str) {
    let record = RecordToSend { topic: None, value, key: None, acks: Acks::All, created_ms: fixture.now };
    fixture.run(|c| c.enqueue_record(PartitionId(p), &record));
}

fn send(fixture: &mut Fixture) -> Vec<(BrokerId, ProduceRequest)> {
    fixture.run(|c| c.send_ready_batches());
    fixture
        .take()
        .into_iter()
        .filter_map(|e| match e {
            Effect::Send { to: NodeId::Broker(b), message: Message::Produce(r), .. } => Some((b, r)),
            _ => None,
        })
        .collect()
}

fn partitions_of(request: &ProduceRequest) -> Vec<u32> {
    request.batches.iter().map(|b| b.partition.0).collect()
}

#[test]
fn one_request_per_leader_carries_a_batch_of_every_partition_it_leads() {
    let mut fixture = fixture();
    for p in 0..4 {
        enqueue(&mut fixture, p, &format!("v{p}"));
    }
    let sent = send(&mut fixture);
    let shape: Vec<(BrokerId, Vec<u32>)> = sent.iter().map(|(b, r)| (*b, partitions_of(r))).collect();
    assert_eq!(shape, vec![(1, vec![0, 1, 2]), (2, vec![3])]);
    let sequences: Vec<u32> = sent[0].1.batches.iter().map(|b| b.base_sequence).collect();
    assert_eq!(sequences, vec![0, 0, 0], "each partition numbers its own batches");
}

#[test]
fn a_batch_that_has_not_lingered_rides_along_once_its_leader_is_ready() {
    let mut fixture = fixture();
    fixture.config.linger_ms = 5;
    enqueue(&mut fixture, 1, "young");
    assert!(send(&mut fixture).is_empty(), "alone, it lingers");
    fixture.now += 5;
    enqueue(&mut fixture, 0, "fresh");
    let sent = send(&mut fixture);
    assert_eq!(sent.len(), 1);
    assert_eq!(partitions_of(&sent[0].1), vec![0, 1], "'young' lingered enough; 'fresh' goes with it");
}

#[test]
fn max_in_flight_counts_requests_per_connection_not_per_partition() {
    let mut fixture = fixture();
    fixture.config.max_in_flight = 2;
    for (i, p) in [0, 1, 2].into_iter().enumerate() {
        enqueue(&mut fixture, p, &format!("r{i}"));
        let sent = send(&mut fixture);
        assert_eq!(sent.len(), usize::from(i < 2), "request {i}: {sent:?}");
    }
    enqueue(&mut fixture, 3, "other-broker");
    assert_eq!(send(&mut fixture).len(), 1, "another broker's connection has room");
}

#[test]
fn with_max_in_flight_1_the_next_request_waits_for_the_answer_even_for_another_partition() {
    let mut fixture = fixture();
    fixture.config.max_in_flight = 1;
    enqueue(&mut fixture, 0, "a");
    let first = send(&mut fixture).remove(0).1.request;
    enqueue(&mut fixture, 1, "b");
    assert!(send(&mut fixture).is_empty(), "partition 1 waits: broker 1's one slot is taken");
    let ok = PartitionResponse { partition: PartitionId(0), error: ErrorCode::None, base_offset: Some(0) };
    fixture.run(|c| c.on_produce_response(1, ProduceResponse { request: first, partitions: vec![ok] }));
    let sent: Vec<Vec<u32>> = fixture
        .take()
        .into_iter()
        .filter_map(|e| match e {
            Effect::Send { message: Message::Produce(r), .. } => Some(partitions_of(&r)),
            _ => None,
        })
        .collect();
    assert_eq!(sent, vec![vec![1]], "the answer frees the slot");
}

#[test]
fn each_partition_of_an_answer_is_handled_on_its_own() {
    let mut fixture = fixture();
    enqueue(&mut fixture, 0, "kept");
    enqueue(&mut fixture, 1, "moved");
    let request = send(&mut fixture).remove(0).1.request;
    let results = vec![
        PartitionResponse { partition: PartitionId(0), error: ErrorCode::None, base_offset: Some(4) },
        PartitionResponse { partition: PartitionId(1), error: ErrorCode::NotLeaderOrFollower, base_offset: None },
    ];
    fixture.run(|c| c.on_produce_response(1, ProduceResponse { request, partitions: results }));
    let effects = fixture.take();
    assert_eq!(fixture.records.meta(RecordId(0)).delivery, Delivery::Acked);
    let retrying = effects.iter().any(|e| {
        matches!(
            e,
            Effect::Emit(EventKind::ProducerRetrying {
                partition: PartitionId(1),
                error: ErrorCode::NotLeaderOrFollower,
                ..
            })
        )
    });
    assert!(retrying, "{effects:?}");
    let producer = fixture.client.as_producer().expect("producer");
    assert!(producer.lanes[&PartitionId(0)].batches.is_empty());
    assert_eq!(producer.lanes[&PartitionId(1)].batches[0].failed_sends, 1);
}

#[test]
fn a_request_that_times_out_fails_every_batch_it_carried_once() {
    let mut fixture = fixture();
    enqueue(&mut fixture, 0, "x");
    enqueue(&mut fixture, 2, "y");
    let request: RequestId = send(&mut fixture).remove(0).1.request;
    fixture.now += 30_000;
    fixture.run(|c| c.producer_expire_requests());
    let effects = fixture.take();
    let forgotten = effects.iter().filter(|e| matches!(e, Effect::Forget(r) if *r == request)).count();
    assert_eq!(forgotten, 1, "{effects:?}");
    let producer = fixture.client.as_producer().expect("producer");
    for p in [0, 2] {
        assert_eq!(producer.lanes[&PartitionId(p)].batches[0].failed_sends, 1, "partition {p}");
    }
}
