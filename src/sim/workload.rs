//! The standard benchmark workload: a cluster producing at a steady rate while followers
//! fetch continuously. Shared by the native benchmark and the wasm one, so both measure
//! exactly the same simulation.
use super::cluster::producer_client::Route;
use super::cluster::{Cluster, TopicSpec};
use super::config::Config;
use super::ids::Millis;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Workload {
    pub brokers: u32,
    pub partitions: u32,
    pub replication_factor: u32,
    pub records_per_second: u32,
    pub duration_ms: Millis,
}

impl Workload {
    /// 6 brokers, 10 partitions, rf 3, acks=all, 1,000 records/s, one simulated hour.
    pub const STANDARD: Workload = Workload {
        brokers: 6,
        partitions: 10,
        replication_factor: 3,
        records_per_second: 1_000,
        duration_ms: 3_600_000,
    };
}

/// What a finished run reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkloadResult {
    /// Events: the facts of the trace (what the feed and the CLI narrate).
    pub events: u64,
    /// Queue items: messages delivered and timers fired.
    pub queue_items: u64,
    pub records: u64,
    pub simulated_ms: Millis,
    pub safety_violations: u64,
}

pub fn build(workload: &Workload) -> Cluster {
    let mut cluster = Cluster::new(Config::default(), 1);
    cluster.add_brokers(workload.brokers, &[]).expect("valid broker count");
    let spec = TopicSpec {
        name: "bench".to_string(),
        partitions: workload.partitions,
        replication_factor: workload.replication_factor,
        min_isr: Some(2),
        start: Some(0),
        replicas: None,
        placer: None,
    };
    cluster.create_topic(spec).expect("valid topic");
    cluster
}

/// Runs the workload for `workload.duration_ms`, producing keyless records (placed by the
/// producer's sticky partitioner, batched as Kafka's producer batches them) at the steady
/// rate, and discarding events as they come.
pub fn run(cluster: &mut Cluster, workload: &Workload) -> WorkloadResult {
    let start = cluster.now_ms();
    let mut producer = Producer {
        interval_us: 1_000_000 / workload.records_per_second.max(1) as u64,
        next_us: start * 1_000,
        records: 0,
        value: String::new(),
        target: Route::Topic("bench".to_string()),
    };
    let end = start + workload.duration_ms;
    while cluster.now_ms() < end {
        producer.one_millisecond(cluster, end);
    }
    WorkloadResult {
        events: cluster.events_emitted(),
        queue_items: cluster.queue_items_processed(),
        records: producer.records,
        simulated_ms: cluster.now_ms() - start,
        safety_violations: cluster.safety_violations(),
    }
}

struct Producer {
    interval_us: u64,
    next_us: u64,
    records: u64,
    value: String,
    target: Route,
}

impl Producer {
    /// One simulated millisecond: the records due, then the events due. Not inlined into
    /// `run`: a wasm engine compiles a function's optimised code for its next call (there
    /// is no on-stack replacement for wasm in V8), so a loop inside the single call to
    /// `run` would run in the baseline compiler's code for the whole benchmark.
    #[inline(never)]
    fn one_millisecond(&mut self, cluster: &mut Cluster, end: Millis) {
        let now_us = cluster.now_ms() * 1_000;
        while self.next_us <= now_us {
            self.value.clear();
            self.value.push('r');
            push_decimal(&mut self.value, self.records);
            cluster.produce(&self.target, &self.value, None, None, "producer").expect("topic exists");
            self.records += 1;
            self.next_us += self.interval_us;
        }
        cluster.run_until((cluster.now_ms() + 1).min(end));
        cluster.discard_events();
    }
}

/// Appends `n` in decimal, as `write!(s, "{n}")` does, without the formatting machinery
/// (`core::fmt` goes through `dyn Write` calls, several times slower in wasm than native).
fn push_decimal(s: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    s.push_str(std::str::from_utf8(&digits[i..]).expect("ASCII digits"));
}

#[cfg(test)]
mod tests {
    #[test]
    fn push_decimal_writes_what_display_writes() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, u64::MAX] {
            let mut s = String::from("r");
            super::push_decimal(&mut s, n);
            assert_eq!(s, format!("r{n}"));
        }
    }
}
