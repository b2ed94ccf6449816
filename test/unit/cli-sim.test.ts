import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { encoding: 'utf8' });

describe('npm run sim', () => {
  it('prints one JSON document with the days and, with --steps, every step', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/sim.ts',
        '--persona',
        'aisha-bello',
        '--days',
        '2',
        '--assistant',
        'random',
        '--seed',
        '5',
        '--json',
        '--steps',
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const doc = JSON.parse(out);
    expect(doc.days).toHaveLength(2);
    for (const d of doc.days) {
      for (const key of ['day', 'meanScore', 'scoredSteps', 'recommendations', 'recsPerWakingHour'])
        expect(d).toHaveProperty(key);
    }
    expect(doc.steps).toHaveLength(2 * 576);
    const spoken = doc.steps.find((s: { decision: string }) => s.decision === 'recommend');
    expect(spoken).toMatchObject({
      time: expect.stringMatching(/^\d\d:\d\d$/),
      room: expect.any(String),
      object: expect.any(String),
    });
    expect(spoken.text.length).toBeGreaterThan(5);
    expect(Object.keys(spoken.criteria)).toEqual([
      'preference',
      'timing',
      'frequency',
      'communication',
    ]);
    expect([0, 1]).toContain(spoken.criteria.timing.pass);
    expect(spoken.criteria.timing.reason.length).toBeGreaterThan(5);
  });

  it('prints a readable report by default', () => {
    const r = run(['--persona', 'aisha-bello', '--days', '1', '--assistant', 'always']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/=== Day 1 ===/);
    expect(r.stdout).toMatch(/Mean score \d\.\d\d\/4/);
    expect(r.stdout).toMatch(/per waking hour/);
    expect(r.stdout).toMatch(/Pass rate: Personal preference \d+%/);
  });

  it('lists personas with their Big Five levels', () => {
    const r = run(['--list-personas', '--json']);
    const list = JSON.parse(r.stdout);
    expect(list).toHaveLength(32);
    expect(list[0]).toHaveProperty('bigFive.openness');
  });

  it('refuses bad flags and bad persona files with a clear message and a non-zero exit', () => {
    const bad = run(['--persona', 'aisha-bello', '--days', '0']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--days/);
    const unknown = run(['--persona', 'aisha-bello', '--assistant', 'psychic']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown assistant "psychic"/);
    const dir = mkdtempSync(join(tmpdir(), 'persona-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, id: 'x', name: 'X' }));
    const broken = run(['--persona', file]);
    expect(broken.status).not.toBe(0);
    expect(broken.stderr).toContain('broken.json');
    expect(broken.stderr).toMatch(/rubric/);
  });
});
