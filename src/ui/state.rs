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
use std::cell::{Ref, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::script::session::{Marker, Session};
use crate::script::share::decode_session;
use crate::sim::config::ReplicationMode;
use crate::sim::event::EventKind;
use crate::sim::view_detail::{ClientView, ControllerView, MessageView, PartitionDetail};
use crate::sim::ClusterView;

/// The most a saved session may take in the browser's local storage: past it, saving stops
/// and the last good copy stays (the page says so).
pub const MAX_SAVED_BYTES: usize = 512 * 1024;

/// How far one press of "+100 ms" advances simulated time.
pub const STEP_MS: u64 = 100;
/// The speeds on offer: 1.0 is real time.
pub const SPEEDS: [f64; 11] = [0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0];
/// The default speed: 0.01× makes a 1 ms network hop take 100 ms on screen.
pub const DEFAULT_SPEED: usize = 0;
/// Cells shown per replica log.
pub const MAX_CELLS: usize = 24;
/// Records shown per producer.
pub const MAX_RECORDS: usize = 12;
/// The most events one play-loop tick may process: at 100× on a big cluster the clock then
/// falls behind real time rather than the page freezing.
pub const MAX_EVENTS_PER_TICK: usize = 6_000;
/// A tick never covers more than this much wall time (a throttled background tab).
pub const MAX_TICK_WALL_MS: f64 = 100.0;

/// A ready-made cluster to start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// 3 brokers on racks a, b, c; `orders` with 3 partitions, rf 3, min-isr 2.
    Default,
    /// The lecture's example: 6 brokers, 10 partitions, rf 3 (30 replicas).
    Lecture,
    /// 12 brokers, 60 partitions (the frame-time benchmark).
    Twelve,
    /// 50 brokers, 500 partitions (the big-cluster benchmark).
    Fifty,
}

impl Preset {
    pub const ALL: [Preset; 4] = [Preset::Default, Preset::Lecture, Preset::Twelve, Preset::Fifty];

    pub fn id(self) -> &'static str {
        match self {
            Preset::Default => "default",
            Preset::Lecture => "lecture",
            Preset::Twelve => "12x60",
            Preset::Fifty => "50x500",
        }
    }

    pub fn from_id(id: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            Preset::Default => "3 brokers, 3 partitions, rf 3",
            Preset::Lecture => "6 brokers, 10 partitions, rf 3 (30 replicas)",
            Preset::Twelve => "12 brokers, 60 partitions, rf 3",
            Preset::Fifty => "50 brokers, 500 partitions, rf 3",
        }
    }

    /// The script that builds it (after `seed N`).
    pub fn script(self) -> &'static str {
        match self {
            Preset::Default => "brokers 3 racks=a,b,c\ntopic create orders partitions=3 rf=3 min-isr=2 start=0\nrun 10ms\n",
            Preset::Lecture => "brokers 6 racks=a,b,c\ntopic create orders partitions=10 rf=3 min-isr=2 start=0\nrun 10ms\n",
            Preset::Twelve => "brokers 12 racks=a,b,c\ntopic create orders partitions=60 rf=3 min-isr=2 start=0\nrun 10ms\n",
            Preset::Fifty => "brokers 50 racks=a,b,c,d,e\ntopic create orders partitions=500 rf=3 min-isr=2 start=0\nrun 10ms\n",
        }
    }
}

/// A producer sending at a steady rate: record `prefix-N` every `interval_us` of simulated time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SteadyRate {
    pub topic: String,
    pub per_second: u32,
    pub acks: String,
    /// Simulated time of the next record, in µs.
    pub next_due_us: u64,
    pub sent: u64,
}

/// A line of the console's echo in the feed, placed after the events that came before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// How many events existed when it was written.
    pub after_events: usize,
    pub at_ms: u64,
    pub text: String,
    pub ok: bool,
}

/// What a feed entry touched, to highlight it elsewhere on the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlight {
    pub brokers: Vec<u32>,
    pub partition: Option<String>,
}

/// A safety violation, as the banner tells it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViolationNote {
    pub at_ms: u64,
    pub property: &'static str,
    pub partition: String,
    pub record: Option<String>,
    pub detail: String,
}

