/**
 * The engine flags of `npm run sim` and `npm run experiment`: parsing and
 * clear rejections, runs against a stand-in engine (in process) and one
 * run of the real CLI against a scripted OpenAI-compatible server.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  parseRoles,
  resolveEngineOptions,
  type EngineFactory,
  type RawEngineOptions,
} from '../../src/cli/engine-options';
import { main as experimentMain } from '../../src/cli/experiment';
import { main as simMain } from '../../src/cli/sim';
import { EngineError, type ChatRequest, type LlmEngine } from '../../src/llm/engine';
import { startOpenAiTestServer } from '../support/openai-test-server';

const FIXTURE = 'test/fixtures/persona-test.json';

// ------------------------------------------------------------ a stand-in engine

const CHECKS = ['preference', 'timing', 'too_often', 'too_rare', 'communication'];

/** A whole day for the fixture persona. */
const PLAN = JSON.stringify({
  actions: [
    { start: '00:00', end: '07:00', activity: 'sleep', label: 'sleep', object: 'bed' },
    {
      start: '07:00',
      end: '08:00',
      activity: 'breakfast',
      label: 'breakfast',
      object: 'dining-table',
    },
    { start: '08:00', end: '12:00', activity: 'work', label: 'translate', object: 'desk' },
    { start: '12:00', end: '13:00', activity: 'cooking', label: 'cook lunch', object: 'stove' },
    { start: '13:00', end: '17:00', activity: 'gardening', label: 'garden', object: 'garden-bed' },
    {
      start: '17:00',
      end: '19:00',
      activity: 'music',
      label: 'listen to records',
      object: 'record-player',
    },
    { start: '19:00', end: '20:00', activity: 'dinner', label: 'dinner', object: 'dining-table' },
    { start: '20:00', end: '23:00', activity: 'reading', label: 'read', object: 'reading-chair' },
    { start: '23:00', end: '24:00', activity: 'sleep', label: 'sleep', object: 'bed' },
  ],
});

/** The reply to a request, by the schema it asks for. */
function reply(schemaName: string | undefined, wantedCandidates = 2): string {
  switch (schemaName) {
    case 'day_plan':
      return PLAN;
    case 'verdict':
      return '{"pass": 1, "reason": "fine"}';
    case 'verdicts':
      return JSON.stringify(
        Object.fromEntries(CHECKS.map((c) => [c, { pass: 1, reason: 'fine' }])),
      );
    case 'candidates': {
      const one = {
        decision: 'recommend',
        suggestion: 'Try a new recipe.',
        topic: 'recipes',
        tone: 'friendly',
      };
      const quiet = { decision: 'silent', suggestion: null, topic: null, tone: null };
      return JSON.stringify({ candidates: wantedCandidates === 1 ? [one] : [quiet, one] });
    }
    default:
      return '{}';
  }
}

function wanted(req: ChatRequest): number {
  const s = req.schema?.schema as { properties?: { candidates?: { minItems?: number } } };
  return s?.properties?.candidates?.minItems ?? 1;
}

function standIn(failAfter = Infinity): {
  factory: EngineFactory;
  calls: () => number;
  models: string[];
} {
  let calls = 0;
  const models: string[] = [];
  const factory: EngineFactory = (config) => {
    models.push(config.model);
    const engine: LlmEngine = {
      info: { kind: 'openai', model: config.model, embeddings: false },
      async chat(req) {
        calls++;
        if (calls > failAfter) throw new EngineError('network', 'connection refused');
        const text = reply(req.schema?.name, wanted(req));
        return { text, usage: { promptTokens: 100, completionTokens: 20 }, cached: false };
      },
    };
    return engine;
  };
  return { factory, calls: () => calls, models };
}

async function sim(argv: string[], factory?: EngineFactory) {
  let stdout = '';
  let stderr = '';
  const code = await simMain(argv, {
    ...(factory ? { engineFactory: factory } : {}),
    env: {},
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
  });
  return { code, stdout, stderr };
}

async function experiment(argv: string[], factory?: EngineFactory) {
  let stderr = '';
  let stdout = '';
  const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
  const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    stdout += String(s);
    return true;
  });
  try {
    const code = await experimentMain(
      argv,
      factory ? { engineFactory: factory, env: {} } : { env: {} },
    );
    return { code, stdout, stderr };
  } finally {
    errSpy.mockRestore();
    outSpy.mockRestore();
  }
}

