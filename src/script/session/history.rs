//! What a session has recorded, as a value: the timed command log, the trace, the timeline
//! markers and the snapshots. It knows nothing of the session that moves through it (no
//! import of `Session`), so it can be read, truncated and tested on its own.
//!
//! Each command is logged with the `Clock` at which it was applied: the millisecond and the
//! count of processed queue items (a `step` can leave other events of the same millisecond
//! queued, so the time alone does not say where). A `Position` says where a state lies on
//! the history; a `Target` says what a replay must reach.
use std::cell::{Cell, RefCell};

use super::markers::{marker_for, Marker};
use super::snapshots::{Snapshot, SnapshotPolicy};
use crate::script::ast::Statement;
use crate::script::trace_hash::TraceHash;
use crate::sim::metrics::{MetricChange, MetricSeries};
use crate::sim::{Cluster, Event};

/// Where a state lies on the history. Every coordinate only grows along it, so of two
/// states on one history, the earlier is at or before the later in all three.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Position {
    pub(super) commands: usize,
    pub(super) processed: u64,
    pub(super) at_ms: u64,
}

impl Position {
    pub(super) fn is_at_or_before(&self, other: &Position) -> bool {
        self.commands <= other.commands && self.processed <= other.processed && self.at_ms <= other.at_ms
    }
}

/// The clock when a command was applied (or at the end), with what an export needs to
/// reach the same place again with `run` and `step`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Clock {
    pub(super) at_ms: u64,
    /// Queue items processed so far.
    pub(super) processed: u64,
    /// Nothing queued at or before `at_ms`: `run` reaches this place exactly.
    pub(super) settled: bool,
    /// Items processed before the clock reached `at_ms`, when known: `run` to the
    /// millisecond before, then `step` the rest.
    pub(super) processed_before_ms: Option<u64>,
}
crate::codec!(struct Clock { at_ms, processed, settled, processed_before_ms });

impl Clock {
    pub(super) const START: Clock = Clock { at_ms: 0, processed: 0, settled: true, processed_before_ms: Some(0) };

    /// The clock of `cluster`'s state.
    pub(super) fn of(cluster: &Cluster, processed_before_ms: Option<u64>) -> Clock {
        let now = cluster.now_ms();
        Clock {
            at_ms: now,
            processed: cluster.queue_items_processed(),
            settled: cluster.next_event_time().is_none_or(|t| t > now),
            processed_before_ms,
        }
    }
}

#[derive(Clone, Debug)]
pub(super) struct LoggedCommand {
    pub(super) clock: Clock,
    pub(super) statement: Statement,
}

/// What a checkpoint keeps of a history besides its state (see `History::resumed`).
pub(super) struct ResumedHistory {
    pub(super) log: Vec<LoggedCommand>,
    pub(super) markers: Vec<(usize, Marker)>,
    pub(super) tail: Vec<Event>,
    pub(super) elided_hash: TraceHash,
    pub(super) elided_violations: Vec<Event>,
}

/// What a replay should reach.
#[derive(Clone, Copy, Debug)]
pub(super) enum Target {
    /// Every command and every event at or before this millisecond, the clock at it.
    EndOfMs(u64),
    /// Exactly a state the history passed through.
    Exactly(Position),
}

impl Target {
    pub(super) fn admits(&self, position: &Position) -> bool {
        match self {
            Target::EndOfMs(time_ms) => position.at_ms <= *time_ms,
            Target::Exactly(target) => position.is_at_or_before(target),
        }
    }
}

/// What came after a state of the history, taken out (`History::split_off_after`): its
/// commands, events and markers, not its snapshots. Each snapshot is a cluster of its own
/// (up to 64 of them), and a future kept aside with them all doubled the tab's memory (the
/// fuzzer's tab ran out); once put back, seeks rebuild them as they pass.
#[derive(Clone, Debug)]
pub(super) struct HistoryTail {
    log: Vec<LoggedCommand>,
    trace: Vec<Event>,
    markers: Vec<(usize, Marker)>,
    metrics: MetricSeries,
}

