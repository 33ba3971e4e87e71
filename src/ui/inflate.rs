//! Inflating with the browser (`DecompressionStream`) for the page's first load, which then
//! carries no inflater of its own (`browser-inflate`, 11 kB of wasm). The browser's is
//! asynchronous while opening a link or resuming a checkpoint is not, so the page inflates
//! their streams first, then opens them: at start-up the address bar's link and the stored
//! checkpoints (`prepare_startup`, before the page mounts), and a link pasted later
//! (`prepare_link`, before `OpenLink`). `script::share` keeps the results.
use crate::script::session::{checkpoint_stream, MAX_INFLATED_BYTES};
use crate::script::share::{link_stream, remember_inflated, MAX_SCRIPT_BYTES};
use crate::ui::js_glue::inflate_zlib;

/// Inflates `stream` and keeps the result; a stream the browser refuses is left out, and
/// reading it later says it is corrupt.
async fn prepare(stream: Vec<u8>, limit: usize) {
    if let Ok(bytes) = inflate_zlib(&stream, limit as f64).await {
        remember_inflated(&stream, js_sys::Uint8Array::new(&bytes).to_vec());
    }
}

/// Prepares a share link's session (the fragment as `location.hash` gives it).
pub async fn prepare_link(fragment: &str) {
    let fragment = crate::ui::embed::embedded_link(fragment).unwrap_or(fragment);
    if let Ok(stream) = link_stream(fragment) {
        prepare(stream, MAX_SCRIPT_BYTES).await;
    }
}

/// Prepares what the page may open as it starts: the link in the address bar and the
/// checkpoints this tab and this browser stored.
pub async fn prepare_startup() {
    prepare_link(&crate::ui::persist::location_hash()).await;
    for bytes in crate::ui::persist_checkpoint::stored() {
        if let Some(stream) = checkpoint_stream(&bytes) {
            prepare(stream.to_vec(), MAX_INFLATED_BYTES).await;
        }
    }
}