const OPENAI = ['--engine', 'openai', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'stand-in'];

afterEach(() => vi.restoreAllMocks());

// ------------------------------------------------------------ flags

describe('engine flags', () => {
  const raw = (over: Partial<RawEngineOptions>): RawEngineOptions => ({
    engine: 'builtin',
    concurrency: 4,
    judgeMode: 'compact',
    llmRoles: ['persona', 'judge', 'assistant'],
    timeout: 60,
    maxRetries: 3,
    maxUnjudged: 0.01,
    ...over,
  });

  it('parse --llm-roles into the fixed order and reject unknown or repeated roles', () => {
    expect(parseRoles('assistant, judge')).toEqual(['judge', 'assistant']);
    expect(() => parseRoles('judge,critic')).toThrow(InvalidArgumentError);
    expect(() => parseRoles('judge,critic')).toThrow(
      /unknown role "critic"; choose from persona, judge, assistant/,
    );
    expect(() => parseRoles('judge,judge')).toThrow(/listed twice/);
    expect(() => parseRoles(' , ')).toThrow(/at least one/);
  });

  it('check the flags together', () => {
    expect(resolveEngineOptions(raw({})).openai).toBeNull();
    expect(() => resolveEngineOptions(raw({ engine: 'openai' }))).toThrow(
      /--engine openai needs --base-url/,
    );
    expect(() =>
      resolveEngineOptions(raw({ engine: 'openai', baseUrl: 'localhost:1234' })),
    ).toThrow(/must start with http/);
    expect(() => resolveEngineOptions(raw({ engine: 'openai', baseUrl: 'http://x/v1' }))).toThrow(
      /needs --model/,
    );
    expect(() => resolveEngineOptions(raw({ baseUrl: 'http://x/v1' }))).toThrow(
      /only applies with --engine openai/,
    );
    const ok = resolveEngineOptions(
      raw({ engine: 'openai', baseUrl: 'http://x/v1', model: 'm', timeout: 2.5, limitSteps: 9 }),
    );
    expect(ok.openai).toEqual({
      baseUrl: 'http://x/v1',
      model: 'm',
      concurrency: 4,
      timeoutMs: 2500,
      maxRetries: 3,
    });
    expect(ok.limitSteps).toBe(9);
  });

  it('sim rejects bad values with a clear message and a non-zero exit', async () => {
    const cases: [string[], RegExp][] = [
      [['--engine', 'gpt'], /argument 'gpt' is invalid\. Allowed choices are builtin, openai/],
      [['--engine', 'openai', '--persona', FIXTURE], /--engine openai needs --base-url/],
      [['--judge-mode', 'strict'], /Allowed choices are reference, compact/],
      [['--llm-roles', 'narrator'], /unknown role "narrator"/],
      [['--concurrency', '0'], /--concurrency must be a whole number ≥ 1/],
      [['--limit-steps', 'lots'], /--limit-steps must be a whole number ≥ 1/],
      [['--persona', FIXTURE, '--model', 'x'], /--model only applies with --engine openai/],
      [['--persona', FIXTURE, '--assistant', 'llm'], /assistant "llm" needs a model/],
    ];
    for (const [argv, message] of cases) {
      const r = await sim(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('the real CLI exits non-zero on --engine gpt and on --engine openai without --base-url', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], {
        encoding: 'utf8',
      });
    const gpt = run(['--persona', 'aisha-bello', '--engine', 'gpt']);
    expect(gpt.status).not.toBe(0);
    expect(gpt.stderr).toMatch(/'gpt' is invalid\. Allowed choices are builtin, openai/);
    const noUrl = run(['--persona', 'aisha-bello', '--engine', 'openai', '--model', 'm']);
    expect(noUrl.status).not.toBe(0);
    expect(noUrl.stderr).toMatch(/--engine openai needs --base-url/);
  });

  it('experiment rejects bad engine flags too', async () => {
    const r = await experiment(['--engine', 'gpt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are builtin, openai/);
    const s = await experiment(['--engine', 'openai', '--model', 'm']);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/needs --base-url/);
    const t = await experiment(['--personas', FIXTURE, '--assistants', 'llm', '--days', '1']);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/assistant "llm" needs a model/);
    const u = await experiment(['--personas', FIXTURE, '--resume']);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/--resume and --checkpoints apply with --engine openai/);
  });
});

