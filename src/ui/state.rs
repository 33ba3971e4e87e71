//! The page's state and everything that can happen to it, as a reducer.
//!
//! Every change to the cluster is a scenario-script statement run by the session, so the
//! whole page is a script (export, import, share). Buttons and forms build typed statements
//! (`Action::Run`); only the console, imports and links hand the session text. The reducer
//! only runs statements and advances simulated time; the wall clock (the play loop's
//! interval), storage, downloads and file reading belong in components and hooks, never
//! here, so the same actions always give the same state.
//!
//! The state is in parts, as Yew's examples keep theirs, each deriving its equality: the
//! session handle (`session_handle`: the shared session and its versions), the views that
//! rendering reads (`view_refresh`), how a person chose to look at the page (`prefs`), the
//! play loop (`play_clock`) and what the page says (`messages`). The reducer's state itself
//! is never compared: Yew redraws the page on every action, and each component compares only
//! the parts it is handed.
//!
//! The rest of the state's behaviour lives beside it, one concept per file, as further
//! `impl PlaygroundState` blocks: `play_clock` (ticks, speed and advancing), `time_travel`
//! (seek and branch), `sharing` (links, saved sessions, import), `console_run` (a long
//! `run` across frames), `view_refresh` and `feed_lines`; `preset` holds the starting
//! clusters. Their public items are re-exported here, so `crate::ui::state::...` names
//! everything the components use.
use std::cell::Ref;

use crate::script::ast::Statement;
use crate::script::error::ScriptError;
use crate::script::parse::parse_line;
use crate::script::parse_error::ParseError;
use crate::script::session::Session;
use crate::sim::config::quote_input;

pub use super::console_run::PendingRun;
pub use super::feed_lines::{FeedFilter, FeedLine, Highlight, Note, CATEGORIES, FEED_LINES};
pub use super::field::{Field, InlineMessage};
pub use super::messages::Messages;
pub use super::play_clock::{PlayClock, DEFAULT_SPEED, MAX_EVENTS_PER_TICK, MAX_TICK_WALL_MS, SPEEDS, STEP_MS};
pub use super::prefs::Prefs;
pub use super::session_handle::SessionHandle;
pub use super::sharing::MAX_SAVED_BYTES;
pub use super::time_travel::{Branching, PendingBranch};
use super::view_refresh::Scanned;
pub use super::view_refresh::{partition_id, Views, ViolationNote, MAX_CELLS, MAX_RECORDS};
pub use crate::script::preset::Preset;

#[derive(Clone, Debug)]
pub struct PlaygroundState {
    /// The session and how far it has changed.
    pub session: SessionHandle,
    /// What rendering reads, derived from the session after every change.
    pub views: Views,
    /// How the page is shown; nothing here changes the session.
    pub prefs: Prefs,
    pub clock: PlayClock,
    pub messages: Messages,
    /// The seed "start over" offers: the session's own.
    pub seed: u64,
    /// The preset "start over" offers: the last one started from.
    pub preset: Preset,
    /// A command in the past waiting for its confirmation; notes kept aside with a future.
    pub branching: Branching,
    /// The trace hash and clock a freshly started preset had (`None`: opened from a link, a
    /// file or a saved session), so the page knows whether anything was done since.
    pub(super) fresh_start: Option<(u64, u64)>,
    pub(super) scanned: Scanned,
}

