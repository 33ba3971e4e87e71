//! The page's own JavaScript, in one snippet (each `inline_js` snippet is a file the page
//! preloads, with its integrity hash in index.html): the browser's deflate, for share links
//! and checkpoints (`ui::deflate`), and from the simulator's ES module, loaded on first use,
//! the describe importer (`ui::describe_import`) and the verbs' meanings (the console); and
//! the step to the full page (`ui::start`). URLs are the page's own (`document.baseURI`),
//! not the snippet's, as the full page's snippets sit one folder deeper.
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "export function deflate_zlib(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Response(stream).arrayBuffer().then((buffer) => new Uint8Array(buffer));
}
async function module() {
  const sim = await import(new URL('sim/kafka-sim.js', document.baseURI));
  await sim.default();
  return sim;
}
export async function inflate_zlib(bytes, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) { await reader.cancel(); throw new Error('too large'); }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  chunks.reduce((at, chunk) => (out.set(chunk, at), at + chunk.length), 0);
  return out;
}
export async function import_describe(text) {
  const { scenario, assumptions } = (await module()).importDescribe(text);
  return assumptions.join('; ') + '\\n' + scenario;
}
export async function verb_meanings() {
  return (await module()).verbMeanings().join('\\n');
}
export async function setting_explanations() {
  return (await module()).settingExplanations().join('\\n');
}
export async function load_full_page() {
  await (await import(new URL('full/playground.js', document.baseURI))).default();
}")]
extern "C" {
    /// `bytes` deflated in a zlib stream (RFC 1950), as a `Uint8Array`.
    #[wasm_bindgen(catch)]
    pub fn deflate_zlib(bytes: &[u8]) -> Result<js_sys::Promise, JsValue>;

    /// `bytes` (one zlib stream, RFC 1950) inflated by the browser, as a `Uint8Array`; an
    /// `Error` when it is corrupt, has bytes after its end, or inflates past `limit` bytes.
    #[wasm_bindgen(catch)]
    pub async fn inflate_zlib(bytes: &[u8], limit: f64) -> Result<JsValue, JsValue>;

    /// The assumptions joined by "; ", a newline, then the scenario; or an `Error` naming
    /// every malformed line.
    #[wasm_bindgen(catch)]
    pub async fn import_describe(text: &str) -> Result<JsValue, JsValue>;

    /// The scenario language's meanings, one per line, in `VERBS` order.
    #[wasm_bindgen(catch)]
    pub async fn verb_meanings() -> Result<JsValue, JsValue>;

    /// The settings' explanations, one per line, in `SETTINGS` order.
    #[wasm_bindgen(catch)]
    pub async fn setting_explanations() -> Result<JsValue, JsValue>;

    /// Starts the full page (`dist/full/`, `ui::start`): its wasm's `main` mounts it.
    #[wasm_bindgen(catch)]
    pub async fn load_full_page() -> Result<JsValue, JsValue>;
}
