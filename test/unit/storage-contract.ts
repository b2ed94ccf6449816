/**
 * The one storage suite: every RunStore implementation must pass it
 * (storage-memory.test.ts, storage-dexie.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getAssistant } from '../../src/agents/registry';
import { builtinUser } from '../../src/agents/user/builtin';
import { loadAllPersonas } from '../../src/cli/personas-node';
import type { Persona } from '../../src/core/persona';
import {
  createRun,
  dispatch,
  isFinished,
  phase,
  planRng,
  prepareCandidates,
  proposalRng,
  asProposal,
  type Agents,
  type PendingStep,
  type RunInput,
  type RunState,
  type StepRecord,
} from '../../src/core/sim';
import { restoreRun } from '../../src/storage/restore';
import {
  RunImportError,
  type RunExport,
  type RunMeta,
  type RunStore,
} from '../../src/storage/types';

/** A test clock: storage reads time only through this. */
export interface TestClock {
  now: () => number;
  set(t: number): void;
}

export function testClock(start = 1_000): TestClock {
  let t = start;
  return { now: () => t, set: (v) => (t = v) };
}

export type StoreFactory = (now: () => number) => Promise<RunStore>;

let personaCache: Persona | null = null;
export function testPersona(): Persona {
  personaCache ??= loadAllPersonas()[0] as Persona;
  return personaCache;
}

export function agentsFor(assistantId: string): Agents {
  return { user: builtinUser, assistant: getAssistant(assistantId) };
}

export function newRun(assistantId = 'propera', seed = '7'): { run: RunState; agents: Agents } {
  const agents = agentsFor(assistantId);
  return { run: createRun(testPersona(), agents, { seed }), agents };
}

export function metaFor(id: string, run: RunState, at: number, name = `Run ${id}`): RunMeta {
  return {
    id,
    name,
    personaId: run.persona.id,
    personaName: run.persona.name,
    assistantId: run.assistantId,
    seed: run.config.seed,
    engine: 'builtin',
    createdAt: at,
    updatedAt: at,
    day: run.day,
    step: run.step,
    finished: isFinished(run),
  };
}

