// End-to-end: the lecture's story as a new user sees it right after the lecture (issue 13).
// The lecture's preset places replicas as the lecture did; the labels say what Kafka 4.1+
// (KRaft) does; a failover shows the controller's countdown, the fence, the election and what
// the followers and the dead leader hold meanwhile. The release build in Debian's Chromium;
// polls, never sleeps for a fixed time. Screenshots at 1440×900 and 390 px in e2e/artifacts/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, servePage } from './release-page.mjs';

const WAIT_MS = 20_000;

let server;
let profileDir;
let context;

before(async () => {
  server = await servePage('/lecture/');
  profileDir = await mkdtemp(join(tmpdir(), 'playground-story-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1440, height: 900 },
  });
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

/** A new tab on a fresh default session (what an earlier test saved is forgotten), errors collected. */
async function open() {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('e2e-fresh')) {
      localStorage.clear();
      sessionStorage.setItem('e2e-fresh', '1');
    }
  });
  await page.goto(server.url);
  await page.locator('[data-testid=broker-card]').nth(2).waitFor({ timeout: WAIT_MS });
  return { page, problems };
}

const card = (page, id) => page.locator(`[data-testid=broker-card][data-broker-id="${id}"]`);
const shot = (page, name) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

/** Runs a console line and waits until the console says it ran. */
async function run(page, line) {
  await page.getByTestId('console-input').fill(line);
  await page.getByTestId('console-input').press('Enter');
  await page.getByTestId('console-message').filter({ hasText: `✓ ${line}` }).waitFor({ timeout: WAIT_MS });
}

/** Presses "+1 s" and waits until the clock shows it. */
async function oneSecondOn(page) {
  const before = Number(await page.getByTestId('sim-clock').getAttribute('data-ms'));
  await page.getByTestId('second-button').click();
  await page.waitForFunction((b) => Number(document.querySelector('[data-testid=sim-clock]').dataset.ms) > b, before, { timeout: WAIT_MS });
}

