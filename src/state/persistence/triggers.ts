/**
 * When persistence writes: every ~0.5 s or every FLUSH_EVERY_STEPS steps
 * while a run plays, at idle moments (playback stopped, a jump done), when
 * the page is hidden or closed, and when the run on screen changes. A
 * read-only run (another tab writes it) is paused whenever it starts
 * playing: progress there would be saved by nobody.
 */
import type { RunState } from '../../core/sim';
import type { Clock, PageLifecycle } from '../ports';
import type { GameStore } from '../store';
import { countUnsaved, hasUnsavedInputs, type Tracked } from './tracker';
import { FLUSH_EVERY_MS, FLUSH_EVERY_STEPS } from './types';

export interface TriggerHost {
  store: GameStore;
  clock: Clock;
  page: PageLifecycle;
  tracked(): Tracked | null;
  /** Stopped, or a flush already queued: nothing to start. */
  busy(): boolean;
  flush(): Promise<void>;
  /** Write now, not behind a write in flight (the page is going away). */
  saveNow(t: Tracked): Promise<void>;
  /** The store's run changed (a new run, a jump back, a restored one). */
  onRun(run: RunState): void;
  pause(): void;
}

export function startTriggers(host: TriggerHost): { watchStore(): void; stop(): void } {
  const { store, clock } = host;
  let lastFlush = 0;
  const maybeFlush = (): void => {
    const t = host.tracked();
    if (!t || host.busy() || !store.getState().saving.ready) return;
    if (store.getState().run !== t.run) return;
    const unsaved = countUnsaved(t);
    const due = clock.monotonic() - lastFlush >= FLUSH_EVERY_MS;
    if ((due && (unsaved > 0 || hasUnsavedInputs(t))) || unsaved >= FLUSH_EVERY_STEPS) {
      lastFlush = clock.monotonic();
      void host.flush().catch(() => undefined);
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
  unsubscribers.push(
    host.page.onLeave(() => {
      const t = host.tracked();
      if (!t || !store.getState().saving.ready) return;
      if (t.creating || t.id === null) {
        void host.flush().catch(() => undefined);
        return;
      }
      void host.saveNow(t).catch(() => undefined);
    }),
  );

  return {
    watchStore() {
      unsubscribers.push(
        // Many steps at once (a jump, turbo): save every FLUSH_EVERY_STEPS. Deferred out of the store's set.
        store.subscribe(
          (s) => s.stats.stepsTotal,
          () => {
            const t = host.tracked();
            if (t && countUnsaved(t) >= FLUSH_EVERY_STEPS) queueMicrotask(maybeFlush);
          },
        ),
        // Playback stopped or the run ended: an idle moment, good for a snapshot.
        store.subscribe(
          (s) => s.playback.playing || s.jump !== null,
          (running) => {
            if (!running) setTimeout(() => void host.flush().catch(() => undefined), 0);
          },
        ),
        // A new run (the controls, a jump back, the engine settings) or a restored one.
        store.subscribe((s) => s.run, host.onRun),
        // Read-only: playing on would only make progress nobody saves; the notice offers to take over.
        store.subscribe(
          (s) => s.playback.playing,
          (playing) => {
            if (playing && host.tracked()?.readOnly) queueMicrotask(host.pause);
          },
        ),
      );
    },
    stop() {
      unsubscribers.splice(0).forEach((u) => u());
    },
  };
}
