//! A cluster driven line by line through the scenario language, keeping every line it
//! accepted so that the run replays as a plain script. Time the sweep spends watching (for
//! a partition change, or to sample acknowledgements) is written as one `run` line before
//! the next command: the cluster processes the same events whether time is run in one
//! piece or several, since a pause only stops the clock between two events.
use crate::script::parse::{parse_line, parse_script};
use crate::script::runner::Runner;
use crate::sim::ids::PartitionId;
use crate::sim::{Cluster, Config};
use std::collections::BTreeMap;

/// How often the acknowledgements are sampled: a record's acknowledgement time is known to
/// this precision (never earlier than it happened).
const ACK_SAMPLE_MS: u64 = 1_000;

pub(super) struct Driver {
    pub cluster: Cluster,
    lines: Vec<String>,
    /// The time up to which `run` lines have been written.
    scripted_ms: u64,
    /// The partition under test, once known, and (time, acknowledged records so far)
    /// sampled every `ACK_SAMPLE_MS`: when each record was acknowledged.
    partition: Option<PartitionId>,
    acked_samples: Vec<(u64, usize)>,
}

impl Driver {
    /// The scene on a cluster of `seed`; a `seed` line in the scene gives way to it.
    pub fn start(setup: &str, seed: u64) -> Result<Driver, String> {
        let setup: Vec<&str> = setup.lines().filter(|l| l.split_whitespace().next() != Some("seed")).collect();
        let script = parse_script(&setup.join("\n")).map_err(|e| format!("the scene: {e}"))?;
        let mut cluster = Cluster::new(Config::default(), seed);
        for statement in &script.statements {
            Runner::new(&mut cluster)
                .execute(&statement.node)
                .map_err(|e| format!("the scene, line {}: {e}", statement.line))?;
            cluster.drain_events();
        }
        let mut lines = vec![format!("seed {seed}")];
        lines.extend(setup.iter().map(|l| (*l).to_owned()));
        let scripted_ms = cluster.now_ms();
        Ok(Driver { cluster, lines, scripted_ms, partition: None, acked_samples: Vec::new() })
    }

    /// The scene's first partition, which the producer writes and the faults aim at.
    pub fn watch_first_partition(&mut self) -> Result<(String, PartitionId), String> {
        let view = self.cluster.view();
        let name = view.partitions.first().map(|p| p.name.clone()).ok_or("the scene creates no topic")?;
        let (topic, n) = name.rsplit_once('-').ok_or("a partition without a number")?;
        let id = n.parse().ok().and_then(|n| self.cluster.partition_by_name(topic, n));
        let id = id.ok_or_else(|| format!("no partition {name}"))?;
        self.partition = Some(id);
        Ok((name, id))
    }

    /// Runs a line the run cannot do without; a refusal is an error.
    pub fn line(&mut self, line: &str) -> Result<(), String> {
        if self.try_line(line)? {
            Ok(())
        } else {
            Err(format!("the cluster refused '{line}'"))
        }
    }

    /// Runs a command line; `false` when the cluster refused it (it then changed nothing and
    /// is not kept, so the script still replays).
    pub fn try_line(&mut self, line: &str) -> Result<bool, String> {
        let statement = parse_line(line, 1).map_err(|e| e.to_string())?.ok_or("an empty line")?;
        let accepted = Runner::new(&mut self.cluster).execute(&statement).is_ok();
        self.cluster.drain_events();
        self.cluster.take_metric_changes();
        if accepted {
            self.write_run();
            self.lines.push(line.to_owned());
        }
        Ok(accepted)
    }

    /// Runs the cluster up to `ms`, sampling the acknowledgements on the way.
    pub fn run_to(&mut self, ms: u64) {
        let mut at = self.cluster.now_ms();
        while at < ms {
            at = (at + ACK_SAMPLE_MS).min(ms);
            self.cluster.run_until(at);
            self.cluster.drain_events();
            self.cluster.take_metric_changes();
            if let Some(partition) = self.partition {
                self.acked_samples.push((at, self.cluster.records.acked_count(partition)));
            }
        }
    }

    /// Broker `id`'s process is running (a stopped broker until its controlled shutdown is
    /// complete).
    pub fn alive(&self, id: u32) -> bool {
        self.cluster.brokers.get(&id).is_some_and(|b| b.is_alive())
    }

    /// The script so far, ending with the time run since its last command.
    pub fn script(&mut self) -> String {
        self.write_run();
        self.lines.join("\n") + "\n"
    }

    fn write_run(&mut self) {
        let now = self.cluster.now_ms();
        if now > self.scripted_ms {
            self.lines.push(format!("run {}ms", now - self.scripted_ms));
            self.scripted_ms = now;
        }
    }

    /// When each acknowledged record of the partition was acknowledged (at the latest), by
    /// value: the records table lists them in acknowledgement order.
    pub fn ack_times(&self, partition: PartitionId) -> BTreeMap<String, u64> {
        let mut times = BTreeMap::new();
        let mut sample = 0;
        for (k, value) in self.cluster.acked_values_in(partition).into_iter().enumerate() {
            while sample < self.acked_samples.len() && self.acked_samples[sample].1 <= k {
                sample += 1;
            }
            let at = self.acked_samples.get(sample).map_or(self.cluster.now_ms(), |s| s.0);
            times.insert(value, at);
        }
        times
    }
}
