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
 * One writer per saved run across the tabs of this browser: Web Locks in
 * the browser (with a BroadcastChannel to tell the other tabs). A tab that
 * cannot hold a run's lease opens it read-only.
 */
export interface RunLocks {
  /** Become the writer of run `id`; null when another tab is (unless `steal`: take it over). */
  acquire(id: string, options?: { steal?: boolean }): Promise<RunLease | null>;
  /** Another tab took run `id` over, or let it go (its writer closed it). Returns an unsubscribe. */
  onNews(listener: (news: { runId: string; what: 'taken' | 'released' }) => void): () => void;
}

/** The right to write one run, held until released or taken over by another tab. */
export interface RunLease {
  readonly runId: string;
  /** Another tab took the run over: this lease is gone (called once). */
  onLost(listener: () => void): void;
  release(): void;
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
  /** One writer per run across tabs; absent: this page is the only one (every lease granted). */
  locks?: RunLocks;
}

/**
 * Run locks within one JavaScript realm: the "tabs" are the pages sharing
 * this object (tests). Same rules as the browser's: one holder per run,
 * `steal` takes it and tells the old holder, news reaches every other page.
 */
export function memoryRunLocks(): { forTab(): RunLocks } {
  const holders = new Map<string, { lost: (() => void)[]; tab: number }>();
  type News = { runId: string; what: 'taken' | 'released' };
  const listeners = new Set<{ tab: number; fn: (news: News) => void }>();
  let tabs = 0;
  const tell = (from: number, news: News): void => {
    for (const l of [...listeners]) if (l.tab !== from) l.fn(news);
  };
  return {
    forTab(): RunLocks {
      const tab = ++tabs;
      return {
        async acquire(id, options = {}) {
          const held = holders.get(id);
          if (held && !options.steal) return null;
          if (held) held.lost.splice(0).forEach((l) => l());
          const entry = { lost: [] as (() => void)[], tab };
          holders.set(id, entry);
          if (held) tell(tab, { runId: id, what: 'taken' });
          let gone = false;
          return {
            runId: id,
            onLost: (l) => void entry.lost.push(l),
            release() {
              if (gone || holders.get(id) !== entry) return;
              gone = true;
              holders.delete(id);
              tell(tab, { runId: id, what: 'released' });
            },
          };
        },
        onNews(listener) {
          const entry = { tab, fn: listener };
          listeners.add(entry);
          return () => void listeners.delete(entry);
        },
      };
    },
  };
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
