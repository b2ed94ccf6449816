/**
 * Golden runs: whole learning runs pinned by hashes, so any change to what a
 * run does — the planner, the judge, the assistant's learning, the loop —
 * shows up as a changed hash. Each hash is SHA-256 of JSON (records, daily
 * summaries, the learned policy), which is byte-exact: the same code gives
 * the same hashes in any process (test/unit/golden.test.ts checks one spawned
 * apart).
 *
 * When a change to the simulation is intended, regenerate the pinned values
 * with `npm run golden -- --update` and commit test/golden/runs.json with it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildAgents } from '../../src/agents/lineup';
import { loadAllPersonas } from '../../src/cli/personas-node';
import { builtinLineUp } from '../../src/core/lineup';
import { parsePersonaJson, type Persona } from '../../src/core/persona';
import { createRun, dispatch } from '../../src/core/sim';

export const GOLDEN_FILE = fileURLToPath(new URL('../golden/runs.json', import.meta.url));

export interface GoldenCase {
  name: string;
  /** 'fixture' (test/fixtures/persona-test.json) or a bundled persona's id. */
  persona: string;
  assistant: string;
  seed: string;
  days: number;
}

export const GOLDEN_CASES: readonly GoldenCase[] = [
  { name: 'propera-fixture-3d', persona: 'fixture', assistant: 'propera', seed: '1', days: 3 },
  { name: 'propera-amara-3d', persona: 'amara-okafor', assistant: 'propera', seed: '7', days: 3 },
];

export interface GoldenValues {
  /** The step records of every day. */
  records: string;
  /** The daily summaries (mean score, rates, pairs...). */
  days: string;
  /** The assistant's state at the end: the learned policy, its training log, its memory. */
  assistant: string;
  /** A few numbers to read in a diff. */
  summary: { steps: number; pairs: number; meanScoreLastDay: number; recommendations: number };
}

const sha256 = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex');

function personaFor(id: string): Persona {
  if (id === 'fixture') {
    const path = fileURLToPath(new URL('../fixtures/persona-test.json', import.meta.url));
    return parsePersonaJson(readFileSync(path, 'utf8'), 'persona-test.json');
  }
  const found = loadAllPersonas().find((p) => p.id === id);
  if (!found) throw new Error(`no bundled persona "${id}"`);
  return found;
}

export function computeGolden(c: GoldenCase): GoldenValues {
  const agents = buildAgents(builtinLineUp(c.assistant));
  const run = createRun(personaFor(c.persona), agents, { seed: c.seed, days: c.days });
  const records = dispatch(run, agents, { type: 'advance', steps: Number.MAX_SAFE_INTEGER });
  const last = run.days[run.days.length - 1];
  return {
    records: sha256(records),
    days: sha256(run.days),
    assistant: sha256(run.assistant),
    summary: {
      steps: records.length,
      pairs: run.totalPairs,
      meanScoreLastDay: last?.meanScore ?? 0,
      recommendations: run.days.reduce((n, d) => n + d.recommendations, 0),
    },
  };
}

export function computeAll(): Record<string, GoldenValues> {
  return Object.fromEntries(GOLDEN_CASES.map((c) => [c.name, computeGolden(c)]));
}

export function readPinned(): Record<string, GoldenValues> {
  return JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Record<string, GoldenValues>;
}
