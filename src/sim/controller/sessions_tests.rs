//! The controller's broker sessions on the controller alone: no brokers, no cluster.
use super::*;
use crate::sim::controller::context::fixture::Fixture;
use crate::sim::ctx::Effect;
use crate::sim::message::RequestId;

fn heartbeat(broker: BrokerId, metadata_offset: u64) -> Heartbeat {
    Heartbeat { request: RequestId(8), broker, incarnation: 1, metadata_offset, want_shutdown: false }
}

fn answer_to(effects: &[Effect], broker: BrokerId) -> Option<&HeartbeatResponse> {
    effects.iter().find_map(|e| match e {
        Effect::Send { to, message: Message::HeartbeatResponse(r), .. } if *to == NodeId::Broker(broker) => Some(r),
        _ => None,
    })
}

#[test]
fn a_fenced_broker_is_unfenced_once_its_heartbeat_shows_it_caught_up() {
    let mut fixture = Fixture::three_brokers();
    fixture.controller.commit(vec![MetadataRecord::BrokerFencing { broker: 2, fenced: true }]);
    let behind = fixture.controller.log_end() - 1;
    fixture.run(|c| c.on_heartbeat(heartbeat(2, behind)));
    assert!(answer_to(&fixture.take(), 2).is_some_and(|r| r.fenced), "not caught up: still fenced");
    let end = fixture.controller.log_end();
    fixture.run(|c| c.on_heartbeat(heartbeat(2, end)));
    let effects = fixture.take();
    assert!(effects.contains(&Effect::Emit(EventKind::BrokerUnfenced { broker: 2 })));
    assert!(answer_to(&effects, 2).is_some_and(|r| !r.fenced));
}

#[test]
fn a_heartbeat_of_an_older_life_is_ignored() {
    let mut fixture = Fixture::three_brokers();
    let stale = Heartbeat { incarnation: 0, ..heartbeat(2, 0) };
    fixture.run(|c| c.on_heartbeat(stale));
    assert!(fixture.take().is_empty());
}

#[test]
fn a_broker_not_heard_from_within_the_session_timeout_is_fenced_and_leaves_the_isr() {
    let mut fixture = Fixture::three_brokers();
    fixture.now = fixture.config.broker_session_timeout_ms;
    for broker in [1, 3] {
        fixture.controller.sessions.get_mut(&broker).expect("session").last_heartbeat_ms = fixture.now;
    }
    fixture.run(|c| c.on_session_expiry_timer());
    let events = fixture.take_events();
    assert_eq!(events[0], EventKind::BrokerFenced { broker: 2, reason: FenceReason::SessionExpired });
    assert_eq!(fixture.partition().isr, vec![1, 3]);
}

#[test]
fn a_new_life_registering_while_the_old_session_is_valid_is_refused() {
    let mut fixture = Fixture::three_brokers();
    let registration = Registration { request: RequestId(4), broker: 2, incarnation: 2, clean_shutdown: true };
    fixture.run(|c| c.on_registration(registration));
    let refused = vec![Effect::Forget(RequestId(4)), Effect::Emit(EventKind::RegistrationRefused { broker: 2 })];
    assert_eq!(fixture.take(), refused);
    assert_eq!(fixture.controller.sessions[&2].incarnation, 1);
}

#[test]
fn after_an_unclean_shutdown_a_registering_broker_leaves_every_isr() {
    let mut fixture = Fixture::three_brokers();
    fixture.now = fixture.config.broker_session_timeout_ms + 1; // the old session expired
    let registration = Registration { request: RequestId(4), broker: 3, incarnation: 2, clean_shutdown: false };
    fixture.run(|c| c.on_registration(registration));
    let effects = fixture.take();
    assert!(answer_to(&effects, 3).is_some_and(|r| r.fenced && !r.records.is_empty()), "all the metadata, fenced");
    assert!(!fixture.partition().isr.contains(&3));
    assert_eq!(fixture.controller.sessions[&3].incarnation, 2);
}