#[derive(Clone, Debug)]
pub(super) struct History {
    log: Vec<LoggedCommand>,
    /// Every event up to the live end, but the first `elided`.
    trace: Vec<Event>,
    /// How many events at the start of the trace are not held: those before a checkpoint's
    /// tail, in a session resumed from it (`resume`). A replay cannot pass through them;
    /// the session rebuilds the whole history first. Zero otherwise.
    elided: usize,
    /// The trace hash of the elided events, so the hash of the whole trace stays known.
    elided_hash: TraceHash,
    /// The safety violations among the elided events (the page still shows them).
    elided_violations: Vec<Event>,
    /// Resumed from a checkpoint and not rebuilt yet: the first snapshot is the checkpoint's
    /// state, not the start, so nothing before it can be replayed (even when no event is
    /// elided, in a short session).
    partial: bool,
    /// Timeline markers up to the live end, each with the index of its event.
    markers: Vec<(usize, Marker)>,
    /// Kafka's metrics at each change up to the live end (from the checkpoint on, in a
    /// session resumed from one and not rebuilt: the events before it are elided too).
    metrics: MetricSeries,
    /// On the history, in order; the first is the start and is never dropped.
    snapshots: Vec<Snapshot>,
    policy: SnapshotPolicy,
    /// The hash of `trace[..n]` as (n, hash), so asking for the hash every frame costs
    /// only the events since the last ask. Reset whenever the trace is truncated.
    hash_cache: Cell<(usize, TraceHash)>,
    /// The hash of `trace[..n]` at a round `n` at least `TAIL_EVENTS` before the cached end:
    /// where a checkpoint's tail starts, so saving one never hashes the trace again.
    tail_mark: Cell<(usize, TraceHash)>,
    /// The hash of `trace[..n]` at every multiple `n` of `HASH_MARK_EVERY` hashed so far, so
    /// a seek back in a long session hashes from the mark before it, not from the start.
    hash_marks: RefCell<Vec<(usize, TraceHash)>>,
}

/// A checkpoint keeps at least this many of the latest events (the feed's lines and what
/// its filters look back over), and at most `TAIL_EVENTS + TAIL_MARK_EVERY`.
const TAIL_EVENTS: usize = 2_048;
const TAIL_MARK_EVERY: usize = 2_048;
/// Events between two kept hash marks: a seek back hashes at most this many (narrating each
/// one: about 10 ms in the browser), and 8 hours of the default cluster keep about 20 marks.
const HASH_MARK_EVERY: usize = 32_768;

impl History {
    /// A history whose only state so far is `start`.
    pub(super) fn starting_at(start: Snapshot, policy: SnapshotPolicy) -> Self {
        History {
            log: Vec::new(),
            trace: Vec::new(),
            elided: 0,
            elided_hash: TraceHash::default(),
            partial: false,
            markers: Vec::new(),
            metrics: MetricSeries::default(),
            snapshots: vec![start],
            policy,
            hash_cache: Cell::new((0, TraceHash::default())),
            tail_mark: Cell::new((0, TraceHash::default())),
            hash_marks: RefCell::default(),
            elided_violations: Vec::new(),
        }
    }

    /// The history a checkpoint kept: its log, markers and the tail of its trace, the
    /// events before the tail elided (only their count and hash are known), and one
    /// snapshot, `at`, the checkpoint's state.
    pub(super) fn resumed(at: Snapshot, policy: SnapshotPolicy, kept: ResumedHistory) -> Self {
        let elided = at.events.saturating_sub(kept.tail.len());
        History {
            log: kept.log,
            trace: kept.tail,
            elided,
            elided_hash: kept.elided_hash,
            partial: true,
            markers: kept.markers,
            metrics: MetricSeries::default(),
            snapshots: vec![at],
            policy,
            hash_cache: Cell::new((elided, kept.elided_hash)),
            tail_mark: Cell::new((elided, kept.elided_hash)),
            hash_marks: RefCell::default(),
            elided_violations: kept.elided_violations,
        }
    }

    /// The safety violations among the first `end` events, held or elided: the timeline's
    /// violation markers name where they are.
    pub(super) fn violations_before(&self, end: usize) -> Vec<Event> {
        let held = self.markers.iter().filter(|(index, marker)| {
            marker.kind == super::markers::MarkerKind::Violation && *index >= self.elided && *index < end
        });
        let held = held.filter_map(|(index, _)| self.events_between(*index, *index + 1)).flatten().cloned();
        self.elided_violations.iter().cloned().chain(held).collect()
    }

