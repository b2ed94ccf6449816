/**
 * Run files validated in full before anything is stored (issue 11, part 3):
 * the assistant's state for every registered assistant (LLM ones included),
 * every field's range, the size cap; a refused file leaves the store as it was.
 */
import { describe, expect, it } from 'vitest';
import { loadModelKit, replayAgents } from '../../src/agents/lineup';
import { assistantEntries, assistantStateProblems, hasAssistant } from '../../src/agents/registry';
import { createRun, dispatch } from '../../src/core/sim';
import { MemoryRunStore } from '../../src/storage/memory-store';
import { MAX_RUN_FILE_BYTES, RunImportError, type RunExport } from '../../src/storage/types';
import { json, metaFor, newRun, testPersona } from './storage-contract';

const store = (): MemoryRunStore =>
  new MemoryRunStore({ now: () => 1_000, knownAssistant: hasAssistant, assistantStateProblems });

async function exported(assistantId: string, steps = 200): Promise<RunExport> {
  const s = store();
  const { run, agents } = newRun(assistantId, 'imp');
  await s.createRun(metaFor('orig', run, 1), run);
  const records = dispatch(run, agents, { type: 'advance', steps });
  await s.appendSteps('orig', { inputs: [], records, state: run });
  return s.exportRun('orig');
}

async function refusal(data: unknown): Promise<{ message: string; runs: number }> {
  const s = store();
  const err = await s.importRun(data, 'bad', 2).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(RunImportError);
  return { message: (err as Error).message, runs: (await s.listRuns()).length };
}

describe('every registered assistant', () => {
  it('its fresh state fits its schema, and 5 does not', async () => {
    const kit = await loadModelKit();
    for (const entry of assistantEntries()) {
      const agents = replayAgents(entry.id, entry.needsModel ? kit : null);
      const run = createRun(testPersona(), agents, { seed: 's' });
      expect(assistantStateProblems(entry.id, json(run.assistant)), entry.id).toEqual([]);
      expect(assistantStateProblems(entry.id, 5), entry.id).not.toEqual([]);
    }
  });
});

describe('importing a run file', () => {
  it('refuses snapshot.assistant = 5, naming the field; nothing is stored', async () => {
    const file = json(await exported('propera')) as RunExport;
    (file.snapshot as { assistant: unknown }).assistant = 5;
    const r = await refusal(file);
    expect(r.message).toMatch(/snapshot\.assistant: \(the state\): /);
    expect(r.runs).toBe(0);
  });

  it('refuses a learned policy of the wrong size and a non-finite weight', async () => {
    const file = json(await exported('propera')) as RunExport;
    const state = file.snapshot.assistant as { params: { speak: number[]; item: unknown[] } };
    state.params.speak.pop();
    state.params.item[0] = 'NaN';
    const r = await refusal(file);
    expect(r.message).toMatch(/snapshot\.assistant: params\.speak: /);
  });

  it('refuses days of 1e15 and scores of 1e308', async () => {
    const base = await exported('random');
    const days = json(base) as RunExport;
    days.meta.day = 1e15;
    days.snapshot.config.days = 1e15;
    expect((await refusal(days)).message).toMatch(/meta\.day: .*snapshot\.config\.days: /s);
    const scores = json(base) as RunExport;
    const scored = scores.steps.find((s) => s.score !== null);
    expect(scored).toBeDefined();
    (scored as { score: number }).score = 1e308;
    expect((await refusal(scores)).message).toMatch(/steps\.\d+\.score: /);
  });

  it('refuses a file over the size cap before parsing it, with the sizes', async () => {
    const huge = ' '.repeat(MAX_RUN_FILE_BYTES + 1);
    const r = await refusal(huge);
    expect(r.message).toMatch(/the file is 40\.0 MB, more than the 40\.0 MB a run file may be/);
  });

  it('takes back a run whose assistant is an LLM (it exported, so it imports)', async () => {
    const kit = await loadModelKit();
    const s = store();
    const agents = replayAgents('llm', kit);
    const run = createRun(testPersona(), agents, { seed: 'llm' });
    await s.createRun({ ...metaFor('orig', run, 1), engine: 'openai' }, run);
    const file = await s.exportRun('orig');
    const meta = await s.importRun(JSON.stringify(file), 'copy', 5);
    expect(meta.assistantId).toBe('llm');
    expect(json((await s.loadRun('copy')).snapshot.assistant)).toEqual(json(run.assistant));
  });
});