/// What a person (or the play loop) can do to the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The play loop: this much wall time passed; advance by it times the speed.
    Tick {
        wall_ms: f64,
    },
    /// Advance simulated time by this many milliseconds.
    Advance {
        ms: u64,
    },
    /// Process the next queued event.
    StepEvent,
    /// Run a statement a button or a form built; what it did shows next to `field`, and in
    /// the feed as the script line it is.
    Run {
        statement: Statement,
        field: Field,
    },
    /// Run a line typed at the console; a long `run` goes on across frames.
    Console {
        line: String,
    },
    /// Show a message next to a field without running anything (a form's own check).
    FieldMessage {
        field: Field,
        ok: bool,
        text: String,
    },
    SetPlaying(bool),
    SetSpeed(usize),
    SetHeartbeats(bool),
    Select(String),
    /// The event feed's filters.
    Filter(FeedFilter),
    /// Start over: `seed N`, then a preset.
    Restart {
        seed: u64,
        preset: Preset,
    },
    /// Replace the session by a script (an imported `.scenario`); a bad one changes nothing.
    Import {
        name: String,
        text: String,
    },
    Highlight(Option<Highlight>),
    /// Start again from the default cluster.
    Reset,
    /// Show the state at this simulated time (the timeline); stops playing.
    Seek {
        ms: u64,
    },
    /// ←: back to the previous millisecond with an event, or 1 ms back.
    StepBack,
    /// →: live, process the next event; in the past, 1 ms forward (no branch).
    StepForward,
    /// Return to the live end.
    BackToLive,
    TogglePlaying,
    /// Speed one notch down (negative) or up.
    SpeedBy(i32),
    /// Open or close the keyboard overlay; `None` toggles it.
    Help(Option<bool>),
    /// Turn presentation mode (larger type, fewer panels) on or off; `None` toggles it.
    Present(Option<bool>),
    /// A share link pasted into the address bar of the open page (`hashchange`).
    OpenLink {
        fragment: String,
    },
    /// Go back to the session the last link, import or new session replaced.
    RestorePrevious {
        script: String,
    },
    /// Run the command held in the past, discarding (setting aside) the recorded future.
    ConfirmBranch,
    /// Drop the command held in the past; the recording stays.
    CancelBranch,
    /// Put back what the last branch set aside (and set the branch aside instead).
    UndoBranch,
    /// Let go of what the last branch set aside.
    KeepBranch,
}

impl Default for PlaygroundState {
    fn default() -> Self {
        PlaygroundState::start(0, Preset::Default)
    }
}

impl PlaygroundState {
    /// `seed N` and the preset's script.
    pub fn start_script(seed: u64, preset: Preset) -> String {
        format!("seed {seed}\n{}", preset.script())
    }

    pub fn start(seed: u64, preset: Preset) -> Self {
        // A preset's script always runs (tested); an empty session stands in rather than a
        // panic message that would format the error (and bring string escaping into the bundle).
        let session = Session::from_script(&Self::start_script(seed, preset)).unwrap_or_else(|_| Session::new());
        let mut state = Self::with_session(session, preset);
        state.fresh_start = Some((state.views.trace_hash, state.now_ms()));
        state
    }

    /// Something was done since the session started (a command, time run, a look back), or
    /// it was opened from a link, a file or storage: starting afresh would discard it.
    pub fn has_work(&self) -> bool {
        self.fresh_start != Some((self.views.trace_hash, self.now_ms())) || !self.views.live
    }

    pub(super) fn with_session(session: Session, preset: Preset) -> Self {
        let mut state = PlaygroundState {
            seed: session.cluster().seed(),
            session: SessionHandle::new(session),
            views: Views::default(),
            prefs: Prefs::default(),
            clock: PlayClock::default(),
            messages: Messages::default(),
            preset,
            branching: Branching::default(),
            fresh_start: None,
            scanned: Scanned::default(),
        };
        state.refresh();
        state
    }

