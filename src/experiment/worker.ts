/**
 * Worker thread entry: runs the jobs it is sent, one at a time, and posts
 * back a message after each simulated day and the result at the end.
 */
import { parentPort } from 'node:worker_threads';
import { runJob } from './job';
import type { FromWorker, ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('src/experiment/worker.ts must run in a worker thread');

port.on('message', (msg: ToWorker) => {
  const { job, config } = msg;
  let reply: FromWorker;
  try {
    const result = runJob(job, config, (day) =>
      port.postMessage({ type: 'day', index: job.index, day } satisfies FromWorker),
    );
    reply = { type: 'done', result };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    reply = { type: 'error', index: job.index, message: e.message, stack: e.stack };
  }
  port.postMessage(reply);
});
