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
//!
//! This file holds the `Session` type and its API. What it has recorded is a value of its
//! own, `History` (`history`: the command log, trace, markers and snapshots); how it moves
//! through it is `replay`; how a statement is applied, `statements`; `export_script`,
//! `export`; the timeline markers, `markers`; the future a branch discarded, kept for an
//! undo, `set_aside`; the live end written down for a reload, `checkpoint` and `resume`.
mod checkpoint;
mod continuation;
mod export;
mod history;
mod markers;
#[cfg(test)]
mod metrics_tests;
mod replay;
mod resume;
mod set_aside;
mod snapshots;
mod statements;

use std::sync::Arc;

use super::ast::Statement;
use super::error::ScriptError;
use super::parse::{parse_line, parse_script};
use crate::sim::{Cluster, Config, Event};
use history::{History, Target};
use replay::Mode;
use set_aside::SetAside;
use snapshots::{Snapshot, SnapshotPolicy};

pub use checkpoint::{checkpoint_stream, CheckpointRefusal, MAX_INFLATED_BYTES};
pub use markers::{Marker, MarkerKind};
pub use resume::Resumed;
pub use set_aside::AsideKind;

/// The longest simulated time a session may reach: a whole working day, so a class can
/// leave it playing. A shared link is untrusted input, and `run 100000h` would otherwise
/// keep the page busy for hours (and fill memory with its trace).
pub const MAX_SESSION_MS: u64 = 8 * 60 * 60 * 1_000;

/// The most events a session keeps (its trace takes 48 bytes an event, and the page holds it
/// all for the timeline): about 240 MB of trace, well inside a browser tab's memory. A session
/// playing a big cluster fast reaches it (the 50×500 preset after about 15 simulated minutes);
/// time then stops there, as at `MAX_SESSION_MS`, instead of the tab running out of memory.
pub const MAX_SESSION_EVENTS: usize = 5_000_000;

/// The live state, set aside while the session shows the past.
#[derive(Clone, Debug)]
pub(super) struct LiveEnd {
    cluster: Cluster,
    processed_before_ms: Option<u64>,
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
    /// How much of the history's trace the shown state has produced.
    shown_events: usize,
    /// Everything recorded up to the live end.
    history: History,
    /// `Some` exactly when the shown state is in the past.
    live_end: Option<LiveEnd>,
    /// `MAX_SESSION_EVENTS`, or less in tests.
    max_events: usize,
    /// The future the last branch discarded (or, after it was put back, the branch), kept
    /// so that acting in the past by mistake can be undone.
    set_aside: Option<SetAside>,
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

impl Session {
    /// Seed 0, the default configuration, no brokers.
    pub fn new() -> Session {
        Session::starting_from(Cluster::new(Config::default(), 0), SnapshotPolicy::DEFAULT)
    }

    fn starting_from(mut cluster: Cluster, policy: SnapshotPolicy) -> Session {
        let events = cluster.drain_events();
        // Taken before the start's snapshot, so no replay from it finds them again.
        let changes = cluster.take_metric_changes();
        let start = Snapshot {
            cluster: Arc::new(cluster.clone()),
            commands: 0,
            events: events.len(),
            processed_before_ms: Some(0),
        };
        let mut session = Session {
            cluster,
            processed_before_ms: Some(0),
            applied: 0,
            shown_events: 0,
            history: History::starting_at(start, policy),
            live_end: None,
            max_events: MAX_SESSION_EVENTS,
            set_aside: None,
        };
        session.history.record_metrics(changes);
        session.record_events(events);
        session
    }

