/**
 * The maths of the day timeline, apart from any canvas: which action bars a
 * day has (from its step records, or from today's plan for what is still to
 * come), where minutes fall in pixels, the welcome windows and quiet spans
 * behind the marks, the running count of suggestions the frequency rule
 * counts, hour ticks and hit-testing. Pure, so it is unit-tested in Node.
 */
import type { Persona } from '../core/persona';
import type { Action } from '../core/schedule';
import type { StepRecord } from '../core/sim';
import { MINUTES_PER_DAY, parseHhmm } from '../core/time';
import { ACTIVITY_GROUPS, type ActivityKind } from '../core/vocab';

export type ActivityGroup = keyof typeof ACTIVITY_GROUPS;

/** Bar colours by activity group; sleep is dark so the waking day stands out. */
export const GROUP_COLOURS: Record<ActivityGroup, string> = {
  rest: '#2b2540',
  morning: '#b891cf',
  bathroom: '#5fa8c8',
  meals: '#d9a441',
  kitchen: '#c9794f',
  focus: '#5e72c9',
  leisure: '#c45f97',
  body: '#3fae80',
  garden: '#6f9e3f',
  chores: '#8f7c5c',
  reflection: '#8d7cc6',
};

const GROUP_OF = new Map<ActivityKind, ActivityGroup>();
for (const [group, kinds] of Object.entries(ACTIVITY_GROUPS) as [
  ActivityGroup,
  readonly ActivityKind[],
][]) {
  for (const k of kinds) if (!GROUP_OF.has(k)) GROUP_OF.set(k, group);
}

/** The first group that lists the activity (dishes: kitchen; meditation: body). */
export function groupOf(kind: ActivityKind): ActivityGroup {
  return GROUP_OF.get(kind) ?? 'leisure';
}

export function groupColour(kind: ActivityKind): string {
  return GROUP_COLOURS[groupOf(kind)];
}

/** A bar on the timeline: one action, from `start` to `end` minutes. */
export interface Segment {
  start: number;
  end: number;
  actionIndex: number;
  label: string;
  kind: ActivityKind;
  /** From the plan, not yet lived (drawn faded). */
  planned: boolean;
}

/** Bars from a day's step records: consecutive steps of the same action make one bar. */
export function segmentsFromRecords(
  records: readonly StepRecord[],
  stepMinutes: number,
): Segment[] {
  const out: Segment[] = [];
  for (const r of records) {
    const last = out[out.length - 1];
    if (last && last.actionIndex === r.actionIndex && Math.abs(last.end - r.minute) < 1e-6) {
      last.end = r.minute + stepMinutes;
    } else {
      out.push({
        start: r.minute,
        end: r.minute + stepMinutes,
        actionIndex: r.actionIndex,
        label: r.action,
        kind: r.kind,
        planned: false,
      });
    }
  }
  return out;
}

/**
 * Bars for the day in progress: what was lived (from the records), then the
 * rest of today's plan from where the records stop.
 */
export function segmentsWithPlan(
  records: readonly StepRecord[],
  schedule: readonly Action[],
  stepMinutes: number,
): Segment[] {
  const lived = segmentsFromRecords(records, stepMinutes);
  const from = lived.length > 0 ? (lived[lived.length - 1] as Segment).end : 0;
  for (let i = 0; i < schedule.length; i++) {
    const a = schedule[i] as Action;
    if (a.end <= from) continue;
    lived.push({
      start: Math.max(a.start, from),
      end: a.end,
      actionIndex: i,
      label: a.label,
      kind: a.kind,
      planned: true,
    });
  }
  return lived;
}

export interface Span {
  from: number;
  to: number;
}

/**
 * Welcome windows as minute spans within one day ("22:00–06:00" becomes two
 * spans), moved by `shiftMinutes` (that day's shift: weekends, day-to-day
 * variation).
 */
