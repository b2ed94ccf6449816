/**
 * Times of day in rubric and lifestyle prose. chrono-node reads clock times
 * and ranges ("around 7am", "from 2 to 4 pm", "9:30pm", "noon"); our own
 * table reads the named parts of a day, which depend on the persona's
 * routine ("the hour before bed", "after lunch", "late morning"), and the
 * cue words that turn a time into a bound ("after 8pm", "no later than 9").
 * chrono is given a fixed reference date, so the result depends on the words
 * alone (the core reads no clock).
 */
import * as chrono from 'chrono-node';
import { formatHhmm } from '../time';

/** [from, to) in minutes since 00:00 of the waking day; may run past 1440. */
export type Interval = [number, number];

/** A fixed date for chrono: only clock components are read, never the date. */
// A constant instant, not a clock read: the core's "no new Date()" rule guards against reading the time.
// eslint-disable-next-line no-restricted-syntax
const REFERENCE_DATE = new Date(2024, 0, 1, 0, 0, 0);

export interface Day {
  /** Wake time, minutes. */
  W: number;
  /** Bedtime, minutes, past 1440 when after midnight. */
  S: number;
  B: number;
  L: number;
  D: number;
  workEnd: number;
}

export const hhmm = (m: number): string => formatHhmm(((Math.round(m) % 1440) + 1440) % 1440);
export const showIntervals = (list: readonly Interval[]): string =>
  list.map(([a, b]) => `${hhmm(a)}–${hhmm(b)}`).join(', ');

export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = list.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function intersect(list: readonly Interval[], [lo, hi]: Interval): Interval[] {
  return mergeIntervals(list.map(([a, b]) => [Math.max(a, lo), Math.min(b, hi)] as Interval));
}

export function subtract(list: readonly Interval[], [lo, hi]: Interval): Interval[] {
  const out: Interval[] = [];
  for (const [a, b] of list) {
    if (hi <= a || lo >= b) out.push([a, b]);
    else {
      if (lo > a) out.push([a, lo]);
      if (hi < b) out.push([hi, b]);
    }
  }
  return mergeIntervals(out);
}

/** A clock time found in text: where it is and its minutes since 00:00. */
export interface ClockHit {
  index: number;
  end: number;
  text: string;
  at: number;
  /** The end of a range ("from 2 to 4 pm"). */
  until: number | null;
  /** True when am/pm (or noon/midnight) was stated. */
  certain: boolean;
}

/** Reading of an hour with no am/pm: `day` takes 1–6 as afternoon, `night` (bedtimes) 6–11 as evening. */
function guessMeridiem(h: number, min: number, hint: 'day' | 'night' | 'morning'): number {
  if (h > 12) return h * 60 + min;
  if (hint === 'morning') return (h === 12 ? 12 : h) * 60 + min;
  if (hint === 'night') {
    if (h === 12) return min;
    return (h >= 6 ? h + 12 : h) * 60 + min;
  }
  return (h >= 1 && h <= 6 ? h + 12 : h) * 60 + min;
}

const CLOCK_TAIL = /(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?|noon|midday|midnight)\s*$/;
const BARE_TIME =
  /\b(?:after|past|from|since|before|until|till|by|at|around|about|between|and|to)\s+(\d{1,2}(?:[:.]\d{2})?)(?![\d:.]|\s*(?:am|pm|hours?|hrs?|minutes?|mins?|times?|suggestions?|per\b|a day|or so|x\b|%|-|to \d))/g;