    pub fn session(&self) -> Ref<'_, Session> {
        self.session.borrow()
    }

    pub fn now_ms(&self) -> u64 {
        self.views.cluster.now_ms
    }

    pub fn export_script(&self) -> String {
        self.session.export_script()
    }

    pub fn trace_hash(&self) -> u64 {
        self.session.borrow().trace_hash()
    }

    pub fn field_message(&self, field: Field) -> Option<InlineMessage> {
        self.messages.get(field)
    }

    /// The reducer: what an action does to the page.
    pub fn apply(&mut self, action: Action) {
        let shown = (self.views.live, self.now_ms());
        let Some(action) = self.ask_before_branching(action) else { return self.refresh() };
        self.stop_run_for(&action);
        let was_live = self.views.live;
        let acts = acts_on_session(&action);
        if worth_saving(&action) {
            self.session.save_version += 1;
        }
        let Some(action) = self.apply_without_session(action) else { return };
        self.apply_to_session(action, was_live);
        if acts && !was_live && self.session.borrow().is_live() {
            self.branched();
        }
        self.refresh();
        if (self.views.live, self.now_ms()) != shown {
            // A command held for confirmation belongs to the moment it was asked at.
            self.branching.pending = None;
        }
    }

    /// The actions that leave the session as it is (a field message, the overlay, a
    /// highlight) or replace it whole. Gives any other action back; `None` when the views
    /// need no refresh.
    fn apply_without_session(&mut self, action: Action) -> Option<Action> {
        match action {
            Action::FieldMessage { field, ok, text } => self.messages.show(field, ok, text),
            Action::Help(open) => self.prefs.help_open = open.unwrap_or(!self.prefs.help_open),
            Action::Present(on) => self.prefs.presenting = on.unwrap_or(!self.prefs.presenting),
            Action::Highlight(h) => self.prefs.highlight = h,
            Action::Restart { seed, preset } => self.start_over(|s| *s = PlaygroundState::start(seed, preset)),
            Action::Reset => self.start_over(|s| *s = PlaygroundState::start(s.seed, s.preset)),
            Action::OpenLink { fragment } => self.open_link(&fragment),
            Action::Import { name, text } => self.start_over(|s| s.import(&name, &text)),
            Action::RestorePrevious { script } => self.start_over(|s| s.restore_previous(&script)),
            other => return Some(other),
        }
        None
    }

    /// Runs `start`, which replaces the session (a bad import keeps it), and carries the save
    /// count on past the old one: a fresh state's own starts at 0, which the page never saves.
    /// The views are made again after it, with the notes `start` left.
    fn start_over(&mut self, start: impl FnOnce(&mut Self)) {
        let save_version = self.session.save_version + 1;
        start(self);
        self.session.save_version = save_version;
        self.refresh();
    }

    /// The actions that run the session, move through its time or change how it is shown.
    fn apply_to_session(&mut self, action: Action, was_live: bool) {
        match action {
            Action::Tick { .. } if self.clock.pending_run.is_some() => self.continue_run(MAX_EVENTS_PER_TICK),
            Action::Tick { wall_ms } => {
                self.tick(wall_ms);
                if self.session.version % 6 == 0 {
                    self.session.feed_version += 1;
                }
            }
            Action::Advance { ms } => {
                self.moved_by_hand();
                self.advance_by_us(ms * 1000, usize::MAX);
                self.stop_at_session_limits();
            }
            Action::StepEvent | Action::StepForward if was_live => self.step_event(),
            // In the past, stepping replays the recording: only a command branches.
            Action::StepEvent | Action::StepForward => self.step_forward_in_the_past(),
            Action::UndoBranch => self.undo_branch(),
            Action::KeepBranch => self.keep_branch(),
            Action::StepBack => self.step_back(),
            Action::Seek { ms } => self.seek(ms),
            Action::BackToLive => {
                self.moved_by_hand();
                self.session.borrow_mut().back_to_live();
            }
            Action::Run { statement, field } => self.run(&statement, field),
            Action::Console { line } => self.console(&line),
            Action::SetPlaying(playing) => self.set_playing(playing),
            Action::TogglePlaying => self.set_playing(!self.clock.playing),
            Action::SetSpeed(speed) => self.prefs.speed = speed.min(SPEEDS.len() - 1),
            Action::SpeedBy(delta) => {
                self.prefs.speed = self.prefs.speed.saturating_add_signed(delta as isize).min(SPEEDS.len() - 1);
            }
            Action::SetHeartbeats(on) => self.prefs.show_heartbeats = on,
            Action::Select(name) => self.prefs.selected = Some(name),
            Action::Filter(filter) => self.prefs.feed_filter = filter,
            // Listed rather than `_`, so a new action must be placed in one of the two. Never
            // reached (apply_without_session took them); if a change breaks that, tests
            // fail here while the page, where a panic aborts, ignores the action instead.
            Action::FieldMessage { .. }
            | Action::Help(_)
            | Action::Present(_)
            | Action::Highlight(_)
            | Action::Restart { .. }
            | Action::Reset
            | Action::OpenLink { .. }
            | Action::RestorePrevious { .. }
            | Action::Import { .. } => debug_assert!(false, "applied by apply_without_session"),
            Action::ConfirmBranch | Action::CancelBranch => debug_assert!(false, "applied by ask_before_branching"),
        }
    }

    /// Time moved by hand, not by the play loop: the feed is narrated again and the loop's
    /// unrun fraction of a ms is dropped.
    fn moved_by_hand(&mut self) {
        self.session.feed_version += 1;
        self.clock.carry_us = 0;
    }

    fn step_event(&mut self) {
        self.moved_by_hand();
        self.session.borrow_mut().step();
    }

    fn set_playing(&mut self, playing: bool) {
        self.clock.playing = playing;
        self.session.feed_version += 1;
    }
}