export function welcomeSpans(persona: Persona, shiftMinutes = 0): Span[] {
  const out: Span[] = [];
  const wrap = (m: number): number => ((m % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  for (const w of persona.rubric.timing.welcomeWindows) {
    const from = wrap(parseHhmm(w.from) + shiftMinutes);
    const to = wrap(parseHhmm(w.to) + shiftMinutes);
    if (from < to) out.push({ from, to });
    else {
      out.push({ from, to: MINUTES_PER_DAY });
      if (to > 0) out.push({ from: 0, to });
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

/** The spans of the day during which the persona wants no suggestions at all. */
export function quietSpans(segments: readonly Segment[], persona: Persona): Span[] {
  const quiet = new Set<ActivityKind>(persona.rubric.timing.quietActivities);
  const out: Span[] = [];
  for (const s of segments) {
    if (!quiet.has(s.kind)) continue;
    const last = out[out.length - 1];
    if (last && Math.abs(last.to - s.start) < 1e-6) last.to = s.end;
    else out.push({ from: s.start, to: s.end });
  }
  return out;
}

/**
 * The count the frequency rule looks at: after each step, how many
 * suggestions were delivered in the trailing `windowMinutes` (today only).
 */
export function trailingCounts(
  records: readonly StepRecord[],
  windowMinutes: number,
): { minute: number; count: number }[] {
  const spoken: number[] = [];
  let first = 0;
  return records.map((r) => {
    if (r.decision === 'recommend') spoken.push(r.minute);
    while (first < spoken.length && (spoken[first] as number) <= r.minute - windowMinutes) first++;
    return { minute: r.minute, count: spoken.length - first };
  });
}

export function minuteToX(minute: number, width: number): number {
  return (minute / MINUTES_PER_DAY) * width;
}

export function xToMinute(x: number, width: number): number {
  return Math.max(0, Math.min(MINUTES_PER_DAY, (x / Math.max(1, width)) * MINUTES_PER_DAY));
}

/** Hours to label so labels stay ≥ `minGapPx` apart: every 1, 2, 3, 6 or 12 hours. */
export function hourTicks(width: number, minGapPx = 34): number[] {
  const perHour = width / 24;
  const every = [1, 2, 3, 6, 12].find((n) => n * perHour >= minGapPx) ?? 12;
  const out: number[] = [];
  for (let h = 0; h <= 24; h += every) out.push(h);
  return out;
}

/**
 * The step under `x`: a spoken step within `spokenPx` pixels wins (the marks
 * are tall and thin), then the scored step whose slot holds `x`, then the
 * nearest scored step within `scoredPx`. Asleep steps are never hit.
 */
export function hitTest(
  records: readonly StepRecord[],
  x: number,
  width: number,
  stepMinutes: number,
  spokenPx = 4,
  scoredPx = 3,
): StepRecord | null {
  const centre = (r: StepRecord): number => minuteToX(r.minute + stepMinutes / 2, width);
  let best: StepRecord | null = null;
  let bestDist = Infinity;
  for (const r of records) {
    if (r.decision !== 'recommend') continue;
    const d = Math.abs(centre(r) - x);
    if (d <= spokenPx && d < bestDist) {
      best = r;
      bestDist = d;
    }
  }
  if (best) return best;
  const minute = xToMinute(x, width);
  for (const r of records) {
    if (r.score === null) continue;
    const d = Math.abs(centre(r) - x);
    const inside = minute >= r.minute && minute < r.minute + stepMinutes;
    if ((inside || d <= scoredPx) && d < bestDist) {
      best = r;
      bestDist = d;
    }
  }
  return best;
}

/** The bar under a minute, if any. */
export function segmentAt(segments: readonly Segment[], minute: number): Segment | null {
  return segments.find((s) => minute >= s.start && minute < s.end) ?? null;
}

/** A label fits a bar when the text and a little padding do. */
export function labelFits(textWidth: number, barWidth: number, padPx = 6): boolean {
  return textWidth + padPx * 2 <= barWidth;
}

/** The speech-bubble palette's buckets, in words, for the legend. */
export const SCORE_BUCKETS: { label: string; score: number }[] = [
  { label: '0–1', score: 0 },
  { label: '2', score: 2 },
  { label: '3', score: 3 },
  { label: '4', score: 4 },
];
