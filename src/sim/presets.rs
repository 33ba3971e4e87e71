//! Ready-made clusters: what the playground shows on load, and the lecture's example.
use super::cluster::{Cluster, TopicSpec};
use super::config::Config;

/// 3 brokers on racks a, b, c; topic `orders` with 3 partitions, rf 3, min-isr 2; the
/// default producer and consumer. Settled for a moment so every follower has fetched.
pub fn default_cluster() -> Cluster {
    build(3, &["a", "b", "c"], "orders", 3, 3, 2)
}

/// The lecture's example: 6 brokers, 10 partitions, rf 3 — 30 replicas, placed by
/// `assignReplicasToBrokers`' rack-unaware branch (no racks), start index 0.
pub fn lecture_cluster() -> Cluster {
    build(6, &[], "orders", 10, 3, 2)
}

fn build(brokers: u32, racks: &[&str], topic: &str, partitions: u32, rf: u32, min_isr: u32) -> Cluster {
    let mut cluster = Cluster::new(Config::default(), 0);
    let racks: Vec<String> = racks.iter().map(|r| r.to_string()).collect();
    cluster.add_brokers(brokers, &racks).expect("a preset's brokers are valid");
    let spec = TopicSpec {
        name: topic.to_string(),
        partitions,
        replication_factor: rf,
        min_isr: Some(min_isr),
        start: Some(0),
        replicas: None,
        placer: None,
    };
    cluster.create_topic(spec).expect("a preset's topic is valid");
    cluster.run_for(10);
    cluster
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_cluster_has_three_brokers_each_leading_one_partition() {
        let view = default_cluster().view();
        assert_eq!(view.brokers.len(), 3);
        for broker in &view.brokers {
            assert_eq!((broker.leaders, broker.followers), (1, 2), "broker {}", broker.id);
        }
        assert_eq!(view.partitions.len(), 3);
        assert!(view.partitions.iter().all(|p| p.isr.len() == 3 && p.leader.is_some()));
    }

    #[test]
    fn lecture_cluster_places_thirty_replicas() {
        let view = lecture_cluster().view();
        let replicas: usize = view.brokers.iter().map(|b| b.replicas.len()).sum();
        assert_eq!(replicas, 30);
        assert_eq!(view.brokers.iter().map(|b| b.leaders).sum::<usize>(), 10);
    }
}
