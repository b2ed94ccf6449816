/**
 * The golden runs (test/support/golden.ts): check them, or pin new values.
 *
 *   npm run golden                # compute, compare with test/golden/runs.json, exit 1 on a difference
 *   npm run golden -- --update    # compute and write test/golden/runs.json (commit it with the change)
 *   npm run golden -- --json      # print the computed values as JSON (the golden test runs this apart)
 */
import { writeFileSync } from 'node:fs';
import { computeAll, GOLDEN_FILE, readPinned } from '../test/support/golden';

const args = new Set(process.argv.slice(2));
const values = computeAll();

if (args.has('--json')) {
  process.stdout.write(JSON.stringify(values) + '\n');
} else if (args.has('--update')) {
  writeFileSync(GOLDEN_FILE, JSON.stringify(values, null, 2) + '\n');
  process.stdout.write(`wrote ${GOLDEN_FILE}\n`);
} else {
  let pinned: ReturnType<typeof readPinned> = {};
  try {
    pinned = readPinned();
  } catch {
    // no file yet: every case differs
  }
  const differ = Object.keys(values).filter(
    (name) => JSON.stringify(values[name]) !== JSON.stringify(pinned[name]),
  );
  for (const name of differ) {
    process.stdout.write(
      `${name} differs:\n  pinned   ${JSON.stringify(pinned[name] ?? null)}\n  computed ${JSON.stringify(values[name])}\n`,
    );
  }
  if (differ.length > 0) {
    process.stdout.write(
      'If the change to the simulation is intended: npm run golden -- --update, and commit test/golden/runs.json.\n',
    );
    process.exitCode = 1;
  } else {
    process.stdout.write(`${Object.keys(values).length} golden runs match ${GOLDEN_FILE}\n`);
  }
}
