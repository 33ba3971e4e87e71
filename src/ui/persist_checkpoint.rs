//! The checkpoint saved beside the session (`Session::checkpoint`), so opening it restores
//! the state instead of replaying the whole saved copy. It is kept as the saved copy is
//! (persist.rs): in this tab's session storage, which a reload opens, and in local storage as
//! this browser's latest, which a new tab opens; both as URL-safe base64. It is never needed
//! for nothing to be lost: a checkpoint that is missing, refused by the browser, does not fit
//! or belongs to another session is simply not used, and the saved copy is replayed.
use std::cell::Cell;

use crate::script::session::Session;
use crate::script::share::{decode_base64url, encode_base64url};
use crate::ui::deflate::deflate;

pub const CHECKPOINT_KEY: &str = "kafka-replication-playground/checkpoint";

/// While playing, writing checkpoints takes at most about this share of the wall time (the
/// 50×500 preset's takes a good part of a frame): one is written only when this many times
/// its last cost has passed since. Reload itself loses nothing by it, since the page writes
/// one when it is hidden; a tab that died replays what came after the last one.
const WALL_TIME_PER_WRITE_COST: f64 = 20.0;

thread_local! {
    /// When the last checkpoint was written and what it cost, in wall milliseconds.
    static LAST_WRITE: Cell<(f64, f64)> = const { Cell::new((f64::NEG_INFINITY, 0.0)) };
    /// The number of the checkpoint begun last: only it may be stored when deflated.
    static GENERATION: Cell<u64> = const { Cell::new(0) };
}

fn wall_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// After the session's saved copy was saved: its checkpoint too, unless playing and the
/// last one was written too recently for its cost. The browser deflates it (`ui::deflate`),
/// so it is stored a moment later; one begun earlier and finished later is dropped. One
/// still deflating when the page goes away is lost, and the one before it is used: a
/// checkpoint may be older than the saved copy, whose later lines are then replayed.
pub fn save_for(session: &Session, playing: bool) {
    let started = wall_ms();
    let (last_at, last_cost) = LAST_WRITE.get();
    if playing && started - last_at < last_cost * WALL_TIME_PER_WRITE_COST {
        return;
    }
    let generation = GENERATION.get() + 1;
    GENERATION.set(generation);
    match session.checkpoint_parts() {
        None => save(None),
        Some((mut bytes, body)) => wasm_bindgen_futures::spawn_local(async move {
            let Some(zlib) = deflate(&body).await else { return };
            if GENERATION.get() == generation {
                bytes.extend(zlib);
                save(Some(encode_base64url(&bytes)));
            }
        }),
    }
    LAST_WRITE.set((started, wall_ms() - started));
}

fn tab_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn latest_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Keeps `checkpoint` as this tab's and as the browser's latest (the session's saved copy
/// was just saved to both). One a storage refuses (full) is removed from it, so an older one
/// does not stay beside a newer saved copy: it would be refused on opening anyway, but
/// takes room.
fn save(checkpoint: Option<String>) {
    for storage in [tab_storage(), latest_storage()].into_iter().flatten() {
        let stored = checkpoint.as_deref().is_some_and(|text| storage.set_item(CHECKPOINT_KEY, text).is_ok());
        if !stored {
            let _ = storage.remove_item(CHECKPOINT_KEY);
        }
    }
}

/// The checkpoint a page opens with, read from where its saved copy came from.
pub struct Taken {
    pub bytes: Vec<u8>,
    /// Read from the browser's latest (a new tab), whose copy other tabs may open too.
    latest: Option<String>,
}

/// The checkpoint of the saved copy `persist::load_saved` returns: this tab's when the tab
/// has saved a session of its own (a reload), else the browser's latest (a new tab). It is
/// removed as it is read: if opening from it went wrong, the next load replays the saved
/// copy instead of trying it again (the page saves a new one). `put_back` returns the
/// latest once it opened a session, for the next new tab.
pub fn take(tab_has_saved_copy: bool) -> Option<Taken> {
    let (storage, from_latest) = if tab_has_saved_copy { (tab_storage()?, false) } else { (latest_storage()?, true) };
    let text = storage.get_item(CHECKPOINT_KEY).ok()??;
    let _ = storage.remove_item(CHECKPOINT_KEY);
    let bytes = decode_base64url(&text).ok()?;
    Some(Taken { bytes, latest: from_latest.then_some(text) })
}

/// The browser's latest checkpoint, back where `take` found it, once it opened the session
/// without a replay (one that was refused stays removed: it fits no saved copy).
pub fn put_back(taken: Taken) {
    if let (Some(text), Some(storage)) = (taken.latest, latest_storage()) {
        let _ = storage.set_item(CHECKPOINT_KEY, &text);
    }
}

/// The checkpoints stored (this tab's, then this browser's latest), without taking them.
#[cfg(feature = "browser-inflate")]
pub fn stored() -> Vec<Vec<u8>> {
    [tab_storage(), latest_storage()]
        .into_iter()
        .flatten()
        .filter_map(|storage| storage.get_item(CHECKPOINT_KEY).ok().flatten())
        .filter_map(|text| decode_base64url(&text).ok())
        .collect()
}
