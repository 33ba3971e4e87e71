use super::*;
use crate::sim::ids::RecordId;

const LIMITS: BatchLimits = BatchLimits { linger_ms: 5, batch_size: 200, max_in_flight: 5 };

fn record(id: u32, at: Millis) -> QueuedRecord {
    QueuedRecord { id: RecordId(id), created_ms: at }
}

fn lane_with(sizes: &[u32]) -> ProducerLane {
    let mut lane = ProducerLane::default();
    for (i, size) in sizes.iter().enumerate() {
        lane.append(record(i as u32, 0), *size, Acks::All, true, LIMITS.batch_size);
    }
    lane
}

fn send(lane: &mut ProducerLane, index: usize, request: u64) {
    lane.batches[index].closed = true;
    lane.batches[index].in_flight =
        Some(InFlightProduce { request: RequestId(request), broker: 1, deadline: 30_000, attempt: 1 });
}

#[test]
fn records_share_a_batch_until_batch_size_bytes() {
    // 61 header + 3 × 40 = 181 fits in 200; a fourth record of 40 would make 221.
    let lane = lane_with(&[40, 40, 40, 40]);
    let lengths: Vec<usize> = lane.batches.iter().map(|b| b.records.len()).collect();
    assert_eq!(lengths, [3, 1]);
    assert!(lane.batches[0].closed && !lane.batches[1].closed);
}

#[test]
fn a_record_bigger_than_a_batch_gets_a_batch_of_its_own() {
    let lane = lane_with(&[500, 10]);
    assert_eq!(lane.batches.len(), 2);
    assert!(lane.batches[0].closed, "a batch past batch.size is full");
}

#[test]
fn records_with_other_acks_start_a_new_batch() {
    let mut lane = lane_with(&[10]);
    lane.append(record(1, 0), 10, Acks::One, false, LIMITS.batch_size);
    assert_eq!(lane.batches.len(), 2);
}

#[test]
fn an_open_batch_waits_for_linger_ms_unless_its_leader_has_a_request_to_send() {
    let lane = lane_with(&[10]);
    assert!(!lane.ready(4, LIMITS, 0));
    assert!(lane.ready(5, LIMITS, 0));
    assert_eq!(lane.drainable(4, LIMITS, 0), Some(0), "it rides along in a request its leader sends anyway");
    assert_eq!(lane.next_deadline(0, LIMITS, 120_000), Some(5));
}

#[test]
fn a_full_batch_goes_at_once() {
    let lane = lane_with(&[100, 100]);
    assert!(lane.ready(0, LIMITS, 0));
}

#[test]
fn with_max_in_flight_1_a_partition_with_a_batch_in_flight_is_muted() {
    let mut lane = lane_with(&[150, 150, 150]);
    let one = BatchLimits { max_in_flight: 1, ..LIMITS };
    send(&mut lane, 0, 1);
    assert_eq!(lane.drainable(10, one, 0), None);
    assert!(!lane.ready(10, one, 0));
    assert_eq!(lane.drainable(10, LIMITS, 0), Some(1), "with more, sequence numbers keep the order");
}

#[test]
fn an_idempotent_retry_waits_for_the_batches_before_it() {
    let mut lane = lane_with(&[150, 150, 150]);
    send(&mut lane, 0, 1);
    send(&mut lane, 1, 2);
    // The second batch failed while the first is still in flight: it may not go before it.
    lane.batches[1].in_flight = None;
    lane.batches[1].failed_sends = 1;
    lane.batches[1].retry_at = 100;
    assert_eq!(lane.drainable(200, LIMITS, 0), None);
    assert!(!lane.ready(200, LIMITS, 0));
    // Once the first is acknowledged (removed), the retry is first in line.
    lane.batches.pop_front();
    assert_eq!(lane.drainable(99, LIMITS, 0), None, "backing off");
    assert_eq!(lane.drainable(100, LIMITS, 0), Some(0));
    assert!(lane.ready(100, LIMITS, 0));
}

#[test]
fn a_retry_to_a_new_leader_skips_its_backoff() {
    let mut lane = lane_with(&[150, 150]);
    lane.batches[0].failed_sends = 1;
    lane.batches[0].retry_at = 900;
    lane.batches[0].sent_leader_epoch = Some(3);
    assert!(!lane.ready(100, LIMITS, 3), "same leader: wait out the backoff");
    assert!(lane.ready(100, LIMITS, 4), "a newer leader epoch: go now (KIP-951)");
}

#[test]
fn a_retry_blocks_the_batches_behind_it() {
    let mut lane = lane_with(&[150, 150]);
    lane.batches[0].failed_sends = 1;
    lane.batches[0].retry_at = 50;
    assert_eq!(lane.drainable(20, LIMITS, 0), None, "the new batch behind the retry waits too");
    assert_eq!(lane.next_deadline(20, LIMITS, 120_000), Some(50));
}
