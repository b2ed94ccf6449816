/**
 * One writer per saved run (issue: two tabs on one run mixed their
 * histories). The tab that opens or creates a run asks for its lease
 * (RunLocks: Web Locks in the browser); a tab that cannot get it shows the
 * run read-only and saves nothing, until it takes the run over. The keeper
 * holds at most one lease, the one of the run on screen.
 */
import type { RunLease, RunLocks } from '../ports';

/** A lease asked for, not yet the keeper's: adopt it once the run is on screen, or drop it. */
export interface PendingLease {
  /** This tab may write the run (it holds the lease, or there are no locks). */
  readonly writable: boolean;
  adopt(): void;
  drop(): void;
}

export interface LeaseKeeper {
  /** Ask for run `id`'s lease (`steal`: take it from the tab that holds it). */
  ask(id: string, steal?: boolean): Promise<PendingLease>;
  /** Let go of run `id`'s lease, if it is the one held. */
  release(id: string | null): void;
  stop(): void;
}

export const OPEN_ELSEWHERE =
  'This run is open in another tab, which saves it. Here it is read-only: nothing you do is saved. ' +
  'Take it over to play it here (the other tab then becomes read-only).';
export const TAKEN_ELSEWHERE =
  'Another tab took this run over and saves it now. Here it is read-only: nothing you do is saved. ' +
  'Take it back to play it here.';
export const LET_GO_ELSEWHERE =
  'The other tab has let this run go. Here it is still read-only: take it over to play it here.';

export function leaseKeeper(
  locks: RunLocks | undefined,
  events: {
    /** Another tab took run `id` over: this tab no longer writes it. */
    onLost(id: string): void;
    /** News from other tabs about run `id`. */
    onNews(id: string, what: 'taken' | 'released'): void;
  },
): LeaseKeeper {
  let held: RunLease | null = null;
  const unsubscribe = locks?.onNews((n) => events.onNews(n.runId, n.what)) ?? (() => undefined);

  const releaseHeld = (): void => {
    const h = held;
    held = null;
    h?.release();
  };

  return {
    async ask(id, steal = false) {
      if (!locks) return { writable: true, adopt: () => undefined, drop: () => undefined };
      if (held?.runId === id)
        return { writable: true, adopt: () => undefined, drop: () => undefined };
      const lease = await locks.acquire(id, { steal });
      return {
        writable: lease !== null,
        adopt() {
          releaseHeld();
          if (!lease) return;
          held = lease;
          lease.onLost(() => {
            if (held === lease) held = null;
            events.onLost(id);
          });
        },
        drop: () => lease?.release(),
      };
    },
    release(id) {
      if (id !== null && held?.runId === id) releaseHeld();
    },
    stop() {
      unsubscribe();
      releaseHeld();
    },
  };
}
