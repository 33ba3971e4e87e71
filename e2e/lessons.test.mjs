// End-to-end: the lessons and challenges (issue 14), taken as a learner takes them, by
// clicking. The Lessons button loads the full page (dist/full/) with the session; the map
// opens a lesson; each step's prediction is answered, the decisive moment plays on the
// page's timeline, and the reveal marks the simulator's value beside the answer, a wrong
// answer as wrong and a right one as right. The answers the test gives come from what the
// page itself shows (a broker card's counts, the partition table) or from a reveal seen
// before, never from a constant. Links open any lesson at any step, progress survives a
// reload, PageDown drives a class, and the break and defend challenges are won by the
// simulator's verdict. The release build from a sub-path in Debian's Chromium; polls, never
// sleeps for a fixed time.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, openPage, releasePageForTests } from './release-page.mjs';

const WAIT_MS = 60_000;
const AXE = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'axe-core', 'axe.min.js');
const site = releasePageForTests('/course/');

const open = (hash = '', width = 1440, height = 900) => openPage(site.browser, site.server.url + hash, { width, height });

const panel = (page) => page.getByTestId('lesson-panel');

/** Waits for step `n` (from 1) of the open lesson. */
async function atStep(page, n) {
  await page.locator(`[data-testid=lesson-panel][data-step="${n}"]`).waitFor({ timeout: WAIT_MS });
}

/** Answers the open prediction with `choice`, skips the replay, and returns the reveal's text. */
async function answer(page, choice) {
  await skipOpening(page);
  await page.getByTestId('lesson-prediction').getByRole('button', { name: choice, exact: true }).click();
  return finishMoment(page);
}

/** Lets the moment play to its end (skipping it), and returns the reveal's text. */
async function finishMoment(page) {
  const reveal = page.getByTestId('lesson-reveal');
  const watching = page.getByTestId('lesson-watching');
  await page.locator('[data-testid=lesson-reveal], [data-testid=lesson-watching], [data-testid=lesson-next]').first().waitFor({ timeout: WAIT_MS });
  if (await watching.count()) await watching.getByRole('button').click().catch(() => {});
  await page.getByTestId('lesson-next').waitFor({ timeout: WAIT_MS });
  return reveal.count().then((n) => (n ? reveal.innerText() : ''));
}

/** The simulator's value a reveal names. */
const shownValue = (text) => text.match(/simulator shows (.+?)\.(\s|$)/)[1];

/** Skips a step's opening lines playing, if they are. */
async function skipOpening(page) {
  const watching = page.getByTestId('lesson-watching');
  if (await watching.count()) await watching.getByRole('button').click().catch(() => {});
  await watching.waitFor({ state: 'detached', timeout: WAIT_MS });
}

/** Runs `line` in the console, as a learner types it, and waits for the console to answer. */
async function consoleLine(page, line) {
  await page.getByTestId('console-input').fill(line);
  await page.getByTestId('console-input').press('Enter');
  await page.getByTestId('console-message').filter({ hasText: line }).waitFor({ timeout: WAIT_MS });
}

/** Goes through every remaining step, answering each prediction with its first choice, until the lesson ends. */
async function finishLesson(page) {
  for (let guard = 0; guard < 30; guard += 1) {
    if (await page.getByTestId('lesson-finished').count()) return;
    await skipOpening(page);
    const step = await panel(page).getAttribute('data-step');
    const choices = page.getByTestId('lesson-prediction').getByRole('button', { disabled: false });
    if ((await choices.count()) > 0 && !(await page.getByTestId('lesson-reveal').count())) {
      const first = (await choices.first().innerText()).trim();
      const text = await answer(page, first);
      assert.equal(/✓/.test(text), shownValue(text) === first, `step ${step}: the verdict agrees with the value shown: ${text}`);
    } else {
      await finishMoment(page);
    }
    await page.getByTestId('lesson-next').click();
    await page.waitForFunction(
      (s) => document.querySelector('[data-testid=lesson-finished]') || document.querySelector('[data-testid=lesson-panel]')?.dataset.step !== s,
      step,
      { timeout: WAIT_MS },
    );
  }
  assert.fail('the lesson never finished');
}

