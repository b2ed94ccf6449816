/**
 * The browser behind the state layer's ports (src/state/ports.ts): Web
 * Storage, the page's visibility, the clocks, animation frames and the
 * crypto source. main.ts hands this to the store, persistence and the
 * engine controller; tests hand them plain objects instead.
 */
import type { KeyValueStore, PageLifecycle, Platform } from '../state/ports';

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

export function browserPlatform(): Platform {
  return {
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
