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
    /// How long since its leader last saw it caught up (what `replica.lag.time.max.ms` is
    /// compared with, `Replica.lastCaughtUpTimeMs`); `None`: never, as far as it knows.
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

    /// Every follower of a live leader, with its lag, by partition then follower (a
    /// follower that has had no fetch answer yet shows 0 records, as Kafka's `initialLag`).
    pub fn follower_lags(&self) -> Vec<FollowerLag> {
        let mut lags = Vec::new();
        for broker in self.brokers.values().filter(|b| b.is_alive()) {
            for (&partition, replica) in broker.replicas.iter() {
                let Some(leader) = replica.leader_state() else { continue };
                for progress in &leader.followers {
                    let follower = progress.broker;
                    let records = self.metrics.follower_lag(follower, partition).unwrap_or(0);
                    let ms = progress.last_caught_up_ms.map(|t| self.now.saturating_sub(t));
                    lags.push(FollowerLag { partition, follower, records, ms });
                }
            }
        }
        // Through the shared sort, so the page gets no new copy of std's (sim::sorting).
        crate::sim::sorting::sort_by_u64_key(&mut lags, |l| (u64::from(l.partition.0) << 32) | u64::from(l.follower));
        lags
    }
}