impl PlaygroundState {
    /// A statement a control built. It must print as the script line that reads back as
    /// itself, or an export would replay something else: one that does not is refused
    /// before it runs. The message and the feed quote that line.
    fn run(&mut self, statement: &Statement, field: Field) {
        self.session.feed_version += 1;
        let line = statement.to_string();
        let result = replays_as_itself(&line).and_then(|()| self.session.borrow_mut().run(statement));
        self.report(field, &line, result);
    }

    /// A line typed at the console: a `run` the session accepts goes on across frames
    /// (`console_run`); anything else the session parses and runs, or refuses.
    fn console(&mut self, line: &str) {
        self.session.feed_version += 1;
        let line = line.trim();
        self.messages.remember(line);
        if let Some(ms) = self.run_duration(line) {
            return self.start_run(line, ms);
        }
        let result = self.session.borrow_mut().execute(line);
        self.report(Field::Console, line, result);
    }

    /// What `line` did, next to `field` and in the feed; a refusal says why.
    fn report(&mut self, field: Field, line: &str, result: Result<(), ScriptError>) {
        // The line is quoted at most ~80 characters long, so the reason stays on screen.
        let quoted = quote_input(line);
        let (ok, text) = match &result {
            Ok(()) => (true, format!("✓ {quoted}")),
            Err(e) => (false, format!("{quoted}: {e}")),
        };
        let (after_events, at_ms) = (self.session.borrow().events().len(), self.session.borrow().now_ms());
        self.messages.note(after_events, at_ms, format!("> {text}"), ok);
        self.messages.show(field, ok, text);
        // A `seed` line changes the seed "start over" offers.
        self.seed = self.session.borrow().cluster().seed();
    }
}

/// `Ok` when `line`, `statement` printed, parses back to a statement that prints as `line`
/// again. Comparing the lines, not the statements, keeps the statements' equality out of
/// the bundle; a statement's line names every field of it, so equal lines mean equal statements.
fn replays_as_itself(line: &str) -> Result<(), ScriptError> {
    match parse_line(line, 1) {
        Ok(Some(parsed)) if parsed.to_string() == line => Ok(()),
        Ok(_) => {
            let error = ParseError::new(1, 1, format!("'{}' would not replay as itself", quote_input(line)));
            Err(ScriptError::malformed(error, None))
        }
        Err(error) => Err(ScriptError::malformed(error, None)),
    }
}

/// A command: done while looking at the past (once confirmed), it starts a branch. Moving
/// time there (play, step, +100 ms) replays the recording instead and never branches.
fn acts_on_session(action: &Action) -> bool {
    matches!(action, Action::Run { .. } | Action::Console { .. })
}

/// The action bumps `save_version`, so the page saves the session. Not play-loop ticks, which
/// would write storage many times a second: stopping play saves instead.
fn worth_saving(action: &Action) -> bool {
    matches!(
        action,
        Action::Run { .. }
            | Action::Console { .. }
            | Action::Advance { .. }
            | Action::StepEvent
            | Action::SetPlaying(false)
            | Action::BackToLive
            | Action::UndoBranch
            | Action::KeepBranch
    ) || matches!(action, Action::StepForward | Action::TogglePlaying)
}

/// The statement a script line reads as, for tests that click what a line says.
#[cfg(test)]
pub(crate) fn statement(line: &str) -> Statement {
    parse_line(line, 1).expect("a statement").expect("not blank")
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for PlaygroundState {
    type Action = Action;

    fn reduce(self: std::rc::Rc<Self>, action: Action) -> std::rc::Rc<Self> {
        // A shallow copy: the session is shared and changed in place (see `session_handle`).
        let mut next = (*self).clone();
        next.apply(action);
        std::rc::Rc::new(next)
    }
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