/** JSON equality: what a saved run must give back. */
export function json(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/**
 * One step driven by explicit inputs, the way LLM agents drive a run (their
 * answers come back as inputs): returns the inputs to record and the records.
 */
export function recordedStep(
  run: RunState,
  agents: Agents,
): { inputs: RunInput[]; records: StepRecord[] } {
  const inputs: RunInput[] = [];
  if (phase(run) === 'plan') {
    const schedule = agents.user.planDay(run.persona, run.day, planRng(run, run.day));
    if (schedule instanceof Promise) throw new Error('built-in planner answered asynchronously');
    inputs.push({ type: 'start-day', schedule, source: 'test-llm' });
    dispatch(run, agents, inputs[0] as RunInput);
  }
  const begin: RunInput = { type: 'begin-step' };
  inputs.push(begin);
  dispatch(run, agents, begin);
  const pending = run.pending as PendingStep;
  let complete: RunInput = { type: 'complete-step', candidates: [], judgements: [], note: null };
  if (pending.obs) {
    const a = agents.assistant;
    const proposed = a.propose(
      run.assistant,
      pending.obs,
      proposalRng(run, run.day, run.step),
      a.candidatesPerStep,
    );
    if (proposed instanceof Promise) throw new Error('assistant answered asynchronously');
    const { candidates: raw, memo } = asProposal(proposed);
    const candidates = prepareCandidates(pending, a.candidatesPerStep, raw);
    const judgements = candidates.map((c) => {
      const j = agents.user.judge(run.persona, run.judgeMemory, pending.ctx, c);
      if (j instanceof Promise) throw new Error('judge answered asynchronously');
      return j;
    });
    complete = { type: 'complete-step', candidates, judgements, note: { via: 'recorded' }, memo };
  }
  inputs.push(complete);
  return { inputs, records: dispatch(run, agents, complete) };
}

export function storageContract(name: string, makeStore: StoreFactory): void {
  describe(`RunStore contract: ${name}`, () => {
    const fresh = async () => {
      const clock = testClock();
      return { clock, store: await makeStore(clock.now) };
    };

    describe('create, list, rename, delete', () => {
      it('lists runs newest first, renames, and deletes everything of a run', async () => {
        const { clock, store } = await fresh();
        const a = newRun('never', 'a');
        const b = newRun('always', 'b');
        await store.createRun(metaFor('a', a.run, 100, 'First'), a.run);
        await store.createRun(metaFor('b', b.run, 200, 'Second'), b.run);
        expect((await store.listRuns()).map((m) => m.id)).toEqual(['b', 'a']);

        // Saving progress makes a run the most recent, at the store's clock.
        clock.set(5_000);
        const records = dispatch(a.run, a.agents, { type: 'advance', steps: 10 });
        await store.appendSteps('a', { inputs: [{ type: 'advance', steps: 10 }], records });
        const listed = await store.listRuns();
        expect(listed.map((m) => m.id)).toEqual(['a', 'b']);
        expect(listed[0]).toMatchObject({ updatedAt: 5_000, createdAt: 100, day: 1, step: 10 });

        await store.renameRun('b', 'Renamed');
        expect((await store.listRuns()).find((m) => m.id === 'b')?.name).toBe('Renamed');

        await expect(store.createRun(metaFor('a', a.run, 1, 'Dup'), a.run)).rejects.toThrow(
          /already exists/,
        );

        await store.deleteRun('a');
        expect((await store.listRuns()).map((m) => m.id)).toEqual(['b']);
        await expect(store.loadRun('a')).rejects.toThrow(/no saved run/);
        expect(await store.loadSteps('a', 1)).toEqual([]);
        expect(await store.daysWithSteps('a')).toEqual([]);
        // Nothing of the old run is left behind under its id.
        const again = newRun('never', 'a2');
        await store.createRun(metaFor('a', again.run, 300), again.run);
        const loaded = await store.loadRun('a');
        expect(loaded.inputsAfterSnapshot).toEqual([]);
        expect(json(loaded.snapshot)).toEqual(json(again.run));
        expect(await store.daysWithSteps('a')).toEqual([]);
        await store.close();
      });

      it('stores a copy: later changes to the live run do not reach the saved one', async () => {
        const { store } = await fresh();
        const { run, agents } = newRun('propera');
        const before = json(run);
        await store.createRun(metaFor('r', run, 1), run);
        const records = dispatch(run, agents, { type: 'advance', steps: 30 });
        const input: RunInput = { type: 'advance', steps: 30 };
        const pending = store.appendSteps('r', { inputs: [input], records, state: run });
        // The caller moves on before the write has finished.
        const stateAt30 = json(run);
        dispatch(run, agents, { type: 'advance', steps: 5 });
        input.steps = 999;
        (records[0] as StepRecord).action = 'changed';
        await pending;
        const loaded = await store.loadRun('r');
        expect(json(loaded.snapshot)).toEqual(stateAt30);
        expect(json(loaded.snapshot)).not.toEqual(before);
        expect((await store.loadSteps('r', 1))[0]?.action).not.toBe('changed');
        await store.close();
      });
    });

    describe('appendSteps and loading', () => {
      it('appends in batches; loads the inputs after the snapshot and the records by day', async () => {
        const { clock, store } = await fresh();
        const { run, agents } = newRun('never', 'batches');
        const initial = json(run);
        await store.createRun(metaFor('r', run, 1), run);
        const all: StepRecord[] = [];
        const batches = [250, 250, 250, 200];
        for (const [i, n] of batches.entries()) {
          clock.set(10 + i);
          const records = dispatch(run, agents, { type: 'advance', steps: n });
          all.push(...records);
          await store.appendSteps('r', { inputs: [{ type: 'advance', steps: n }], records });
        }
        const loaded = await store.loadRun('r');
        expect(json(loaded.snapshot)).toEqual(initial);
        expect(loaded.inputsAfterSnapshot).toEqual(
          batches.map((n) => ({ type: 'advance', steps: n })),
        );
        // 950 steps of 576 per day: day 2, step 374.
        expect(loaded.meta).toMatchObject({ day: 2, step: 374, finished: false, updatedAt: 13 });
        expect(await store.daysWithSteps('r')).toEqual([1, 2]);
        const day1 = await store.loadSteps('r', 1);
        const day2 = await store.loadSteps('r', 2);
        expect(day1.map((r) => r.step)).toEqual([...Array(576).keys()]);
        expect(day2.map((r) => r.step)).toEqual([...Array(374).keys()]);
        expect(json([...day1, ...day2])).toEqual(json(all));
        expect(await store.loadSteps('r', 3)).toEqual([]);
        expect(json(restoreRun(loaded, agents))).toEqual(json(run));

        // A snapshot replaces the old one and prunes the inputs before it.
        const records = dispatch(run, agents, { type: 'advance', steps: 10 });
        await store.appendSteps('r', {
          inputs: [{ type: 'advance', steps: 10 }],
          records,
          state: run,
        });
        const after = await store.loadRun('r');
        expect(after.inputsAfterSnapshot).toEqual([]);
        expect(json(after.snapshot)).toEqual(json(run));
        expect(after.meta).toMatchObject({ day: 2, step: 384 });
        await store.close();
      });

      it('an empty batch or one with inputs only keeps the records as they were', async () => {
        const { store } = await fresh();
        const { run, agents } = newRun('never', 'inputs-only');
        await store.createRun(metaFor('r', run, 1), run);
        await store.appendSteps('r', { inputs: [], records: [] });
        await store.appendSteps('r', {
          inputs: [{ type: 'set-judge-noise', noise: 0.1 }],
          records: [],
        });
        dispatch(run, agents, { type: 'set-judge-noise', noise: 0.1 });
        const loaded = await store.loadRun('r');
        expect(loaded.inputsAfterSnapshot).toEqual([{ type: 'set-judge-noise', noise: 0.1 }]);
        expect(json(restoreRun(loaded, agents))).toEqual(json(run));
        expect(await store.daysWithSteps('r')).toEqual([]);
        await expect(store.appendSteps('nope', { inputs: [], records: [] })).rejects.toThrow(
          /no saved run/,
        );
        await store.close();
      });
    });

    describe('mid-day restore', () => {
      it('a propera run saved every 100 steps (snapshot every 400) restores exactly 1.5 days in', async () => {
        const { store } = await fresh();
        const { run, agents } = newRun('propera', 'restore');
        await store.createRun(metaFor('live', run, 1), run);
        const total = 576 * 1.5;
        let done = 0;
        let sinceSnapshot = 0;
        while (done < total) {
          const n = Math.min(100, total - done);
          const records = dispatch(run, agents, { type: 'advance', steps: n });
          done += n;
          sinceSnapshot += n;
          const snap = sinceSnapshot >= 400;
          if (snap) sinceSnapshot = 0;
          await store.appendSteps('live', {
            inputs: [{ type: 'advance', steps: n }],
            records,
            ...(snap ? { state: run } : {}),
          });
        }
        expect(run).toMatchObject({ day: 2, step: 288 });

        // The tab closes; a new one loads the run.
        const loaded = await store.loadRun('live');
        expect(loaded.meta).toMatchObject({ day: 2, step: 288, finished: false });
        expect(loaded.inputsAfterSnapshot).toEqual([{ type: 'advance', steps: 64 }]);
        const restored = restoreRun(loaded, agents);
        expect(json(restored)).toEqual(json(run));
        expect(restored).toEqual(run);

        const live = dispatch(run, agents, { type: 'advance', steps: 50 });
        const again = dispatch(restored, agents, { type: 'advance', steps: 50 });
        expect(again).toEqual(live);
        expect(json(restored)).toEqual(json(run));

        // Every completed step is in the timeline.
        expect((await store.loadSteps('live', 1)).length).toBe(576);
        expect((await store.loadSteps('live', 2)).length).toBe(288);
        await store.close();
      });

      it('a run driven by recorded inputs (as LLM agents drive it) restores from those inputs', async () => {
        const { store } = await fresh();
        const { run, agents } = newRun('propera', 'recorded');
        dispatch(run, agents, { type: 'advance', steps: 500 });
        await store.createRun(metaFor('llm', run, 1), run);
        for (let batch = 0; batch < 3; batch++) {
          const inputs: RunInput[] = [];
          const records: StepRecord[] = [];
          for (let i = 0; i < 40; i++) {
            const s = recordedStep(run, agents);
            inputs.push(...s.inputs);
            records.push(...s.records);
          }
          await store.appendSteps('llm', { inputs, records });
        }
        // A step begun but not completed when the tab closed is replayed as begun.
        const begin: RunInput = { type: 'begin-step' };
        dispatch(run, agents, begin);
        await store.appendSteps('llm', { inputs: [begin], records: [] });

        const loaded = await store.loadRun('llm');
        expect(loaded.inputsAfterSnapshot.some((i) => i.type === 'start-day')).toBe(true);
        const restored = restoreRun(loaded, agents);
        expect(json(restored)).toEqual(json(run));
        expect(restored).toMatchObject({ day: 2, step: 44 });
        expect(await store.daysWithSteps('llm')).toEqual([1, 2]);
        await store.close();
      });
    });

    describe('export and import', () => {
      let source: { exported: RunExport; live: RunState; agents: Agents };

      beforeAll(async () => {
        const store = await makeStore(() => 50);
        const { run, agents } = newRun('propera', 'export');
        await store.createRun(metaFor('orig', run, 1, 'Original'), run);
        for (const [n, snap] of [
          [300, true],
          [300, false],
          [120, false],
        ] as const) {
          const records = dispatch(run, agents, { type: 'advance', steps: n });
          await store.appendSteps('orig', {
            inputs: [{ type: 'advance', steps: n }],
            records,
            ...(snap ? { state: run } : {}),
          });
        }
        source = { exported: await store.exportRun('orig'), live: run, agents };
        await store.close();
      });

      it('exports one JSON document and imports it under a fresh id, equal', async () => {
        const { store } = await fresh();
        const { exported } = source;
        expect(exported).toMatchObject({ format: 'propersim-run', version: 1 });
        expect(exported.meta).toMatchObject({ id: 'orig', day: 2, step: 144 });
        expect(exported.steps.length).toBe(720);
        expect(exported.inputs).toEqual([
          { type: 'advance', steps: 300 },
          { type: 'advance', steps: 120 },
        ]);

        const text = JSON.stringify(exported);
        const meta = await store.importRun(text, 'copy-1', 9_000);
        expect(meta).toEqual({
          ...exported.meta,
          id: 'copy-1',
          createdAt: 9_000,
          updatedAt: 9_000,
        });
        // Importing the same file again never overwrites: another fresh id.
        await store.importRun(JSON.parse(text), 'copy-2', 9_001);
        expect((await store.listRuns()).map((m) => m.id)).toEqual(['copy-2', 'copy-1']);
        await expect(store.importRun(text, 'copy-1', 9_002)).rejects.toThrow(/already exists/);

        const back = await store.exportRun('copy-1');
        expect(json(back)).toEqual(json({ ...exported, meta }));
        const restored = restoreRun(await store.loadRun('copy-1'), source.agents);
        expect(json(restored)).toEqual(json(source.live));
        expect(await store.daysWithSteps('copy-1')).toEqual([1, 2]);
        expect(json(await store.loadSteps('copy-1', 2))).toEqual(
          json(exported.steps.filter((s) => s.day === 2)),
        );
        await store.close();
      });

      it('refuses a broken file, naming the field, and leaves the store unchanged', async () => {
        const { store } = await fresh();
        const keep = newRun('never', 'keep');
        await store.createRun(metaFor('keep', keep.run, 1), keep.run);
        const before = json(await store.listRuns());

        const broken = json(source.exported) as RunExport;
        delete (broken.snapshot.persona.rubric as Partial<typeof broken.snapshot.persona.rubric>)
          .timing;
        const err = await store.importRun(broken, 'bad', 2).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(RunImportError);
        expect((err as Error).message).toContain('snapshot.persona.rubric.timing: Required');

        const cases: [unknown, RegExp][] = [
          ['{ not json', /not valid JSON/],
          [{ ...source.exported, format: 'something-else' }, /format: expected "propersim-run"/],
          [{ ...source.exported, version: 2 }, /version:/],
          [
            { ...source.exported, snapshot: { ...source.exported.snapshot, assistantId: 'hal' } },
            /snapshot\.assistantId: unknown assistant "hal"/,
          ],
          [{ ...source.exported, meta: { ...source.exported.meta, day: 'two' } }, /meta\.day: /],
          [
            { ...source.exported, snapshot: { ...source.exported.snapshot, schedule: [{}] } },
            /snapshot\.schedule\.0\.start: Required/,
          ],
          [{ ...source.exported, steps: undefined }, /steps: Required/],
          [{ ...source.exported, inputs: [{ type: 'teleport' }] }, /inputs\.0\.type/],
        ];
        for (const [data, message] of cases) {
          await expect(store.importRun(data, 'bad', 3)).rejects.toThrow(message);
        }
        expect(json(await store.listRuns())).toEqual(before);
        await expect(store.loadRun('bad')).rejects.toThrow(/no saved run/);
        expect(await store.daysWithSteps('bad')).toEqual([]);
        await store.close();
      });
    });
  });
}
