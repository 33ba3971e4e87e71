//! Sessions in and out of the page: opening a share link, restoring the copy saved in local
//! storage, importing a `.scenario` file, and the narrated trace for download. Each one either
//! replaces the whole session or changes nothing and says why next to its control, never
//! half-loads. Reading files, storage and the address bar is the components' job (`persist`,
//! `session_bar`); this file only turns their text into state.
use std::rc::Rc;

use crate::script::session::Session;
use crate::script::share::decode_session;
use crate::ui::feed_lines::Note;
use crate::ui::state::{PlaygroundState, Preset};

/// The most a saved session may take in the browser's local storage: past it, saving stops
/// and the last good copy stays (the page says so).
pub const MAX_SAVED_BYTES: usize = 512 * 1024;

impl PlaygroundState {
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

    pub(super) fn import(&mut self, name: &str, text: &str) {
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
}

#[cfg(test)]
mod tests {
    use crate::ui::state::{Action, PlaygroundState};

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
