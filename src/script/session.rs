//! The playground's session: a cluster driven from the console and the play loop, whose
//! whole history stays reachable, so the timeline can show any moment of it.
//!
//! History is kept as a timed command log, not as states: the core is deterministic, so
//! the state at any moment is "the same seed, the same commands at the same places, run
//! to that moment". Each command is logged with the clock and the count of processed
//! queue items at which it was applied (a `step` can leave other events of the same
//! millisecond unprocessed, so the time alone does not say where it happened). Replaying
//! from the start would be slow, so clones of the cluster (snapshots) are kept every so
//! many queue items; a seek restores the nearest one before the target and replays the
//! rest. The trace is kept once, here: a replay regenerates the same events, so the state
//! at any moment owns a prefix of it.
use std::fmt::{self, Write as _};
use std::sync::Arc;

use super::ast::{format_duration, Statement};
use super::parse::{parse_line, parse_script};
use super::runner::{RunError, Runner, DEFAULT_AWAIT_MS};
use crate::sim::event::EventKind;
use crate::sim::ids::{BrokerId, PartitionId};
use crate::sim::{Cluster, Config, Event};

/// The longest simulated time a session may reach. A shared link is untrusted input, and
/// `run 100000m` would otherwise freeze the page (and fill memory with its trace).
pub const MAX_SESSION_MS: u64 = 60 * 60 * 1_000;

/// At most this many snapshots are kept; past it, the one whose neighbours are closest
/// together is dropped, so the rest stay evenly spread over the whole history.
const MAX_SNAPSHOTS: usize = 32;
/// Snapshots are at least this many queue items apart. The spacing also grows with the
/// session (to its length over half the budget), so a long session clones the cluster a
/// few dozen times, not once a second.
const MIN_SNAPSHOT_SPACING_ITEMS: u64 = 2_000;
/// Fewer snapshots could not both keep the start and the latest and thin the rest.
const FEWEST_SNAPSHOTS: usize = 3;
/// `step N` stops after this many events, as the runner's does.
const MAX_STEPS_PER_STATEMENT: u64 = 50_000_000;

/// Why a console line or a script did not run. Nothing changed when it is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SessionError {
    /// The text is not a script statement: the parser's message, with line and column.
    Malformed(String),
    /// The cluster refused the command (an unknown broker, rf larger than the brokers, ...).
    Refused(String),
    /// An `expect` or `await` did not hold.
    AssertionFailed(String),
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (prefix, message) = match self {
            SessionError::Malformed(m) => ("malformed: ", m),
            SessionError::Refused(m) => ("refused: ", m),
            SessionError::AssertionFailed(m) => ("failed: ", m),
        };
        // One line, whatever the message holds: the console shows it under the input.
        write!(f, "{prefix}{}", message.replace(['\n', '\r'], " "))
    }
}

impl std::error::Error for SessionError {}

/// Something worth a tick on the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    pub time_ms: u64,
    pub kind: MarkerKind,
    pub label: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarkerKind {
    Election,
    IsrShrink,
    IsrExpand,
    Fault,
    Recovery,
    Violation,
}

/// Where a state lies on the history. Every coordinate only grows along it, so of two
/// states on one history, the earlier is at or before the later in all three.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Position {
    commands: usize,
    processed: u64,
    at_ms: u64,
}

impl Position {
    fn is_at_or_before(&self, other: &Position) -> bool {
        self.commands <= other.commands && self.processed <= other.processed && self.at_ms <= other.at_ms
    }
}

/// The clock when a command was applied (or at the end), with what an export needs to
/// reach the same place again with `run` and `step`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Clock {
    at_ms: u64,
    /// Queue items processed so far.
    processed: u64,
    /// Nothing queued at or before `at_ms`: `run` reaches this place exactly.
    settled: bool,
    /// Items processed before the clock reached `at_ms`, when known: `run` to the
    /// millisecond before, then `step` the rest.
    processed_before_ms: Option<u64>,
}

impl Clock {
    const START: Clock = Clock { at_ms: 0, processed: 0, settled: true, processed_before_ms: Some(0) };
}

#[derive(Clone, Debug)]
struct LoggedCommand {
    clock: Clock,
    statement: Statement,
}

