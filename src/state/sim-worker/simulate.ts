/**
 * The simulation worker's work, apart from the worker itself (so Node tests
 * run it in-process): take a copy of a run forward with the built-in agents
 * of its line-up, to a target moment, a time slice at a time, saying how far
 * it got and handing back the records as it goes. The core is pure, so the
 * steps are the very ones the page would have run.
 */
import { buildAgents } from '../../agents/lineup';
import { dispatch, isFinished, type StepRecord } from '../../core/sim';
import { absoluteStep } from '../../core/run-copy';
import { afterStep, beforeStep, emptyArchive, helperFor } from '../archive';
import { jumpArrived, stepsToTarget } from '../jump';
import { recordSignature, type SimReply, type SimRequest } from './protocol';

/** Work at most this long before saying how far it got (and letting messages in). */
const SLICE_MS = 60;

export interface SimulateHooks {
  post(reply: SimReply): void;
  /** A monotonic clock in ms. */
  now(): number;
  /** Let other work run (a worker's message queue): resolves soon. */
  pause(): Promise<void>;
}

export async function simulate(request: SimRequest, hooks: SimulateHooks): Promise<void> {
  const { run, target, keep } = request;
  try {
    const agents = buildAgents(run.lineup, { explain: keep === 'full' });
    const helper = helperFor(run.assistantId);
    const archive = emptyArchive();
    const startAt = absoluteStep(run);
    const total = stepsToTarget(run, target);
    let done = 0;
    let records: StepRecord[] = [];
    let signatures: string[] = [];
    const out = (r: StepRecord): void => {
      if (keep === 'signature') signatures.push(recordSignature(r));
      else records.push(keep === 'light' ? { ...r, note: null } : r);
    };
    let sliceStart = hooks.now();
    while (!jumpArrived(run, target) && !isFinished(run)) {
      if (request.archive)
        beforeStep(archive, run, helper, { index: 0, skip: absoluteStep(run) - startAt });
      const record = dispatch(run, agents, { type: 'advance', steps: 1 })[0];
      if (!record) break;
      if (request.archive) afterStep(archive, run, helper, record);
      out(record);
      done++;
      if (hooks.now() - sliceStart >= SLICE_MS) {
        hooks.post({
          type: 'progress',
          done,
          total,
          day: record.day,
          minute: record.minute,
          records,
          signatures,
        });
        records = [];
        signatures = [];
        await hooks.pause();
        sliceStart = hooks.now();
      }
    }
    hooks.post({
      type: 'done',
      run,
      startAt,
      steps: done,
      checkpoints: archive.checkpoints.map(({ at, run: copy }) => ({ at, run: copy })),
      days: archive.days.filter((d) => d !== undefined),
      records,
      signatures,
    });
  } catch (err) {
    hooks.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}
