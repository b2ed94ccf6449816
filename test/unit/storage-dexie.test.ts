import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { hasAssistant } from '../../src/agents/registry';
import { dispatch, type StepRecord } from '../../src/core/sim';
import { DexieRunStore, SCHEMA_V1, type RunRow } from '../../src/storage/dexie-store';
import { MemoryRunStore } from '../../src/storage/memory-store';
import {
  fallbackToMemory,
  openRunStore,
  PROBLEM_BLOCKED,
  PROBLEM_FULL,
  PROBLEM_NOT_ALLOWED,
} from '../../src/storage/open';
import { restoreRun } from '../../src/storage/restore';
import { StorageFullError } from '../../src/storage/types';
import { json, metaFor, newRun, storageContract, testClock } from './storage-contract';

async function dexieStore(now: () => number, indexedDB = new IDBFactory(), name = 'runs') {
  const store = new DexieRunStore({
    now,
    indexedDB,
    IDBKeyRange,
    name,
    knownAssistant: hasAssistant,
  });
  await store.open();
  return store;
}

storageContract('DexieRunStore (fake-indexeddb)', (now) => dexieStore(now));

describe('DexieRunStore: schema versions', () => {
  it('upgrades a version 1 database: the day list is filled from the saved steps', async () => {
    const idb = new IDBFactory();
    const old = new Dexie('propersim-runs', { indexedDB: idb, IDBKeyRange });
    old.version(1).stores(SCHEMA_V1);
    await old.open();
    expect(old.verno).toBe(1);
    const lives = [];
    for (const [id, steps, at] of [
      ['one', 700, 10],
      ['two', 1300, 20],
    ] as const) {
      const { run, agents } = newRun('never', id);
      const initial = json(run);
      const records = dispatch(run, agents, { type: 'advance', steps });
      const row: RunRow = {
        ...metaFor(id, run, at),
        nextSeq: 1,
        stepsPerDay: 576,
        totalDays: run.config.days,
      };
      await old.table('runs').put(row);
      await old.table('snapshots').put({ runId: id, seq: 0, state: initial });
      await old.table('inputs').put({ runId: id, seq: 0, input: { type: 'advance', steps } });
      await old
        .table('steps')
        .bulkPut(
          records.map((record) => ({ runId: id, day: record.day, step: record.step, record })),
        );
      lives.push({ id, run, agents });
    }
    old.close();

    const store = await dexieStore(() => 0, idb, 'propersim-runs');
    expect(store.db.verno).toBe(2);
    expect(store.db.tables.map((t) => t.name).sort()).toEqual([
      'inputs',
      'runs',
      'snapshots',
      'stepDays',
      'steps',
    ]);
    expect(await store.daysWithSteps('one')).toEqual([1, 2]);
    expect(await store.daysWithSteps('two')).toEqual([1, 2, 3]);
    // The new updatedAt index serves the run list.
    expect((await store.listRuns()).map((m) => m.id)).toEqual(['two', 'one']);
    for (const { id, run, agents } of lives) {
      expect(json(restoreRun(await store.loadRun(id), agents))).toEqual(json(run));
    }
    expect((await store.loadSteps('two', 3)).length).toBe(1300 - 2 * 576);
    await store.close();
  });
});

