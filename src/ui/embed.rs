//! The page inside another page (issue 16): a teacher's slide or course page shows it in an
//! iframe at `…/#embed`, or `…/#embed:LINK` with a share link's session preloaded. It opens
//! in presentation mode and keeps nothing: it neither reads nor writes the browser's saved
//! session, speed or presentation choice, so a slide never replaces a learner's own work
//! in the playground (they share the site's storage), and every showing starts the same.
use crate::ui::field::Field;
use crate::ui::state::{Action, PlaygroundState};

/// The share link after `#embed` ("" for none); `None` when the page is not embedded.
pub fn embedded_link(hash: &str) -> Option<&str> {
    let rest = hash.strip_prefix("#embed")?;
    (rest.is_empty() || rest.starts_with(':')).then(|| rest.trim_start_matches(':'))
}

/// The embedded page's first state: the link's session (or, when it cannot be opened, the
/// default cluster and why), presenting, never saved.
pub fn embedded_state(link: &str) -> PlaygroundState {
    let mut state = match link {
        // `#embed:lesson=ID`: the lesson opens its own cluster (the full page's lesson panel).
        "" => PlaygroundState::default(),
        lesson if lesson.starts_with("lesson=") => PlaygroundState::default(),
        link => PlaygroundState::from_link(link).unwrap_or_else(|text| {
            let mut state = PlaygroundState::default();
            state.messages.show(Field::Link, false, format!("{text} Showing the default cluster."));
            state
        }),
    };
    state.prefs.embedded = true;
    state.apply(Action::Present(Some(true)));
    state
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::share::encode_session;

    #[test]
    fn only_embed_fragments_embed() {
        assert_eq!(embedded_link("#embed"), Some(""));
        assert_eq!(embedded_link("#embed:AbC"), Some("AbC"));
        assert_eq!(embedded_link("#embedded"), None);
        assert_eq!(embedded_link("#AbC"), None);
        assert_eq!(embedded_link(""), None);
    }

    #[test]
    fn an_embedded_link_opens_its_session_presenting() {
        let script = "seed 3\nbrokers 4\ntopic create t partitions=2 rf=3\nrun 1s\n";
        let state = embedded_state(&encode_session(script));
        assert!(state.prefs.embedded && state.prefs.presenting);
        assert_eq!(state.views.cluster.brokers.len(), 4);
        assert_eq!(state.views.cluster.now_ms, 1000);
    }

    #[test]
    fn a_bad_embedded_link_shows_the_default_cluster_and_says_why() {
        let state = embedded_state("not-a-link!");
        assert_eq!(state.views.cluster.brokers.len(), 3);
        let (ok, text) = state.field_message(Field::Link).expect("a message");
        assert!(!ok && text.contains("could not be opened"), "{text}");
    }
}
