//! The session as the components that read it on demand see it, through a Yew context:
//! which session at which version, and readers for what is too costly to make on every
//! render (the script for Export and Copy link, the narrated trace). Compared by its
//! session's id and version, so a consumer is drawn again when the session moved on.
use yew::prelude::*;

use super::state::SessionHandle;

#[derive(Clone, PartialEq)]
pub struct SessionContext {
    /// `SessionHandle::id`: a restart, an import or an opened link makes a new one.
    pub id: u64,
    pub version: u64,
    /// The session (up to the moment shown) as a script, read when called.
    pub export: Callback<(), String>,
    /// The narrated trace of the moment shown, read when called.
    pub trace: Callback<(), String>,
}

impl SessionContext {
    pub fn new(session: &SessionHandle) -> Self {
        let (for_export, for_trace) = (session.clone(), session.clone());
        SessionContext {
            id: session.id,
            version: session.version,
            export: Callback::from(move |()| for_export.export_script()),
            trace: Callback::from(move |()| for_trace.trace_text()),
        }
    }
}

/// The page's session context; every component under `App` has one.
#[hook]
pub fn use_session() -> SessionContext {
    use_context::<SessionContext>().expect("App provides the session context")
}
