// End-to-end: bringing one's own cluster and asking what if (issue 16). What
// `kafka-topics.sh --describe` printed, pasted into the what-if panel's box or dropped on the
// page, becomes a session that builds that cluster: the same topics, assignments, leaders and
// ISR, a broker that leads nothing and is in no ISR shown down, the assumptions said; a
// malformed paste names its lines and changes nothing. The what-if preview says what a
// broker's failure would do, and running it does exactly that. The what-if panel is the full
// page's (dist/full/, loaded when its button is pressed); the importer comes from the
// simulator's module (dist/sim/). The release build from a sub-path in Debian's Chromium;
// polls, never sleeps for a fixed time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, openPage, releasePageForTests } from './release-page.mjs';

const WAIT_MS = 30_000;
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'describe');
const site = releasePageForTests('/ops/');

async function open() {
  const { page, problems } = await openPage(site.browser, site.server.url);
  await page.locator('[data-testid=broker-card]').nth(2).waitFor({ timeout: WAIT_MS });
  return { page, problems };
}

/** Opens the what-if panel: the full page, loaded on demand, takes over with the session. */
async function openWhatIf(page) {
  await page.getByTestId('open-what-if').click();
  await page.getByTestId('what-if-panel').waitFor({ timeout: WAIT_MS });
}

async function paste(page, text) {
  await openWhatIf(page);
  await page.getByTestId('describe-import').locator('summary').click();
  await page.getByTestId('describe-input').fill(text);
  await page.getByTestId('describe-import-button').click();
}

const row = (page, name) => page.locator(`[data-testid=partition-row][data-partition="${name}"]`);

test('a pasted describe of a degraded cluster opens as that cluster, its assumptions said', async () => {
  const { page, problems } = await open();
  await paste(page, await readFile(join(FIXTURES, 'kafka4-down-broker-offline.txt'), 'utf8'));
  const message = page.getByTestId('import-message');
  await message.filter({ hasText: '✓ imported the kafka-topics --describe output' }).waitFor({ timeout: WAIT_MS });
  assert.match(await message.innerText(), /racks unknown/);
  assert.equal(await page.getByTestId('broker-card').count(), 4);
  assert.equal(await row(page, 'payments-0').getByTestId('partition-leader').innerText(), 'Broker 2');
  assert.equal(await row(page, 'payments-0').getByTestId('partition-replicas').innerText(), '1, 2, 4');
  assert.equal(await row(page, 'payments-1').getByTestId('partition-leader').innerText(), 'Broker 3');
  assert.equal(await row(page, 'events-0').getByTestId('partition-leader').innerText(), 'Broker 1');
  // Broker 4 leads nothing and is in no ISR: down; scratch-0, on it alone, is offline.
  assert.match(await page.locator('[data-testid=broker-card][data-broker-id="4"] [data-testid=broker-status]').innerText(), /crashed|stopped/);
  assert.match(await row(page, 'scratch-0').getByTestId('partition-leader').innerText(), /none|offline/i);
  await page.screenshot({ path: join(ARTIFACTS, 'import-describe-1440.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a malformed describe names its lines and leaves the session as it was', async () => {
  const { page, problems } = await open();
  const hash = await page.getByTestId('trace-hash').innerText();
  await paste(page, await readFile(join(FIXTURES, 'malformed.txt'), 'utf8'));
  const message = page.getByTestId('import-message');
  await message.filter({ hasText: 'nothing changed' }).waitFor({ timeout: WAIT_MS });
  assert.match(await message.innerText(), /line 1/);
  assert.equal(await page.getByTestId('trace-hash').innerText(), hash);
  assert.equal(await page.getByTestId('broker-card').count(), 3);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a describe file dropped on the page opens as its cluster', async () => {
  const { page, problems } = await open();
  await openWhatIf(page);
  const text = await readFile(join(FIXTURES, 'kafka4-down-broker-offline.txt'), 'utf8');
  await page.evaluate((content) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], 'describe.txt', { type: 'text/plain' }));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true }));
  }, text);
  await page.getByTestId('import-message').filter({ hasText: '✓ imported the kafka-topics --describe output' }).waitFor({ timeout: WAIT_MS });
  assert.equal(await page.getByTestId('broker-card').count(), 4);
  assert.equal(await page.locator('body[data-dropping]').count(), 0, 'the drop hint is gone');
  assert.deepEqual(problems, []);
  await page.close();
});

test('what if broker 1 fails: the preview names the new leader, and running it elects exactly that one', async () => {
  const { page, problems } = await open();
  await openWhatIf(page);
  const hash = await page.getByTestId('trace-hash').innerText();
  await page.getByTestId('what-if-broker-1').check();
  const fates = page.getByTestId('what-if-fate');
  await fates.first().waitFor({ timeout: WAIT_MS });
  assert.equal(await page.getByTestId('trace-hash').innerText(), hash, 'the preview runs on a copy');
  const moved = fates.filter({ hasText: 'Leader moves' }).first();
  const partition = await moved.getAttribute('data-partition');
  const [, to] = (await moved.innerText()).match(/leader 1 → (\d+)/);
  await page.screenshot({ path: join(ARTIFACTS, 'what-if-1440.png') });
  await page.getByTestId('what-if-run').click();
  await page.getByTestId('console-input').fill('run 15s');
  await page.getByTestId('console-input').press('Enter');
  await row(page, partition).getByTestId('partition-leader').filter({ hasText: `Broker ${to}` }).waitFor({ timeout: WAIT_MS });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the console\'s verb list shows each verb\'s meaning, fetched from the module when opened', async () => {
  const { page, problems } = await open();
  const list = page.getByTestId('verb-list');
  await list.locator('xpath=ancestor::details').locator('summary').click();
  const crash = list.locator('tr').filter({ hasText: 'crash broker N' });
  await crash.filter({ hasText: 'its log on disk survives' }).waitFor({ timeout: WAIT_MS });
  const rows = await list.locator('tr').count();
  assert.ok(rows > 40, `${rows} verbs`);
  assert.match(await list.locator('tr').last().innerText(), /query:|Example/);
  assert.deepEqual(problems, []);
  await page.close();
});
