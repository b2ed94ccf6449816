/**
 * The browser behind the state layer's ports (src/state/ports.ts): Web
 * Storage, the page's visibility, the clocks, animation frames and the
 * crypto source. main.ts hands this to the store, persistence and the
 * engine controller; tests hand them plain objects instead.
 */
import type { KeyValueStore, PageLifecycle, Platform, RunLease, RunLocks } from '../state/ports';

/** localStorage or sessionStorage, or null where the browser blocks them (privacy settings). */
function webStorage(which: 'localStorage' | 'sessionStorage'): KeyValueStore | null {
  let storage: Storage | null;
  try {
    storage = globalThis[which] ?? null;
  } catch {
    return null; // reading the property itself throws when storage is blocked
  }
  if (!storage) return null;
  const s = storage;
  return {
    get(key) {
      try {
        return s.getItem(key);
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        s.setItem(key, value);
        return true;
      } catch {
        return false; // full or blocked: the value lasts for this page
      }
    },
    remove(key) {
      try {
        s.removeItem(key);
      } catch {
        // nothing kept
      }
    },
  };
}

const page: PageLifecycle = {
  onLeave(listener) {
    const onHide = (): void => {
      if (document.visibilityState === 'hidden') listener();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', listener);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', listener);
    };
  },
};

type News = { runId: string; what: 'taken' | 'released' };

/**
 * One writer per run across this browser's tabs: a Web Lock per run
 * ("propersim-run:<id>"), held while the tab writes it. `steal` takes it
 * over (the old holder's request fails with an AbortError: its lease is
 * lost). A BroadcastChannel tells the other tabs when a run is taken over
 * or let go. Undefined where the browser has no Web Locks.
 */
function webRunLocks(): RunLocks | undefined {
  const found = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!found) return undefined;
  const locks: LockManager = found;
  const channel =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel('propersim-runs') : null;
  const tell = (news: News): void => {
    try {
      channel?.postMessage(news);
    } catch {
      // The other tabs only miss a notice.
    }
  };
  /**
   * A reload releases the old page's locks a moment after the new page
   * starts: a lock not free at once is asked for again a few times before
   * the run is called another tab's.
   */
  const acquire = async (id: string, options: { steal?: boolean }): Promise<RunLease | null> => {
    for (let attempt = 0; ; attempt++) {
      const lease = await acquireOnce(id, options);
      if (lease || options.steal || attempt >= 10) return lease;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  // A page that is unloaded (a reload, a link) lets its runs go at once, for the page that follows.
  const heldLeases = new Set<RunLease>();
  globalThis.addEventListener?.('pagehide', (e: PageTransitionEvent) => {
    if (!e.persisted) for (const lease of [...heldLeases]) lease.release();
  });
  return {
    acquire: (id, options = {}) => acquire(id, options),
    onNews(listener) {
      if (!channel) return () => undefined;
      const onMessage = (e: MessageEvent<News>): void => {
        const d = e.data;
        if (d && typeof d.runId === 'string' && (d.what === 'taken' || d.what === 'released'))
          listener(d);
      };
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
  };

  function acquireOnce(id: string, options: { steal?: boolean }): Promise<RunLease | null> {
    return new Promise<RunLease | null>((resolve) => {
      let let_go!: () => void;
      const held = new Promise<void>((r) => (let_go = r));
      const lost: (() => void)[] = [];
      let gone = false;
      let granted = false;
      const lease: RunLease = {
        runId: id,
        onLost: (l) => void lost.push(l),
        release() {
          if (gone) return;
          gone = true;
          heldLeases.delete(lease);
          let_go();
          tell({ runId: id, what: 'released' });
        },
      };
      locks
        .request(
          `propersim-run:${id}`,
          options.steal ? { steal: true } : { ifAvailable: true },
          async (lock) => {
            if (!lock) {
              resolve(null);
              return;
            }
            granted = true;
            heldLeases.add(lease);
            if (options.steal) tell({ runId: id, what: 'taken' });
            resolve(lease);
            await held;
          },
        )
        .catch(() => {
          // Taken over by another tab (AbortError), or the lock could not be asked for.
          if (!granted) {
            resolve(null);
            return;
          }
          if (gone) return;
          gone = true;
          heldLeases.delete(lease);
          lost.splice(0).forEach((l) => l());
        });
    });
  }
}

export function browserPlatform(): Platform {
  const locks = webRunLocks();
  return {
    ...(locks ? { locks } : {}),
    local: webStorage('localStorage'),
    session: webStorage('sessionStorage'),
    page,
    clock: { now: () => Date.now(), monotonic: () => performance.now() },
    frames: {
      request: (cb) => requestAnimationFrame(cb),
      cancel: (h) => cancelAnimationFrame(h),
      now: () => performance.now(),
    },
    randomBytes(n) {
      const bytes = new Uint8Array(n);
      crypto.getRandomValues(bytes);
      return bytes;
    },
  };
}
