// End-to-end: the lecture's story on one screen, for everyone (issue 13). The first viewport
// at 1440×900 and at a 1280×720 projector holds the network diagram, the replica logs, the
// produce and play controls; a record's trip at the default speed is seen moving in at least
// half of the frames from the press to the consumer's read; everything works from the keyboard (Space
// presses the focused button, the feed is one Tab stop, dialogs take, trap and return the
// focus); reduced motion moves messages in steps; presentation mode is remembered; axe-core
// finds no violation on the main views. The release build in Debian's Chromium; polls, never
// sleeps for a fixed time. Screenshots at 1440×900, 1280×720, 768 and 390 px in e2e/artifacts/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, servePage } from './release-page.mjs';

const WAIT_MS = 20_000;
const AXE = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'axe-core', 'axe.min.js');

let server;
let browser;

before(async () => {
  server = await servePage('/screen/');
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page (its own storage) at `width`×`height`, errors collected. */
async function open(width, height, options = {}) {
  const context = await browser.newContext({ viewport: { width, height }, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  await page.goto(server.url);
  await page.locator('[data-testid=broker-card]').nth(2).waitFor({ timeout: WAIT_MS });
  return { page, problems, close: () => context.close() };
}

const shot = (page, name, fullPage = false) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });

/** Every element `selector` matches lies wholly inside the viewport (no scrolling). */
async function inFirstViewport(page, selector) {
  const boxes = await page.evaluate((sel) => [...document.querySelectorAll(sel)].map((e) => {
    const r = e.getBoundingClientRect();
    return { top: r.top, left: r.left, bottom: r.bottom, right: r.right };
  }), selector);
  const { width, height } = page.viewportSize();
  assert.ok(boxes.length > 0, `${selector}: none on the page`);
  for (const b of boxes) {
    assert.ok(b.top >= 0 && b.left >= 0 && b.bottom <= height + 0.5 && b.right <= width + 0.5,
      `${selector} at ${JSON.stringify(b)} is outside the first ${width}×${height} viewport`);
  }
}

const STORY = ['network-diagram', 'replica-log', 'produce-button', 'play-button', 'diagram-controller', 'fail-leader']
  .map((id) => `[data-testid=${id}]`);

/** The page is no wider than the window: nothing scrolls sideways. */
async function noSidewaysScroll(page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client, `the page is ${scroll} px wide in a ${client} px window`);
}

/** The data-testid of the focused element (or its tag). */
const focused = (page) => page.evaluate(() => document.activeElement?.dataset.testid ?? document.activeElement?.tagName);

/** Presses Tab until the focus is on `testid` (at most `max` presses). */
async function tabTo(page, testid, max = 150) {
  for (let i = 0; i < max; i++) {
    if ((await focused(page)) === testid) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${testid}`);
}

/** axe-core's violations on the page as it is, one line each. */
async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations);
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

describe('the story on one screen', () => {
  for (const [width, height] of [[1440, 900], [1280, 720]]) {
    test(`at ${width}×${height} the first viewport holds the diagram, the replica logs, produce and play`, async () => {
      const { page, problems, close } = await open(width, height);
      for (const selector of STORY) await inFirstViewport(page, selector);
      assert.equal(await page.locator('[data-testid=replica-log]').count(), 3);
      await noSidewaysScroll(page);
      await shot(page, `one-screen-${width}x${height}`);
      // Presentation mode keeps the story on the screen, in larger type.
      await page.getByTestId('presentation-toggle').click();
      await page.locator('.app--present').waitFor({ timeout: WAIT_MS });
      for (const selector of STORY) await inFirstViewport(page, selector);
      await shot(page, `one-screen-${width}x${height}-presenting`);
      assert.deepEqual(problems, []);
      await close();
    });
  }

  for (const width of [768, 390]) {
    test(`at ${width} px the page stacks without sideways scrolling`, async () => {
      const { page, problems, close } = await open(width, 900);
      await noSidewaysScroll(page);
      await shot(page, `one-screen-${width}`);
      await shot(page, `one-screen-${width}-full`, true);
      assert.deepEqual(problems, []);
      await close();
    });
  }

  test('presentation mode: the button and P toggle it, and a reload remembers it', async () => {
    const { page, problems, close } = await open(1280, 720);
    await page.getByTestId('presentation-toggle').click();
    await page.locator('.app--present').waitFor({ timeout: WAIT_MS });
    assert.equal(await page.getByTestId('presentation-toggle').getAttribute('aria-pressed'), 'true');
    await page.reload();
    await page.locator('.app--present [data-testid=broker-card]').nth(2).waitFor({ state: 'attached', timeout: WAIT_MS });
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('p');
    await page.waitForFunction(() => !document.querySelector('.app--present'), null, { timeout: WAIT_MS });
    assert.deepEqual(problems, []);
    await close();
  });
});

/**
 * Presses Play, then Produce to orders-0 and Consume once, and samples every animation frame
 * until the consumer has read the record (producer → leader → followers → HW → ack →
 * consumer): where each message's shape is drawn, and whether slow motion is shown.
 */
async function recordTrip(page) {
  await page.getByTestId('produce-target').selectOption('orders-0');
  await page.getByTestId('play-button').click();
  // Idle, the followers' fetches wait at the leader with their countdown (long poll).
  await page.getByTestId('parked-countdown').first().waitFor({ timeout: WAIT_MS });
  await page.evaluate(() => {
    window.tripFrames = [];
    const sample = () => {
      const dots = [...document.querySelectorAll('[data-testid=message] .msg__dot')];
      window.tripFrames.push({ at: dots.map((d) => `${d.getAttribute('x')},${d.getAttribute('y')}`).join(' '),
        slow: !!document.querySelector('[data-testid=slow-motion]') });
      if (!window.tripDone) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  await page.getByTestId('produce-button').click();
  // The consumer's fetch waits at the leader (long poll) until the HW passes the record.
  await page.getByTestId('consume-once').click();
  await page.locator('[data-testid=producer-record][data-status=acked]').waitFor({ timeout: 60_000 });
  const value = await page.getByTestId('produce-value').inputValue();
  await page.getByTestId('consumer-read').filter({ hasText: value }).waitFor({ timeout: 60_000 });
  return page.evaluate(() => { window.tripDone = true; return window.tripFrames; });
}

/** Of the frames after the first: how many drew a message where the frame before drew one too, and how many of those moved one. */
function movement(frames) {
  let both = 0;
  let moved = 0;
  for (let i = 1; i < frames.length; i++) {
    if (frames[i].at === '' || frames[i - 1].at === '') continue;
    both++;
    if (frames[i].at !== frames[i - 1].at) moved++;
  }
  return { both, moved };
}

describe('the fetch loop made visible', () => {
  test('at the default speed a record is seen moving in at least half the frames from the press to the consumer\'s read', async () => {
    const { page, problems, close } = await open(1440, 900);
    assert.match(await page.getByTestId('parked-countdown').first().textContent(), /^fetch @0 waits \d+ ms$/);
    const frames = await recordTrip(page);
    const { moved } = movement(frames);
    const share = moved / (frames.length - 1);
    console.log(`record trip: ${moved} of ${frames.length - 1} frames show a message moving (${(share * 100).toFixed(0)} %), ${frames.filter((f) => f.slow).length} in slow motion`);
    assert.ok(frames.length > 60, `${frames.length} frames: the trip lasts more than a second`);
    assert.ok(share >= 0.5, `${moved} of ${frames.length - 1} frames show a message moving`);
    assert.ok(frames.some((f) => f.slow), 'slow motion is shown while the record travels');
    await shot(page, 'record-trip-acked');
    assert.deepEqual(problems, []);
    await close();
  });

  test('with reduced motion asked for, messages move in steps', async () => {
    const { page, problems, close } = await open(1440, 900, { reducedMotion: 'reduce' });
    const { both, moved } = movement(await recordTrip(page));
    assert.ok(both > 30, `${both} frames with a message`);
    assert.ok(moved / both < 0.3, `${moved} of ${both} frames changed: it glides instead of stepping`);
    assert.deepEqual(problems, []);
    await close();
  });
});

describe('for everyone', () => {
  test('keyboard only: Space presses the focused button (not Play), produce, then a failover', async () => {
    const { page, problems, close } = await open(1440, 900);
    await page.getByTestId('produce-target').selectOption('orders-0');
    await page.evaluate(() => document.activeElement?.blur());
    await tabTo(page, 'produce-button');
    await page.keyboard.press('Space');
    await page.getByTestId('producer-record').first().waitFor({ timeout: WAIT_MS });
    assert.equal(await page.getByTestId('play-button').getAttribute('aria-pressed'), 'false', 'Space pressed Produce, not Play');
    await tabTo(page, 'second-button');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=producer-record][data-status=acked]').waitFor({ timeout: WAIT_MS });

    await tabTo(page, 'fail-leader');
    await page.keyboard.press('Enter');
    await page.locator('[data-broker-id="1"] [data-testid=broker-status]').filter({ hasText: 'crashed' }).waitFor({ timeout: WAIT_MS });
    await page.getByTestId('narration').filter({ hasText: /crash/i }).waitFor({ timeout: WAIT_MS });
    await tabTo(page, 'second-button');
    for (let i = 0; i < 15 && (await page.getByTestId('detail-epoch').innerText()) === '0'; i++) {
      const before = Number(await page.getByTestId('sim-clock').getAttribute('data-ms'));
      await page.keyboard.press('Enter');
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid=sim-clock]').dataset.ms) >= n, before + 1000, { timeout: WAIT_MS });
    }
    await page.waitForFunction(() => document.querySelector('[data-testid=detail-epoch]').textContent === '1', null, { timeout: WAIT_MS });
    assert.equal(await page.getByTestId('detail-leader').innerText(), 'Broker 2');
    await page.getByTestId('narration').filter({ hasText: /leader|ISR/ }).waitFor({ timeout: WAIT_MS });
    assert.equal(await page.getByTestId('narration').getAttribute('aria-live'), 'polite');
    await shot(page, 'keyboard-failover-1440x900');
    // README's picture: after the failover, a second record on its way to the new leader's follower.
    await page.evaluate(() => { document.activeElement?.blur(); document.querySelector('.rail').scrollTop = 0; });
    await page.getByTestId('produce-value').fill('after');
    await page.getByTestId('play-button').click();
    await page.getByTestId('produce-button').click();
    await page.locator('[data-testid=message] .msg__caption').filter({ hasText: '1 record' }).first().waitFor({ timeout: WAIT_MS });
    await page.evaluate(() => document.activeElement?.blur());
    await shot(page, 'readme-playground');
    await page.getByTestId('play-button').click();
    assert.deepEqual(problems, []);
    await close();
  });

  test('the event feed is one Tab stop, moved through with the arrow keys', async () => {
    const { page, problems, close } = await open(1440, 900);
    await page.getByTestId('feed-kind').focus();
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'feed-list');
    await page.keyboard.press('ArrowDown');
    const first = await page.evaluate(() => [...document.querySelectorAll('[data-testid=feed-item]')].indexOf(document.activeElement));
    assert.equal(first, 0);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => [...document.querySelectorAll('[data-testid=feed-item]')].indexOf(document.activeElement)), 1);
    assert.equal(await page.getByTestId('sim-clock').getAttribute('data-ms'), '10', 'arrows in the feed do not move time');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => !!document.activeElement.closest('[data-testid=event-feed] ol')), false, 'one Tab leaves the feed');
    assert.deepEqual(problems, []);
    await close();
  });

  test('replica chips are pressed with a click or the keyboard, and a broker\'s chips are one Tab stop', async () => {
    const { page, problems, close } = await open(1440, 900);
    const chips = page.locator('[data-broker-id="2"] [data-testid=replica-chip]');
    assert.equal(await chips.count(), 3);
    await chips.nth(1).click();
    const second = await chips.nth(1).getAttribute('data-partition');
    await page.waitForFunction((p) => document.querySelector(`[data-broker-id="2"] [data-testid=replica-chip][data-partition="${p}"]`)?.getAttribute('aria-pressed') === 'true', second, { timeout: WAIT_MS });
    assert.equal(await page.getByTestId('partition-view').getAttribute('data-partition'), second);
    // The keyboard: Tab lands on the group's first chip only, the arrows walk it, Enter presses.
    await chips.nth(0).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const third = await chips.nth(2).getAttribute('data-partition');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.partition), third);
    await page.keyboard.press('Enter');
    await page.waitForFunction((p) => document.querySelector(`[data-broker-id="2"] [data-testid=replica-chip][data-partition="${p}"]`)?.getAttribute('aria-pressed') === 'true', third, { timeout: WAIT_MS });
    await page.keyboard.press('Home');
    await page.keyboard.press('Space');
    const first = await chips.nth(0).getAttribute('data-partition');
    await page.waitForFunction((p) => document.querySelector(`[data-broker-id="2"] [data-testid=replica-chip][data-partition="${p}"]`)?.getAttribute('aria-pressed') === 'true', first, { timeout: WAIT_MS });
    assert.equal(await page.getByTestId('play-button').getAttribute('aria-pressed'), 'false', 'Space pressed the chip, not Play');
    assert.equal(await page.getByTestId('sim-clock').getAttribute('data-ms'), '10', 'the arrows walked the chips, not time');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => !!document.activeElement.closest('[data-broker-id="2"] .chips')), false, 'one Tab leaves the chips');
    assert.deepEqual(problems, []);
    await close();
  });

  test('dialogs take the focus, keep Tab inside and give it back', async () => {
    const { page, problems, close } = await open(1440, 900);
    await page.getByTestId('key-help-open').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('key-help').waitFor({ timeout: WAIT_MS });
    const inside = () => page.evaluate(() => !!document.activeElement.closest('[data-testid=key-help]'));
    assert.ok(await inside(), 'the overlay took the focus');
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      assert.ok(await inside(), 'Tab stays inside the overlay');
    }
    await page.keyboard.press('Shift+Tab');
    assert.ok(await inside());
    await page.keyboard.press('Escape');
    await page.getByTestId('key-help').waitFor({ state: 'detached', timeout: WAIT_MS });
    assert.equal(await focused(page), 'key-help-open', 'the focus went back');

    // The branch confirmation: a command in the past asks, with the focus on Cancel.
    await page.getByTestId('console-input').fill('run 2s');
    await page.getByTestId('console-input').press('Enter');
    await page.getByTestId('console-message').filter({ hasText: '✓ run 2s' }).waitFor({ timeout: WAIT_MS });
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('ArrowLeft');
    await page.getByTestId('branch-notice').waitFor({ timeout: WAIT_MS });
    await page.getByTestId('produce-button').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('branch-confirm').waitFor({ timeout: WAIT_MS });
    assert.equal(await focused(page), 'branch-confirm-no');
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => !!document.activeElement.closest('[data-testid=branch-confirm]')), 'Tab stays in the confirmation');
    }
    await page.keyboard.press('Escape');
    await page.getByTestId('branch-confirm').waitFor({ state: 'detached', timeout: WAIT_MS });
    assert.equal(await focused(page), 'produce-button', 'the focus went back to the control that asked');
    assert.deepEqual(problems, []);
    await close();
  });

  test('axe-core finds no violation on the main views', async () => {
    const { page, problems, close } = await open(1440, 900);
    const found = [];
    const check = async (view) => found.push(...(await axeViolations(page)).map((v) => `${view}: ${v}`));
    await check('default');
    await page.getByTestId('key-help-open').click();
    await page.getByTestId('key-help').waitFor({ timeout: WAIT_MS });
    await check('keys overlay');
    await page.keyboard.press('Escape');
    await page.getByTestId('produce-button').click();
    await page.getByTestId('console-input').fill('run 2s');
    await page.getByTestId('console-input').press('Enter');
    await page.getByTestId('console-message').filter({ hasText: '✓ run 2s' }).waitFor({ timeout: WAIT_MS });
    await page.getByTestId('timeline-marker').first().waitFor({ timeout: WAIT_MS });
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('ArrowLeft');
    await page.getByTestId('branch-notice').waitFor({ timeout: WAIT_MS });
    await check('the past');
    await page.keyboard.press('l');
    await page.getByTestId('presentation-toggle').click();
    await check('presentation');
    await page.getByTestId('presentation-toggle').click();
    await page.setViewportSize({ width: 390, height: 844 });
    await check('390 px');
    assert.deepEqual(found, []);
    assert.deepEqual(problems, []);
    await close();
  });
});
