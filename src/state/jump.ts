/**
 * The arithmetic of a jump: which step a target time falls in, whether the
 * run has arrived there, and whether the target is already behind the clock
 * (time only runs forward). The store runs the steps; the driver gives it a
 * frame's time budget at a time.
 */
import type { RunState, StepRecord } from '../core/sim';
import { MINUTES_PER_DAY, stepsPerDay } from '../core/time';

/** Where a jump is going: a day of the run and a minute of that day. */
export interface JumpTarget {
  day: number;
  minute: number;
}

/** How far a jump has got: steps run of the steps to run, and where the run is. */
export interface JumpProgress {
  done: number;
  total: number;
  day: number;
  minute: number;
}

/** Steps from the run's position to the step after the one holding the target. */
export function stepsToTarget(
  run: Pick<RunState, 'config' | 'day' | 'step'>,
  target: JumpTarget,
): number {
  const perDay = stepsPerDay(run.config.stepSeconds);
  const end = Math.min(
    run.config.days * perDay,
    (target.day - 1) * perDay + targetStep(run, target) + 1,
  );
  return Math.max(0, end - ((run.day - 1) * perDay + run.step));
}

/** The step of the target day whose 2.5 minutes hold the target minute. */
export function targetStep(run: Pick<RunState, 'config'>, target: JumpTarget): number {
  const stepMinutes = run.config.stepSeconds / 60;
  return Math.min(stepsPerDay(run.config.stepSeconds) - 1, Math.floor(target.minute / stepMinutes));
}

/** True once the step holding the target has run (or the run is over). */
export function jumpArrived(
  run: Pick<RunState, 'config' | 'day' | 'step'>,
  target: JumpTarget,
): boolean {
  if (run.day > run.config.days) return true;
  return run.day > target.day || (run.day === target.day && run.step > targetStep(run, target));
}

/** True when the target is at or before the step the clock is in: a jump cannot go there. */
export function jumpIsBehind(
  s: { latest: StepRecord | null; run: Pick<RunState, 'config'> },
  target: JumpTarget,
): boolean {
  const stepMinutes = s.run.config.stepSeconds / 60;
  const at = s.latest ? s.latest.day * MINUTES_PER_DAY + s.latest.minute : 0;
  const to = target.day * MINUTES_PER_DAY + targetStep(s.run, target) * stepMinutes;
  return to <= at;
}
