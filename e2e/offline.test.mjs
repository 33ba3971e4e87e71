// End-to-end: the page works offline after its first load (issue 16, www/sw.js). The release
// build from a sub-path in Debian's Chromium: once the service worker has cached this build,
// the server goes away, and a reload still opens the playground, which still runs. Polls,
// never sleeps for a fixed time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { releasePageForTests } from './release-page.mjs';

const WAIT_MS = 30_000;
const site = releasePageForTests('/mirror/kafka/');

test('after the first load, the page opens and runs with its server gone', { skip: process.env.E2E_BASE_URL ? 'needs its own server to stop' : false }, async () => {
  const context = await site.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.goto(site.server.url);
  await page.locator('[data-testid=broker-card]').nth(2).waitFor({ timeout: WAIT_MS });
  // The worker is in charge and has this build's wasm in its cache.
  await page.waitForFunction(async () => {
    const ready = await navigator.serviceWorker.ready;
    const cache = await caches.open('kafka-replication-playground');
    const keys = (await cache.keys()).map((r) => r.url);
    return !!ready.active && keys.some((u) => u.endsWith('_bg.wasm')) && keys.some((u) => u.endsWith('.css'));
  }, null, { timeout: WAIT_MS, polling: 200 });

  await site.server.close();
  const gone = await page.evaluate(async () => fetch('./?probe', { cache: 'no-store' }).then(() => 'reached', () => 'unreachable'));
  assert.equal(gone, 'reached', 'the worker answers for the server (from its cache)');
  await page.reload();
  await page.locator('[data-testid=broker-card]').nth(2).waitFor({ timeout: WAIT_MS });
  await page.getByTestId('produce-target').selectOption('orders-0');
  await page.getByTestId('produce-button').click();
  await page.getByTestId('second-button').click();
  await page.locator('[data-testid=producer-record][data-status=acked]').waitFor({ timeout: WAIT_MS });
  assert.deepEqual(problems, []);
  await context.close();
});
