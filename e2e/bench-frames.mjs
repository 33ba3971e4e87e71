// A benchmark of the page, not a test (`make bench-ui`): frame time p95 while playing at 1×
// with a steady 100 records/s on 12 brokers / 60 partitions and on 50 brokers / 500
// partitions; first-load transfer (gzip); time to interactive on loopback. Prints figures.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDirectory } from './static-server.mjs';
import { firstLoadTransfer, kB } from './transfer.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
// BENCH_DIST: another build to compare with (another checkout's dist/), under the same load.
const DIST = process.env.BENCH_DIST ?? join(HERE, '..', 'dist');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
// BENCH_PANEL=metrics: the frames with the full page's metrics panel and spacetime diagram
// open (the "Metrics" button), which redraw with every frame of play.
const PANEL = process.env.BENCH_PANEL;

const p = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function framesFor(page, preset) {
  await page.getByTestId('preset-select').selectOption(preset);
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=broker-card]').length === n, preset === '12x60' ? 12 : 50, { timeout: 60_000 });
  await page.getByTestId('speed-select').selectOption({ label: '1×' });
  await page.getByTestId('rate-input').fill('100');
  await page.getByTestId('rate-button').click();
  await page.getByTestId('play-button').click();
  // With a panel open, watch it as its user would: scrolled into view (the metrics sit
  // below the stage), so its plots are laid out and painted on every frame they change.
  if (PANEL && !process.env.BENCH_PANEL_CLOSED) {
    await page.getByTestId(`${PANEL}-panel`).evaluate((panel) => panel.scrollIntoView({ block: 'start' }));
  }
  const result = await page.evaluate(async (seconds) => {
    const deltas = [];
    let last = performance.now();
    const end = last + seconds * 1000;
    const clock = () => Number(document.querySelector('[data-testid=sim-clock]').dataset.ms);
    const simStart = clock();
    await new Promise((resolve) => {
      const frame = (t) => {
        deltas.push(t - last);
        last = t;
        if (t < end) requestAnimationFrame(frame); else resolve();
      };
      requestAnimationFrame(frame);
    });
    return { deltas: deltas.slice(5), simMs: clock() - simStart };
  }, SECONDS);
  await page.getByTestId('play-button').click();
  const d = result.deltas;
  return { frames: d.length, p50: p(d, 0.5), p95: p(d, 0.95), max: Math.max(...d), simPerWall: result.simMs / (SECONDS * 1000) };
}

const server = await serveDirectory(DIST, '/bench/');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Choosing a preset over a session with work asks first (issue 13): yes.
  page.on('dialog', (dialog) => dialog.accept());
  // Time to interactive: navigation start to the broker cards rendered (the app's first
  // paint with its controls wired), best of a few loads on loopback.
  const loads = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(server.url + '?' + i);
    await page.locator('[data-testid=broker-card]').nth(2).waitFor();
    loads.push(await page.evaluate(() => performance.now()));
  }
  const size = await firstLoadTransfer(DIST);
  if (PANEL) {
    await page.getByTestId(`open-${PANEL}`).click();
    await page.getByTestId(`${PANEL}-panel`).waitFor({ timeout: 60_000 });
    // BENCH_PANEL_CLOSED=1: the full page with the panel closed again (what the page pays
    // for the full build alone, the metrics fold and the health strip).
    if (process.env.BENCH_PANEL_CLOSED) {
      await page.getByTestId(`open-${PANEL}`).click();
      await page.getByTestId(`${PANEL}-panel`).waitFor({ state: 'detached', timeout: 60_000 });
    }
    console.log(`the full page, the ${PANEL} panel ${process.env.BENCH_PANEL_CLOSED ? 'closed' : 'open'}`);
  }
  const twelve = await framesFor(page, '12x60');
  const fifty = await framesFor(page, '50x500');
  const parts = size.files.map((f) => `${f.name.replace(/-[0-9a-f]{16}/, '')} ${kB(f.gz)}`).join(', ');
  console.log(`first load transfer: ${kB(size.gz)} gzip (${kB(size.raw)} raw; ${parts}), goal < 360 kB`);
  console.log(`time to interactive: median ${p(loads, 0.5).toFixed(0)} ms, max ${Math.max(...loads).toFixed(0)} ms (goal < 1000 ms)`);
  for (const [name, r, goal] of [['12 brokers / 60 partitions', twelve, 16.7], ['50 brokers / 500 partitions', fifty, 33]]) {
    console.log(`${name}, 1×, 100 records/s: frame p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (goal ≤ ${goal}), max ${r.max.toFixed(1)} ms, ${r.frames} frames, simulated/wall ${r.simPerWall.toFixed(2)}`);
  }
} finally {
  await browser.close();
  await server.close();
}