/** Screenshots at 1440×900 and at a 390 px phone, then back. */
async function shots(page, name) {
  await shot(page, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, `${name}-390`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** The page is no wider than the window: nothing scrolls sideways. */
async function noSidewaysScroll(page, width) {
  await page.setViewportSize({ width, height: 844 });
  const { scroll, client, widest } = await page.evaluate(() => {
    const root = document.documentElement;
    const over = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1);
    return { scroll: root.scrollWidth, client: root.clientWidth, widest: over.slice(0, 5).map((e) => e.className || e.tagName).join(', ') };
  });
  assert.ok(scroll <= client, `at ${width} px the page is ${scroll} px wide (${widest})`);
}

describe('the lecture on one screen', () => {
  test('a phone (390 px) and a tablet (768 px) show the page without sideways scrolling', async () => {
    const { page, problems } = await open();
    await page.getByTestId('preset-select').selectOption('lecture');
    await card(page, 6).waitFor({ timeout: WAIT_MS });
    await noSidewaysScroll(page, 390);
    await page.screenshot({ path: join(ARTIFACTS, 'phone-390.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'phone-390-full.png'), fullPage: true });
    await noSidewaysScroll(page, 768);
    await page.screenshot({ path: join(ARTIFACTS, 'tablet-768.png') });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('choosing the lecture preset starts it: plain placement, broker 4 leads 2 and follows 4', async () => {
    const { page, problems } = await open();
    await page.getByTestId('preset-select').selectOption('lecture');
    await card(page, 6).waitFor({ timeout: WAIT_MS });
    assert.equal(await page.getByTestId('broker-card').count(), 6);
    assert.equal(await card(page, 4).getByTestId('broker-counts').innerText(), '2 leaders · 4 followers');
    assert.equal(await card(page, 5).getByTestId('broker-counts').innerText(), '1 leader · 4 followers');
    const orders3 = page.locator('[data-testid=partition-row][data-partition=orders-3]');
    assert.equal(await orders3.getByTestId('partition-replicas').innerText(), '4, 5, 6');
    assert.equal(await card(page, 4).getByTestId('broker-rack').innerText(), 'none');
    await shots(page, 'lecture-preset');

    // With work in the session, choosing another preset asks first (the browser's own
    // confirmation); Cancel keeps everything, and the menu shows the preset in force.
    await oneSecondOn(page);
    const asked = [];
    page.once('dialog', (dialog) => { asked.push(dialog.message()); dialog.dismiss(); });
    await page.getByTestId('preset-select').selectOption('default');
    await page.waitForFunction(() => document.querySelector('[data-testid=preset-select]').value === 'lecture', null, { timeout: WAIT_MS });
    assert.match(asked[0], /^Start “3 brokers, 3 partitions, rf 3” from scratch\?[\s\S]*kept as the previous one/);
    assert.equal(await page.getByTestId('broker-card').count(), 6);
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByTestId('preset-select').selectOption('default');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=broker-card]').length === 3, null, { timeout: WAIT_MS });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('honest labels: the controller on the quorum, an acks=1 loss allowed, the clock in m:ss.mmm', async () => {
    const { page, problems } = await open();
    assert.match(await page.getByTestId('sim-clock').innerText(), /^0:00\.010$/);
    assert.equal(await page.getByTestId('broker-controller').count(), 0, 'no broker wears the controller badge');
    assert.match(await page.getByTestId('controller-summary').innerText(), /^Active controller: 1/);
    assert.match(await page.getByTestId('diagram-controller').textContent(), /★ controller 1/);
    // The lecture's acks=1 failover (scenarios/acks1-lost-on-failover.scenario).
    const lines = ['topic create events partitions=1 rf=3 start=0', 'produce events-0 e1', 'run 1s',
      'latency 1 2 300ms', 'latency 1 3 300ms', 'produce events-0 e2 acks=1', 'run 50ms', 'crash broker 1', 'run 15s',
      'restart broker 1', 'run 10s'];
    for (const line of lines) await run(page, line);
    const allowed = page.getByTestId('allowed-loss-banner');
    await allowed.waitFor({ timeout: WAIT_MS });
    assert.match(await allowed.locator('h2').innerText(), /^Acknowledged record lost — allowed by acks=1/);
    assert.match(await allowed.innerText(), /record 'e2'/);
    assert.equal(await page.getByTestId('violation-banner').count(), 0, 'no guarantee was broken');
    // The feed shows its latest lines: the violations' filter finds the loss however much followed it.
    await page.getByTestId('feed-kind').selectOption('violation');
    await page.getByTestId('feed-item').filter({ hasText: 'allowed by acks=1' }).first().waitFor({ timeout: WAIT_MS });
    assert.equal(await page.getByTestId('feed-item').filter({ hasText: 'SAFETY VIOLATION' }).count(), 0);
    await allowed.screenshot({ path: join(ARTIFACTS, 'acks1-loss-allowed-banner.png') });
    await page.getByTestId('feed-item').first().screenshot({ path: join(ARTIFACTS, 'acks1-loss-allowed-feed.png') });
    await allowed.scrollIntoViewIfNeeded();
    await shots(page, 'acks1-loss-allowed');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a failover: followers see an unreachable leader, the controller counts down, fences, elects', async () => {
    const { page, problems } = await open();
    // Keyless records to the topic would stick to one partition the producer draws (the
    // sticky partitioner); the lecture writes to orders-0, whose leader fails below.
    await page.getByTestId('produce-target').selectOption('orders-0');
    for (const value of ['a', 'b', 'c']) {
      await page.getByTestId('produce-value').fill(value);
      await page.getByTestId('produce-button').click();
      await page.getByTestId('produce-message').filter({ hasText: value }).waitFor({ timeout: WAIT_MS });
    }
    await oneSecondOn(page);
    const hw = page.locator('[data-testid=partition-row][data-partition=orders-0] [data-testid=partition-hw]');
    await page.waitForFunction(() => document.querySelector('[data-testid=partition-row][data-partition=orders-0] [data-testid=partition-hw]').dataset.hw === '3', null, { timeout: WAIT_MS });

    await page.getByTestId('fail-leader').click();
    await card(page, 1).getByTestId('broker-status').filter({ hasText: 'crashed' }).waitFor({ timeout: WAIT_MS });
    // Its followers were in sync: they cannot reach it, they are not lagging.
    const rows = page.locator('[data-testid=partition-view] [data-testid=replica-log]');
    assert.equal(await page.locator('[data-testid=partition-view] [data-testid=leader-unreachable]').count(), 2);
    assert.equal(await page.locator('[data-testid=partition-view] [data-testid=lag-gauge]').count(), 0);
    assert.doesNotMatch(await page.getByTestId('partition-view').innerText(), /never caught up/);
    // The dead leader shows the HW it held (3), not its checkpoint's (0).
    const dead = rows.and(page.locator('[data-broker-id="1"]'));
    assert.equal(await dead.getAttribute('data-hw'), '3');
    assert.match(await dead.getByTestId('replica-offsets').innerText(), /LEO 3 · last known HW 3/);
    assert.match(await hw.innerText(), /^3\s+\(last\)$/);

    // A heartbeat overdue: the countdown on broker 1, from the controller's last heartbeat.
    const countdown = card(page, 1).getByTestId('session-countdown');
    for (let i = 0; i < 5 && !(await countdown.count()); i++) await oneSecondOn(page);
    await countdown.waitFor({ timeout: WAIT_MS });
    const first = Number((await countdown.innerText()).match(/^fenced in (\d+\.\d) s$/)[1]);
    assert.ok(first > 0 && first < 9, `${first} s`);
    await page.getByTestId('step-button').click();
    await page.waitForFunction((f) => {
      const text = document.querySelector('[data-broker-id="1"] [data-testid=session-countdown]')?.textContent ?? '';
      return Number(text.replace(/[^\d.]/g, '')) < f;
    }, first, { timeout: WAIT_MS });
    assert.match(await page.locator('[data-testid=net-broker][data-broker-id="1"] [data-testid=net-session-countdown]').textContent(), /^fenced in \d+\.\d s$/);
    await shots(page, 'failover-countdown');
    await card(page, 1).screenshot({ path: join(ARTIFACTS, 'failover-countdown-broker-1.png') });
    await page.getByTestId('partition-view').screenshot({ path: join(ARTIFACTS, 'failover-countdown-partition.png') });

    // Then the fence and the election from the ISR, in a new epoch.
    for (let i = 0; i < 10 && (await page.getByTestId('detail-epoch').innerText()) === '0'; i++) await oneSecondOn(page);
    await page.waitForFunction(() => document.querySelector('[data-testid=detail-epoch]').textContent === '1', null, { timeout: WAIT_MS });
    await card(page, 1).getByTestId('broker-fenced').waitFor({ timeout: WAIT_MS });
    assert.equal(await countdown.count(), 0);
    assert.equal(await page.getByTestId('detail-leader').innerText(), 'Broker 2', 'the first in assignment order in the ISR');
    assert.equal(await page.locator('[data-testid=partition-view] [data-testid=leader-unreachable]').count(), 0);
    await shots(page, 'failover-elected');
    assert.match(await page.locator('[data-testid=net-broker][data-broker-id="1"]').textContent(), /crashed · fenced/);
    // The election flashes once: a later frame keeps the same element (no new flash).
    const election = await page.getByTestId('detail-election').elementHandle();
    const fence = await card(page, 1).getByTestId('broker-fenced').elementHandle();
    await oneSecondOn(page);
    assert.ok(await election.evaluate((e) => e.isConnected) && await fence.evaluate((e) => e.isConnected), 'drawn once, not every frame');
    await page.getByTestId('partition-view').screenshot({ path: join(ARTIFACTS, 'failover-elected-partition.png') });
    assert.deepEqual(problems, []);
    await page.close();
  });
});
