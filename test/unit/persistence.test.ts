/**
 * Persistence as a subscriber of the store: what it saves and when, and
 * that a saved run comes back exactly — whoever played it (the built-in
 * agents, a person rating, a persona or line-up change on the way), since
 * every input is recorded.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { loadModelKit, replayAgents } from '../../src/agents/lineup';
import { createRun, type RunInput, type StepRecord } from '../../src/core/sim';
import { DexieRunStore } from '../../src/storage/dexie-store';
import { createGame, type Game } from '../../src/state/create-game';
import { startPersistence, type Persistence } from '../../src/state/persistence/persistence';
import {
  coalesce,
  stepsIn,
  takeBatch,
  takeInputs,
  takeRecords,
  trackRun,
} from '../../src/state/persistence/tracker';
import { inProcessSimWorker } from '../../src/state/sim-worker/in-process';
import { testPlatform } from '../support/platform';
import { fixturePersona } from './helpers';
import { testPersona } from './storage-contract';

const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const tick = () => new Promise((r) => setTimeout(r, 0));

const stopping: Persistence[] = [];
afterEach(() => {
  for (const p of stopping.splice(0)) p.stop();
});

function newGame(assistantId = 'propera', seed = '4'): Game {
  const persona = fixturePersona();
  return createGame({
    personas: [persona],
    initial: { personaId: persona.id, assistantId, seed },
    runConfig: { days: 3 },
  });
}

function persist(game: Game, idb: IDBFactory, runId: string | null = null) {
  const platform = testPlatform();
  const p = startPersistence(game, {
    platform,
    indexedDB: idb,
    IDBKeyRange,
    ...(runId ? { runId } : { explicitRun: true }),
  });
  stopping.push(p);
  return { p, platform };
}

/** Run the store's run forward to a day and minute (as the driver would, all at once). */
function runTo(game: Game, day: number, minute: number): void {
  game.actions.jumpTo({ day, minute });
  while (game.store.getState().jump) game.actions.jumpChunk(() => false);
}

/** Jump with the (in-process) simulation worker and wait for it to land. */
async function jumpInWorker(game: Game, day: number, minute: number): Promise<void> {
  game.actions.jumpTo({ day, minute });
  for (let i = 0; i < 5000 && game.store.getState().jump; i++) await tick();
}

