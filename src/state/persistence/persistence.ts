/**
 * Every run kept: the store's run is saved to the RunStore (IndexedDB, or
 * memory when the browser does not allow it) as it plays, and the last run
 * in progress comes back when the page is opened again. A subscriber of the
 * store: it reads the run, its records and its journal of inputs, and
 * publishes where saving stands in the store's `saving` slice.
 *
 * What is written, and when:
 *   - a run is created in storage once it has run a step beyond its first
 *     (a page opened and closed untouched leaves nothing behind);
 *   - its new step records and the inputs that produced them are written
 *     in batches, one transaction each, every ~0.5 s or every 200 steps,
 *     and when the page is hidden or closed — never per frame; many steps
 *     at once (a jump's result) go a day's worth (WRITE_BATCH_STEPS) per
 *     transaction, each with exactly the inputs that made its records;
 *   - the inputs are everything the run was given (steps of the built-in
 *     agents as `advance`, a model's or a person's answers as
 *     `complete-step`, a persona or line-up change), so the saved snapshot
 *     plus the inputs after it rebuild the run whoever played it. A full
 *     snapshot (a day-14 propera state is ~1 MB, ms to copy) is taken only
 *     to keep restores short: every SNAPSHOT_EVERY_STEPS steps, and at idle
 *     moments (playback stopped, the run over).
 *
 * On load: the run the URL names (?run=<id>), else — unless the URL chose a
 * run (persona / assistant / seed) — the most recently updated saved run if
 * it is not finished and needs no model. Restoring is loadRun + replay of
 * the inputs + loadSteps per day, then the store's `restore`.
 *
 * A full disk switches to memory (fallbackToMemory) with nothing of the
 * session lost; the problem is published for a notice (storage-notice.ts).
 */
import { assistantStateProblems, hasAssistant } from '../../agents/registry';
import { isFinished } from '../../core/sim';
import { openRunStore, RunNotFoundError, type RunMeta, type StepBatch } from '../../storage';
import type { Game } from '../create-game';
import type { GameState } from '../store';
import { LET_GO_ELSEWHERE, leaseKeeper, OPEN_ELSEWHERE, TAKEN_ELSEWHERE } from './leases';
import { loadSavedRun, runToOpen } from './load';
import type { SavingStatus } from './status';
import {
  countUnsaved,
  hasUnsavedInputs,
  takeBatch,
  takeInputs,
  takeRecords,
  totalSteps,
  trackRun,
  untouched,
  type Tracked,
} from './tracker';
import {
  defaultRunName,
  newRunId,
  SNAPSHOT_EVERY_STEPS,
  WRITE_BATCH_STEPS,
  type Persistence,
  type PersistenceOptions,
} from './types';
import { startTriggers } from './triggers';
import { createWriter } from './writer';

