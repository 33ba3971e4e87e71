// What every browser test needs to reach the page: the release build (dist/) served from a
// sub-path on a free loopback port (or E2E_BASE_URL, a running `make serve`), Debian's
// Chromium with the flags this machine needs, and where screenshots go.
import { after, before } from 'node:test';
import { mkdir, stat } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDirectory } from './static-server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DIST = join(HERE, '..', 'dist');
export const ARTIFACTS = join(HERE, 'artifacts');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling Google's hosts, which this
// machine's closed network refuses; --no-sandbox because the tests may run as root.
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/**
 * Serves the release build under `prefix` (never "/", so the tests prove the build works from
 * a sub-path) unless E2E_BASE_URL names a running server; resolves to { url, close }.
 */
export async function servePage(prefix) {
  await mkdir(ARTIFACTS, { recursive: true });
  if (process.env.E2E_BASE_URL) return { url: process.env.E2E_BASE_URL, close: async () => {} };
  await stat(join(DIST, 'index.html')).catch(() => {
    throw new Error(`no release build in ${DIST}: run \`make build\` first`);
  });
  return serveDirectory(DIST, prefix);
}

/**
 * A test file's release page and browser: serves the build under `prefix` and launches
 * Chromium before the file's tests, closes both after them. Returns an object whose `server`
 * and `browser` are set once the file's `before` hook has run.
 */
export function releasePageForTests(prefix) {
  const shared = { server: undefined, browser: undefined };
  before(async () => {
    shared.server = await servePage(prefix);
    shared.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}

/**
 * A new page of `browser` at `url` (1440×900 unless told), with the page's uncaught errors
 * and console errors collected in `problems`, which a test expects empty at its end.
 */
export async function openPage(browser, url, viewport = { width: 1440, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  await page.goto(url);
  return { page, problems };
}