describe('persistence', () => {
  it('leaves an untouched run unsaved, then saves records and inputs in batches', async () => {
    const idb = new IDBFactory();
    const game = newGame();
    const { p } = persist(game, idb);
    await p.ready;
    expect(game.store.getState().saving).toMatchObject({ ready: true, persistent: true });
    await p.flush();
    expect(await p.listRuns()).toEqual([]); // only its first step: nothing worth a row
    runTo(game, 1, 600);
    await p.flush();
    const [meta] = await p.listRuns();
    expect(meta).toMatchObject({ assistantId: 'propera', engine: 'builtin', day: 1 });
    expect(game.store.getState().saving.currentRunId).toBe(meta!.id);
    runTo(game, 2, 300);
    await p.flush();
    const file = await p.exportRun(meta!.id);
    expect(file.steps).toHaveLength(game.store.getState().stats.stepsTotal);
  });

  it('reopens a run played by a person, with a persona and line-up change, from its inputs', async () => {
    const idb = new IDBFactory();
    const game = newGame('propera', '9');
    const { p } = persist(game, idb);
    await p.ready;
    runTo(game, 1, 540);
    await p.flush(); // created: the one snapshot
    const { store, actions } = game;
    actions.changePersona({ ...store.getState().run.persona, name: 'Changed Name' });
    // A person judges for a while, as the page plays: every rating is recorded as the step's answer.
    actions.setLineUp({ ...store.getState().lineup, judge: 'person' });
    actions.play();
    for (let i = 0; i < 150; i++) {
      actions.advance(0.02);
      await tick();
      const waiting = store.getState().ratings[0];
      if (waiting) actions.rateQuick(waiting.id, i % 5);
      await tick();
    }
    while (store.getState().busy) {
      const next = store.getState().ratings[0];
      if (next) actions.rateQuick(next.id, 4);
      await tick();
    }
    // Then the built-in judge again, at the page's speed.
    actions.setLineUp({ ...store.getState().lineup, judge: 'builtin' });
    actions.setSpeed('turbo');
    for (let i = 0; i < 20; i++) actions.advance(0.1);
    expect(store.getState().playback.playing).toBe(true);
    await p.flush(); // playing: no snapshot, the inputs carry it
    const kinds = new Set(store.getState().journal.map((i: RunInput) => i.type));
    expect([...kinds].sort()).toEqual(
      ['advance', 'begin-step', 'complete-step', 'set-lineup', 'set-persona'].sort(),
    );
    expect(p.stats().snapshots).toBe(1);
    const id = store.getState().saving.currentRunId!;
    expect(id).toBeTruthy();

    const again = newGame('never', 'other');
    const second = persist(again, idb, id);
    await second.p.ready;
    expect(second.p.stats().restoreParts?.replayedSteps).toBeGreaterThan(100);
    const s = again.store.getState();
    expect(json(s.run)).toEqual(json(store.getState().run));
    expect(json(s.history)).toEqual(json(store.getState().history));
    expect(s.run.persona.name).toBe('Changed Name');
    // It plays on from there exactly as the original does.
    actions.pause();
    runTo(game, 2, 900);
    runTo(again, 2, 900);
    expect(json(again.store.getState().run)).toEqual(json(store.getState().run));
  });

  it('writes a jump’s result a day at a time, each batch a sound step forward', async () => {
    const idb = new IDBFactory();
    const persona = fixturePersona();
    const game = createGame({
      personas: [persona],
      initial: { personaId: persona.id, assistantId: 'propera', seed: '4' },
      runConfig: { days: 3 },
      spawnSimWorker: () => inProcessSimWorker(),
    });
    const { p } = persist(game, idb);
    await p.ready;
    await jumpInWorker(game, 1, 300);
    await p.flush();
    const before = p.stats().transactions;
    await jumpInWorker(game, 3, 700);
    expect(game.store.getState().jump).toBeNull();
    await p.flush();
    await p.flush();
    // ~1,000 steps: two or more transactions of at most a day's steps, then the rest with a snapshot.
    expect(p.stats().transactions - before).toBeGreaterThanOrEqual(3);
    const id = game.store.getState().saving.currentRunId!;
    const again = newGame('never', 'other');
    const second = persist(again, idb, id);
    await second.p.ready;
    expect(json(again.store.getState().run)).toEqual(json(game.store.getState().run));
    expect(json(again.store.getState().history)).toEqual(json(game.store.getState().history));
  });

  it('saves when the page is left', async () => {
    const idb = new IDBFactory();
    const game = newGame();
    const { p, platform } = persist(game, idb);
    await p.ready;
    runTo(game, 1, 700);
    platform.leavePage();
    await p.flush();
    const [meta] = await p.listRuns();
    expect(meta?.step).toBe(game.store.getState().run.step);
  });

  it('publishes the problem when runs can only be kept in memory', async () => {
    const game = newGame();
    const p = startPersistence(game, { platform: testPlatform(), indexedDB: null });
    stopping.push(p);
    await p.ready;
    const saving = game.store.getState().saving;
    expect(saving.persistent).toBe(false);
    expect(saving.problem).toMatch(/memory/);
  });

  it('imports and opens a run whose assistant is an LLM one', async () => {
    const idb = new IDBFactory();
    const game = newGame();
    const { p } = persist(game, idb);
    await p.ready;
    runTo(game, 1, 700);
    await p.flush();
    const [meta] = await p.listRuns();
    const file = json(await p.exportRun(meta!.id)) as {
      meta: { assistantId: string };
      snapshot: { assistantId: string; lineup: { assistant: string }; assistant: unknown };
      inputs: unknown[];
    };
    // The file names the LLM assistant and carries its state (as an exported LLM run does).
    const llm = createRun(testPersona(), replayAgents('llm', await loadModelKit()), { seed: 'l' });
    file.meta.assistantId = 'llm';
    file.snapshot.assistantId = 'llm';
    file.snapshot.lineup.assistant = 'llm';
    file.snapshot.assistant = json(llm.assistant);
    file.inputs = [];
    const imported = await p.importRun(JSON.stringify(file));
    expect(imported.name).toMatch(/\(imported\)$/);
    await p.openRun(imported.id);
    expect(game.store.getState().run.assistantId).toBe('llm');
  });

  it('a saved run whose assistant state is broken does not open and is never copied', async () => {
    const idb = new IDBFactory();
    const game = newGame();
    const { p } = persist(game, idb);
    await p.ready;
    runTo(game, 1, 300);
    await p.flush();
    const [meta] = await p.listRuns();
    const file = json(await p.exportRun(meta!.id)) as { snapshot: { assistant: unknown } };
    // Refused at import, naming the field.
    await expect(
      p.importRun(JSON.stringify({ ...file, snapshot: { ...file.snapshot, assistant: 5 } })),
    ).rejects.toThrow(/snapshot\.assistant/);
    expect((await p.listRuns()).length).toBe(1);
    p.stop();
    // Stored by an older version without the check (a store that does not know the assistants).
    const raw = new DexieRunStore({ now: () => 5, indexedDB: idb, IDBKeyRange });
    await raw.open();
    const broken = await raw.importRun(
      { ...file, snapshot: { ...file.snapshot, assistant: 5 } },
      'broken-run',
      5,
    );
    await raw.close();
    // Opened by link, page load after page load: a notice, the saved run untouched, no copy.
    for (let load = 0; load < 2; load++) {
      const g = newGame();
      const fresh = g.store.getState().run;
      const { p: q } = persist(g, idb, broken.id);
      await q.ready;
      expect(g.store.getState().saving.problem).toMatch(
        /could not be reopened .*assistant state is damaged/,
      );
      expect(g.store.getState().run).toBe(fresh);
      runTo(g, 1, 400);
      await q.flush();
      q.stop();
    }
    const runs = new DexieRunStore({ now: () => 6, indexedDB: idb, IDBKeyRange });
    await runs.open();
    const list = await runs.listRuns();
    // The first run, the broken one (untouched), and one new run per page load: never a copy of the broken state.
    expect(list.filter((m) => m.id === 'broken-run')).toHaveLength(1);
    for (const m of list.filter((x) => x.id !== 'broken-run' && x.id !== meta!.id))
      expect((await runs.loadRun(m.id)).snapshot.assistant).not.toBe(5);
    expect(json((await runs.loadRun('broken-run')).snapshot.assistant)).toBe(5);
    await runs.close();
  });
});

