/**
 * Checks that a persona's rubric prose says what its structured rubric does,
 * and that its receptivity settings and weekend routine are stated in words
 * too (LLM judges and people read only the prose). The keyword maps list the
 * words and close synonyms a person would use for each topic, activity, tone
 * and level of engagement; they are for synonyms, not for making any text pass.
 */
import type { Persona } from '../../src/core/persona';
import {
  DEFAULT_ENGAGEMENT,
  resolveReceptivity,
  type Engagement,
} from '../../src/core/receptivity';
import { parseHhmm } from '../../src/core/time';
import type { ActivityKind, Tone, Topic } from '../../src/core/vocab';

export const TOPIC_WORDS: Record<Topic, RegExp> = {
  nutrition: /nutrition|nutritious|healthy eating|balanced (meal|diet)/i,
  recipes: /recipe/i,
  hydration: /hydrat|drink(ing)? (more )?water|glass of water/i,
  fitness: /fitness|workout|exercise/i,
  stretching: /stretch/i,
  sleep: /\bsleep|bedtime/i,
  mindfulness: /mindful|breathing exercise|meditat/i,
  productivity: /productiv|to-do list/i,
  focus: /\bfocus|concentrat/i,
  learning: /\blearn|lesson|course\b/i,
  books: /\bbooks?\b|novel|reading list/i,
  music: /music|\bsongs?\b|playlist|album|\brecords?\b/i,
  film: /\bfilms?\b|movie|cinema|series|documentar/i,
  decor: /decor|decorat|furnish/i,
  gardening: /garden/i,
  cleaning: /clean/i,
  finance: /financ|money|budget|invest/i,
  social: /social|friend|family|catch up|reach out|get in touch|get(ting)? (\w+ ){0,2}together/i,
  'self-care': /self-care|pamper|look(ing)? after myself|treat myself/i,
  creativity: /creativ|inspiration|prompt/i,
  news: /\bnews|headline|current (events|affairs)/i,
  tech: /\btech|gadget|software|\bapps?\b/i,
  games: /\bgames?\b|gaming|puzzle|chess/i,
  coffee: /coffee|espresso|\bblends?\b|\bbrew/i,
  hosting: /gathering|\bhost|part(y|ies)|guests/i,
  travel: /travel|\btrips?\b|holiday|vacation/i,
  style: /fashion|outfit|\bstyle\b|what to wear/i,
};

export const ACTIVITY_WORDS: Record<ActivityKind, RegExp> = {
  sleep: /\bsleep/i,
  nap: /\bnaps?\b|napping|doze/i,
  'wake-up': /wak(e|ing) up|first thing|get(ting)? up/i,
  toilet: /toilet/i,
  hygiene: /teeth|skincare|hygiene|bathroom routine/i,
  shower: /shower|\bbath\b/i,
  dress: /\bdress/i,
  coffee: /coffee|\btea\b|cuppa|espresso/i,
  cooking: /\bcook|\bbak(e|ing)\b|in the kitchen/i,
  breakfast: /breakfast/i,
  lunch: /\blunch/i,
  dinner: /dinner|supper/i,
  snack: /snack/i,
  dishes: /dishes|washing up/i,
  work: /\bwork(day|ing|s)?\b|working hours|office hours/i,
  study: /\bstud(y|ying|ies)\b|coursework|revision/i,
  reading: /\bread(ing)?\b/i,
  writing: /\bwrit(e|es|ing)\b|manuscript|drafting/i,
  tv: /\btv\b|television|telly/i,
  music: /music|piano|\brecords?\b|singing|playlist/i,
  exercise: /exercis|workout|training/i,
  yoga: /\byoga/i,
  meditation: /meditat/i,
  gardening: /garden|weeding|vegetable bed/i,
  'plant-care': /\bplants?\b|watering/i,
  cleaning: /\bclean|vacuum|\bmop|dusting/i,
  laundry: /laundry|ironing|washing machine/i,
  tidying: /\btidy|tidying|declutter/i,
  hobby: /hobb|craft|paint|sketch|knit|crochet|pottery|clay|puzzle|crossword|watercolou?r|drawing/i,
  games: /\bgam(e|es|ing)\b|chess|scrabble|dominoes|\bcards\b/i,
  call: /\bcalls?\b|phone|video chat/i,
  journaling: /journal/i,
  relax: /relax|unwind|wind(ing)? down|lounging|downtime/i,
};

