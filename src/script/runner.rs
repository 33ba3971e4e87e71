//! Runs script statements on a cluster it borrows: a command goes to `Cluster::apply`,
//! `run` and `step` advance time, `expect` and `await` check queries. The events stay in the
//! cluster for the owner to take (`Cluster::drain_events`): a `ScriptRun` keeps them as the
//! trace of a `kafka-sim` run, a `Session` as its history. `seed` replaces the whole cluster,
//! which only its owner can do, so the owner handles it before the runner sees it.
use super::ast::{format_duration, Query, Statement, Value};
use super::error::ScriptErrorKind;
use super::parse_error::excerpt;
use super::query::{evaluate, matches};
use crate::sim::Cluster;

/// The default `within` of an `await`.
pub const DEFAULT_AWAIT_MS: u64 = 60_000;
/// `step N` stops after this many events, so no script can spin forever.
pub const MAX_STEPS_PER_STATEMENT: u64 = 50_000_000;
/// How often `await` checks its query, in simulated time.
pub const AWAIT_POLL_MS: u64 = 100;

pub struct Runner<'a> {
    cluster: &'a mut Cluster,
}

impl<'a> Runner<'a> {
    pub fn new(cluster: &'a mut Cluster) -> Self {
        Runner { cluster }
    }

    /// Runs one statement at the cluster's current time. A refused command changes nothing;
    /// a failed `await` leaves the time it ran (its owner decides whether to undo that).
    pub fn execute(&mut self, statement: &Statement) -> Result<(), ScriptErrorKind> {
        match statement {
            Statement::Seed(_) => Err(ScriptErrorKind::SeedTooLate),
            Statement::Command(command) => self.cluster.apply(command).map_err(ScriptErrorKind::Refused),
            Statement::Run(ms) => {
                self.cluster.run_for(*ms);
                Ok(())
            }
            Statement::Step(count) => {
                self.step(u64::from(*count));
                Ok(())
            }
            Statement::Expect { query, expected } => expect(self.cluster, query, expected),
            Statement::Await { query, expected, within_ms } => {
                self.await_value(query, expected, within_ms.unwrap_or(DEFAULT_AWAIT_MS))
            }
        }
    }

    fn step(&mut self, count: u64) {
        for _ in 0..count.min(MAX_STEPS_PER_STATEMENT) {
            if !self.cluster.step() {
                break;
            }
        }
    }

    /// Polls the query every `AWAIT_POLL_MS` of simulated time until it holds, as Kafka's
    /// own tests wait (`TestUtils.waitUntilTrue` pauses 100 ms between checks); fails
    /// when `within_ms` has passed. Polling, rather than checking after every event, lets
    /// what an event set in motion land: a HW advance is followed by the producer's ack.
    fn await_value(&mut self, query: &Query, expected: &Value, within_ms: u64) -> Result<(), ScriptErrorKind> {
        let deadline = self.cluster.now_ms().saturating_add(within_ms);
        loop {
            let actual = evaluate(self.cluster, query);
            if actual.as_ref().is_ok_and(|a| matches(query, expected, a)) {
                return Ok(());
            }
            if self.cluster.now_ms() >= deadline {
                let shown = actual.map_or_else(|e| e, |a| a.to_string());
                let typed = excerpt(&format!("{query} = {expected}"));
                let within = format_duration(within_ms);
                let message = format!("await {typed} did not hold within {within}, actual {shown}");
                return Err(ScriptErrorKind::AssertionFailed(message));
            }
            let next = self.cluster.now_ms().saturating_add(AWAIT_POLL_MS).min(deadline);
            self.cluster.run_until(next);
        }
    }
}

/// `expect QUERY = VALUE`: reads only, so it needs no mutable cluster.
pub fn expect(cluster: &Cluster, query: &Query, expected: &Value) -> Result<(), ScriptErrorKind> {
    let actual = evaluate(cluster, query).map_err(|message| {
        ScriptErrorKind::AssertionFailed(format!("expect {}: {message}", excerpt(&query.to_string())))
    })?;
    if matches(query, expected, &actual) {
        return Ok(());
    }
    let typed = excerpt(&format!("{query} = {expected}"));
    Err(ScriptErrorKind::AssertionFailed(format!("expected {typed}, actual {actual}")))
}
