/**
 * Frequency: the rate, occasions and spacing asked for. Three readings, in
 * this order, each removing the words it used:
 * 1. spacing ("at least three hours apart", "no closer than an hour") → minGapMinutes;
 * 2. occasions ("once every morning and once before bed", "then a third time
 *    in the evening") → a count a day, and the times they name (which become
 *    welcome windows too: asking for one each morning welcomes the morning);
 * 3. rates ("3–4 a day", "about twice every 2 to 3 hours", "no more than one an hour").
 */
import type { EvidenceLog } from './evidence';
import { hoursSpan, parseCount, parseDuration, type Count } from './numbers';
import { norm } from './text';
import { PERIODS, type Day, type Interval } from './times';

const FROM = 'criteria.Frequency';
const F = 'rubric.frequency';

export interface FrequencyResult {
  windowMinutes: number;
  min: number;
  max: number;
  minGapMinutes: number;
  /** Times named by occasions, for the welcome windows. */
  occasionTimes: { span: Interval; quote: string; from: string }[];
  /**
   * The words gave a count per day ("three a day", occasions): the schema's
   * window is of welcome time, so the caller sets `windowMinutes` to the
   * welcome minutes of a day once the welcome windows are known.
   */
  perDay: boolean;
}

const NUM = String.raw`(?:\d+|once|twice|thrice|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a single|single|an|a)`;
const COUNT = String.raw`(?:a couple(?: of)?|couple of|a few|a handful(?: of)?|several|${NUM}(?:\s*(?:-|to|or)\s*${NUM})?)`;
const NOUN = String.raw`(?:\s+(?:more\s+)?(?:times?|suggestions?|recommendations?|nudges?|tips?|ideas?|check-ins?|prompts?|messages?|reminders?|ones?|interactions?|pings?|notifications?))?`;
const HOURS = String.raw`(?:\d+(?:\.\d+)?(?:\s*(?:-|to|or)\s*\d+(?:\.\d+)?)?|(?:one|two|three|four|five|six)(?:\s*(?:-|to|or)\s*(?:two|three|four|five|six|seven|eight))?|a few|few|a couple of|couple of|several)`;
const QUAL = String.raw`(?:no more than|not more than|at most|up to|a maximum of|maximum of|max(?:imum)?|never more than|fewer than|less than|about|around|roughly|approximately|maybe|perhaps|~|at least|no fewer than|no less than|a minimum of|minimum of)`;
const DUR = String.raw`(?:(?:\d+(?:\.\d+)?|half an?|an?|one|two|three|four|five|six|ten|fifteen|twenty|thirty|forty-five|forty|fifty|sixty|ninety|a couple of|a few)[\s-]*(?:minutes?|mins?|hours?|hrs?)(?: and a half)?)`;

const GAP_RES = [
  new RegExp(
    String.raw`\b(?:spaced(?: out)?|spread(?: out)?|with)?\s*(?:at least|no less than|a minimum of|minimum of|no closer than|not closer than|never closer than|leave(?: at least)?|a gap of(?: at least)?|gaps? of(?: at least)?)\s+(${DUR})(?:\s+(?:apart|between(?: them| each(?: one)?| suggestions| recommendations)?|in between|of (?:space|quiet)|gap|break))?`,
  ),
  new RegExp(String.raw`\b(${DUR})\s+apart\b`),
  new RegExp(String.raw`\bspaced(?: out)? (?:by )?(${DUR})`),
];
const GAP_WORDS = /apart|between|gap|closer|leave|spaced|space|spread|break/;

const OCCASION =
  /\b(once|one|a single(?: one)?|twice|two times|another(?: one)?|one more|(?:a|the) (?:second|third|fourth|fifth)(?: time| one)?|(?:second|third|fourth) time)\b/g;

function occasionCount(word: string): number {
  return /twice|two/.test(word) ? 2 : 1;
}