export const TONE_WORDS: Record<Tone, RegExp> = {
  friendly: /friendly|\bwarm/i,
  calm: /\bcalm|gentle|soothing|\bsoft/i,
  concise: /concise|brief|\bshort\b|to the point/i,
  playful: /playful|\bjok(e|es|ing)\b|humou?r|cheeky|teasing/i,
  encouraging: /encourag|upbeat|cheer|motivat/i,
  formal: /formal|polite|professional|courteous/i,
};

const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
] as const;

/** A regex source matching a small whole number written as digits or as a word. */
export function numberSource(n: number): string {
  const word = NUMBER_WORDS[n];
  return word ? `(?:\\b${n}\\b|\\b${word}\\b)` : `\\b${n}\\b`;
}

/** A regex source for a duration: "45 minutes", "ten minutes", "three hours", "an hour", "12-hour". */
export function durationSource(minutes: number): string {
  const forms = [`${numberSource(minutes)}[ -]minutes?\\b`];
  if (minutes % 60 === 0) {
    const hours = minutes / 60;
    if (hours === 1) forms.push('\\b(?:an|one|1|every)[ -]hour\\b', '\\bhourly\\b');
    else forms.push(`${numberSource(hours)}[ -]hours?\\b`);
  }
  return `(?:${forms.join('|')})`;
}

export function mentionsDuration(text: string, minutes: number): boolean {
  return new RegExp(durationSource(minutes), 'i').test(text);
}

/** A regex source for a number of days: "seven days", "3 days", "a week", "two weeks", "a fortnight". */
export function daysSource(days: number): string {
  const forms = [`${numberSource(days)}[ -]days?\\b`];
  if (days === 1) forms.push('\\b(?:a|one)[ -]day\\b');
  if (days % 7 === 0) {
    const weeks = days / 7;
    if (weeks === 1) forms.push('\\b(?:a|one|1)[ -]week\\b');
    else forms.push(`${numberSource(weeks)}[ -]weeks?\\b`);
    if (weeks === 2) forms.push('\\bfortnight\\b');
  }
  return `(?:${forms.join('|')})`;
}

export function mentionsDays(text: string, days: number): boolean {
  return new RegExp(daysSource(days), 'i').test(text);
}

/** Does the text state the count range: "one or two", "2 to 3", "one suggestion", "none ... two"? */
export function mentionsCount(text: string, min: number, max: number): boolean {
  if (min === 0) {
    return (
      /\b(zero|none|0)\b/i.test(text) &&
      new RegExp(`(?:at most|up to|no more than)\\s+${numberSource(max)}`, 'i').test(text)
    );
  }
  if (min === max) return new RegExp(`${numberSource(max)}\\s+suggestions?\\b`, 'i').test(text);
  return new RegExp(`${numberSource(min)}\\s*(?:or|to|-|–)\\s*${numberSource(max)}`, 'i').test(
    text,
  );
}

const AM = '\\s?(?:am|a\\.m\\.)';
const PM = '\\s?(?:pm|p\\.m\\.)';

/**
 * The ways "HH:MM" can be written in prose: "07:00", "7:00", "7 am", "7:00 am",
 * "19:00", "7 pm", "noon", "midnight", "12:30 am".
 */
