//! The controller quorum's failover on the controller alone: no brokers, no cluster.
use super::*;
use crate::sim::controller::context::fixture::Fixture;
use crate::sim::ctx::Effect;

#[test]
fn losing_the_active_controller_breaks_its_connections_and_schedules_an_election() {
    let mut fixture = Fixture::three_brokers();
    fixture.run(|c| c.deactivate_controller());
    let due = fixture.now + fixture.config.controller_quorum_fetch_timeout_ms;
    let expected = vec![
        Effect::BreakConnections(NodeId::Controller),
        Effect::Schedule { at: due, timer: Timer::ControllerElection },
    ];
    assert_eq!(fixture.take(), expected, "the one node is alive: no QuorumLost");
    assert_eq!((fixture.controller.active, fixture.controller.term), (None, 2));
    fixture.now = due;
    fixture.run(|c| c.on_controller_election());
    let events = fixture.take_events();
    assert_eq!(events[0], EventKind::ControllerActivated { node: 1 });
    assert_eq!((fixture.controller.active, fixture.controller.term), (Some(1), 3));
    assert!(fixture.controller.sessions.values().all(|s| s.last_heartbeat_ms == due), "fresh sessions");
}

#[test]
fn without_a_majority_no_election_is_scheduled() {
    let mut fixture = Fixture::three_brokers();
    fixture.controller.nodes_alive = vec![true, false, false];
    fixture.run(|c| c.deactivate_controller());
    let effects = fixture.take();
    assert_eq!(effects, vec![Effect::BreakConnections(NodeId::Controller), Effect::Emit(EventKind::QuorumLost)]);
}
