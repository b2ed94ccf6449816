/**
 * The experiment's outputs are checked before any work (issue 11, part 4):
 * a folder under a file, an earlier run without --force, a folder where a
 * report file goes, a persona that is a device, and caps on --days.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT_OK, EXIT_USAGE } from '../../src/cli/exit-codes';
import { main as simMain } from '../../src/cli/sim';
import { runExperimentCli } from '../support/cli-capture';

const FIXTURE = 'test/fixtures/persona-test.json';
const SMALL = ['--personas', FIXTURE, '--assistants', 'never', '--days', '1'];

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'propersim-cli-out-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('experiment outputs', () => {
  it('refuses --out under a regular file before any step runs', async () => {
    writeFileSync(join(root, 'file'), 'x');
    const r = await runExperimentCli([...SMALL, '--out', join(root, 'file', 'out')]);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toMatch(/--out: cannot create the folder .* \(a part of the path is a file/);
    expect(r.stderr).not.toMatch(/ENOTDIR/);
    // No step ran: the progress summary ("… steps in …") is never printed.
    expect(r.stderr).not.toMatch(/steps in/);
  });

  it('refuses a second run into the same folder; --force replaces it and drops stale pairs', async () => {
    const out = join(root, 'exp');
    const first = await runExperimentCli([...SMALL, '--out', out]);
    expect(first.code).toBe(EXIT_OK);
    expect(existsSync(join(out, 'results.json'))).toBe(true);
    // A stale file an earlier run with --export-pairs would have left.
    writeFileSync(join(out, 'pairs-propera.jsonl'), '{"old":true}\n');
    const again = await runExperimentCli([...SMALL, '--out', out]);
    expect(again.code).toBe(EXIT_USAGE);
    expect(again.stderr).toMatch(/holds an earlier run .*add --force/);
    const forced = await runExperimentCli([...SMALL, '--out', out, '--force']);
    expect(forced.code).toBe(EXIT_OK);
    expect(forced.stderr).toMatch(/removed the earlier run's files/);
    const files = readdirSync(out);
    expect(files).toContain('results.json');
    expect(files).not.toContain('pairs-propera.jsonl');
    expect(files.filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('refuses a folder where results.json should be, before the work', async () => {
    const out = join(root, 'exp');
    mkdirSync(join(out, 'results.json'), { recursive: true });
    const r = await runExperimentCli([...SMALL, '--out', out, '--force']);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toMatch(/"results.json" is not a file/);
    expect(readdirSync(out)).toEqual(['results.json']);
  });

  it('refuses /dev/zero and a folder as a persona at once, and --days 100000', async () => {
    const dev = await runExperimentCli([
      '--personas',
      '/dev/zero',
      '--assistants',
      'never',
      '--days',
      '1',
      '--out',
      join(root, 'o1'),
    ]);
    expect(dev.code).toBe(EXIT_USAGE);
    expect(dev.stderr).toMatch(/\/dev\/zero: a device, not a file/);
    const days = await runExperimentCli([...SMALL.slice(0, 4), '--days', '100000']);
    expect(days.code).toBe(EXIT_USAGE);
    expect(days.stderr).toMatch(/--days must be at most 100/);
  });

  it('sim: a --checkpoint under a regular file is refused before any model call', async () => {
    writeFileSync(join(root, 'file'), 'x');
    let stderr = '';
    // Nothing listens on port 9: a model call would pause the run (exit 3), not refuse it (exit 2).
    const code = await simMain(
      [
        '--persona',
        FIXTURE,
        '--engine',
        'openai',
        '--base-url',
        'http://127.0.0.1:9/v1',
        '--model',
        'm',
        '--checkpoint',
        join(root, 'file', 'run.json'),
      ],
      {
        env: {},
        stderr: (s) => void (stderr += s),
        stdout: () => undefined,
      },
    );
    expect(code, stderr).toBe(EXIT_USAGE);
    expect(stderr).toMatch(/--checkpoint .*file is a file, not a folder/);
  });
});