describe('lessons', () => {
  test('the lecture\'s lesson from the map: a right and a wrong prediction, each checked against the page', async () => {
    const { page, problems } = await open();
    await page.getByTestId('open-lessons').click();
    await page.getByTestId('lesson-map').waitFor({ timeout: WAIT_MS });
    await page.screenshot({ path: join(ARTIFACTS, 'lesson-map-1440.png') });
    await page.locator('[data-testid=lesson-map-item][data-lesson=leaders-and-followers]').click();
    await atStep(page, 1);
    // The answer is what broker 4's card says, as the lecture counts it.
    const counts4 = await page.locator('[data-testid=broker-card][data-broker-id="4"] [data-testid=broker-counts]').innerText();
    const leads4 = counts4.match(/(\d+) leaders?/)[1];
    const right = await answer(page, leads4);
    assert.match(right, /✓ Right/);
    assert.equal(shownValue(right), leads4);
    assert.match(page.url(), /#lesson=leaders-and-followers&step=1$/);
    await page.getByTestId('lesson-next').click();
    await atStep(page, 2);
    const counts5 = await page.locator('[data-testid=broker-card][data-broker-id="5"] [data-testid=broker-counts]').innerText();
    const leads5 = counts5.match(/(\d+) leaders?/)[1];
    const wrongChoice = ['0', '1', '2', '3'].find((c) => c !== leads5);
    const wrong = await answer(page, wrongChoice);
    assert.match(wrong, new RegExp(`✗ You said ${wrongChoice}; the simulator shows ${leads5}\\.`));
    await page.screenshot({ path: join(ARTIFACTS, 'lesson-reveal-1440.png') });
    await page.getByTestId('lesson-next').click();
    await atStep(page, 3);
    await finishLesson(page);
    await page.getByTestId('lesson-finished').waitFor();
    assert.ok((await page.getByTestId('lesson-try').count()) > 0, 'try it yourself suggestions');
    await page.getByTestId('lesson-keep').click();
    await page.getByTestId('lesson-panel').waitFor({ state: 'detached' });
    assert.doesNotMatch(page.url(), /lesson=/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the fetch loop: each prediction marked by the simulator, and a link to a step gives the same answer', async () => {
    const { page, problems } = await open('#lesson=fetch-loop');
    await atStep(page, 1);
    await page.getByTestId('lesson-next').click();
    await atStep(page, 2);
    const first = await answer(page, '2');
    const value = shownValue(first);
    assert.equal(/✓/.test(first), value === '2');
    // The same step opened from its link, in a fresh page, answered with the value seen.
    const again = await open('#lesson=fetch-loop&step=2');
    await atStep(again.page, 2);
    assert.match(await answer(again.page, value), /✓ Right/);
    assert.deepEqual(again.problems, []);
    await again.page.close();
    await page.getByTestId('lesson-next').click();
    await atStep(page, 3);
    await finishLesson(page);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('failover: the moment plays on the timeline, and the page agrees with the reveal', async () => {
    const { page, problems } = await open('#lesson=failover&step=3');
    await atStep(page, 3);
    const clock = page.getByTestId('sim-clock');
    const before = Number(await clock.getAttribute('data-ms'));
    await page.getByTestId('lesson-prediction').getByRole('button', { name: '3', exact: true }).click();
    // Watching: the clock walks forward through the moment rather than jumping to its end.
    await page.getByTestId('lesson-watching').waitFor({ timeout: WAIT_MS });
    await page.waitForFunction((t) => Number(document.querySelector('[data-testid=sim-clock]').dataset.ms) > t, before, { timeout: WAIT_MS });
    const during = Number(await clock.getAttribute('data-ms'));
    await page.getByTestId('lesson-reveal').waitFor({ timeout: WAIT_MS });
    await page.getByTestId('lesson-next').waitFor({ timeout: WAIT_MS });
    const after = Number(await clock.getAttribute('data-ms'));
    assert.ok(before < during && during < after, `the clock moved through the moment: ${before} → ${during} → ${after}`);
    const text = await page.getByTestId('lesson-reveal').innerText();
    assert.match(text, /✗ You said 3; the simulator shows 2\./);
    const leader = page.locator('[data-testid=partition-row][data-partition="t-0"] [data-testid=partition-leader]');
    assert.equal(await leader.innerText(), 'Broker 2', 'the partition table shows the leader the reveal names');
    await page.screenshot({ path: join(ARTIFACTS, 'lesson-failover-1440.png') });
    await page.getByTestId('lesson-next').click();
    await atStep(page, 4);
    await finishLesson(page);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a broker prediction is answered by clicking the broker on the diagram', async () => {
    const { page, problems } = await open('#lesson=failover&step=3');
    await atStep(page, 3);
    await skipOpening(page);
    await page.locator('[data-testid=net-broker][data-broker-id="2"]').click();
    await page.getByTestId('lesson-next').waitFor({ timeout: WAIT_MS });
    assert.match(await page.getByTestId('lesson-reveal').innerText(), /✓ Right: you said 2, and the simulator shows 2\./);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a lesson link pasted into the address bar opens it, from the first page and from the full one', async () => {
    const { page, problems } = await open();
    await page.getByTestId('broker-card').first().waitFor({ timeout: WAIT_MS });
    await page.evaluate(() => { location.hash = '#lesson=zombie-ack'; });
    await page.getByTestId('challenge-panel').waitFor({ timeout: WAIT_MS });
    await page.getByTestId('open-metrics').click();
    await page.getByTestId('metrics-panel').waitFor({ timeout: WAIT_MS });
    await page.evaluate(() => { location.hash = '#lesson=failover&step=2'; });
    await atStep(page, 2);
    assert.equal(await page.getByTestId('lesson-panel').getAttribute('data-lesson'), 'failover');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('progress is kept across a reload, and the map says so', async () => {
    const { page } = await open('#lesson=leaders-and-followers&step=5');
    await atStep(page, 5);
    await finishLesson(page);
    await page.getByTestId('lesson-restore').click();
    await page.reload();
    await page.getByTestId('open-lessons').click();
    const item = page.locator('[data-testid=lesson-map-item][data-lesson=leaders-and-followers]');
    await item.filter({ hasText: '✓ done' }).waitFor({ timeout: WAIT_MS });
    await page.close();
  });

  test('a reload keeps what the learner did in a step, and in a challenge its faults', async () => {
    const { page, problems } = await open('#lesson=failover&step=3');
    await atStep(page, 3);
    await skipOpening(page);
    await consoleLine(page, 'crash broker 3');
    const hash = async () => (await page.getByTestId('trace-hash').innerText()).trim();
    const before = await hash();
    await page.reload();
    await atStep(page, 3);
    await page.waitForFunction((h) => document.querySelector('[data-testid=trace-hash]')?.textContent.trim() === h, before, { timeout: WAIT_MS });
    assert.match(await page.locator('[data-testid=broker-card][data-broker-id="3"] [data-testid=broker-status]').textContent(), /crashed/);

    await page.evaluate(() => { location.hash = '#lesson=zombie-ack'; });
    const score = page.getByTestId('challenge-score');
    await score.filter({ hasText: 'Faults used: 0' }).waitFor({ timeout: WAIT_MS });
    await consoleLine(page, 'cut 1 controller');
    await score.filter({ hasText: 'Faults used: 1' }).waitFor({ timeout: WAIT_MS });
    await page.reload();
    await page.getByTestId('challenge-panel').waitFor({ timeout: WAIT_MS });
    await score.filter({ hasText: 'Faults used: 1' }).waitFor({ timeout: WAIT_MS });

    // The learner leaves the challenge's cluster for one of their own (a new seed), the
    // challenge still open: a reload keeps their cluster and shows the lessons' map.
    const attempt = await hash();
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByTestId('seed-input').fill('42');
    await page.getByRole('button', { name: 'Start over' }).click();
    await page.waitForFunction((h) => document.querySelector('[data-testid=trace-hash]')?.textContent.trim() !== h, attempt, { timeout: WAIT_MS });
    const own = await hash();
    await page.reload();
    await page.getByTestId('lesson-map').waitFor({ timeout: WAIT_MS });
    assert.equal(await hash(), own, 'their own cluster, not the challenge set again');
    assert.doesNotMatch(page.url(), /lesson=/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('Back to live (L) while a moment plays ends it there, and the page stays at the live end', async () => {
    const { page, problems } = await open('#lesson=failover&step=2');
    await atStep(page, 2);
    await skipOpening(page);
    await page.getByTestId('lesson-prediction').getByRole('button').first().click();
    await page.getByTestId('lesson-watching').waitFor({ timeout: WAIT_MS });
    await page.evaluate(() => {
      document.activeElement?.blur();
      // Every value the timeline's live flag takes from here on.
      const timeline = document.querySelector('[data-testid=timeline]');
      window.liveFlags = [timeline.dataset.live];
      new MutationObserver(() => window.liveFlags.push(timeline.dataset.live)).observe(timeline, { attributes: true, attributeFilter: ['data-live'] });
    });
    await page.keyboard.press('L');
    // The moment stops playing, the reveal shows, and the timeline is live; it never went
    // back into the past once live (a replay left running would seek it back every frame).
    await page.getByTestId('lesson-watching').waitFor({ state: 'detached', timeout: WAIT_MS });
    await page.getByTestId('lesson-reveal').waitFor({ timeout: WAIT_MS });
    await page.waitForFunction(() => document.querySelector('[data-testid=timeline]')?.dataset.live === 'true', null, { timeout: WAIT_MS });
    const flags = await page.evaluate(() => window.liveFlags);
    assert.deepEqual(flags.slice(flags.indexOf('true')), ['true'], `the live flag after L: ${flags.join(' → ')}`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a presenter drives a step with PageDown: reveal without an answer, then on', async () => {
    const { page, problems } = await open('#lesson=staying-in-sync');
    await atStep(page, 1);
    for (let guard = 0; guard < 10 && !(await page.getByTestId('lesson-prediction').count()); guard += 1) {
      const step = await panel(page).getAttribute('data-step');
      await page.getByTestId('lesson-next').waitFor({ timeout: WAIT_MS });
      await page.keyboard.press('PageDown');
      await page.waitForFunction((s) => document.querySelector('[data-testid=lesson-panel]').dataset.step !== s, step, { timeout: WAIT_MS });
    }
    const step = await panel(page).getAttribute('data-step');
    await page.keyboard.press('PageDown');
    const reveal = page.getByTestId('lesson-reveal');
    await page.getByTestId('lesson-next').waitFor({ timeout: WAIT_MS });
    assert.match(await reveal.innerText(), /The simulator shows/);
    await page.keyboard.press('PageDown');
    await page.waitForFunction((s) => document.querySelector('[data-testid=lesson-panel]').dataset.step !== s, step, { timeout: WAIT_MS });
    await page.keyboard.press('PageUp');
    await atStep(page, Number(step));
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the lesson panel passes axe and fits a phone', async () => {
    const { page, problems } = await open('#lesson=failover&step=2', 390, 844);
    await atStep(page, 2);
    await page.screenshot({ path: join(ARTIFACTS, 'lesson-390.png'), fullPage: false });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no sideways scroll (${overflow}px)`);
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => (await window.axe.run('[data-testid=lesson-panel]', { resultTypes: ['violations'] })).violations);
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
});

// Every lesson of the path, start to end, by clicking: each prediction answered with its
// first choice, the verdict checked against the value the reveal shows (about 25 s in all).
const ALL = ['leaders-and-followers', 'metadata-and-partitioner', 'leader-acks', 'consumers-below-hw', 'fetch-loop',
  'staying-in-sync', 'failover', 'min-insync-replicas', 'unclean-election', 'leader-epochs-truncation',
  'power-off-and-flush', 'idempotent-producer', 'eligible-leader-replicas'];
describe('every lesson end to end', () => {
  for (const id of ALL) {
    test(id, async () => {
      const { page, problems } = await open(`#lesson=${id}`);
      await atStep(page, 1);
      await finishLesson(page);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});

describe('challenges', () => {
  test('zombie-ack is won with the fault the console runs, scored against par', async () => {
    const { page, problems } = await open('#lesson=zombie-ack');
    await page.getByTestId('challenge-panel').waitFor({ timeout: WAIT_MS });
    const score = page.getByTestId('challenge-score');
    await score.filter({ hasText: 'Faults used: 0' }).waitFor({ timeout: WAIT_MS });
    for (const line of ['cut 1 controller', 'run 10s', 'produce t-0 z1', 'run 2s']) await consoleLine(page, line);
    await page.getByTestId('challenge-won').waitFor({ timeout: WAIT_MS });
    assert.match(await score.innerText(), /Faults used: 1 \(par 1\)/);
    assert.match(await page.getByTestId('challenge-won').innerText(), /★★★/);
    await page.screenshot({ path: join(ARTIFACTS, 'challenge-won-1440.png') });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('defend-unclean: acks=1 loses on a schedule the page opens; the reference choices defend', async () => {
    const { page, problems } = await open('#lesson=defend-unclean');
    await page.getByTestId('defend-panel').waitFor({ timeout: WAIT_MS });
    await page.getByTestId('defend-run').click();
    const result = page.getByTestId('defend-result');
    await result.filter({ hasText: 'lost acknowledged records' }).waitFor({ timeout: WAIT_MS });
    await page.getByTestId('defend-open-run').click();
    await page.getByTestId('import-message').filter({ hasText: 'the losing schedule' }).waitFor({ timeout: WAIT_MS });
    await page.getByTestId('defend-choice-acks').selectOption('all');
    await page.getByTestId('defend-choice-unclean.leader.election.enable').selectOption('false');
    await page.getByTestId('defend-choice-sim.truncation').selectOption('leader-epoch');
    await page.getByTestId('defend-run').click();
    await result.filter({ hasText: '✓ Defended' }).waitFor({ timeout: 180_000 });
    assert.match(await result.innerText(), /over 200 schedules/);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
