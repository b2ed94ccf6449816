/**
 * Playback: play, pause, one step, speed, and advancing the clock by the
 * real time of a frame (the playback driver calls `advance`).
 */
import { isFinished, type StepRecord } from '../../core/sim';
import { MINUTES_PER_DAY } from '../../core/time';
import { momentAt, type Action, type Schedule } from '../../core/schedule';
import { clockMinutes, fromMinutes, shownMoment } from '../moment';
import { simSecondsPerRealSecond, WALK_WATCH_SPEED, type Speed } from '../speed';
import { MAX_STEPS_PER_FRAME } from '../stepper';
import type { ActionContext } from './context';

/** A long frame (tab switch, breakpoint) counts as at most this much real time. */
const MAX_FRAME_SECONDS = 0.1;
/** The clock never reaches the end of the last step of a finished run (it would read 00:00). */
export const END_EPSILON_MINUTES = 1e-6;

export interface PlaybackActions {
  play(): void;
  pause(): void;
  togglePlay(): void;
  /** Pause and run exactly one step (the clock jumps to its start). */
  step(): void;
  setSpeed(speed: Speed): void;
  setFastSleep(on: boolean): void;
  /** Slow the clock to WALK_WATCH_SPEED while the persona walks from room to room. */
  setWatchWalks(on: boolean): void;
  /** Advance the clock by `realSeconds` of real time at the current speed (the driver calls this). */
  advance(realSeconds: number): void;
}

export function playbackActions({ get, set, stepper }: ActionContext): PlaybackActions {
  const actions: PlaybackActions = {
    play() {
      const s = get();
      if (s.playback.playing || s.jump || (s.finished && !s.travel)) return;
      set({ playback: { ...s.playback, playing: true }, error: null });
    },
    pause() {
      const s = get();
      if (!s.playback.playing) return;
      set({ playback: { ...s.playback, playing: false } });
    },
    togglePlay() {
      if (get().playback.playing) actions.pause();
      else actions.play();
    },
    setSpeed(speed) {
      const s = get();
      if (s.playback.speed !== speed) set({ playback: { ...s.playback, speed } });
    },
    setFastSleep(on) {
      const s = get();
      if (s.playback.fastSleep !== on) set({ playback: { ...s.playback, fastSleep: on } });
    },
    setWatchWalks(on) {
      const s = get();
      if (s.playback.watchWalks !== on) set({ playback: { ...s.playback, watchWalks: on } });
    },
    step() {
      const s = get();
      const playback = { ...s.playback, playing: false };
      if (s.finished || isFinished(s.run)) {
        set({ playback, finished: true });
        return;
      }
      if (stepper.answersLater(s)) {
        set({ playback });
        stepper.stepLater();
        return;
      }
      // A step still in flight (the line-up just changed) or a jump finishes first.
      if (s.busy || s.jump) return;
      if (s.travel) set({ travel: null });
      let rec: StepRecord | undefined;
      try {
        rec = stepper.stepNow(s);
      } catch (err) {
        set({ playback, error: `the step failed: ${(err as Error).message}` });
        return;
      }
      if (rec) stepper.commit([rec], { playback });
    },
    advance(realSeconds) {
      const s = get();
      if (!s.playback.playing) return;
      if (s.travel) {
        replayPast(realSeconds);
        return;
      }
      if (s.finished) return;
      if (stepper.answersLater(s)) {
        // One step at a time, each as soon as the previous one is answered.
        stepper.newFrame();
        if (!s.busy) stepper.stepLater();
        return;
      }
      if (s.busy || !s.latest) return;
      const dt = Math.min(Math.max(realSeconds, 0), MAX_FRAME_SECONDS);
      const stepMinutes = s.run.config.stepSeconds / 60;
      let current = s.latest;
      // The clock, in minutes since the start of `current.day`.
      const sleeping = s.playback.fastSleep && s.latest.decision === 'asleep';
      let minute = playMinutes(
        s.run.schedule,
        s.clock.minute,
        dt,
        sleeping ? 'turbo' : s.playback.speed,
        s.playback.watchWalks,
      );
      const records: StepRecord[] = [];
      let finished = false;
      let failure: string | null = null;
      while (minute >= current.minute + stepMinutes) {
        if (isFinished(s.run)) {
          finished = true;
          minute = current.minute + stepMinutes - END_EPSILON_MINUTES;
          break;
        }
        if (records.length >= MAX_STEPS_PER_FRAME) {
          // Drop the debt rather than pile it up: the next frame starts from here.
          minute = current.minute + stepMinutes - END_EPSILON_MINUTES;
          break;
        }
        let rec: StepRecord | undefined;
        try {
          rec = stepper.stepNow(s);
        } catch (err) {
          // An agent failed (or answered asynchronously): stop here and say why.
          failure = `the step failed: ${(err as Error).message}`;
          minute = current.minute + stepMinutes - END_EPSILON_MINUTES;
          break;
        }
        if (!rec) break;
        if (rec.day !== current.day) minute -= MINUTES_PER_DAY * (rec.day - current.day);
        records.push(rec);
        current = rec;
      }
      const stop = finished || failure !== null;
      const ending = {
        ...(stop ? { playback: { ...s.playback, playing: false } } : {}),
        ...(finished ? { finished } : {}),
        ...(failure !== null ? { error: failure } : {}),
      };
      const clock = { day: current.day, minute };
      if (records.length === 0) set({ clock, ...ending });
      else stepper.commit(records, ending, clock);
    },
  };

  /** Playing while travelling: the past replays at the speed chosen until it meets the present. */
  function replayPast(realSeconds: number): void {
    const s = get();
    const t = s.travel;
    if (!t) return;
    const dt = Math.min(Math.max(realSeconds, 0), MAX_FRAME_SECONDS);
    const m = shownMoment(s);
    const sleeping = s.playback.fastSleep && m.latest?.decision === 'asleep';
    const speed = sleeping ? 'turbo' : s.playback.speed;
    const minute = playMinutes(m.schedule, t.minute, dt, speed, s.playback.watchWalks);
    const next = clockMinutes({ day: t.day, minute });
    if (next >= clockMinutes(s.clock)) set({ travel: null });
    else set({ travel: fromMinutes(next) });
  }
  return actions;
}

/**
 * Where the clock gets in `dt` real seconds at `speed`: with "watch walks",
 * a walk plays at WALK_WATCH_SPEED (turbo aside), and a frame that would run
 * past the start of the next walk stops there, so no walk is skipped.
 */
export function playMinutes(
  schedule: Schedule,
  minute: number,
  dt: number,
  speed: Speed,
  watchWalks: boolean,
): number {
  const plain = minute + (dt * simSecondsPerRealSecond(speed)) / 60;
  if (!watchWalks || speed === 'turbo' || speed <= WALK_WATCH_SPEED || schedule.length === 0)
    return plain;
  const now = momentAt(schedule, Math.min(minute, MINUTES_PER_DAY - 1e-6));
  if (now.walking) return minute + (dt * WALK_WATCH_SPEED) / 60;
  // The first walk that starts before the clock would get there.
  for (let i = now.index + 1; i < schedule.length; i++) {
    const a = schedule[i] as Action;
    if (a.start > plain) break;
    if (a.walkSeconds > 0) return Math.max(minute, a.start);
  }
  return plain;
}
