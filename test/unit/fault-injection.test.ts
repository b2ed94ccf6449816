/**
 * Fault injection (issue 11, part 6): the experiment CLI against a
 * scripted OpenAI-compatible server that misbehaves on the judge's calls —
 * prose instead of JSON, missing fields, 500s, 429s, timeouts, reset
 * connections, a server that dies mid-run. For each fault: no score was
 * invented (every waking step is scored by a verdict the server gave, or
 * counted unjudged), and the run ended, paused or resumed as README.md says
 * (exit codes 0, 3 = paused with checkpoints, 4 = too many unjudged steps).
 *
 * The model plays the judge only (`--llm-roles judge`): the planner and the
 * assistant are the built-in ones, so a day is ~1,000 judge calls on localhost.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT_OK, EXIT_PAUSED, EXIT_UNJUDGED } from '../../src/cli/exit-codes';
import type { Checkpoint } from '../../src/experiment/checkpoint';
import type { ExperimentReport } from '../../src/experiment/types';
import { runExperimentCli } from '../support/cli-capture';
import {
  startOpenAiTestServer,
  type OpenAiTestServer,
  type RecordedRequest,
  type Step,
} from '../support/openai-test-server';

const FIXTURE = 'test/fixtures/persona-test.json';
const KEY = 'sk-fault-0123456789abcdefghijklmnop';
const CHECKS = ['preference', 'timing', 'too_often', 'too_rare', 'communication'];
const GOOD = JSON.stringify(Object.fromEntries(CHECKS.map((c) => [c, { pass: 1, reason: 'ok' }])));

let out: string;
let server: OpenAiTestServer | null = null;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'propersim-faults-'));
});
afterEach(async () => {
  await server?.close();
  server = null;
  rmSync(out, { recursive: true, force: true });
  vi.restoreAllMocks();
});

const good = (delayMs = 0): Step => ({
  reply: GOOD,
  usage: { prompt_tokens: 10, completion_tokens: 5 },
  ...(delayMs ? { delayMs } : {}),
});

/** A server that answers the judge with `fault(n)` for its n-th call (from 0). */
async function serve(fault: (n: number, req: RecordedRequest) => Step): Promise<OpenAiTestServer> {
  let n = 0;
  server = await startOpenAiTestServer({ respond: (req) => fault(n++, req) });
  return server;
}

function argv(baseUrl: string, extra: string[] = []): string[] {
  return [
    '--personas',
    FIXTURE,
    '--assistants',
    'propera',
    '--days',
    '1',
    '--out',
    out,
    '--engine',
    'openai',
    '--base-url',
    baseUrl,
    '--model',
    'tiny',
    '--llm-roles',
    'judge',
    '--max-retries',
    '0',
    ...extra,
  ];
}

const run = (args: string[]) => runExperimentCli(args, { env: { OPENAI_API_KEY: KEY } });

function report(): ExperimentReport {
  return JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ExperimentReport;
}

/** The one job's checkpoint (the run as saved when it paused or stopped). */
function checkpoint(): Checkpoint {
  const dir = join(out, 'checkpoints');
  const [file] = readdirSync(dir);
  return JSON.parse(readFileSync(join(dir, file!), 'utf8')) as Checkpoint;
}

/** A checkpoint invents no score: its day holds only scores a verdict gave (all passes: 4 each). */
function expectNoInventedScore(cp: Checkpoint, judgedByServer: number): void {
  const today = cp.run.today;
  expect(today.scored).toBeLessThanOrEqual(judgedByServer);
  // Every good verdict passes all four criteria: any other sum is a score nobody gave.
  expect(today.scoreSum).toBe(today.scored * 4);
  expect(JSON.stringify(cp)).not.toContain(KEY);
}