export function timeSource(hhmm: string): string {
  const total = parseHhmm(hhmm);
  const h = Math.floor(total / 60);
  const m = total % 60;
  const mm = String(m).padStart(2, '0');
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const suffix = h < 12 ? AM : PM;
  const forms = [
    // 24-hour, not followed by am/pm (that would be a 12-hour time)
    `(?<![\\d:])0?${h}:${mm}(?!\\d)(?!\\s?[ap]\\.?m)`,
    m === 0 ? `(?<![\\d:])${h12}(?::00)?${suffix}` : `(?<![\\d:])${h12}:${mm}${suffix}`,
  ];
  if (h === 12 && m === 0) forms.push('\\bnoon\\b', '\\bmidday\\b');
  if (h === 0 && m === 0) forms.push('\\bmidnight\\b');
  return `(?:${forms.join('|')})`;
}

export function mentionsTime(text: string, hhmm: string): boolean {
  return new RegExp(timeSource(hhmm), 'i').test(text);
}

/** Every time of day written in the text, as minutes since 00:00. */
export function timesIn(text: string): number[] {
  const found: number[] = [];
  const re =
    /(?<![\d:])(\d{1,2})(?::(\d{2}))?(\s?(?:am|a\.m\.|pm|p\.m\.))?(?![\d])|\b(noon|midday|midnight)\b/gi;
  for (const match of text.matchAll(re)) {
    const [, hText, mText, suffix, word] = match;
    if (word) {
      found.push(word.toLowerCase() === 'midnight' ? 0 : 12 * 60);
      continue;
    }
    if (!suffix && mText === undefined) continue; // a bare number, not a time
    let h = Number(hText);
    const m = Number(mText ?? 0);
    if (suffix) {
      const pm = /p/i.test(suffix);
      if (h === 12) h = pm ? 12 : 0;
      else if (pm) h += 12;
    }
    found.push(h * 60 + m);
  }
  return found;
}

/** Every disagreement between a persona's rubric prose and its structure; [] when consistent. */
export function rubricProblems(p: Persona): string[] {
  const problems: string[] = [];
  const r = p.rubric;
  const pref = r.personalPreference.prose;
  for (const entry of r.personalPreference.welcome) {
    for (const t of entry.topics) {
      if (!TOPIC_WORDS[t].test(pref))
        problems.push(`preference prose does not mention topic "${t}"`);
    }
    for (const a of entry.activities) {
      if (!ACTIVITY_WORDS[a].test(pref)) {
        problems.push(`preference prose does not mention activity "${a}"`);
      }
    }
  }

  const timing = r.timing.prose;
  const boundaries = new Set<number>();
  for (const w of r.timing.welcomeWindows) {
    for (const t of [w.from, w.to]) {
      boundaries.add(parseHhmm(t));
      if (!mentionsTime(timing, t)) problems.push(`timing prose does not mention ${t}`);
    }
  }
  for (const t of timesIn(timing)) {
    if (!boundaries.has(t)) {
      problems.push(`timing prose mentions ${t} minutes past midnight, which bounds no window`);
    }
  }
  for (const a of r.timing.quietActivities) {
    if (!ACTIVITY_WORDS[a].test(timing)) {
      problems.push(`timing prose does not mention quiet activity "${a}"`);
    }
  }

  const f = r.frequency;
  if (!mentionsCount(f.prose, f.min, f.max)) {
    problems.push(`frequency prose does not state the count ${f.min}..${f.max}`);
  }
  if (!mentionsDuration(f.prose, f.windowMinutes)) {
    problems.push(`frequency prose does not state the window of ${f.windowMinutes} minutes`);
  }
  if (!mentionsDuration(f.prose, f.minGapMinutes)) {
    problems.push(`frequency prose does not state the gap of ${f.minGapMinutes} minutes`);
  }

  const comm = r.communication;
  for (const tone of Object.keys(TONE_WORDS) as Tone[]) {
    const said = TONE_WORDS[tone].test(comm.prose);
    const listed = comm.tones.includes(tone);
    if (listed && !said) problems.push(`communication prose does not mention tone "${tone}"`);
    if (said && !listed) problems.push(`communication prose asks for tone "${tone}", not listed`);
  }
  for (const t of comm.avoidTopics) {
    if (!TOPIC_WORDS[t].test(comm.prose)) {
      problems.push(`communication prose does not mention avoided topic "${t}"`);
    }
  }
  return problems;
}

