//! A leading `Broker` serving followers' fetches with a `Ctx`, no cluster.
use super::*;
use crate::sim::ctx::Effect;
use crate::sim::ctx_fixture::Harness;
use crate::sim::event::EventKind;
use crate::sim::ids::RecordId;
use crate::sim::replica::{FollowerProgress, LeaderState, Replica, Role};

const P: PartitionId = PartitionId(0);

/// Broker 1 leading P in epoch 2: offsets 0..2 written in epoch 0, 2..5 in epoch 2; ISR
/// [1, 2]; follower 2 has not fetched yet.
fn leader() -> Broker {
    let mut broker = Broker::new(1, None);
    let mut replica = Replica::new(P);
    replica.epoch = 2;
    replica.log.append_as_leader(0, &[RecordId(0), RecordId(1)]);
    replica.log.append_as_leader(2, &[RecordId(2), RecordId(3), RecordId(4)]);
    replica.role = Role::Leader(Box::new(LeaderState {
        epoch_start_offset: 2,
        isr: vec![1, 2],
        partition_epoch: 0,
        min_isr: 1,
        replication_factor: 2,
        pending_isr: None,
        followers: vec![FollowerProgress::new(2, true, 2, 0)],
    }));
    broker.replicas.insert(P, replica);
    broker
}

fn fetch(fetch_offset: u64, last_fetched_epoch: Option<u32>, current_leader_epoch: u32) -> FetchPartition {
    FetchPartition { partition: P, fetch_offset, last_fetched_epoch, current_leader_epoch }
}

fn serve(broker: &mut Broker, follower: BrokerId, request: &FetchPartition) -> (FetchedPartition, Vec<Effect>) {
    let mut harness = Harness::at(100);
    let answer = harness.run(broker, |broker, cx| broker.serve_follower_fetch(follower, request, cx));
    (answer, harness.take())
}

fn follower_leo(broker: &Broker) -> Option<u64> {
    broker.replicas[&P].leader_state().and_then(|s| s.follower(2)).and_then(|f| f.leo)
}

#[test]
fn a_fetch_from_another_epoch_or_from_no_follower_is_refused_and_teaches_the_leader_nothing() {
    let mut broker = leader();
    for (follower, epoch, error) in [
        (2, 1, ErrorCode::FencedLeaderEpoch),
        (2, 3, ErrorCode::UnknownLeaderEpoch),
        (4, 2, ErrorCode::NotLeaderOrFollower),
    ] {
        let (answer, effects) = serve(&mut broker, follower, &fetch(5, Some(2), epoch));
        assert_eq!((answer.error, answer.slice.records.len()), (error, 0));
        assert!(effects.is_empty());
    }
    assert_eq!(follower_leo(&broker), None);
}

#[test]
fn the_leader_learns_what_a_follower_holds_from_its_fetch_offset_and_sends_what_follows() {
    let mut broker = leader();
    let (answer, effects) = serve(&mut broker, 2, &fetch(3, Some(2), 2));
    assert_eq!(follower_leo(&broker), Some(3), "it holds offsets below its fetch offset");
    assert_eq!((answer.error, answer.slice.first_offset, answer.leader_leo), (ErrorCode::None, 3, 5));
    assert_eq!(answer.slice.records, vec![RecordId(3), RecordId(4)]);
    let advanced = EventKind::HighWatermarkAdvanced { broker: 1, partition: P, from: 0, to: 3, epoch: 2 };
    assert_eq!(effects, vec![Effect::Emit(advanced)], "the ISR's smallest LEO is now 3");
}

#[test]
fn a_diverging_follower_is_told_where_the_leaders_epoch_ends_and_gets_no_records() {
    let mut broker = leader();
    // The follower wrote offsets 2..4 in epoch 1, which this leader never had: its epoch 0
    // (the largest it knows up to 1) ends at 2.
    let (answer, effects) = serve(&mut broker, 2, &fetch(4, Some(1), 2));
    assert_eq!(answer.diverging_epoch, Some((0, 2)));
    assert!(answer.slice.records.is_empty() && effects.is_empty());
    assert_eq!(follower_leo(&broker), None, "no progress is learned from a diverging log");
}

#[test]
fn a_fetch_past_the_leaders_end_is_offset_out_of_range_with_the_leaders_leo() {
    let mut broker = leader();
    // With a last fetched epoch the leader would name where epoch 2 ends (a divergence);
    // without one (before KIP-320) it can only say the offset is out of range.
    let (answer, _) = serve(&mut broker, 2, &fetch(7, None, 2));
    assert_eq!((answer.error, answer.leader_leo), (ErrorCode::OffsetOutOfRange, 5));
    assert_eq!(follower_leo(&broker), None);
}
