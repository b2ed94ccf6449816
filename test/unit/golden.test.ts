/**
 * Golden learning runs (test/support/golden.ts): whole propera runs pinned
 * by hashes of their records, daily summaries and learned state. The same
 * values must come out of this process, of a separate Node process (byte
 * equality across processes, not just within one), and match the pinned
 * file. After an intended change: `npm run golden -- --update`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeAll, readPinned } from '../support/golden';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('golden runs', () => {
  const here = computeAll();

  it('match the pinned values (after an intended change: npm run golden -- --update)', () => {
    expect(here).toEqual(readPinned());
  });

  it('come out the same in a separate process', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/golden.ts', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(child.status, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual(here);
  });
});