/**
 * Words for how absorbed a person is in an activity (src/core/receptivity.ts):
 * deep (focused, costly to interrupt), idle (a pause), light (busy but
 * interruptible).
 */
export const ENGAGEMENT_WORDS: Record<Engagement, RegExp> = {
  deep: /absorb|\bdeep\b|\bdeeply\b|\blost in\b|\bfocus|concentrat|immers|engross|in the zone|full attention|all my attention|wrapped up in/i,
  idle: /\bpause|\bbreaks?\b|breather|unwind|wind(?:ing)? down|downtime|\bidle\b|switch(?:ing)? off/i,
  light: /interrupt|\bmind\b|\bfine\b|happy to|distract/i,
};

/** Asking not to be interrupted: a sentence saying this cannot also say an activity is light or idle. */
export const QUIET_ASK =
  /\b(?:never|don't|do not)\s+interrupt|\bno interruptions?\b|leave me (?:alone|be)\b|stay quiet|keep quiet|not while/i;

/** Words for settling into a new action: what the first `breakpointMinutes` are. */
export const SETTLE_WORDS =
  /settl|\bstart|\bbegin|first (?:few )?minutes|sit(?:ting)? down|\barriv|get(?:ting)? going/i;

/** Words for repetition: what `sameTopicMinutes` and `sameSuggestionDays` are about. */
export const REPEAT_WORDS = /\bsame\b|\bagain\b|repeat|repetit|variety|\bvaried\b/i;

export const WEEKEND_WORDS = /\bweekends?\b|saturday|sunday/i;

/** The sentences of a text (split after . ! or ? followed by a space). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The receptivity settings this check holds to the prose; any other override is reported. */
const CHECKED_RECEPTIVITY = new Set([
  'engagement',
  'breakpointMinutes',
  'sameTopicMinutes',
  'sameSuggestionDays',
  'days',
]);
const CHECKED_DAYS = new Set(['weekendWindowShiftMinutes']);

/**
 * Every disagreement between a persona's receptivity block and its rubric
 * prose, and every override that cannot work; [] when consistent.
 *
 * - An engagement override is stated in one sentence of the timing prose that
 *   names the activity and a word for its level (and, for light or idle, does
 *   not ask for quiet in the same breath). Overriding with the default level,
 *   or overriding a quiet activity (never open anyway), is reported.
 * - breakpointMinutes is stated in a timing sentence about settling into or
 *   starting something; sameTopicMinutes and sameSuggestionDays in a sentence
 *   of any rubric paragraph that speaks of repetition, so an unrelated
 *   duration (the minimum gap) cannot stand in for them.
 * - days.weekendWindowShiftMinutes is stated in a timing sentence naming the
 *   weekend (with the duration, unless it is 0: "the same hours at weekends").
 * - A welcome activity that is deep with breakpointMinutes 0 is never open.
 */
export function receptivityProblems(p: Persona): string[] {
  const problems: string[] = [];
  const r = p.receptivity;
  if (!r) return problems;
  const rubric = p.rubric;
  const timing = sentences(rubric.timing.prose);
  const all = [
    rubric.personalPreference.prose,
    rubric.timing.prose,
    rubric.frequency.prose,
    rubric.communication.prose,
  ].flatMap(sentences);
  const quiet = new Set<ActivityKind>(rubric.timing.quietActivities);

  for (const key of Object.keys(r)) {
    if (!CHECKED_RECEPTIVITY.has(key)) {
      problems.push(`receptivity.${key} is set, but this check does not hold it to the prose`);
    }
  }
  for (const key of Object.keys(r.days ?? {})) {
    if (!CHECKED_DAYS.has(key)) {
      problems.push(`receptivity.days.${key} is set, but this check does not hold it to the prose`);
    }
  }

  for (const [a, level] of Object.entries(r.engagement ?? {}) as [ActivityKind, Engagement][]) {
    if (level === DEFAULT_ENGAGEMENT[a]) {
      problems.push(`engagement of "${a}" is set to its default "${level}"`);
    }
    if (quiet.has(a)) {
      problems.push(`engagement of "${a}" is set, but "${a}" is quiet (never open) anyway`);
    }
    const said = timing.some(
      (s) =>
        ACTIVITY_WORDS[a].test(s) &&
        ENGAGEMENT_WORDS[level].test(s) &&
        (level === 'deep' || !QUIET_ASK.test(s)),
    );
    if (!said) problems.push(`timing prose has no sentence saying "${a}" is ${level}`);
  }

  const resolved = resolveReceptivity(p);
  if (resolved.breakpointMinutes === 0) {
    for (const entry of rubric.personalPreference.welcome) {
      for (const a of entry.activities) {
        if (resolved.engagement[a] === 'deep') {
          problems.push(`"${a}" is welcome but deep, and with breakpointMinutes 0 never open`);
        }
      }
    }
  }

  if (r.breakpointMinutes !== undefined) {
    const n = r.breakpointMinutes;
    if (!timing.some((s) => mentionsDuration(s, n) && SETTLE_WORDS.test(s))) {
      problems.push(`timing prose does not say it takes ${n} minutes to settle into something`);
    }
  }
  if (r.sameTopicMinutes !== undefined) {
    const n = r.sameTopicMinutes;
    if (!all.some((s) => mentionsDuration(s, n) && REPEAT_WORDS.test(s))) {
      problems.push(`rubric prose does not say the same topic within ${n} minutes is unwelcome`);
    }
  }
  if (r.sameSuggestionDays !== undefined) {
    const n = r.sameSuggestionDays;
    if (!all.some((s) => mentionsDays(s, n) && REPEAT_WORDS.test(s))) {
      problems.push(`rubric prose does not say the same suggestion within ${n} days is unwelcome`);
    }
  }
  const shift = r.days?.weekendWindowShiftMinutes;
  if (shift !== undefined) {
    const said = timing.some(
      (s) => WEEKEND_WORDS.test(s) && (shift === 0 || mentionsDuration(s, Math.abs(shift))),
    );
    if (!said) {
      problems.push(
        shift === 0
          ? 'timing prose does not say the hours are the same at weekends'
          : `timing prose does not say the hours move by ${Math.abs(shift)} minutes at weekends`,
      );
    }
  }
  return problems;
}

/**
 * Every disagreement between a persona's weekend routine and its lifestyle;
 * [] when consistent. A `routine.weekend` is stated in a lifestyle sentence
 * naming the weekend (weekend, Saturday, Sunday), with its wake time and the
 * activity of each weekend work block.
 */
export function weekendProblems(p: Persona): string[] {
  const problems: string[] = [];
  const w = p.routine.weekend;
  if (!w) return problems;
  const said = p.lifestyle.flatMap(sentences).filter((s) => WEEKEND_WORDS.test(s));
  if (said.length === 0) {
    problems.push('routine.weekend is set, but lifestyle never mentions the weekend');
    return problems;
  }
  if (w.wake !== undefined && !said.some((s) => mentionsTime(s, w.wake as string))) {
    problems.push(`lifestyle does not state the weekend wake time ${w.wake}`);
  }
  for (const b of w.work ?? []) {
    if (!said.some((s) => ACTIVITY_WORDS[b.activity].test(s))) {
      problems.push(`lifestyle does not say the weekend has ${b.activity} ("${b.label}")`);
    }
  }
  return problems;
}
