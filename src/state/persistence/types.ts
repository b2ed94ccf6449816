/** What persistence offers the page, what it is started with, and when it writes. */
import type { RunState } from '../../core/sim';
import type { RunExport, RunMeta } from '../../storage';
import type { Platform } from '../ports';
import type { GameState } from '../store';
import type { PersistenceStats } from './writer';

/** Save at least this often while steps run... */
/** The largest run file the page imports (storage's cap, for the file picker to check first). */
export { MAX_RUN_FILE_BYTES } from '../../storage/types';

export const FLUSH_EVERY_MS = 500;
/** ...or as soon as this many steps wait to be saved. */
export const FLUSH_EVERY_STEPS = 200;
/** At most this many step records per transaction (a day's steps): a jump's result goes in several. */
export const WRITE_BATCH_STEPS = 576;
/**
 * A full snapshot at least every this many steps (two simulated days), so a
 * restore replays at most this many steps (~0.2–0.4 ms each for propera).
 */
export const SNAPSHOT_EVERY_STEPS = 1152;

export interface PersistenceOptions {
  platform: Pick<Platform, 'page' | 'clock' | 'randomBytes' | 'locks'>;
  /** The saved run the URL names (?run=): reopened on load if it exists. */
  runId?: string | null;
  /**
   * The URL chose a run (persona, assistant or seed): keep the run the page
   * started with rather than continuing the last saved one.
   */
  explicitRun?: boolean;
  /** The IndexedDB to use (tests); the browser's by default; null: none. */
  indexedDB?: IDBFactory | null;
  IDBKeyRange?: typeof IDBKeyRange;
  /** Told whenever the run being saved changes (its storage id, or null while not saved yet). */
  onCurrentRun?(id: string | null, state: GameState): void;
}

export interface Persistence {
  /** Resolves once the store is open and the first run is restored or started. */
  readonly ready: Promise<void>;
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
  /**
   * The run on screen is read-only (another tab writes it): take it over.
   * It is read again as last saved, and the other tab becomes read-only.
   */
  takeOver(): Promise<void>;
  stats(): PersistenceStats;
  stop(): void;
}

/** A run id: short, random, safe in a URL. */
export function newRunId(randomBytes: (n: number) => Uint8Array): string {
  let s = '';
  for (const b of randomBytes(9)) s += b.toString(36).padStart(2, '0');
  return `run-${s.slice(0, 14)}`;
}

/** The name a new run gets in the list. */
export function defaultRunName(run: RunState): string {
  return `${run.persona.name} · ${run.assistantId} · seed ${run.config.seed}`;
}