describe('the tracker', () => {
  it('merges runs of advance and counts the steps inputs replay', () => {
    const inputs: RunInput[] = [
      { type: 'advance', steps: 2 },
      { type: 'advance', steps: 3 },
      { type: 'begin-step' },
      { type: 'complete-step', candidates: [], judgements: [], note: null },
      { type: 'advance', steps: 1 },
    ];
    expect(coalesce(inputs)).toEqual([
      { type: 'advance', steps: 5 },
      inputs[2],
      inputs[3],
      { type: 'advance', steps: 1 },
    ]);
    expect(stepsIn(inputs)).toBe(7);
  });

  it('takes a batch of records with exactly the inputs that made them', () => {
    const day = (d: number, n: number) =>
      Array.from({ length: n }, (_, step) => ({ day: d, step }) as unknown as StepRecord);
    const history = [day(1, 5), day(2, 5)];
    const journal: RunInput[] = [
      { type: 'advance', steps: 3 },
      { type: 'set-judge-noise', noise: 0 },
      { type: 'advance', steps: 6 },
      { type: 'begin-step' },
      { type: 'complete-step', candidates: [], judgements: [], note: null },
    ];
    const t = trackRun({ run: {} as never, history, journal }, null);
    const a = takeBatch(t, 4);
    expect(a.records.map((r) => `${r.day}:${r.step}`)).toEqual(['1:0', '1:1', '1:2', '1:3']);
    expect(a.inputs).toEqual([
      { type: 'advance', steps: 3 },
      journal[1],
      { type: 'advance', steps: 1 },
    ]);
    const b = takeBatch(t, 4);
    expect(b.records.map((r) => `${r.day}:${r.step}`)).toEqual(['1:4', '2:0', '2:1', '2:2']);
    expect(b.inputs).toEqual([{ type: 'advance', steps: 4 }]);
    expect(takeRecords(t)).toHaveLength(2);
    expect(takeInputs(t)).toEqual([{ type: 'advance', steps: 1 }, journal[3], journal[4]]);
  });
});
