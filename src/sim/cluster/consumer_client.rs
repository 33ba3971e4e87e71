//! The consumer's command and queries: `consume` adds a fetch of the partition and lets
//! the consumer send it (`sim/client/consumer_fetch.rs`); what it consumed, its position
//! and its last error are read here.
use super::Cluster;
use crate::sim::error::SimError;
use crate::sim::ids::PartitionId;
use crate::sim::records::ErrorCode;

impl Cluster {
    /// `consume T-P [from=OFFSET] [consumer=NAME]`.
    pub(crate) fn consume(
        &mut self,
        partition: PartitionId,
        from: Option<u64>,
        consumer: &str,
    ) -> Result<(), SimError> {
        let client = self.ensure_client(consumer, false)?;
        let give_up_at = self.now + self.config.request_timeout_ms;
        self.with_client(client, |c| c.queue_consumer_fetch(partition, from, give_up_at));
        self.observe();
        Ok(())
    }

    /// A consumer's next offset to fetch on a partition, if it has one.
    pub fn consumer_position(&self, consumer: &str, partition: PartitionId) -> Option<Option<u64>> {
        let client = self.client_by_name(consumer)?;
        let c = self.clients[client.index()].as_consumer()?;
        Some(c.positions.get(&partition).copied())
    }

    /// The latest error a consumer's fetch was answered with.
    pub fn consumer_error(&self, consumer: &str) -> Option<Option<ErrorCode>> {
        let client = self.client_by_name(consumer)?;
        Some(self.clients[client.index()].as_consumer()?.last_error)
    }

    /// What a consumer has received, in order.
    pub fn consumed(&self, consumer: &str) -> Option<Vec<String>> {
        let client = self.client_by_name(consumer)?;
        let c = self.clients[client.index()].as_consumer()?;
        Some(c.consumed.iter().map(|id| self.records.value(*id).to_string()).collect())
    }

    pub(crate) fn partition_of(&self, topic: &str, index: u32) -> Option<PartitionId> {
        let t = self.topics.iter().find(|t| t.name == topic)?;
        (index < t.partitions).then_some(PartitionId(t.first_partition.0 + index))
    }
}