    /// Runs a whole script (an imported `.scenario`, a shared link). The first failure
    /// stops it, as `kafka-sim` stops, and is all that is returned.
    pub fn from_script(text: &str) -> Result<Session, ScriptError> {
        let script = parse_script(text).map_err(|e| {
            let line = e.line;
            ScriptError::malformed(e, Some(line))
        })?;
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
    pub fn execute(&mut self, line: &str) -> Result<(), ScriptError> {
        match parse_line(line, 1) {
            Ok(None) => Ok(()),
            Ok(Some(statement)) => self.execute_statement(&statement, None),
            // One line has no line number worth showing; the column points into the input.
            Err(error) => Err(ScriptError::malformed(error, None)),
        }
    }

    /// One statement at the current simulated time, as `execute` runs a console line: the
    /// page's buttons and forms build typed statements and hand them here.
    pub fn run(&mut self, statement: &Statement) -> Result<(), ScriptError> {
        self.execute_statement(statement, None)
    }

    /// Simulated time passes (the play loop calls this every frame). Zero does nothing;
    /// time stops at `MAX_SESSION_MS`.
    pub fn advance(&mut self, ms: u64) {
        let target_ms = self.cluster.now_ms().saturating_add(ms).min(MAX_SESSION_MS);
        if ms == 0 || target_ms <= self.cluster.now_ms() || self.is_full() {
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

    /// The state shown has `MAX_SESSION_EVENTS` events behind it: time cannot move on from
    /// here (from an earlier moment it can: acting there discards the later events).
    pub fn is_full(&self) -> bool {
        self.shown_events + self.cluster.events().len() >= self.max_events
    }

    /// Lowers the most events this session keeps (tests reach the limit quickly with it).
    pub fn set_event_limit(&mut self, max_events: usize) {
        self.max_events = max_events.min(MAX_SESSION_EVENTS);
    }

    pub fn now_ms(&self) -> u64 {
        self.cluster.now_ms()
    }

    /// The trace of the shown state, in order. In a session resumed from a checkpoint, only
    /// from the checkpoint's tail on, until `rebuild_past` (or a seek before it) replays
    /// the rest.
    pub fn events(&self) -> &[Event] {
        self.history.held_until(self.shown_events)
    }

    /// Kafka's metrics at each change up to the live end, with the index of the event that
    /// changed them (a plot draws the points before `shown_events()` and seeks to one's
    /// event). The metrics of the shown state are `cluster().metric(..)`. In a session
    /// resumed from a checkpoint, from the checkpoint on until the past is rebuilt.
    pub fn metric_series(&self) -> &crate::sim::metrics::MetricSeries {
        self.history.metric_series()
    }

    /// The safety violations among `events()[from..]`, read through the timeline's markers:
    /// the page looks for them after every change, and after a seek back from the start.
    pub fn violations_in_events_from(&self, from: usize) -> impl Iterator<Item = &Event> + '_ {
        self.history.held_violations(from, self.shown_events)
    }

    /// The safety violations before `events()` in a session resumed from a checkpoint (its
    /// earlier events are not held until the past is rebuilt); empty otherwise.
    pub fn violations_before_events(&self) -> &[Event] {
        self.history.elided_violations()
    }

    /// The trace hash (`TraceHash`) of the shown trace, exactly as `ScriptRun::trace_hash`.
    pub fn trace_hash(&self) -> u64 {
        self.history.hash_of_first(&self.cluster, self.shown_events)
    }

    /// Looking at the past: when the recorded trace's next event after the shown moment
    /// happens. `None` at the live end (what comes next is not simulated yet) and when the
    /// rest of the recording holds no event.
    pub fn next_event_ms(&self) -> Option<u64> {
        let now = self.now_ms();
        let later = self.history.events_between(self.shown_events, self.history.trace_len())?;
        later.iter().map(|e| e.at).find(|&at| at > now)
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
            self.applied = self.history.log().len();
            self.shown_events = self.history.trace_len();
        }
    }

    /// Acting now would discard the future (the session shows the past).
    pub fn would_branch(&self) -> bool {
        !self.is_live()
    }

    /// Elections, ISR changes, faults, recoveries and safety violations up to the live
    /// end, in order.
    pub fn markers(&self) -> Vec<Marker> {
        self.history.markers().cloned().collect()
    }

    /// Tunes the snapshots kept for seeking: at least `min_spacing_items` queue items
    /// apart (more in a long session), at most `max_snapshots` (3 or more) of them. Fewer,
    /// sparser snapshots take less memory and make seeks replay more. Tests use tiny values
    /// so that short sessions exercise every path.
    pub fn set_snapshot_policy(&mut self, min_spacing_items: u64, max_snapshots: usize) {
        self.history.set_policy(SnapshotPolicy::new(min_spacing_items, max_snapshots));
    }

    /// The clusters kept for seeking, oldest first (for diagnostics and the benchmark).
    pub fn snapshot_clusters(&self) -> impl Iterator<Item = &Cluster> + '_ {
        self.history.snapshots().iter().map(|snapshot| snapshot.cluster.as_ref())
    }
}
