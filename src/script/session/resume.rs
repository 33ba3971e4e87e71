//! A session written down as a checkpoint (`checkpoint`: the format) and resumed from one.
//!
//! A checkpoint holds the live state and what the session needs of its history besides
//! it: the commands' clocks, the timeline markers, the trace's length and hash and its
//! latest events. It does not hold the rest of the trace or the snapshots (the 50×500
//! preset's 10 minutes are 141 MB of trace): a resumed session shows and plays on from the
//! live end at once, and rebuilds its past by replaying the saved copy only when something
//! asks for a moment before the checkpoint (a seek there, the whole trace).
//!
//! The saved copy stays the truth. A checkpoint names its session by the saved copy's lines
//! up to the last command (every later export of that history begins with them), and lies
//! in the time moves after that command; resuming restores it, moves on to where those
//! moves lead, and runs the saved copy's remaining lines. Anything that does not fit is
//! refused and the saved copy is replayed whole, with the same result.
use std::borrow::Cow;
use std::sync::Arc;

use super::checkpoint::{fnv1a, Checkpoint, CheckpointRefusal};
use super::history::{Clock, History, LoggedCommand, ResumedHistory};
use super::snapshots::{Snapshot, SnapshotPolicy};
use super::{LiveEnd, Session, MAX_SESSION_EVENTS};
use crate::script::ast::Statement;
use crate::script::error::ScriptError;
use crate::script::parse::parse_line;

/// A session opened from its saved copy, and whether a checkpoint spared the replay.
#[derive(Debug)]
pub struct Resumed {
    pub session: Session,
    /// `Ok` when the checkpoint was used; otherwise why not (the saved copy was replayed).
    pub checkpoint: Result<(), CheckpointRefusal>,
}

/// A line of the saved copy and its number.
type Line<'a> = (u32, &'a str);

impl Session {
    /// The live end written down (see `resume`); `None` while the past is shown (the page
    /// saves only at the live end).
    pub fn checkpoint(&self) -> Option<Vec<u8>> {
        self.with_checkpoint(|c| c.encode())
    }

    /// The checkpoint as its header and its body before deflate (`checkpoint()` is the header,
    /// then the body in a zlib stream), for a page that deflates with the browser.
    pub fn checkpoint_parts(&self) -> Option<(Vec<u8>, Vec<u8>)> {
        self.with_checkpoint(|c| c.encode_parts())
    }

