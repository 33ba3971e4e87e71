//! The leader's ISR management on a `Broker` with a `Ctx`, no cluster.
use super::*;
use crate::sim::broker::leader_fixture::Leading;
use crate::sim::config::Config;
use crate::sim::ctx::Effect;
use crate::sim::ctx_fixture::Harness;
use crate::sim::message::{AlterPartitionError, RequestId};

const P: PartitionId = PartitionId(0);
const LAG_MS: u64 = 30_000;

/// Broker 1 leading P (epoch 2, partition epoch 5) with a log of 4 records and HW 4,
/// ISR `isr`, and followers 2 and 3 that fetched at the given offsets at time 0.
fn leader(isr: &[BrokerId], fetched: [u64; 2]) -> Broker {
    let leading =
        Leading { partition: P, epoch: 2, partition_epoch: 5, leo: 4, hw: 4, isr, min_isr: 1, fetched, fetched_at: 0 };
    leading.broker()
}

/// Runs the handler at `now`; the effects, and the request ids it took.
fn run(broker: &mut Broker, now: u64, handler: impl FnOnce(&mut Broker, &mut Ctx)) -> Vec<Effect> {
    let mut harness = Harness::at(now);
    harness.run(broker, handler);
    harness.take()
}

fn proposal(leader: BrokerId, from: &[BrokerId], to: &[BrokerId], reason: IsrChangeReason) -> Vec<Effect> {
    let change = Box::new(IsrChange { from: from.to_vec(), to: to.to_vec() });
    let alter = AlterPartition {
        request: RequestId(1),
        leader,
        partition: P,
        leader_epoch: 2,
        partition_epoch: 5,
        new_isr: to.to_vec(),
    };
    vec![
        Effect::Emit(EventKind::IsrChangeProposed { leader, partition: P, change, reason }),
        Effect::Send { from: NodeId::Broker(leader), to: NodeId::Controller, message: Message::AlterPartition(alter) },
    ]
}

fn pending(broker: &Broker) -> Option<Vec<BrokerId>> {
    broker.replicas[&P].leader_state().expect("leader").pending_isr.as_ref().map(|p| p.proposed.clone())
}

#[test]
fn a_follower_that_has_not_caught_up_within_replica_lag_time_max_ms_leaves_the_isr() {
    // Follower 2 fetched at offset 3 of 4 at time 0: it was never caught up since.
    let mut broker = leader(&[1, 2, 3], [3, 4]);
    assert!(run(&mut broker, LAG_MS, |b, cx| b.shrink_lagging_isrs(cx)).is_empty(), "not yet: within the limit");
    // Kafka's lastCaughtUpTime for follower 2 is the ISR member's start, time 0.
    let effects = run(&mut broker, LAG_MS + 1, |b, cx| b.shrink_lagging_isrs(cx));
    assert_eq!(effects, proposal(1, &[1, 2, 3], &[1, 3], IsrChangeReason::Lagging));
    assert_eq!(pending(&broker), Some(vec![1, 3]), "the change is pending until the controller answers");
}

#[test]
fn a_follower_at_the_leaders_end_stays_in_the_isr_however_long_it_was_quiet() {
    let mut broker = leader(&[1, 2, 3], [4, 4]);
    assert!(run(&mut broker, 10 * LAG_MS, |b, cx| b.shrink_lagging_isrs(cx)).is_empty());
}

#[test]
fn no_second_proposal_while_one_is_pending_unless_it_went_unanswered_past_the_request_timeout() {
    let mut broker = leader(&[1, 2, 3], [3, 4]);
    run(&mut broker, LAG_MS + 1, |b, cx| b.maybe_shrink_isr(P, cx));
    let timeout_ms = Config::default().request_timeout_ms;
    assert!(run(&mut broker, LAG_MS + 2, |b, cx| b.maybe_shrink_isr(P, cx)).is_empty(), "one is pending");
    let again = run(&mut broker, LAG_MS + 1 + timeout_ms, |b, cx| b.maybe_shrink_isr(P, cx));
    assert_eq!(again.len(), 2, "the first went unanswered (a cut link): propose again");
}

#[test]
fn the_controllers_answer_ends_the_pending_change_and_a_refusal_is_reported() {
    let mut broker = leader(&[1, 2, 3], [3, 4]);
    run(&mut broker, LAG_MS + 1, |b, cx| b.maybe_shrink_isr(P, cx));
    let result = Err(AlterPartitionError::InvalidUpdateVersion);
    let response = AlterPartitionResponse { request: RequestId(1), partition: P, result };
    let effects = run(&mut broker, LAG_MS + 2, |b, cx| b.on_alter_partition_response(&response, cx));
    assert_eq!(pending(&broker), None);
    let error = AlterPartitionError::InvalidUpdateVersion;
    assert_eq!(effects, vec![Effect::Emit(EventKind::IsrChangeRejected { leader: 1, partition: P, error })]);
}

#[test]
fn a_follower_that_reached_the_hw_rejoins_the_isr() {
    let mut broker = leader(&[1, 3], [3, 4]);
    assert!(run(&mut broker, 10, |b, cx| b.maybe_expand_isr(P, 2, cx)).is_empty(), "offset 3 is below the HW 4");
    let progress = broker.replicas.get_mut(&P).and_then(|r| r.leader_state_mut()).and_then(|s| s.follower_mut(2));
    progress.expect("follower 2").record_fetch(4, 4, 20);
    let effects = run(&mut broker, 20, |b, cx| b.maybe_expand_isr(P, 2, cx));
    assert_eq!(effects, proposal(1, &[1, 3], &[1, 3, 2], IsrChangeReason::CaughtUp));
}
