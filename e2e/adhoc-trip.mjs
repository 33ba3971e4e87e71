import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, servePage } from './release-page.mjs';
const server = await servePage('/x/');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
await page.goto(server.url);
await page.locator('[data-testid=broker-card]').nth(2).waitFor();
await page.getByTestId('produce-target').selectOption('orders-0');
await page.getByTestId('play-button').click();
await page.getByTestId('parked-countdown').first().waitFor();
console.log('consume-once count', await page.getByTestId('consume-once').count(), await page.getByTestId('consume-once').first().getAttribute('title'));
await page.evaluate(() => {
  window.tripFrames = [];
  const sample = () => {
    const dots = [...document.querySelectorAll('[data-testid=message] .msg__dot')];
    window.tripFrames.push({ t: performance.now(), clock: document.querySelector('[data-testid=sim-clock]')?.textContent, at: dots.map((d) => `${d.getAttribute('x')},${d.getAttribute('y')}`).join(' '), kinds: [...document.querySelectorAll('[data-testid=message]')].map(m=>m.getAttribute('data-kind')).join(','),
      read: document.querySelector('[data-testid=consumer-read]')?.textContent ?? '', slow: !!document.querySelector('[data-testid=slow-motion]') });
    if (!window.tripDone) requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
});
await page.getByTestId('produce-button').click();
await page.getByTestId('consume-once').first().click();
await page.locator('[data-testid=producer-record][data-status=acked]').waitFor({ timeout: 60000 });
const ackFrame = await page.evaluate(() => window.tripFrames.length);
await page.waitForFunction(() => (document.querySelector('[data-testid=consumer-read]')?.textContent ?? '').length > 0, null, { timeout: 60000 });
const frames = await page.evaluate(() => { window.tripDone = true; return window.tripFrames; });
let moved = 0; for (let i = 1; i < frames.length; i++) if (frames[i].at && frames[i-1].at && frames[i].at !== frames[i-1].at) moved++;
console.log('frames', frames.length, 'ack at', ackFrame, 'moved', moved, 'read', frames.at(-1).read, 'clock', frames[0].clock, frames.at(-1).clock, 'wall', (frames.at(-1).t - frames[0].t).toFixed(0));
const kinds = new Set(); frames.forEach(f => f.kinds.split(',').forEach(k => kinds.add(k))); console.log([...kinds]);
await page.screenshot({ path: 'e2e/artifacts/adhoc-trip.png' });
await browser.close(); await server.close();
