/**
 * Every run kept: the game store's run is saved to the RunStore (IndexedDB,
 * or memory when the browser does not allow it) as it plays, and the last
 * run in progress comes back when the page is opened again.
 *
 * What is written, and when:
 *   - a run is created in storage once it has run a step beyond its first
 *     (a page opened and closed untouched leaves nothing behind);
 *   - its new step records are written in batches, one transaction each,
 *     every ~0.5 s or every 200 steps, and when the page is hidden or closed
 *     (`visibilitychange`, `pagehide`) — never per frame;
 *   - each batch carries what rebuilds the state: a full snapshot of the run
 *     (exact, but a day-14 propera state is ~2.6 MB, tens of ms to copy) or,
 *     between snapshots, a `{type:'advance', steps:n}` input, which the
 *     built-in agents replay deterministically (restoreRun). A snapshot is
 *     taken every SNAPSHOT_EVERY_STEPS steps, when playback stops (an idle
 *     moment), when the run ends, and whenever the steps since the last one
 *     cannot be replayed by the built-in agents (other agents — an LLM
 *     engine, a person rating — or a persona or judge-noise change).
 *
 * On load: the run the URL names (?run=<id>), else — unless the URL chose a
 * run (persona / assistant / seed) — the most recently updated saved run if
 * it is not finished. Restoring is loadRun + restoreRun + loadSteps per day,
 * then the store's `restore`.
 *
 * A full disk switches to memory (fallbackToMemory) with nothing of the
 * session lost; the problem is published for a notice (storage-notice.ts).
 */
import type { Persona } from '../core/persona';
import type { Agents, RunInput, RunState, StepRecord } from '../core/sim';
import { isFinished } from '../core/sim';
import {
  fallbackToMemory,
  openRunStore,
  restoreRun,
  RunNotFoundError,
  StorageFullError,
  type RunExport,
  type RunMeta,
  type RunStore,
  type StepBatch,
} from '../storage';
import type { GameState, GameStore } from './store';

/** Save at least this often while steps run... */
export const FLUSH_EVERY_MS = 500;
/** ...or as soon as this many steps wait to be saved. */
export const FLUSH_EVERY_STEPS = 200;
/**
 * A full snapshot at least every this many steps (two simulated days), so a
 * restore replays at most this many steps (~0.2–0.4 ms each for propera).
 */
export const SNAPSHOT_EVERY_STEPS = 1152;

export interface PersistenceOptions {
  /** The saved run the URL names (?run=): reopened on load if it exists. */
  runId?: string | null;
  /**
   * The URL chose a run (persona, assistant or seed): keep the run the page
   * started with rather than continuing the last saved one.
   */
  explicitRun?: boolean;
  /** The agents that replay a saved run of this assistant (the built-in user and that assistant). */
  agentsFor(assistantId: string): Agents | null;
  /** The engine name recorded in a new run's meta ("builtin" when omitted). */
  engine?: () => string;
  /** The wall clock for meta times (Date.now by default). */
  now?: () => number;
  /** The IndexedDB to use (tests); the browser's by default; null: none. */
  indexedDB?: IDBFactory | null;
  IDBKeyRange?: typeof IDBKeyRange;
  /** Told whenever the run being saved changes (its storage id, or null while not saved yet). */
  onCurrentRun?(id: string | null, state: GameState): void;
}

export type PersistenceEvent = 'status' | 'saved';

export interface PersistenceStatus {
  /** Opened and the first run decided (restored or started). */
  ready: boolean;
  /** False when runs live in memory only (lost with the tab). */
  persistent: boolean;
  /** What is wrong with saving, in plain words (for the notice); null when all is well. */
  problem: string | null;
  /** The storage id of the run on screen; null until it is first saved. */
  currentRunId: string | null;
  /** A saved run is being opened. */
  restoring: boolean;
}

