/**
 * The goal checks of the experiment, for one "focus" assistant (propera)
 * against a reference upper bound (oracle) and the other baselines.
 */
import type { AssistantResult, AveragedDay, Goals } from './types';

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Memory ablations of the focus assistant are compared, but apart from the baselines. */
export const isAblation = (id: string): boolean => id.startsWith('mem-');

/** The oracle family reads the rubric: yardsticks, not baselines to beat. */
export const isYardstick = (id: string): boolean => id === 'oracle' || id.startsWith('oracle-');

/** The band the median persona's delivered ÷ asked rate should fall in. */
export const DELIVERED_BAND: [number, number] = [0.67, 1.5];
/** The reference's lead over `never` that shows silence is not nearly free. */
export const SILENCE_COST_MIN = 0.4;
/** The lead over each split baseline that shows timing and content both matter. */
export const SPLIT_MIN = 0.25;

function meanOver(a: AssistantResult | undefined, days: readonly number[]): number | null {
  if (!a) return null;
  // A day with no scored step has no mean: it is left out, never counted as 0.
  const xs = days
    .map((d) => a.days[d - 1]?.meanScore)
    .filter((x): x is number => x !== undefined && x !== null);
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
}

/** Days 8–14 as in the reference; a shorter run uses its second half. */
export function comparisonDays(days: number): number[] {
  const from = days >= 8 ? 8 : Math.floor(days / 2) + 1;
  const to = Math.min(days, 14);
  const out: number[] = [];
  for (let d = from; d <= to; d++) out.push(d);
  return out;
}

