// The playground offline after its first load (issue 16): a class on a flaky network, a
// teacher on a train. Network first, so a new build is always taken when the server answers
// (`make serve` never shows a stale page); the cache answers only when the network fails.
// Trunk names the page's files by their content hash, so on install the worker reads
// index.html for the names of this build's files and caches them at once: the first load
// itself happened before the worker could see its requests.
const CACHE = 'kafka-replication-playground';
const ASSET = /\.\/[\w.-]+\.(?:js|wasm|css|svg)/g;

self.addEventListener('install', (event) => {
  event.waitUntil(cacheThisBuild());
  self.skipWaiting();
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(networkFirst(request));
});

async function cacheThisBuild() {
  const cache = await caches.open(CACHE);
  const page = await fetch('./', { cache: 'no-cache' });
  if (!page.ok) return;
  const html = await page.clone().text();
  await cache.put('./', page);
  const assets = [...new Set(html.match(ASSET) ?? [])];
  // The page's script imports wasm-bindgen snippets (dist/snippets/) that index.html does not name.
  for (const script of assets.filter((a) => a.endsWith('.js'))) {
    const text = await (await fetch(script, { cache: 'no-cache' })).text();
    assets.push(...new Set((text.match(/snippets\/[\w./-]+\.js/g) ?? []).map((s) => `./${s}`)));
  }
  await cache.addAll(assets);
  // The files of earlier builds (other hashes) are never asked for again.
  const keep = new Set(assets.map((a) => new URL(a, self.registration.scope).href));
  for (const key of await cache.keys()) {
    if (/-[0-9a-f]{16}(_bg)?\.(js|wasm|css|svg)$/.test(key.url) && !keep.has(key.url)) await cache.delete(key);
  }
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}
