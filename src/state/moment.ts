/**
 * The moment the view shows: now, or a past moment chosen on the time-travel
 * scrubber. For a past moment everything comes from what was kept — the
 * day's plan from the archive (or, for a day before a reopened run's past
 * was kept, rebuilt from its records), the step record the clock is in, the
 * latest suggestion before it that day, the day's counters up to it. Pure
 * reads of the store's state, cached per step.
 */
import type { Action, Schedule } from '../core/schedule';
import type { StepRecord } from '../core/sim';
import { MINUTES_PER_DAY, stepsPerDay } from '../core/time';
import { EMPTY_STATS, foldStats, type RunStats } from './history';
import type { GameState, SimClock } from './store';

export interface ShownMoment {
  day: number;
  minute: number;
  travelling: boolean;
  /** The day's plan ([] before the first). */
  schedule: Schedule;
  /** The record of the step the clock is in. */
  latest: StepRecord | null;
  /** The latest step of this day, at or before the moment, at which the assistant spoke. */
  lastSpoken: StepRecord | null;
  stats: RunStats;
}

type MomentSource = Pick<
  GameState,
  'run' | 'history' | 'archive' | 'clock' | 'travel' | 'latest' | 'lastSpoken' | 'stats' | 'version'
>;

/** Minutes since day 1 00:00 of a clock. */
export function clockMinutes(c: SimClock): number {
  return (c.day - 1) * MINUTES_PER_DAY + c.minute;
}

export function fromMinutes(total: number): SimClock {
  const day = Math.floor(total / MINUTES_PER_DAY) + 1;
  return { day, minute: total - (day - 1) * MINUTES_PER_DAY };
}

/** A day's plan rebuilt from its step records (walks approximated by their walking steps). */
export function scheduleFromRecords(records: readonly StepRecord[], stepMinutes: number): Action[] {
  const out: Action[] = [];
  for (const r of records) {
    const last = out[out.length - 1];
    if (last && last.label === r.action && last.object === r.object && last.kind === r.kind) {
      last.end = r.minute + stepMinutes;
      if (r.walking) last.walkSeconds += stepMinutes * 60;
      continue;
    }
    if (last) last.end = r.minute;
    out.push({
      start: r.minute,
      end: r.minute + stepMinutes,
      kind: r.kind,
      label: r.action,
      object: r.object,
      room: r.room,
      walkSeconds: r.walking ? stepMinutes * 60 : 0,
    });
  }
  const first = out[0];
  if (first) first.start = 0;
  const last = out[out.length - 1];
  if (last) last.end = MINUTES_PER_DAY;
  return out;
}

/** The plan of a day: kept in the archive, today's in the run, else rebuilt from the records. */
export function scheduleOf(
  s: Pick<GameState, 'run' | 'history' | 'archive'>,
  day: number,
): Schedule {
  const kept = s.archive.days[day - 1]?.schedule;
  if (kept) return kept;
  if (s.run.plannedDay === day) return s.run.schedule;
  return scheduleFromRecords(s.history[day - 1] ?? [], s.run.config.stepSeconds / 60);
}

let cache: { key: string; moment: Omit<ShownMoment, 'minute'> } | null = null;

export function shownMoment(s: MomentSource): ShownMoment {
  const t = s.travel;
  if (!t) {
    return {
      day: s.clock.day,
      minute: s.clock.minute,
      travelling: false,
      schedule: s.run.schedule,
      latest: s.latest,
      lastSpoken: s.lastSpoken,
      stats: s.stats,
    };
  }
  const stepMinutes = s.run.config.stepSeconds / 60;
  const step = Math.min(
    stepsPerDay(s.run.config.stepSeconds) - 1,
    Math.floor(t.minute / stepMinutes),
  );
  const key = `${s.version}:${t.day}:${step}`;
  if (cache?.key !== key) cache = { key, moment: pastMoment(s, t.day, step) };
  return { ...cache.moment, minute: t.minute };
}

function pastMoment(s: MomentSource, day: number, step: number): Omit<ShownMoment, 'minute'> {
  const records = s.history[day - 1] ?? [];
  const upTo = records.filter((r) => r.step <= step);
  let lastSpoken: StepRecord | null = null;
  for (let i = upTo.length - 1; i >= 0 && !lastSpoken; i--)
    if ((upTo[i] as StepRecord).decision === 'recommend') lastSpoken = upTo[i] as StepRecord;
  let before = 0;
  let stepsBefore = 0;
  for (let d = 0; d < day - 1; d++) {
    for (const r of s.history[d] ?? []) if (r.decision === 'recommend') before++;
    stepsBefore += s.history[d]?.length ?? 0;
  }
  const today = foldStats(EMPTY_STATS, upTo, day);
  return {
    day,
    travelling: true,
    schedule: scheduleOf(s, day),
    latest: upTo[upTo.length - 1] ?? null,
    lastSpoken,
    stats: {
      ...today,
      recsTotal: today.recsTotal + before,
      stepsTotal: today.stepsTotal + stepsBefore,
    },
  };
}
