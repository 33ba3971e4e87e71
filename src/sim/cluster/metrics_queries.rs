//! The metrics as the cluster's owner reads them: a value now, each follower's lag, and
//! the changes to record in a series.
use super::Cluster;
use crate::sim::ids::{BrokerId, Millis, PartitionId};
use crate::sim::metrics::{Metric, MetricChange, Metrics};

/// One follower's lag behind its partition's leader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FollowerLag {
    pub partition: PartitionId,
    pub follower: BrokerId,
    /// Records behind the HW its leader last told it (Kafka's `FetcherLagMetrics`).
    pub records: u64,
    /// Since when the leader last saw it caught up (what `replica.lag.time.max.ms` is
    /// compared with, `Replica.lastCaughtUpTimeMs`); `None` when no live leader knows it.
    pub ms: Option<Millis>,
}

impl Cluster {
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    pub fn metric(&self, metric: Metric) -> u64 {
        self.metrics.value(metric)
    }

    /// The metric changes since the last call (the owner keeps them in a `MetricSeries`).
    pub fn take_metric_changes(&mut self) -> Vec<MetricChange> {
        self.observe();
        self.metrics.take_changes()
    }

    /// Every live follower's lag, by partition then follower.
    pub fn follower_lags(&self) -> Vec<FollowerLag> {
        let mut lags: Vec<FollowerLag> = self
            .metrics
            .follower_lags()
            .map(|(follower, partition, records)| FollowerLag {
                partition,
                follower,
                records,
                ms: self.lag_ms(partition, follower),
            })
            .collect();
        // Through the shared sort, so the page gets no new copy of std's (sim::sorting).
        crate::sim::sorting::sort_by_u64_key(&mut lags, |l| (u64::from(l.partition.0) << 32) | u64::from(l.follower));
        lags
    }

    fn lag_ms(&self, partition: PartitionId, follower: BrokerId) -> Option<Millis> {
        let leader = self.controller.image.partition(partition)?.leader?;
        let broker = self.brokers.get(&leader).filter(|b| b.is_alive())?;
        let progress = broker.replicas.get(&partition)?.leader_state()?.follower(follower)?;
        progress.last_caught_up_ms.map(|t| self.now.saturating_sub(t))
    }
}
