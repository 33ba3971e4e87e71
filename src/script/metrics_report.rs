//! Kafka's metrics as `kafka-sim run --metrics` prints them (each with its value, MBean and
//! normal value, then each follower's lag) and as `--metrics-csv` writes their series.
//! Native only: the page draws the series itself and never links this.
use super::script_run::ScriptRun;
use crate::sim::metrics::ALL_METRICS;

/// The metrics at the end of the run, one block per metric.
pub fn metrics_table(run: &ScriptRun) -> String {
    let cluster = run.cluster();
    let mut text = String::from("METRICS (per-broker gauges summed over live brokers; rates as counts over the run)\n");
    for metric in ALL_METRICS {
        text.push_str(&format!(
            "  {:<40} {:>8}   {}\n      {}; normal: {}\n",
            metric.name(),
            cluster.metric(metric),
            metric.mbean(),
            metric.meaning(),
            metric.normal()
        ));
    }
    let lags = cluster.follower_lags();
    if !lags.is_empty() {
        // Records: the fetcher's offset lag (`FetcherLagMetrics`). Ms: the leader's time since
        // the follower was last caught up (`Replica.lastCaughtUpTimeMs`), no Kafka metric.
        text.push_str(
            "FOLLOWER LAG (records: kafka.server:type=FetcherLagMetrics,name=ConsumerLag; ms since the leader last saw it caught up: the simulator's)\n",
        );
    }
    for lag in lags {
        let ms = lag.ms.map_or("-".to_string(), |ms| ms.to_string());
        let partition = cluster.partition_name(lag.partition);
        text.push_str(&format!("  {partition} broker {}: {} records, {ms} ms\n", lag.follower, lag.records));
    }
    text
}

/// The series as CSV: `time_ms,event_index,metric,value`, a row per change.
pub fn metrics_csv(run: &ScriptRun) -> String {
    let mut text = String::from("time_ms,event_index,metric,value\n");
    for point in run.metric_series().points() {
        text.push_str(&format!("{},{},{},{}\n", point.at, point.event_index, point.metric.name(), point.value));
    }
    text
}
