/**
 * What the state layer needs from the platform, as small interfaces: the
 * browser's implementations are in src/platform/browser.ts, tests pass
 * plain objects. Nothing in src/state touches the DOM, Web Storage or
 * the page's lifecycle directly (a lint rule holds this line).
 */

/** A small key-value store: localStorage, sessionStorage, or a Map in tests. */
export interface KeyValueStore {
  /** The value, or null when absent or when storage cannot be read. */
  get(key: string): string | null;
  /** Keep a value; false when storage refused it (full, blocked). */
  set(key: string, value: string): boolean;
  remove(key: string): void;
}

/** The page going out of sight or away (the last moment to save). */
export interface PageLifecycle {
  onLeave(listener: () => void): () => void;
}

export interface Clock {
  /** Milliseconds since the epoch, for times people read (a run's "last played"). */
  now(): number;
  /** A monotonic clock in milliseconds, for durations. */
  monotonic(): number;
}

/** Animation frames: the playback driver advances the store once per frame. */
export interface FrameSource {
  request(callback: (now: number) => void): number;
  cancel(handle: number): void;
  /** A monotonic clock in milliseconds (for the jump's time budget); default: the platform's. */
  now?(): number;
}

/**
 * A worker that runs the simulation off the page's main thread
 * (src/state/sim-worker/worker.ts): a Web Worker in the browser, an
 * in-process stand-in in tests (src/state/sim-worker/in-process.ts).
 */
export interface SimWorker {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  terminate(): void;
}

export type SpawnSimWorker = () => SimWorker;

/** Everything above, for the browser (src/platform/browser.ts) or a test. */
export interface Platform {
  /** Kept on this device (null: storage blocked). */
  local: KeyValueStore | null;
  /** Kept for this tab only (null: storage blocked). */
  session: KeyValueStore | null;
  page: PageLifecycle;
  clock: Clock;
  frames: FrameSource;
  /** `n` random bytes from a cryptographic source (run ids). */
  randomBytes(n: number): Uint8Array;
}

/** A KeyValueStore in memory (tests, and the browser when Web Storage is blocked). */
export function memoryKeyValueStore(): KeyValueStore & { readonly map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get: (key) => map.get(key) ?? null,
    set: (key, value) => {
      map.set(key, value);
      return true;
    },
    remove: (key) => void map.delete(key),
  };
}
