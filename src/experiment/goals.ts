/**
 * The goal checks of the experiment, for one "focus" assistant (propera)
 * against a reference upper bound (oracle) and the other baselines.
 */
import type { AssistantResult, AveragedDay, Goals } from './types';

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Memory ablations of the focus assistant are compared, but apart from the baselines. */
export const isAblation = (id: string): boolean => id.startsWith('mem-');

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
      deliveredToAsked: { median: null, personas: 0, note: why },
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
    const gap = refLast - first.meanScore;
    gapClosed = {
      value: gap > 0 ? round((last.meanScore - first.meanScore) / gap) : null,
      firstDay: first.meanScore,
      lastDay: last.meanScore,
      referenceLastDay: refLast,
      note:
        gap > 0
          ? `(last − first) / (${ref.id} last − first) = (${last.meanScore} − ${first.meanScore}) / (${refLast} − ${first.meanScore})`
          : `${ref.id} does not score above ${f.id}'s day 1, so there is no gap to close`,
    };
  }

  // Beats the baselines on the comparison days.
  const compare = (id: string) => {
    const other = assistants[id] as AssistantResult;
    let won = 0;
    let margin = 0;
    for (const d of window) {
      const a = (f.days[d - 1] as AveragedDay).meanScore;
      const b = (other.days[d - 1] as AveragedDay).meanScore;
      if (a > b) won++;
      margin += a - b;
    }
    return {
      assistant: id,
      daysWon: won,
      of: window.length,
      meanMargin: round(margin / window.length),
    };
  };
  const others = order.filter((id) => id !== f.id && id !== reference);
  const comparisons = others.filter((id) => !isAblation(id)).map(compare);
  const ablations = others.filter(isAblation).map(compare);
  const beatsBaselines: Goals['beatsBaselines'] = {
    days: window,
    pass: comparisons.length ? comparisons.every((c) => c.daysWon === c.of) : null,
    comparisons,
    ablations,
    note: comparisons.length
      ? `${f.id}'s mean score above every baseline's on each of ${windowText}` +
        (reference ? ` (${reference} is the upper bound, not a baseline)` : '') +
        (ablations.length ? '; memory ablations are listed apart' : '')
      : 'no baseline was run',
  };

  const recsDrop: Goals['recsDrop'] = {
    firstDay: first.recsPerWakingHour,
    lastDay: last.recsPerWakingHour,
    pass: f.days.length > 1 ? last.recsPerWakingHour < first.recsPerWakingHour : null,
    note:
      f.days.length > 1
        ? `recommendations per waking hour, day 1 → day ${last.day} (the reference: about 24 → 6)`
        : 'a one-day run has no drop to measure',
  };

  const ratios = f.personas.map((p) => p.deliveredToAsked);
  const med = medianOf(ratios);
  const deliveredToAsked: Goals['deliveredToAsked'] = {
    median: med === null ? null : round(med),
    personas: ratios.length,
    note: `day ${last.day}: suggestions per hour of the persona's open time ÷ the rate it asked for (1 = as asked)`,
  };

  return {
    focus: f.id,
    reference: ref ? ref.id : reference,
    gapClosed,
    beatsBaselines,
    recsDrop,
    deliveredToAsked,
  };
}
