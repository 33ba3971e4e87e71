//! A broker's heartbeats and registration with a `Ctx`, no controller.
use super::*;
use crate::sim::ctx::Effect;
use crate::sim::ctx_fixture::Harness;

fn heartbeat_of(effects: &[Effect]) -> Option<&Heartbeat> {
    effects.iter().find_map(|e| match e {
        Effect::Send { to: NodeId::Controller, message: Message::Heartbeat(h), .. } => Some(h),
        _ => None,
    })
}

fn answer(should_shut_down: bool) -> HeartbeatResponse {
    HeartbeatResponse {
        request: crate::sim::message::RequestId(1),
        fenced: false,
        should_shut_down,
        records: Vec::new(),
    }
}

#[test]
fn a_registered_broker_heartbeats_and_one_that_is_not_registers_again() {
    let mut harness = Harness::at(100);
    let mut broker = Broker::new(1, None);
    harness.run(&mut broker, |b, cx| b.on_heartbeat_timer(cx));
    let effects = harness.take();
    assert!(heartbeat_of(&effects).is_some());
    let next = harness.now + harness.config.broker_heartbeat_interval_ms;
    assert_eq!(
        effects.last(),
        Some(&Effect::Schedule { at: next, timer: Timer::Heartbeat { broker: 1, incarnation: 1 } })
    );
    broker.registered = false;
    harness.run(&mut broker, |b, cx| b.on_heartbeat_timer(cx));
    let effects = harness.take();
    assert!(matches!(&effects[0], Effect::Send { message: Message::Registration(r), .. } if r.incarnation == 1));
}

#[test]
fn the_first_answer_registers_the_broker_and_it_heartbeats_again_at_once() {
    let mut harness = Harness::at(100);
    let mut broker = Broker::new(1, None);
    broker.registered = false;
    let finish = harness.run(&mut broker, |b, cx| b.on_heartbeat_response(&answer(false), cx));
    assert!(!finish && broker.registered);
    assert!(heartbeat_of(&harness.take()).is_some(), "with its caught-up offset, so it can be unfenced");
}

#[test]
fn a_shutting_down_broker_may_stop_once_the_controller_says_so() {
    let mut harness = Harness::at(100);
    let mut broker = Broker::new(1, None);
    assert!(!harness.run(&mut broker, |b, cx| b.on_heartbeat_response(&answer(true), cx)), "it did not ask to");
    broker.shutting_down = true;
    assert!(!harness.run(&mut broker, |b, cx| b.on_heartbeat_response(&answer(false), cx)));
    assert!(harness.run(&mut broker, |b, cx| b.on_heartbeat_response(&answer(true), cx)));
    harness.run(&mut broker, |b, cx| b.send_heartbeat(cx));
    assert!(heartbeat_of(&harness.take()).is_some_and(|h| h.want_shutdown));
}

#[test]
fn after_the_first_not_yet_a_stopping_broker_heartbeats_again_50ms_later_and_only_once() {
    let mut harness = Harness::at(100);
    let mut broker = Broker::new(1, None);
    broker.shutting_down = true;
    harness.run(&mut broker, |b, cx| b.on_heartbeat_response(&answer(false), cx));
    let soon = Timer::ShutdownHeartbeat { broker: 1, incarnation: 1 };
    assert_eq!(harness.take(), vec![Effect::Schedule { at: 150, timer: soon }]);
    harness.run(&mut broker, |b, cx| b.on_shutdown_heartbeat_timer(cx));
    assert!(heartbeat_of(&harness.take()).is_some_and(|h| h.want_shutdown));
    harness.run(&mut broker, |b, cx| b.on_heartbeat_response(&answer(false), cx));
    assert!(harness.take().is_empty(), "later answers wait for the regular heartbeat");
}

#[test]
fn a_running_broker_answered_schedules_no_extra_heartbeat() {
    let mut harness = Harness::at(100);
    let mut broker = Broker::new(1, None);
    harness.run(&mut broker, |b, cx| b.on_heartbeat_response(&answer(false), cx));
    assert!(harness.take().is_empty());
    harness.run(&mut broker, |b, cx| b.on_shutdown_heartbeat_timer(cx));
    assert!(heartbeat_of(&harness.take()).is_none(), "no longer stopping: nothing to send");
}
