//! The browser's side of keeping and sharing a session: local storage, the URL fragment and
//! the clipboard. The reducer never calls these; `App` does, in effects and callbacks.
use wasm_bindgen::{JsCast, JsValue};

use super::state::MAX_SAVED_BYTES;

/// The local-storage key of the saved session (its exported script).
pub const STORAGE_KEY: &str = "kafka-replication-playground/session";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The saved session's script, if any.
pub fn load_saved() -> Option<String> {
    storage()?.get_item(STORAGE_KEY).ok()?.filter(|s| !s.trim().is_empty())
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
                format!("this session is {} KB, more than the {} KB this page keeps", bytes / 1024, MAX_SAVED_BYTES / 1024)
            }
            SaveError::Refused => "the browser refused to store it (storage full or disabled)".to_owned(),
        };
        format!("Saving stopped: {reason}. The last saved copy stays; export a .scenario to keep this one.")
    }
}

pub fn save(script: &str) -> Result<(), SaveError> {
    if script.len() > MAX_SAVED_BYTES {
        return Err(SaveError::TooLarge(script.len()));
    }
    storage().ok_or(SaveError::Refused)?.set_item(STORAGE_KEY, script).map_err(|_| SaveError::Refused)
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

/// Removes the fragment from the address bar (once the session moved on from the link).
pub fn clear_hash() {
    if !location_hash().is_empty() {
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
    let write: js_sys::Function = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText")).ok()?.dyn_into().ok()?;
    write.call1(&clipboard, &JsValue::from_str(text)).ok()?.dyn_into().ok()
}