    /// The safety violations among the held events from the `from`th held one up to the
    /// trace's `end`th, found through the timeline's markers (sorted by event index), so a
    /// long session is not read event by event.
    pub(super) fn held_violations(&self, from: usize, end: usize) -> impl Iterator<Item = &Event> + '_ {
        let start = self.elided + from;
        let first = self.markers.partition_point(|(index, _)| *index < start);
        let markers = self.markers[first..].iter().take_while(move |(index, _)| *index < end);
        let violations = markers.filter(|(_, marker)| marker.kind == super::markers::MarkerKind::Violation);
        violations.filter_map(|(index, _)| self.trace.get(index - self.elided))
    }

    /// The safety violations among the elided events.
    pub(super) fn elided_violations(&self) -> &[Event] {
        &self.elided_violations
    }

    pub(super) fn log(&self) -> &[LoggedCommand] {
        &self.log
    }

    /// How many events the whole trace has, held or elided.
    pub(super) fn trace_len(&self) -> usize {
        self.elided + self.trace.len()
    }

    /// Resumed from a checkpoint and not rebuilt: it begins at the checkpoint's state.
    pub(super) fn is_partial(&self) -> bool {
        self.partial
    }

    /// The held events among the first `end` of the trace.
    pub(super) fn held_until(&self, end: usize) -> &[Event] {
        &self.trace[..end.saturating_sub(self.elided).min(self.trace.len())]
    }

    /// Events `start..end` of the trace; `None` when any is elided or not recorded.
    pub(super) fn events_between(&self, start: usize, end: usize) -> Option<&[Event]> {
        let held_start = start.checked_sub(self.elided)?;
        self.trace.get(held_start..end.checked_sub(self.elided)?)
    }

    pub(super) fn markers_with_index(&self) -> &[(usize, Marker)] {
        &self.markers
    }

    pub(super) fn markers(&self) -> impl Iterator<Item = &Marker> + '_ {
        self.markers.iter().map(|(_, marker)| marker)
    }

    pub(super) fn policy(&self) -> SnapshotPolicy {
        self.policy
    }

    pub(super) fn push_command(&mut self, command: LoggedCommand) {
        self.log.push(command);
    }

    /// New events at the end of the trace; `cluster` names what their markers mention.
    pub(super) fn record(&mut self, cluster: &Cluster, events: Vec<Event>) {
        for event in events {
            if let Some(marker) = marker_for(cluster, &event) {
                self.markers.push((self.trace_len(), marker));
            }
            self.trace.push(event);
        }
    }

    /// Takes out what came after a state: commands past `commands`, events past `events`,
    /// and drops the snapshots after `here` (the start always stays); gives back the
    /// commands, events and markers, so a discarded future can be put back by `append`.
    pub(super) fn split_off_after(&mut self, commands: usize, events: usize, here: &Position) -> HistoryTail {
        debug_assert!(events >= self.elided, "a session rebuilds its elided past before acting in it");
        self.hash_cache.set((self.elided, self.elided_hash));
        self.tail_mark.set((self.elided, self.elided_hash));
        self.hash_marks.borrow_mut().retain(|(at, _)| *at <= events);
        let markers_kept = self.markers.partition_point(|(index, _)| *index < events);
        let snapshots_kept = self.snapshots.partition_point(|s| s.position().is_at_or_before(here)).max(1);
        self.snapshots.truncate(snapshots_kept);
        HistoryTail {
            log: self.log.split_off(commands.min(self.log.len())),
            trace: self.trace.split_off(events.saturating_sub(self.elided).min(self.trace.len())),
            markers: self.markers.split_off(markers_kept),
            metrics: self.metrics.split_off_at_event(events as u64),
        }
    }

    /// Puts a tail `split_off_after` took back after the state it was split at. The caller
    /// makes sure this history ends exactly there (the same commands, events and place).
    pub(super) fn append(&mut self, tail: HistoryTail) {
        self.log.extend(tail.log);
        self.trace.extend(tail.trace);
        self.markers.extend(tail.markers);
        self.metrics.extend(tail.metrics.points().iter().copied());
    }

    /// Metric changes at the end of the series, after `record` took their events.
    pub(super) fn record_metrics(&mut self, changes: Vec<MetricChange>) {
        self.metrics.extend(changes);
    }

    pub(super) fn metric_series(&self) -> &MetricSeries {
        &self.metrics
    }

    /// How many logged commands a replay to `target` applies.
    pub(super) fn commands_until(&self, target: Target) -> usize {
        match target {
            Target::EndOfMs(time_ms) => self.log.partition_point(|c| c.clock.at_ms <= time_ms),
            Target::Exactly(position) => position.commands.min(self.log.len()),
        }
    }

    /// The trace hash of the first `events` events (cached: the page asks every frame).
    /// With elided events, only from their end on (a resumed session rebuilds the rest
    /// before it shows an earlier moment).
    pub(super) fn hash_of_first(&self, cluster: &Cluster, events: usize) -> u64 {
        let end = events.clamp(self.elided, self.trace_len());
        let (mut at, mut hash) = self.hash_known_before(end);
        let mark = end.saturating_sub(TAIL_EVENTS) / TAIL_MARK_EVERY * TAIL_MARK_EVERY;
        if mark > at {
            self.hash_forward(cluster, &mut hash, at, mark);
            at = mark;
            self.tail_mark.set((at, hash));
        }
        self.hash_forward(cluster, &mut hash, at, end);
        self.hash_cache.set((end, hash));
        hash.value()
    }

    /// The latest known hash of the first `n ≤ end` events: the cached one, a kept mark, or
    /// the elided events'.
    fn hash_known_before(&self, end: usize) -> (usize, TraceHash) {
        let (cached_len, cached_hash) = self.hash_cache.get();
        let mut known = (self.elided, self.elided_hash);
        if cached_len <= end && cached_len >= known.0 {
            known = (cached_len, cached_hash);
        }
        let marks = self.hash_marks.borrow();
        let before = marks.partition_point(|(at, _)| *at <= end);
        if let Some(&(at, hash)) = before.checked_sub(1).and_then(|i| marks.get(i)) {
            if at > known.0 {
                known = (at, hash);
            }
        }
        known
    }

    /// Adds events `from..to` to `hash`, keeping a mark at each multiple of `HASH_MARK_EVERY`.
    fn hash_forward(&self, cluster: &Cluster, hash: &mut TraceHash, from: usize, to: usize) {
        let mut at = from;
        while at < to {
            let next_mark = (at / HASH_MARK_EVERY + 1) * HASH_MARK_EVERY;
            let stop = next_mark.min(to);
            hash.add_events(cluster, &self.trace[at - self.elided..stop - self.elided]);
            at = stop;
            let mut marks = self.hash_marks.borrow_mut();
            if at == next_mark && marks.last().is_none_or(|(last, _)| *last < at) {
                marks.push((at, *hash));
            }
        }
    }

    /// Where a checkpoint's tail of the trace starts and the hash of the events before it:
    /// the latest round mark at least `TAIL_EVENTS` before the end, else the held events'
    /// start.
    pub(super) fn tail_start(&self, cluster: &Cluster) -> (usize, TraceHash) {
        self.hash_of_first(cluster, self.trace_len());
        let (mark, hash) = self.tail_mark.get();
        if mark >= self.elided && mark <= self.trace_len() {
            (mark, hash)
        } else {
            (self.elided, self.elided_hash)
        }
    }

    pub(super) fn snapshots(&self) -> &[Snapshot] {
        &self.snapshots
    }

    /// The latest snapshot `target` admits (the start always does).
    pub(super) fn latest_snapshot_for(&self, target: Target) -> Option<&Snapshot> {
        let index = self.snapshots.partition_point(|s| target.admits(&s.position())).saturating_sub(1);
        self.snapshots.get(index)
    }

    /// Where a snapshot of the state `here` (queue items processed) would go, when the
    /// nearest ones on both sides are at least `spacing` items away; `None` when too close.
    pub(super) fn snapshot_slot(&self, here: u64, spacing: u64) -> Option<usize> {
        let index = self.snapshots.partition_point(|s| s.processed() <= here);
        let since_previous =
            index.checked_sub(1).and_then(|i| self.snapshots.get(i)).map_or(u64::MAX, |s| here - s.processed());
        let until_next = self.snapshots.get(index).map_or(u64::MAX, |s| s.processed() - here);
        (since_previous >= spacing && until_next >= spacing).then_some(index)
    }

    /// Keeps `snapshot` at the slot `snapshot_slot` gave, then thins the rest to the budget.
    pub(super) fn insert_snapshot(&mut self, slot: usize, snapshot: Snapshot) {
        self.snapshots.insert(slot, snapshot);
        self.thin_snapshots();
    }

    pub(super) fn set_policy(&mut self, policy: SnapshotPolicy) {
        self.policy = policy;
        self.thin_snapshots();
    }

    /// Bounds the memory: drops the inner snapshot whose neighbours are closest together.
    fn thin_snapshots(&mut self) {
        while self.snapshots.len() > self.policy.max_snapshots() {
            let gap_without = |i: usize| self.snapshots[i + 1].processed() - self.snapshots[i - 1].processed();
            let Some(victim) = (1..self.snapshots.len() - 1).min_by_key(|&i| gap_without(i)) else { return };
            self.snapshots.remove(victim);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::script::session::snapshots::SnapshotPolicy;
    use crate::script::ScriptRun;

    fn snapshot_of(run: &ScriptRun, commands: usize) -> Snapshot {
        Snapshot {
            cluster: Arc::new(run.cluster().clone()),
            commands,
            events: run.trace().len(),
            processed_before_ms: None,
        }
    }

    /// A history of a crash and the election after it, recorded without any session.
    fn recorded() -> (ScriptRun, History) {
        let mut run = ScriptRun::new();
        let mut history = History::starting_at(snapshot_of(&run, 0), SnapshotPolicy::new(1, 3));
        run.run_script("brokers 3\ntopic create t partitions=1 rf=3 start=0\nrun 1s\ncrash broker 1\nrun 20s\n")
            .expect("runs");
        history.record(run.cluster(), run.trace().to_vec());
        (run, history)
    }

    #[test]
    fn recording_marks_the_crash_and_the_elections_and_hashes_like_a_script_run() {
        let (run, history) = recorded();
        let labels: Vec<&str> = history.markers().map(|m| m.label.as_str()).collect();
        assert!(labels.contains(&"broker 1 crashed"), "{labels:?}");
        assert!(labels.iter().any(|l| l.starts_with("t-0: leader 2")), "{labels:?}");
        assert_eq!(history.hash_of_first(run.cluster(), history.trace_len()), run.trace_hash());
    }

    #[test]
    fn splitting_off_takes_later_events_and_markers_keeps_the_start_and_appends_back() {
        let (run, mut history) = recorded();
        let crash_index = run.trace().iter().position(|e| run.cluster().trace_line(e).contains("crashed")).unwrap();
        let start = Position { commands: 0, processed: 0, at_ms: 0 };
        let tail = history.split_off_after(2, crash_index, &start);
        assert_eq!(history.trace_len(), crash_index);
        assert!(history.markers().all(|m| m.label != "broker 1 crashed"));
        assert_eq!(history.snapshots().len(), 1, "the start stays");
        assert_eq!(
            history.hash_of_first(run.cluster(), crash_index),
            crate::script::trace_hash::TraceHash::of(run.cluster(), &run.trace()[..crash_index])
        );
        history.append(tail);
        assert_eq!(
            history.events_between(0, history.trace_len()),
            Some(run.trace()),
            "appended back, the history is whole again"
        );
        assert!(history.markers().any(|m| m.label == "broker 1 crashed"));
        assert_eq!(history.hash_of_first(run.cluster(), history.trace_len()), run.trace_hash());
    }

    #[test]
    fn snapshots_keep_their_spacing_and_the_budget_and_the_start() {
        let mut run = ScriptRun::new();
        let mut history = History::starting_at(snapshot_of(&run, 0), SnapshotPolicy::new(1, 3));
        run.run_script("brokers 3\ntopic create t partitions=1 rf=3 start=0\n").expect("runs");
        let here = run.cluster().queue_items_processed();
        assert_eq!(history.snapshot_slot(here, here + 1), None, "too close to the start");
        let mut kept = Vec::new();
        for _ in 0..5 {
            run.run_script("run 1s").expect("runs");
            let here = run.cluster().queue_items_processed();
            let slot = history.snapshot_slot(here, 1).expect("a second later is far enough");
            history.insert_snapshot(slot, snapshot_of(&run, 2));
            kept.push(here);
        }
        let processed: Vec<u64> = history.snapshots().iter().map(Snapshot::processed).collect();
        assert_eq!(processed.len(), 3, "the policy's budget: {processed:?}");
        assert_eq!(processed[0], 0, "the start is never dropped");
        assert_eq!(processed[2], kept[4], "nor the latest");
    }
}
