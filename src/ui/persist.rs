//! The browser's side of keeping and sharing a session: local storage, the URL fragment and
//! the clipboard. The reducer never calls these; `App` does, in effects and callbacks.
use wasm_bindgen::{JsCast, JsValue};

use super::state::MAX_SAVED_BYTES;

/// The key of a saved session (its exported script): in this tab's session storage, the
/// tab's own, which a reload opens; in local storage, the last one any tab saved, which a
/// new tab opens. So two tabs never overwrite each other's session on reload.
pub const STORAGE_KEY: &str = "kafka-replication-playground/session";
/// Local storage: the session a link, an import or "new session" replaced, so it stays
/// restorable.
pub const PREVIOUS_KEY: &str = "kafka-replication-playground/previous-session";
/// The chosen speed (an index into `SPEEDS`), kept like the session.
pub const SPEED_KEY: &str = "kafka-replication-playground/speed";
/// Presentation mode, "1" when on: a projector's browser keeps it.
pub const PRESENTING_KEY: &str = "kafka-replication-playground/presenting";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn tab_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn read(storage: Option<web_sys::Storage>, key: &str) -> Option<String> {
    storage?.get_item(key).ok()?.filter(|s| !s.trim().is_empty())
}

/// A saved session's script, and whether it is this tab's own (else the browser's latest).
pub struct SavedCopy {
    pub script: String,
    pub in_tab: bool,
}

/// This tab's saved session (a reload), else the last one saved in this browser (a new tab).
pub fn load_saved() -> Option<SavedCopy> {
    let tab = read(tab_storage(), STORAGE_KEY).map(|script| SavedCopy { script, in_tab: true });
    tab.or_else(|| read(storage(), STORAGE_KEY).map(|script| SavedCopy { script, in_tab: false }))
}

/// The session replaced by the last link, import or new session, if any.
pub fn load_previous() -> Option<String> {
    read(storage(), PREVIOUS_KEY)
}

/// Keeps `script` as the previous session (best effort: a refusal loses only the backup).
pub fn keep_previous(script: &str) {
    if script.len() <= MAX_SAVED_BYTES {
        if let Some(storage) = storage() {
            let _ = storage.set_item(PREVIOUS_KEY, script);
        }
    }
}

pub fn load_speed() -> Option<usize> {
    read(tab_storage(), SPEED_KEY).or_else(|| read(storage(), SPEED_KEY))?.parse().ok()
}

pub fn save_speed(speed: usize) {
    for storage in [tab_storage(), storage()].into_iter().flatten() {
        let _ = storage.set_item(SPEED_KEY, &speed.to_string());
    }
}

pub fn load_presenting() -> bool {
    read(storage(), PRESENTING_KEY).as_deref() == Some("1")
}

pub fn save_presenting(on: bool) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(PRESENTING_KEY, if on { "1" } else { "0" });
    }
}

/// Why a session was not saved.
pub enum SaveError {
    TooLarge(usize),
    Refused,
}

impl SaveError {
    pub fn message(&self) -> String {
        let reason = match self {
            SaveError::TooLarge(bytes) => {
                format!(
                    "this session is {} KB, more than the {} KB this page keeps",
                    bytes / 1024,
                    MAX_SAVED_BYTES / 1024
                )
            }
            SaveError::Refused => "the browser refused to store it (storage full or disabled)".to_owned(),
        };
        format!("Not saved: {reason}. The last saved copy stays, and the page keeps working; export a .scenario to keep this one.")
    }
}

/// Saves the session for this tab (a reload) and as this browser's latest (a new tab).
pub fn save(script: &str) -> Result<(), SaveError> {
    if script.len() > MAX_SAVED_BYTES {
        return Err(SaveError::TooLarge(script.len()));
    }
    let tab = tab_storage().ok_or(SaveError::Refused)?.set_item(STORAGE_KEY, script);
    let latest = storage().ok_or(SaveError::Refused)?.set_item(STORAGE_KEY, script);
    tab.and(latest).map_err(|_| SaveError::Refused)
}

/// `location.hash` as is ("" or "#...").
pub fn location_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The page's URL without its fragment.
fn base_url() -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_owned()
}

/// The page's URL with `fragment` after the `#`.
pub fn share_url(fragment: &str) -> String {
    format!("{}#{fragment}", base_url())
}

/// Shows `url` in the address bar without reloading or adding a history entry.
pub fn replace_url(url: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(url));
    }
}

/// Removes the fragment from the address bar (once the session moved on from the link). A
/// lesson's link (`#lesson=ID&step=N`) stays: the lesson keeps it up to date itself.
pub fn clear_hash() {
    let hash = location_hash();
    if !hash.is_empty() && !hash.contains("lesson=") {
        replace_url(&base_url());
    }
}

/// `navigator.clipboard.writeText(text)`; `done(true)` once copied, `done(false)` when
/// there is no clipboard API (an insecure origin) or the browser refused.
pub fn copy_to_clipboard(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(promise) = clipboard_write(text) else { return done(false) };
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

fn clipboard_write(text: &str) -> Option<js_sys::Promise> {
    let navigator = web_sys::window()?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok()?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return None;
    }
    let write: js_sys::Function =
        js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText")).ok()?.dyn_into().ok()?;
    write.call1(&clipboard, &JsValue::from_str(text)).ok()?.dyn_into().ok()
}
