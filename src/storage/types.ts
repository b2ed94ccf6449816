/**
 * The storage port: one interface for saved runs, implemented over IndexedDB
 * (Dexie, in the browser) and in memory (Node, tests, and the browser when
 * IndexedDB is unavailable). A run is stored as
 *
 *   - its meta (the row the run list shows),
 *   - a snapshot of its state plus the inputs dispatched since that snapshot
 *     (replaying them rebuilds the current state: see restore.ts),
 *   - its step records, for the timeline and the step inspector.
 *
 * Storage never reads the clock: times are passed in, or come from the `now()`
 * the store was built with.
 */
import type { RunInput, RunState, StepRecord } from '../core/sim';

export interface RunMeta {
  id: string;
  name: string;
  personaId: string;
  personaName: string;
  assistantId: string;
  seed: string;
  /** Which engine drives the agents ("builtin", "webllm", "http", …). */
  engine: string;
  /** Milliseconds since the epoch, from the caller (or the store's `now()`). */
  createdAt: number;
  updatedAt: number;
  /** The day in progress and its next step, as of the last saved batch. */
  day: number;
  step: number;
  finished: boolean;
}

/** One batch of progress: written in one transaction. */
export interface StepBatch {
  /** The inputs dispatched since the previous batch, in order: enough to rebuild the run. */
  inputs: RunInput[];
  /** The step records those inputs produced. */
  records: StepRecord[];
  /** The run's state after `inputs`: replaces the snapshot and prunes the inputs before it. */
  state?: RunState;
}

/** A saved run as loaded: replay `inputsAfterSnapshot` onto `snapshot` (restoreRun) for the current state. */
export interface LoadedRun {
  meta: RunMeta;
  snapshot: RunState;
  inputsAfterSnapshot: RunInput[];
}

export const RUN_EXPORT_FORMAT = 'propersim-run';
export const RUN_EXPORT_VERSION = 1;

/** A whole run as one JSON document (the file people download and import). */
export interface RunExport {
  format: typeof RUN_EXPORT_FORMAT;
  version: typeof RUN_EXPORT_VERSION;
  meta: RunMeta;
  snapshot: RunState;
  /** The inputs after the snapshot. */
  inputs: RunInput[];
  /** Every step record, ordered by day then step. */
  steps: StepRecord[];
}

/** What every store is built with: the clock, and which assistants an imported run may name. */
export interface StoreOptions {
  now: () => number;
  /**
   * Does the app know this assistant (the registry, built-in or LLM)? An
   * imported run naming another is refused. Storage knows no agents, so the
   * app hands this in; without it any non-empty id passes.
   */
  knownAssistant?: (id: string) => boolean;
  /**
   * What is wrong with a state for this assistant (the registry's schemas),
   * as lines naming the field; an imported run with any is refused. Handed
   * in like `knownAssistant`; without it the state is only required to exist.
   */
  assistantStateProblems?: (id: string, state: unknown) => string[];
}

/**
 * The largest run file taken (a 14-day run is a few MB; a 100-day one with
 * every step well under this). A bigger file is refused before it is read.
 */
export const MAX_RUN_FILE_BYTES = 40 * 1024 * 1024;

export interface RunStore {
  /** Every saved run, most recently updated first. */
  listRuns(): Promise<RunMeta[]>;
  /** Save a new run; its day/step/finished are taken from `state`. Fails if the id is taken. */
  createRun(meta: RunMeta, state: RunState): Promise<void>;
  renameRun(id: string, name: string): Promise<void>;
  /** Remove the run and everything of it (snapshot, inputs, steps). */
  deleteRun(id: string): Promise<void>;
  /**
   * Save progress in one transaction (all or nothing). Call it in batches (every
   * ~0.5 s or ~200 steps), not per frame. The batch is copied before the call
   * returns, so the caller may keep mutating its run.
   * @throws StorageFullError when the browser's storage quota is exhausted.
   */
  appendSteps(runId: string, batch: StepBatch): Promise<void>;
  loadRun(id: string): Promise<LoadedRun>;
  /** A day's step records, ordered by step. */
  loadSteps(runId: string, day: number): Promise<StepRecord[]>;
  /** The days that have at least one saved step record, ascending. */
  daysWithSteps(runId: string): Promise<number[]>;
  exportRun(id: string): Promise<RunExport>;
  /**
   * Validate an export (an object, or its JSON text) and save it as a new run
   * with id `newId` (it never overwrites). A bad file is refused with a
   * RunImportError naming the field, and the store is left unchanged.
   */
  importRun(data: unknown, newId: string, now: number): Promise<RunMeta>;
  close(): Promise<void>;
}

/** The browser's storage is full: the batch was not saved. */
export class StorageFullError extends Error {
  constructor(
    /** The run being written, if the failed write belonged to one. */
    public readonly runId: string | null,
    /** The batch that was not saved, so it can be written elsewhere (see fallbackToMemory). */
    public readonly batch: StepBatch | null,
    options?: { cause?: unknown },
  ) {
    super(
      'Your browser’s storage for this site is full, so the latest progress could not be saved. ' +
        'Delete or export old runs to free space.',
      options,
    );
    this.name = 'StorageFullError';
  }
}

/** A run file was refused; `issues` name each bad field. */
export class RunImportError extends Error {
  constructor(public readonly issues: { path: string; message: string }[]) {
    super(
      'This file is not a ProPerSim run we can open: ' +
        issues
          .slice(0, 5)
          .map((i) => `${i.path || '(file)'}: ${i.message}`)
          .join('; ') +
        (issues.length > 5 ? ` (and ${issues.length - 5} more problems)` : ''),
    );
    this.name = 'RunImportError';
  }
}

export class RunNotFoundError extends Error {
  constructor(public readonly runId: string) {
    super(`There is no saved run with id "${runId}".`);
    this.name = 'RunNotFoundError';
  }
}

/** Quota errors come bare, wrapped by Dexie (AbortError/BulkError `inner`/`failures`) or as a `cause`. */
export function isQuotaError(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as {
    name?: unknown;
    code?: unknown;
    inner?: unknown;
    cause?: unknown;
    failures?: unknown;
  };
  if (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  // Legacy DOMException code for QUOTA_EXCEEDED_ERR.
  if (e.name === undefined && e.code === 22) return true;
  if (isQuotaError(e.inner, depth + 1) || isQuotaError(e.cause, depth + 1)) return true;
  if (Array.isArray(e.failures)) return e.failures.some((f) => isQuotaError(f, depth + 1));
  return false;
}

/** Copy plain run data (structured clone keeps exactly what IndexedDB would store). */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

/** Meta fields that follow the state: where the run is and whether it is done. */
export function progressOf(state: RunState): Pick<RunMeta, 'day' | 'step' | 'finished'> {
  return { day: state.day, step: state.step, finished: state.day > state.config.days };
}

/** Progress after the last record of a batch, without the state (day rolls over at the day's end). */
export function progressAfter(
  record: StepRecord,
  stepsPerDay: number,
  totalDays: number,
): Pick<RunMeta, 'day' | 'step' | 'finished'> {
  const next = record.step + 1;
  const day = next >= stepsPerDay ? record.day + 1 : record.day;
  return { day, step: next >= stepsPerDay ? 0 : next, finished: day > totalDays };
}

export function newestFirst(a: RunMeta, b: RunMeta): number {
  return b.updatedAt - a.updatedAt || b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1);
}