/// One line of the event feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedLine {
    /// Event index, or `None` for a console note.
    pub index: Option<usize>,
    pub at_ms: u64,
    pub text: String,
    pub category: &'static str,
    pub brokers: Vec<u32>,
    pub partition: Option<String>,
    /// A console note that reports an error.
    pub error: bool,
}

/// The feed's filters; `None` shows everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedFilter {
    pub partition: Option<String>,
    pub broker: Option<u32>,
    pub category: Option<String>,
}

pub const CATEGORIES: [&str; 11] =
    ["setup", "fault", "network", "produce", "replication", "isr", "controller", "consume", "heartbeat", "violation", "console"];

#[derive(Clone, Debug)]
pub struct PlaygroundState {
    session: Rc<RefCell<Session>>,
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
    pub rate: Option<SteadyRate>,
    pub notes: Rc<Vec<Note>>,
    /// Inline messages per form field: (ok, text).
    pub field_messages: Rc<BTreeMap<String, (bool, String)>>,
    pub seed: u64,
    pub preset: Preset,
    pub highlight: Option<Highlight>,
    pub violations: Rc<Vec<ViolationNote>>,
    events_scanned: usize,
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
    markers_version: u64,
    /// The keyboard overlay (`?`) is open.
    pub help_open: bool,
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
    }
}

