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
        let mut script = String::new();
        let _ = writeln!(
            script,
            "# Kafka Replication Playground session: {} of simulated time, {} events.",
            format_duration(self.now_ms()),
            self.shown_events
        );
        let _ = writeln!(script, "# Replay it with `kafka-sim run FILE`, or import it into the playground.");
        let _ = writeln!(script, "seed {}", self.cluster.seed());
        let mut previous = Clock::START;
        for entry in self.history.log().iter().take(self.applied) {
            write_time_moves(&mut script, &previous, &entry.clock);
            let _ = writeln!(script, "{}", entry.statement);
            previous = entry.clock;
        }
        write_time_moves(&mut script, &previous, &self.clock());
        script
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
