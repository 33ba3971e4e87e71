//! Export: the session as a script that replays to exactly the state shown (the same
//! trace hash). The log holds each command with the clock at which it was applied; between
//! two commands, `write_time_moves` writes the `run` and `step` lines that reach the next
//! one's place again, down to the queue item when a `step` left events of a millisecond
//! queued.
use std::fmt::Write as _;

use super::history::Clock;
use super::Session;
use crate::script::ast::{format_duration, Statement};
use crate::script::runner::MAX_STEPS_PER_STATEMENT;

impl Session {
    /// A script that replays to exactly the shown state (the same trace hash): a header,
    /// `seed N`, and the commands with `run` / `step` for the time between them. In the
    /// past, that is the history up to the moment shown.
    pub fn export_script(&self) -> String {
        self.script_to(self.applied, &self.clock(), self.shown_events)
    }

    /// The script of the live end, also while the past is shown.
    pub(super) fn live_script(&self) -> String {
        match &self.live_end {
            None => self.export_script(),
            Some(live) => self.script_to(
                self.history.log().len(),
                &Clock::of(&live.cluster, live.processed_before_ms),
                self.history.trace_len(),
            ),
        }
    }

    fn script_to(&self, applied: usize, end: &Clock, events: usize) -> String {
        let mut script = String::new();
        let _ = writeln!(
            script,
            "# Kafka Replication Playground session: {} of simulated time, {events} events.",
            format_duration(end.at_ms),
        );
        let _ = writeln!(script, "# Replay it with `kafka-sim run FILE`, or import it into the playground.");
        let (prefix, last) = self.script_prefix(applied);
        script.push_str(&prefix);
        write_time_moves(&mut script, &last, end);
        script
    }

    /// `seed N` and the first `applied` commands, each after the moves that reach its place,
    /// with the clock of the last: how every later export of this history begins (a
    /// checkpoint recognises its session's saved copy by it).
    pub(super) fn script_prefix(&self, applied: usize) -> (String, Clock) {
        let mut script = String::new();
        // The live end's seed: while a seek is under way, the state shown is a placeholder.
        let live = self.live_end.as_ref().map_or(&self.cluster, |live| &live.cluster);
        let _ = writeln!(script, "seed {}", live.seed());
        let mut previous = Clock::START;
        for entry in self.history.log().iter().take(applied) {
            write_time_moves(&mut script, &previous, &entry.clock);
            let _ = writeln!(script, "{}", entry.statement);
            previous = entry.clock;
        }
        (script, previous)
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
