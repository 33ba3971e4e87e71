// The page's size budget (issue 5: first load under 300 kB gzip), checked on every
// `make test` so a change that grows the bundle past it fails here, with the files listed,
// rather than being found later in a benchmark. Sizes are deterministic: not a timed test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstLoadTransfer, kB } from './transfer.mjs';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const BUDGET_BYTES = 300_000;

test('the first load of the release build transfers under 300 kB gzip', async () => {
  const { gz, files } = await firstLoadTransfer(DIST);
  assert.ok(files.some((f) => f.name.endsWith('.wasm')), 'dist/ holds no .wasm: run `make build` first');
  const listing = files.map((f) => `${f.name}: ${kB(f.gz)}`).join(', ');
  assert.ok(gz < BUDGET_BYTES, `first load is ${kB(gz)} gzip, over the ${kB(BUDGET_BYTES)} budget (${listing})`);
});
