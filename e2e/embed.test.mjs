// End-to-end: the simulator as an ES module for other pages (issue 16). dist/embed.html, the
// README's example, served from a sub-path as a course site would serve it, runs the default
// cluster in Debian's Chromium, crashes the leader of orders-0, runs 30 s and prints
// `describe()`: the output must show the failover a user would check (a new leader, the
// crashed broker out of the ISR). Polls, never sleeps for a fixed time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTIFACTS, DIST, releasePageForTests } from './release-page.mjs';

const site = releasePageForTests('/course/week-3/');

test('dist/embed.html runs the default cluster through the module and prints describe() after a failover', async () => {
  const page = await site.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  await page.goto(`${site.server.url}embed.html`);
  const out = page.getByTestId('embed-output');
  await out.filter({ hasText: 'Topic: orders' }).waitFor({ timeout: 30_000 });
  const text = await out.innerText();
  const crashed = Number(text.match(/^Crashed broker (\d+)/)[1]);
  const line = text.split('\n').find((l) => /Partition: 0\b/.test(l));
  assert.ok(line, `a line for orders-0 in:\n${text}`);
  const leader = Number(line.match(/Leader: (\d+)/)[1]);
  const isr = line.match(/Isr: ([\d,]+)/)[1].split(',').map(Number);
  assert.notEqual(leader, crashed, 'a new leader was elected');
  assert.ok(!isr.includes(crashed), `broker ${crashed} left the ISR (${isr})`);
  assert.ok(isr.includes(leader));
  await page.screenshot({ path: join(ARTIFACTS, 'embed-example.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the module ships with its TypeScript types', { skip: process.env.E2E_BASE_URL ? 'E2E_BASE_URL is set: dist/ is not the served build' : false }, async () => {
  const types = await readFile(join(DIST, 'sim', 'kafka-sim.d.ts'), 'utf8');
  for (const name of ['export class Simulation', 'static fromScript(text: string): Simulation', 'view(): ClusterState', 'events(since?: number | null): SimEvent[]', 'describe(']) {
    assert.ok(types.includes(name), `kafka-sim.d.ts declares ${name}`);
  }
});

test('#embed:LINK shows the linked session presenting, and keeps nothing in the site\'s storage', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  // A teacher's session: one crash, then its share link.
  await page.goto(site.server.url);
  await page.locator('[data-testid=broker-card]').nth(2).waitFor({ timeout: 20_000 });
  await page.getByTestId('console-input').fill('crash broker 1');
  await page.getByTestId('console-input').press('Enter');
  await page.getByTestId('console-message').filter({ hasText: '✓ crash broker 1' }).waitFor({ timeout: 20_000 });
  await page.getByTestId('copy-link').click();
  const link = await page.getByTestId('share-url').inputValue();
  // The teacher's own session and its checkpoint (stored a moment after the command), as saved.
  await page.waitForFunction(() => localStorage.getItem('kafka-replication-playground/checkpoint') !== null, null, { timeout: 20_000 });
  const saved = await page.evaluate(() => JSON.stringify({ ...localStorage }));

  // The slide: a new page in the same site, embedding that session.
  const slide = await context.newPage();
  slide.on('pageerror', (err) => problems.push(`slide error: ${err.message}`));
  await slide.goto(`${site.server.url}#embed:${link.slice(link.indexOf('#') + 1)}`);
  await slide.locator('.app--embed.app--present').waitFor({ timeout: 20_000 });
  await slide.locator('[data-testid=net-broker][data-broker-id="1"]').filter({ hasText: 'crashed' }).waitFor({ timeout: 20_000 });
  assert.equal(await slide.getByTestId('presentation-toggle').isVisible(), false);
  await slide.getByTestId('play-button').click();
  await slide.waitForFunction(() => Number(document.querySelector('[data-testid=sim-clock]').dataset.ms) > 2000, null, { timeout: 20_000 });
  await slide.getByTestId('play-button').click();
  await slide.screenshot({ path: join(ARTIFACTS, 'embed-mode-1280x720.png') });
  assert.equal(await slide.evaluate(() => JSON.stringify({ ...localStorage })), saved, 'the embedded page saved nothing');
  await slide.reload();
  await slide.locator('[data-testid=net-broker][data-broker-id="1"]').filter({ hasText: 'crashed' }).waitFor({ timeout: 20_000 });
  assert.equal(await slide.locator('.app--embed').count(), 1, 'a reload shows the same embedded session');
  assert.deepEqual(problems, []);
  await context.close();
});

test('#embed:lesson=ID opens that lesson in a slide, presenting, and keeps nothing', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const slide = await context.newPage();
  const problems = [];
  slide.on('pageerror', (err) => problems.push(`slide error: ${err.message}`));
  await slide.goto(`${site.server.url}#embed:lesson=failover`);
  await slide.locator('.app--embed.app--present [data-testid=lesson-panel][data-lesson=failover]').waitFor({ timeout: 30_000 });
  await slide.getByTestId('lesson-next').waitFor({ timeout: 30_000 });
  await slide.keyboard.press('PageDown');
  await slide.locator('[data-testid=lesson-panel][data-step="2"]').waitFor({ timeout: 30_000 });
  await slide.screenshot({ path: join(ARTIFACTS, 'embed-lesson-1280x720.png') });
  assert.equal(await slide.evaluate(() => localStorage.length + sessionStorage.length), 0, 'the embedded lesson saved nothing');
  assert.deepEqual(problems, []);
  await context.close();
});
