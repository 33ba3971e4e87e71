// A benchmark of the page, not a test (`make bench-ui`): the two sessions a class builds
// (BENCHMARKS.md, "Long sessions"), built by playing them in the release page in Debian's
// Chromium, then measured as a person meets them: seeks on the timeline (input to the next
// painted frame), a reload (navigation start to the session shown at its time), a new tab
// (the same, in a tab with no session of its own), and the first seek into the past after a
// reload (which rebuilds the history the checkpoint left out). Prints figures.
//   fifty-10m:  the 50×500 preset's shape (50 brokers on 3 racks, 500 partitions, rf 3),
//               a 100 records/s steady rate, played 10 simulated minutes at 100×;
//   default-8h: 3 brokers, 3 partitions, played 8 simulated hours at 1000×.
// BENCH_SESSIONS=fifty-10m (or default-8h) runs one.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, DIST } from './release-page.mjs';
import { serveDirectory } from './static-server.mjs';

const SEEKS = 60;
const BUILD_TIMEOUT_MS = 15 * 60_000;

const CASES = [
  {
    name: 'fifty-10m',
    setup: ['brokers 50 racks=a,b,c', 'topic create orders partitions=500 rf=3 min-isr=2 start=0', 'run 10ms',
      'steady-rate orders 100 acks=all'],
    speed: '100×',
    lengthMs: 10 * 60_000,
  },
  {
    name: 'default-8h',
    setup: ['brokers 3 racks=a,b,c', 'topic create orders partitions=3 rf=3 min-isr=2 start=0', 'run 10ms'],
    speed: '1000×',
    lengthMs: 8 * 3_600_000,
  },
];

const pct = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x) => `${x.toFixed(1)} ms`;
const clockMs = (page) => page.evaluate(() => Number(document.querySelector('[data-testid=sim-clock]').dataset.ms));

async function open(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('[data-testid=broker-card]').first().waitFor({ timeout: 60_000 });
  return page;
}

async function run(page, line) {
  await page.getByTestId('console-input').fill(line);
  await page.getByTestId('console-input').press('Enter');
  await page.getByTestId('console-message').filter({ hasText: line.slice(0, 20) }).waitFor({ timeout: 60_000 });
}

/** Plays the case as a person does (its speed, Play, Pause at its length); wall seconds. */
async function build(page, c) {
  for (const line of c.setup) await run(page, line);
  await page.getByTestId('speed-select').selectOption({ label: c.speed });
  const started = Date.now();
  await page.getByTestId('play-button').click();
  await page.waitForFunction((end) => Number(document.querySelector('[data-testid=sim-clock]').dataset.ms) >= end,
    c.lengthMs, { timeout: BUILD_TIMEOUT_MS, polling: 250 });
  await page.getByTestId('play-button').click();
  return (Date.now() - started) / 1000;
}

/**
 * A seek on the timeline slider: wall ms until the page's handler returned (the seek and the
 * render, which Yew runs before the event returns) and until the next frame was painted.
 */
function seekInPage(targetMs) {
  return new Promise((done) => {
    const slider = document.querySelector('[data-testid=timeline-slider]');
    const start = performance.now();
    slider.value = String(targetMs);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    const handled = performance.now() - start;
    requestAnimationFrame(() => requestAnimationFrame(() => done({ handled, painted: performance.now() - start })));
  });
}

async function seeks(page, endMs) {
  let seed = 7;
  const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % (endMs + 1); };
  const times = [];
  for (let i = 0; i < SEEKS; i++) times.push(await page.evaluate(seekInPage, next()));
  // Back to the live end: the page saves (and writes a checkpoint) only there.
  await page.getByTestId('back-to-live').click();
  await page.waitForFunction((end) => Number(document.querySelector('[data-testid=sim-clock]').dataset.ms) >= end, endMs);
  return times;
}

/** Navigation start to the session shown at `atMs`, in the page's own clock. */
async function shownAt(page, atMs) {
  await page.waitForFunction((end) => Number(document.querySelector('[data-testid=sim-clock]')?.dataset.ms) === end,
    atMs, { timeout: 120_000, polling: 'raf' });
  return page.evaluate(() => performance.now());
}

async function measure(baseUrl, c) {
  const profile = await mkdtemp(join(tmpdir(), 'bench-sessions-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS,
    viewport: { width: 1440, height: 900 },
  });
  // The wasm's exports (trunk's loader hands them out once started): its memory's size is
  // the most the session took (wasm memory grows and never shrinks).
  await context.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.benchWasm = e.detail.wasm; }));
  const memoryMb = (page) => page.evaluate(() => window.benchWasm.memory.buffer.byteLength / 1e6);
  try {
    const page = await open(context, baseUrl);
    const buildS = await build(page, c);
    const builtMb = await memoryMb(page);
    const endMs = await clockMs(page);
    const seekTimes = await seeks(page, endMs);
    // Saved after the last command and when hidden; a reload resumes from the checkpoint.
    const reloads = [];
    for (let i = 0; i < 3; i++) {
      await page.reload();
      reloads.push(await shownAt(page, endMs));
    }
    const tab = await context.newPage();
    await tab.goto(baseUrl);
    const newTab = await shownAt(tab, endMs);
    const openedMb = await memoryMb(tab);
    const firstPast = await tab.evaluate(seekInPage, Math.floor(endMs / 3));
    await tab.close();
    return { buildS, builtMb, openedMb, endMs, seekTimes, reloads, newTab, firstPast };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

const only = process.env.BENCH_SESSIONS;
const server = await serveDirectory(DIST, '/sessions/');
try {
  for (const c of CASES.filter((k) => !only || k.name === only)) {
    const r = await measure(server.url, c);
    const line = (xs) => `p50 ${ms(pct(xs, 0.5))}, p95 ${ms(pct(xs, 0.95))}, max ${ms(Math.max(...xs))}`;
    console.log(`${c.name}: built by playing at ${c.speed} in ${r.buildS.toFixed(1)} s (clock ${r.endMs} ms)`);
    console.log(`  seek, handled (${r.seekTimes.length} seeks): ${line(r.seekTimes.map((t) => t.handled))}`);
    console.log(`  seek, to the next painted frame: ${line(r.seekTimes.map((t) => t.painted))}`);
    console.log(`  reload to the session shown: ${r.reloads.map(ms).join(', ')}; new tab: ${ms(r.newTab)}`);
    console.log(`  first seek into the past after opening from the checkpoint: ${ms(r.firstPast.painted)}`);
    console.log(`  wasm memory: ${r.builtMb.toFixed(0)} MB after playing it, ${r.openedMb.toFixed(0)} MB in a new tab opened from its checkpoint`);
  }
} finally {
  await server.close();
}