    fn with_checkpoint<T>(&self, encode: impl FnOnce(&Checkpoint<'_>) -> T) -> Option<T> {
        if self.live_end.is_some() {
            return None;
        }
        let (prefix, _) = self.script_prefix(self.history.log().len());
        let events = self.history.trace_len();
        let (tail_start, before_tail) = self.history.tail_start(&self.cluster);
        let checkpoint = Checkpoint {
            prefix_lines: u32::try_from(prefix.lines().count()).ok()?,
            prefix_hash: fnv1a(prefix.as_bytes()),
            clocks: self.history.log().iter().map(|entry| entry.clock).collect(),
            cluster: Cow::Borrowed(&self.cluster),
            processed_before_ms: self.processed_before_ms,
            events: events as u64,
            before_tail,
            markers: Cow::Borrowed(self.history.markers_with_index()),
            tail: Cow::Borrowed(self.history.events_between(tail_start, events)?),
            violations: Cow::Owned(self.history.violations_before(tail_start)),
        };
        Some(encode(&checkpoint))
    }

    /// Opens a saved copy (`export_script`) with the checkpoint saved beside it: the same
    /// session as `from_script(script)`, without replaying what the checkpoint holds. A
    /// checkpoint that is damaged, of another build or of another session is refused, and
    /// the saved copy replayed whole.
    pub fn resume(script: &str, checkpoint: &[u8]) -> Result<Resumed, ScriptError> {
        match Session::resume_from(script, checkpoint) {
            Ok(session) => Ok(Resumed { session, checkpoint: Ok(()) }),
            Err(refusal) => Ok(Resumed { session: Session::from_script(script)?, checkpoint: Err(refusal) }),
        }
    }

    fn resume_from(script: &str, bytes: &[u8]) -> Result<Session, CheckpointRefusal> {
        let checkpoint = Checkpoint::decode(bytes)?;
        let lines = statement_lines(script);
        let (prefix, rest) =
            lines.split_at_checked(checkpoint.prefix_lines as usize).ok_or(CheckpointRefusal::OtherSession)?;
        let prefix_text: String = prefix.iter().flat_map(|(_, text)| [*text, "\n"]).collect();
        if fnv1a(prefix_text.as_bytes()) != checkpoint.prefix_hash {
            return Err(CheckpointRefusal::OtherSession);
        }
        let log = logged_commands(prefix, &checkpoint.clocks)?;
        let from = log.last().map_or(Clock::START, |entry| entry.clock);
        let mut session = Session::restored(checkpoint, log);
        let rest = parsed(rest)?;
        let caught_up = session.catch_up(&rest, from)?;
        for (line, statement) in &rest[caught_up..] {
            session.execute_statement(statement, Some(*line)).map_err(|_| CheckpointRefusal::OtherSession)?;
        }
        Ok(session)
    }

    /// The session the checkpoint holds, at its live end.
    fn restored(checkpoint: Checkpoint<'static>, log: Vec<LoggedCommand>) -> Session {
        let cluster = checkpoint.cluster.into_owned();
        let events = usize::try_from(checkpoint.events).unwrap_or(usize::MAX);
        let at = Snapshot {
            cluster: Arc::new(cluster.clone()),
            commands: log.len(),
            events,
            processed_before_ms: checkpoint.processed_before_ms,
        };
        let applied = log.len();
        let kept = ResumedHistory {
            log,
            markers: checkpoint.markers.into_owned(),
            tail: checkpoint.tail.into_owned(),
            elided_hash: checkpoint.before_tail,
            elided_violations: checkpoint.violations.into_owned(),
        };
        Session {
            cluster,
            processed_before_ms: checkpoint.processed_before_ms,
            applied,
            shown_events: events,
            history: History::resumed(at, SnapshotPolicy::DEFAULT, kept),
            live_end: None,
            set_aside: None,
            max_events: MAX_SESSION_EVENTS,
        }
    }

    /// From the checkpoint to where the saved copy's first time moves after its last logged
    /// command lead. Those moves are written from that command's clock, `from`, and the
    /// checkpoint lies on their way: a `run` ends at a millisecond, a `step` at a count of
    /// processed items, so the first one that ends at or after the checkpoint is run from
    /// it for what is left of it. How many statements of `rest` that took.
    fn catch_up(&mut self, rest: &[(u32, Statement)], from: Clock) -> Result<usize, CheckpointRefusal> {
        let here = self.clock();
        if (here.at_ms, here.processed) == (from.at_ms, from.processed) {
            return Ok(0);
        }
        let (mut cursor_ms, mut cursor_processed) = (from.at_ms, Some(from.processed));
        for (index, (line, statement)) in rest.iter().enumerate() {
            let remaining = match *statement {
                Statement::Run(duration_ms) => {
                    let target_ms = cursor_ms.checked_add(duration_ms).ok_or(CheckpointRefusal::OtherSession)?;
                    cursor_ms = target_ms;
                    // A run to the millisecond before the checkpoint's ends where that
                    // millisecond began: the count a `step` after it starts from.
                    cursor_processed = if target_ms + 1 == here.at_ms { here.processed_before_ms } else { None };
                    (target_ms >= here.at_ms).then(|| Statement::Run(target_ms - here.at_ms))
                }
                Statement::Step(count) => {
                    let start =
                        cursor_processed.filter(|&p| p <= here.processed).ok_or(CheckpointRefusal::OtherSession)?;
                    let target = start + u64::from(count);
                    cursor_processed = Some(target);
                    let left = u32::try_from(target.saturating_sub(here.processed)).ok();
                    (target >= here.processed).then_some(left.map(Statement::Step)).flatten()
                }
                // A command before the checkpoint's place: not on this saved copy's way.
                _ => return Err(CheckpointRefusal::OtherSession),
            };
            if let Some(remaining) = remaining {
                self.execute_statement(&remaining, Some(*line)).map_err(|_| CheckpointRefusal::OtherSession)?;
                return Ok(index + 1);
            }
        }
        Err(CheckpointRefusal::OtherSession)
    }

    /// Before anything shows a moment before the checkpoint a session was resumed from, the
    /// whole history is rebuilt by replaying the live end's saved copy (as a reload without
    /// a checkpoint does). False, and nothing changes, if that fails (it does not: the saved
    /// copy is this session's). Nothing to do in a session with its whole past.
    pub fn rebuild_past(&mut self) -> bool {
        if !self.history.is_partial() {
            return true;
        }
        let Ok(mut full) = Session::from_script(&self.live_script()) else { return false };
        full.max_events = self.max_events;
        full.history.set_policy(self.history.policy());
        match self.live_end.take() {
            None => *self = full,
            Some(_) => {
                self.history = full.history;
                self.live_end = Some(LiveEnd { cluster: full.cluster, processed_before_ms: full.processed_before_ms });
            }
        }
        true
    }

    /// The whole past is here (not left out by a resume that has not rebuilt it yet).
    pub fn has_whole_past(&self) -> bool {
        !self.history.is_partial()
    }
}

/// The saved copy's statement lines (not blank, not comments) with their line numbers.
fn statement_lines(script: &str) -> Vec<Line<'_>> {
    let numbered = script.lines().enumerate().map(|(i, text)| (u32::try_from(i + 1).unwrap_or(u32::MAX), text));
    numbered.filter(|(_, text)| !text.trim().is_empty() && !text.trim_start().starts_with('#')).collect()
}

fn parsed(lines: &[Line<'_>]) -> Result<Vec<(u32, Statement)>, CheckpointRefusal> {
    let parse = |&(line, text): &Line<'_>| match parse_line(text, line) {
        Ok(Some(statement)) => Ok((line, statement)),
        _ => Err(CheckpointRefusal::OtherSession),
    };
    lines.iter().map(parse).collect()
}

/// The prefix's commands with the checkpoint's clocks: the log the session had. Only
/// `seed`, time moves and logged commands may be in it (an export has nothing else).
fn logged_commands(prefix: &[Line<'_>], clocks: &[Clock]) -> Result<Vec<LoggedCommand>, CheckpointRefusal> {
    let mut clocks = clocks.iter();
    let mut log = Vec::new();
    for (_, statement) in parsed(prefix)? {
        match statement {
            Statement::Seed(_) | Statement::Run(_) | Statement::Step(_) => {}
            Statement::Command(_) => {
                let clock = *clocks.next().ok_or(CheckpointRefusal::OtherSession)?;
                log.push(LoggedCommand { clock, statement });
            }
            Statement::Expect { .. } | Statement::Await { .. } => return Err(CheckpointRefusal::OtherSession),
        }
    }
    clocks.next().is_none().then_some(log).ok_or(CheckpointRefusal::OtherSession)
}