// ------------------------------------------------------------ sim with a model

describe('npm run sim with a model (stand-in)', () => {
  it('runs all three roles, stops at --limit-steps and reports the cost', async () => {
    const fake = standIn();
    const r = await sim(
      ['--persona', FIXTURE, ...OPENAI, '--limit-steps', '6', '--json', '--steps'],
      fake.factory,
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.assistant).toBe('llm'); // the model plays the assistant by default
    expect(doc.status).toBe('limit');
    expect(doc.engine).toEqual({ kind: 'openai', model: 'stand-in' });
    expect(doc.usage.total).toMatchObject({
      calls: 1 + 6 * 3,
      scoredSteps: 6,
      callsPerScoredStep: 3,
    });
    expect(doc.usage.total).toHaveProperty('promptTokens', 100 * 19);
    expect(doc.usage.total).toHaveProperty('completionTokens', 20 * 19);
    expect(doc.usage.days[0]).toMatchObject({ day: 1, complete: false, plan: { source: 'llm' } });
    expect(doc.partialDay.scoredSteps).toBe(6);
    const scored = doc.steps.filter((s: { decision: string }) => s.decision !== 'asleep');
    expect(scored).toHaveLength(6);
    expect(scored[0].usage).toEqual({ calls: 3, promptTokens: 300, completionTokens: 60 });
  });

  it('prints a day report with the plan source and the model calls', async () => {
    const fake = standIn();
    const r = await sim(
      ['--persona', FIXTURE, ...OPENAI, '--llm-roles', 'persona,judge', '--assistant', 'propera'],
      fake.factory,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Engine: model "stand-in" at http:\/\/127\.0\.0\.1:9\/v1 playing persona, judge; compact judge/,
    );
    expect(r.stdout).toMatch(/=== Day 1 ===/);
    expect(r.stdout).toMatch(/Plan: llm\n/);
    expect(r.stdout).toMatch(
      /Model calls: \d+ \(persona 1, judge \d+, assistant 0\); .* 2\.00 calls per scored step\./,
    );
    expect(r.stdout).toMatch(/Total: \d+ model calls/);
  });

  it('pauses when the engine goes away, saves a checkpoint, and resumes from it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-sim-'));
    const file = join(dir, 'run.json');
    const gone = standIn(25);
    const r = await sim(['--persona', FIXTURE, ...OPENAI, '--checkpoint', file], gone.factory);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/paused: the server cannot be reached: connection refused/);
    expect(r.stderr).toMatch(/continue with --resume --checkpoint/);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.finished).toBe(false);
    expect(saved.run.step).toBeGreaterThan(0);
    // Other settings are refused; the same settings resume and finish the day.
    const other = await sim(
      ['--persona', FIXTURE, ...OPENAI, '--checkpoint', file, '--resume', '--seed', '2'],
      standIn().factory,
    );
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/other settings \(seed: saved "1", now "2"\)/);
    const ok = standIn();
    const resumed = await sim(
      ['--persona', FIXTURE, ...OPENAI, '--checkpoint', file, '--resume', '--json'],
      ok.factory,
    );
    expect(resumed.code).toBe(0);
    const doc = JSON.parse(resumed.stdout);
    expect(doc.status).toBe('finished');
    expect(doc.days).toHaveLength(1);
    expect(doc.usage.days[0].complete).toBe(true);
    expect(doc.usage.total.calls).toBe(25 + ok.calls());
    expect(JSON.parse(readFileSync(file, 'utf8')).finished).toBe(true);
  });
});

// ------------------------------------------------------------ experiment with a model

