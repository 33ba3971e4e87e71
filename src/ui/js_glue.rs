//! The page's own JavaScript, in one snippet (each `inline_js` snippet is a file the page
//! preloads, with its integrity hash in index.html): the browser's deflate, for share links
//! and checkpoints (`ui::deflate`), and the describe importer of the simulator's ES module,
//! loaded on first use (`ui::describe_import`).
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "export function deflate_zlib(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Response(stream).arrayBuffer().then((buffer) => new Uint8Array(buffer));
}
export async function import_describe(text) {
  const sim = await import(new URL('../../sim/kafka-sim.js', import.meta.url));
  await sim.default();
  const { scenario, assumptions } = sim.importDescribe(text);
  return assumptions.join('; ') + '\\n' + scenario;
}")]
extern "C" {
    /// `bytes` deflated in a zlib stream (RFC 1950), as a `Uint8Array`.
    #[wasm_bindgen(catch)]
    pub fn deflate_zlib(bytes: &[u8]) -> Result<js_sys::Promise, JsValue>;

    /// The assumptions joined by "; ", a newline, then the scenario; or an `Error` naming
    /// every malformed line.
    #[wasm_bindgen(catch)]
    pub async fn import_describe(text: &str) -> Result<JsValue, JsValue>;
}