function medianOf(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function computeGoals(
  assistants: Record<string, AssistantResult>,
  order: readonly string[],
  focus: string | null,
  reference: string | null,
  days: number,
): Goals {
  const f = focus ? assistants[focus] : undefined;
  const ref = reference ? assistants[reference] : undefined;
  const window = comparisonDays(days);
  const windowText =
    days >= 8
      ? `days ${window[0]}–${window[window.length - 1]}`
      : `days ${window[0]}–${days} (the run is shorter than 8 days: its second half)`;
  if (!f) {
    const why = focus
      ? `"${focus}" was not run`
      : 'no focus assistant (propera was not run; choose one with --focus)';
    return {
      focus,
      reference,
      gapClosed: { value: null, firstDay: null, lastDay: null, referenceLastDay: null, note: why },
      beatsBaselines: { days: window, pass: null, comparisons: [], ablations: [], note: why },
      recsDrop: { firstDay: null, lastDay: null, pass: null, note: why },
      deliveredToAsked: {
        median: null,
        band: DELIVERED_BAND,
        pass: null,
        personas: 0,
        underOnePerDay: 0,
        underOnePerDayIds: [],
        note: why,
      },
      beatsNeverPerPersona: { day: null, won: 0, of: 0, note: why },
      ...worldChecks(assistants, reference, window),
    };
  }
  const first = f.days[0] as AveragedDay;
  const last = f.days[f.days.length - 1] as AveragedDay;

  // Gap closed: how much of the distance from day 1 to the upper bound was covered.
  let gapClosed: Goals['gapClosed'];
  if (!ref) {
    gapClosed = {
      value: null,
      firstDay: first.meanScore,
      lastDay: last.meanScore,
      referenceLastDay: null,
      note: reference
        ? `the reference "${reference}" was not run`
        : 'no reference assistant (oracle was not run)',
    };
  } else {
    const refLast = (ref.days[ref.days.length - 1] as AveragedDay).meanScore;
    const a = first.meanScore;
    const b = last.meanScore;
    const gap = refLast !== null && a !== null ? refLast - a : null;
    gapClosed = {
      value: gap !== null && gap > 0 && b !== null && a !== null ? round((b - a) / gap) : null,
      firstDay: a,
      lastDay: b,
      referenceLastDay: refLast,
      note:
        gap === null || b === null
          ? 'a day with no scored step has no mean score, so there is no gap to measure'
          : gap > 0
            ? `(last − first) / (${ref.id} last − first) = (${b} − ${a}) / (${refLast} − ${a})`
            : `${ref.id} does not score above ${f.id}'s day 1, so there is no gap to close`,
    };
  }

  // Beats the baselines on the comparison days.
  const compare = (id: string) => {
    const other = assistants[id] as AssistantResult;
    let won = 0;
    let margin = 0;
    let of = 0;
    for (const d of window) {
      const a = (f.days[d - 1] as AveragedDay).meanScore;
      const b = (other.days[d - 1] as AveragedDay).meanScore;
      // Only days both have a score for are compared.
      if (a === null || b === null) continue;
      of++;
      if (a > b) won++;
      margin += a - b;
    }
    return {
      assistant: id,
      daysWon: won,
      of,
      meanMargin: of ? round(margin / of) : 0,
    };
  };
  const others = order.filter((id) => id !== f.id && !isYardstick(id));
  const comparisons = others.filter((id) => !isAblation(id)).map(compare);
  const ablations = others.filter(isAblation).map(compare);
  const beatsBaselines: Goals['beatsBaselines'] = {
    days: window,
    pass: comparisons.length
      ? comparisons.every((c) => c.of === window.length && c.daysWon === c.of)
      : null,
    comparisons,
    ablations,
    note: comparisons.length
      ? `${f.id}'s mean score above every baseline's on each of ${windowText}` +
        (order.some(isYardstick)
          ? ' (the oracle family reads the rubric: yardsticks, not baselines)'
          : '') +
        (ablations.length ? '; memory ablations are listed apart' : '')
      : 'no baseline was run',
  };

  const recsDrop: Goals['recsDrop'] = {
    firstDay: first.recsPerWakingHour,
    lastDay: last.recsPerWakingHour,
    pass: null,
    note:
      f.days.length > 1
        ? `recommendations per waking hour, day 1 → day ${last.day} (the reference: about 24 → 6); a drop alone is no goal`
        : 'a one-day run has no drop to measure',
  };

  const ratios = f.personas.map((p) => p.deliveredToAsked);
  const med = medianOf(ratios);
  const under = f.personas.filter((p) => (p.days[p.days.length - 1]?.recommendations ?? 0) < 1);
  const deliveredToAsked: Goals['deliveredToAsked'] = {
    median: med === null ? null : round(med),
    band: DELIVERED_BAND,
    pass: med === null ? null : med >= DELIVERED_BAND[0] && med <= DELIVERED_BAND[1],
    personas: ratios.length,
    underOnePerDay: under.length,
    underOnePerDayIds: under.map((p) => p.id),
    note: `day ${last.day}: suggestions per hour of the persona's open time ÷ the rate it asked for (1 = as asked); the median persona should be within ×${DELIVERED_BAND[0]}–${DELIVERED_BAND[1]}`,
  };

  const never = assistants['never'];
  let won = 0;
  if (never) {
    for (const p of f.personas) {
      const q = never.personas.find((x) => x.id === p.id);
      const a = p.lastDay.meanScore;
      const b = q?.lastDay.meanScore ?? null;
      if (a !== null && b !== null && a > b) won++;
    }
  }
  const beatsNeverPerPersona: Goals['beatsNeverPerPersona'] = never
    ? {
        day: last.day,
        won,
        of: f.personas.length,
        note: `personas where ${f.id} scores above never on day ${last.day}`,
      }
    : { day: null, won: 0, of: 0, note: 'never was not run' };

  return {
    focus: f.id,
    reference: ref ? ref.id : reference,
    gapClosed,
    beatsBaselines,
    recsDrop,
    deliveredToAsked,
    beatsNeverPerPersona,
    ...worldChecks(assistants, reference, window),
  };
}

/** Checks that the world makes timing matter: silence is costly, and both timing and content count. */
function worldChecks(
  assistants: Record<string, AssistantResult>,
  reference: string | null,
  window: readonly number[],
): Pick<Goals, 'silenceCost' | 'timingContent'> {
  const ref = reference ? assistants[reference] : undefined;
  const refMean = meanOver(ref, window);
  const neverMean = meanOver(assistants['never'], window);
  const anytime = meanOver(assistants['oracle-anytime'], window);
  const anything = meanOver(assistants['oracle-anything'], window);
  const days = `days ${window[0]}–${window[window.length - 1]}`;
  const silenceValue = refMean !== null && neverMean !== null ? round(refMean - neverMean) : null;
  const timing = refMean !== null && anytime !== null ? round(refMean - anytime) : null;
  const content = refMean !== null && anything !== null ? round(refMean - anything) : null;
  return {
    silenceCost: {
      value: silenceValue,
      pass: silenceValue === null ? null : silenceValue >= SILENCE_COST_MIN,
      threshold: SILENCE_COST_MIN,
      note:
        silenceValue === null
          ? `needs ${reference ?? 'oracle'} and never`
          : `${reference} − never, mean of ${days}`,
    },
    timingContent: {
      timing,
      content,
      threshold: SPLIT_MIN,
      pass:
        timing === null || content === null ? null : timing >= SPLIT_MIN && content >= SPLIT_MIN,
      note:
        timing === null && content === null
          ? 'needs oracle, oracle-anytime and oracle-anything'
          : `${reference} − oracle-anytime (timing random) and ${reference} − oracle-anything (content random), mean of ${days}`,
    },
  };
}
