//! The checkpoint saved beside this tab's session (`Session::checkpoint`), so a reload
//! restores it instead of replaying the whole saved copy. It lives in this tab's session
//! storage, as URL-safe base64: a reload is what it is for (a new tab replays the latest
//! saved copy). It is never needed for nothing to be lost: a checkpoint that is missing,
//! refused by the browser or does not fit is simply not used.
use std::cell::Cell;

use crate::script::session::Session;
use crate::script::share::{decode_base64url, encode_base64url};

pub const CHECKPOINT_KEY: &str = "kafka-replication-playground/checkpoint";

/// While playing, writing checkpoints takes at most about this share of the wall time (the
/// 50×500 preset's takes a good part of a frame): one is written only when this many times
/// its last cost has passed since. Reload itself loses nothing by it, since the page writes
/// one when it is hidden; a tab that died replays what came after the last one.
const WALL_TIME_PER_WRITE_COST: f64 = 20.0;

thread_local! {
    /// When the last checkpoint was written and what it cost, in wall milliseconds.
    static LAST_WRITE: Cell<(f64, f64)> = const { Cell::new((f64::NEG_INFINITY, 0.0)) };
}

fn wall_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// After the session's saved copy was saved: its checkpoint too, unless playing and the
/// last one was written too recently for its cost.
pub fn save_for(session: &Session, playing: bool) {
    let started = wall_ms();
    let (last_at, last_cost) = LAST_WRITE.get();
    if playing && started - last_at < last_cost * WALL_TIME_PER_WRITE_COST {
        return;
    }
    save(session.checkpoint());
    LAST_WRITE.set((started, wall_ms() - started));
}

fn tab_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// Keeps `checkpoint` as this tab's (the session's saved copy was just saved). One the
/// browser refuses (storage full) is removed, so an older one does not stay beside a newer
/// saved copy: it would be refused on reload anyway, but takes room.
fn save(checkpoint: Option<Vec<u8>>) {
    let Some(storage) = tab_storage() else { return };
    let stored = checkpoint.is_some_and(|bytes| storage.set_item(CHECKPOINT_KEY, &encode_base64url(&bytes)).is_ok());
    if !stored {
        let _ = storage.remove_item(CHECKPOINT_KEY);
    }
}

/// This tab's checkpoint, removed as it is read: if opening from it went wrong, the next
/// load replays the saved copy instead of trying it again (the page saves a new one).
pub fn take() -> Option<Vec<u8>> {
    let storage = tab_storage()?;
    let text = storage.get_item(CHECKPOINT_KEY).ok()??;
    let _ = storage.remove_item(CHECKPOINT_KEY);
    decode_base64url(&text).ok()
}