/// A clone of the cluster at a point of the history, and how much of the log and the
/// trace it has. Shared (`Arc`) so that cloning a session does not copy them.
#[derive(Clone, Debug)]
struct Snapshot {
    cluster: Arc<Cluster>,
    commands: usize,
    events: usize,
    processed_before_ms: Option<u64>,
}

impl Snapshot {
    fn processed(&self) -> u64 {
        self.cluster.queue_items_processed()
    }

    fn position(&self) -> Position {
        Position { commands: self.commands, processed: self.processed(), at_ms: self.cluster.now_ms() }
    }
}

/// What a replay should reach.
#[derive(Clone, Copy, Debug)]
enum Target {
    /// Every command and every event at or before this millisecond, the clock at it.
    EndOfMs(u64),
    /// Exactly a state the history passed through.
    Exactly(Position),
}

impl Target {
    fn admits(&self, position: &Position) -> bool {
        match self {
            Target::EndOfMs(time_ms) => position.at_ms <= *time_ms,
            Target::Exactly(target) => position.is_at_or_before(target),
        }
    }
}

/// How many snapshots, how far apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct SnapshotPolicy {
    min_spacing_items: u64,
    max_snapshots: usize,
}

impl SnapshotPolicy {
    const DEFAULT: SnapshotPolicy = SnapshotPolicy { min_spacing_items: MIN_SNAPSHOT_SPACING_ITEMS, max_snapshots: MAX_SNAPSHOTS };
}

/// The live state, set aside while the session shows the past.
#[derive(Clone, Debug)]
struct LiveEnd {
    cluster: Cluster,
    processed_before_ms: Option<u64>,
}

/// New events are appended to the trace; replayed ones are only counted (they are there).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Record,
    Replay,
}

/// A playground session: the cluster as shown, its history and the means to revisit it.
#[derive(Clone, Debug)]
pub struct Session {
    /// The state shown: the live end, or a moment of the past.
    cluster: Cluster,
    /// See `Clock::processed_before_ms`, for the shown state.
    processed_before_ms: Option<u64>,
    /// How many logged commands the shown state has applied.
    applied: usize,
    /// How much of `trace` the shown state has produced.
    shown_events: usize,
    /// Every event up to the live end.
    trace: Vec<Event>,
    /// Timeline markers up to the live end, each with the index of its event.
    markers: Vec<(usize, Marker)>,
    log: Vec<LoggedCommand>,
    /// On the history, in order; the first is the start and is never dropped.
    snapshots: Vec<Snapshot>,
    /// `Some` exactly when the shown state is in the past.
    live_end: Option<LiveEnd>,
    policy: SnapshotPolicy,
    /// The hash of `trace[..n]` as (n, hash), so asking for the hash every frame costs
    /// only the events since the last ask. Reset whenever the trace is truncated.
    hash_cache: std::cell::Cell<(usize, u64)>,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

impl Session {
    /// Seed 0, the default configuration, no brokers.
    pub fn new() -> Session {
        Session::starting_from(Cluster::new(Config::default(), 0))
    }

    fn starting_from(mut cluster: Cluster) -> Session {
        let events = cluster.drain_events();
        let start = Snapshot { cluster: Arc::new(cluster.clone()), commands: 0, events: events.len(), processed_before_ms: Some(0) };
        let mut session = Session {
            cluster,
            processed_before_ms: Some(0),
            applied: 0,
            shown_events: 0,
            trace: Vec::new(),
            markers: Vec::new(),
            log: Vec::new(),
            snapshots: vec![start],
            live_end: None,
            policy: SnapshotPolicy::DEFAULT,
            hash_cache: std::cell::Cell::new((0, FNV_OFFSET)),
        };
        session.record_events(events);
        session
    }

    /// Runs a whole script (an imported `.scenario`, a shared link). The first failure
    /// stops it, as `kafka-sim` stops, and is all that is returned.
    pub fn from_script(text: &str) -> Result<Session, SessionError> {
        let script = parse_script(text).map_err(|e| SessionError::Malformed(e.to_string()))?;
        let mut session = Session::new();
        for statement in &script.statements {
            session.execute_statement(&statement.node, Some(statement.line))?;
        }
        Ok(session)
    }