/** Counters for the bench and the debug hook. */
export interface PersistenceStats {
  /** Write transactions (createRun and appendSteps calls). */
  transactions: number;
  /** Of which carried a full state snapshot. */
  snapshots: number;
  /** Step records written. */
  records: number;
  /** Wall time from each appendSteps call until it committed, summed (ms). */
  appendMs: number;
  /** The longest appendSteps, call to commit (ms). */
  maxAppendMs: number;
  /** Main-thread time spent inside the synchronous part of the calls (copying the batch), summed (ms). */
  syncMs: number;
  /** The longest synchronous part of one call (ms). */
  maxSyncMs: number;
  /** Writes that failed. */
  failures: number;
  /** How long the last restore took (loadRun + replay + loadSteps + store.restore), ms; null if none. */
  restoreMs: number | null;
  /** Where that time went (ms), and how many steps were replayed. */
  restoreParts: {
    loadRun: number;
    replay: number;
    replayedSteps: number;
    loadSteps: number;
    apply: number;
  } | null;
}

export interface Persistence {
  /** Resolves once the store is open and the first run is restored or started. */
  readonly ready: Promise<void>;
  status(): PersistenceStatus;
  /** Called when the status or the list of runs changes ('status'), or a batch is saved ('saved'). */
  subscribe(listener: (event: PersistenceEvent) => void): () => void;
  /** Save what is not saved yet, now (a snapshot too when `snapshot`). */
  flush(options?: { snapshot?: boolean }): Promise<void>;
  listRuns(): Promise<RunMeta[]>;
  /** Save the current run, then open a saved one in the game. */
  openRun(id: string): Promise<void>;
  renameRun(id: string, name: string): Promise<void>;
  /** Delete a saved run (not the one on screen: start or open another first). */
  deleteRun(id: string): Promise<void>;
  /** The whole run as one JSON document (saved first when it is the current one). */
  exportRun(id: string): Promise<RunExport>;
  /** Validate a run file (object or JSON text) and save it as a new run; a bad one throws RunImportError. */
  importRun(data: unknown): Promise<RunMeta>;
  stats(): PersistenceStats;
  stop(): void;
}

/** A run id: short, random, safe in a URL. */
export function newRunId(): string {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(36).padStart(2, '0');
  return `run-${s.slice(0, 14)}`;
}

/** The name a new run gets in the list. */
export function defaultRunName(run: RunState): string {
  return `${run.persona.name} · ${run.assistantId} · seed ${run.config.seed}`;
}

/** Where the save of one run stands. */
interface Tracked {
  /** Storage id; null until the run is first saved. */
  id: string | null;
  run: RunState;
  history: StepRecord[][];
  /** Steps whose records are saved. */
  savedSteps: number;
  /** Steps the saved snapshot + inputs rebuild. */
  stateSteps: number;
  /** Steps the last saved snapshot holds. */
  snapSteps: number;
  /** Next unsaved record: history[day][idx]. */
  cursor: { day: number; idx: number };
  /** The persona and judge noise as of the last snapshot (a change needs a new one). */
  persona: Persona;
  judgeNoise: number;
  /** Some steps since the last snapshot ran with agents the built-in ones cannot replay. */
  unreplayable: boolean;
  /** The agents that replay this run (the built-in user and the run's assistant). */
  replay: Agents | null;
  /** Deleted or lost: stop saving it. */
  dead: boolean;
  /** Its createRun is in flight. */
  creating: boolean;
}

/** Steps whose records the run's history holds. */
function totalSteps(s: GameState): number {
  let n = 0;
  for (const day of s.history) n += day.length;
  return n;
}

/** Collect the records after the cursor (and move the cursor to the end). */
function takeUnsaved(t: Tracked): StepRecord[] {
  const out: StepRecord[] = [];
  let { day, idx } = t.cursor;
  while (day < t.history.length) {
    const records = t.history[day] ?? [];
    while (idx < records.length) out.push(records[idx++] as StepRecord);
    if (day === t.history.length - 1) break;
    day++;
    idx = 0;
  }
  t.cursor = { day, idx };
  return out;
}

function replayableWith(t: Tracked, agents: Agents): boolean {
  return (
    t.replay !== null && agents.user === t.replay.user && agents.assistant === t.replay.assistant
  );
}

