//! The page's handle on its session: the session itself, shared, and how far it has changed.
//!
//! The session lives behind `Rc<RefCell<_>>` and is changed in place: Yew keeps older states
//! alive in callbacks, and cloning a whole simulation (with its trace) on every tick would
//! cost a frame. So a handle is told apart from another not by what the session holds but by
//! which session it is (`id`, unique for the page's life: a restart, an import or an opened
//! link makes a new one) and by its versions, which the reducer bumps as it changes it.
use std::cell::{Cell, Ref, RefCell, RefMut};
use std::rc::Rc;

use crate::script::session::Session;

thread_local! {
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

#[derive(Clone, Debug)]
pub struct SessionHandle {
    cell: Rc<RefCell<Session>>,
    /// Which session: no two sessions of one page share it.
    pub id: u64,
    /// Bumped on every change to the session (every action but those that only change how
    /// the page looks).
    pub version: u64,
    /// Bumped when the feed should be narrated again: on every action but play-loop ticks,
    /// and on every 6th tick (about 10 times a second), so playing stays within a frame.
    pub feed_version: u64,
    /// Bumped after every command worth saving (not on play-loop ticks, which save when
    /// playing stops): the page writes the session to storage when it changes.
    pub save_version: u64,
}

impl SessionHandle {
    pub fn new(session: Session) -> Self {
        let id = NEXT_ID.with(|next| next.replace(next.get() + 1));
        SessionHandle { cell: Rc::new(RefCell::new(session)), id, version: 0, feed_version: 0, save_version: 0 }
    }

    pub fn borrow(&self) -> Ref<'_, Session> {
        self.cell.borrow()
    }

    pub fn borrow_mut(&self) -> RefMut<'_, Session> {
        self.cell.borrow_mut()
    }

    /// Both handles share one session (not a restart, an import or an opened link).
    pub fn same_session(&self, other: &SessionHandle) -> bool {
        self.id == other.id
    }

    pub fn export_script(&self) -> String {
        self.borrow().export_script()
    }

    /// The narrated trace of the state shown, one line per event.
    pub fn trace_text(&self) -> String {
        // A session resumed from a checkpoint holds only its latest events until then.
        self.borrow_mut().rebuild_past();
        let session = self.borrow();
        let cluster = session.cluster();
        let mut text = String::new();
        for event in session.events() {
            text.push_str(&cluster.trace_line(event));
            text.push('\n');
        }
        text
    }
}
