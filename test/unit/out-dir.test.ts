/** CLI outputs checked before work starts; atomic writes; earlier runs refused or cleared (issue 11, part 4). */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  OutDirError,
  prepareOutDir,
  writeFileAtomically,
  writeFilesAtomically,
} from '../../src/experiment/out-dir';
import { FileRefusedError, MAX_PERSONA_BYTES, readTextFile } from '../../src/cli/read-file';
import { daysFlag, seedText } from '../../src/cli/flags';
import { MAX_RUN_DAYS, MAX_SEED_CHARS } from '../../src/core/sim';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'propersim-outdir-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('prepareOutDir', () => {
  it('creates a new folder and leaves no probe file behind', () => {
    const dir = join(root, 'a', 'b');
    expect(prepareOutDir(dir, { force: false, resume: false })).toEqual({
      earlier: [],
      removed: [],
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a folder under a regular file, naming the problem (no raw ENOTDIR)', () => {
    writeFileSync(join(root, 'file'), 'x');
    const err = (() => {
      try {
        prepareOutDir(join(root, 'file', 'out'), { force: false, resume: false });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(OutDirError);
    expect(err?.message).toMatch(/cannot create the folder .*a part of the path is a file/);
    expect(() => prepareOutDir(join(root, 'file'), { force: false, resume: false })).toThrow(
      /is a file, not a folder/,
    );
  });

  it('refuses a folder where a report file goes', () => {
    mkdirSync(join(root, 'results.json'));
    expect(() => prepareOutDir(root, { force: true, resume: false })).toThrow(
      /"results.json" is not a file/,
    );
  });

  it('refuses an earlier run without --force; with --force removes only its files', () => {
    writeFileSync(join(root, 'summary.md'), 'old');
    writeFileSync(join(root, 'pairs-propera.jsonl'), '{}\n');
    writeFileSync(join(root, 'notes.txt'), 'mine');
    mkdirSync(join(root, 'checkpoints'));
    writeFileSync(join(root, 'checkpoints', 'llm--aisha-bello.json'), '{}');
    const cp = join(root, 'checkpoints');
    expect(() => prepareOutDir(root, { force: false, resume: false, checkpointDir: cp })).toThrow(
      /holds an earlier run \(pairs-propera.jsonl, summary.md, checkpoints\/llm--aisha-bello.json\): add --force/,
    );
    // Nothing was touched by the refusal.
    expect(readdirSync(root).sort()).toEqual([
      'checkpoints',
      'notes.txt',
      'pairs-propera.jsonl',
      'summary.md',
    ]);
    const plan = prepareOutDir(root, { force: true, resume: false, checkpointDir: cp });
    expect(plan.removed.sort()).toEqual([
      'checkpoints/llm--aisha-bello.json',
      'pairs-propera.jsonl',
      'summary.md',
    ]);
    expect(readdirSync(root).sort()).toEqual(['checkpoints', 'notes.txt']);
    expect(readdirSync(cp)).toEqual([]);
  });

  it('--resume keeps the checkpoints and clears the old report', () => {
    writeFileSync(join(root, 'days.csv'), 'old');
    const cp = join(root, 'checkpoints');
    mkdirSync(cp);
    writeFileSync(join(cp, 'llm--x.json'), '{}');
    const plan = prepareOutDir(root, { force: false, resume: true, checkpointDir: cp });
    expect(plan.removed).toEqual(['days.csv']);
    expect(readdirSync(cp)).toEqual(['llm--x.json']);
  });
});

describe('atomic writes', () => {
  it('writes every file, and leaves no temporary file', () => {
    writeFilesAtomically(root, [
      ['a.txt', 'A'],
      ['b.txt', 'B'],
    ]);
    writeFileAtomically(join(root, 'c.txt'), 'C');
    expect(readdirSync(root).sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(readFileSync(join(root, 'b.txt'), 'utf8')).toBe('B');
  });

  it('a failure before the renames leaves the folder as it was', () => {
    writeFileSync(join(root, 'a.txt'), 'old');
    // A name whose temporary file cannot be written (its folder does not exist).
    expect(() =>
      writeFilesAtomically(root, [
        ['a.txt', 'new'],
        ['missing/b.txt', 'B'],
      ]),
    ).toThrow(OutDirError);
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('old');
    expect(readdirSync(root)).toEqual(['a.txt']);
  });
});

describe('readTextFile', () => {
  it('reads a regular file', () => {
    writeFileSync(join(root, 'p.json'), '{"a":1}');
    expect(readTextFile(join(root, 'p.json'))).toBe('{"a":1}');
  });

  it('refuses /dev/zero and a folder at once, naming what they are', () => {
    expect(() => readTextFile('/dev/zero')).toThrow(/a device, not a file/);
    expect(() => readTextFile(root)).toThrow(FileRefusedError);
    expect(() => readTextFile(root)).toThrow(/a folder, not a file/);
  });

  it('refuses a file over the cap with its size and the limit', () => {
    writeFileSync(join(root, 'big.json'), Buffer.alloc(MAX_PERSONA_BYTES + 10, 32));
    expect(() => readTextFile(join(root, 'big.json'))).toThrow(
      /the file is 1\.0 MB, more than the 1\.0 MB a persona file may be/,
    );
    expect(() => readTextFile(join(root, 'none.json'))).toThrow(/cannot read the file/);
  });
});

describe('flag caps', () => {
  it('--days is capped with a message, --seed is capped in length', () => {
    expect(daysFlag(String(MAX_RUN_DAYS))).toBe(MAX_RUN_DAYS);
    expect(() => daysFlag('100000')).toThrow(`--days must be at most ${MAX_RUN_DAYS}`);
    expect(seedText('s'.repeat(MAX_SEED_CHARS))).toHaveLength(MAX_SEED_CHARS);
    expect(() => seedText('s'.repeat(12_000))).toThrow(/at most 64 characters \(got 12000\)/);
  });
});
