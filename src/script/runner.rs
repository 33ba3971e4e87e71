//! Runs scenario scripts against the core: applies each statement at the current
//! simulated time, advances time for `run`, `step` and `await`, checks `expect` and
//! `await`, and keeps the trace. The first failure stops the run, as the contract says.
use super::ast::{Acks, Endpoint, NodeRef, ProduceTarget, Query, Script, Statement, Value};
use super::parse::parse_script;
use super::parse_error::excerpt;
use super::query::{evaluate, matches, resolve_partition};
use crate::sim::config::check_latency_ms;
use crate::sim::ids::{self, NodeId};
use crate::sim::{Cluster, Config, Event, TopicSpec};

/// The default `within` of an `await`.
pub const DEFAULT_AWAIT_MS: u64 = 60_000;
/// `step` stops after this many events, so no script can spin forever.
const MAX_EVENTS_PER_STATEMENT: u64 = 50_000_000;
/// How often `await` checks its query, in simulated time.
pub const AWAIT_POLL_MS: u64 = 100;

/// Why a run stopped early.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunError {
    /// Exit status 2: the script is malformed.
    Malformed(String),
    /// Exit status 1: an assertion did not hold.
    AssertionFailed { line: u32, message: String },
    /// Exit status 1: the cluster refused a command.
    Refused { line: u32, message: String },
}

impl RunError {
    pub fn exit_code(&self) -> i32 {
        match self {
            RunError::Malformed(_) => 2,
            _ => 1,
        }
    }
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Malformed(m) => write!(f, "{m}"),
            RunError::AssertionFailed { line, message } => write!(f, "line {line}: {message}"),
            RunError::Refused { line, message } => write!(f, "line {line}: refused: {message}"),
        }
    }
}

/// A cluster driven by script statements, with everything that happened so far.
#[derive(Clone, Debug)]
pub struct Runner {
    cluster: Cluster,
    trace: Vec<Event>,
    started: bool,
}

impl Default for Runner {
    fn default() -> Self {
        Runner::new()
    }
}

impl Runner {
    pub fn new() -> Self {
        Runner { cluster: Cluster::new(Config::default(), 0), trace: Vec::new(), started: false }
    }

    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    pub fn cluster_mut(&mut self) -> &mut Cluster {
        &mut self.cluster
    }

    /// Every event so far, in order.
    pub fn trace(&self) -> &[Event] {
        &self.trace
    }

    /// The trace as the command line prints it, one narrated line per event.
    pub fn trace_lines(&self) -> Vec<String> {
        self.trace.iter().map(|e| self.cluster.trace_line(e)).collect()
    }

