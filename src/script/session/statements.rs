//! How a statement is applied to a session: time moves and commands are recorded in the
//! history, `expect` only reads, `seed` starts a new session, and the session's limits are
//! checked first. A statement that fails changes nothing.
use super::history::{LoggedCommand, Target};
use super::replay::Mode;
use super::{Session, MAX_SESSION_MS};
use crate::script::ast::Statement;
use crate::script::error::{ScriptError, ScriptErrorKind, SessionLimit};
use crate::script::runner::{expect, Runner, DEFAULT_AWAIT_MS, MAX_STEPS_PER_STATEMENT};
use crate::sim::Cluster;

impl Session {
    pub(super) fn execute_statement(&mut self, statement: &Statement, line: Option<u32>) -> Result<(), ScriptError> {
        let at_line = |kind| ScriptError::new(line, kind);
        match statement {
            Statement::Seed(seed) => self.reseed(*seed).map_err(at_line),
            Statement::Run(duration_ms) => {
                self.check_time_budget(*duration_ms).map_err(at_line)?;
                self.discard_future();
                self.run_until(self.cluster.now_ms().saturating_add(*duration_ms), Mode::Record);
                self.check_size().map_err(at_line)
            }
            Statement::Step(count) => {
                self.step_statement(u64::from(*count));
                Ok(())
            }
            Statement::Expect { query, expected } => expect(&self.cluster, query, expected).map_err(at_line),
            Statement::Await { within_ms, .. } => {
                self.check_time_budget(within_ms.unwrap_or(DEFAULT_AWAIT_MS)).map_err(at_line)?;
                self.apply_through_runner(statement).map_err(at_line)
            }
            Statement::Command(_) => self.apply_through_runner(statement).map_err(at_line),
        }
    }

    /// `seed N`: only before anything has been built or run, as in a script. In the past
    /// (at time 0, nothing applied yet), it starts the new branch from scratch.
    fn reseed(&mut self, seed: u64) -> Result<(), ScriptErrorKind> {
        let started = self.applied > 0 || self.cluster.now_ms() > 0 || self.cluster.queue_items_processed() > 0;
        if started {
            return Err(ScriptErrorKind::SeedTooLate);
        }
        let config = self.cluster.config().clone();
        let max_events = self.max_events;
        *self = Session::starting_from(Cluster::new(config, seed), self.history.policy());
        self.max_events = max_events;
        Ok(())
    }

    /// A `run` of this long stays within the session's time limit from here.
    pub fn run_fits(&self, duration_ms: u64) -> bool {
        self.check_time_budget(duration_ms).is_ok()
    }

    fn check_time_budget(&self, duration_ms: u64) -> Result<(), ScriptErrorKind> {
        let within = self.cluster.now_ms().checked_add(duration_ms).is_some_and(|end| end <= MAX_SESSION_MS);
        if within {
            return Ok(());
        }
        Err(ScriptErrorKind::Limit(SessionLimit::Time { max_ms: MAX_SESSION_MS }))
    }

    pub(super) fn has_event_to_step(&self) -> bool {
        self.cluster.next_event_time().is_some_and(|t| t <= MAX_SESSION_MS) && !self.is_full()
    }

    /// Refuses to go on past `MAX_SESSION_EVENTS` (a loaded script stops there, whole).
    fn check_size(&self) -> Result<(), ScriptErrorKind> {
        if !self.is_full() {
            return Ok(());
        }
        Err(ScriptErrorKind::Limit(SessionLimit::Events { max_events: self.max_events, stopped_at_ms: self.now_ms() }))
    }

    fn step_statement(&mut self, count: u64) {
        if count == 0 || !self.has_event_to_step() {
            return;
        }
        self.discard_future();
        for _ in 0..count.min(MAX_STEPS_PER_STATEMENT) {
            if !self.has_event_to_step() || !self.step_one() {
                break;
            }
            self.maybe_snapshot(Mode::Record);
        }
        self.absorb_events(Mode::Record);
    }

    /// Commands and `await` run in the runner, so they mean exactly what they mean in a
    /// script. A failure is undone by rebuilding the state the statement started from.
    fn apply_through_runner(&mut self, statement: &Statement) -> Result<(), ScriptErrorKind> {
        let before = self.position();
        let clock = self.clock();
        let result = Runner::new(&mut self.cluster).execute(statement);
        let events = self.cluster.drain_events();
        if let Err(error) = result {
            self.restore(Target::Exactly(before), false);
            return Err(error);
        }
        self.discard_future_after(&before);
        self.record_events(events);
        if matches!(statement, Statement::Await { .. }) {
            // The log needs no entry: replay reaches the next command's place by itself.
            // If time passed, it passed inside the runner, in steps this session did not
            // watch; the state is then settled (every event up to now is done), so an
            // export reaches it with `run` and never needs the forgotten count.
            if self.cluster.now_ms() > before.at_ms {
                self.processed_before_ms = None;
            }
        } else {
            self.history.push_command(LoggedCommand { clock, statement: statement.clone() });
            self.applied = self.history.log().len();
        }
        self.maybe_snapshot(Mode::Record);
        Ok(())
    }
}
