//! The session as a full-page component's prop: the shared handle, compared by which session
//! it is and its version (as `SessionHandle` itself is not), so the component is drawn again
//! when the session moved on and reads it in place when it is.
use std::cell::Ref;

use crate::script::session::Session;
use crate::ui::state::SessionHandle;

#[derive(Clone)]
pub struct SessionProp(pub SessionHandle);

impl SessionProp {
    pub fn borrow(&self) -> Ref<'_, Session> {
        self.0.borrow()
    }
}

impl PartialEq for SessionProp {
    fn eq(&self, other: &Self) -> bool {
        self.0.id == other.0.id && self.0.version == other.0.version
    }
}
