/** Messages between the experiment runner and its worker threads. */
import type { ExperimentConfig, Job, JobResult } from './types';

export type ToWorker = { type: 'job'; job: Job; config: ExperimentConfig };

export type FromWorker =
  | { type: 'day'; index: number; day: number }
  | { type: 'done'; result: JobResult }
  | { type: 'error'; index: number; message: string; stack: string | undefined };
