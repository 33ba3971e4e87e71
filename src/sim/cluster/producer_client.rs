//! The `produce` command: checks the target and the settings, then hands the record to the
//! producer (`sim/client/producer_front.rs`: the partitioner and the accumulator), which
//! sends it when it may.
use super::Cluster;
use crate::sim::client::producer_front::RecordToSend;
use crate::sim::client::UnroutedRecord;
use crate::sim::error::SimError;
use crate::sim::ids::{Acks, PartitionId, RecordId};

/// Where a `produce` goes, resolved: a command's `ProduceTarget` names a partition,
/// a route holds the cluster's id for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Route {
    Topic(String),
    Partition(PartitionId),
}
crate::codec!(
    enum Route {
        Topic(_0) = 0,
        Partition(_0) = 1,
    }
);

impl Cluster {
    /// `produce TARGET VALUE [key=K] [acks=..] [producer=NAME]`. Returns the record's id
    /// when its partition is known now (a topic-wide produce waits for metadata first).
    pub(crate) fn produce(
        &mut self,
        target: &Route,
        value: &str,
        key: Option<&str>,
        acks: Option<Acks>,
        producer: &str,
    ) -> Result<Option<RecordId>, SimError> {
        Self::check_value(value)?;
        if let Route::Topic(name) = target {
            if !self.topics.iter().any(|t| &t.name == name) {
                return Err(SimError::UnknownTopic(name.clone()));
            }
        }
        let acks = acks.unwrap_or(self.config.acks);
        self.config.check_acks_keep_idempotence(acks).map_err(SimError::Config)?;
        let client = self.ensure_client(producer, true)?;
        let record = match target {
            Route::Partition(partition) => {
                let send = RecordToSend { topic: None, value, key, acks, created_ms: self.now };
                Some(self.with_client(client, |c| c.enqueue_record(*partition, &send)))
            }
            Route::Topic(topic) => {
                let unrouted = UnroutedRecord {
                    topic: topic.clone(),
                    value: value.to_string(),
                    key: key.map(str::to_string),
                    acks,
                    created_ms: self.now,
                };
                self.with_client(client, |c| c.route_or_hold(unrouted))
            }
        };
        self.with_client(client, |c| match record {
            Some(_) => c.send_ready_batches(),
            None => c.request_metadata(),
        });
        self.observe();
        Ok(record)
    }
}