    /// One console line at the current simulated time. Blank and comment lines do nothing.
    /// A line that fails changes nothing; one that succeeds is recorded. In the past, a
    /// line that changes the cluster or moves time first discards the future (`expect`,
    /// which only reads, does not).
    pub fn execute(&mut self, line: &str) -> Result<(), SessionError> {
        match parse_line(line, 1) {
            Ok(None) => Ok(()),
            Ok(Some(statement)) => self.execute_statement(&statement, None),
            // One line has no line number worth showing; the column points into the input.
            Err(error) => Err(SessionError::Malformed(format!("col {}: {}", error.column, error.message))),
        }
    }

    /// Simulated time passes (the play loop calls this every frame). Zero does nothing;
    /// time stops at `MAX_SESSION_MS`.
    pub fn advance(&mut self, ms: u64) {
        let target_ms = self.cluster.now_ms().saturating_add(ms).min(MAX_SESSION_MS);
        if ms == 0 || target_ms <= self.cluster.now_ms() {
            return;
        }
        self.discard_future();
        self.run_until(target_ms, Mode::Record);
    }

    /// Processes exactly one queued event; false (and nothing changes) when none is due
    /// within `MAX_SESSION_MS`.
    pub fn step(&mut self) -> bool {
        if !self.has_event_to_step() {
            return false;
        }
        self.discard_future();
        self.step_one();
        self.absorb_events(Mode::Record);
        self.maybe_snapshot(Mode::Record);
        true
    }

    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    pub fn now_ms(&self) -> u64 {
        self.cluster.now_ms()
    }

    /// The trace of the shown state, in order.
    pub fn events(&self) -> &[Event] {
        self.trace.get(..self.shown_events).unwrap_or(&self.trace)
    }

    /// FNV-1a (64-bit) of the shown trace's text, exactly as `Runner::trace_hash`.
    pub fn trace_hash(&self) -> u64 {
        let events = self.events();
        let (cached_len, cached_hash) = self.hash_cache.get();
        let (start, mut hash) = if cached_len <= events.len() { (cached_len, cached_hash) } else { (0, FNV_OFFSET) };
        for event in &events[start..] {
            let line = self.cluster.trace_line(event);
            for byte in line.bytes().chain(std::iter::once(b'\n')) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        self.hash_cache.set((events.len(), hash));
        hash
    }

    /// A script that replays to exactly the shown state (the same trace hash): a header,
    /// `seed N`, and the commands with `run` / `step` for the time between them. In the
    /// past, that is the history up to the moment shown.
    pub fn export_script(&self) -> String {
        let mut script = String::new();
        let _ = writeln!(script, "# Kafka Replication Playground session: {} of simulated time, {} events.", format_duration(self.now_ms()), self.shown_events);
        let _ = writeln!(script, "# Replay it with `kafka-sim run FILE`, or import it into the playground.");
        let _ = writeln!(script, "seed {}", self.cluster.seed());
        let mut previous = Clock::START;
        for entry in self.log.iter().take(self.applied) {
            write_time_moves(&mut script, &previous, &entry.clock);
            let _ = writeln!(script, "{}", entry.statement);
            previous = entry.clock;
        }
        write_time_moves(&mut script, &previous, &self.clock());
        script
    }

    /// The simulated time of the live end.
    pub fn end_ms(&self) -> u64 {
        self.live_end.as_ref().map_or(&self.cluster, |live| &live.cluster).now_ms()
    }

    /// Showing the live end, not the past.
    pub fn is_live(&self) -> bool {
        self.live_end.is_none()
    }

    /// Shows the state at `time_ms` (clamped to the live end): every command and event at
    /// or before that millisecond, exactly as a straight run to it gives. At or past the
    /// end, the live state itself.
    pub fn seek(&mut self, time_ms: u64) {
        if time_ms >= self.end_ms() {
            self.back_to_live();
            return;
        }
        // Scrubbing forward through the past continues from the state shown when no
        // snapshot is nearer; the live state cannot go back, so it is set aside.
        let may_continue_from_here = !self.is_live() && self.cluster.now_ms() <= time_ms;
        if self.is_live() {
            let cluster = std::mem::replace(&mut self.cluster, Cluster::new(Config::default(), 0));
            self.live_end = Some(LiveEnd { cluster, processed_before_ms: self.processed_before_ms });
        }
        self.restore(Target::EndOfMs(time_ms), may_continue_from_here);
    }

    pub fn back_to_live(&mut self) {
        if let Some(live) = self.live_end.take() {
            self.cluster = live.cluster;
            self.processed_before_ms = live.processed_before_ms;
            self.applied = self.log.len();
            self.shown_events = self.trace.len();
        }
    }

    /// Acting now would discard the future (the session shows the past).
    pub fn would_branch(&self) -> bool {
        !self.is_live()
    }

    /// Elections, ISR changes, faults, recoveries and safety violations up to the live
    /// end, in order.
    pub fn markers(&self) -> Vec<Marker> {
        self.markers.iter().map(|(_, marker)| marker.clone()).collect()
    }

    /// Tunes the snapshots kept for seeking: at least `min_spacing_items` queue items
    /// apart (more in a long session), at most `max_snapshots` (3 or more) of them. Fewer,
    /// sparser snapshots take less memory and make seeks replay more. Tests use tiny values
    /// so that short sessions exercise every path.
    pub fn set_snapshot_policy(&mut self, min_spacing_items: u64, max_snapshots: usize) {
        self.policy = SnapshotPolicy { min_spacing_items: min_spacing_items.max(1), max_snapshots: max_snapshots.max(FEWEST_SNAPSHOTS) };
        self.thin_snapshots();
    }

    /// The clusters kept for seeking, oldest first (for diagnostics and the benchmark).
    pub fn snapshot_clusters(&self) -> impl Iterator<Item = &Cluster> + '_ {
        self.snapshots.iter().map(|snapshot| snapshot.cluster.as_ref())
    }

