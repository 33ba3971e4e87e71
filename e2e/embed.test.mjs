// End-to-end: the simulator as an ES module for other pages (issue 16). dist/embed.html, the
// README's example, served from a sub-path as a course site would serve it, runs the default
// cluster in Debian's Chromium, crashes the leader of orders-0, runs 30 s and prints
// `describe()`: the output must show the failover a user would check (a new leader, the
// crashed broker out of the ISR). Polls, never sleeps for a fixed time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, DIST, servePage } from './release-page.mjs';

let server;
let browser;

before(async () => {
  server = await servePage('/course/week-3/');
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('dist/embed.html runs the default cluster through the module and prints describe() after a failover', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  await page.goto(`${server.url}embed.html`);
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