/** Clock times in normalised text: chrono's readings, plus bare hours after a cue ("after 7"). */
export function clockTimes(text: string, hint: 'day' | 'night' | 'morning' = 'day'): ClockHit[] {
  const hits: ClockHit[] = [];
  for (const r of chrono.en.casual.parse(text, REFERENCE_DATE)) {
    const tags = [...r.start.tags()];
    const casual = tags.some((t) => t.startsWith('casualReference/'));
    const noonish = /\b(?:noon|midday|midnight)\b/.test(r.text);
    if (!tags.includes('parser/ENTimeExpressionParser') && !noonish) continue;
    if (casual && !noonish && !r.start.isCertain('hour')) continue;
    // Keep only the clock part of results like "evening after 8pm".
    const tail = CLOCK_TAIL.exec(r.text);
    const rangeStart = r.end ? /\d{1,2}(?:[:.]\d{2})?/.exec(r.text) : null;
    const offset = r.end && rangeStart ? rangeStart.index : tail ? tail.index : 0;
    const certain = r.start.isCertain('meridiem') || noonish;
    const h = r.start.get('hour') ?? 0;
    const m = r.start.get('minute') ?? 0;
    const endCertain = r.end?.isCertain('meridiem') ?? false;
    let at = certain ? h * 60 + m : guessMeridiem(h, m, hint);
    let until: number | null = null;
    if (r.end) {
      const eh = r.end.get('hour') ?? 0;
      const em = r.end.get('minute') ?? 0;
      until = endCertain ? eh * 60 + em : guessMeridiem(eh, em, hint);
      // "9-11am": the start takes the end's am/pm when that keeps it before the end.
      if (!certain && endCertain && h <= 12) {
        const same = (h % 12) * 60 + m + (eh >= 12 ? 720 : 0);
        if (same < until) at = same;
      }
    }
    hits.push({
      index: r.index + offset,
      end: r.index + r.text.length,
      text: r.text.slice(offset),
      at,
      until,
      certain: certain || endCertain,
    });
  }
  for (const m of text.matchAll(BARE_TIME)) {
    const tok = m[1] as string;
    const index = (m.index ?? 0) + m[0].length - tok.length;
    if (hits.some((h) => index >= h.index && index < h.end)) continue;
    const [hs, ms] = tok.split(/[:.]/);
    const h = Number(hs);
    const min = ms ? Number(ms) : 0;
    if (h > 23 || min > 59) continue;
    hits.push({
      index,
      end: index + tok.length,
      text: tok,
      at: guessMeridiem(h, min, hint),
      until: null,
      certain: false,
    });
  }
  return hits.sort((a, b) => a.index - b.index);
}