    fn execute_statement(&mut self, statement: &Statement, line: Option<u32>) -> Result<(), SessionError> {
        match statement {
            Statement::Seed(seed) => self.reseed(*seed, line),
            Statement::Run(duration_ms) => {
                self.check_time_budget(*duration_ms, line)?;
                self.discard_future();
                self.run_until(self.cluster.now_ms().saturating_add(*duration_ms), Mode::Record);
                Ok(())
            }
            Statement::Step(count) => {
                self.step_statement(u64::from(*count));
                Ok(())
            }
            Statement::Expect { .. } => self.run_in_runner(statement).0.map_err(|e| session_error(e, line)),
            Statement::Await { within_ms, .. } => {
                self.check_time_budget(within_ms.unwrap_or(DEFAULT_AWAIT_MS), line)?;
                self.apply_through_runner(statement, line)
            }
            _ => self.apply_through_runner(statement, line),
        }
    }

    /// `seed N`: only before anything has been built or run, as in a script. In the past
    /// (at time 0, nothing applied yet), it starts the new branch from scratch.
    fn reseed(&mut self, seed: u64, line: Option<u32>) -> Result<(), SessionError> {
        let started = self.applied > 0 || self.cluster.now_ms() > 0 || self.cluster.queue_items_processed() > 0;
        if started {
            return Err(SessionError::Refused(at_line(line, "seed must come before the first command that builds or drives the cluster")));
        }
        let config = self.cluster.config().clone();
        let policy = self.policy;
        *self = Session::starting_from(Cluster::new(config, seed));
        self.policy = policy;
        Ok(())
    }

    fn check_time_budget(&self, duration_ms: u64, line: Option<u32>) -> Result<(), SessionError> {
        let within = self.cluster.now_ms().checked_add(duration_ms).is_some_and(|end| end <= MAX_SESSION_MS);
        if within {
            return Ok(());
        }
        let message = format!("a session is limited to {} of simulated time", format_duration(MAX_SESSION_MS));
        Err(SessionError::Refused(at_line(line, &message)))
    }