describe('faults on the judge calls', () => {
  it('prose instead of JSON: every step unjudged, no mean, no pair, exit 4 with a warning first', async () => {
    const s = await serve(() => ({ reply: 'I think the suggestion was lovely, really.' }));
    const r = await run(argv(s.baseUrl));
    expect(r.code, r.stderr).toBe(EXIT_UNJUDGED);
    expect(r.stderr).toMatch(/warning: .*not scored/);
    const rep = report();
    expect(rep.totals.scoredSteps).toBe(0);
    expect(rep.totals.unjudgedSteps).toBeGreaterThan(300);
    const summary = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(summary.split('\n').slice(0, 6).join('\n')).toMatch(/not scored|unjudged/i);
    expect(summary).not.toMatch(/mean score 0\.00\/4/);
    const days = readFileSync(join(out, 'days.csv'), 'utf8').trim().split('\n');
    const header = days[0]!.split(',');
    const row = days[1]!.split(',');
    expect(row[header.indexOf('meanScore')]).toBe('');
    expect(Number(row[header.indexOf('unjudgedSteps')])).toBe(rep.totals.unjudgedSteps);
  }, 120_000);

  it('verdicts with missing fields: unjudged, never read as failed criteria', async () => {
    const partial = JSON.stringify({ preference: { pass: 1, reason: 'ok' } });
    const s = await serve(() => ({ reply: partial }));
    const r = await run(argv(s.baseUrl));
    expect(r.code, r.stderr).toBe(EXIT_UNJUDGED);
    expect(report().totals.scoredSteps).toBe(0);
  }, 120_000);

  it('429 with Retry-After, then an answer: retried, every step scored, exit 0', async () => {
    const s = await serve((n) =>
      n % 2 === 0
        ? {
            status: 429,
            body: { error: { message: 'slow down' } },
            headers: { 'Retry-After': '0' },
          }
        : good(),
    );
    const r = await run(argv(s.baseUrl, ['--max-retries', '2']));
    expect(r.code, r.stderr).toBe(EXIT_OK);
    const rep = report();
    expect(rep.totals.unjudgedSteps).toBe(0);
    expect(rep.totals.scoredSteps).toBeGreaterThan(300);
  }, 180_000);

  it('500s: a few steps unjudged, then the run pauses (exit 3) with no invented score; --resume finishes', async () => {
    // 40 good answers first, then the server fails every call (echoing the key).
    let judged = 0;
    const s2 = await serve((n) => {
      if (n < 40) {
        judged++;
        return good();
      }
      return { status: 500, body: { error: { message: `boom, got Bearer ${KEY}` } } };
    });
    const paused = await run(argv(s2.baseUrl));
    expect(paused.code, paused.stderr).toBe(EXIT_PAUSED);
    expect(paused.stderr).toMatch(/paused: .*failed 6 calls in a row/);
    expect(paused.stderr).not.toContain(KEY);
    const cp = checkpoint();
    expectNoInventedScore(cp, judged);
    expect(cp.run.today.unjudged ?? 0).toBeGreaterThan(0);
    const unjudgedBefore = cp.run.today.unjudged ?? 0;
    // The server is back: resume finishes the day from the checkpoint.
    await s2.close();
    const s3 = await serve(() => good());
    const resumed = await run(argv(s3.baseUrl, ['--resume', '--max-unjudged', '0.5']));
    expect(resumed.code, resumed.stderr).toBe(EXIT_OK);
    const rep = report();
    expect(rep.totals.unjudgedSteps).toBe(unjudgedBefore);
    expect(rep.totals.scoredSteps).toBeGreaterThan(300);
    // The server echoed the key in its errors: no file of the run holds it.
    for (const f of readdirSync(out).filter((n) => n.includes('.')))
      expect(readFileSync(join(out, f), 'utf8'), f).not.toContain(KEY);
  }, 180_000);

  it('timeouts: the calls fail, the run pauses with no invented score', async () => {
    let judged = 0;
    const s = await serve((n) => {
      if (n < 20) {
        judged++;
        return good();
      }
      return good(2_000);
    });
    const r = await run(argv(s.baseUrl, ['--timeout', '0.2']));
    expect(r.code, r.stderr).toBe(EXIT_PAUSED);
    expect(r.stderr).toMatch(/paused: /);
    expectNoInventedScore(checkpoint(), judged);
  }, 120_000);

  it('a reset connection pauses at once (the server is unreachable), no score invented', async () => {
    let judged = 0;
    const s = await serve((n) => {
      if (n < 30) {
        judged++;
        return good();
      }
      return { drop: true };
    });
    const r = await run(argv(s.baseUrl));
    expect(r.code, r.stderr).toBe(EXIT_PAUSED);
    expect(r.stderr).toMatch(/paused: .*(connection|reached|network)/i);
    expectNoInventedScore(checkpoint(), judged);
  }, 120_000);

  it('a server that dies mid-run: paused with checkpoints; resumed against a new one, finished', async () => {
    let judged = 0;
    const s = await serve(() => {
      judged++;
      if (judged === 200) setTimeout(() => void s.close(), 0);
      return good();
    });
    const r = await run(argv(s.baseUrl));
    expect(r.code, r.stderr).toBe(EXIT_PAUSED);
    expect(r.stderr).toMatch(/continue with the same flags and --resume/);
    const cp = checkpoint();
    expectNoInventedScore(cp, judged);
    const scoredBefore = cp.run.today.scored;
    const next = await serve(() => good());
    const resumed = await run(argv(next.baseUrl, ['--resume']));
    expect(resumed.code, resumed.stderr).toBe(EXIT_OK);
    const rep = report();
    expect(rep.totals.unjudgedSteps).toBe(0);
    expect(rep.totals.scoredSteps).toBeGreaterThan(scoredBefore);
  }, 180_000);
});
