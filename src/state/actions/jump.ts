/**
 * Jumps: run forward to a day and minute at full speed, a frame's time
 * budget at a time (the driver calls `jumpChunk`). Time only runs forward:
 * a target in the past is refused, unless `restart` starts the run again
 * with the same persona, assistant and seed (the same seed replays the
 * same days).
 */
import { isFinished, type StepRecord } from '../../core/sim';
import { MINUTES_PER_DAY } from '../../core/time';
import { jumpArrived, jumpIsBehind, targetStep, type JumpTarget } from '../jump';
import { waitingFor } from '../cast';
import type { ActionContext } from './context';
import { END_EPSILON_MINUTES } from './playback';
import type { RunActions } from './run';

export interface JumpActions {
  jumpTo(target: JumpTarget, options?: { restart?: boolean }): void;
  cancelJump(): void;
  /** Run steps of the jump until it arrives or `shouldYield()` says the frame is spent. */
  jumpChunk(shouldYield: () => boolean): void;
}

export function jumpActions(
  { get, set, stepper }: ActionContext,
  run: Pick<RunActions, 'newRun'>,
): JumpActions {
  return {
    jumpTo(target, options = {}) {
      let s = get();
      if (stepper.answersLater(s)) {
        set({
          error: `jumping runs many steps at once: it needs agents that answer at once, not ${waitingFor(s.lineup)}`,
        });
        return;
      }
      const days = s.run.config.days;
      const day = Math.floor(target.day);
      const minute = Math.floor(target.minute);
      if (!(day >= 1 && day <= days) || !(minute >= 0 && minute < MINUTES_PER_DAY)) {
        set({ error: `jump to a day from 1 to ${days} and a time from 00:00 to 23:59` });
        return;
      }
      const behind = jumpIsBehind(s, { day, minute });
      if (behind && !options.restart) {
        set({ error: 'time only runs forward: start a new run to jump back' });
        return;
      }
      if (behind) {
        run.newRun(s.selection);
        s = get();
        if (s.error) return;
      }
      set({ jump: { day, minute }, playback: { ...s.playback, playing: false }, error: null });
    },
    cancelJump() {
      if (get().jump) set({ jump: null });
    },
    jumpChunk(shouldYield) {
      const s = get();
      const target = s.jump;
      if (!target) return;
      const stepMinutes = s.run.config.stepSeconds / 60;
      const arrived = (): boolean => jumpArrived(s.run, target);
      const records: StepRecord[] = [];
      let failure: string | null = null;
      while (!arrived()) {
        let rec: StepRecord | undefined;
        try {
          rec = stepper.stepNow(s);
        } catch (err) {
          failure = `the jump stopped: ${(err as Error).message}`;
          break;
        }
        if (!rec) break;
        records.push(rec);
        if (shouldYield()) break;
      }
      const done = failure !== null || arrived();
      const ending = {
        ...(done ? { jump: null } : {}),
        ...(failure !== null ? { error: failure } : {}),
        ...(isFinished(s.run) ? { finished: true } : {}),
      };
      const current = records[records.length - 1];
      if (!current) {
        set(ending);
        return;
      }
      // On arrival the clock shows the target minute, inside the step that holds it.
      let minute = current.minute;
      if (done && current.day === target.day && current.step === targetStep(s.run, target)) {
        minute = Math.min(
          Math.max(target.minute, current.minute),
          current.minute + stepMinutes - END_EPSILON_MINUTES,
        );
      }
      stepper.commit(records, ending, { day: current.day, minute });
    },
  };
}
