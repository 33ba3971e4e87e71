//! How a client learns where leaders are, on the client alone: no brokers, no cluster.
use super::*;
use crate::sim::client::context::fixture::Fixture;
use crate::sim::ctx::Effect;
use crate::sim::ids::{ClientId, PartitionId};
use crate::sim::message::PartitionLeader;

#[test]
fn one_metadata_request_at_a_time_to_a_bootstrap_broker() {
    let mut fixture = Fixture::new(false);
    fixture.run(|c| c.request_metadata());
    let effects = fixture.take();
    let asked = effects.iter().find_map(|e| match e {
        Effect::Send { to: NodeId::Broker(b), message: Message::Metadata(_), .. } => Some(b.to_owned()),
        _ => None,
    });
    assert!(asked.is_some_and(|b| (1..=3).contains(&b)), "{effects:?}");
    fixture.run(|c| c.request_metadata());
    assert!(fixture.take().is_empty(), "one in flight");
}

#[test]
fn an_answer_updates_leaders_to_newer_epochs_only() {
    let mut fixture = Fixture::new(false);
    let leaders = vec![
        PartitionLeader { partition: PartitionId(0), leader: Some(2), epoch: 1 },
        PartitionLeader { partition: PartitionId(1), leader: None, epoch: 0 },
    ];
    let response =
        MetadataResponse { request: RequestId(1), topics: vec![("u".into(), PartitionId(1), 1)], partitions: leaders };
    fixture.run(|c| c.on_metadata_response(3, response));
    let received = EventKind::MetadataReceived { client: ClientId(0), broker: 3, leaders_known: 1 };
    assert!(fixture.take().contains(&Effect::Emit(received)));
    let metadata = fixture.client.metadata();
    assert_eq!(metadata.leader_of(PartitionId(0)), Some(2));
    assert!(metadata.topics.contains_key("u"));
    let stale = vec![PartitionLeader { partition: PartitionId(0), leader: Some(1), epoch: 0 }];
    let older = MetadataResponse { request: RequestId(2), topics: Vec::new(), partitions: stale };
    fixture.run(|c| c.on_metadata_response(1, older));
    assert_eq!(fixture.client.metadata().leader_of(PartitionId(0)), Some(2), "an older epoch does not win");
}
