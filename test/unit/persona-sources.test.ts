import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { idFromPath, keepApart } from '../../src/core/import/batch';
import { loadPersonaSpec, type PersonaSet } from '../../src/cli/persona-sources';
import { main as experiment } from '../../src/cli/experiment';
import { score, SET_DIR } from './propersim-accuracy';

const STORAGE = join(SET_DIR, 'storage');
const scratch = (n: number): string =>
  join(
    STORAGE,
    `base_the_ville_persona_${n}`,
    'personas',
    'John Lin',
    'bootstrap_memory',
    'scratch.json',
  );

describe('idFromPath', () => {
  it.each([
    [
      'storage/base_the_ville_persona_7/personas/John Lin/bootstrap_memory/scratch.json',
      'persona-7',
    ],
    [
      'C:\\sims\\base_the_ville_persona_12\\personas\\John Lin\\bootstrap_memory\\scratch.json',
      'persona-12',
    ],
    ['test/fixtures/propersim/decor-retiree.json', 'decor-retiree'],
    ['exports/Maria Lopez/bootstrap_memory/scratch.json', 'maria-lopez'],
    ['scratch.json', 'persona'],
  ])('%s → %s', (path, id) => {
    expect(idFromPath(path)).toBe(id);
  });
});

describe('--personas FOLDER: a checkout of the reference storage/', () => {
  let set: PersonaSet;
  beforeAll(async () => {
    set = await loadPersonaSpec([SET_DIR]);
  });

  it('loads all 32 with ids from their folders and tells the same names apart', () => {
    expect(set.personas.map((p) => p.id).sort()).toEqual(
      Array.from({ length: 32 }, (_, i) => `persona-${i + 1}`).sort(),
    );
    expect(set.personas.find((p) => p.id === 'persona-7')?.name).toBe('John Lin (persona-7)');
    expect(set.renamed).toEqual(['32 personas are named "John Lin": shown as "John Lin (id)"']);
    expect(set.imported).toHaveLength(32);
  });

  it('skips the other JSON of the layout, saying why', () => {
    expect(set.skipped).toHaveLength(34); // 32 spatial_memory.json, reverie_meta.json, expected.json
    expect(set.skipped.every((s) => /not a persona/.test(s.reason))).toBe(true);
    expect(set.skipped.some((s) => s.path.endsWith('reverie_meta.json'))).toBe(true);
  });

  it('reads what each file asks for (windows, quiet, frequency, gap, tones, pairs, routine)', () => {
    const misses = set.personas.flatMap((p) => score(p).misses.map((m) => `${p.id}: ${m}`));
    expect(misses).toEqual([]);
  });

  it('every imported persona carries its evidence', () => {
    for (const p of set.personas) {
      expect(p.derivation?.format).toBe('propersim');
      expect(p.derivation?.evidence.some((e) => e.field === 'rubric.frequency')).toBe(true);
    }
  });
});

describe('--personas with globs, files, ids and duplicates', () => {
  it('takes a glob', async () => {
    const glob = `${relative(process.cwd(), STORAGE)}/base_the_ville_persona_1*/**/scratch.json`;
    const set = await loadPersonaSpec([glob]);
    expect(set.personas.map((p) => p.id).sort()).toEqual(
      ['persona-1', ...Array.from({ length: 10 }, (_, i) => `persona-${10 + i}`)].sort(),
    );
  });

  it('mixes ids, files and folders in the order given, without loading a file twice', async () => {
    const set = await loadPersonaSpec([
      'aisha-bello',
      scratch(3),
      join(STORAGE, 'base_the_ville_persona_3'),
    ]);
    expect(set.personas.map((p) => p.id)).toEqual(['aisha-bello', 'persona-3']);
  });

  it('renames a second file with the same id and says which file had it first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'personas-dup-'));
    for (const sub of ['a', 'b']) {
      mkdirSync(join(dir, sub));
      cpSync(scratch(5), join(dir, sub, 'lin.json'));
    }
    const set = await loadPersonaSpec([dir]);
    expect(set.personas.map((p) => p.id)).toEqual(['lin', 'lin-2']);
    expect(set.renamed[0]).toMatch(
      /b\/lin\.json: id "lin" is taken by .*a\/lin\.json; renamed "lin-2"/,
    );
  });

  it('keepApart leaves distinct ids and names alone', () => {
    expect(keepApart([])).toEqual([]);
  });

  it('names the folder when it holds no persona, and the file when one is broken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'personas-none-'));
    writeFileSync(join(dir, 'meta.json'), '{"step": 3}');
    await expect(loadPersonaSpec([dir])).rejects.toThrow(
      new RegExp(`${dir}: no persona among 1 JSON file`),
    );
    const broken = JSON.parse(readFileSync(scratch(2), 'utf8')) as Record<string, unknown>;
    delete (broken.criteria as Record<string, unknown>).Timing;
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
    await expect(loadPersonaSpec([dir])).rejects.toThrow(
      /broken\.json.*\n.*criteria\.Timing: missing/,
    );
    await expect(loadPersonaSpec([join(dir, 'meta.json')])).rejects.toThrow(
      /meta\.json: not a persona/,
    );
    await expect(loadPersonaSpec(['nothing/here-*.json'])).rejects.toThrow(
      /no \.json file matches/,
    );
  });
});

describe('experiment --personas FOLDER', () => {
  it('runs the imported set and lists, per persona, what was not derived and unmet pairs', async () => {
    const out = mkdtempSync(join(tmpdir(), 'exp-import-'));
    const src = mkdtempSync(join(tmpdir(), 'exp-src-'));
    for (const n of [1, 2])
      cpSync(
        join(STORAGE, `base_the_ville_persona_${n}`),
        join(src, `base_the_ville_persona_${n}`),
        { recursive: true },
      );
    const code = await experiment([
      '--personas',
      src,
      '--days',
      '1',
      '--assistants',
      'never',
      '--workers',
      '1',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(md).toContain('## Imported personas (ProPerSim format)');
    expect(md).toContain('### `persona-1` — John Lin (persona-1)');
    expect(md).toMatch(/routine\.breakfast: not stated/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      imports: unknown[];
    };
    expect(results.imports).toHaveLength(2);
  });
});
