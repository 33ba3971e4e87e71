//! The leader's purgatory timer on a `Broker` with a `Ctx`, no cluster.
use super::*;
use crate::sim::broker::leader_fixture::{park_write, Leading};
use crate::sim::broker::ParkedFetch;
use crate::sim::ctx::Effect;
use crate::sim::ctx_fixture::Harness;
use crate::sim::event::EventKind;
use crate::sim::ids::{PartitionId, RecordId};
use crate::sim::message::{FetchPartition, Message, RequestId};
use crate::sim::records::ErrorCode;

const P: PartitionId = PartitionId(0);

fn leader() -> Broker {
    Leading { epoch: 1, leo: 3, min_isr: 2, ..Leading::of(P) }.broker()
}

fn park_fetch(broker: &mut Broker, request: u64, deadline: u64) {
    let fetch = FetchPartition { partition: P, fetch_offset: 3, last_fetched_epoch: None, current_leader_epoch: 1 };
    broker.parked_fetches.push(ParkedFetch {
        request: RequestId(request),
        follower: 2,
        partitions: vec![fetch],
        deadline,
    });
}

#[test]
fn the_check_is_armed_at_the_nearest_deadline_and_not_again_for_a_later_one() {
    let mut harness = Harness::at(100);
    let mut broker = leader();
    harness.run(&mut broker, |b, cx| b.arm_purgatory_at(300, cx));
    harness.run(&mut broker, |b, cx| b.arm_purgatory_at(400, cx));
    let timer = Timer::LeaderPurgatory { broker: 1, incarnation: 1 };
    assert_eq!(harness.take(), vec![Effect::Schedule { at: 300, timer }]);
    harness.run(&mut broker, |b, cx| b.arm_purgatory_at(200, cx));
    assert_eq!(harness.take(), vec![Effect::Schedule { at: 200, timer }], "a nearer deadline arms it earlier");
}

#[test]
fn expired_writes_time_out_expired_fetches_are_answered_and_the_next_check_is_armed() {
    let mut harness = Harness::at(1_000);
    let mut broker = leader();
    park_write(&mut broker, P, 0, 1, 1_000);
    park_write(&mut broker, P, 1, 1, 1_200);
    park_fetch(&mut broker, 3, 900);
    broker.purgatory_armed = Some(1_000);
    harness.run(&mut broker, |b, cx| b.on_purgatory_timer(cx));
    let effects = harness.take();
    let timed_out = EventKind::ProduceAnswered {
        broker: 1,
        partition: P,
        first: RecordId(0),
        count: 1,
        error: ErrorCode::RequestTimedOut,
    };
    assert_eq!(effects[0], Effect::Emit(timed_out), "write 1 first: {effects:?}");
    assert!(
        matches!(&effects[2], Effect::Send { message: Message::FetchResponse(r), .. } if r.request == RequestId(3))
    );
    let next = Effect::Schedule { at: 1_200, timer: Timer::LeaderPurgatory { broker: 1, incarnation: 1 } };
    assert_eq!(effects.last(), Some(&next), "armed for write 2");
    assert_eq!(effects.len(), 4);
    assert!(broker.parked_fetches.is_empty());
    assert_eq!(broker.purgatory_armed, Some(1_200));
}
