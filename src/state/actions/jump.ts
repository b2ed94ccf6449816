/**
 * Jumps: run forward to a day and minute at full speed. With a simulation
 * worker (the browser) the steps run off the main thread on a copy of the
 * run: the page shows the progress, can cancel (nothing changes), and takes
 * the result in one go when it comes back (src/state/actions/land.ts).
 * Without one (Node tests) the playback driver runs the steps here, a
 * frame's time budget at a time (`jumpChunk`). Time only runs forward: a
 * target in the past is refused, unless `restart` starts the run again with
 * the same persona, assistant and seed (the same seed replays the same days).
 */
import { isFinished, type StepRecord } from '../../core/sim';
import { copyRun } from '../../core/run-copy';
import { MINUTES_PER_DAY } from '../../core/time';
import { helperFor } from '../archive';
import { jumpArrived, jumpIsBehind, stepsToTarget, type JumpTarget } from '../jump';
import { waitingFor } from '../cast';
import { SimCancelled, startSimJob, type SimJob } from '../sim-worker/client';
import type { ActionContext } from './context';
import { arrivalClock, landJump } from './land';
import type { RunActions } from './run';

export interface JumpActions {
  jumpTo(target: JumpTarget, options?: { restart?: boolean }): void;
  /** Stop the jump: in a worker, nothing changes; in chunks, the run stays where it got to. */
  cancelJump(): void;
  /** Run steps of the jump until it arrives or `shouldYield()` says the frame is spent. */
  jumpChunk(shouldYield: () => boolean): void;
}

export function jumpActions(
  ctx: ActionContext,
  run: Pick<RunActions, 'newRun'>,
): JumpActions & { jobInFlight(): boolean } {
  const { get, set, stepper } = ctx;
  let job: SimJob | null = null;

  const startWorkerJump = (target: JumpTarget): void => {
    const spawn = ctx.spawnWorker;
    if (!spawn) return;
    const s = get();
    const started = s.run;
    const total = stepsToTarget(started, target);
    const current = startSimJob(
      spawn,
      {
        type: 'run',
        run: copyRun(started, helperFor(started.assistantId)),
        target,
        keep: 'full',
        archive: true,
      },
      (p) => {
        if (job !== current) return;
        if (get().run !== started) {
          // A new run replaced this one: the jump is of no use any more.
          job = null;
          current.cancel();
          return;
        }
        set({ jumpProgress: { done: p.done, total: p.total, day: p.day, minute: p.minute } });
      },
    );
    job = current;
    current.done.then(
      (result) => {
        if (job !== current) return;
        job = null;
        if (get().run !== started) return;
        landJump(ctx, result, target);
      },
      (err: unknown) => {
        if (job !== current) return;
        job = null;
        if (err instanceof SimCancelled || get().run !== started) return;
        // The worker could not run it (it failed to start, or broke): the driver runs the
        // jump here instead, a frame's budget at a time, and says why if a step fails.
        set({ jumpProgress: null });
      },
    );
    set({ jumpProgress: { done: 0, total, day: started.day, minute: get().clock.minute } });
  };

  return {
    jobInFlight: () => job !== null,
    jumpTo(target, options = {}) {
      let s = get();
      if (stepper.answersLater(s)) {
        set({
          error: `jumping runs many steps at once: it needs agents that answer at once, not ${waitingFor(s.lineup)}`,
        });
        return;
      }
      if (s.jump) return;
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
      set({
        jump: { day, minute },
        jumpProgress: null,
        travel: null,
        playback: { ...s.playback, playing: false },
        error: null,
      });
      startWorkerJump({ day, minute });
    },
    cancelJump() {
      if (job) {
        const j = job;
        job = null;
        j.cancel();
      }
      if (get().jump) set({ jump: null, jumpProgress: null });
    },
    jumpChunk(shouldYield) {
      if (job) return;
      const s = get();
      const target = s.jump;
      if (!target) return;
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
        ...(done ? { jump: null, jumpProgress: null } : {}),
        ...(failure !== null ? { error: failure } : {}),
        ...(isFinished(s.run) ? { finished: true } : {}),
      };
      const current = records[records.length - 1];
      if (!current) {
        set(ending);
        return;
      }
      stepper.commit(records, ending, arrivalClock(s.run, current, target, done));
    },
  };
}
