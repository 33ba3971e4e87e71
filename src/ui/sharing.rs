//! Sessions in and out of the page: opening a share link, restoring the copy saved in local
//! storage, importing a `.scenario` file, and the narrated trace for download. Each one either
//! replaces the whole session or changes nothing and says why next to its control, never
//! half-loads. Reading files, storage and the address bar is the components' job (`persist`,
//! `session_bar`); this file only turns their text into state.
use crate::script::session::Session;
use crate::script::share::decode_session;
use crate::ui::field::Field;
use crate::ui::prefs::Prefs;
use crate::ui::state::{PlaygroundState, Preset};

/// The most a saved session may take in the browser's storage: the same bound as a link or
/// an imported file, so whatever is saved opens again. Past it, saving pauses and the last
/// good copy stays (the page says so).
pub const MAX_SAVED_BYTES: usize = crate::script::share::MAX_SCRIPT_BYTES;

impl PlaygroundState {
    /// The session a share link holds, or why it cannot be opened. Never half-loaded.
    pub fn from_link(fragment: &str) -> Result<Self, String> {
        let script = decode_session(fragment).map_err(|e| format!("This link could not be opened: {e}."))?;
        let session =
            Session::from_script(&script).map_err(|e| format!("This link's session does not replay ({e})."))?;
        let mut state = Self::with_session(session, Preset::Default);
        // Save it at once: the opened link is now this tab's session.
        state.session.save_version = 1;
        let text = format!("✓ Opened the shared session: trace {:016x}", state.trace_hash());
        state.messages.show(Field::Link, true, text);
        Ok(state)
    }

    /// A link pasted into the address bar of the open page: its session replaces this one,
    /// or, when it cannot be opened, this session stays as it is and the page says why.
    pub(super) fn open_link(&mut self, fragment: &str) {
        match Self::from_link(fragment) {
            Ok(mut next) => {
                next.prefs.speed = self.prefs.speed;
                next.session.save_version = self.session.save_version + 1;
                *self = next;
            }
            Err(text) => self.messages.show(Field::Link, false, format!("{text} Your session is unchanged.")),
        }
    }

    /// The page's first state: a share link wins, then the session this tab or this browser
    /// saved (resumed from its checkpoint when there is one), then the default cluster. A
    /// link that cannot be opened leaves the saved session as it was (and says why): a bad
    /// link never costs a session.
    pub fn opening(link: Option<&str>, saved: Option<&str>, checkpoint: Option<&[u8]>) -> Self {
        let link_error = match link.map(Self::from_link) {
            Some(Ok(state)) => return state,
            Some(Err(text)) => Some(text),
            None => None,
        };
        let mut state = saved.map_or_else(Self::default, |script| Self::from_saved(script, checkpoint));
        if let Some(text) = link_error {
            let kept =
                if saved.is_some() { "Your saved session is open instead." } else { "Showing the default cluster." };
            state.messages.show(Field::Link, false, format!("{text} {kept}"));
        }
        state
    }

    /// The session kept in local storage; a copy that no longer replays gives the default
    /// cluster and says so. With the checkpoint saved beside it, only what the copy has after
    /// the checkpoint is replayed (a checkpoint that does not fit is ignored: same session).
    pub fn from_saved(script: &str, checkpoint: Option<&[u8]>) -> Self {
        let opened = match checkpoint {
            Some(checkpoint) => Session::resume(script, checkpoint).map(|resumed| resumed.session),
            None => Session::from_script(script),
        };
        match opened {
            Ok(session) => {
                let mut state = Self::with_session(session, Preset::Default);
                state.messages.show(Field::Storage, true, "✓ Restored the session saved in this browser".into());
                state
            }
            Err(e) => Self::default_with_message(
                Field::Storage,
                format!("The session saved in this browser does not replay ({e}); starting from the default cluster."),
            ),
        }
    }

