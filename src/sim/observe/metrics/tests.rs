//! The fold on the default cluster (3 brokers, `orders` with 3 partitions, rf 3, min ISR 2).
use super::*;
use crate::sim::presets::default_cluster;
use crate::sim::{Cluster, Command};

fn crash(cluster: &mut Cluster, broker: u32) {
    cluster.apply(&Command::Crash(crate::sim::NodeRef::Broker(broker))).unwrap();
}

#[test]
fn a_settled_cluster_shows_normal_values() {
    let cluster = default_cluster();
    assert_eq!(cluster.metric(Metric::UnderReplicatedPartitions), 0);
    assert_eq!(cluster.metric(Metric::OfflinePartitionsCount), 0);
    assert_eq!(cluster.metric(Metric::ActiveControllerCount), 1);
    assert_eq!(cluster.metric(Metric::LeaderElectionRateAndTimeMs), 0, "the first leaders are no election");
}

#[test]
fn crashing_broker_1_under_replicates_every_partition_from_its_fence_until_it_rejoins() {
    let mut cluster = default_cluster();
    cluster.take_metric_changes();
    crash(&mut cluster, 1);
    cluster.run_for(1_000);
    // Until the controller fences it, the leaders' ISRs still hold broker 1, and the
    // partition it led has no live broker to report it.
    assert_eq!(cluster.metric(Metric::UnderReplicatedPartitions), 0);
    cluster.run_for(20_000);
    assert_eq!(cluster.metric(Metric::UnderReplicatedPartitions), 3);
    assert_eq!(cluster.metric(Metric::AtMinIsrPartitionCount), 3);
    assert_eq!(cluster.metric(Metric::UnderMinIsrPartitionCount), 0);
    assert_eq!(cluster.metric(Metric::OfflinePartitionsCount), 0);
    assert_eq!(cluster.metric(Metric::LeaderElectionRateAndTimeMs), 1);
    let time_ms = cluster.metric(Metric::LeaderElectionTimeMs);
    assert!((8_000..=9_000).contains(&time_ms), "the session timeout after its last heartbeat: {time_ms}");
    assert_eq!(cluster.metric(Metric::IsrShrinksPerSec), 0, "the controller's shrink is no leader's");
    cluster.apply(&Command::Restart(crate::sim::NodeRef::Broker(1))).unwrap();
    cluster.run_for(30_000);
    assert_eq!(cluster.metric(Metric::UnderReplicatedPartitions), 0);
    assert_eq!(cluster.metric(Metric::IsrExpandsPerSec), 3);
    let changes = cluster.take_metric_changes();
    let urp: Vec<u64> =
        changes.iter().filter(|c| c.metric == Metric::UnderReplicatedPartitions).map(|c| c.value).collect();
    // Up one broker at a time as the metadata push reaches each leader, down one
    // partition at a time as each leader takes broker 1 back.
    assert_eq!(urp, [1, 2, 3, 2, 1, 0]);
    assert!(changes.windows(2).all(|w| w[0].event_index <= w[1].event_index && w[0].at <= w[1].at));
}

#[test]
fn a_partition_with_no_live_replica_is_offline_not_under_replicated() {
    let mut cluster = default_cluster();
    for broker in 1..=3 {
        crash(&mut cluster, broker);
    }
    cluster.run_for(30_000);
    assert_eq!(cluster.metric(Metric::UnderReplicatedPartitions), 0);
    assert!(cluster.metric(Metric::OfflinePartitionsCount) > 0);
}

#[test]
fn acks_all_writes_wait_in_purgatory_and_the_followers_show_no_lag_after() {
    let mut cluster = default_cluster();
    let target = crate::sim::ProduceTarget::Partition(crate::sim::TopicPartition::new("orders", 0));
    let produce = Command::Produce { target, value: "a".into(), key: None, acks: None, producer: None };
    cluster.apply(&produce).unwrap();
    cluster.run_for(2_000);
    assert!(cluster.metric(Metric::TotalTimeMs) > 0, "acks=all waits for the followers' fetches");
    assert_eq!(cluster.metric(Metric::TotalTimeMs), cluster.metric(Metric::RemoteTimeMs));
    assert_eq!(cluster.metric(Metric::LocalTimeMs), 0);
    assert_eq!(cluster.metric(Metric::ReplicaMaxLag), 0);
    assert!(cluster.follower_lags().iter().all(|l| l.records == 0 && l.ms.is_some()));
}

#[test]
fn the_series_answers_the_value_after_any_event() {
    let mut series = MetricSeries::default();
    let change = |event_index, value| MetricChange { event_index, at: 0, metric: Metric::ReplicaMaxLag, value };
    series.extend([change(3, 5), change(7, 0)]);
    assert_eq!(series.value_after(Metric::ReplicaMaxLag, 3), 0);
    assert_eq!(series.value_after(Metric::ReplicaMaxLag, 4), 5);
    assert_eq!(series.value_after(Metric::ReplicaMaxLag, 100), 0);
    let tail = series.split_off_at_event(7);
    assert_eq!((series.points().len(), tail.points().len()), (1, 1));
}

#[test]
fn failed_produce_requests_count_not_enough_replicas_but_not_a_misdirected_produce() {
    // `ReplicaManager.appendToLocalLog` skips NotLeaderOrFollower and UnknownTopicOrPartition.
    use crate::sim::event::{Event, EventKind};
    use crate::sim::records::ErrorCode;
    let cluster = default_cluster();
    let mut metrics = Metrics::default();
    let errors = [ErrorCode::NotLeaderOrFollower, ErrorCode::UnknownTopicOrPartition, ErrorCode::NotEnoughReplicas];
    for (index, error) in errors.into_iter().enumerate() {
        let first = crate::sim::ids::RecordId(index as u32);
        let kind = EventKind::ProduceRejected { broker: 1, partition: crate::sim::ids::PartitionId(0), first, error };
        metrics.event(index as u64, &Event { at: 0, kind }, &cluster.world());
    }
    assert_eq!(metrics.value(Metric::FailedProduceRequestsPerSec), 1);
}
