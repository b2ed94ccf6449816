/**
 * Writes to the run store, timed and counted (the bench and the debug hook
 * read the counters), one after another in the order asked. A full disk
 * moves every run to memory (fallbackToMemory) and the write is made there,
 * so nothing of the session is lost; `onMoved` hears the problem to show.
 */
import { assistantStateProblems, hasAssistant } from '../../agents/registry';
import { fallbackToMemory, StorageFullError, type RunStore } from '../../storage';
import type { Clock } from '../ports';

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

export interface Writer {
  readonly stats: PersistenceStats;
  /** The store in use (memory after a full disk); throws before it is open. */
  store(): RunStore;
  open(store: RunStore): void;
  /** Run `job` after the jobs queued before it. */
  enqueue<T>(job: () => Promise<T>): Promise<T>;
  /** The queue, settled: every job asked so far has run. */
  idle(): Promise<void>;
  /** A write: timed, counted, moved to memory if the disk is full. */
  write(
    call: (rs: RunStore) => Promise<void>,
    info: { records: number; snapshot: boolean },
  ): Promise<void>;
}

export function createWriter(clock: Clock, onMoved: (problem: string) => void): Writer {
  let runStore: RunStore | null = null;
  let queue: Promise<void> = Promise.resolve();
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

  return {
    stats,
    store() {
      if (!runStore) throw new Error('saved runs are not open yet');
      return runStore;
    },
    open(store) {
      runStore = store;
    },
    enqueue(job) {
      const result = queue.then(job);
      queue = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
    idle: () => queue,
    async write(call, info) {
      if (!runStore) return;
      const t0 = clock.monotonic();
      let promise: Promise<void>;
      try {
        promise = call(runStore);
      } catch (err) {
        promise = Promise.reject(err);
      }
      const sync = clock.monotonic() - t0;
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
            now: () => clock.now(),
            knownAssistant: hasAssistant,
            assistantStateProblems,
            unsaved: err.batch ? [err] : [],
          });
          runStore = moved.store;
          onMoved(moved.problem);
          // A run that could not even be created is created in memory now.
          if (!err.batch) await call(runStore);
          return;
        }
        throw err;
      } finally {
        const ms = clock.monotonic() - t0;
        stats.appendMs += ms;
        stats.maxAppendMs = Math.max(stats.maxAppendMs, ms);
      }
    },
  };
}
