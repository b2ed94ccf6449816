/**
 * Landing a jump the worker ran: its run is copied into the store's run in
 * place (everything that watches the run — persistence, the panels — sees
 * the same run go on), its records published as one batch and journaled as
 * one `advance`, and its checkpoints and day plans kept in the archive with
 * their place in the journal.
 */
import type { RunState, StepRecord } from '../../core/sim';
import { isFinished } from '../../core/sim';
import { addCheckpoint, addDay } from '../archive';
import { targetStep, type JumpTarget } from '../jump';
import type { SimDone } from '../sim-worker/protocol';
import type { SimClock } from '../store';
import type { ActionContext } from './context';
import { END_EPSILON_MINUTES } from './playback';

/** On arrival the clock shows the target minute, inside the step that holds it. */
export function arrivalClock(
  run: Pick<RunState, 'config'>,
  last: StepRecord,
  target: JumpTarget,
  arrived: boolean,
): SimClock {
  const stepMinutes = run.config.stepSeconds / 60;
  let minute = last.minute;
  if (arrived && last.day === target.day && last.step === targetStep(run, target)) {
    minute = Math.min(
      Math.max(target.minute, last.minute),
      last.minute + stepMinutes - END_EPSILON_MINUTES,
    );
  }
  return { day: last.day, minute };
}

export function landJump(
  { get, set, stepper }: ActionContext,
  result: SimDone,
  target: JumpTarget,
): void {
  const s = get();
  const journalIndex = s.journal.length;
  const live = s.run as unknown as Record<string, unknown>;
  for (const key of Object.keys(live)) if (!(key in result.run)) delete live[key];
  Object.assign(s.run, result.run);
  for (const c of result.checkpoints)
    addCheckpoint(s.archive, {
      ...c,
      journal: { index: journalIndex, skip: c.at - result.startAt },
    });
  for (const d of result.days) addDay(s.archive, d);
  const ending = {
    jump: null,
    jumpProgress: null,
    ...(isFinished(s.run) ? { finished: true } : {}),
  };
  const last = result.records[result.records.length - 1];
  if (!last) {
    set(ending);
    return;
  }
  stepper.commit(result.records, ending, arrivalClock(s.run, last, target, true));
}
