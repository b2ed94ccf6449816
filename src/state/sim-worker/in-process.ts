/**
 * A stand-in for the simulation worker that runs in the same thread (Node
 * tests, and a browser that cannot start the worker): the same work, the
 * same messages, delivered asynchronously like a worker's.
 */
import type { SimWorker } from '../ports';
import type { SimRequest } from './protocol';
import { simulate } from './simulate';

export function inProcessSimWorker(now: () => number = () => performance.now()): SimWorker {
  let ended = false;
  const worker: SimWorker = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      // A worker receives a copy of what is posted.
      const request = structuredClone(message) as SimRequest;
      setTimeout(() => {
        if (ended || request?.type !== 'run') return;
        void simulate(request, {
          post: (reply) => {
            const copy = structuredClone(reply);
            setTimeout(() => {
              if (!ended) worker.onmessage?.({ data: copy });
            }, 0);
          },
          now,
          pause: () =>
            ended
              ? Promise.reject(new Error('ended'))
              : new Promise((resolve) => setTimeout(resolve, 0)),
        });
      }, 0);
    },
    terminate() {
      ended = true;
    },
  };
  return worker;
}
