// End-to-end: nothing a class did is lost. The failures a teacher met, each reproduced in the
// release build in Debian's Chromium: a reload while playing, a bad link opened in the open
// tab, two tabs side by side, a file too large to import, the session's time limit.
// Run by `make test` (or `make test-e2e`); polls, never sleeps for a fixed time.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, servePage } from './release-page.mjs';

const WAIT_MS = 20_000;
/** Where the page keeps this tab's checkpoint (src/ui/persist_checkpoint.rs). */
const CHECKPOINT_KEY = 'kafka-replication-playground/checkpoint';

let server;
let baseUrl;
let profileDir;
let context;

before(async () => {
  server = await servePage('/class/');
  baseUrl = server.url;
  profileDir = await mkdtemp(join(tmpdir(), 'playground-lost-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1440, height: 900 },
  });
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

/** A new tab on the playground, with page errors collected. */
async function open(url = baseUrl) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  await page.goto(url);
  await page.locator('[data-testid=broker-card]').first().waitFor({ timeout: WAIT_MS });
  return { page, problems };
}

const text = (page, id) => page.getByTestId(id).innerText();
const clockMs = async (page) => Number(await page.getByTestId('sim-clock').getAttribute('data-ms'));

async function run(page, line) {
  await page.getByTestId('console-input').fill(line);
  await page.getByTestId('console-input').press('Enter');
  await page.getByTestId('console-message').filter({ hasText: line.slice(0, 20) }).waitFor({ timeout: WAIT_MS });
}

/** Polls until the page's clock reads at least `ms`. */
async function clockAtLeast(page, ms) {
  await page.waitForFunction((want) => Number(document.querySelector('[data-testid=sim-clock]').dataset.ms) >= want,
    ms, { timeout: WAIT_MS });
}

describe('nothing lost', () => {
  test('a reload while playing resumes at the same simulated time and speed, with the steady rate', async () => {
    const { page, problems } = await open();
    await page.getByTestId('rate-input').fill('50');
    await page.getByTestId('rate-button').click();
    await page.getByTestId('rate-message').filter({ hasText: 'steady-rate orders 50' }).waitFor({ timeout: WAIT_MS });
    await page.getByTestId('speed-select').selectOption({ label: '10×' });
    await page.getByTestId('play-button').click();
    await clockAtLeast(page, 5_000);
    const seen = await clockMs(page);
    await page.reload();
    await page.locator('[data-testid=broker-card]').first().waitFor({ timeout: WAIT_MS });
    // The page saved when it was hidden: it comes back no earlier than it was last seen.
    assert.ok(await clockMs(page) >= seen, `${await clockMs(page)} < ${seen}`);
    assert.equal(await page.getByTestId('speed-select').inputValue(), await page.getByTestId('speed-select').locator('option', { hasText: '10×' }).getAttribute('value'));
    assert.equal(await page.getByTestId('rate-button').getAttribute('aria-pressed'), 'true', 'the steady rate runs on');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a reload resumes a played session from the checkpoint saved beside it: the same time and trace', async () => {
    const { page, problems } = await open();
    await run(page, 'steady-rate orders 50');
    await run(page, 'run 2m');
    await clockAtLeast(page, 120_000);
    const shown = async () => ({ clock: await clockMs(page), hash: await text(page, 'trace-hash') });
    const before = await shown();
    const checkpoint = () => page.evaluate((key) => sessionStorage.getItem(key), CHECKPOINT_KEY);
    // Stored a moment after the save: the browser deflates it (src/ui/deflate.rs).
    await page.waitForFunction((key) => sessionStorage.getItem(key)?.length > 1000, CHECKPOINT_KEY, { timeout: WAIT_MS });
    await page.reload();
    await page.locator('[data-testid=broker-card]').first().waitFor({ timeout: WAIT_MS });
    assert.deepEqual(await shown(), before);
    assert.equal(await checkpoint(), null, 'read once: a load that went wrong replays next time');
    // A damaged checkpoint is refused: the saved copy is replayed, to the same session. (Put
    // in place as the page loads: on the way out, the page saves a good one.)
    await page.addInitScript((key) => sessionStorage.setItem(key, 'S1JQYwEAAAA'), CHECKPOINT_KEY);
    await page.reload();
    await page.locator('[data-testid=broker-card]').first().waitFor({ timeout: WAIT_MS });
    assert.deepEqual(await shown(), before);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a new tab opens the last session saved in this browser from its checkpoint, not by replaying it', async () => {
    const a = await open();
    // The tab opened the browser's latest session (an earlier test's): the run ends two
    // minutes after where that one was.
    const start = await clockMs(a.page);
    await run(a.page, 'steady-rate orders 50');
    await run(a.page, 'run 2m');
    await clockAtLeast(a.page, start + 120_000);
    const shown = async (page) => ({ clock: await clockMs(page), hash: await text(page, 'trace-hash') });
    const before = await shown(a.page);
    const latest = (page) => page.evaluate((key) => localStorage.getItem(key), CHECKPOINT_KEY);
    // The browser's latest checkpoint, beside its latest session (a moment after the save).
    await a.page.waitForFunction((key) => localStorage.getItem(key)?.length > 1000, CHECKPOINT_KEY, { timeout: WAIT_MS });
    // A new tab has no session of its own: it opens the browser's latest, from its checkpoint.
    // Opening puts the checkpoint back only when it spared the replay (the session holds just
    // its latest events until something asks for its past), for the next new tab.
    const b = await open();
    assert.deepEqual(await shown(b.page), before);
    assert.ok((await latest(b.page))?.length > 1000, 'kept after opening the new tab from it');
    // A damaged latest checkpoint is refused and removed; the new tab replays the saved copy.
    await b.page.evaluate((key) => localStorage.setItem(key, 'S1JQYwEAAAA'), CHECKPOINT_KEY);
    const c = await open();
    assert.deepEqual(await shown(c.page), before);
    assert.equal(await latest(c.page), null, 'a refused checkpoint is not put back');
    assert.deepEqual([...a.problems, ...b.problems, ...c.problems], []);
    for (const tab of [a, b, c]) await tab.page.close();
  });

  test('a bad link opened in the open tab keeps the session, and a reload still has it', async () => {
    const { page, problems } = await open();
    await run(page, 'crash broker 2');
    await page.getByTestId('second-button').click();
    const hash = await text(page, 'trace-hash');
    await page.getByTestId('copy-link').click();
    const link = await page.getByTestId('share-url').inputValue();
    const fragment = link.slice(link.indexOf('#'), link.length - 7);
    await page.evaluate((f) => { window.location.hash = f; }, fragment);
    await page.getByTestId('link-message').filter({ hasText: 'unchanged' }).waitFor({ timeout: WAIT_MS });
    assert.match(await text(page, 'link-message'), /damaged/);
    assert.equal(await text(page, 'trace-hash'), hash);
    await page.screenshot({ path: join(ARTIFACTS, 'bad-link-kept-session.png') });
    // A 2 MB link is refused at once, before any decoding (it once blocked the page 4 s).
    await page.evaluate(() => { window.location.hash = 'A'.repeat(2_000_000); });
    await page.getByTestId('link-message').filter({ hasText: 'larger than' }).waitFor({ timeout: WAIT_MS });
    const answeredMs = await page.evaluate(() => new Promise((done) => {
      const start = performance.now();
      requestAnimationFrame(() => done(performance.now() - start));
    }));
    assert.ok(answeredMs < 1000, `the page took ${answeredMs} ms to paint after the huge link`);
    assert.equal(await text(page, 'trace-hash'), hash);
    await page.reload();
    await page.locator('[data-testid=broker-card]').first().waitFor({ timeout: WAIT_MS });
    assert.equal(await text(page, 'trace-hash'), hash);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('two tabs keep their own sessions through a reload; new session keeps the old one restorable', async () => {
    const a = await open();
    await run(a.page, 'crash broker 2');
    const hashA = await text(a.page, 'trace-hash');
    const b = await open();
    await run(b.page, 'crash broker 3');
    const hashB = await text(b.page, 'trace-hash');
    assert.notEqual(hashA, hashB);
    await a.page.reload();
    await a.page.locator('[data-testid=broker-card]').first().waitFor({ timeout: WAIT_MS });
    assert.equal(await text(a.page, 'trace-hash'), hashA, 'tab A reloads its own session, not B\'s');
    await b.page.getByTestId('new-session').click();
    await b.page.getByTestId('new-session-yes').click();
    await b.page.getByTestId('restore-previous').waitFor({ timeout: WAIT_MS });
    await b.page.getByTestId('session-bar').screenshot({ path: join(ARTIFACTS, 'restore-previous.png') });
    assert.notEqual(await text(b.page, 'trace-hash'), hashB);
    await b.page.getByTestId('restore-previous').click();
    await b.page.waitForFunction((h) => document.querySelector('[data-testid=trace-hash]').textContent === h, hashB, { timeout: WAIT_MS });
    assert.match(await text(b.page, 'storage-message'), /Restored the previous session/);
    assert.deepEqual([...a.problems, ...b.problems], []);
    await a.page.close();
    await b.page.close();
  });

  test('a file too large to be a session is refused before it is read', async () => {
    const { page, problems } = await open();
    const hash = await text(page, 'trace-hash');
    const buffer = Buffer.alloc(600 * 1024, 'run 1ms\n');
    await page.getByTestId('import-input').setInputFiles({ name: 'huge.scenario', mimeType: 'text/plain', buffer });
    await page.getByTestId('import-message').filter({ hasText: 'more than the 512 KiB' }).waitFor({ timeout: WAIT_MS });
    assert.equal(await text(page, 'trace-hash'), hash);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('playing into the time limit stops at 8 h, says why, and the page still answers', async () => {
    const { page, problems } = await open();
    // From the default cluster: the tab opened the last session saved, which may run a rate.
    await page.getByTestId('new-session').click();
    await page.getByTestId('new-session-yes').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=sim-clock]').textContent === '0:00.010', null, { timeout: WAIT_MS });
    // A long run goes on across frames (the page answers meanwhile) and says when it is done.
    await run(page, 'run 28790s');
    await page.getByTestId('console-message').filter({ hasText: '✓ run 28790s' }).waitFor({ timeout: 60_000 });
    await page.getByTestId('speed-select').selectOption({ label: '1000×' });
    await page.getByTestId('play-button').click();
    await page.getByTestId('clock-message').filter({ hasText: 'limit' }).waitFor({ timeout: WAIT_MS });
    assert.equal(await clockMs(page), 8 * 3600 * 1000);
    assert.equal(await page.getByTestId('play-button').getAttribute('aria-pressed'), 'false');
    // Still answering: a step back moves the clock.
    await page.getByTestId('app-title').click();
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => document.querySelector('[data-testid=sim-clock]').textContent !== '480:00.000', null, { timeout: WAIT_MS });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(ARTIFACTS, 'time-limit-390.png') });
    assert.deepEqual(problems, []);
    await page.close();
  });
});
