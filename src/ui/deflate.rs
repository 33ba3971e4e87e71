//! Deflate in a zlib stream by the browser's own `CompressionStream` ("deflate" is RFC 1950's
//! zlib format, what `miniz_oxide` writes natively and what share links and checkpoints hold):
//! the page then carries no compressor of its own (7.3 kB of its first load, BENCHMARKS.md). The result
//! arrives asynchronously; reading links and checkpoints (inflate) stays synchronous, in Rust.
use crate::ui::js_glue::deflate_zlib;

/// `bytes` deflated in a zlib stream; `None` when the browser cannot (no `CompressionStream`:
/// Chromium before 80, Firefox before 113, Safari before 16.4).
pub async fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    // The Blob copies the bytes at once, so the wasm memory they point into may change after.
    let promise = deflate_zlib(bytes).ok()?;
    let buffer = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}