export type { PersistenceStats } from './writer';
export {
  defaultRunName,
  FLUSH_EVERY_MS,
  FLUSH_EVERY_STEPS,
  newRunId,
  SNAPSHOT_EVERY_STEPS,
  WRITE_BATCH_STEPS,
  type Persistence,
  type PersistenceOptions,
} from './types';

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function startPersistence(game: Game, options: PersistenceOptions): Persistence {
  const { store } = game;
  const { clock, page } = options.platform;
  const now = (): number => clock.now();
  let tracked: Tracked | null = null;
  let stopped = false;
  let restoring = false;

  /** Publish where saving stands ('status': it or the list of runs changed; 'saved': a batch). */
  const publish = (
    patch: Partial<SavingStatus> = {},
    event: 'status' | 'saved' = 'status',
  ): void => {
    const saving = store.getState().saving;
    const currentRunId = tracked && !tracked.dead ? tracked.id : null;
    store.setState({
      saving: {
        ...saving,
        ...patch,
        currentRunId,
        restoring,
        ...(event === 'status' ? { changes: saving.changes + 1 } : { saves: saving.saves + 1 }),
      },
    });
  };

  /** Writes run one after another, in the order asked; a full disk moves them to memory. */
  const writer = createWriter(clock, (problem) => publish({ persistent: false, problem }));
  const { enqueue, write, stats } = writer;

  function track(s: GameState, id: string | null, snapSteps?: number, readOnly = false): Tracked {
    const t = trackRun(s, id, snapSteps);
    t.readOnly = readOnly;
    tracked = t;
    options.onCurrentRun?.(id, s);
    publish({ readOnly: readOnly && id ? { runId: id, why: OPEN_ELSEWHERE } : null });
    return t;
  }

  // One writer per run: a run another tab writes is shown here read-only (leases.ts).
  const leases = leaseKeeper(options.platform.locks, {
    onLost(id) {
      const t = tracked;
      if (!t || t.id !== id) return;
      t.readOnly = true;
      game.actions.pause();
      publish({ readOnly: { runId: id, why: TAKEN_ELSEWHERE } });
    },
    onNews(id, what) {
      if (what === 'released' && tracked?.readOnly && tracked.id === id)
        publish({ readOnly: { runId: id, why: LET_GO_ELSEWHERE } });
    },
  });

  /** Save a run for the first time: its state now, and the records it has. */
  async function create(t: Tracked): Promise<void> {
    const id = newRunId(options.platform.randomBytes);
    // A new id: nobody else holds it; the lease makes a tab that opens it from the list read-only.
    (await leases.ask(id)).adopt();
    const run = t.run;
    const meta: RunMeta = {
      id,
      name: defaultRunName(run),
      personaId: run.persona.id,
      personaName: run.persona.name,
      assistantId: run.assistantId,
      seed: run.config.seed,
      engine: run.lineup.engine?.kind ?? 'builtin',
      createdAt: now(),
      updatedAt: now(),
      day: run.day,
      step: run.step,
      finished: isFinished(run),
    };
    // The records and inputs the snapshot covers, taken now: what runs while it is written comes later.
    const total = t.savedSteps + countUnsaved(t);
    const records = takeRecords(t);
    takeInputs(t);
    t.creating = true;
    try {
      await write((rs) => rs.createRun(meta, run), { records: 0, snapshot: true });
    } catch (err) {
      t.dead = true;
      publish({
        problem: `This run could not be saved (${messageOf(err)}); it plays on, but only in this tab.`,
      });
      return;
    } finally {
      t.creating = false;
    }
    t.id = id;
    t.snapSteps = total;
    t.savedSteps = total;
    // A long jump's records go in a day's worth per transaction (the snapshot covers them all).
    for (let i = 0; i < records.length; i += WRITE_BATCH_STEPS) {
      const part = records.slice(i, i + WRITE_BATCH_STEPS);
      await write((rs) => rs.appendSteps(id, { inputs: [], records: part }), {
        records: part.length,
        snapshot: false,
      });
    }
    if (tracked === t) options.onCurrentRun?.(id, store.getState());
    publish();
  }

  /**
   * Save the tracked run's unsaved steps and inputs. Everything is read
   * synchronously here, at a step boundary, and the storage copies the batch
   * before the call returns, so the run may move on while the transaction commits.
   */
  async function saveTracked(t: Tracked, force: { snapshot?: boolean }): Promise<void> {
    // A createRun in flight: the steps since wait for the next save (never a second row).
    // Read-only: another tab writes this run; nothing of it is written from here.
    if (t.dead || t.creating || t.readOnly) return;
    const unsaved = countUnsaved(t);
    if (unsaved === 0 && !hasUnsavedInputs(t)) return;
    if (t.id === null) {
      if (!untouched(t, t.savedSteps + unsaved)) await create(t);
      return;
    }
    const id = t.id;
    // Many steps at once (a jump's result): a day's worth per transaction, each a
    // sound step forward with exactly the inputs that made its records.
    while (countUnsaved(t) > WRITE_BATCH_STEPS) {
      const part = takeBatch(t, WRITE_BATCH_STEPS);
      t.savedSteps += part.records.length;
      if (!(await writeBatch(t, id, part, false))) return;
    }
    const s = store.getState();
    const current = s.run === t.run;
    const total = t.savedSteps + countUnsaved(t);
    const stepsSinceSnapshot = total - t.snapSteps;
    // Nothing runs (paused, the run over, or no longer on screen): a snapshot costs no frames.
    const idle =
      !current || (!s.playback.playing && s.jump === null) || s.finished || isFinished(t.run);
    const snapshot =
      force.snapshot === true ||
      stepsSinceSnapshot >= SNAPSHOT_EVERY_STEPS ||
      (idle && stepsSinceSnapshot > 0);
    const records = takeRecords(t);
    const inputs = takeInputs(t);
    // A snapshot replaces the inputs before it, so they need not be written.
    const batch: StepBatch = snapshot ? { inputs: [], records, state: t.run } : { inputs, records };
    t.savedSteps = total;
    if (snapshot) t.snapSteps = total;
    if (await writeBatch(t, id, batch, snapshot)) publish({}, 'saved');
  }

  /** Write one batch of the tracked run; false when it failed (said so, or the run is gone). */
  async function writeBatch(
    t: Tracked,
    id: string,
    batch: StepBatch,
    snapshot: boolean,
  ): Promise<boolean> {
    try {
      await write((rs) => rs.appendSteps(id, batch), { records: batch.records.length, snapshot });
      return true;
    } catch (err) {
      if (err instanceof RunNotFoundError) {
        // Deleted from another tab: stop saving this run.
        t.dead = true;
        if (tracked === t) options.onCurrentRun?.(null, store.getState());
        publish();
      } else {
        publish({ problem: `The latest progress could not be saved (${messageOf(err)}).` });
      }
      return false;
    }
  }

  /** A flush is queued and has not started yet: another would find nothing more to do. */
  let flushQueued = false;
  function flush(force: { snapshot?: boolean } = {}): Promise<void> {
    const t = tracked;
    if (!t || !store.getState().saving.ready) return writer.idle();
    flushQueued = true;
    return enqueue(() => {
      flushQueued = false;
      return saveTracked(t, force);
    });
  }

  // --- Triggers (triggers.ts) ------------------------------------------------

  const triggers = startTriggers({
    store,
    clock,
    page,
    tracked: () => tracked,
    busy: () => stopped || flushQueued,
    flush: () => flush(),
    saveNow: (t) => saveTracked(t, {}),
    onRun(run) {
      if (restoring) return;
      const old = tracked;
      if (old && old.run !== run)
        void enqueue(async () => {
          await saveTracked(old, {});
          // Saved: another tab may write it now.
          if (tracked?.id !== old.id) leases.release(old.id);
        }).catch(() => undefined);
      track(store.getState(), null);
    },
    pause: () => game.actions.pause(),
  });

  // --- Restoring ---------------------------------------------------------------

  /**
   * Open saved run `id` on screen. A run that fails to open leaves the page
   * as it was: the run on screen before comes back, so the broken one is
   * never tracked (and never saved as a copy), and the saved run is untouched.
   */
  async function loadInto(id: string, steal = false): Promise<void> {
    const t0 = clock.monotonic();
    // Asked first: what is read next is then what the writer (this tab, or the other) saved.
    const lease = await leases.ask(id, steal);
    const before = store.getState();
    let loaded: Awaited<ReturnType<typeof loadSavedRun>>;
    restoring = true;
    try {
      loaded = await loadSavedRun(writer.store(), id, game.cast, clock);
      game.actions.restore({ run: loaded.run, history: loaded.history });
      const s = store.getState();
      if (s.run !== loaded.run) throw new Error(s.error ?? 'the saved run could not be opened');
    } catch (err) {
      lease.drop();
      // The whole state as it was (the same run, history and journal the tracker reads).
      if (store.getState().run !== before.run)
        store.setState({ ...before, error: store.getState().error }, true);
      throw err;
    } finally {
      restoring = false;
    }
    const t3 = clock.monotonic();
    lease.adopt();
    const s = store.getState();
    track(s, id, totalSteps(s.history) - loaded.replayedSteps, !lease.writable);
    const t4 = clock.monotonic();
    stats.restoreMs = t4 - t0;
    stats.restoreParts = { ...loaded.ms, replayedSteps: loaded.replayedSteps, apply: t4 - t3 };
  }

  async function start(): Promise<void> {
    const opened = await openRunStore({
      now,
      knownAssistant: hasAssistant,
      assistantStateProblems,
      ...(options.indexedDB !== undefined ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    writer.open(opened.store);
    let problem = opened.problem ?? null;
    let restored = false;
    try {
      const target = await runToOpen(opened.store, options);
      if (target) {
        await loadInto(target);
        restored = true;
      }
    } catch (err) {
      problem = `Your last run could not be reopened (${messageOf(err)}); a new one has started.`;
    }
    if (!restored) tracked = trackRun(store.getState(), null);
    if (!restored) options.onCurrentRun?.(null, store.getState());
    triggers.watchStore();
    publish({ ready: true, persistent: opened.persistent, problem });
  }

  const readyPromise = enqueue(start).catch((err: unknown) => {
    // Opening never throws by design (it falls back to memory); this is a bug guard.
    publish({ ready: true, problem: `Saving could not start (${messageOf(err)}).` });
  });

  const open = writer.store;

  return {
    ready: readyPromise,
    flush: (o = {}) => readyPromise.then(() => flush(o.snapshot ? { snapshot: true } : {})),
    listRuns: () => readyPromise.then(() => enqueue(() => open().listRuns())),
    async openRun(id) {
      await readyPromise;
      game.actions.pause();
      game.actions.cancelJump();
      await enqueue(async () => {
        // The run on screen is saved whole first (nothing runs while paused).
        const old = tracked;
        if (old) await saveTracked(old, {});
        await loadInto(id);
      });
    },
    async renameRun(id, name) {
      await readyPromise;
      await enqueue(() => open().renameRun(id, name));
      publish();
    },
    async deleteRun(id) {
      await readyPromise;
      if (tracked && tracked.id === id && !tracked.dead)
        throw new Error('this run is on screen: open or start another run first, then delete it');
      await enqueue(() => open().deleteRun(id));
      publish();
    },
    async exportRun(id) {
      await readyPromise;
      if (tracked && tracked.id === id) await flush({ snapshot: true });
      return enqueue(() => open().exportRun(id));
    },
    async importRun(data) {
      await readyPromise;
      const meta = await enqueue(async () => {
        const rs = open();
        const imported = await rs.importRun(data, newRunId(options.platform.randomBytes), now());
        // Tell the copy from the original in the list.
        const name = imported.name.endsWith('(imported)')
          ? imported.name
          : `${imported.name} (imported)`;
        await rs.renameRun(imported.id, name);
        return { ...imported, name };
      });
      publish();
      return meta;
    },
    async takeOver() {
      await readyPromise;
      const t = tracked;
      if (!t?.readOnly || t.id === null) return;
      const id = t.id;
      game.actions.pause();
      // The run as its writer last saved it, this tab its writer from now on.
      await enqueue(() => loadInto(id, true));
    },
    stats: () => ({ ...stats }),
    stop() {
      stopped = true;
      leases.stop();
      triggers.stop();
    },
  };
}