    fn has_event_to_step(&self) -> bool {
        self.cluster.next_event_time().is_some_and(|t| t <= MAX_SESSION_MS)
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
    fn apply_through_runner(&mut self, statement: &Statement, line: Option<u32>) -> Result<(), SessionError> {
        let before = self.position();
        let clock = self.clock();
        let (result, events) = self.run_in_runner(statement);
        if let Err(error) = result {
            self.restore(Target::Exactly(before), false);
            return Err(session_error(error, line));
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
            self.log.push(LoggedCommand { clock, statement: statement.clone() });
            self.applied = self.log.len();
        }
        self.maybe_snapshot(Mode::Record);
        Ok(())
    }

    /// The session keeps the trace itself (snapshots must not copy it), so each statement
    /// runs in a fresh runner that borrows the cluster and hands back what happened.
    fn run_in_runner(&mut self, statement: &Statement) -> (Result<(), RunError>, Vec<Event>) {
        let mut runner = Runner::new();
        std::mem::swap(runner.cluster_mut(), &mut self.cluster);
        let result = runner.execute(statement, 1);
        std::mem::swap(runner.cluster_mut(), &mut self.cluster);
        (result, runner.trace().to_vec())
    }

    fn discard_future(&mut self) {
        let here = self.position();
        self.discard_future_after(&here);
    }

    /// Acting in the past starts a new branch: what came after `here` is forgotten.
    fn discard_future_after(&mut self, here: &Position) {
        if self.live_end.take().is_none() {
            return; // live: there is no future
        }
        self.log.truncate(self.applied);
        self.trace.truncate(self.shown_events);
        self.hash_cache.set((0, FNV_OFFSET));
        let markers_kept = self.markers.partition_point(|(index, _)| *index < self.shown_events);
        self.markers.truncate(markers_kept);
        let snapshots_kept = self.snapshots.partition_point(|s| s.position().is_at_or_before(here));
        self.snapshots.truncate(snapshots_kept.max(1));
    }

    fn record_events(&mut self, events: Vec<Event>) {
        for event in events {
            if let Some(marker) = marker_for(&self.cluster, &event) {
                self.markers.push((self.trace.len(), marker));
            }
            self.trace.push(event);
        }
        self.shown_events = self.trace.len();
    }

    fn absorb_events(&mut self, mode: Mode) {
        match mode {
            Mode::Record => {
                let events = self.cluster.drain_events();
                self.record_events(events);
            }
            Mode::Replay => {
                let replayed = self.cluster.events();
                let end = self.shown_events + replayed.len();
                debug_assert!(self.trace.get(self.shown_events..end) == Some(replayed), "a replay diverged from the recorded trace");
                self.shown_events = end;
                self.cluster.discard_events();
            }
        }
    }

    fn position(&self) -> Position {
        Position { commands: self.applied, processed: self.cluster.queue_items_processed(), at_ms: self.cluster.now_ms() }
    }

    fn clock(&self) -> Clock {
        let now = self.cluster.now_ms();
        Clock {
            at_ms: now,
            processed: self.cluster.queue_items_processed(),
            settled: self.cluster.next_event_time().is_none_or(|t| t > now),
            processed_before_ms: self.processed_before_ms,
        }
    }

    /// One queue item, noting where the current millisecond began (for exports).
    fn step_one(&mut self) -> bool {
        let (ms_before, processed_before) = (self.cluster.now_ms(), self.cluster.queue_items_processed());
        let stepped = self.cluster.step();
        if stepped && self.cluster.now_ms() > ms_before {
            self.processed_before_ms = Some(processed_before);
        }
        stepped
    }

    /// Every item due at or before `time_ms`, one at a time (snapshots fall between
    /// items), then the clock to `time_ms`: what `Cluster::run_until` does.
    fn run_until(&mut self, time_ms: u64, mode: Mode) {
        while self.cluster.next_event_time().is_some_and(|t| t <= time_ms) && self.step_one() {
            self.maybe_snapshot(mode);
        }
        self.set_clock(time_ms);
        self.absorb_events(mode);
    }

    /// Replays to a logged place: the same number of processed items, then the clock.
    fn move_to(&mut self, at_ms: u64, processed: u64, mode: Mode) {
        while self.cluster.queue_items_processed() < processed && self.step_one() {
            self.maybe_snapshot(mode);
        }
        self.set_clock(at_ms);
        self.absorb_events(mode);
    }

    /// Moves the clock forward when nothing is due before then (callers make sure of it).
    fn set_clock(&mut self, time_ms: u64) {
        if time_ms > self.cluster.now_ms() {
            self.processed_before_ms = Some(self.cluster.queue_items_processed());
            self.cluster.run_until(time_ms);
        }
    }

    fn snapshot_spacing_items(&self) -> u64 {
        let end = self.live_end.as_ref().map_or(&self.cluster, |live| &live.cluster);
        let half_budget = (self.policy.max_snapshots as u64 / 2).max(1);
        (end.queue_items_processed() / half_budget).max(self.policy.min_spacing_items)
    }

    /// Takes a snapshot here when the nearest ones on both sides are far enough away. Also
    /// called while replaying, which fills gaps (after a long `await`) as they are crossed.
    fn maybe_snapshot(&mut self, mode: Mode) {
        let here = self.cluster.queue_items_processed();
        let spacing = self.snapshot_spacing_items();
        let index = self.snapshots.partition_point(|s| s.processed() <= here);
        let since_previous = index.checked_sub(1).and_then(|i| self.snapshots.get(i)).map_or(u64::MAX, |s| here - s.processed());
        let until_next = self.snapshots.get(index).map_or(u64::MAX, |s| s.processed() - here);
        if since_previous < spacing || until_next < spacing {
            return;
        }
        self.absorb_events(mode);
        let snapshot = Snapshot {
            cluster: Arc::new(self.cluster.clone()),
            commands: self.applied,
            events: self.shown_events,
            processed_before_ms: self.processed_before_ms,
        };
        self.snapshots.insert(index, snapshot);
        self.thin_snapshots();
    }

    /// Bounds the memory: drops the inner snapshot whose neighbours are closest together.
    fn thin_snapshots(&mut self) {
        while self.snapshots.len() > self.policy.max_snapshots.max(FEWEST_SNAPSHOTS) {
            let gap_without = |i: usize| self.snapshots[i + 1].processed() - self.snapshots[i - 1].processed();
            let Some(victim) = (1..self.snapshots.len() - 1).min_by_key(|&i| gap_without(i)) else { return };
            self.snapshots.remove(victim);
        }
    }

    /// Rebuilds the state `target` names from the latest snapshot before it (or from the
    /// state shown, when allowed and no snapshot is nearer).
    fn restore(&mut self, target: Target, may_continue_from_here: bool) {
        let index = self.snapshots.partition_point(|s| target.admits(&s.position())).saturating_sub(1);
        let Some(base) = self.snapshots.get(index) else { return };
        let continue_from_here = may_continue_from_here && base.processed() <= self.cluster.queue_items_processed();
        if !continue_from_here {
            self.cluster = Cluster::clone(&base.cluster);
            self.applied = base.commands;
            self.shown_events = base.events;
            self.processed_before_ms = base.processed_before_ms;
        }
        self.replay_to(target);
    }

    fn replay_to(&mut self, target: Target) {
        let commands = match target {
            Target::EndOfMs(time_ms) => self.log.partition_point(|c| c.clock.at_ms <= time_ms),
            Target::Exactly(position) => position.commands.min(self.log.len()),
        };
        while self.applied < commands {
            let Some(entry) = self.log.get(self.applied).cloned() else { break };
            self.move_to(entry.clock.at_ms, entry.clock.processed, Mode::Replay);
            let (result, events) = self.run_in_runner(&entry.statement);
            let end = self.shown_events + events.len();
            debug_assert!(result.is_ok() && self.trace.get(self.shown_events..end) == Some(&events[..]), "a replayed command diverged");
            self.shown_events = end;
            self.applied += 1;
        }
        match target {
            Target::EndOfMs(time_ms) => self.run_until(time_ms, Mode::Replay),
            Target::Exactly(position) => self.move_to(position.at_ms, position.processed, Mode::Replay),
        }
    }
}

/// The `run` / `step` lines that take a replay from one logged place to the next.
fn write_time_moves(script: &mut String, from: &Clock, to: &Clock) {
    if (to.at_ms, to.processed) == (from.at_ms, from.processed) {
        return;
    }
    let mut line = |statement: Statement| {
        let _ = writeln!(script, "{statement}");
    };
    if to.settled {
        line(Statement::Run(to.at_ms.saturating_sub(from.at_ms)));
        return;
    }
    // Some events of `to.at_ms` were still queued: the place was reached by `step`.
    let (mut steps, base) = match to.processed_before_ms {
        Some(boundary) if to.at_ms > from.at_ms && boundary >= from.processed => {
            let last_ms_before = to.at_ms - 1;
            if last_ms_before > from.at_ms || boundary > from.processed {
                line(Statement::Run(last_ms_before - from.at_ms));
            }
            (to.processed.saturating_sub(boundary), boundary)
        }
        _ => (to.processed.saturating_sub(from.processed), from.processed),
    };
    debug_assert!(base <= to.processed);
    while steps > 0 {
        let chunk = steps.min(MAX_STEPS_PER_STATEMENT);
        line(Statement::Step(u32::try_from(chunk).unwrap_or(u32::MAX)));
        steps -= chunk;
    }
}

fn at_line(line: Option<u32>, message: &str) -> String {
    match line {
        Some(line) => format!("line {line}: {message}"),
        None => message.to_string(),
    }
}

fn session_error(error: RunError, line: Option<u32>) -> SessionError {
    match error {
        RunError::Malformed(message) => SessionError::Malformed(message),
        RunError::Refused { message, .. } => SessionError::Refused(at_line(line, &message)),
        RunError::AssertionFailed { message, .. } => SessionError::AssertionFailed(at_line(line, &message)),
    }
}

/// The timeline marker an event stands for, if any. Labels are made when the event is
/// recorded, while the cluster knows every name in it.
fn marker_for(cluster: &Cluster, event: &Event) -> Option<Marker> {
    let name = |partition: &PartitionId| cluster.partition_name(*partition);
    let (kind, label) = match &event.kind {
        EventKind::LeaderElected { partition, leader: Some(leader), epoch, .. } => {
            (MarkerKind::Election, format!("{}: leader {leader}, epoch {epoch}", name(partition)))
        }
        EventKind::LeaderElected { partition, leader: None, epoch, .. } => (MarkerKind::Election, format!("{}: offline, epoch {epoch}", name(partition))),
        EventKind::IsrChanged { partition, from, to } => return isr_marker(event.at, &name(partition), from, to),
        EventKind::ControllerShrankIsr { partition, broker, to, .. } => {
            (MarkerKind::IsrShrink, format!("{}: ISR {} (broker {broker} removed)", name(partition), broker_list(to)))
        }
        EventKind::SafetyViolation(violation) => (MarkerKind::Violation, format!("{} on {}", violation.property.name(), name(&violation.partition))),
        other => fault_marker(cluster, other)?,
    };
    Some(Marker { time_ms: event.at, kind, label })
}

fn isr_marker(time_ms: u64, partition: &str, from: &[BrokerId], to: &[BrokerId]) -> Option<Marker> {
    let removed = from.iter().any(|b| !to.contains(b));
    let added = to.iter().any(|b| !from.contains(b));
    let kind = match (removed, added) {
        (true, _) => MarkerKind::IsrShrink,
        (false, true) => MarkerKind::IsrExpand,
        (false, false) => return None,
    };
    Some(Marker { time_ms, kind, label: format!("{partition}: ISR {} → {}", broker_list(from), broker_list(to)) })
}

fn fault_marker(cluster: &Cluster, kind: &EventKind) -> Option<(MarkerKind, String)> {
    let link = |a, b| format!("{} ↔ {}", cluster.node_name(a), cluster.node_name(b));
    let marker = match kind {
        EventKind::BrokerCrashed { broker } => (MarkerKind::Fault, format!("broker {broker} crashed")),
        EventKind::BrokerPoweredOff { broker, .. } => (MarkerKind::Fault, format!("broker {broker} powered off")),
        EventKind::BrokerStopped { broker, .. } => (MarkerKind::Fault, format!("broker {broker} stopped")),
        EventKind::ControllerCrashed { node } => (MarkerKind::Fault, format!("controller {node} crashed")),
        EventKind::QuorumLost => (MarkerKind::Fault, "controller quorum lost".to_string()),
        EventKind::BrokerIsolated { broker } => (MarkerKind::Fault, format!("broker {broker} isolated")),
        EventKind::LinkCut { a, b } => (MarkerKind::Fault, format!("cut {}", link(*a, *b))),
        EventKind::FetchPaused { broker } => (MarkerKind::Fault, format!("broker {broker} stopped fetching")),
        EventKind::BrokerRestarted { broker, .. } => (MarkerKind::Recovery, format!("broker {broker} restarted")),
        EventKind::ControllerRestarted { node } => (MarkerKind::Recovery, format!("controller {node} restarted")),
        EventKind::LinkHealed { a, b } => (MarkerKind::Recovery, format!("healed {}", link(*a, *b))),
        EventKind::AllHealed => (MarkerKind::Recovery, "network healed".to_string()),
        EventKind::FetchResumed { broker } => (MarkerKind::Recovery, format!("broker {broker} fetches again")),
        _ => return None,
    };
    Some(marker)
}

fn broker_list(brokers: &[BrokerId]) -> String {
    let items: Vec<String> = brokers.iter().map(BrokerId::to_string).collect();
    format!("[{}]", items.join(","))
}
