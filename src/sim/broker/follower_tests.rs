//! A follower broker handling fetch responses alone: a `Broker`, a `Ctx`, no cluster.
use super::*;
use crate::sim::config::Config;
use crate::sim::ctx_fixture::Harness;
use crate::sim::ids::{Acks, ClientId, PartitionId, RecordId};
use crate::sim::log::{LogSlice, ReplicaLog};
use crate::sim::message::RequestId;
use crate::sim::records::{NewRecord, RecordTable};
use crate::sim::replica::Role;

const P: PartitionId = PartitionId(0);
const LEADER: BrokerId = 1;
const NOW: u64 = 1_000;

/// `n` records r0, r1, ... in a fresh table.
fn table(n: usize) -> (RecordTable, Vec<RecordId>) {
    let mut records = RecordTable::default();
    let ids = (0..n)
        .map(|i| {
            let value = format!("r{i}");
            let new = NewRecord {
                value: &value,
                producer: ClientId(0),
                partition: P,
                sequence: i as u32,
                acks: Acks::All,
                idempotent: false,
            };
            records.add(new)
        })
        .collect();
    (records, ids)
}

/// Broker 2 following `LEADER` for P, with a fetch (request 7) in flight.
fn follower() -> Broker {
    let mut broker = Broker::new(2, None);
    let mut replica = Replica::new(P);
    replica.role = Role::Follower { leader: Some(LEADER) };
    broker.replicas.insert(P, replica);
    broker.fetchers.get_or_insert_with(LEADER, FetcherSession::default).in_flight = Some((RequestId(7), NOW + 30_000));
    broker
}

fn answer(slice: LogSlice, high_watermark: u64) -> FetchResponse {
    let leader_leo = slice.first_offset + slice.records.len() as u64;
    let fetched = FetchedPartition {
        partition: P,
        error: ErrorCode::None,
        high_watermark,
        leader_leo,
        slice,
        diverging_epoch: None,
    };
    FetchResponse { request: RequestId(7), partitions: vec![fetched] }
}

/// Runs the handler with a fresh `Ctx`; returns what it answered and the events it emitted.
fn handle(broker: &mut Broker, response: &FetchResponse, records: &RecordTable) -> (bool, Vec<EventKind>) {
    let mut harness = Harness { records: records.clone(), ..Harness::at(NOW) };
    let current = harness.run(broker, |broker, cx| broker.apply_fetch_response(LEADER, response, cx));
    (current, harness.take_events())
}

fn replica(broker: &Broker) -> &Replica {
    &broker.replicas[&P]
}

#[test]
fn a_follower_appends_the_records_and_sets_its_hw_to_min_of_leader_hw_and_its_leo() {
    let (records, ids) = table(5);
    let mut leader_log = ReplicaLog::default();
    leader_log.append_as_leader(0, &ids);
    let mut broker = follower();
    let (current, events) = handle(&mut broker, &answer(leader_log.read(0, 3), 4), &records);
    assert!(current, "it answered the fetch in flight: the next one may go");
    assert_eq!((replica(&broker).log.leo(), replica(&broker).hw), (3, 3), "the leader's HW 4 is capped at LEO 3");
    let fetched = EventKind::FollowerFetched { follower: 2, leader: LEADER, partition: P, from: 0, count: 3, hw: 3 };
    assert_eq!(events, vec![fetched]);
    broker.fetchers.get_or_insert_with(LEADER, FetcherSession::default).in_flight = Some((RequestId(7), NOW));
    handle(&mut broker, &answer(leader_log.read(3, 3), 4), &records);
    assert_eq!((replica(&broker).log.leo(), replica(&broker).hw), (5, 4), "now the leader's HW is the lower");
    assert_eq!(replica(&broker).log.records().collect::<Vec<_>>(), ids);
}

#[test]
fn a_follower_with_nothing_new_takes_a_new_hw_and_says_so_only_when_it_moved() {
    let (records, ids) = table(2);
    let mut broker = follower();
    let mut leader_log = ReplicaLog::default();
    leader_log.append_as_leader(0, &ids);
    handle(&mut broker, &answer(leader_log.read(0, 2), 0), &records);
    broker.fetchers.get_or_insert_with(LEADER, FetcherSession::default).in_flight = Some((RequestId(7), NOW));
    let (_, events) = handle(&mut broker, &answer(leader_log.read(2, 2), 2), &records);
    let up_to_date = EventKind::FollowerUpToDate { follower: 2, leader: LEADER, partition: P, leo: 2, hw: 2 };
    assert_eq!(events, vec![up_to_date]);
    broker.fetchers.get_or_insert_with(LEADER, FetcherSession::default).in_flight = Some((RequestId(7), NOW));
    let (_, events) = handle(&mut broker, &answer(leader_log.read(2, 2), 2), &records);
    assert!(events.is_empty(), "the same HW again is no news: {events:?}");
}