describe('openRunStore', () => {
  const clock = testClock();

  it('opens IndexedDB when it is there', async () => {
    const opened = await openRunStore({ now: clock.now, indexedDB: new IDBFactory(), IDBKeyRange });
    expect(opened.persistent).toBe(true);
    expect(opened.problem).toBeUndefined();
    expect(opened.store).toBeInstanceOf(DexieRunStore);
    await opened.store.close();
  });

  it('falls back to memory, saying so, when IndexedDB is missing', async () => {
    const opened = await openRunStore({ now: clock.now, indexedDB: null });
    expect(opened).toMatchObject({ persistent: false, problem: PROBLEM_NOT_ALLOWED });
    expect(opened.problem).toBe(
      'Your browser does not allow saving here (private window?): runs are kept in memory only and will be lost when you close the tab.',
    );
    expect(opened.store).toBeInstanceOf(MemoryRunStore);
    // …and the memory store works.
    const { run } = newRun('never');
    await opened.store.createRun(metaFor('m', run, 1), run);
    expect((await opened.store.listRuns()).length).toBe(1);
    // In Node there is no global indexedDB either.
    expect(await openRunStore({ now: clock.now })).toMatchObject({
      persistent: false,
      problem: PROBLEM_NOT_ALLOWED,
    });
  });

  it('falls back when opening throws SecurityError (storage disabled)', async () => {
    const denied = {
      open() {
        throw new DOMException('access denied', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const opened = await openRunStore({ now: clock.now, indexedDB: denied, IDBKeyRange });
    expect(opened).toMatchObject({ persistent: false, problem: PROBLEM_NOT_ALLOWED });
    expect(opened.store).toBeInstanceOf(MemoryRunStore);
  });

  it('falls back when the open request fails with InvalidStateError (old private windows)', async () => {
    const failing = {
      open() {
        const req: { onerror?: (e: unknown) => void } = {};
        setTimeout(() =>
          req.onerror?.({
            target: {
              error: new DOMException('A mutation operation was attempted', 'InvalidStateError'),
            },
            preventDefault() {},
            stopPropagation() {},
          }),
        );
        return req;
      },
    } as unknown as IDBFactory;
    const opened = await openRunStore({ now: clock.now, indexedDB: failing, IDBKeyRange });
    expect(opened).toMatchObject({ persistent: false, problem: PROBLEM_NOT_ALLOWED });
  });

  it('falls back, saying why, when opening hangs', async () => {
    const hanging = { open: () => ({}) } as unknown as IDBFactory;
    const opened = await openRunStore({
      now: clock.now,
      indexedDB: hanging,
      IDBKeyRange,
      timeoutMs: 50,
    });
    expect(opened.persistent).toBe(false);
    expect(opened.problem).toMatch(/took too long.*kept in memory only/);
  });

  it('falls back when the upgrade is blocked by another open tab', async () => {
    const idb = new IDBFactory();
    // Another tab holds the database at an older version and never lets go.
    const other = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = idb.open('propersim-runs', 5);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const opened = await openRunStore({ now: clock.now, indexedDB: idb, IDBKeyRange });
    expect(opened).toMatchObject({ persistent: false, problem: PROBLEM_BLOCKED });
    expect(opened.store).toBeInstanceOf(MemoryRunStore);
    other.close();
  });
});

describe('storage full', () => {
  it('a QuotaExceededError becomes StorageFullError; fallbackToMemory keeps every step', async () => {
    const clock = testClock();
    const store = await dexieStore(clock.now);
    const other = newRun('never', 'other');
    await store.createRun(metaFor('other', other.run, 1), other.run);
    const { run, agents } = newRun('propera', 'full');
    await store.createRun(metaFor('r', run, 2), run);
    const first = dispatch(run, agents, { type: 'advance', steps: 200 });
    await store.appendSteps('r', { inputs: [{ type: 'advance', steps: 200 }], records: first });

    // The disk fills up.
    store.db.steps.bulkPut = (() =>
      Promise.reject(
        new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
      )) as unknown as typeof store.db.steps.bulkPut;
    const second = dispatch(run, agents, { type: 'advance', steps: 200 });
    const err = await store
      .appendSteps('r', { inputs: [{ type: 'advance', steps: 200 }], records: second, state: run })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageFullError);
    const full = err as StorageFullError;
    expect(full.message).toMatch(/storage for this site is full/);
    expect(full.runId).toBe('r');
    expect(full.batch?.records.length).toBe(200);

    // The failed batch left nothing half-written: the transaction rolled back.
    const saved = await store.loadRun('r');
    expect(saved.inputsAfterSnapshot).toEqual([{ type: 'advance', steps: 200 }]);
    expect(saved.meta.step).toBe(200);
    expect((await store.loadSteps('r', 1)).length).toBe(200);

    const fb = await fallbackToMemory(store, { now: clock.now, unsaved: [full] });
    expect(fb).toMatchObject({ persistent: false, problem: PROBLEM_FULL, lost: [] });
    expect(fb.store).toBeInstanceOf(MemoryRunStore);
    expect((await fb.store.listRuns()).map((m) => m.id).sort()).toEqual(['other', 'r']);
    const restored = restoreRun(await fb.store.loadRun('r'), agents);
    expect(json(restored)).toEqual(json(run));
    const steps: StepRecord[] = await fb.store.loadSteps('r', 1);
    expect(json(steps)).toEqual(json([...first, ...second]));
    // The game goes on in memory.
    const third = dispatch(run, agents, { type: 'advance', steps: 10 });
    await fb.store.appendSteps('r', { inputs: [{ type: 'advance', steps: 10 }], records: third });
    expect((await fb.store.loadSteps('r', 1)).length).toBe(410);
    await store.close();
  });
});
