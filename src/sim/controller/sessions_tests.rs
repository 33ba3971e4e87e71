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

fn stopping(broker: BrokerId, metadata_offset: u64) -> Heartbeat {
    Heartbeat { want_shutdown: true, ..heartbeat(broker, metadata_offset) }
}

fn fenced(fixture: &Fixture, broker: BrokerId) -> bool {
    fixture.controller.image.brokers[&broker].fenced
}

#[test]
fn a_fenced_broker_is_unfenced_once_it_has_applied_its_registration_record() {
    let mut fixture = Fixture::three_brokers();
    fixture.controller.commit(vec![MetadataRecord::BrokerFencing { broker: 2, fenced: true }]);
    let registered_at = fixture.controller.log_end();
    fixture.controller.commit(vec![MetadataRecord::RegisterBroker { broker: 2, rack: None, fenced: true }]);
    fixture.controller.sessions.get_mut(&2).expect("session").registration_offset = registered_at;
    // more metadata after the registration, which the broker need not have to be unfenced
    fixture.controller.commit(vec![MetadataRecord::BrokerShuttingDown { broker: 3 }]);
    fixture.run(|c| c.on_heartbeat(heartbeat(2, registered_at)));
    assert!(answer_to(&fixture.take(), 2).is_some_and(|r| r.fenced), "its registration not applied: fenced");
    fixture.run(|c| c.on_heartbeat(heartbeat(2, registered_at + 1)));
    let effects = fixture.take();
    assert!(effects.contains(&Effect::Emit(EventKind::BrokerUnfenced { broker: 2 })));
    assert!(answer_to(&effects, 2).is_some_and(|r| !r.fenced && !r.records.is_empty()), "and the rest of the log");
}

#[test]
fn a_new_life_is_fenced_until_it_has_applied_the_registration_record_it_gets() {
    let mut fixture = Fixture::three_brokers();
    fixture.now = fixture.config.broker_session_timeout_ms + 1; // the old session expired
    let registration = Registration { request: RequestId(4), broker: 3, incarnation: 2, clean_shutdown: true };
    fixture.run(|c| c.on_registration(registration));
    let end = fixture.controller.log_end();
    let record = fixture.controller.records_from(end - 1);
    assert_eq!(record, vec![(end - 1, MetadataRecord::RegisterBroker { broker: 3, rack: None, fenced: true })]);
    assert_eq!(fixture.controller.sessions[&3].registration_offset, end - 1);
    assert!(fenced(&fixture, 3));
    fixture.take();
    let new_life = Heartbeat { incarnation: 2, ..heartbeat(3, end) };
    fixture.run(|c| c.on_heartbeat(new_life));
    assert!(fixture.take().contains(&Effect::Emit(EventKind::BrokerUnfenced { broker: 3 })));
}

#[test]
fn a_stopping_leader_keeps_running_until_every_active_broker_has_learned_the_new_leaders() {
    let mut fixture = Fixture::three_brokers();
    let before = fixture.controller.log_end();
    fixture.run(|c| c.on_heartbeat(stopping(1, before)));
    let effects = fixture.take();
    assert!(answer_to(&effects, 1).is_some_and(|r| !r.fenced && !r.should_shut_down), "not yet");
    assert_eq!(fixture.partition().leader, Some(2), "its leadership moved at once");
    let moved = fixture.controller.log_end();
    assert_eq!(fixture.controller.sessions[&1].shutdown_offset, Some(moved - 1));
    // brokers 2 and 3 have reported only the metadata before the move
    fixture.run(|c| c.on_heartbeat(stopping(1, moved)));
    assert!(answer_to(&fixture.take(), 1).is_some_and(|r| !r.should_shut_down), "2 and 3 behind");
    fixture.run(|c| c.on_heartbeat(heartbeat(2, moved)));
    fixture.run(|c| c.on_heartbeat(heartbeat(3, moved - 1)));
    fixture.run(|c| c.on_heartbeat(stopping(1, moved)));
    assert!(answer_to(&fixture.take(), 1).is_some_and(|r| !r.should_shut_down), "3 lacks the last record");
    assert!(!fenced(&fixture, 1), "running, unfenced, in controlled shutdown");
    fixture.run(|c| c.on_heartbeat(heartbeat(3, moved)));
    fixture.run(|c| c.on_heartbeat(stopping(1, moved)));
    let effects = fixture.take();
    assert!(effects.contains(&Effect::Emit(EventKind::BrokerFenced { broker: 1, reason: FenceReason::ShutDown })));
    assert!(answer_to(&effects, 1).is_some_and(|r| r.fenced && r.should_shut_down));
    assert_eq!(fixture.controller.sessions[&1].shutdown_offset, None, "fenced: out of controlled shutdown");
}

