// End-to-end: the release build (dist/), served from a sub-path, in Debian's Chromium driven by
// playwright-core. Asserts what a person sees. Run by `make test` (or `make test-e2e`).
//
// E2E_BASE_URL=http://127.0.0.1:8080/ runs the same tests against a running `make serve`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDirectory } from './static-server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const DIST = join(HERE, '..', 'dist');
const ARTIFACTS = join(HERE, 'artifacts');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling Google's hosts, which this
// machine's closed network refuses; --no-sandbox because the tests may run as root.
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
const WAIT_MS = 15_000; // the longest any single wait may poll before the test fails

let server; // our static server, unless E2E_BASE_URL points at one already running
let baseUrl;
let profileDir;
let context;

before(async () => {
  if (process.env.E2E_BASE_URL) {
    baseUrl = process.env.E2E_BASE_URL;
  } else {
    await stat(join(DIST, 'index.html')).catch(() => {
      throw new Error(`no release build in ${DIST}: run \`make build\` first`);
    });
    server = await serveDirectory(DIST, '/some/sub/path/');
    baseUrl = server.url;
  }
  await mkdir(ARTIFACTS, { recursive: true });
  // A fresh, empty profile every run, so no state leaks between runs.
  profileDir = await mkdtemp(join(tmpdir(), 'playground-e2e-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
  });
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

/** Opens the playground; records console errors, page errors and failed requests. */
async function openPlayground() {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
  page.on('response', (res) => res.status() >= 400 && problems.push(`HTTP ${res.status()}: ${res.url()}`));
  await page.goto(baseUrl);
  // Playwright polls for the selector; no fixed sleeps.
  await page.locator('[data-testid=broker-card]').nth(2).waitFor({ timeout: WAIT_MS });
  return { page, problems };
}

describe('the default cluster', () => {
  test('shows three brokers on racks a, b, c, each leading one partition and following two', async () => {
    const { page, problems } = await openPlayground();

    assert.equal(await page.title(), 'Kafka Replication Playground');
    assert.equal(await page.getByTestId('app-title').innerText(), 'Kafka Replication Playground');

    const cards = page.getByTestId('broker-card');
    assert.equal(await cards.count(), 3);
    assert.deepEqual(await cards.getByTestId('broker-name').allInnerTexts(), ['Broker 1', 'Broker 2', 'Broker 3']);
    assert.deepEqual(await cards.getByTestId('broker-rack').allInnerTexts(), ['a', 'b', 'c']);
    assert.deepEqual(await page.getByTestId('rack-group').locator('h3').allInnerTexts(), ['Rack a', 'Rack b', 'Rack c']);
    for (const counts of await cards.getByTestId('broker-counts').allInnerTexts()) {
      assert.equal(counts, '1 leader · 2 followers');
    }
    for (const status of await cards.getByTestId('broker-status').allInnerTexts()) {
      assert.match(status, /alive/);
    }

    // Roles read as text, not only colour: a screen reader hears "orders-0: leader".
    const leaderChips = page.locator('[data-testid=replica-chip][data-role=leader]');
    assert.equal(await leaderChips.count(), 3);
    assert.deepEqual(
      (await leaderChips.evaluateAll((chips) => chips.map((c) => c.getAttribute('aria-label')))).sort(),
      ['orders-0: leader', 'orders-1: leader', 'orders-2: leader'],
    );

    const orders0 = page.locator('[data-testid=partition-row][data-partition=orders-0]');
    assert.match(await orders0.getByTestId('partition-leader').innerText(), /^Broker [123]$/);
    // The ISR is a set, listed in the controller's order: compare it sorted.
    const isr = (await orders0.getByTestId('partition-isr').innerText()).split(', ').map(Number);
    assert.deepEqual(isr.sort((a, b) => a - b), [1, 2, 3]);

    await page.screenshot({ path: join(ARTIFACTS, 'default-cluster.png'), fullPage: true });
    assert.deepEqual(problems, [], 'the page loaded without errors');
    await page.close();
  });

  test('"Step" advances simulated time and "Reset" returns it to the start', async () => {
    const { page, problems } = await openPlayground();
    const clock = page.getByTestId('sim-clock');
    const start = await clock.innerText();
    const startMs = Number(start.replace(/ ms$/, ''));
    assert.ok(Number.isInteger(startMs), `the clock reads "N ms", not "${start}"`);

    await page.getByRole('button', { name: /^Step/ }).click();
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid=sim-clock]').textContent === want,
      `${startMs + 100} ms`,
      { timeout: WAIT_MS },
    );
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid=sim-clock]').textContent === want,
      start,
      { timeout: WAIT_MS },
    );
    assert.deepEqual(problems, []);
    await page.close();
  });
});
