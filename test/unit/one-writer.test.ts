/**
 * One writer per run (issue 11, part 2), with two "tabs" sharing one
 * IndexedDB and one set of run locks: the second opens the run read-only
 * and saves nothing; taking over reads what the first saved, and the first
 * becomes read-only. (test/e2e/one-writer.test.ts does it with two pages.)
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { createGame, type Game } from '../../src/state/create-game';
import { OPEN_ELSEWHERE, TAKEN_ELSEWHERE } from '../../src/state/persistence/leases';
import { startPersistence, type Persistence } from '../../src/state/persistence/persistence';
import { memoryRunLocks, type RunLocks } from '../../src/state/ports';
import { DexieRunStore } from '../../src/storage/dexie-store';
import { testPlatform } from '../support/platform';
import { fixturePersona } from './helpers';

const stopping: Persistence[] = [];
afterEach(() => {
  for (const p of stopping.splice(0)) p.stop();
});

function newGame(): Game {
  const persona = fixturePersona();
  return createGame({
    personas: [persona],
    initial: { personaId: persona.id, assistantId: 'propera', seed: '4' },
    runConfig: { days: 3 },
  });
}

function tab(idb: IDBFactory, locks: RunLocks, runId: string | null) {
  const game = newGame();
  const p = startPersistence(game, {
    platform: { ...testPlatform(), locks },
    indexedDB: idb,
    IDBKeyRange,
    ...(runId ? { runId } : { explicitRun: true }),
  });
  stopping.push(p);
  return { game, p };
}

function runTo(game: Game, day: number, minute: number): void {
  game.actions.jumpTo({ day, minute });
  while (game.store.getState().jump) game.actions.jumpChunk(() => false);
}

async function savedSteps(idb: IDBFactory, id: string): Promise<number> {
  const rs = new DexieRunStore({ now: () => 1, indexedDB: idb, IDBKeyRange });
  await rs.open();
  const file = await rs.exportRun(id);
  await rs.close();
  return file.steps.length;
}

describe('one writer per run', () => {
  it('a second tab is read-only; taking over swaps the writer, and histories never mix', async () => {
    const idb = new IDBFactory();
    const locks = memoryRunLocks();
    const a = tab(idb, locks.forTab(), null);
    await a.p.ready;
    runTo(a.game, 1, 600);
    await a.p.flush();
    const id = a.game.store.getState().saving.currentRunId;
    expect(id).not.toBeNull();

    const b = tab(idb, locks.forTab(), id);
    await b.p.ready;
    expect(b.game.store.getState().saving.readOnly).toEqual({ runId: id, why: OPEN_ELSEWHERE });
    expect(b.game.store.getState().saving.currentRunId).toBe(id);
    // B plays on: nothing of it is saved. A plays on: all of it is.
    runTo(b.game, 2, 300);
    await b.p.flush();
    runTo(a.game, 1, 900);
    await a.p.flush();
    const aSteps = a.game.store.getState().stats.stepsTotal;
    expect(await savedSteps(idb, id!)).toBe(aSteps);

    // B takes over: it shows what A saved, and A becomes read-only.
    await b.p.takeOver();
    expect(b.game.store.getState().saving.readOnly).toBeNull();
    expect(b.game.store.getState().stats.stepsTotal).toBe(aSteps);
    expect(a.game.store.getState().saving.readOnly).toEqual({ runId: id, why: TAKEN_ELSEWHERE });
    // A's further steps are not saved; B's are.
    runTo(a.game, 2, 600);
    await a.p.flush();
    expect(await savedSteps(idb, id!)).toBe(aSteps);
    runTo(b.game, 1, 1000);
    await b.p.flush();
    expect(await savedSteps(idb, id!)).toBe(b.game.store.getState().stats.stepsTotal);
  });

  it('a read-only tab does not keep playing', async () => {
    const idb = new IDBFactory();
    const locks = memoryRunLocks();
    const a = tab(idb, locks.forTab(), null);
    await a.p.ready;
    runTo(a.game, 1, 500);
    await a.p.flush();
    const id = a.game.store.getState().saving.currentRunId;
    const b = tab(idb, locks.forTab(), id);
    await b.p.ready;
    b.game.actions.play();
    await new Promise((r) => setTimeout(r, 0));
    expect(b.game.store.getState().playback.playing).toBe(false);
  });
});