#[test]
fn the_shutdown_offset_is_the_first_heartbeats_and_later_ones_do_not_move_it() {
    let mut fixture = Fixture::three_brokers();
    fixture.run(|c| c.on_heartbeat(stopping(1, 0)));
    let first = fixture.controller.sessions[&1].shutdown_offset;
    fixture.controller.commit(vec![MetadataRecord::BrokerShuttingDown { broker: 3 }]);
    fixture.run(|c| c.on_heartbeat(stopping(1, 0)));
    assert_eq!(fixture.controller.sessions[&1].shutdown_offset, first);
}

#[test]
fn a_stopping_broker_that_leads_nothing_is_let_go_at_once() {
    let mut fixture = Fixture::three_brokers();
    fixture.run(|c| c.on_heartbeat(stopping(3, 0)));
    let effects = fixture.take();
    assert!(answer_to(&effects, 3).is_some_and(|r| r.fenced && r.should_shut_down));
    assert!(!fixture.partition().isr.contains(&3), "fenced, it leaves the ISR");
    assert!(!effects.contains(&Effect::Emit(EventKind::ControllerShrankIsr {
        partition: crate::sim::ids::PartitionId(0),
        broker: 3,
        to: [1, 2].as_slice().into(),
        reason: ControllerIsrReason::ShuttingDown,
    })));
}

#[test]
fn a_broker_in_controlled_shutdown_whose_session_expires_is_fenced_and_let_go_at_its_next_heartbeat() {
    let mut fixture = Fixture::three_brokers();
    fixture.run(|c| c.on_heartbeat(stopping(1, 0)));
    let heard = fixture.now;
    fixture.now = heard + fixture.config.broker_session_timeout_ms;
    for broker in [2, 3] {
        fixture.controller.sessions.get_mut(&broker).expect("session").last_heartbeat_ms = fixture.now;
    }
    fixture.take();
    fixture.run(|c| c.on_session_expiry_timer());
    let expired = EventKind::BrokerFenced { broker: 1, reason: FenceReason::SessionExpired };
    assert_eq!(fixture.take_events().first(), Some(&expired));
    // the session check keeps the shutdown offset (`BrokerHeartbeatManager.fence`); the
    // brokers have learned everything by now
    let end = fixture.controller.log_end();
    for broker in [2, 3] {
        fixture.run(|c| c.on_heartbeat(heartbeat(broker, end)));
    }
    fixture.take();
    fixture.run(|c| c.on_heartbeat(stopping(1, end)));
    let effects = fixture.take();
    assert!(answer_to(&effects, 1).is_some_and(|r| r.fenced && r.should_shut_down));
    let fenced_again = effects.iter().any(|e| matches!(e, Effect::Emit(EventKind::BrokerFenced { .. })));
    assert!(!fenced_again, "already fenced: no second fencing");
}

#[test]
fn a_new_active_controller_forgets_shutdown_offsets_and_lets_a_broker_leading_nothing_go() {
    let mut fixture = Fixture::three_brokers();
    fixture.run(|c| c.on_heartbeat(stopping(1, 0)));
    fixture.controller.active = None;
    fixture.run(|c| c.on_controller_election());
    assert_eq!(fixture.controller.sessions[&1].shutdown_offset, None);
    fixture.take();
    fixture.run(|c| c.on_heartbeat(stopping(1, 0)));
    assert!(answer_to(&fixture.take(), 1).is_some_and(|r| r.should_shut_down), "brokers 2 and 3 are behind");
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
