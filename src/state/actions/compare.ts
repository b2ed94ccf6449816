/**
 * Side by side: a second assistant on the same persona and seed — the same
 * days, since the planner's randomness depends on the seed, the persona and
 * the day alone — run in the simulation worker up to the main run's moment,
 * its records ('light': without explanations) filling in as they come. When
 * the main run has moved on, `extendCompare` takes it further.
 */
import { assistantEntry } from '../../agents/registry';
import { builtinLineUp } from '../../core/lineup';
import { createRun, type RunState } from '../../core/sim';
import { absoluteStep, copyRun } from '../../core/run-copy';
import { buildAgents } from '../../agents/lineup';
import { appendHistory } from '../history';
import { clockMinutes } from '../moment';
import type { SimWorker } from '../ports';
import { inProcessSimWorker } from '../sim-worker/in-process';
import { SimCancelled, startSimJob, type SimJob } from '../sim-worker/client';
import type { CompareRun } from '../store';
import type { ActionContext } from './context';

export interface CompareActions {
  /** Run `assistantId` beside the main run (null: stop comparing). */
  compareWith(assistantId: string | null): void;
  /** Take the comparison run up to the main run's moment. */
  extendCompare(): void;
}

/** Is the comparison behind the main run's clock (and idle)? */
export function compareBehind(
  compare: CompareRun | null,
  clock: { day: number; minute: number },
): boolean {
  if (!compare || compare.progress || compare.error) return false;
  const last = compare.history.at(-1)?.at(-1);
  const at = last ? clockMinutes({ day: last.day, minute: last.minute }) : -1;
  return (
    at + compare.run.config.stepSeconds / 60 <= clockMinutes(clock) &&
    compare.run.day <= compare.run.config.days
  );
}

export function compareActions(ctx: ActionContext): CompareActions {
  const { get, set } = ctx;
  let job: SimJob | null = null;

  const runTo = (run: RunState): void => {
    job?.cancel();
    const s = get();
    const mainRun = s.run;
    const spawn = ctx.spawnWorker ?? ((): SimWorker => inProcessSimWorker());
    const current = startSimJob(
      spawn,
      { type: 'run', run: copyRun(run), target: { ...s.clock }, keep: 'light', archive: false },
      (p) => {
        const c = get().compare;
        if (job !== current || !c || get().run !== mainRun) return;
        appendHistory(c.history, p.records);
        set({ compare: { ...c, progress: { done: p.done, total: p.total } } });
      },
    );
    job = current;
    current.done.then(
      (result) => {
        const c = get().compare;
        if (job !== current || !c || get().run !== mainRun) return;
        job = null;
        // Progress messages carried the earlier records; the rest come with the outcome.
        const known = c.history.reduce((n, d) => n + d.length, 0) - absoluteStep(run);
        appendHistory(c.history, result.records.slice(known));
        set({
          compare: { ...c, run: result.run, days: result.run.days, progress: null, error: null },
        });
      },
      (err: unknown) => {
        if (job !== current) return;
        job = null;
        const c = get().compare;
        if (err instanceof SimCancelled || !c) return;
        set({ compare: { ...c, progress: null, error: (err as Error).message } });
      },
    );
  };

  return {
    compareWith(assistantId) {
      job?.cancel();
      job = null;
      if (assistantId === null) {
        set({ compare: null });
        return;
      }
      const s = get();
      const entry = assistantEntry(assistantId);
      if (entry.needsModel) {
        set({ error: `${entry.label} needs a model: compare with a built-in assistant` });
        return;
      }
      // The persona the run started with: its first checkpoint's (a persona change comes later).
      const persona = s.archive.checkpoints[0]?.run.persona ?? s.run.persona;
      const agents = buildAgents(builtinLineUp(assistantId));
      const run = createRun(persona, agents, { ...s.run.config });
      set({
        compare: {
          assistantId,
          label: entry.label,
          history: [],
          days: [],
          run,
          progress: { done: 0, total: 0 },
          error: null,
        },
        error: null,
      });
      runTo(run);
    },
    extendCompare() {
      const c = get().compare;
      if (!c || !compareBehind(c, get().clock)) return;
      set({ compare: { ...c, progress: { done: 0, total: 0 } } });
      runTo(c.run);
    },
  };
}
