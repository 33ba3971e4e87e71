//! The learner's progress through the lessons, kept in this browser (local storage): for
//! each lesson the furthest step reached and whether it was finished, for each challenge
//! whether it was won and with how few faults. An unreadable record starts afresh rather
//! than failing the page.
use std::cell::Cell;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

const PROGRESS_KEY: &str = "kafka-replication-playground/lessons";
/// The learner's own session, kept while a lesson replaces it (restored on leaving).
const BEFORE_KEY: &str = "kafka-replication-playground/before-lesson";

/// What the lessons last put on the page in this tab: a lesson's step or a challenge. After
/// a reload it tells the tab's own lesson apart from a link opened afresh.
const SHOWN_KEY: &str = "kafka-replication-playground/lesson-shown";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// The furthest step reached (0-based).
    #[serde(default)]
    pub step: usize,
    #[serde(default)]
    pub done: bool,
    /// A challenge's best score: the fewest faults it was won with.
    #[serde(default)]
    pub best_faults: Option<u32>,
}

thread_local! {
    /// An embedded page (`ui::embed`) keeps nothing: the site's storage is the learner's.
    static KEEPS_NOTHING: Cell<bool> = const { Cell::new(false) };
}

/// Called once by an embedded page: its lessons write no progress and keep no session.
pub fn keep_nothing() {
    KEEPS_NOTHING.with(|k| k.set(true));
}

fn storage() -> Option<web_sys::Storage> {
    if KEEPS_NOTHING.with(Cell::get) {
        return None;
    }
    web_sys::window()?.local_storage().ok()?
}

fn tab_storage() -> Option<web_sys::Storage> {
    if KEEPS_NOTHING.with(Cell::get) {
        return None;
    }
    web_sys::window()?.session_storage().ok()?
}

pub fn load_all() -> BTreeMap<String, Progress> {
    let text = storage().and_then(|s| s.get_item(PROGRESS_KEY).ok().flatten()).unwrap_or_default();
    serde_json::from_str(&text).unwrap_or_default()
}

/// Records `change` for lesson `id` and gives back the whole record.
pub fn update(id: &str, change: impl FnOnce(&mut Progress)) -> BTreeMap<String, Progress> {
    let mut all = load_all();
    change(all.entry(id.to_owned()).or_default());
    if let (Some(store), Ok(text)) = (storage(), serde_json::to_string(&all)) {
        let _ = store.set_item(PROGRESS_KEY, &text);
    }
    all
}

/// Keeps the learner's session aside when a lesson first replaces it; a lesson that
/// follows another keeps the first one's copy.
pub fn keep_session_before(script: &str) {
    if let Some(store) = tab_storage() {
        if store.get_item(BEFORE_KEY).ok().flatten().is_none() {
            let _ = store.set_item(BEFORE_KEY, script);
        }
    }
}

/// The session kept aside, taken out of storage.
pub fn take_session_before() -> Option<String> {
    let store = tab_storage()?;
    let script = store.get_item(BEFORE_KEY).ok().flatten()?;
    let _ = store.remove_item(BEFORE_KEY);
    Some(script)
}

/// A lesson's step (`ID&step=N`) or a challenge (`ID`) was put on the page in this tab.
pub fn mark_shown(what: &str) {
    if let Some(store) = tab_storage() {
        let _ = store.set_item(SHOWN_KEY, what);
    }
}

/// Whether `what` is what the lessons last put on the page in this tab (so a page starting
/// on its link is this tab reloaded, not the link opened afresh).
pub fn was_shown(what: &str) -> bool {
    tab_storage().and_then(|s| s.get_item(SHOWN_KEY).ok().flatten()).is_some_and(|shown| shown == what)
}

/// A lesson or challenge is being opened on purpose (the map, a link): it sets its scene.
pub fn forget_shown() {
    if let Some(store) = tab_storage() {
        let _ = store.remove_item(SHOWN_KEY);
    }
}