function advanceSteps(inputs: readonly RunInput[]): number {
  let n = 0;
  for (const i of inputs) if (i.type === 'advance') n += i.steps;
  return n;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function startPersistence(store: GameStore, options: PersistenceOptions): Persistence {
  const now = options.now ?? (() => Date.now());
  let runStore: RunStore | null = null;
  let persistent = false;
  let problem: string | null = null;
  let ready = false;
  let restoring = false;
  let tracked: Tracked | null = null;
  let stopped = false;
  const listeners = new Set<(event: PersistenceEvent) => void>();
  const stats: PersistenceStats = {
    transactions: 0,
    snapshots: 0,
    records: 0,
    appendMs: 0,
    maxAppendMs: 0,
    syncMs: 0,
    maxSyncMs: 0,
    failures: 0,
    restoreMs: null,
    restoreParts: null,
  };

  const notify = (event: PersistenceEvent = 'status'): void => {
    for (const l of [...listeners]) l(event);
  };

  /** Writes run one after another, in the order asked. */
  let queue: Promise<void> = Promise.resolve();
  const enqueue = <T>(job: () => Promise<T>): Promise<T> => {
    const result = queue.then(job);
    queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  };

  function track(s: GameState, id: string | null, saved?: { snapSteps: number }): Tracked {
    const total = totalSteps(s);
    const replay = options.agentsFor(s.run.assistantId);
    const t: Tracked = {
      id,
      run: s.run,
      history: s.history,
      savedSteps: id ? total : 0,
      stateSteps: id ? total : 0,
      snapSteps: saved?.snapSteps ?? (id ? total : 0),
      cursor: id
        ? { day: Math.max(0, s.history.length - 1), idx: s.history.at(-1)?.length ?? 0 }
        : { day: 0, idx: 0 },
      persona: s.run.persona,
      judgeNoise: s.run.config.judgeNoise,
      unreplayable: false,
      replay: replay ? { user: replay.user, assistant: replay.assistant, explain: false } : null,
      dead: false,
      creating: false,
    };
    t.unreplayable = !replayableWith(t, s.agents);
    tracked = t;
    options.onCurrentRun?.(id, s);
    notify();
    return t;
  }

  /** A write, timed and counted; a full disk moves everything to memory and retries there. */
  async function write(
    call: (rs: RunStore) => Promise<void>,
    info: { records: number; snapshot: boolean },
  ): Promise<void> {
    if (!runStore) return;
    const t0 = performance.now();
    let promise: Promise<void>;
    try {
      promise = call(runStore);
    } catch (err) {
      promise = Promise.reject(err);
    }
    const sync = performance.now() - t0;
    stats.syncMs += sync;
    stats.maxSyncMs = Math.max(stats.maxSyncMs, sync);
    stats.transactions++;
    if (info.snapshot) stats.snapshots++;
    try {
      await promise;
      stats.records += info.records;
    } catch (err) {
      stats.failures++;
      if (err instanceof StorageFullError) {
        const moved = await fallbackToMemory(runStore, {
          now,
          unsaved: err.batch ? [err] : [],
        });
        runStore = moved.store;
        persistent = false;
        problem = moved.problem;
        notify();
        // A run that could not even be created is created in memory now.
        if (!err.batch) await call(runStore);
        return;
      }
      throw err;
    } finally {
      const ms = performance.now() - t0;
      stats.appendMs += ms;
      stats.maxAppendMs = Math.max(stats.maxAppendMs, ms);
    }
  }

  /**
   * Save the tracked run's unsaved steps. Everything is read synchronously
   * here, at a step boundary, and the storage copies the batch before the
   * call returns, so the run may move on while the transaction commits.
   */
  async function saveTracked(t: Tracked, force: { snapshot?: boolean }): Promise<void> {
    // A createRun in flight: the steps since wait for the next save (never a second row).
    if (t.dead || t.creating || !runStore) return;
    const s = store.getState();
    const current = s.run === t.run;
    const total = t.savedSteps + countUnsaved(t);
    const personaChanged = t.run.persona !== t.persona;
    const noiseChanged = t.run.config.judgeNoise !== t.judgeNoise;
    if (total <= t.savedSteps && !personaChanged && !noiseChanged) return;
    if (t.id === null) {
      // Not saved yet: an untouched run (only its first step) is not worth a row.
      if (total <= 1 && !personaChanged) return;
      const id = newRunId();
      const meta: RunMeta = {
        id,
        name: defaultRunName(t.run),
        personaId: t.run.persona.id,
        personaName: t.run.persona.name,
        assistantId: t.run.assistantId,
        seed: t.run.config.seed,
        engine: t.replay && !t.unreplayable ? 'builtin' : (options.engine?.() ?? 'other'),
        createdAt: now(),
        updatedAt: now(),
        day: t.run.day,
        step: t.run.step,
        finished: isFinished(t.run),
      };
      const run = t.run;
      // The records the snapshot covers, taken now: steps that run while it is written come later.
      const records = takeUnsaved(t);
      t.creating = true;
      try {
        await write((rs) => rs.createRun(meta, run), { records: 0, snapshot: true });
      } catch (err) {
        t.dead = true;
        problem = `This run could not be saved (${messageOf(err)}); it plays on, but only in this tab.`;
        notify();
        return;
      } finally {
        t.creating = false;
      }
      t.id = id;
      t.stateSteps = total;
      t.snapSteps = total;
      t.persona = t.run.persona;
      t.judgeNoise = t.run.config.judgeNoise;
      t.unreplayable = current ? !replayableWith(t, s.agents) : t.unreplayable;
      t.savedSteps = total;
      if (records.length > 0)
        await write((rs) => rs.appendSteps(id, { inputs: [], records }), {
          records: records.length,
          snapshot: false,
        });
      if (tracked === t) options.onCurrentRun?.(id, store.getState());
      notify();
      return;
    }
    const id = t.id;
    const stepsSinceSnapshot = total - t.snapSteps;
    // Nothing runs (paused, the run over, or no longer on screen): a snapshot costs no frames.
    const idle =
      !current || (!s.playback.playing && s.jump === null) || s.finished || isFinished(t.run);
    const snapshot =
      force.snapshot === true ||
      personaChanged ||
      noiseChanged ||
      t.unreplayable ||
      (current && !replayableWith(t, s.agents)) ||
      stepsSinceSnapshot >= SNAPSHOT_EVERY_STEPS ||
      (idle && stepsSinceSnapshot > 0);
    const records = takeUnsaved(t);
    const batch: StepBatch = snapshot
      ? { inputs: [], records, state: t.run }
      : {
          inputs: total > t.stateSteps ? [{ type: 'advance', steps: total - t.stateSteps }] : [],
          records,
        };
    t.savedSteps = total;
    t.stateSteps = total;
    if (snapshot) {
      t.snapSteps = total;
      t.persona = t.run.persona;
      t.judgeNoise = t.run.config.judgeNoise;
      t.unreplayable = current ? !replayableWith(t, s.agents) : false;
    }
    try {
      await write((rs) => rs.appendSteps(id, batch), { records: records.length, snapshot });
    } catch (err) {
      if (err instanceof RunNotFoundError) {
        // Deleted from another tab: stop saving this run.
        t.dead = true;
        if (tracked === t) options.onCurrentRun?.(null, store.getState());
      } else {
        problem = `The latest progress could not be saved (${messageOf(err)}).`;
      }
      notify();
      return;
    }
    notify('saved');
  }

  function countUnsaved(t: Tracked): number {
    let n = 0;
    let { day, idx } = t.cursor;
    while (day < t.history.length) {
      n += (t.history[day]?.length ?? 0) - idx;
      day++;
      idx = 0;
    }
    return n;
  }

  /** A flush is queued and has not started yet: another would find nothing more to do. */
  let flushQueued = false;
  function flush(force: { snapshot?: boolean } = {}): Promise<void> {
    const t = tracked;
    if (!t || !ready) return queue;
    flushQueued = true;
    return enqueue(() => {
      flushQueued = false;
      return saveTracked(t, force);
    });
  }

  // --- Triggers -------------------------------------------------------------

  let lastFlush = 0;
  const maybeFlush = (): void => {
    const t = tracked;
    if (!t || !ready || stopped || flushQueued) return;
    const s = store.getState();
    if (s.run !== t.run) return;
    const unsaved = countUnsaved(t);
    const due = performance.now() - lastFlush >= FLUSH_EVERY_MS;
    if (
      (unsaved > 0 && due) ||
      unsaved >= FLUSH_EVERY_STEPS ||
      (due && t.run.persona !== t.persona)
    ) {
      lastFlush = performance.now();
      void flush().catch(() => undefined);
    }
  };

  const unsubscribers: (() => void)[] = [];
  const timer = setInterval(maybeFlush, FLUSH_EVERY_MS);
  unsubscribers.push(() => clearInterval(timer));

  /**
   * The page is going away (or out of sight): write now, not behind a write in
   * flight, which might not finish before the page is gone. The batch is
   * taken and the transaction started at once; IndexedDB commits transactions
   * on the same tables in the order they were started.
   */
  const saveNow = (): void => {
    const t = tracked;
    if (!t || !ready) return;
    if (t.creating || t.id === null) {
      void flush().catch(() => undefined);
      return;
    }
    void saveTracked(t, {}).catch(() => undefined);
  };
  const onHide = (): void => {
    if (document.visibilityState === 'hidden') saveNow();
  };
  const onPageHide = (): void => saveNow();
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', onPageHide);
  unsubscribers.push(() => {
    document.removeEventListener('visibilitychange', onHide);
    window.removeEventListener('pagehide', onPageHide);
  });

  function watchStore(): void {
    unsubscribers.push(
      // Many steps at once (a jump, turbo): save every FLUSH_EVERY_STEPS. Deferred out of the store's set.
      store.subscribe(
        (s) => s.stats.stepsTotal,
        () => {
          const t = tracked;
          if (t && countUnsaved(t) >= FLUSH_EVERY_STEPS) queueMicrotask(maybeFlush);
        },
      ),
      // Playback stopped or the run ended: an idle moment, good for a snapshot.
      store.subscribe(
        (s) => s.playback.playing || s.jump !== null,
        (running) => {
          if (!running) setTimeout(() => void flush().catch(() => undefined), 0);
        },
      ),
      // Other agents (an LLM engine, a person rating): the steps they run cannot be replayed.
      store.subscribe(
        (s) => s.agents,
        (agents, previous) => {
          const t = tracked;
          const s = store.getState();
          if (!t || s.run !== t.run) return;
          // The steps so far ran with the previous agents: save them as such first.
          const prevOk = replayableWith(t, previous);
          if (!prevOk) t.unreplayable = true;
          void flush().catch(() => undefined);
          if (!replayableWith(t, agents)) t.unreplayable = true;
        },
      ),
      // A new run (the controls, a jump back) or a restored one.
      store.subscribe(
        (s) => s.run,
        (run) => {
          if (restoring) return;
          const old = tracked;
          if (old && old.run !== run)
            void enqueue(() => saveTracked(old, {})).catch(() => undefined);
          track(store.getState(), null);
        },
      ),
    );
  }

  // --- Restoring ---------------------------------------------------------------

  async function loadInto(id: string): Promise<void> {
    const rs = runStore;
    if (!rs) throw new Error('saved runs are not open yet');
    const t0 = performance.now();
    const loaded = await rs.loadRun(id);
    const agents = options.agentsFor(loaded.snapshot.assistantId);
    if (!agents)
      throw new Error(
        `the saved run uses an assistant this page does not have: "${loaded.snapshot.assistantId}"`,
      );
    const t1 = performance.now();
    const run = restoreRun(loaded, {
      user: agents.user,
      assistant: agents.assistant,
      explain: false,
    });
    const t2 = performance.now();
    const days = await rs.daysWithSteps(id);
    const perDay = await Promise.all(days.map((d) => rs.loadSteps(id, d)));
    const history: StepRecord[][] = [];
    days.forEach((d, i) => {
      while (history.length < d) history.push([]);
      history[d - 1] = perDay[i] ?? [];
    });
    const t3 = performance.now();
    restoring = true;
    try {
      store.getState().restore({
        run,
        history,
        selection: {
          personaId: run.persona.id,
          assistantId: run.assistantId,
          seed: run.config.seed,
        },
      });
    } finally {
      restoring = false;
    }
    const s = store.getState();
    if (s.run !== run) throw new Error(s.error ?? 'the saved run could not be opened');
    track(s, id, { snapSteps: totalSteps(s) - advanceSteps(loaded.inputsAfterSnapshot) });
    const t4 = performance.now();
    stats.restoreMs = t4 - t0;
    stats.restoreParts = {
      loadRun: t1 - t0,
      replay: t2 - t1,
      replayedSteps: advanceSteps(loaded.inputsAfterSnapshot),
      loadSteps: t3 - t2,
      apply: t4 - t3,
    };
  }

  async function start(): Promise<void> {
    const opened = await openRunStore({
      now,
      ...(options.indexedDB !== undefined ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    runStore = opened.store;
    persistent = opened.persistent;
    problem = opened.problem ?? null;
    let restored = false;
    try {
      let target: string | null = null;
      if (options.runId) {
        const list = await runStore.listRuns();
        if (list.some((m) => m.id === options.runId)) target = options.runId;
      }
      if (!target && !options.explicitRun && !options.runId) {
        // The most recent run, if it is not over and this page has its assistant (an LLM
        // assistant's run opens from the runs dialog once its engine is set up).
        const latest = (await runStore.listRuns())[0];
        if (latest && !latest.finished && options.agentsFor(latest.assistantId)) target = latest.id;
      }
      if (target) {
        await loadInto(target);
        restored = true;
      }
    } catch (err) {
      problem = `Your last run could not be reopened (${messageOf(err)}); a new one has started.`;
    }
    if (!restored) track(store.getState(), null);
    ready = true;
    watchStore();
    notify();
  }

  const readyPromise = enqueue(start).catch((err: unknown) => {
    // Opening never throws by design (it falls back to memory); this is a bug guard.
    problem = `Saving could not start (${messageOf(err)}).`;
    ready = true;
    notify();
  });

  return {
    ready: readyPromise,
    status: () => ({
      ready,
      persistent,
      problem,
      currentRunId: tracked && !tracked.dead ? tracked.id : null,
      restoring,
    }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush: (o = {}) => readyPromise.then(() => flush(o.snapshot ? { snapshot: true } : {})),
    listRuns: () => readyPromise.then(() => enqueue(() => (runStore as RunStore).listRuns())),
    async openRun(id) {
      await readyPromise;
      const s = store.getState();
      s.pause();
      s.cancelJump();
      await enqueue(async () => {
        // The run on screen is saved whole first (nothing runs while paused).
        const old = tracked;
        if (old) await saveTracked(old, {});
        await loadInto(id);
      });
    },
    async renameRun(id, name) {
      await readyPromise;
      await enqueue(() => (runStore as RunStore).renameRun(id, name));
      notify();
    },
    async deleteRun(id) {
      await readyPromise;
      if (tracked && tracked.id === id && !tracked.dead)
        throw new Error('this run is on screen: open or start another run first, then delete it');
      await enqueue(() => (runStore as RunStore).deleteRun(id));
      notify();
    },
    async exportRun(id) {
      await readyPromise;
      if (tracked && tracked.id === id) await flush({ snapshot: true });
      return enqueue(() => (runStore as RunStore).exportRun(id));
    },
    async importRun(data) {
      await readyPromise;
      const meta = await enqueue(async () => {
        const rs = runStore as RunStore;
        const imported = await rs.importRun(data, newRunId(), now());
        // Tell the copy from the original in the list.
        const name = imported.name.endsWith('(imported)')
          ? imported.name
          : `${imported.name} (imported)`;
        await rs.renameRun(imported.id, name);
        return { ...imported, name };
      });
      notify();
      return meta;
    },
    stats: () => ({ ...stats }),
    stop() {
      stopped = true;
      unsubscribers.forEach((u) => u());
    },
  };
}
