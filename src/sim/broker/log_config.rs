//! A broker's logs reconfigured when the cluster's `min.insync.replicas` default changes
//! (`DynamicLogConfig.reconfigure` → `DynamicBrokerConfig.updateLogsConfig` →
//! `UnifiedLog.updateConfig`): every log without its own value takes the new default; a
//! topic created with `min-isr=` keeps it. What a leader reads of it is its
//! `LeaderState.min_isr`, so that is what changes here.
use crate::sim::broker::Broker;
use crate::sim::topic::{topic_of, Topic};

impl Broker {
    /// The leaders of partitions whose topic has no `min.insync.replicas` of its own take
    /// `default`, in partition order. Only the setting changes: Kafka's reconfiguration
    /// recomputes no HW (`updateLogsConfig` only swaps the `LogConfig`); the HW rule reads
    /// the new value at its next run (`maybeIncrementLeaderHW`: an append, a follower whose
    /// log end moved, or a partition change such as the controller clearing the ELRs).
    pub fn reconfigure_min_isr(&mut self, topics: &[Topic], default: u32) {
        for replica in self.replicas.values_mut() {
            let follows_default = topic_of(topics, replica.partition).is_some_and(|(t, _)| t.min_isr.is_none());
            if let Some(leader) = replica.leader_state_mut().filter(|_| follows_default) {
                leader.min_isr = default;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::sim::broker::leader_fixture::Leading;
    use crate::sim::ids::PartitionId;
    use crate::sim::replica::Replica;
    use crate::sim::topic::Topic;

    fn topic(name: &str, first: u32, min_isr: Option<u32>) -> Topic {
        let first_partition = PartitionId(first);
        Topic { name: name.into(), first_partition, partitions: 1, replication_factor: 3, min_isr, placed_by: None }
    }

    fn min_isr_of(broker: &crate::sim::broker::Broker, partition: u32) -> Option<u32> {
        broker.replicas[&PartitionId(partition)].leader_state().map(|s| s.min_isr)
    }

    #[test]
    fn a_leader_of_a_topic_without_an_override_takes_the_new_default() {
        let topics = [topic("early", 0, None), topic("own", 1, Some(1))];
        let mut broker = Leading { min_isr: 1, ..Leading::of(PartitionId(0)) }.broker();
        let own = Leading { min_isr: 1, ..Leading::of(PartitionId(1)) }.broker();
        broker.replicas.insert(PartitionId(1), own.replicas[&PartitionId(1)].clone());
        broker.replicas.insert(PartitionId(2), Replica::new(PartitionId(2)));
        broker.reconfigure_min_isr(&topics, 2);
        assert_eq!(min_isr_of(&broker, 0), Some(2), "follows the default");
        assert_eq!(min_isr_of(&broker, 1), Some(1), "keeps its own min-isr=1");
        assert_eq!(min_isr_of(&broker, 2), None, "not a leader: nothing to change");
    }

    #[test]
    fn lowering_the_default_moves_no_hw_by_itself() {
        // ISR [1] below min-ISR 2: the HW is held at 2 although the leader holds 4.
        let leading = Leading { leo: 4, hw: 2, isr: &[1], min_isr: 2, fetched: [2, 2], ..Leading::of(PartitionId(0)) };
        let mut broker = leading.broker();
        broker.reconfigure_min_isr(&[topic("early", 0, None)], 1);
        let replica = &broker.replicas[&PartitionId(0)];
        assert_eq!((replica.leader_state().map(|s| s.min_isr), replica.hw), (Some(1), 2));
    }
}
