//! Elections and controller-driven ISR changes on the controller alone: no brokers, no cluster.
use super::*;
use crate::sim::controller::context::fixture::Fixture;

const P: PartitionId = PartitionId(0);

#[test]
fn fencing_the_leader_elects_the_next_in_sync_replica_in_a_new_epoch() {
    let mut fixture = Fixture::three_brokers();
    fixture.run(|c| c.fence_broker(1, FenceReason::SessionExpired));
    let events = fixture.take_events();
    let elected = EventKind::LeaderElected {
        partition: P,
        leader: Some(2),
        epoch: 1,
        isr: [2, 3][..].into(),
        kind: ElectionKind::Clean,
    };
    assert!(events.contains(&elected), "{events:?}");
    let state = fixture.partition();
    assert_eq!((state.leader, state.leader_epoch, state.isr.clone()), (Some(2), 1, vec![2, 3]));
}

#[test]
fn a_clean_election_passes_over_an_in_sync_replica_whose_broker_is_shutting_down() {
    // `isAcceptableLeader` is `ClusterControlManager.isActive`: unfenced and not in
    // controlled shutdown. Broker 2 is still in the ISR here, to test that rule alone.
    let mut fixture = Fixture::three_brokers();
    fixture.controller.commit(vec![MetadataRecord::BrokerShuttingDown { broker: 2 }]);
    fixture.run(|c| c.fence_broker(1, FenceReason::SessionExpired));
    assert_eq!(fixture.partition().leader, Some(3));
}

#[test]
fn a_preferred_election_is_not_needed_while_replica_0_leads_and_moves_leadership_back_after() {
    let mut fixture = Fixture::three_brokers();
    let not_needed = fixture.run(|c| c.operator_election(P, Election::Preferred, true, ElectionKind::Preferred));
    assert_eq!(not_needed, Some(ElectionResult::ElectionNotNeeded));
    fixture.run(|c| c.fence_broker(1, FenceReason::SessionExpired));
    fixture.run(|c| c.unfence_broker(1));
    let isr_back = fixture.partition().isr.iter().copied().chain([1]).collect();
    let old = fixture.partition().clone();
    fixture.controller.commit(vec![MetadataRecord::Partition {
        partition: P,
        state: PartitionState { isr: isr_back, partition_epoch: old.partition_epoch + 1, ..old },
    }]);
    fixture.take();
    assert!(fixture.run(|c| c.elect_preferred_leader(P, true, ElectionKind::Preferred)));
    assert_eq!(fixture.partition().leader, Some(1));
}

#[test]
fn the_effective_min_isr_is_the_topics_own_else_the_default_now() {
    // Topic `t` was created with min-ISR 2: the default does not change it.
    let mut fixture = Fixture::three_brokers();
    fixture.config.min_insync_replicas = 3;
    let old = fixture.partition().clone();
    let request = |f: &mut Fixture| f.run(|c| c.change_request(P, &old, old.isr.clone()).effective_min_isr);
    assert_eq!(request(&mut fixture), 2);
    // Without its own value it follows the default as it is when the controller asks
    // (`getTopicEffectiveMinIsr` through `getTopicConfig`), capped by the replicas.
    fixture.controller.image.topics[0].min_isr = None;
    assert_eq!(request(&mut fixture), 3);
    fixture.config.min_insync_replicas = 1;
    assert_eq!(request(&mut fixture), 1);
    fixture.config.min_insync_replicas = 5;
    assert_eq!(request(&mut fixture), 3, "min(min.insync.replicas, replicas)");
}
