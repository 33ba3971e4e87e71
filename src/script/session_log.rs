//! The session's history as a timed command log, and its exact replay. Each command is
//! logged with the `Clock` at which it was applied: the millisecond and the count of
//! processed queue items (a `step` can leave other events of the same millisecond queued,
//! so the time alone does not say where). A `Position` says where a state lies on the
//! history; a `Target` says what a replay must reach. Moving through time (`step_one`,
//! `run_until`, `move_to`) either records new events or, in `Mode::Replay`, checks that
//! they are the recorded ones; acting in the past discards the future first.
use super::ast::Statement;
use super::runner::Runner;
use super::session::Session;
use super::session_markers::marker_for;
use super::trace_hash::TraceHash;
use crate::sim::Event;

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

impl Clock {
    pub(super) const START: Clock = Clock { at_ms: 0, processed: 0, settled: true, processed_before_ms: Some(0) };
}

#[derive(Clone, Debug)]
pub(super) struct LoggedCommand {
    pub(super) clock: Clock,
    pub(super) statement: Statement,
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

/// New events are appended to the trace; replayed ones are only counted (they are there).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    Record,
    Replay,
}

impl Session {
    pub(super) fn discard_future(&mut self) {
        let here = self.position();
        self.discard_future_after(&here);
    }

    /// Acting in the past starts a new branch: what came after `here` is forgotten.
    pub(super) fn discard_future_after(&mut self, here: &Position) {
        if self.live_end.take().is_none() {
            return; // live: there is no future
        }
        self.log.truncate(self.applied);
        self.trace.truncate(self.shown_events);
        self.hash_cache.set((0, TraceHash::default()));
        let markers_kept = self.markers.partition_point(|(index, _)| *index < self.shown_events);
        self.markers.truncate(markers_kept);
        let snapshots_kept = self.snapshots.partition_point(|s| s.position().is_at_or_before(here));
        self.snapshots.truncate(snapshots_kept.max(1));
    }

    pub(super) fn record_events(&mut self, events: Vec<Event>) {
        for event in events {
            if let Some(marker) = marker_for(&self.cluster, &event) {
                self.markers.push((self.trace.len(), marker));
            }
            self.trace.push(event);
        }
        self.shown_events = self.trace.len();
    }

    pub(super) fn absorb_events(&mut self, mode: Mode) {
        match mode {
            Mode::Record => {
                let events = self.cluster.drain_events();
                self.record_events(events);
            }
            Mode::Replay => {
                let replayed = self.cluster.events();
                let end = self.shown_events + replayed.len();
                debug_assert!(
                    self.trace.get(self.shown_events..end) == Some(replayed),
                    "a replay diverged from the recorded trace"
                );
                self.shown_events = end;
                self.cluster.discard_events();
            }
        }
    }

    pub(super) fn position(&self) -> Position {
        Position {
            commands: self.applied,
            processed: self.cluster.queue_items_processed(),
            at_ms: self.cluster.now_ms(),
        }
    }

    pub(super) fn clock(&self) -> Clock {
        let now = self.cluster.now_ms();
        Clock {
            at_ms: now,
            processed: self.cluster.queue_items_processed(),
            settled: self.cluster.next_event_time().is_none_or(|t| t > now),
            processed_before_ms: self.processed_before_ms,
        }
    }

    /// One queue item, noting where the current millisecond began (for exports).
    pub(super) fn step_one(&mut self) -> bool {
        let (ms_before, processed_before) = (self.cluster.now_ms(), self.cluster.queue_items_processed());
        let stepped = self.cluster.step();
        if stepped && self.cluster.now_ms() > ms_before {
            self.processed_before_ms = Some(processed_before);
        }
        stepped
    }

    /// Every item due at or before `time_ms`, one at a time (snapshots fall between
    /// items), then the clock to `time_ms`: what `Cluster::run_until` does.
    /// Recording stops early, the clock at the last event, when the session is full.
    pub(super) fn run_until(&mut self, time_ms: u64, mode: Mode) {
        let full = |s: &Session| mode == Mode::Record && s.is_full();
        while self.cluster.next_event_time().is_some_and(|t| t <= time_ms) && !full(self) && self.step_one() {
            self.maybe_snapshot(mode);
        }
        if !full(self) {
            self.set_clock(time_ms);
        }
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

    pub(super) fn replay_to(&mut self, target: Target) {
        let commands = match target {
            Target::EndOfMs(time_ms) => self.log.partition_point(|c| c.clock.at_ms <= time_ms),
            Target::Exactly(position) => position.commands.min(self.log.len()),
        };
        while self.applied < commands {
            let Some(entry) = self.log.get(self.applied).cloned() else { break };
            self.move_to(entry.clock.at_ms, entry.clock.processed, Mode::Replay);
            let result = Runner::new(&mut self.cluster).execute(&entry.statement);
            let events = self.cluster.drain_events();
            let end = self.shown_events + events.len();
            debug_assert!(
                result.is_ok() && self.trace.get(self.shown_events..end) == Some(&events[..]),
                "a replayed command diverged"
            );
            self.shown_events = end;
            self.applied += 1;
        }
        match target {
            Target::EndOfMs(time_ms) => self.run_until(time_ms, Mode::Replay),
            Target::Exactly(position) => self.move_to(position.at_ms, position.processed, Mode::Replay),
        }
    }
}