export function deriveFrequency(prose: string, d: Day, log: EvidenceLog): FrequencyResult {
  let t = ` ${norm(prose)} `;
  const span = Math.max(30, Math.min(1440, Math.round(d.S - d.W)));
  const blank = (from: number, len: number): void => {
    t = t.slice(0, from) + ' '.repeat(len) + t.slice(from + len);
  };

  // 1. Spacing.
  let minGap: number | null = null;
  for (const re of GAP_RES) {
    const m = re.exec(t);
    if (!m || minGap !== null) continue;
    const g = parseDuration(m[1] as string);
    if (g === null || !GAP_WORDS.test(m[0])) continue;
    minGap = Math.round(g);
    log.derived(
      `${F}.minGapMinutes`,
      `${minGap} min`,
      FROM,
      m[0].trim(),
      'a stated minimum spacing',
    );
    blank(m.index, m[0].length);
  }

  // 2. Occasions tied to parts of the day.
  const occasions: { count: number; name: string; span: Interval; quote: string }[] = [];
  for (const m of [...t.matchAll(OCCASION)]) {
    const after = t.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 48);
    const lead =
      /^\s*(?:(?:a|per)\s+day\s+)?(?:more\s+)?(?:(?:suggestion|recommendation|nudge|tip|one)s?\s+)?(?:every|each|in|during|around|with|by|first thing in|later in|toward|towards|near)?\s*(?:the\s+|my\s+)?/.exec(
        after,
      );
    const rest = after.slice(lead?.[0].length ?? 0);
    let hit: { name: string; span: Interval; len: number } | null = null;
    const bedPrefix = /^(?:bed|bedtime|going to bed|sleep)/.test(rest) ? 'before ' : '';
    let best = Infinity;
    for (const [re, name, make] of PERIODS) {
      const p = new RegExp(re.source).exec(`${bedPrefix}${rest}`);
      if (p && p.index <= 14 && p.index < best) {
        best = p.index;
        const len = (lead?.[0].length ?? 0) + Math.max(0, p.index + p[0].length - bedPrefix.length);
        hit = { name, span: make(d), len };
      }
    }
    if (!hit) continue;
    const quote = `${m[0]}${after.slice(0, hit.len)}`.trim();
    occasions.push({ count: occasionCount(m[1] as string), name: hit.name, span: hit.span, quote });
  }

  // 3. Rates.
  interface Rate {
    text: string;
    count: Count;
    window: number;
    kind: 'day' | 'hours';
    qual: string;
  }
  const rates: Rate[] = [];
  const rateRe = new RegExp(
    String.raw`(?:\b(${QUAL})\s+)?\b(${COUNT})\b${NOUN}(\s+or so)?\s*,?\s*(?:(?:a|an|per|each|every|in an?|in each|within an?|over an?|across|throughout|during|in)\s+(?:the\s+)?(?:whole\s+|entire\s+|waking\s+)?(day|daytime|hour|(${HOURS})\s+hours?)\b|(daily|hourly)\b)`,
    'g',
  );
  for (const m of t.matchAll(rateRe)) {
    const count = parseCount(m[2] as string);
    if (!count) continue;
    const period = (m[4] ?? m[6]) as string;
    let window: number;
    let kind: Rate['kind'];
    if (period === 'day' || period === 'daytime' || period === 'daily') {
      window = span;
      kind = 'day';
    } else if (period === 'hour' || period === 'hourly') {
      window = 60;
      kind = 'hours';
    } else {
      const h = hoursSpan(m[5] as string);
      if (h === null) continue;
      window = h;
      kind = 'hours';
    }
    rates.push({
      text: m[0].trim(),
      count,
      window,
      kind,
      qual: `${m[1] ?? ''}${m[3] ? ' or so' : ''}`.trim(),
    });
  }
  if (rates.length === 0) {
    // "every 2 to 3 hours" with no count: one per that span.
    const every = new RegExp(String.raw`\bevery\s+(?:(${HOURS})\s+hours?|(hour))\b`).exec(t);
    if (every) {
      const window = every[2] ? 60 : hoursSpan(every[1] as string);
      if (window !== null)
        rates.push({
          text: every[0].trim(),
          count: { min: 1, max: 1, vague: false },
          window,
          kind: 'hours',
          qual: '',
        });
    }
  }

  let windowMinutes = 180;
  let min = 1;
  let max = 2;
  let read = false;
  let perDay = false;
  const occTotal = occasions.reduce((s, o) => s + o.count, 0);
  const dayRate = rates.find((r) => r.kind === 'day') ?? null;
  if (occasions.length > 0 && (!dayRate || dayRate.count.max === occTotal)) {
    windowMinutes = span;
    perDay = true;
    min = occTotal;
    max = occTotal;
    read = true;
    log.derived(
      F,
      `${occTotal} per ${span} min (the waking day)`,
      FROM,
      occasions.map((o) => o.quote).join(' … '),
      `occasions: ${occasions.map((o) => `${o.count} ${o.name}`).join(', ')}`,
    );
    const others = rates.filter((r) => r !== dayRate);
    if (others.length > 0)
      log.note(
        F,
        FROM,
        others.map((r) => r.text).join('; '),
        'also mentioned; the occasions are the rate used',
      );
  } else {
    const chosen = dayRate ?? rates[0] ?? null;
    if (chosen) {
      read = true;
      perDay = chosen.kind === 'day';
      windowMinutes = Math.max(30, Math.min(1440, chosen.window));
      const { count } = chosen;
      const q = chosen.qual.replace(/\s*or so$/, '');
      if (/no more than|not more than|at most|up to|maximum|max|never more than/.test(q)) {
        min = 0;
        max = count.max;
      } else if (/fewer than|less than/.test(q)) {
        min = 0;
        max = Math.max(1, count.max - 1);
      } else if (/at least|no fewer than|no less than|minimum/.test(q)) {
        min = count.min;
        max = count.max + 1;
        log.note(
          F,
          FROM,
          chosen.text,
          `only a lower bound is stated; at most ${max} per ${windowMinutes} min assumed`,
        );
      } else if (
        !count.vague &&
        count.min === count.max &&
        (q !== '' || /or so/.test(chosen.qual))
      ) {
        // "about twice" allows one fewer, never more.
        min = Math.max(1, count.max - 1);
        max = count.max;
      } else {
        min = count.min;
        max = count.max;
      }
      max = Math.max(1, max);
      log.derived(
        F,
        `${min === max ? max : `${min}–${max}`} per ${windowMinutes} min${chosen.kind === 'day' ? ' (the waking day)' : ''}`,
        FROM,
        chosen.text,
      );
      const others = rates.filter((r) => r !== chosen).map((r) => r.text);
      if (occasions.length > 0) others.push(...occasions.map((o) => o.quote));
      if (others.length > 0)
        log.note(F, FROM, others.join('; '), 'also mentioned; the rate above is the one used');
    } else {
      log.defaulted(F, '1–2 per 180 min', FROM, 'no rate or occasions found in the words');
    }
  }
  if (minGap === null) {
    minGap = Math.round(windowMinutes / max / 2);
    if (read)
      log.derived(
        `${F}.minGapMinutes`,
        `${minGap} min`,
        FROM,
        null,
        'no spacing stated: window ÷ max ÷ 2',
      );
    else
      log.defaulted(
        `${F}.minGapMinutes`,
        `${minGap} min`,
        FROM,
        'no spacing stated: window ÷ max ÷ 2',
      );
  }
  if (/\bweekends?\b|\bweekdays?\b/.test(t)) {
    log.note(
      F,
      FROM,
      null,
      'weekday/weekend differences are not modelled yet; for the receptivity block',
    );
  }
  return {
    windowMinutes,
    min,
    max,
    minGapMinutes: Math.min(720, minGap),
    occasionTimes: occasions.map((o) => ({ span: o.span, quote: o.quote, from: FROM })),
    perDay,
  };
}