/// What a person (or the play loop) can do to the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The play loop: this much wall time passed; advance by it times the speed.
    Tick { wall_ms: f64 },
    /// Advance simulated time by this many milliseconds.
    Advance { ms: u64 },
    /// Process the next queued event.
    StepEvent,
    /// Run one scenario-script line; `origin` names the field its message shows next to.
    Exec { line: String, origin: String },
    /// Show a message next to a field without running anything (client-side validation).
    FieldMessage { origin: String, ok: bool, text: String },
    SetPlaying(bool),
    SetSpeed(usize),
    SetHeartbeats(bool),
    Select(String),
    /// Start over: `seed N`, then a preset.
    Restart { seed: u64, preset: Preset },
    /// Replace the session by a script (an imported `.scenario`); a bad one changes nothing.
    Import { name: String, text: String },
    StartRate { topic: String, per_second: u32, acks: String },
    StopRate,
    Highlight(Option<Highlight>),
    /// Start again from the default cluster.
    Reset,
    /// Show the state at this simulated time (the timeline); stops playing.
    Seek { ms: u64 },
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
    OpenLink { fragment: String },
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

    /// The page opened with a share link: its session, or (a bad link) the default
    /// cluster with the reason next to the link controls. Never half-loaded.
    pub fn from_link(fragment: &str) -> Self {
        let script = match decode_session(fragment) {
            Ok(script) => script,
            Err(e) => return Self::default_with_message("link", format!("This link could not be opened: {e}. Showing the default cluster.")),
        };
        match Session::from_script(&script) {
            Ok(session) => {
                let mut state = Self::with_session(session, 0, Preset::Default);
                state.seed = state.session.borrow().cluster().seed();
                // Save it at once: the opened link is now this browser's session.
                state.save_version = 1;
                let text = format!("✓ Opened the shared session: trace {:016x}", state.trace_hash());
                Rc::make_mut(&mut state.field_messages).insert("link".into(), (true, text));
                state
            }
            Err(e) => Self::default_with_message("link", format!("This link's session does not replay ({e}). Showing the default cluster.")),
        }
    }

    /// The session kept in local storage; a copy that no longer replays gives the default
    /// cluster and says so.
    pub fn from_saved(script: &str) -> Self {
        match Session::from_script(script) {
            Ok(session) => {
                let mut state = Self::with_session(session, 0, Preset::Default);
                state.seed = state.session.borrow().cluster().seed();
                Rc::make_mut(&mut state.field_messages).insert("storage".into(), (true, "✓ Restored the session saved in this browser".into()));
                state
            }
            Err(e) => Self::default_with_message("storage", format!("The session saved in this browser does not replay ({e}); starting from the default cluster.")),
        }
    }

    fn default_with_message(origin: &str, text: String) -> Self {
        let mut state = Self::default();
        Rc::make_mut(&mut state.field_messages).insert(origin.into(), (false, text));
        state
    }

    /// The narrated trace of the state shown, one line per event.
    pub fn trace_text(&self) -> String {
        let session = self.session.borrow();
        let cluster = session.cluster();
        let mut text = String::new();
        for event in session.events() {
            text.push_str(&cluster.trace_line(event));
            text.push('\n');
        }
        text
    }

    pub fn start(seed: u64, preset: Preset) -> Self {
        let session = Session::from_script(&Self::start_script(seed, preset)).expect("a preset's script runs");
        Self::with_session(session, seed, preset)
    }

    fn with_session(session: Session, seed: u64, preset: Preset) -> Self {
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

    /// Simulated time including the fraction the play loop has not run yet, for animation.
    pub fn now_exact_ms(&self) -> f64 {
        self.view.now_ms as f64 + self.carry_us as f64 / 1000.0
    }

    pub fn speed_factor(&self) -> f64 {
        SPEEDS[self.speed.min(SPEEDS.len() - 1)]
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

    pub fn apply(&mut self, action: Action) {
        let was_live = self.live;
        let acts = matches!(action, Action::Tick { .. } | Action::Advance { .. } | Action::StepEvent | Action::Exec { .. })
            || matches!(action, Action::StepForward if was_live);
        if matches!(action, Action::Exec { .. } | Action::Advance { .. } | Action::StepEvent | Action::SetPlaying(false) | Action::BackToLive)
            || matches!(action, Action::StepForward | Action::TogglePlaying)
        {
            self.save_version += 1;
        }
        match action {
            Action::Tick { wall_ms } => {
                self.tick(wall_ms);
                if self.version % 6 == 0 {
                    self.feed_version += 1;
                }
            }
            Action::Advance { ms } => {
                self.feed_version += 1;
                self.carry_us = 0;
                self.advance_with_rate(ms * 1000, usize::MAX);
            }
            Action::StepEvent => {
                self.feed_version += 1;
                self.carry_us = 0;
                self.session.borrow_mut().step();
            }
            Action::Exec { line, origin } => {
                self.feed_version += 1;
                self.exec(&line, &origin);
            }
            Action::FieldMessage { origin, ok, text } => {
                Rc::make_mut(&mut self.field_messages).insert(origin, (ok, text));
                return;
            }
            Action::SetPlaying(playing) => {
                self.playing = playing;
                self.feed_version += 1;
            }
            Action::SetSpeed(speed) => self.speed = speed.min(SPEEDS.len() - 1),
            Action::SetHeartbeats(on) => self.show_heartbeats = on,
            Action::Select(name) => self.selected = Some(name),
            Action::Restart { seed, preset } => {
                let save_version = self.save_version + 1;
                *self = PlaygroundState::start(seed, preset);
                self.save_version = save_version;
                return;
            }
            Action::Import { name, text } => {
                let save_version = self.save_version + 1;
                self.import(&name, &text);
                self.save_version = save_version;
                return;
            }
            Action::OpenLink { fragment } => {
                let save_version = self.save_version + 1;
                *self = PlaygroundState::from_link(&fragment);
                self.save_version = save_version;
                return;
            }
            Action::Help(open) => {
                self.help_open = open.unwrap_or(!self.help_open);
                return;
            }
            Action::StartRate { topic, per_second, acks } => self.start_rate(topic, per_second, acks),
            Action::StopRate => self.rate = None,
            Action::Highlight(h) => {
                self.highlight = h;
                return;
            }
            Action::Reset => {
                let save_version = self.save_version + 1;
                *self = PlaygroundState::start(self.seed, self.preset);
                self.save_version = save_version;
                return;
            }
            Action::Seek { ms } => self.seek(ms),
            Action::StepBack => {
                let now = self.now_ms();
                let previous = self.session.borrow().events().iter().rev().map(|e| e.at).find(|&at| at < now);
                self.seek(previous.unwrap_or(now.saturating_sub(1)));
            }
            Action::StepForward if was_live => {
                self.feed_version += 1;
                self.carry_us = 0;
                self.session.borrow_mut().step();
            }
            Action::StepForward => self.seek(self.now_ms() + 1),
            Action::BackToLive => {
                self.feed_version += 1;
                self.carry_us = 0;
                self.session.borrow_mut().back_to_live();
            }
            Action::TogglePlaying => {
                self.playing = !self.playing;
                self.feed_version += 1;
            }
            Action::SpeedBy(delta) => {
                self.speed = self.speed.saturating_add_signed(delta as isize).min(SPEEDS.len() - 1);
            }
        }
        if acts && !was_live && self.session.borrow().is_live() {
            self.branched();
        }
        self.refresh();
    }

    fn seek(&mut self, ms: u64) {
        self.playing = false;
        self.carry_us = 0;
        self.feed_version += 1;
        self.session.borrow_mut().seek(ms);
        let now_ms = self.session.borrow().now_ms();
        if let Some(rate) = self.rate.as_mut() {
            // A branch from here sends from here, not when the discarded future would have.
            rate.next_due_us = now_ms * 1000;
        }
    }

    /// Acting in the past discarded the future: forget what belonged to it.
    fn branched(&mut self) {
        let events = self.session.borrow().events().len();
        let now = self.session.borrow().now_ms();
        Rc::make_mut(&mut self.notes).retain(|n| n.after_events <= events && n.at_ms <= now);
        Rc::make_mut(&mut self.violations).retain(|v| v.at_ms <= now);
        self.markers_version = u64::MAX;
    }

    fn tick(&mut self, wall_ms: f64) {
        if !self.playing || !wall_ms.is_finite() || wall_ms <= 0.0 {
            return;
        }
        let sim_us = (wall_ms.min(MAX_TICK_WALL_MS) * self.speed_factor() * 1000.0) as u64;
        let total_us = self.carry_us + sim_us;
        self.carry_us = 0;
        let before = self.session.borrow().events().len();
        let left_us = self.advance_with_rate(total_us, MAX_EVENTS_PER_TICK);
        // Whatever the cap cut off is dropped: the clock slows instead of the page.
        self.carry_us = left_us.min(999);
        self.last_tick_events = self.session.borrow().events().len() - before;
    }

    /// Advances by `us` of simulated time, sending the steady rate's records when due (at
    /// the first whole ms at or after their time), until the events processed pass
    /// `max_events`. Returns the µs not run: under 1 ms unless the cap stopped it.
    fn advance_with_rate(&mut self, us: u64, max_events: usize) -> u64 {
        let cell = Rc::clone(&self.session);
        let mut session = cell.borrow_mut();
        let start_events = session.events().len();
        let end_us = session.now_ms() * 1000 + us;
        let end_ms = end_us / 1000;
        loop {
            let now = session.now_ms();
            self.send_due(&mut session, now);
            if now >= end_ms || session.events().len() - start_events > max_events {
                break;
            }
            // Chunks of at most 50 ms keep the cap's granularity fine.
            let mut target = end_ms.min(now + 50);
            if let Some(rate) = &self.rate {
                target = target.min(rate.next_due_us.div_ceil(1000).max(now + 1));
            }
            session.advance(target - now);
        }
        end_us.saturating_sub(session.now_ms() * 1000)
    }

    fn send_due(&mut self, session: &mut Session, now_ms: u64) {
        while let Some(rate) = self.rate.as_mut() {
            if rate.next_due_us > now_ms * 1000 {
                return;
            }
            rate.sent += 1;
            rate.next_due_us += 1_000_000 / u64::from(rate.per_second.max(1));
            let line = format!("produce {} r{} acks={}", rate.topic, rate.sent, rate.acks);
            if let Err(e) = session.execute(&line) {
                Rc::make_mut(&mut self.field_messages).insert("rate".into(), (false, format!("{line}: {e}")));
                self.rate = None;
            }
        }
    }

    fn start_rate(&mut self, topic: String, per_second: u32, acks: String) {
        let per_second = per_second.clamp(1, 1000);
        let now_us = self.session.borrow().now_ms() * 1000;
        let sent = self.rate.as_ref().map_or(0, |r| r.sent);
        self.rate = Some(SteadyRate { topic, per_second, acks, next_due_us: now_us, sent });
    }

    fn exec(&mut self, line: &str, origin: &str) {
        let line = line.trim();
        let result = self.session.borrow_mut().execute(line);
        let messages = Rc::make_mut(&mut self.field_messages);
        let (ok, text) = match &result {
            Ok(()) => (true, format!("✓ {line}")),
            Err(e) => (false, format!("{line}: {e}")),
        };
        messages.insert(origin.to_string(), (ok, text.clone()));
        if origin == "console" && !line.is_empty() {
            let history = Rc::make_mut(&mut self.history);
            if history.last().map(String::as_str) != Some(line) {
                history.push(line.to_string());
            }
        }
        let after_events = self.session.borrow().events().len();
        let at_ms = self.session.borrow().now_ms();
        Rc::make_mut(&mut self.notes).push(Note { after_events, at_ms, text: format!("> {text}"), ok });
        if result.is_ok() && line.starts_with("seed ") {
            self.seed = line[5..].trim().parse().unwrap_or(self.seed);
        }
    }

    fn import(&mut self, name: &str, text: &str) {
        match Session::from_script(text) {
            Ok(session) => {
                let seed = session.cluster().seed();
                let mut next = Self::with_session(session, seed, self.preset);
                next.speed = self.speed;
                next.show_heartbeats = self.show_heartbeats;
                let at_ms = next.now_ms();
                let after_events = next.session.borrow().events().len();
                let text = format!("imported {name}");
                Rc::make_mut(&mut next.field_messages).insert("import".into(), (true, format!("✓ {text}")));
                Rc::make_mut(&mut next.notes).push(Note { after_events, at_ms, text: format!("> {text}"), ok: true });
                *self = next;
            }
            Err(e) => {
                let text = format!("{name} was not imported, nothing changed: {e}");
                Rc::make_mut(&mut self.field_messages).insert("import".into(), (false, text.clone()));
                let at_ms = self.now_ms();
                let after_events = self.session.borrow().events().len();
                Rc::make_mut(&mut self.notes).push(Note { after_events, at_ms, text: format!("> {text}"), ok: false });
            }
        }
    }

    /// Recomputes the views the components render, once per change.
    fn refresh(&mut self) {
        self.version += 1;
        let session = self.session.borrow();
        let cluster = session.cluster();
        self.view = Rc::new(cluster.view());
        if self.selected.as_ref().is_none_or(|s| !self.view.partitions.iter().any(|p| &p.name == s)) {
            self.selected = self.view.partitions.first().map(|p| p.name.clone());
        }
        self.detail = self.selected.as_deref().and_then(|name| {
            let id = partition_id(cluster, name)?;
            cluster.partition_detail(id, MAX_CELLS).map(Rc::new)
        });
        self.messages = Rc::new(cluster.messages_in_flight());
        self.clients = Rc::new(cluster.clients_view(MAX_RECORDS));
        self.controller = cluster.controller_view();
        self.manual_replication = cluster.config().replication == ReplicationMode::Manual;
        let settings: Vec<(&'static str, String)> =
            crate::sim::config::SETTINGS.iter().map(|s| (s.key, cluster.config().get(s.key).unwrap_or_default())).collect();
        if *self.settings != settings {
            self.settings = Rc::new(settings);
        }
        self.live = session.is_live();
        self.end_ms = session.end_ms();
        if self.markers_version != self.feed_version {
            self.markers_version = self.feed_version;
            self.markers = Rc::new(session.markers());
        }
        let events = session.events();
        if events.len() < self.events_scanned {
            // Looking back: the violations shown are those up to the moment shown.
            self.events_scanned = 0;
            Rc::make_mut(&mut self.violations).clear();
        }
        let mut found = Vec::new();
        for event in &events[self.events_scanned.min(events.len())..] {
            if let EventKind::SafetyViolation(v) = &event.kind {
                found.push(ViolationNote {
                    at_ms: event.at,
                    property: v.property.name(),
                    partition: cluster.partition_name(v.partition),
                    record: v.record.map(|r| cluster.records.value(r).to_string()),
                    detail: v.detail.clone(),
                });
            }
        }
        self.events_scanned = events.len();
        drop(session);
        if !found.is_empty() {
            Rc::make_mut(&mut self.violations).extend(found);
        }
    }

    /// The newest `limit` feed lines that pass the filter, newest first. Looks back at
    /// most `scan` events, so a rare filter on a long run stays cheap.
    pub fn feed(&self, filter: &FeedFilter, limit: usize) -> Vec<FeedLine> {
        let session = self.session.borrow();
        let cluster = session.cluster();
        let events = session.events();
        let notes = &self.notes;
        let mut lines = Vec::new();
        // Notes from a future the page is not showing (looking back) stay hidden.
        let mut note_index = notes.partition_point(|n| n.after_events <= events.len());
        let scan = 50_000;
        let lowest = events.len().saturating_sub(scan);
        let mut i = events.len();
        let note_passes = |_: &Note| filter.partition.is_none() && filter.broker.is_none() && filter.category.as_deref().is_none_or(|c| c == "console");
        while lines.len() < limit {
            // Notes written after event i-1 come before it, newest first.
            if note_index > 0 && notes[note_index - 1].after_events >= i {
                note_index -= 1;
                let note = &notes[note_index];
                if note_passes(note) {
                    lines.push(FeedLine { index: None, at_ms: note.at_ms, text: note.text.clone(), category: "console", brokers: vec![], partition: None, error: !note.ok });
                }
                continue;
            }
            if i == lowest {
                break;
            }
            i -= 1;
            let event = &events[i];
            let category = event.kind.category();
            if filter.category.as_deref().is_some_and(|c| c != category) {
                continue;
            }
            let brokers = event.kind.brokers();
            if filter.broker.is_some_and(|b| !brokers.contains(&b)) {
                continue;
            }
            let partition = event.kind.partition().map(|p| cluster.partition_name(p));
            if filter.partition.is_some() && filter.partition != partition {
                continue;
            }
            lines.push(FeedLine { index: Some(i), at_ms: event.at, text: cluster.narrate(&event.kind), category, brokers, partition, error: false });
        }
        lines
    }
}

/// "orders-2" → the partition, if the topic and index exist.
pub fn partition_id(cluster: &crate::sim::Cluster, name: &str) -> Option<crate::sim::ids::PartitionId> {
    let (topic, index) = name.rsplit_once('-')?;
    cluster.partition_by_name(topic, index.parse().ok()?)
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
    fn the_default_preset_matches_the_core_default_cluster() {
        let state = PlaygroundState::default();
        assert_eq!(*state.view, crate::sim::presets::default_cluster().view());
        assert_eq!(state.selected.as_deref(), Some("orders-0"));
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

    #[test]
    fn play_advances_by_wall_time_times_speed_in_fractions_of_a_ms() {
        let mut state = PlaygroundState::default();
        let start = state.now_ms();
        state.apply(Action::Tick { wall_ms: 16.0 });
        assert_eq!(state.now_ms(), start, "paused");
        state.apply(Action::SetPlaying(true));
        for _ in 0..10 {
            state.apply(Action::Tick { wall_ms: 50.0 }); // 0.5 ms each at 0.01×
        }
        assert_eq!(state.now_ms(), start + 5);
        state.apply(Action::SetSpeed(4)); // 1×
        state.apply(Action::Tick { wall_ms: 20.0 });
        assert_eq!(state.now_ms(), start + 25);
    }

    #[test]
    fn a_steady_rate_sends_records_at_simulated_times_and_exports_them() {
        let mut state = PlaygroundState::default();
        state.apply(Action::StartRate { topic: "orders".into(), per_second: 100, acks: "all".into() });
        state.apply(Action::Advance { ms: 1000 });
        let records: usize = state.clients.iter().filter(|c| c.is_producer).map(|c| c.records.len()).sum();
        assert!(records > 0);
        let script = state.export_script();
        assert!(script.contains("produce orders r100 acks=all"), "{script}");
        assert!(!script.contains("produce orders r102 "), "{script}");
        let again = Session::from_script(&script).unwrap();
        assert_eq!(again.trace_hash(), state.trace_hash());
    }

    #[test]
    fn import_of_a_bad_script_keeps_the_session() {
        let mut state = PlaygroundState::default();
        state.apply(Action::Advance { ms: 300 });
        let before = state.trace_hash();
        state.apply(Action::Import { name: "bad.scenario".into(), text: "brokers 3\nfly\n".into() });
        assert_eq!(state.trace_hash(), before);
        assert!(!state.field_message("import").unwrap().0);
        let script = state.export_script();
        state.apply(Action::Import { name: "good.scenario".into(), text: script });
        assert_eq!(state.trace_hash(), before);
    }

    #[test]
    fn seeking_back_shows_the_past_and_acting_there_branches() {
        let mut state = PlaygroundState::default();
        state.apply(Action::Exec { line: "crash broker 1".into(), origin: "console".into() });
        state.apply(Action::Advance { ms: 12_000 });
        let live_hash = state.trace_hash();
        assert!(state.markers.iter().any(|m| m.kind == crate::script::session::MarkerKind::Election), "{:?}", state.markers);
        state.apply(Action::Seek { ms: 3_000 });
        assert!(!state.live);
        assert_eq!(state.now_ms(), 3_000);
        assert_eq!(state.end_ms, 12_010);
        state.apply(Action::StepBack);
        assert!(state.now_ms() < 3_000);
        state.apply(Action::BackToLive);
        assert!(state.live);
        assert_eq!(state.trace_hash(), live_hash);
        state.apply(Action::Seek { ms: 3_000 });
        state.apply(Action::Exec { line: "produce orders v1".into(), origin: "produce".into() });
        assert!(state.live, "acting in the past starts a new branch at its end");
        assert_eq!(state.end_ms, 3_000);
        assert!(state.feed(&FeedFilter::default(), 50).iter().all(|l| l.at_ms <= 3_000));
    }

    #[test]
    fn keys_change_speed_within_bounds_and_step_forward_in_the_past_does_not_branch() {
        let mut state = PlaygroundState::default();
        state.apply(Action::SpeedBy(-1));
        assert_eq!(state.speed, 0);
        state.apply(Action::SpeedBy(1));
        assert_eq!(state.speed, 1);
        state.apply(Action::Advance { ms: 500 });
        state.apply(Action::Seek { ms: 100 });
        state.apply(Action::StepForward);
        assert_eq!((state.now_ms(), state.live), (101, false));
    }

    #[test]
    fn a_link_round_trips_and_a_bad_one_gives_the_default_cluster_with_a_reason() {
        let mut state = PlaygroundState::default();
        state.apply(Action::Exec { line: "crash broker 2".into(), origin: "console".into() });
        state.apply(Action::Advance { ms: 2_000 });
        let link = crate::script::share::encode_session(&state.export_script());
        let opened = PlaygroundState::from_link(&format!("#{link}"));
        assert_eq!(opened.trace_hash(), state.trace_hash());
        assert!(opened.field_message("link").unwrap().0);
        let default_hash = PlaygroundState::default().trace_hash();
        for bad in [&link[..link.len() / 2], "#AAAA", "#not a link!", &format!("#B{}", &link[1..])] {
            let opened = PlaygroundState::from_link(bad);
            assert_eq!(opened.trace_hash(), default_hash, "{bad}");
            let (ok, text) = opened.field_message("link").unwrap();
            assert!(!ok && text.contains("could not be opened"), "{text}");
        }
        let unreplayable = crate::script::share::encode_session("brokers 3\ncrash broker 9\n");
        let (ok, text) = PlaygroundState::from_link(&unreplayable).field_message("link").unwrap();
        assert!(!ok && text.contains("does not replay"), "{text}");
    }

    #[test]
    fn the_trace_text_has_one_line_per_event() {
        let mut state = PlaygroundState::default();
        state.apply(Action::Advance { ms: 100 });
        let text = state.trace_text();
        assert_eq!(text.lines().count(), state.session().events().len());
        assert!(text.starts_with("[   0.000s] "), "{text}");
    }
}