#[test]
fn a_diverging_epoch_truncates_the_log_where_the_leaders_epoch_ends() {
    let (records, ids) = table(4);
    let mut broker = follower();
    // The follower wrote r2, r3 in epoch 1 as a leader nobody followed; the leader's
    // epoch 0 ends at offset 2.
    let log = &mut broker.replicas.get_mut(&P).expect("replica").log;
    log.append_as_leader(0, &ids[..2]);
    log.append_as_leader(1, &ids[2..]);
    let mut response = answer(LogSlice { first_offset: 4, ..LogSlice::default() }, 2);
    response.partitions[0].diverging_epoch = Some((0, 2));
    let (_, events) = handle(&mut broker, &response, &records);
    assert_eq!(replica(&broker).log.leo(), 2);
    assert_eq!(replica(&broker).log.latest_epoch(), Some(0));
    let diverged = EventKind::DivergenceFound { follower: 2, leader: LEADER, partition: P, epoch: 0, end_offset: 2 };
    let reason = TruncationReason::DivergingEpoch;
    let truncated = EventKind::Truncated { broker: 2, partition: P, to: 2, removed: 2, reason, acked_removed: None };
    assert_eq!(events, vec![diverged, truncated]);
}

#[test]
fn a_truncation_names_the_acknowledged_records_it_removed_and_cuts_the_hw_back() {
    let (mut records, ids) = table(3);
    records.record_response(ids[2], ErrorCode::None, Some(2));
    let mut broker = follower();
    let replica = broker.replicas.get_mut(&P).expect("replica");
    replica.log.append_as_leader(0, &ids);
    (replica.hw, replica.hw_checkpoint) = (3, 3);
    let mut response = answer(LogSlice::default(), 0);
    (response.partitions[0].error, response.partitions[0].leader_leo) = (ErrorCode::OffsetOutOfRange, 1);
    let (_, events) = handle(&mut broker, &response, &records);
    let replica = &broker.replicas[&P];
    assert_eq!((replica.log.leo(), replica.hw, replica.hw_checkpoint), (1, 1, 1));
    let EventKind::Truncated { removed: 2, acked_removed: Some(acked), .. } = &events[0] else {
        panic!("expected a truncation of 2 records: {events:?}")
    };
    assert_eq!(acked.records, vec![(P, ids[2])], "only r2 was acknowledged");
}

#[test]
fn a_fetch_error_backs_the_partition_off_for_replica_fetch_backoff_ms() {
    let (records, _) = table(0);
    let mut broker = follower();
    let mut response = answer(LogSlice::default(), 0);
    response.partitions[0].error = ErrorCode::NotLeaderOrFollower;
    let (current, events) = handle(&mut broker, &response, &records);
    assert!(current);
    let backoff_ms = Config::default().replica_fetch_backoff_ms;
    assert_eq!(replica(&broker).fetch_backoff_until, NOW + backoff_ms);
    let error = ErrorCode::NotLeaderOrFollower;
    assert_eq!(events, vec![EventKind::FetchError { follower: 2, leader: LEADER, partition: P, error }]);
}

#[test]
fn an_answer_to_a_fetch_given_up_or_from_a_leader_not_followed_changes_nothing() {
    let (records, ids) = table(1);
    let mut leader_log = ReplicaLog::default();
    leader_log.append_as_leader(0, &ids);
    let mut broker = follower();
    broker.fetchers.get_or_insert_with(LEADER, FetcherSession::default).in_flight = None;
    let (current, events) = handle(&mut broker, &answer(leader_log.read(0, 1), 1), &records);
    assert!(!current && events.is_empty());
    assert_eq!(replica(&broker).log.leo(), 0);
    // In flight, but the broker now follows broker 3 for P: the partition is skipped.
    broker.fetchers.get_or_insert_with(LEADER, FetcherSession::default).in_flight = Some((RequestId(7), NOW));
    broker.replicas.get_mut(&P).expect("replica").role = Role::Follower { leader: Some(3) };
    let (current, events) = handle(&mut broker, &answer(leader_log.read(0, 1), 1), &records);
    assert!(current && events.is_empty());
    assert_eq!(replica(&broker).log.leo(), 0);
}
