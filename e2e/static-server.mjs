// A tiny static file server for the e2e tests: serves a directory (the release build, dist/)
// under a URL prefix on a free loopback port. The prefix is deliberately not "/", so the
// tests prove the build works from a sub-path (Trunk.toml: public_url = "./").
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', // needed for WebAssembly.instantiateStreaming
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** Starts serving `root` at `http://127.0.0.1:<free port><prefix>`; resolves to { url, close }. */
export async function serveDirectory(root, prefix = '/') {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('outside the served prefix');
      return;
    }
    let file = normalize(join(root, path.slice(prefix.length)));
    if (file !== normalize(root) && !file.startsWith(normalize(root) + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve); // port 0: the OS picks a free one
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    // Keep-alive connections too, so a closed server is gone for the browser (the offline test).
    close: () => new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); }),
  };
}