/** Named parts of the day, most specific first (our own table: they depend on the routine). */
export const PERIODS: [RegExp, string, (d: Day) => Interval][] = [
  [
    /\b(?:the )?(?:last )?(?:hour|half hour|hour or so|little while) before (?:bed|bedtime|sleep|i go to bed|going to bed)\b|\b(?:right |just )?before (?:bed|bedtime|sleep|sleeping|going to bed|i go to bed|turning in|lights out|i sleep)\b|\b(?:at |around )?bedtime\b|\bas i (?:get ready for|head to) bed\b|\bpreparing (?:for bed|to sleep)\b/,
    'the hour before bed',
    (d) => [d.S - 60, d.S],
  ],
  [
    /\bearly (?:in the )?mornings?\b|\bfirst thing\b|\bright after (?:i )?wak(?:e|ing)(?: up)?\b|\bwhen i (?:first )?wake(?: up)?\b/,
    'early morning',
    (d) => [d.W, Math.max(d.W + 60, 540)],
  ],
  [/\bmid-?mornings?\b/, 'mid-morning', () => [570, 690]],
  [/\blate (?:in the )?mornings?\b/, 'late morning', () => [600, 720]],
  [/\bafter breakfast\b/, 'after breakfast', (d) => [d.B + 30, Math.max(d.B + 90, 720)]],
  [/\bmornings?\b|\ba\.?m\.? hours\b/, 'morning', (d) => [d.W, 720]],
  [/\bafter lunch\b/, 'after lunch', (d) => [d.L + 45, Math.max(d.L + 120, 1020)]],
  [
    /\b(?:around |at |during |over )?(?:my )?lunch ?(?:time|break|hour)?s?\b/,
    'lunch',
    (d) => [d.L, d.L + 60],
  ],
  [/\bmidday\b|\baround noon\b|\bnoon ?time\b/, 'midday', () => [690, 810]],
  [/\bearly (?:in the )?afternoons?\b/, 'early afternoon', () => [780, 900]],
  [/\bmid-?afternoons?\b/, 'mid-afternoon', () => [870, 990]],
  [/\blate (?:in the )?afternoons?\b/, 'late afternoon', () => [900, 1080]],
  [/\bafternoons?\b/, 'afternoon', () => [780, 1020]],
  [
    /\bafter (?:work|my workday|the workday|office hours|work hours|i finish work|i log off)\b|\bonce (?:i'm|i am) (?:done|finished) (?:with|for) (?:work|the day)\b/,
    'after work',
    (d) => [d.workEnd, d.workEnd + 180],
  ],
  [/\bafter (?:dinner|supper)\b/, 'after dinner', (d) => [d.D + 45, Math.min(d.S, d.D + 210)]],
  [/\bearly (?:in the )?evenings?\b/, 'early evening', () => [1020, 1140]],
  [
    /\blate (?:in the )?evenings?\b/,
    'late evening',
    (d) => [1200, Math.max(1260, Math.min(d.S, 1320))],
  ],
  [/\bevenings?\b|\btonight\b/, 'evening', () => [1080, 1260]],
  [/\b(?:at |late at )?night(?:s|time)?\b/, 'night', (d) => [1200, d.S]],
  [/\bduring the day\b|\bdaytime\b|\bworking hours\b/, 'daytime', (d) => [d.W, 1080]],
  [
    /\bany ?time\b|\ball day\b|\bwhole day\b|\bthroughout the day\b|\bat any (?:point|hour)\b/,
    'the whole waking day',
    (d) => [d.W, d.S],
  ],
];

export interface TimeFinding {
  spans: Interval[];
  lower: number | null;
  upper: number | null;
  /** True when a bound carried its own "not" ("not after 9", "no later than 9"): already read as a bound. */
  boundNegated: boolean;
  /** The words read, in order ("late morning", "7am", "after 8pm"). */
  found: string[];
  /** The text with the time words blanked out (for reading activities from the rest). */
  rest: string;
}

const LOWER_CUE =
  /\b(?:after|past|from|starting(?: at| from)?|since|no earlier than|not before|beginning(?: at)?|later than)\s*$/;
const UPPER_CUE =
  /\b(?:before|until|till|til|by|no later than|not after|up to|up until|earlier than)\s*$/;
const NOT_AFTER = /\b(?:not after|no later than|not later than)\s*$/;
const BETWEEN = /\bbetween\s*$/;

/** Clock times, bounds and named parts of the day in one clause (normalised text). */
export function timesIn(text: string, d: Day): TimeFinding {
  let rest = ` ${text} `;
  const spans: Interval[] = [];
  const found: string[] = [];
  let lower: number | null = null;
  let upper: number | null = null;
  let boundNegated = false;
  const toDay = (m: number): number => (m < d.W - 120 ? m + 1440 : m);
  const blank = (from: number, to: number): void => {
    rest = rest.slice(0, from) + ' '.repeat(to - from) + rest.slice(to);
  };
  const hits = clockTimes(rest);
  // "7 in the evening", "between 7 and 9 at night": a part of the day right after an
  // uncertain hour sets its am/pm.
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i] as ClockHit;
    const next = hits[i + 1];
    const paired =
      next !== undefined && /^\s*(?:and|to|-|until|till)\s*$/.test(rest.slice(h.end, next.index));
    const from = paired && next ? next.end : h.end;
    const after = rest.slice(from, from + 40);
    const pmM =
      /^\s*(?:o'clock\s*)?(?:in the (?:evening|afternoon)|at night|tonight|in the night)\b/.exec(
        after,
      );
    const amM = /^\s*(?:o'clock\s*)?in the morning\b/.exec(after);
    const pm = pmM !== null;
    const am = amM !== null;
    // The words only set am/pm: they are not a part of the day of their own.
    const used = pmM ?? amM;
    if (used) blank(from, from + used[0].length);
    for (const x of paired && next ? [h, next] : [h]) {
      if (x.certain) continue;
      const hour = Math.floor(x.at / 60) % 24;
      if (pm && hour < 12) x.at += 720;
      if (pm && x.until !== null && x.until < 720) x.until += 720;
      if (am && hour >= 12 && hour < 19) x.at -= 720;
      if (pm || am) x.certain = true;
    }
  }
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i] as ClockHit;
    const before = rest.slice(Math.max(0, h.index - 24), h.index);
    if (h.until !== null) {
      let s = toDay(h.at);
      let e = toDay(h.until);
      if (e <= s) e += s - e > 600 ? 1440 : 720;
      if (e - s > 16 * 60) s = e - 60;
      spans.push([s, e]);
      found.push(h.text);
      blank(Math.max(0, h.index - (/\bfrom\s*$/.test(before) ? 5 : 0)), h.end);
      continue;
    }
    const next = hits[i + 1];
    if (
      BETWEEN.test(before) &&
      next &&
      /^\s*(?:and|to|-)\s*$/.test(rest.slice(h.end, next.index))
    ) {
      // "between 9 and 11": the first takes the second's am/pm when it has one.
      let s = toDay(h.at);
      const e0 = toDay(next.at);
      if (!h.certain && next.certain && next.at >= 720 && h.at < 720 && h.at + 720 < next.at)
        s = h.at + 720;
      const e = e0 > s ? e0 : e0 + 720;
      spans.push([s, e]);
      found.push(`between ${h.text} and ${next.text}`);
      blank(h.index - 8, next.end);
      i++;
      continue;
    }
    const cueLen = (re: RegExp): number => re.exec(before)?.[0].length ?? 0;
    if (NOT_AFTER.test(before)) {
      upper = toDay(h.at);
      boundNegated = true;
      found.push(`no later than ${h.text}`);
      blank(h.index - cueLen(NOT_AFTER), h.end);
    } else if (LOWER_CUE.test(before)) {
      lower = toDay(h.at);
      if (/\b(?:not before|no earlier than)\s*$/.test(before)) boundNegated = true;
      found.push(`after ${h.text}`);
      blank(h.index - cueLen(LOWER_CUE), h.end);
    } else if (UPPER_CUE.test(before)) {
      upper = toDay(h.at);
      found.push(`before ${h.text}`);
      blank(h.index - cueLen(UPPER_CUE), h.end);
    } else if (h.certain || /[:.]/.test(h.text) || /\b(?:at|around|about)\s*$/.test(before)) {
      spans.push([toDay(h.at) - 30, toDay(h.at) + 30]);
      found.push(`around ${h.text}`);
      blank(h.index, h.end);
    }
  }
  for (const [re, name, make] of PERIODS) {
    const g = new RegExp(re.source, 'g');
    for (const m of [...rest.matchAll(g)]) {
      spans.push(make(d));
      found.push(name);
      blank(m.index ?? 0, (m.index ?? 0) + m[0].length);
    }
  }
  return { spans, lower, upper, boundNegated, found, rest: rest.trim() };
}

/** The first clock time after a cue in lifestyle text ("wakes up at 6:30"), in minutes. */
export function timeAfter(
  text: string,
  cue: RegExp,
  hint: 'day' | 'night' | 'morning',
): { at: number; words: string } | null {
  const g = new RegExp(cue.source, 'g');
  for (const m of text.matchAll(g)) {
    const start = (m.index ?? 0) + m[0].length;
    const window = text.slice(start, start + 28);
    const w = window.trim();
    const hit = clockTimes(` at ${w}`, hint).find((h) => h.index <= 12);
    if (hit) return { at: hit.at, words: `${m[0].trim()} ${w.slice(0, Math.max(0, hit.end - 4))}` };
  }
  return null;
}
