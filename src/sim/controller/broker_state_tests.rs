//! `calculateNextBrokerState`'s rules, one broker at a time.
use super::BrokerControlState::*;
use super::*;

/// An unfenced broker that leads something, registered at offset 3, has applied 10
/// records, and every active broker has applied 10.
fn facts() -> HeartbeatFacts {
    HeartbeatFacts {
        want_shutdown: false,
        metadata_offset: 10,
        registration_offset: 3,
        has_leaderships: true,
        shutdown_offset: None,
        lowest_active_offset: 10,
    }
}

#[test]
fn the_current_state_comes_from_the_shutdown_offset_before_fencing() {
    assert_eq!(BrokerControlState::current(false, None), Unfenced);
    assert_eq!(BrokerControlState::current(true, None), Fenced);
    assert_eq!(BrokerControlState::current(false, Some(4)), ControlledShutdown);
    // fenced by its session while in controlled shutdown: still in controlled shutdown
    assert_eq!(BrokerControlState::current(true, Some(4)), ControlledShutdown);
}

#[test]
fn a_fenced_broker_is_unfenced_once_it_has_applied_its_registration_record() {
    let at_registration = HeartbeatFacts { metadata_offset: 3, ..facts() };
    assert_eq!(next_state(Fenced, &at_registration), Fenced, "record 3 not applied yet");
    let past = HeartbeatFacts { metadata_offset: 4, lowest_active_offset: 20, ..facts() };
    assert_eq!(next_state(Fenced, &past), Unfenced, "the rest of the log is not needed");
}

#[test]
fn a_fenced_broker_asking_to_stop_may_stop_at_once() {
    let asking = HeartbeatFacts { want_shutdown: true, metadata_offset: 0, ..facts() };
    assert_eq!(next_state(Fenced, &asking), ShutdownNow);
}

#[test]
fn an_unfenced_broker_asking_to_stop_enters_controlled_shutdown_only_if_it_leads() {
    let leading = HeartbeatFacts { want_shutdown: true, ..facts() };
    assert_eq!(next_state(Unfenced, &leading), ControlledShutdown);
    let leading_nothing = HeartbeatFacts { has_leaderships: false, ..leading };
    assert_eq!(next_state(Unfenced, &leading_nothing), ShutdownNow);
    assert_eq!(next_state(Unfenced, &facts()), Unfenced);
}

#[test]
fn a_controlled_shutdown_waits_for_the_leaderships_then_for_every_active_broker() {
    let waiting = HeartbeatFacts { want_shutdown: true, shutdown_offset: Some(12), ..facts() };
    assert_eq!(next_state(ControlledShutdown, &waiting), ControlledShutdown, "still leads");
    let moved = HeartbeatFacts { has_leaderships: false, ..waiting };
    assert_eq!(next_state(ControlledShutdown, &moved), ControlledShutdown, "others at 10 < 13");
    let one_short = HeartbeatFacts { lowest_active_offset: 12, ..moved };
    assert_eq!(next_state(ControlledShutdown, &one_short), ControlledShutdown, "record 12 not applied");
    let learned = HeartbeatFacts { lowest_active_offset: 13, ..moved };
    assert_eq!(next_state(ControlledShutdown, &learned), ShutdownNow);
    let no_active_broker = HeartbeatFacts { lowest_active_offset: u64::MAX, ..moved };
    assert_eq!(next_state(ControlledShutdown, &no_active_broker), ShutdownNow);
}

#[test]
fn fenced_and_should_shut_down_follow_kafkas_table() {
    let table = [
        (Fenced, true, false),
        (Unfenced, false, false),
        (ControlledShutdown, false, false),
        (ShutdownNow, true, true),
    ];
    for (state, fenced, stop) in table {
        assert_eq!((state.fenced(), state.should_shut_down()), (fenced, stop), "{state:?}");
    }
}