describe('npm run experiment with a model (stand-in)', () => {
  it('runs the jobs at once, writes checkpoints and the report with the cost', async () => {
    const out = mkdtempSync(join(tmpdir(), 'llm-exp-'));
    const fake = standIn();
    const argv = [
      '--personas',
      `${FIXTURE},aisha-bello`,
      '--days',
      '1',
      '--out',
      out,
      ...OPENAI,
      '--llm-roles',
      'judge,assistant',
    ];
    const r = await experiment(argv, fake.factory);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/2 runs at once against model "stand-in"/);
    expect(r.stderr).toMatch(/3\.00 calls per scored step/);
    for (const f of ['summary.md', 'results.json', 'llm-usage.json'])
      expect(existsSync(join(out, f))).toBe(true);
    const usage = JSON.parse(readFileSync(join(out, 'llm-usage.json'), 'utf8'));
    expect(usage.jobs).toHaveLength(2);
    expect(usage.total.byRole.persona).toBe(0);
    expect(usage.total.callsPerScoredStep).toBe(3);
    const cp = JSON.parse(readFileSync(join(out, 'checkpoints', 'llm--test-mara.json'), 'utf8'));
    expect(cp.finished).toBe(true);
    // Resuming a finished experiment makes no calls and writes the same report.
    const before = fake.calls();
    const again = await experiment([...argv, '--resume'], fake.factory);
    expect(again.code).toBe(0);
    expect(fake.calls()).toBe(before);
  });

  it('pauses when the engine goes away (exit 3), and --resume finishes the experiment', async () => {
    const out = mkdtempSync(join(tmpdir(), 'llm-exp-'));
    const argv = ['--personas', FIXTURE, '--days', '2', '--out', out, ...OPENAI];
    const gone = standIn(1200); // the first day (~1000 calls) finishes, the second does not
    const r = await experiment(argv, gone.factory);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/paused: the server cannot be reached/);
    expect(existsSync(join(out, 'summary.md'))).toBe(false);
    const cp = JSON.parse(readFileSync(join(out, 'checkpoints', 'llm--test-mara.json'), 'utf8'));
    expect(cp.finished).toBe(false);
    expect(cp.extra.days).toHaveLength(1);
    const ok = standIn();
    const resumed = await experiment([...argv, '--resume'], ok.factory);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(existsSync(join(out, 'summary.md'))).toBe(true);
    const usage = JSON.parse(readFileSync(join(out, 'llm-usage.json'), 'utf8'));
    expect(usage.total.calls).toBe(1200 + ok.calls());
    expect(usage.jobs[0].usage.days).toHaveLength(2);
  });

  it('--limit-steps probes the cost without a report', async () => {
    const out = mkdtempSync(join(tmpdir(), 'llm-exp-'));
    const r = await experiment(
      [
        '--personas',
        FIXTURE,
        '--days',
        '1',
        '--out',
        out,
        ...OPENAI,
        '--limit-steps',
        '5',
        '--judge-mode',
        'reference',
      ],
      standIn().factory,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/stopped each run after 5 scored steps/);
    expect(existsSync(join(out, 'summary.md'))).toBe(false);
    const usage = JSON.parse(readFileSync(join(out, 'llm-usage.json'), 'utf8'));
    expect(usage.total).toMatchObject({ scoredSteps: 5, callsPerScoredStep: 11 });
  });
});

// ------------------------------------------------------------ the real CLI over HTTP

describe('the real sim CLI against an OpenAI-compatible server', () => {
  it('plans, proposes and judges over HTTP', async () => {
    const server = await startOpenAiTestServer({ models: ['tiny'] });
    try {
      const answer = (req: { body: Record<string, unknown> | undefined }) => {
        const format = req.body?.response_format as
          | {
              json_schema?: {
                name?: string;
                schema?: { properties?: { candidates?: { minItems?: number } } };
              };
            }
          | undefined;
        const name = format?.json_schema?.name;
        const n = format?.json_schema?.schema?.properties?.candidates?.minItems ?? 1;
        return { reply: reply(name, n), usage: { prompt_tokens: 50, completion_tokens: 10 } };
      };
      server.script(...Array.from({ length: 40 }, () => answer));
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/sim.ts',
          '--persona',
          FIXTURE,
          '--engine',
          'openai',
          '--base-url',
          server.baseUrl,
          '--model',
          'tiny',
          '--limit-steps',
          '4',
          '--json',
        ],
        { env: { ...process.env, OPENAI_API_KEY: 'sk-test' } },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += String(d)));
      child.stderr.on('data', (d) => (stderr += String(d)));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code, stderr).toBe(0);
      const doc = JSON.parse(stdout);
      expect(doc.usage.total).toMatchObject({
        calls: 13,
        scoredSteps: 4,
        callsPerScoredStep: 3,
        promptTokens: 650,
      });
      expect(server.chatRequests).toHaveLength(13);
      expect(server.chatRequests[0]!.headers.authorization).toBe('Bearer sk-test');
      expect(server.chatRequests[0]!.body?.model).toBe('tiny');
    } finally {
      await server.close();
    }
  }, 30_000);
});
