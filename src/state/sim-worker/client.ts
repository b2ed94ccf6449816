/**
 * The page's side of a simulation job: start a worker, send the request,
 * gather its records as they come, and settle with the outcome — or end it
 * at once (cancel). One worker per job.
 */
import type { StepRecord } from '../../core/sim';
import type { SpawnSimWorker } from '../ports';
import type { SimDone, SimProgress, SimReply, SimRequest } from './protocol';

export interface SimJob {
  /** The outcome: every record (or signature) of the job, with the run where it stopped. */
  readonly done: Promise<SimDone>;
  /** End the worker now; `done` rejects with a SimCancelled. */
  cancel(): void;
}

export class SimCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export function startSimJob(
  spawn: SpawnSimWorker,
  request: SimRequest,
  onProgress: (p: SimProgress) => void = () => undefined,
): SimJob {
  const worker = spawn();
  const records: StepRecord[] = [];
  const signatures: string[] = [];
  let settle: { resolve(d: SimDone): void; reject(e: Error): void } | null = null;
  const done = new Promise<SimDone>((resolve, reject) => (settle = { resolve, reject }));
  const finish = (outcome: SimDone | Error): void => {
    const s = settle;
    settle = null;
    worker.onmessage = null;
    worker.onerror = null;
    worker.terminate();
    if (!s) return;
    if (outcome instanceof Error) s.reject(outcome);
    else s.resolve(outcome);
  };
  worker.onmessage = (event) => {
    const reply = event.data as SimReply;
    if (reply.type === 'progress') {
      for (const r of reply.records) records.push(r);
      for (const x of reply.signatures) signatures.push(x);
      onProgress(reply);
    } else if (reply.type === 'done') {
      for (const r of reply.records) records.push(r);
      for (const x of reply.signatures) signatures.push(x);
      finish({ ...reply, records, signatures });
    } else {
      finish(new Error(reply.message));
    }
  };
  worker.onerror = (e) => finish(new Error(e.message ?? 'the simulation worker failed'));
  worker.postMessage(request);
  return { done, cancel: () => finish(new SimCancelled()) };
}
