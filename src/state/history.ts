/**
 * Bookkeeping of the records a run produces: the per-day history the panels
 * read and the running counters the status line shows.
 */
import type { StepRecord } from '../core/sim';

export interface RunStats {
  /** Mean score of today's scored steps; null before the first waking step. */
  meanToday: number | null;
  scoredToday: number;
  recsToday: number;
  /** Recommendations delivered since the run started. */
  recsTotal: number;
  stepsTotal: number;
  /** Waking steps the judge could not score (a model's call failed or was unreadable), today and in all. */
  unjudgedToday: number;
  unjudgedTotal: number;
}

export const EMPTY_STATS: RunStats = {
  meanToday: null,
  scoredToday: 0,
  recsToday: 0,
  recsTotal: 0,
  stepsTotal: 0,
  unjudgedToday: 0,
  unjudgedTotal: 0,
};

/** Fold a batch of records into the stats (today's counters reset when a new day starts). */
export function foldStats(
  stats: RunStats,
  records: readonly StepRecord[],
  startDay: number,
): RunStats {
  let { scoredToday, recsToday, recsTotal, stepsTotal, unjudgedToday, unjudgedTotal } = stats;
  let sumToday = stats.meanToday === null ? 0 : stats.meanToday * stats.scoredToday;
  let day = startDay;
  for (const r of records) {
    if (r.day !== day) {
      day = r.day;
      scoredToday = 0;
      recsToday = 0;
      sumToday = 0;
      unjudgedToday = 0;
    }
    stepsTotal++;
    if (r.score !== null) {
      scoredToday++;
      sumToday += r.score;
    }
    if (r.unjudged) {
      unjudgedToday++;
      unjudgedTotal++;
    }
    if (r.decision === 'recommend') {
      recsToday++;
      recsTotal++;
    }
  }
  return {
    meanToday: scoredToday > 0 ? sumToday / scoredToday : null,
    scoredToday,
    recsToday,
    recsTotal,
    stepsTotal,
    unjudgedToday,
    unjudgedTotal,
  };
}

/** Add records to the per-day history in place; returns it. */
export function appendHistory(
  history: StepRecord[][],
  records: readonly StepRecord[],
): StepRecord[][] {
  for (const r of records) {
    while (history.length < r.day) history.push([]);
    (history[r.day - 1] as StepRecord[]).push(r);
  }
  return history;
}

export function lastRecommendation(records: readonly StepRecord[]): StepRecord | null {
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i] as StepRecord;
    if (r.decision === 'recommend') return r;
  }
  return null;
}

/**
 * Today's records after a batch: the batch is appended to `today`, or, when
 * the batch crosses into a new day, today restarts with that day's records.
 */
export function nextToday(
  today: readonly StepRecord[],
  todayDay: number,
  records: readonly StepRecord[],
): StepRecord[] {
  const last = records[records.length - 1];
  if (!last) return [...today];
  const firstNewDay = records.findIndex((r) => r.day !== todayDay);
  if (firstNewDay === -1) return [...today, ...records];
  return records.slice(firstNewDay).filter((r) => r.day === last.day);
}
