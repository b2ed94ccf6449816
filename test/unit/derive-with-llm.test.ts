/**
 * `--derive-with-llm` against the scripted OpenAI-compatible test server (a
 * real model server cannot run here): the model's rubric is asked for with
 * our JSON Schema, validated, used when valid, and compared with the rules.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main as simMain } from '../../src/cli/sim';
import { startOpenAiTestServer } from '../support/openai-test-server';

const FILE = join(__dirname, '..', 'fixtures', 'propersim', 'decor-retiree.json');

const MODEL_RUBRIC = {
  personalPreference: { welcome: [{ activities: ['tidying'], topics: ['decor'] }] },
  timing: {
    welcomeWindows: [{ from: '09:30', to: '12:00' }],
    quietActivities: ['breakfast', 'journaling'],
  },
  frequency: { windowMinutes: 150, min: 1, max: 2, minGapMinutes: 38 },
  communication: { tones: ['friendly'], avoidTopics: ['finance'] },
};

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await simMain(args, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    env: {},
  });
  return { code, out, err };
}

describe('--derive-with-llm', () => {
  it('asks for the rubric against the schema, validates it and lists the differences', async () => {
    const server = await startOpenAiTestServer({ models: ['tiny'] });
    try {
      server.script({ reply: JSON.stringify(MODEL_RUBRIC) });
      const r = await run([
        '--persona',
        FILE,
        '--show-rubric',
        '--json',
        '--derive-with-llm',
        '--engine',
        'openai',
        '--base-url',
        server.baseUrl,
        '--model',
        'tiny',
      ]);
      expect(r.code, r.err).toBe(0);
      const view = JSON.parse(r.out) as {
        rubric: { timing: { welcomeWindows: unknown } };
        llm: { used: boolean; differences: string[] };
      };
      expect(view.llm.used).toBe(true);
      expect(view.rubric.timing.welcomeWindows).toEqual([{ from: '09:30', to: '12:00' }]);
      expect(view.llm.differences).toEqual(
        expect.arrayContaining([
          'timing.welcomeWindows: rules 10:00–12:00, 13:00–17:00 · model 09:30–12:00',
          expect.stringMatching(
            /^personalPreference\.welcome: only the rules .*plant-care × gardening/,
          ),
        ]),
      );
      const body = server.chatRequests[0]?.body as {
        response_format?: {
          json_schema?: { name?: string; schema?: { properties?: Record<string, unknown> } };
        };
      };
      expect(body.response_format?.json_schema?.name).toBe('the_structured_rubric');
      expect(Object.keys(body.response_format?.json_schema?.schema?.properties ?? {})).toEqual([
        'personalPreference',
        'timing',
        'frequency',
        'communication',
      ]);
    } finally {
      await server.close();
    }
  });

  it('keeps the rule-based rubric when the model answers outside the schema (after a repair try)', async () => {
    const server = await startOpenAiTestServer({ models: ['tiny'] });
    try {
      const bad = { ...MODEL_RUBRIC, communication: { tones: ['sarcastic'], avoidTopics: [] } };
      server.script({ reply: JSON.stringify(bad) }, { reply: 'not json at all' });
      const r = await run([
        '--persona',
        FILE,
        '--show-rubric',
        '--derive-with-llm',
        '--engine',
        'openai',
        '--base-url',
        server.baseUrl,
        '--model',
        'tiny',
      ]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/Model derivation: not used \(.+\); the rule-based rubric stands/);
      expect(r.out).toContain('welcome windows: 10:00–12:00, 13:00–17:00');
      expect(server.chatRequests).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('keeps the rules when the model rubric breaks a persona rule (min above max)', async () => {
    const server = await startOpenAiTestServer({ models: ['tiny'] });
    try {
      const bad = {
        ...MODEL_RUBRIC,
        frequency: { windowMinutes: 150, min: 3, max: 2, minGapMinutes: 30 },
      };
      server.script({ reply: JSON.stringify(bad) });
      const r = await run([
        '--persona',
        FILE,
        '--show-rubric',
        '--json',
        '--derive-with-llm',
        '--engine',
        'openai',
        '--base-url',
        server.baseUrl,
        '--model',
        'tiny',
      ]);
      const view = JSON.parse(r.out) as {
        llm: { used: boolean; error: string };
        rubric: { frequency: { max: number } };
      };
      expect(view.llm.used).toBe(false);
      expect(view.llm.error).toMatch(/rubric\.frequency\.min: min must not exceed max/);
      expect(view.rubric.frequency.max).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('needs a model', async () => {
    const r = await run(['--persona', FILE, '--show-rubric', '--derive-with-llm']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--derive-with-llm needs a model/);
  });

  it('--show-rubric prints every derived field with its quoted clause', async () => {
    const r = await run(['--persona', FILE, '--show-rubric']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('welcome windows: 10:00–12:00, 13:00–17:00');
    expect(r.out).toContain(
      'rubric.timing.quietActivities = breakfast, journaling ← "Please never interrupt my breakfast routine or my evening journaling"',
    );
    expect(r.out).toMatch(/not mapped \(kept in prose only\):\n.*late husband's health/);
  });
});
