//! The page's state and everything that can happen to it, as a reducer.
//!
//! Every change to the cluster is a scenario-script line run by the session, so the whole
//! page is a script (export, import, share). The reducer only runs lines and advances
//! simulated time; the wall clock (the play loop's interval), downloads and file reading
//! belong in components, never here, so the same actions always give the same state.
//!
//! The session lives behind `Rc<RefCell<_>>`: Yew keeps older state snapshots alive in
//! callbacks, and cloning a whole simulation (with its trace) on every tick would cost a
//! frame. `version` tells snapshots apart for `PartialEq`.
//!
//! The rest of the state's behaviour lives beside it, one concept per file, as further
//! `impl PlaygroundState` blocks: `play_clock` (ticks, speed and advancing), `time_travel`
//! (seek and branch), `sharing` (links, saved sessions, import), `view_refresh` and
//! `feed_lines`; `preset` holds the starting clusters. Their public items are re-exported
//! here, so `crate::ui::state::...` names everything the components use.
use std::cell::{Ref, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::script::session::{Marker, Session};
use crate::sim::view_detail::{ClientView, ControllerView, MessageView, PartitionDetail};
use crate::sim::ClusterView;

pub use super::console_run::PendingRun;
pub use super::feed_lines::{FeedFilter, FeedLine, Highlight, Note, CATEGORIES};
pub use super::play_clock::{DEFAULT_SPEED, MAX_EVENTS_PER_TICK, MAX_TICK_WALL_MS, SPEEDS, STEP_MS};
pub use super::preset::Preset;
pub use super::sharing::MAX_SAVED_BYTES;
pub use super::view_refresh::{partition_id, ViolationNote, MAX_CELLS, MAX_RECORDS};

#[derive(Clone, Debug)]
pub struct PlaygroundState {
    pub(super) session: Rc<RefCell<Session>>,
    /// Bumped on every change to the session.
    pub version: u64,
    /// Bumped when the feed should be narrated again: on every action but play-loop ticks,
    /// and on every 6th tick (about 10 times a second), so playing stays within a frame.
    pub feed_version: u64,
    pub view: Rc<ClusterView>,
    pub detail: Option<Rc<PartitionDetail>>,
    pub messages: Rc<Vec<MessageView>>,
    pub clients: Rc<Vec<ClientView>>,
    pub controller: ControllerView,
    pub manual_replication: bool,
    /// Current value of every `set` key.
    pub settings: Rc<Vec<(&'static str, String)>>,
    pub selected: Option<String>,
    pub playing: bool,
    pub speed: usize,
    /// Simulated time past `now_ms` not yet run, in µs (the play loop moves in fractions of a ms).
    pub carry_us: u64,
    pub show_heartbeats: bool,
    /// Records per second of the default producer's steady rate, when one runs.
    pub rate: Option<u32>,
    pub notes: Rc<Vec<Note>>,
    /// Inline messages per form field: (ok, text).
    pub field_messages: Rc<BTreeMap<String, (bool, String)>>,
    pub seed: u64,
    pub preset: Preset,
    pub highlight: Option<Highlight>,
    pub violations: Rc<Vec<ViolationNote>>,
    pub(super) events_scanned: usize,
    /// Console history, oldest first.
    pub history: Rc<Vec<String>>,
    /// Events the last tick processed (the work cap in action).
    pub last_tick_events: usize,
    /// Timeline markers up to the live end (refreshed with the feed, not every tick).
    pub markers: Rc<Vec<Marker>>,
    /// The simulated time of the live end.
    pub end_ms: u64,
    /// Showing the live end (false: looking at the past; acting there branches).
    pub live: bool,
    /// Bumped after every command worth saving (not on play-loop ticks, which save when
    /// playing stops): the page writes the session to local storage when it changes.
    pub save_version: u64,
    pub(super) markers_version: u64,
    /// The keyboard overlay (`?`) is open.
    pub help_open: bool,
    /// A console `run` still going on across frames.
    pub pending_run: Option<PendingRun>,
}

impl PartialEq for PlaygroundState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
            && self.version == other.version
            && self.feed_version == other.feed_version
            && self.selected == other.selected
            && self.playing == other.playing
            && self.speed == other.speed
            && self.carry_us == other.carry_us
            && self.show_heartbeats == other.show_heartbeats
            && self.highlight == other.highlight
            && self.field_messages == other.field_messages
            && self.live == other.live
            && self.save_version == other.save_version
            && self.help_open == other.help_open
            && self.pending_run == other.pending_run
    }
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
    /// Run one scenario-script line; `origin` names the field its message shows next to.
    Exec {
        line: String,
        origin: String,
    },
    /// Show a message next to a field without running anything (client-side validation).
    FieldMessage {
        origin: String,
        ok: bool,
        text: String,
    },
    SetPlaying(bool),
    SetSpeed(usize),
    SetHeartbeats(bool),
    Select(String),
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
    /// A share link pasted into the address bar of the open page (`hashchange`).
    OpenLink {
        fragment: String,
    },
    /// Go back to the session the last link, import or new session replaced.
    RestorePrevious {
        script: String,
    },
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
        let session = Session::from_script(&Self::start_script(seed, preset)).expect("a preset's script runs");
        Self::with_session(session, seed, preset)
    }

    pub(super) fn with_session(session: Session, seed: u64, preset: Preset) -> Self {
        let mut state = PlaygroundState {
            session: Rc::new(RefCell::new(session)),
            version: 0,
            feed_version: 0,
            view: Rc::new(ClusterView { now_ms: 0, brokers: vec![], partitions: vec![], active_controller: None }),
            detail: None,
            messages: Rc::default(),
            clients: Rc::default(),
            controller: ControllerView { nodes_alive: vec![], active: None, has_majority: false },
            manual_replication: false,
            settings: Rc::default(),
            selected: None,
            playing: false,
            speed: DEFAULT_SPEED,
            carry_us: 0,
            show_heartbeats: false,
            rate: None,
            notes: Rc::default(),
            field_messages: Rc::default(),
            seed,
            preset,
            highlight: None,
            violations: Rc::default(),
            events_scanned: 0,
            history: Rc::default(),
            last_tick_events: 0,
            markers: Rc::default(),
            end_ms: 0,
            live: true,
            save_version: 0,
            markers_version: u64::MAX,
            help_open: false,
            pending_run: None,
        };
        state.selected = state.view_partitions_first();
        state.refresh();
        state
    }

    fn view_partitions_first(&self) -> Option<String> {
        let session = self.session.borrow();
        let cluster = session.cluster();
        (cluster.partition_count() > 0).then(|| cluster.partition_name(crate::sim::ids::PartitionId(0)))
    }

    /// Both states run on the same session (not a restart, an import or an opened link).
    pub fn same_session(&self, other: &PlaygroundState) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
    }

    pub fn session(&self) -> Ref<'_, Session> {
        self.session.borrow()
    }

    pub fn now_ms(&self) -> u64 {
        self.view.now_ms
    }

    pub fn export_script(&self) -> String {
        self.session.borrow().export_script()
    }

    pub fn trace_hash(&self) -> u64 {
        self.session.borrow().trace_hash()
    }

    pub fn field_message(&self, origin: &str) -> Option<(bool, String)> {
        self.field_messages.get(origin).cloned()
    }

    /// The reducer: what an action does to the page.
    pub fn apply(&mut self, action: Action) {
        self.stop_run_for(&action);
        let was_live = self.live;
        let acts = acts_on_session(&action, was_live);
        if worth_saving(&action) {
            self.save_version += 1;
        }
        let Some(action) = self.apply_without_refresh(action) else { return };
        self.apply_to_session(action, was_live);
        if acts && !was_live && self.session.borrow().is_live() {
            self.branched();
        }
        self.refresh();
    }

    /// The actions that leave the views as they are (a field message, the overlay, a
    /// highlight) or start over, which builds a fresh state refreshed already. Gives any
    /// other action back.
    fn apply_without_refresh(&mut self, action: Action) -> Option<Action> {
        match action {
            Action::FieldMessage { origin, ok, text } => {
                Rc::make_mut(&mut self.field_messages).insert(origin, (ok, text));
            }
            Action::Help(open) => self.help_open = open.unwrap_or(!self.help_open),
            Action::Highlight(h) => self.highlight = h,
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
    fn start_over(&mut self, start: impl FnOnce(&mut Self)) {
        let save_version = self.save_version + 1;
        start(self);
        self.save_version = save_version;
    }

    /// The actions that run the session, move through its time or change how it is shown.
    fn apply_to_session(&mut self, action: Action, was_live: bool) {
        match action {
            Action::Tick { .. } if self.pending_run.is_some() => self.continue_run(MAX_EVENTS_PER_TICK),
            Action::Tick { wall_ms } => {
                self.tick(wall_ms);
                if self.version % 6 == 0 {
                    self.feed_version += 1;
                }
            }
            Action::Advance { ms } => {
                self.moved_by_hand();
                self.advance_by_us(ms * 1000, usize::MAX);
                self.stop_at_session_limits();
            }
            Action::StepEvent => self.step_event(),
            Action::StepForward if was_live => self.step_event(),
            Action::StepForward => self.step_forward_in_the_past(),
            Action::StepBack => self.step_back(),
            Action::Seek { ms } => self.seek(ms),
            Action::BackToLive => {
                self.moved_by_hand();
                self.session.borrow_mut().back_to_live();
            }
            Action::Exec { line, origin } => {
                self.feed_version += 1;
                self.exec(&line, &origin);
            }
            Action::SetPlaying(playing) => self.set_playing(playing),
            Action::TogglePlaying => self.set_playing(!self.playing),
            Action::SetSpeed(speed) => self.speed = speed.min(SPEEDS.len() - 1),
            Action::SpeedBy(delta) => {
                self.speed = self.speed.saturating_add_signed(delta as isize).min(SPEEDS.len() - 1);
            }
            Action::SetHeartbeats(on) => self.show_heartbeats = on,
            Action::Select(name) => self.selected = Some(name),
            // Listed rather than `_`, so a new action must be placed in one of the two. Never
            // reached (apply_without_refresh took them); if a change breaks that, tests
            // fail here while the page, where a panic aborts, ignores the action instead.
            Action::FieldMessage { .. }
            | Action::Help(_)
            | Action::Highlight(_)
            | Action::Restart { .. }
            | Action::Reset
            | Action::OpenLink { .. }
            | Action::RestorePrevious { .. }
            | Action::Import { .. } => debug_assert!(false, "applied by apply_without_refresh"),
        }
    }

    /// Time moved by hand, not by the play loop: the feed is narrated again and the loop's
    /// unrun fraction of a ms is dropped.
    fn moved_by_hand(&mut self) {
        self.feed_version += 1;
        self.carry_us = 0;
    }

    fn step_event(&mut self) {
        self.moved_by_hand();
        self.session.borrow_mut().step();
    }

    fn set_playing(&mut self, playing: bool) {
        self.playing = playing;
        self.feed_version += 1;
    }

    fn exec(&mut self, line: &str, origin: &str) {
        let line = line.trim();
        if let Some(ms) = self.run_duration(line).filter(|_| origin == "console") {
            self.remember_console_line(line);
            return self.start_run(line, ms);
        }
        let result = self.session.borrow_mut().execute(line);
        let messages = Rc::make_mut(&mut self.field_messages);
        // The line is quoted at most ~80 characters long, so the reason stays on screen.
        let quoted = crate::sim::config::quote_input(line);
        let (ok, text) = match &result {
            Ok(()) => (true, format!("✓ {quoted}")),
            Err(e) => (false, format!("{quoted}: {e}")),
        };
        messages.insert(origin.to_string(), (ok, text.clone()));
        if origin == "console" {
            self.remember_console_line(line);
        }
        let after_events = self.session.borrow().events().len();
        let at_ms = self.session.borrow().now_ms();
        Rc::make_mut(&mut self.notes).push(Note { after_events, at_ms, text: format!("> {text}"), ok });
        if result.is_ok() && line.starts_with("seed ") {
            self.seed = line[5..].trim().parse().unwrap_or(self.seed);
        }
    }
}

impl PlaygroundState {
    /// The console's history (↑ brings it back), without repeating the last line.
    fn remember_console_line(&mut self, line: &str) {
        let history = Rc::make_mut(&mut self.history);
        if !line.is_empty() && history.last().map(String::as_str) != Some(line) {
            history.push(line.to_string());
        }
    }
}

/// Runs the session's clock or a command: done while looking at the past, it starts a branch.
fn acts_on_session(action: &Action, was_live: bool) -> bool {
    matches!(action, Action::Tick { .. } | Action::Advance { .. } | Action::StepEvent | Action::Exec { .. })
        || matches!(action, Action::StepForward if was_live)
}

/// The action bumps `save_version`, so the page saves the session. Not play-loop ticks, which
/// would write storage many times a second: stopping play saves instead.
fn worth_saving(action: &Action) -> bool {
    matches!(
        action,
        Action::Exec { .. }
            | Action::Advance { .. }
            | Action::StepEvent
            | Action::SetPlaying(false)
            | Action::BackToLive
    ) || matches!(action, Action::StepForward | Action::TogglePlaying)
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for PlaygroundState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // A shallow copy: the session is shared and changed in place (see the module docs).
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_moves_the_clock_and_reset_returns_to_the_start() {
        let mut state = PlaygroundState::default();
        let start = state.view.clone();
        state.apply(Action::Advance { ms: STEP_MS });
        assert_eq!(state.view.now_ms, start.now_ms + STEP_MS);
        state.apply(Action::Reset);
        assert_eq!(*state.view, *start);
    }

    #[test]
    fn a_refused_line_shows_next_to_its_field_and_changes_nothing() {
        let mut state = PlaygroundState::default();
        let before = state.export_script();
        state.apply(Action::Exec { line: "crash broker 9".into(), origin: "broker".into() });
        let (ok, text) = state.field_message("broker").unwrap();
        assert!(!ok, "{text}");
        assert_eq!(state.export_script(), before);
        state.apply(Action::Exec { line: "crash broker 1".into(), origin: "broker".into() });
        assert!(state.field_message("broker").unwrap().0);
        assert!(state.feed(&FeedFilter::default(), 5).iter().any(|l| l.text.contains("crash broker 1")));
    }

    /// A pasted 100k-character topic name is refused with its reason on screen: the page
    /// quotes at most ~80 characters of what was typed.
    #[test]
    fn a_huge_refused_line_is_quoted_short_with_its_reason() {
        let mut state = PlaygroundState::default();
        let name = "x".repeat(100_000);
        state.apply(Action::Exec { line: format!("topic create {name} partitions=1 rf=1"), origin: "console".into() });
        let (ok, text) = state.field_message("console").unwrap();
        assert!(!ok, "{text}");
        assert!(text.chars().count() < 400, "{} characters", text.chars().count());
        assert!(text.contains("topic name"), "{text}");
    }
}
