//! A script run as `kafka-sim run` does it: a cluster it owns, driven statement by statement
//! by a `Runner`, and the whole trace. The first failure stops the run, as the contract says.
use super::ast::{Script, Statement};
use super::error::{ScriptError, ScriptErrorKind};
use super::parse::parse_script;
use super::runner::Runner;
use super::trace_hash::TraceHash;
use crate::sim::metrics::MetricSeries;
use crate::sim::{Cluster, Config, Event};

#[derive(Clone, Debug)]
pub struct ScriptRun {
    cluster: Cluster,
    trace: Vec<Event>,
    /// Every metric change, at its event of `trace`.
    metrics: MetricSeries,
    /// A statement other than `seed` has run: `seed` is refused from then on.
    started: bool,
}

impl Default for ScriptRun {
    fn default() -> Self {
        ScriptRun::new()
    }
}

impl ScriptRun {
    /// Seed 0, the default configuration, no brokers.
    pub fn new() -> Self {
        ScriptRun {
            cluster: Cluster::new(Config::default(), 0),
            trace: Vec::new(),
            metrics: MetricSeries::default(),
            started: false,
        }
    }

    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    /// Every event so far, in order.
    pub fn trace(&self) -> &[Event] {
        &self.trace
    }

    /// The trace as the command line prints it, one narrated line per event.
    /// Kafka's metrics over the run: a point at each change.
    pub fn metric_series(&self) -> &MetricSeries {
        &self.metrics
    }

    pub fn trace_lines(&self) -> Vec<String> {
        self.trace.iter().map(|e| self.cluster.trace_line(e)).collect()
    }

    pub fn trace_hash(&self) -> u64 {
        TraceHash::of(&self.cluster, &self.trace)
    }

    /// Parses and runs a whole script.
    pub fn run_script(&mut self, text: &str) -> Result<(), ScriptError> {
        let script: Script = parse_script(text).map_err(|e| {
            let line = e.line;
            ScriptError::malformed(e, Some(line))
        })?;
        for statement in &script.statements {
            self.execute(&statement.node, statement.line)?;
        }
        Ok(())
    }

    /// Runs one statement; `line` is named in its failure.
    pub fn execute(&mut self, statement: &Statement, line: u32) -> Result<(), ScriptError> {
        let result = match statement {
            Statement::Seed(seed) => self.reseed(*seed),
            other => Runner::new(&mut self.cluster).execute(other),
        };
        if !matches!(statement, Statement::Seed(_)) {
            self.started = true;
        }
        self.trace.extend(self.cluster.drain_events());
        self.metrics.extend(self.cluster.take_metric_changes());
        result.map_err(|kind| ScriptError::new(Some(line), kind))
    }

    fn reseed(&mut self, seed: u64) -> Result<(), ScriptErrorKind> {
        if self.started {
            return Err(ScriptErrorKind::SeedTooLate);
        }
        let config = self.cluster.config().clone();
        self.cluster = Cluster::new(config, seed);
        self.metrics = MetricSeries::default();
        Ok(())
    }
}
