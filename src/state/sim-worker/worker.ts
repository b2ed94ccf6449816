/**
 * The simulation worker: runs src/state/sim-worker/simulate.ts off the
 * page's main thread, so a jump of days keeps the page responsive. One
 * request per worker; the page ends the worker to cancel.
 */
import type { SimRequest } from './protocol';
import { simulate } from './simulate';

const scope = self as unknown as {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event) => {
  const request = event.data as SimRequest;
  if (request?.type !== 'run') return;
  void simulate(request, {
    post: (reply) => scope.postMessage(reply),
    now: () => performance.now(),
    pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
  });
};
