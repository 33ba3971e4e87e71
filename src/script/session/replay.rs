//! How a session moves through its history: forward in recording (`Mode::Record`, new
//! events appended to the history), or replaying what was recorded (`Mode::Replay`, checked
//! against it in debug builds) to rebuild a moment from the nearest snapshot. Acting in the
//! past discards the future first.
use std::sync::Arc;

use super::history::{Clock, Position, Target};
use super::set_aside::{AsideKind, SetAside};
use super::snapshots::Snapshot;
use super::Session;
use crate::script::runner::Runner;
use crate::sim::{Cluster, Event};

/// New events are appended to the history; replayed ones are only counted (they are there).
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

    /// Acting in the past starts a new branch: what came after `here` is set aside (the
    /// last one only, and only when it fits `MAX_SET_ASIDE_EVENTS`), so it can be put back
    /// once (`restore_set_aside`).
    pub(super) fn discard_future_after(&mut self, here: &Position) {
        let fits = self.future_fits_aside();
        let Some(live_end) = self.live_end.take() else {
            return; // live: there is no future
        };
        let tail = self.history.split_off_after(self.applied, self.shown_events, here);
        let aside =
            SetAside { from: *here, events: self.shown_events, tail, live_end, kind: AsideKind::RecordedFuture };
        self.set_aside = fits.then_some(aside);
    }

    pub(super) fn record_events(&mut self, events: Vec<Event>) {
        let changes = self.cluster.take_metric_changes();
        self.history.record(&self.cluster, events);
        self.history.record_metrics(changes);
        self.shown_events = self.history.trace_len();
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
                    self.history.events_between(self.shown_events, end) == Some(replayed),
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
        Clock::of(&self.cluster, self.processed_before_ms)
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

    fn replay_to(&mut self, target: Target) {
        let commands = self.history.commands_until(target);
        while self.applied < commands {
            let Some(entry) = self.history.log().get(self.applied).cloned() else { break };
            self.move_to(entry.clock.at_ms, entry.clock.processed, Mode::Replay);
            let result = Runner::new(&mut self.cluster).execute(&entry.statement);
            let events = self.cluster.drain_events();
            // Recorded already, like the events.
            self.cluster.take_metric_changes();
            let end = self.shown_events + events.len();
            debug_assert!(
                result.is_ok() && self.history.events_between(self.shown_events, end) == Some(&events[..]),
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

    /// Takes a snapshot here when the nearest ones on both sides are far enough away. Also
    /// called while replaying, which fills gaps (after a long `await`) as they are crossed.
    pub(super) fn maybe_snapshot(&mut self, mode: Mode) {
        let end = self.live_end.as_ref().map_or(&self.cluster, |live| &live.cluster);
        let spacing = self.history.policy().spacing_items(end.queue_items_processed());
        let Some(slot) = self.history.snapshot_slot(self.cluster.queue_items_processed(), spacing) else { return };
        self.absorb_events(mode);
        let snapshot = Snapshot {
            cluster: Arc::new(self.cluster.clone()),
            commands: self.applied,
            events: self.shown_events,
            processed_before_ms: self.processed_before_ms,
        };
        self.history.insert_snapshot(slot, snapshot);
    }

    /// Rebuilds the state `target` names from the latest snapshot before it (or from the
    /// state shown, when allowed and no snapshot is nearer).
    pub(super) fn restore(&mut self, target: Target, may_continue_from_here: bool) {
        let Some(base) = self.history.latest_snapshot_for(target) else { return };
        if !target.admits(&base.position()) {
            // Only in a session resumed from a checkpoint: its first snapshot is the
            // checkpoint's state, and the moment asked for is before it.
            if self.history.is_partial() && self.rebuild_past() {
                self.restore(target, false);
            }
            return;
        }
        let continue_from_here = may_continue_from_here && base.processed() <= self.cluster.queue_items_processed();
        if !continue_from_here {
            self.cluster = Cluster::clone(&base.cluster);
            self.applied = base.commands;
            self.shown_events = base.events;
            self.processed_before_ms = base.processed_before_ms;
        }
        self.replay_to(target);
    }
}
