// Where a playing frame's time goes (not a test): PRESET=50x500 node e2e/profile-frames.mjs
// plays the preset at 1x with 100 records/s for 4 s and prints Chromium's trace totals
// (FunctionCall = wasm + JS, Layout, Paint, ...) and the CPU profile's top self times.
// DIST=dir profiles another build; PANEL=metrics opens that panel of the full page first.
import { chromium } from 'playwright-core';
import { serveDirectory } from './static-server.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
const DIST = process.env.DIST ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const preset = process.env.PRESET ?? '12x60';
const server = await serveDirectory(DIST, '/p/');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on('dialog', (dialog) => dialog.accept());
await page.goto(server.url);
await page.locator('[data-testid=broker-card]').nth(2).waitFor();
if (process.env.PANEL) {
  await page.getByTestId(`open-${process.env.PANEL}`).click();
  await page.getByTestId(`${process.env.PANEL}-panel`).waitFor({ timeout: 60000 });
}
await page.getByTestId('preset-select').selectOption(preset);
await page.getByRole('button', { name: 'Start over' }).click();
await page.waitForFunction(() => document.querySelectorAll('[data-testid=broker-card]').length > 3, null, { timeout: 60000 });
await page.getByTestId('speed-select').selectOption({ label: '1×' });
await page.getByTestId('rate-input').fill('100');
await page.getByTestId('rate-button').click();
await page.getByTestId('play-button').click();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
await new Promise((r) => setTimeout(r, 4000));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.end');
await done;
const sums = new Map();
for (const e of events) if (e.ph === 'X' && e.dur) sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur);
console.log([...sums.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}ms`).join('\n'));
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas; let total = 0;
profile.samples.forEach((id, i) => { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0)); total += dt[i] ?? 0; });
console.log('total ms', (total / 1000).toFixed(0));
[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30).forEach(([k, v]) => console.log((v / 1000).toFixed(0).padStart(6), k));
await browser.close(); await server.close();