    /// The previous session back (the one open now becomes the previous one when saved).
    pub(super) fn restore_previous(&mut self, script: &str) {
        match Session::from_script(script) {
            Ok(session) => {
                let mut next = Self::with_session(session, self.preset);
                next.prefs.speed = self.prefs.speed;
                let text = "✓ Restored the previous session; the one you had is now the previous one".to_owned();
                next.messages.show(Field::Storage, true, text);
                *self = next;
            }
            Err(e) => {
                let text = format!("The previous session does not replay ({e}); nothing changed.");
                self.messages.show(Field::Storage, false, text);
            }
        }
    }

    fn default_with_message(field: Field, text: String) -> Self {
        let mut state = Self::default();
        state.messages.show(field, false, text);
        state
    }

    pub(super) fn import(&mut self, name: &str, text: &str) {
        let checked = if text.len() > MAX_SAVED_BYTES {
            Err(format!(
                "it is {} KiB, more than the {} KiB a session may hold",
                text.len() / 1024,
                MAX_SAVED_BYTES / 1024
            ))
        } else {
            Session::from_script(text).map_err(|e| e.to_string())
        };
        match checked {
            Ok(session) => {
                let mut next = Self::with_session(session, self.preset);
                // The page is shown as it was (presenting, embedded, the partition up close,
                // which falls back when it is gone); only the feed's filter and highlight,
                // which name the old cluster's parts, start afresh. A lesson imports each step.
                next.prefs = Prefs { highlight: None, feed_filter: Default::default(), ..self.prefs.clone() };
                let (at_ms, after_events) = (next.now_ms(), next.session.borrow().events().len());
                let text = format!("imported {name}");
                next.messages.show(Field::Import, true, format!("✓ {text}"));
                next.messages.note(after_events, at_ms, format!("> {text}"), true);
                *self = next;
            }
            Err(e) => {
                let text = format!("{name} was not imported, nothing changed: {e}");
                self.messages.show(Field::Import, false, text.clone());
                let (at_ms, after_events) = (self.now_ms(), self.session.borrow().events().len());
                self.messages.note(after_events, at_ms, format!("> {text}"), false);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ui::state::{statement, Action, Field, PlaygroundState};

    #[test]
    fn import_of_a_bad_script_keeps_the_session() {
        let mut state = PlaygroundState::default();
        state.apply(Action::Advance { ms: 300 });
        let before = state.trace_hash();
        state.apply(Action::Import { name: "bad.scenario".into(), text: "brokers 3\nfly\n".into() });
        assert_eq!(state.trace_hash(), before);
        assert!(!state.field_message(Field::Import).unwrap().0);
        let script = state.export_script();
        state.apply(Action::Import { name: "good.scenario".into(), text: script });
        assert_eq!(state.trace_hash(), before);
    }

    #[test]
    fn a_link_round_trips_and_a_bad_one_says_why() {
        let mut state = PlaygroundState::default();
        state.apply(Action::Console { line: "crash broker 2".into() });
        state.apply(Action::Advance { ms: 2_000 });
        let link = crate::script::share::encode_session(&state.export_script());
        let opened = PlaygroundState::from_link(&format!("#{link}")).unwrap();
        assert_eq!(opened.trace_hash(), state.trace_hash());
        assert!(opened.field_message(Field::Link).unwrap().0);
        for bad in [&link[..link.len() / 2], "#AAAA", "#not a link!", &format!("#B{}", &link[1..])] {
            let text = PlaygroundState::from_link(bad).expect_err("refused");
            assert!(text.contains("could not be opened"), "{text}");
        }
        let unreplayable = crate::script::share::encode_session("brokers 3\ncrash broker 9\n");
        let text = PlaygroundState::from_link(&unreplayable).expect_err("refused");
        assert!(text.contains("does not replay"), "{text}");
    }

    /// The class that lost its work: a truncated link opened in the tab, or on load, used to
    /// reset to the default cluster and overwrite the saved copy. Now the session stays.
    #[test]
    fn a_bad_link_keeps_the_open_session_and_the_saved_one() {
        let mut state = PlaygroundState::default();
        state.apply(Action::Console { line: "crash broker 2".into() });
        state.apply(Action::Advance { ms: 3_000 });
        let (hash, saves) = (state.trace_hash(), state.session.save_version);
        let link = crate::script::share::encode_session(&state.export_script());
        let truncated = format!("#{}", &link[..link.len() - 3]);
        state.apply(Action::OpenLink { fragment: truncated.clone() });
        assert_eq!(state.trace_hash(), hash, "the open session stays");
        assert_eq!(state.session.save_version, saves, "nothing is written over the saved copy");
        let (ok, text) = state.field_message(Field::Link).unwrap();
        assert!(!ok && text.contains("damaged") && text.contains("unchanged"), "{text}");

        let saved = state.export_script();
        let reopened = PlaygroundState::opening(Some(&truncated), Some(&saved), None);
        assert_eq!(reopened.trace_hash(), hash, "on load, the saved session opens instead");
        assert_eq!(reopened.session.save_version, 0, "and is not saved again");
        assert!(reopened.field_message(Field::Link).unwrap().1.contains("saved session is open instead"));
        state.apply(Action::OpenLink { fragment: format!("#{link}") });
        assert_eq!(state.trace_hash(), hash);
        assert!(state.session.save_version > saves, "a good link is saved as the session");
    }

    /// A reload resumes at the simulated time it left, whatever was played since the last
    /// command (the page saves while playing and when it is hidden).
    #[test]
    fn the_saved_copy_resumes_at_the_same_time_after_play() {
        let mut state = PlaygroundState::default();
        state.apply(Action::Run { statement: statement("steady-rate orders 50"), field: Field::Rate });
        state.apply(Action::SetSpeed(4));
        state.apply(Action::SetPlaying(true));
        for _ in 0..200 {
            state.apply(Action::Tick { wall_ms: 16.0 });
        }
        let restored = PlaygroundState::opening(None, Some(&state.export_script()), None);
        assert_eq!(restored.now_ms(), state.now_ms());
        assert!(state.now_ms() > 3_000, "{}", state.now_ms());
        assert_eq!(restored.trace_hash(), state.trace_hash());
        assert_eq!(restored.views.rate, Some(50));
    }

    #[test]
    fn an_import_over_the_size_bound_is_refused_before_it_is_read() {
        let mut state = PlaygroundState::default();
        let before = state.trace_hash();
        let huge = "run 1ms\n".repeat(super::MAX_SAVED_BYTES / 8 + 1);
        state.apply(Action::Import { name: "huge.scenario".into(), text: huge });
        assert_eq!(state.trace_hash(), before);
        let (ok, text) = state.field_message(Field::Import).unwrap();
        assert!(!ok && text.contains("more than the 512 KiB"), "{text}");
    }

    #[test]
    fn a_saved_session_opens_from_its_checkpoint_as_from_its_saved_copy() {
        let mut state = PlaygroundState::default();
        state.apply(Action::Advance { ms: 900_000 });
        assert!(state.session().events().len() > 5_000, "more than a checkpoint's tail");
        let (script, checkpoint) = (state.export_script(), state.session().checkpoint().expect("live"));
        let resumed = PlaygroundState::opening(None, Some(&script), Some(&checkpoint));
        let replayed = PlaygroundState::opening(None, Some(&script), None);
        assert!(!resumed.session().has_whole_past(), "opened from the checkpoint");
        let seen =
            |s: &PlaygroundState| (s.trace_hash(), s.now_ms(), s.export_script(), s.field_message(Field::Storage));
        assert_eq!(seen(&resumed), seen(&replayed));
        assert_eq!(resumed.session.trace_text(), replayed.session.trace_text(), "the whole trace, rebuilt");
        assert!(resumed.session().has_whole_past());
        let damaged = PlaygroundState::opening(None, Some(&script), Some(&checkpoint[..100]));
        assert_eq!(seen(&damaged), seen(&replayed));
    }

    #[test]
    fn the_trace_text_has_one_line_per_event() {
        let mut state = PlaygroundState::default();
        state.apply(Action::Advance { ms: 100 });
        let text = state.session.trace_text();
        assert_eq!(text.lines().count(), state.session().events().len());
        assert!(text.starts_with("[   0.000s] "), "{text}");
    }
}
