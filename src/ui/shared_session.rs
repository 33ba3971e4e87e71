//! The session as the components that read it on demand are handed it: which session at
//! which version, and readers for what is too costly to make on every render (the script
//! for Export and Copy link, the narrated trace). Compared by its session's id and version,
//! so a component holding it is drawn again when the session moved on.
//!
//! A prop rather than a Yew context: only the console and the session bar read it, and
//! `ContextProvider` with `use_context` cost 2.2 kB of the gzipped bundle.
use yew::prelude::*;

use super::state::SessionHandle;

#[derive(Clone, PartialEq)]
pub struct SharedSession {
    /// `SessionHandle::id`: a restart, an import or an opened link makes a new one.
    pub id: u64,
    pub version: u64,
    /// The session (up to the moment shown) as a script, read when called.
    pub export: Callback<(), String>,
    /// The narrated trace of the moment shown, read when called.
    pub trace: Callback<(), String>,
}

impl SharedSession {
    pub fn new(session: &SessionHandle) -> Self {
        let (for_export, for_trace) = (session.clone(), session.clone());
        SharedSession {
            id: session.id,
            version: session.version,
            export: Callback::from(move |()| for_export.export_script()),
            trace: Callback::from(move |()| for_trace.trace_text()),
        }
    }
}
