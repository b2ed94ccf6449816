/**
 * Runs the jobs of an experiment, in-process (`workers: 1`) or on a pool of
 * worker threads. Each job is independent and seeded alike, so the results,
 * stored by job index, are the same whatever the thread count or the order
 * in which jobs finish.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runJob } from './job';
import type { FromWorker, ToWorker } from './protocol';
import type { ExperimentConfig, Job, JobResult } from './types';

export interface RunnerEvents {
  /** A job finished one simulated day. */
  onDay?: (index: number, day: number) => void;
  onJobDone?: (result: JobResult) => void;
}

export async function runJobs(
  jobs: readonly Job[],
  config: ExperimentConfig,
  workers: number,
  events: RunnerEvents = {},
): Promise<JobResult[]> {
  if (!Number.isInteger(workers) || workers < 1)
    throw new Error(`workers must be a whole number ≥ 1, got ${workers}`);
  return workers === 1 || jobs.length <= 1
    ? runSerial(jobs, config, events)
    : runPool(jobs, config, Math.min(workers, jobs.length), events);
}

function runSerial(
  jobs: readonly Job[],
  config: ExperimentConfig,
  events: RunnerEvents,
): JobResult[] {
  const results: JobResult[] = [];
  for (const job of jobs) {
    // A worker gets a structured clone of the persona; do the same here so no
    // state can leak from one job to the next through a shared object.
    const own: Job = { ...job, persona: structuredClone(job.persona) };
    const result = runJob(own, config, (day) => events.onDay?.(job.index, day));
    events.onJobDone?.(result);
    results[job.index] = result;
  }
  return ordered(jobs, results);
}

/**
 * Under tsx (or vitest) this module is TypeScript, and so is the worker. A
 * worker does not inherit the parent's module hooks, and tsx's `--import`
 * entry registers nothing inside a worker thread, so the worker starts from a
 * small script that registers tsx through its API and then imports
 * worker.ts. A build that emits JavaScript finds worker.js and needs neither.
 */
function spawnWorker(): Worker {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new Worker(new URL('./worker.js', self));
  const target = new URL('./worker.ts', self).href;
  const code =
    `import(${JSON.stringify(tsxApiUrl(self))})` +
    `.then(({ register }) => { register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(code, { eval: true });
}

let tsxApi: string | undefined;

/** The URL of tsx's ESM API ("tsx/esm/api", import condition), found from its package.json. */
function tsxApiUrl(from: string): string {
  if (tsxApi) return tsxApi;
  const pkgFile = createRequire(from).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as {
    exports?: Record<string, { import?: { default?: string } } | string>;
  };
  const entry = pkg.exports?.['./esm/api'];
  const rel = typeof entry === 'object' ? entry.import?.default : undefined;
  if (!rel) throw new Error(`cannot find tsx's ESM API in ${pkgFile}; run with --workers 1`);
  tsxApi = pathToFileURL(join(dirname(pkgFile), rel)).href;
  return tsxApi;
}

function runPool(
  jobs: readonly Job[],
  config: ExperimentConfig,
  size: number,
  events: RunnerEvents,
): Promise<JobResult[]> {
  const results: JobResult[] = [];
  let next = 0;
  let finished = 0;
  let failed = false;
  const pool: Worker[] = [];

  return new Promise<JobResult[]>((resolve, reject) => {
    const fail = (err: Error): void => {
      if (failed) return;
      failed = true;
      for (const w of pool) void w.terminate();
      reject(err);
    };
    const feed = (w: Worker): void => {
      const job = jobs[next++];
      if (!job) return;
      w.postMessage({ type: 'job', job, config } satisfies ToWorker);
    };
    for (let i = 0; i < size; i++) {
      const w = spawnWorker();
      pool.push(w);
      w.on('message', (msg: FromWorker) => {
        if (failed) return;
        switch (msg.type) {
          case 'day':
            events.onDay?.(msg.index, msg.day);
            return;
          case 'error': {
            const job = jobs[msg.index];
            const err = new Error(
              `job ${job ? `${job.assistantId} × ${job.persona.id}` : msg.index} failed: ${msg.message}`,
            );
            if (msg.stack) err.stack = msg.stack;
            fail(err);
            return;
          }
          case 'done':
            results[msg.result.index] = msg.result;
            events.onJobDone?.(msg.result);
            finished++;
            if (finished === jobs.length) {
              for (const p of pool) void p.terminate();
              try {
                resolve(ordered(jobs, results));
              } catch (err) {
                reject(err as Error);
              }
            } else {
              feed(w);
            }
        }
      });
      w.on('error', (err) => fail(err));
      w.on('exit', (code) => {
        if (finished < jobs.length)
          fail(
            new Error(`a worker thread stopped (exit code ${code}) before the experiment finished`),
          );
      });
      feed(w);
    }
  });
}

function ordered(jobs: readonly Job[], results: JobResult[]): JobResult[] {
  return jobs.map((job) => {
    const r = results[job.index];
    if (!r)
      throw new Error(`no result for job ${job.index} (${job.assistantId} × ${job.persona.id})`);
    return r;
  });
}
