/**
 * The learning charts' data, from the run's daily summaries and the
 * assistant's training log: plain arrays (x = day) in the column form uPlot
 * draws. Pure, so it is unit-tested in Node.
 */
import type { DaySummary } from '../core/metrics';
import type { Persona } from '../core/persona';
import { MINUTES_PER_DAY } from '../core/time';
import { CRITERIA, type Criterion } from '../core/vocab';
import type { TrainingEntry } from '../state/selectors';
import { welcomeSpans } from './timeline-layout';

export type Columns = [number[], ...(number | null)[][]];

export function meanScoreColumns(days: readonly DaySummary[]): Columns {
  return [days.map((d) => d.day), days.map((d) => d.meanScore)];
}

/** Minutes of welcome time in a day. */
export function welcomeMinutesPerDay(persona: Persona): number {
  return Math.min(
    MINUTES_PER_DAY,
    welcomeSpans(persona).reduce((sum, s) => sum + (s.to - s.from), 0),
  );
}

/**
 * Suggestions per waking hour, with the rate the persona asked for spread
 * over the same waking hours: [min, max] per window of welcome time, times
 * the day's welcome time, divided by the day's waking hours.
 */
export function rateColumns(days: readonly DaySummary[], persona: Persona): Columns {
  const f = persona.rubric.frequency;
  const welcome = welcomeMinutesPerDay(persona);
  const asked = (n: number, d: DaySummary): number | null =>
    d.wakingHours > 0 ? (n * welcome) / f.windowMinutes / d.wakingHours : null;
  return [
    days.map((d) => d.day),
    days.map((d) => d.recsPerWakingHour),
    days.map((d) => asked(f.min, d)),
    days.map((d) => asked(f.max, d)),
  ];
}

/** Each criterion's pass rate per day (0–1), in CRITERIA order. */
export function passRateColumns(days: readonly DaySummary[]): Columns {
  return [
    days.map((d) => d.day),
    ...CRITERIA.map((c: Criterion) => days.map((d) => d.passRate[c])),
  ];
}

export const CONFUSION_PARTS = [
  { key: 'spokeWelcome', label: 'spoke, welcome', colour: '#2fa84f' },
  { key: 'spokeUnwelcome', label: 'spoke, unwelcome', colour: '#e5484d' },
  { key: 'silentMissed', label: 'silent, missed', colour: '#f08c2e' },
  { key: 'silentRight', label: 'silent, right', colour: '#6b6478' },
] as const;

/**
 * The confusion matrix per day, stacked: for each part the running total of
 * it and the parts before it (the columns uPlot draws as overlapping bars),
 * and the raw counts (for the legend).
 */
export function confusionColumns(days: readonly DaySummary[]): {
  stacked: Columns;
  raw: number[][];
} {
  const raw = CONFUSION_PARTS.map((p) => days.map((d) => d.confusion[p.key]));
  const stacked: (number | null)[][] = [];
  let running = days.map(() => 0);
  for (const part of raw) {
    running = running.map((v, i) => v + (part[i] as number));
    stacked.push(running);
  }
  return { stacked: [days.map((d) => d.day), ...stacked], raw };
}

export function lossColumns(log: readonly TrainingEntry[]): Columns {
  return [log.map((t) => t.day), log.map((t) => t.lossBefore), log.map((t) => t.lossAfter)];
}

/** A short reading of the curve so far: "day 1 → day 5: 1.92 → 3.10". */
export function trendText(
  days: readonly DaySummary[],
  pick: (d: DaySummary) => number | null,
): string {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return '';
  // A day with no scored step has no mean: "–", never 0.
  const show = (d: DaySummary): string => pick(d)?.toFixed(2) ?? '–';
  if (first === last) return `day ${first.day}: ${show(first)}`;
  return `day ${first.day} → day ${last.day}: ${show(first)} → ${show(last)}`;
}
