/**
 * The layer rules bite: every fixture in test/lint-fixtures/ is linted (with
 * ESLint's Node API and the project's own config) as if it lived at the path
 * on its first line. Each line marked `// expect: <rule>` must get that
 * error, and no other line a layer error — so a rule that stopped matching,
 * or one that matches too much, fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = join(ROOT, 'test', 'lint-fixtures');

/** The rules that hold the layers (others, such as unused variables, do not matter here). */
const LAYER_RULES = new Set([
  '@typescript-eslint/no-restricted-imports',
  'no-restricted-imports',
  'no-restricted-globals',
  'no-restricted-properties',
  'no-restricted-syntax',
]);

const eslint = new ESLint({ cwd: ROOT });
const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.ts'));

describe('layer rules', () => {
  it('has fixtures for every layer that has rules', () => {
    const layers = fixtures.map((f) => {
      const first = readFileSync(join(FIXTURES, f), 'utf8').split('\n')[0] ?? '';
      return /lint-as: src\/(\w+)\//.exec(first)?.[1];
    });
    expect(new Set(layers)).toEqual(
      new Set(['core', 'agents', 'llm', 'storage', 'state', 'ui', 'game', 'shared', 'cli']),
    );
  });

  for (const file of fixtures) {
    it(`${file}: each marked line fails, no other line does`, async () => {
      const text = readFileSync(join(FIXTURES, file), 'utf8');
      const lines = text.split('\n');
      const target = /^\/\/ lint-as: (\S+)/.exec(lines[0] ?? '')?.[1];
      expect(target, 'the first line names the path to lint as').toBeTruthy();
      const [result] = await eslint.lintText(text, { filePath: join(ROOT, target as string) });
      const got = new Map<number, Set<string>>();
      for (const m of result?.messages ?? []) {
        if (!m.ruleId || !LAYER_RULES.has(m.ruleId)) continue;
        const set = got.get(m.line) ?? new Set();
        set.add(m.ruleId);
        got.set(m.line, set);
      }
      const wanted = new Map<number, string>();
      lines.forEach((line, i) => {
        const rule = /\/\/ expect: (\S+)/.exec(line)?.[1];
        if (rule) wanted.set(i + 1, rule);
      });
      expect(wanted.size).toBeGreaterThan(0);
      for (const [line, rule] of wanted)
        expect([...(got.get(line) ?? [])], `line ${line}: ${lines[line - 1]?.trim()}`).toContain(
          rule,
        );
      const extra = [...got.keys()].filter((line) => !wanted.has(line));
      expect(
        extra.map((l) => `${l}: ${lines[l - 1]?.trim()}`),
        'lines that should pass',
      ).toEqual([]);
    });
  }
});
