//! A leader's AlterPartition on the controller alone: no brokers, no cluster.
use super::*;
use crate::sim::controller::context::fixture::Fixture;
use crate::sim::ctx::Effect;
use crate::sim::ids::{BrokerId, PartitionId};
use crate::sim::message::RequestId;

fn shrink_to(isr: &[BrokerId], leader: BrokerId, partition_epoch: u32) -> AlterPartition {
    let partition = PartitionId(0);
    AlterPartition { request: RequestId(6), leader, partition, leader_epoch: 0, partition_epoch, new_isr: isr.to_vec() }
}

fn answer(effects: &[Effect]) -> Result<(), AlterPartitionError> {
    match effects.last() {
        Some(Effect::Send { message: Message::AlterPartitionResponse(response), .. }) => response.result,
        other => panic!("expected the answer last: {other:?}"),
    }
}

#[test]
fn the_leaders_change_is_committed_with_a_new_partition_epoch() {
    let mut fixture = Fixture::three_brokers();
    fixture.run(|c| c.on_alter_partition(shrink_to(&[1, 2], 1, 0)));
    let effects = fixture.take();
    assert_eq!(answer(&effects), Ok(()));
    let changed =
        EventKind::IsrChanged { partition: PartitionId(0), from: [1, 2, 3][..].into(), to: [1, 2][..].into() };
    assert!(effects.contains(&Effect::Emit(changed)), "{effects:?}");
    assert_eq!((fixture.partition().isr.clone(), fixture.partition().partition_epoch), (vec![1, 2], 1));
}

#[test]
fn a_change_from_a_stale_partition_epoch_or_not_the_leader_is_refused() {
    let mut fixture = Fixture::three_brokers();
    fixture.run(|c| c.on_alter_partition(shrink_to(&[1, 2], 1, 7)));
    assert_eq!(answer(&fixture.take()), Err(AlterPartitionError::InvalidUpdateVersion));
    fixture.run(|c| c.on_alter_partition(shrink_to(&[2, 3], 2, 0)));
    assert_eq!(answer(&fixture.take()), Err(AlterPartitionError::NotLeader));
    assert_eq!(fixture.partition().isr, vec![1, 2, 3], "nothing committed");
}

#[test]
fn adding_a_fenced_broker_is_refused_as_ineligible() {
    let mut fixture = Fixture::three_brokers();
    fixture.run(|c| c.on_alter_partition(shrink_to(&[1, 2], 1, 0)));
    fixture.take();
    fixture.controller.commit(vec![crate::sim::metadata::MetadataRecord::BrokerFencing { broker: 3, fenced: true }]);
    fixture.run(|c| c.on_alter_partition(shrink_to(&[1, 2, 3], 1, 1)));
    assert_eq!(answer(&fixture.take()), Err(AlterPartitionError::IneligibleReplica));
}
