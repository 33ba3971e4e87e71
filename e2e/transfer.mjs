// What a first load of the release build transfers: index.html, every file of dist/ it names
// (js, css, icon), the wasm its script loads and the wasm-bindgen snippets it imports
// (dist/snippets/), each gzipped at level 9 as a static host
// would serve it. Files it does not load (the JS API's module in dist/sim/, embed.html) are
// not counted. Shared by the budget test (bundle-budget.test.mjs) and the benchmark
// (bench-frames.mjs).
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** `{ raw, gz, files: [{ name, raw, gz }] }`, sizes in bytes. */
export async function firstLoadTransfer(dist) {
  const files = [];
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const loaded = (name) => name === 'index.html' || html.includes(name)
    || (name.endsWith('_bg.wasm') && html.includes(name.replace('_bg.wasm', '.js')));
  for (const name of (await readdir(dist)).sort()) {
    const file = join(dist, name);
    if (!(await stat(file)).isFile() || !loaded(name)) continue;
    const body = await readFile(file);
    files.push({ name, raw: body.length, gz: gzipSync(body, { level: 9 }).length });
  }
  // The snippets the page's script imports (`inline_js`, e.g. ui/deflate.rs).
  for (const js of files.filter((f) => f.name.endsWith('.js'))) {
    const text = await readFile(join(dist, js.name), 'utf8');
    for (const name of new Set(text.match(/snippets\/[\w./-]+\.js/g) ?? [])) {
      const body = await readFile(join(dist, name));
      files.push({ name, raw: body.length, gz: gzipSync(body, { level: 9 }).length });
    }
  }
  const sum = (key) => files.reduce((total, f) => total + f[key], 0);
  return { raw: sum('raw'), gz: sum('gz'), files };
}

/** Bytes as kilobytes of 1,000 bytes, one decimal: "290.1 kB". */
export const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
