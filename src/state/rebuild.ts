/**
 * Rebuilding the run as it stood at a past step, without touching the
 * store's run: a copy of the nearest checkpoint before it (src/state/archive.ts)
 * with the inputs the run was given since replayed on it — the store's
 * journal when the checkpoint has a position in it, else the built-in
 * agents (a reopened run's past, re-simulated). Runs are deterministic and
 * `propose` changes nothing, so the copy is the run as it was.
 *
 * "What if", the robot's memory at a past moment and the day-by-day policy
 * all start from here.
 */
import { replayAgents, type ModelKit } from '../agents/lineup';
import {
  conditionsFor,
  dispatch,
  isFinished,
  phase,
  planRng,
  type Agents,
  type RunInput,
  type RunState,
} from '../core/sim';
import { absoluteStep, copyRun } from '../core/run-copy';
import { checkpointBefore, helperFor, type RunArchive } from './archive';

export type RebuildSource = { run: RunState; archive: RunArchive; journal: readonly RunInput[] };

/** Why a rebuild could not reach a step, in words. */
export class RebuildError extends Error {}

/**
 * The run at absolute step `target`: planned and, when `begin`, begun —
 * `pending` holds what the agents saw and `judgeMemory` what the person
 * remembered, before anyone answered. Throws RebuildError when the archive
 * cannot reach it (a step not run yet, or before a reopened run's past was kept).
 */
export function rebuildAt(
  source: RebuildSource,
  target: number,
  options: { begin?: boolean; kit?: ModelKit | null } = {},
): { run: RunState; agents: Agents } {
  const live = absoluteStep(source.run);
  if (target > live || (target === live && source.run.pending))
    throw new RebuildError('that step has not run yet');
  const checkpoint = checkpointBefore(source.archive, target);
  if (!checkpoint)
    throw new RebuildError('the run before this point was not kept in this page (it was reopened)');
  const run = copyRun(checkpoint.run, helperFor(checkpoint.run.assistantId));
  const agents = replayAgents(run.assistantId, options.kit ?? null);
  if (checkpoint.journal === null) {
    if (target > checkpoint.at)
      dispatch(run, agents, { type: 'advance', steps: target - checkpoint.at });
  } else {
    replayJournal(run, agents, source.journal, checkpoint.journal, target);
  }
  if (absoluteStep(run) !== target || isFinished(run))
    throw new RebuildError('the recorded inputs do not reach that step');
  if (phase(run) === 'plan') {
    const schedule = agents.user.planDay(
      run.persona,
      run.day,
      planRng(run, run.day),
      conditionsFor(run, run.day),
    );
    if (schedule instanceof Promise) throw new RebuildError('the planner answered asynchronously');
    dispatch(run, agents, { type: 'start-day', schedule, source: agents.user.id });
  }
  if (options.begin !== false && phase(run) === 'begin')
    dispatch(run, agents, { type: 'begin-step' });
  return { run, agents };
}

/** Dispatch the journal's inputs from `from` until the run stands at `target`, ready to plan or begin it. */
function replayJournal(
  run: RunState,
  agents: Agents,
  journal: readonly RunInput[],
  from: { index: number; skip: number },
  target: number,
): void {
  let skip = from.skip;
  for (let i = from.index; i < journal.length; i++) {
    const input = journal[i] as RunInput;
    const at = absoluteStep(run);
    if (input.type === 'advance') {
      const steps = input.steps - skip;
      skip = 0;
      const n = Math.min(steps, target - at);
      if (n > 0) dispatch(run, agents, { type: 'advance', steps: n });
      if (absoluteStep(run) >= target) return;
      continue;
    }
    if (skip > 0) throw new RebuildError('the journal does not match the checkpoint');
    if (at === target && (input.type === 'complete-step' || input.type === 'begin-step')) {
      // A begun step at the target: begin it as recorded, and stop before its answers.
      if (input.type === 'begin-step') dispatch(run, agents, input);
      return;
    }
    if (at > target) return;
    dispatch(run, agents, input);
  }
}