    /// FNV-1a (64-bit) of the trace text: equal hashes mean equal runs, on any platform.
    pub fn trace_hash(&self) -> u64 {
        let mut hash = 0xcbf2_9ce4_8422_2325_u64;
        for line in self.trace_lines() {
            for byte in line.bytes().chain(std::iter::once(b'\n')) {
                hash ^= byte as u64;
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        hash
    }

    fn collect(&mut self) {
        self.trace.extend(self.cluster.drain_events());
    }

    /// Parses and runs a whole script.
    pub fn run_script(&mut self, text: &str) -> Result<(), RunError> {
        let script: Script = parse_script(text).map_err(|e| RunError::Malformed(e.to_string()))?;
        for statement in &script.statements {
            self.execute(&statement.node, statement.line)?;
        }
        Ok(())
    }

    /// Runs one statement; `line` is used in failure messages.
    pub fn execute(&mut self, statement: &Statement, line: u32) -> Result<(), RunError> {
        let refused = |message: String| RunError::Refused { line, message };
        let result = match statement {
            Statement::Seed(seed) => self.reseed(*seed).map_err(refused),
            Statement::Run(ms) => {
                self.cluster.run_for(*ms);
                Ok(())
            }
            Statement::Step(n) => {
                self.step(*n as u64);
                Ok(())
            }
            Statement::Expect { query, expected } => self.expect(query, expected, line),
            Statement::Await { query, expected, within_ms } => {
                self.await_value(query, expected, within_ms.unwrap_or(DEFAULT_AWAIT_MS), line)
            }
            other => self.apply(other).map_err(refused),
        };
        if !matches!(statement, Statement::Seed(_)) {
            self.started = true;
        }
        self.collect();
        result
    }

    fn reseed(&mut self, seed: u64) -> Result<(), String> {
        if self.started {
            return Err("seed must come before the first command that builds or drives the cluster".to_string());
        }
        let config = self.cluster.config().clone();
        self.cluster = Cluster::new(config, seed);
        Ok(())
    }

    fn step(&mut self, n: u64) {
        for _ in 0..n.min(MAX_EVENTS_PER_STATEMENT) {
            if !self.cluster.step() {
                break;
            }
        }
    }

    fn expect(&self, query: &Query, expected: &Value, line: u32) -> Result<(), RunError> {
        let actual = evaluate(&self.cluster, query).map_err(|message| RunError::AssertionFailed {
            line,
            message: format!("expect {}: {message}", excerpt(&query.to_string())),
        })?;
        if matches(query, expected, &actual) {
            return Ok(());
        }
        let typed = excerpt(&format!("{query} = {expected}"));
        Err(RunError::AssertionFailed { line, message: format!("expected {typed}, actual {actual}") })
    }

    /// Polls the query every `AWAIT_POLL_MS` of simulated time until it holds, as Kafka's
    /// own tests wait (`TestUtils.waitUntilTrue` pauses 100 ms between checks); fails
    /// when `within_ms` has passed. Polling, rather than checking after every event, lets
    /// what an event set in motion land: a HW advance is followed by the producer's ack.
    fn await_value(&mut self, query: &Query, expected: &Value, within_ms: u64, line: u32) -> Result<(), RunError> {
        let deadline = self.cluster.now_ms().saturating_add(within_ms);
        loop {
            let actual = evaluate(&self.cluster, query);
            if actual.as_ref().is_ok_and(|a| matches(query, expected, a)) {
                return Ok(());
            }
            if self.cluster.now_ms() >= deadline {
                let shown = actual.map_or_else(|e| e, |a| a.to_string());
                let typed = excerpt(&format!("{query} = {expected}"));
                let message = format!(
                    "await {typed} did not hold within {}, actual {shown}",
                    super::ast::format_duration(within_ms)
                );
                return Err(RunError::AssertionFailed { line, message });
            }
            let next = self.cluster.now_ms().saturating_add(AWAIT_POLL_MS).min(deadline);
            self.cluster.run_until(next);
            self.collect();
        }
    }

    /// The commands that change the cluster.
    fn apply(&mut self, statement: &Statement) -> Result<(), String> {
        let c = &mut self.cluster;
        let r = match statement {
            Statement::Set { key, value } => c.set_config(key, value),
            Statement::Brokers { count, racks } => c.add_brokers(*count, racks),
            Statement::BrokerAdd { id, rack } => c.add_broker(id.map(u64::from), rack.clone()).map(|_| ()),
            Statement::BrokerRemove(b) => c.remove_broker(*b),
            Statement::TopicCreate { name, partitions, rf, min_isr, start, replicas } => c.create_topic(TopicSpec {
                name: name.clone(),
                partitions: *partitions,
                replication_factor: *rf,
                min_isr: *min_isr,
                start: *start,
                replicas: replicas.clone(),
            }),
            Statement::Produce { target, value, key, acks, producer } => {
                return self.produce(target, value, key.as_deref(), *acks, producer.as_deref())
            }
            Statement::SteadyRate { target, per_second, acks, producer } => {
                let target = self.sim_target(target)?;
                let acks = acks.map(sim_acks);
                self.cluster.start_steady_rate(target, *per_second, acks, producer.as_deref().unwrap_or("producer"))
            }
            Statement::SteadyRateOff { producer } => {
                self.cluster.stop_steady_rate(producer.as_deref().unwrap_or("producer"))
            }
            Statement::Consume { partition, from, consumer } => {
                let p = resolve_partition(c, partition)?;
                c.consume(p, *from, consumer.as_deref().unwrap_or("consumer"))
            }
            Statement::Fetch { broker, partition } => {
                let p = resolve_partition(c, partition)?;
                c.manual_fetch(*broker, p)
            }
            Statement::ElectPreferred(target) => {
                let p = target.as_ref().map(|tp| resolve_partition(c, tp)).transpose()?;
                c.elect_preferred(p)
            }
            other => return self.apply_fault(other),
        };
        r.map_err(|e| e.to_string())
    }

    fn apply_fault(&mut self, statement: &Statement) -> Result<(), String> {
        let c = &mut self.cluster;
        let r = match statement {
            Statement::Crash(NodeRef::Broker(b)) => c.crash_broker(*b),
            Statement::Crash(NodeRef::Controller(n)) => c.crash_controller(*n),
            Statement::Restart(NodeRef::Broker(b)) => c.restart_broker(*b),
            Statement::Restart(NodeRef::Controller(n)) => c.restart_controller(*n),
            Statement::PowerOff(b) => c.power_off_broker(*b),
            Statement::Flush(b) => c.flush_broker(*b),
            Statement::Stop(b) => c.stop_broker(*b),
            Statement::Isolate(b) => c.isolate_broker(*b),
            Statement::HealAll => {
                c.heal_all();
                Ok(())
            }
            Statement::PauseFetch(b) => c.pause_fetch(*b),
            Statement::ResumeFetch(b) => c.resume_fetch(*b),
            Statement::Cut(a, b) => {
                let (a, b) = (self.endpoint(a)?, self.endpoint(b)?);
                self.cluster.cut(a, b)
            }
            Statement::HealLink(a, b) => {
                let (a, b) = (self.endpoint(a)?, self.endpoint(b)?);
                self.cluster.heal_link(a, b)
            }
            Statement::Latency { a, b, latency_ms } => {
                check_latency_ms(*latency_ms).map_err(|e| e.to_string())?;
                let (a, b) = (self.endpoint(a)?, self.endpoint(b)?);
                self.cluster.set_link_latency(a, b, *latency_ms)
            }
            other => return Err(format!("'{}' cannot be applied here", excerpt(&other.to_string()))),
        };
        r.map_err(|e| e.to_string())
    }

    fn endpoint(&self, endpoint: &Endpoint) -> Result<NodeId, String> {
        match endpoint {
            Endpoint::Broker(b) => Ok(NodeId::Broker(*b)),
            Endpoint::Controller => Ok(NodeId::Controller),
            Endpoint::Client(name) => self
                .cluster
                .client_by_name(name)
                .map(NodeId::Client)
                .ok_or_else(|| format!("there is no broker, controller or client named '{}'", excerpt(name))),
        }
    }

    fn produce(
        &mut self,
        target: &ProduceTarget,
        value: &str,
        key: Option<&str>,
        acks: Option<Acks>,
        producer: Option<&str>,
    ) -> Result<(), String> {
        let target = self.sim_target(target)?;
        let acks = acks.map(sim_acks);
        self.cluster
            .produce(&target, value, key, acks, producer.unwrap_or("producer"))
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    fn sim_target(&self, target: &ProduceTarget) -> Result<crate::sim::ProduceTarget, String> {
        Ok(match target {
            ProduceTarget::Topic(t) => crate::sim::ProduceTarget::Topic(t.clone()),
            ProduceTarget::Partition(tp) => crate::sim::ProduceTarget::Partition(resolve_partition(&self.cluster, tp)?),
        })
    }
}

fn sim_acks(acks: Acks) -> ids::Acks {
    match acks {
        Acks::All => ids::Acks::All,
        Acks::One => ids::Acks::One,
        Acks::Zero => ids::Acks::Zero,
    }
}
