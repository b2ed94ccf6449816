/**
 * Picking a store for the app: IndexedDB when the browser allows it, else
 * memory, with a sentence to show people saying what that means. A store that
 * fills up mid-run can be swapped for memory (fallbackToMemory) so the game
 * keeps going.
 */
import { clip } from '../shared/secrets';
import { DexieRunStore } from './dexie-store';
import { MemoryRunStore } from './memory-store';
import {
  isQuotaError,
  type RunStore,
  type StepBatch,
  type StorageFullError,
  type StoreOptions,
} from './types';

const IN_MEMORY = 'runs are kept in memory only and will be lost when you close the tab.';

export const PROBLEM_NOT_ALLOWED = `Your browser does not allow saving here (private window?): ${IN_MEMORY}`;
export const PROBLEM_BLOCKED =
  'Saving is blocked by another tab of this game that is still open with an older version: ' +
  `close the other tabs and reload to save your runs. For now ${IN_MEMORY}`;
export const PROBLEM_NEWER =
  'Your saved runs were written by a newer version of this game, so this version cannot open them: ' +
  `reload the page to get the newer version. For now ${IN_MEMORY}`;
export const PROBLEM_FULL =
  'Your browser’s storage for this site is full, so saving stopped: from now on ' +
  `${IN_MEMORY} Export the runs you want to keep, or delete old ones.`;
export function problemFailed(reason: string): string {
  return `Saving could not start (${reason}): ${IN_MEMORY}`;
}

export interface OpenedStore {
  store: RunStore;
  /** False when runs live in memory only and are lost with the tab. */
  persistent: boolean;
  /** What went wrong, in plain words, when not persistent. */
  problem?: string;
}

export interface OpenOptions extends StoreOptions {
  /** The IndexedDB to use; the browser's when omitted; `null` means there is none. */
  indexedDB?: IDBFactory | null;
  IDBKeyRange?: typeof IDBKeyRange;
  name?: string;
  /** Give up opening after this long (an open can hang when blocked). */
  timeoutMs?: number;
}

/** Every error name along Dexie's `inner` and the standard `cause` chains. */
function errorNames(err: unknown): string[] {
  const names: string[] = [];
  let e: unknown = err;
  for (let i = 0; i < 6 && e && typeof e === 'object'; i++) {
    const o = e as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof o.name === 'string') names.push(o.name);
    e = o.inner ?? o.cause;
  }
  return names;
}

function reasonOf(err: unknown): string {
  // Masked before it is cut (src/shared/secrets.ts).
  return clip(err instanceof Error ? err.message : String(err), 158);
}

function browserIndexedDB(): IDBFactory | null {
  try {
    // Reading the property itself throws SecurityError in some locked-down contexts.
    return (globalThis as { indexedDB?: IDBFactory }).indexedDB ?? null;
  } catch {
    return null;
  }
}

function inMemory(options: StoreOptions, problem: string): OpenedStore {
  return { store: new MemoryRunStore(storeOptions(options)), persistent: false, problem };
}

function storeOptions(options: StoreOptions): StoreOptions {
  return {
    now: options.now,
    ...(options.knownAssistant ? { knownAssistant: options.knownAssistant } : {}),
    ...(options.assistantStateProblems
      ? { assistantStateProblems: options.assistantStateProblems }
      : {}),
  };
}

type OpenOutcome =
  { kind: 'open' } | { kind: 'blocked' } | { kind: 'timeout' } | { kind: 'failed'; err: unknown };

export async function openRunStore(options: OpenOptions): Promise<OpenedStore> {
  const factory = options.indexedDB === undefined ? browserIndexedDB() : options.indexedDB;
  if (!factory) return inMemory(options, PROBLEM_NOT_ALLOWED);
  let store: DexieRunStore;
  try {
    store = new DexieRunStore({
      ...storeOptions(options),
      indexedDB: factory,
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
      ...(options.name ? { name: options.name } : {}),
    });
  } catch (err) {
    return inMemory(options, problemFailed(reasonOf(err)));
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  let onBlocked: (() => void) | undefined;
  const outcome = await Promise.race<OpenOutcome>([
    store
      .open()
      // A first read: some browsers open fine and fail on use.
      .then(() => store.db.runs.count())
      .then(
        (): OpenOutcome => ({ kind: 'open' }),
        (err: unknown): OpenOutcome => ({ kind: 'failed', err }),
      ),
    new Promise<OpenOutcome>((resolve) => {
      onBlocked = () => resolve({ kind: 'blocked' });
      store.db.on('blocked', onBlocked);
    }),
    new Promise<OpenOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'timeout' }), options.timeoutMs ?? 15_000);
    }),
  ]);
  clearTimeout(timer);
  if (onBlocked) store.db.on('blocked').unsubscribe(onBlocked);
  if (outcome.kind === 'open') return { store, persistent: true };

  // Cancels a pending open as well.
  store.db.close();
  if (outcome.kind === 'blocked') return inMemory(options, PROBLEM_BLOCKED);
  if (outcome.kind === 'timeout')
    return inMemory(options, problemFailed('the saved runs took too long to open'));
  const names = errorNames(outcome.err);
  if (names.some((n) => n === 'VersionError')) return inMemory(options, PROBLEM_NEWER);
  if (isQuotaError(outcome.err)) return inMemory(options, PROBLEM_FULL);
  if (
    names.some((n) =>
      ['SecurityError', 'InvalidStateError', 'MissingAPIError', 'NotAllowedError'].includes(n),
    )
  )
    return inMemory(options, PROBLEM_NOT_ALLOWED);
  return inMemory(options, problemFailed(reasonOf(outcome.err)));
}

export interface FallbackOptions extends StoreOptions {
  /** Writes that failed (a StorageFullError carries its batch): saved into the new store. */
  unsaved?: readonly (StorageFullError | { runId: string; batch: StepBatch })[];
}

export interface FallbackResult extends OpenedStore {
  persistent: false;
  problem: string;
  /** Names of runs that could not be copied. */
  lost: string[];
}

/**
 * Move to memory after the store filled up: copy every run that can still be
 * read, then the batches that failed, so the app keeps running with nothing
 * of the session lost (until the tab closes). The old store is left open, so
 * people can still export or delete from it.
 */
export async function fallbackToMemory(
  current: RunStore,
  options: FallbackOptions,
): Promise<FallbackResult> {
  const memory =
    current instanceof MemoryRunStore ? current : new MemoryRunStore(storeOptions(options));
  const lost: string[] = [];
  if (memory !== current) {
    let metas: Awaited<ReturnType<RunStore['listRuns']>> = [];
    try {
      metas = await current.listRuns();
    } catch {
      lost.push('(the list of saved runs could not be read)');
    }
    for (const meta of metas) {
      try {
        memory.adopt(await current.exportRun(meta.id));
      } catch {
        lost.push(meta.name);
      }
    }
  }
  for (const u of options.unsaved ?? []) {
    const runId = u.runId;
    const batch = u.batch;
    if (runId === null || batch === null) continue;
    try {
      await memory.appendSteps(runId, batch);
    } catch {
      lost.push(`the latest steps of run ${runId}`);
    }
  }
  const problem =
    lost.length > 0 ? `${PROBLEM_FULL} These could not be kept: ${lost.join(', ')}.` : PROBLEM_FULL;
  return { store: memory, persistent: false, problem, lost };
}
