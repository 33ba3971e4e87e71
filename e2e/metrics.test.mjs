// End-to-end: Kafka's metrics on the full page (issue 15). In the default cluster, crashing
// broker 1 takes UnderReplicatedPartitions to 3 once the controller fences it and back to 0
// once it rejoins, in the health strip's tile and in the metrics panel; clicking the step
// on the plot seeks to the millisecond `kafka-sim run --metrics-csv` gives for it; the
// spacetime diagram draws the partition's messages and exports as an SVG file; axe-core
// finds nothing. The release build from a sub-path in Debian's Chromium; polls, never
// sleeps for a fixed time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, openPage, releasePageForTests } from './release-page.mjs';

const WAIT_MS = 60_000;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const site = releasePageForTests('/metrics/');

// The page's default session (seed 0, the default preset) and the console's lines below.
const SCRIPT = `seed 0
brokers 3 racks=a,b,c
topic create orders partitions=3 rf=3 min-isr=2 start=0
run 10ms
crash broker 1
run 12s
restart broker 1
run 30s
`;

/** The command line's changes of UnderReplicatedPartitions: [time_ms, value] pairs. */
async function underReplicatedFromTheCommandLine() {
  const csv = join(await mkdtemp(join(tmpdir(), 'metrics-')), 'metrics.csv');
  execFileSync('cargo', ['run', '--offline', '--quiet', '--bin', 'kafka-sim', '--', 'run', '-', '--quiet', '--metrics-csv', csv], {
    cwd: ROOT,
    input: SCRIPT,
  });
  return (await readFile(csv, 'utf8'))
    .split('\n')
    .map((line) => line.split(','))
    .filter((cols) => cols[2] === 'UnderReplicatedPartitions')
    .map((cols) => [Number(cols[0]), Number(cols[3])]);
}

async function consoleLine(page, line) {
  await page.getByTestId('console-input').fill(line);
  await page.getByTestId('console-input').press('Enter');
}

async function clockReaches(page, ms) {
  await page.waitForFunction(
    (at) => Number(document.querySelector('[data-testid=sim-clock]')?.dataset.ms) >= at,
    ms,
    { timeout: WAIT_MS },
  );
}

async function shows(page, selector, text) {
  await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent.trim() === want, [selector, text], {
    timeout: WAIT_MS,
  });
}

const PANEL_VALUE = '[data-testid=metrics-panel] [data-metric=UnderReplicatedPartitions]';
const TILE = '[data-testid=health-tile][data-tile=UnderReplicatedPartitions]';
const TILE_VALUE = `${TILE} [data-tile-value]`;

test('crashing broker 1 under-replicates 3 partitions until it rejoins; the plot seeks to the step', async () => {
  const fromCli = await underReplicatedFromTheCommandLine();
  const step = fromCli.find(([, value]) => value === 3);
  assert.ok(step, `the command line shows the step to 3: ${JSON.stringify(fromCli)}`);
  assert.deepEqual(fromCli.at(-1)[1], 0, 'and back to 0');

  const { page, problems } = await openPage(site.browser, site.server.url);
  await page.locator('[data-testid=broker-card]').nth(2).waitFor({ timeout: WAIT_MS });
  await page.getByTestId('open-metrics').click();
  await page.getByTestId('metrics-panel').waitFor({ timeout: WAIT_MS });
  await page.getByTestId('health-strip').waitFor({ timeout: WAIT_MS });
  // The panel opens below the stage, and the page brings it into view.
  await page.waitForFunction(() => {
    const top = document.querySelector('[data-testid=metrics-panel]').getBoundingClientRect().top;
    return top >= 0 && top < innerHeight / 2;
  }, null, { timeout: WAIT_MS });
  await shows(page, PANEL_VALUE, '0');

  await consoleLine(page, 'crash broker 1');
  await consoleLine(page, 'run 12s');
  await clockReaches(page, 12_010);
  await shows(page, PANEL_VALUE, '3');
  await shows(page, TILE_VALUE, '3');
  assert.equal(await page.locator(TILE).getAttribute('data-health'), 'warning');
  assert.match(await page.locator(TILE).innerText(), /warning/i, 'the state in words, not colour alone');

  await consoleLine(page, 'restart broker 1');
  await consoleLine(page, 'run 30s');
  await clockReaches(page, 42_010);
  await shows(page, PANEL_VALUE, '0');
  await shows(page, TILE_VALUE, '0');
  assert.equal(await page.locator(TILE).getAttribute('data-health'), 'normal');

  // The step to 3 on the plot: a click shows that moment, the one the command line gives.
  const point = page.locator(`[data-plot=UnderReplicatedPartitions] [data-ms="${step[0]}"]`);
  await point.click();
  await clockReaches(page, step[0]);
  assert.equal(Number(await page.getByTestId('sim-clock').getAttribute('data-ms')), step[0]);
  await shows(page, PANEL_VALUE, '3');
  await shows(page, TILE_VALUE, '3');

  // The same by keyboard: Tab to the step back to 0, Enter.
  const back = fromCli.at(-1)[0];
  await page.locator(`[data-plot=UnderReplicatedPartitions] [data-ms="${back}"]`).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((at) => Number(document.querySelector('[data-testid=sim-clock]')?.dataset.ms) === at, back, {
    timeout: WAIT_MS,
  });
  await shows(page, PANEL_VALUE, '0');
  await point.click();
  await shows(page, PANEL_VALUE, '3');

  // The spacetime diagram of the selected partition, and its export.
  const messages = page.locator('[data-testid=spacetime] [data-testid=spacetime-message]');
  await messages.first().waitFor({ timeout: WAIT_MS });
  assert.ok((await messages.count()) > 3, `${await messages.count()} messages drawn`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('spacetime-export').click()]);
  assert.match(download.suggestedFilename(), /^spacetime-orders-0-\d+ms\.svg$/);
  const svg = await readFile(await download.path(), 'utf8');
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.ok(svg.includes('data-testid="spacetime-message"'));
  await page.screenshot({ path: join(ARTIFACTS, 'metrics-1440.png'), fullPage: true });

  // axe-core on this page's own parts (one-screen.test.mjs checks the rest of the page).
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const include = ['[data-testid=health-strip]', '[data-testid=metrics-panel]', '[data-testid=spacetime]'].map((s) => [s]);
    return (await window.axe.run({ include }, { resultTypes: ['violations'] })).violations;
  });
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), []);
  assert.deepEqual(problems, []);
  await page.close();
});
