/** Reading the plain fields of a ProPerSim persona file; every problem names its field. */
import { BIG_FIVE_TRAITS, type BigFive, type BigFiveTrait } from '../vocab';
import { norm } from './text';

export type Problem = { path: string; message: string };

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function readString(
  obj: Record<string, unknown>,
  keys: string[],
  problems: Problem[],
): string {
  const key = keys.find((k) => k in obj) ?? (keys[0] as string);
  const v = obj[key];
  if (typeof v === 'string' && v.trim().length >= 3) return v.trim();
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) {
    const joined = (v as string[]).map((s) => s.trim()).join(' ');
    if (joined.length >= 3) return joined;
  }
  problems.push({
    path: key,
    message: v === undefined ? 'missing (a text is required)' : 'must be a non-empty text',
  });
  return '';
}

/** A list given as an array of strings or as one string (split at sentences, then commas). */
export function readList(
  obj: Record<string, unknown>,
  keys: string[],
  min: number,
  problems: Problem[],
): string[] {
  const key = keys.find((k) => k in obj) ?? (keys[0] as string);
  const v = obj[key];
  let items: string[] = [];
  if (v === undefined) {
    problems.push({ path: key, message: `missing (at least ${min} items are required)` });
    return [];
  }
  if (typeof v === 'string') {
    items = v
      .split(/(?<=[.!?])\s+|\s*[;\n]\s*/)
      .map((s) => s.trim().replace(/[.]$/, ''))
      .filter((s) => s.length > 0);
    if (items.length < min) {
      items = items
        .flatMap((s) => s.split(/\s*,\s*/))
        .map((s) => s.replace(/^and\s+/i, '').trim())
        .filter((s) => s.length > 0);
    }
  } else if (Array.isArray(v)) {
    v.forEach((x, i) => {
      if (typeof x !== 'string') problems.push({ path: `${key}.${i}`, message: 'must be a text' });
      else items.push(x.trim());
    });
  } else {
    problems.push({ path: key, message: 'must be a list of texts or one text' });
    return [];
  }
  items.forEach((s, i) => {
    if (s.length < 3) problems.push({ path: `${key}.${i}`, message: 'too short (3+ characters)' });
  });
  if (items.length < min) {
    problems.push({
      path: key,
      message: `needs at least ${min} items, found ${items.length}`,
    });
  }
  return items;
}

export const TRAIT_NAMES: Record<BigFiveTrait, string> = {
  extraversion: 'Extraversion',
  agreeableness: 'Agreeableness',
  conscientiousness: 'Conscientiousness',
  openness: 'Openness',
  neuroticism: 'Neuroticism',
};
const TRAIT_RE: Record<BigFiveTrait, string> = {
  extraversion: 'extr[ao]version',
  agreeableness: 'agreeableness',
  conscientiousness: 'conscientiousness',
  openness: 'openness(?: to experience)?',
  neuroticism: 'neuroticism',
};

export function readBigFive(v: unknown, problems: Problem[]): BigFive | null {
  const key = 'big_five_personality_traits';
  if (v === undefined) {
    problems.push({ path: key, message: 'missing (e.g. "High in Extraversion, Low in …")' });
    return null;
  }
  let text: string;
  if (typeof v === 'string') text = v;
  else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) text = v.join(', ');
  else if (isRecord(v)) {
    text = Object.entries(v)
      .map(([k, val]) => `${String(val)} in ${k}`)
      .join(', ');
  } else {
    problems.push({ path: key, message: 'must be a text such as "High in Extraversion, …"' });
    return null;
  }
  const t = norm(text);
  const out: Partial<BigFive> = {};
  const missing: string[] = [];
  for (const trait of BIG_FIVE_TRAITS) {
    const name = TRAIT_RE[trait];
    const m =
      new RegExp(String.raw`\b(high|low)\b(?:\s+(?:in|on))?\s+${name}\b`).exec(t) ??
      new RegExp(String.raw`\b${name}\b\s*(?:[:=-]|is)?\s*\b(high|low)\b`).exec(t);
    if (m) out[trait] = m[1] === 'high' ? 'High' : 'Low';
    else if (trait === 'neuroticism') {
      const es = /\b(high|low)\b(?:\s+(?:in|on))?\s+emotional stability\b/.exec(t);
      if (es) out.neuroticism = es[1] === 'high' ? 'Low' : 'High';
      else missing.push(TRAIT_NAMES[trait]);
    } else missing.push(TRAIT_NAMES[trait]);
  }
  if (missing.length > 0) {
    problems.push({
      path: key,
      message: `no High/Low level found for ${missing.join(', ')}`,
    });
    return null;
  }
  return out as BigFive;
}

export const CRITERIA_KEYS = {
  preference: 'Personal_Preference',
  timing: 'Timing',
  frequency: 'Frequency',
  communication: 'Communication_&_Safety',
} as const;
export type CriterionKey = keyof typeof CRITERIA_KEYS;

export function readCriteria(v: unknown, problems: Problem[]): Record<CriterionKey, string> {
  const out: Record<CriterionKey, string> = {
    preference: '',
    timing: '',
    frequency: '',
    communication: '',
  };
  if (!isRecord(v)) {
    problems.push({
      path: 'criteria',
      message:
        v === undefined
          ? 'missing (needs Personal_Preference, Timing, Frequency, Communication_&_Safety)'
          : 'must be an object of four paragraphs',
    });
    return out;
  }
  const byLoose = new Map<string, [string, unknown]>();
  for (const [k, val] of Object.entries(v))
    byLoose.set(k.toLowerCase().replace(/[^a-z]/g, ''), [k, val]);
  const aliases: Record<CriterionKey, string[]> = {
    preference: ['personalpreference', 'preference', 'personalpreferences'],
    timing: ['timing'],
    frequency: ['frequency'],
    communication: [
      'communicationsafety',
      'communicationandsafety',
      'communication',
      'communicationsafetyvalues',
    ],
  };
  for (const c of Object.keys(CRITERIA_KEYS) as CriterionKey[]) {
    const hit = aliases[c].map((a) => byLoose.get(a)).find((x) => x !== undefined);
    const path = `criteria.${hit ? hit[0] : CRITERIA_KEYS[c]}`;
    const val = hit?.[1];
    if (typeof val === 'string' && val.trim().length >= 3) out[c] = val.trim();
    else
      problems.push({
        path,
        message:
          val === undefined
            ? 'missing (a first-person paragraph is required)'
            : 'must be a paragraph of text',
      });
  }
  return out;
}
