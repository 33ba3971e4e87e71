//! A follower broker's fetch loop with a `Ctx`, no cluster: what it sends, when it gives
//! up, how it backs off.
use super::*;
use crate::sim::ctx::Effect;
use crate::sim::ctx_fixture::Harness;
use crate::sim::ids::RecordId;
use crate::sim::replica::Role;

const LEADER: BrokerId = 1;
const NOW: u64 = 1_000;

/// Broker 2 following `LEADER` for partitions 0 and 1; partition 0 holds 3 records of epoch 4.
fn follower() -> Broker {
    let mut broker = Broker::new(2, None);
    for p in [0, 1] {
        let mut replica = Replica::new(PartitionId(p));
        replica.role = Role::Follower { leader: Some(LEADER) };
        replica.epoch = 4;
        broker.replicas.insert(PartitionId(p), replica);
    }
    let first = broker.replicas.get_mut(&PartitionId(0)).expect("replica");
    first.log.append_as_leader(4, &[RecordId(0), RecordId(1), RecordId(2)]);
    broker
}

fn wake_at(at: u64) -> Effect {
    Effect::Schedule { at, timer: Timer::FetcherWake { broker: 2, incarnation: 1, leader: LEADER } }
}

fn sent_fetch(effects: &[Effect]) -> Option<&FetchRequest> {
    effects.iter().find_map(|e| match e {
        Effect::Send { message: Message::Fetch(request), .. } => Some(request),
        _ => None,
    })
}

#[test]
fn one_fetch_per_leader_carries_every_followed_partition_from_its_log_end() {
    let mut harness = Harness::at(NOW);
    let mut broker = follower();
    harness.run(&mut broker, |b, cx| b.maybe_send_fetch(LEADER, cx));
    let effects = harness.take();
    let request = sent_fetch(&effects).expect("a fetch");
    let asked: Vec<(u64, Option<u32>)> =
        request.partitions.iter().map(|p| (p.fetch_offset, p.last_fetched_epoch)).collect();
    assert_eq!(asked, vec![(3, Some(4)), (0, None)], "from the log end, with the last epoch (KIP-320)");
    assert_eq!(effects[0], wake_at(NOW + harness.config.replica_socket_timeout_ms), "the give-up deadline");
    harness.run(&mut broker, |b, cx| b.maybe_send_fetch(LEADER, cx));
    assert!(harness.take().is_empty(), "one fetch in flight per session");
}

#[test]
fn a_fetch_unanswered_past_the_socket_timeout_is_given_up_and_retried_after_the_backoff() {
    let mut harness = Harness::at(NOW);
    let mut broker = follower();
    harness.run(&mut broker, |b, cx| b.maybe_send_fetch(LEADER, cx));
    let request = sent_fetch(&harness.take()).expect("a fetch").request;
    harness.now = NOW + harness.config.replica_socket_timeout_ms;
    harness.run(&mut broker, |b, cx| b.on_fetcher_wake(LEADER, cx));
    let retry_at = harness.now + harness.config.replica_fetch_backoff_ms;
    assert_eq!(harness.take(), vec![Effect::Forget(request), wake_at(retry_at)]);
    harness.now = retry_at;
    harness.run(&mut broker, |b, cx| b.on_fetcher_wake(LEADER, cx));
    assert!(sent_fetch(&harness.take()).is_some(), "fetches again once the backoff ends");
}

#[test]
fn a_broken_connection_backs_off_at_least_the_reconnect_backoff() {
    let mut harness = Harness::at(NOW);
    harness.config.replica_fetch_backoff_ms = 0;
    let mut broker = follower();
    harness.run(&mut broker, |b, cx| b.maybe_send_fetch(LEADER, cx));
    let request = sent_fetch(&harness.take()).expect("a fetch").request;
    harness.run(&mut broker, |b, cx| b.on_disconnect(request, cx));
    assert_eq!(harness.take(), vec![wake_at(NOW + RECONNECT_BACKOFF_MS)]);
    harness.run(&mut broker, |b, cx| b.maybe_send_fetch(LEADER, cx));
    assert!(harness.take().is_empty(), "not before the backoff ends (the wake is armed already)");
}

#[test]
fn a_paused_fetcher_sends_nothing_until_kicked_after_a_resume() {
    let mut harness = Harness::at(NOW);
    let mut broker = follower();
    broker.fetch_paused = true;
    harness.run(&mut broker, |b, cx| b.kick_all_fetchers(cx));
    assert!(harness.take().is_empty());
    broker.fetch_paused = false;
    harness.run(&mut broker, |b, cx| b.kick_all_fetchers(cx));
    let sent = harness.take().iter().filter(|e| matches!(e, Effect::Send { .. })).count();
    assert_eq!(sent, 1, "one session for the one leader");
}

#[test]
fn the_answer_to_the_fetch_in_flight_sends_the_next_fetch_at_once() {
    let mut harness = Harness::at(NOW);
    let mut broker = follower();
    harness.run(&mut broker, |b, cx| b.maybe_send_fetch(LEADER, cx));
    let request = sent_fetch(&harness.take()).expect("a fetch").request;
    let response = FetchResponse { request, partitions: Vec::new() };
    harness.run(&mut broker, |b, cx| b.on_fetch_response(LEADER, response, cx));
    let next = sent_fetch(&harness.take()).expect("the next fetch").request;
    assert!(next > request);
}
