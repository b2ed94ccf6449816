/**
 * Timing: welcome windows and quiet activities from the Timing paragraph.
 * Each clause is read with its role (text.ts): a purpose or a negated
 * condition never flips the main clause; it is kept as a note (these remarks
 * are what a receptivity model can use later). In a welcome clause, a named
 * moment ("while I have my breakfast") is a welcome moment: its usual time
 * becomes a window and it is never made quiet.
 */
import type { ActivityKind } from '../vocab';
import type { EvidenceLog } from './evidence';
import { activitiesIn, substantive, uniq } from './match';
import { clauses } from './text';
import {
  hhmm as hhmmOf,
  intersect,
  mergeIntervals,
  showIntervals,
  subtract,
  timesIn,
  type Day,
  type Interval,
} from './times';

const FROM = 'criteria.Timing';
const WINDOWS = 'rubric.timing.welcomeWindows';
const QUIET = 'rubric.timing.quietActivities';

/** When an activity named as a welcome moment usually happens in the routine. */
function momentSpan(a: ActivityKind, d: Day): Interval | null {
  switch (a) {
    case 'breakfast':
      return [d.B, d.B + 45];
    case 'lunch':
      return [d.L, d.L + 60];
    case 'dinner':
      return [d.D, d.D + 60];
    case 'coffee':
      return [d.W + 15, d.W + 90];
    case 'wake-up':
    case 'dress':
      return [d.W, d.W + 60];
    case 'cooking':
      return [d.D - 60, d.D];
    default:
      return null;
  }
}

export interface TimingResult {
  welcomeWindows: { from: string; to: string }[];
  quietActivities: ActivityKind[];
  /** Windows in minutes (for checks and for the frequency's occasions). */
  windows: Interval[];
}

export function deriveTiming(
  prose: string,
  d: Day,
  log: EvidenceLog,
  extraWelcome: { span: Interval; quote: string; from: string }[] = [],
): TimingResult {
  const welcome: Interval[] = [];
  const removals: Interval[] = [];
  const quiet: ActivityKind[] = [];
  const whole: Interval = [d.W, d.S];
  for (const c of clauses(prose)) {
    const times = timesIn(c.norm, d);
    const acts = activitiesIn(times.rest);
    const hasTime = times.spans.length > 0 || times.lower !== null || times.upper !== null;
    if (c.role === 'purpose') {
      log.note(
        'rubric.timing',
        FROM,
        c.text,
        `a purpose or reason: explains the sentence, does not change when${acts.length ? ` (mentions ${acts.join(', ')}: a hint for receptivity)` : ''}`,
      );
      continue;
    }
    if (c.role === 'condition' && c.ownNegation) {
      log.note(
        'rubric.timing',
        FROM,
        c.text,
        `a negated condition: narrows the sentence, does not flip it${acts.length ? `; receptivity: less welcome while engaged in ${acts.join(', ')}` : ''}`,
      );
      continue;
    }
    if (c.negative) {
      if (acts.length > 0) {
        quiet.push(...acts);
        log.derived(QUIET, acts.join(', '), FROM, c.text, 'never during these');
      }
      // "never before 8 am" removes time; named parts of the day only when no activity is
      // named ("my evening journaling" is about journaling, not the evening).
      const cut: Interval[] = [];
      // "never before 8 am" cuts the morning; "…, and not after 9 pm" (a bound with its own
      // "not", in a sentence of "nots") cuts the night.
      if (times.lower !== null)
        cut.push(times.boundNegated ? [d.W, times.lower] : [times.lower, d.S]);
      if (times.upper !== null)
        cut.push(times.boundNegated ? [times.upper, d.S] : [d.W, times.upper]);
      if (acts.length === 0) cut.push(...times.spans);
      if (cut.length > 0) {
        removals.push(...cut);
        log.derived(
          WINDOWS,
          `not ${showIntervals(mergeIntervals(cut))}`,
          FROM,
          c.text,
          'ruled out',
        );
      }
      if (acts.length === 0 && cut.length === 0 && substantive(c.norm)) {
        log.unmapped(QUIET, FROM, c.text, 'says "not" but names no activity or time we know');
      }
      continue;
    }
    // A welcome clause: times, bounded by "after"/"before", and named moments.
    let got: Interval[] = [];
    if (times.lower !== null || times.upper !== null) {
      const lo = times.lower ?? d.W;
      const hi = times.upper ?? d.S;
      const overlaps = times.spans.filter(([a, b]) => a < hi && b > lo);
      const apart = times.spans.filter(([a, b]) => !(a < hi && b > lo));
      for (const [a, b] of overlaps) {
        const start = Math.max(a, lo);
        // "in the evening after 8pm": from 8pm, for at least two hours of the evening.
        const end = times.upper !== null ? Math.min(b, hi) : Math.max(b, Math.min(d.S, lo + 120));
        got.push([start, end]);
      }
      got.push(...apart);
      if (overlaps.length === 0) got.push([lo, hi]);
    } else got = [...times.spans];
    const moments: string[] = [];
    for (const a of acts) {
      const span = momentSpan(a, d);
      if (span) {
        got.push(span);
        moments.push(a);
      }
    }
    got = intersect(mergeIntervals(got), whole);
    if (got.length > 0) {
      welcome.push(...got);
      log.derived(
        WINDOWS,
        showIntervals(got),
        FROM,
        c.text,
        [
          times.found.length ? `read ${times.found.map((f) => `"${f}"`).join(', ')}` : '',
          moments.length
            ? `welcome moment${moments.length > 1 ? 's' : ''}: ${moments.join(', ')} (their usual time)`
            : '',
        ]
          .filter(Boolean)
          .join('; '),
      );
    }
    const loose = acts.filter((a) => !moments.includes(a));
    if (loose.length > 0) {
      log.note(
        'rubric.timing',
        FROM,
        c.text,
        `welcome during ${loose.join(', ')}: no fixed time of day, so no window of its own${hasTime ? ' (the times in the clause are used)' : ''}`,
      );
    }
    if (got.length === 0 && loose.length === 0 && substantive(c.norm)) {
      log.unmapped(WINDOWS, FROM, c.text, 'names no time or moment we can map');
    }
  }
  if (/\bweekends?\b|\bweekdays?\b|\bsaturdays?\b|\bsundays?\b/.test(prose.toLowerCase())) {
    log.note(
      'rubric.timing',
      FROM,
      null,
      'weekday/weekend differences are not modelled yet (every day is the same); for the receptivity block',
    );
  }
  // Times the Frequency paragraph names ("once every morning") are welcome times when the
  // Timing paragraph gives none; otherwise the Timing paragraph decides, and a named time
  // outside its windows is reported.
  const stated = mergeIntervals(welcome);
  for (const e of extraWelcome) {
    if (stated.length === 0) {
      welcome.push(e.span);
      log.derived(
        WINDOWS,
        showIntervals([e.span]),
        e.from,
        e.quote,
        'a time the Frequency paragraph asks for (the Timing paragraph names none)',
      );
    } else if (!stated.some(([a, b]) => e.span[0] < b && e.span[1] > a)) {
      log.note(
        WINDOWS,
        e.from,
        e.quote,
        `the Frequency paragraph asks for a suggestion at ${showIntervals([e.span])}, outside the Timing paragraph's welcome times; Timing decides`,
      );
    }
  }
  let windows: Interval[];
  if (welcome.length === 0) {
    windows = [whole];
    if (removals.length === 0) {
      log.defaulted(
        WINDOWS,
        showIntervals([whole]),
        FROM,
        'no welcome times found; the whole waking day',
      );
    } else {
      log.derived(
        WINDOWS,
        showIntervals([whole]),
        FROM,
        null,
        'no welcome times stated: the whole waking day minus the times ruled out',
      );
    }
  } else windows = mergeIntervals(welcome);
  for (const r of removals) windows = subtract(windows, r);
  windows = windows.filter(([a, b]) => b - a >= 5);
  if (windows.length === 0) {
    windows = [whole];
    log.defaulted(
      WINDOWS,
      showIntervals([whole]),
      FROM,
      'the times ruled out leave no welcome time; the whole waking day',
    );
  }
  if (quiet.length === 0)
    log.defaulted(QUIET, '(none)', FROM, 'no "never during …" activities found');
  return {
    welcomeWindows: windows.map(([a, b]) => ({ from: hhmmOf(a), to: hhmmOf(b) })),
    quietActivities: uniq(quiet),
    windows,
  };
}
