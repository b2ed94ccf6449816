/** Counts and durations in words ("twice", "two to three", "half an hour", "forty-five minutes"). */
import nlp from 'compromise';
import { norm } from './text';

const SPECIAL: Record<string, number> = {
  a: 1,
  an: 1,
  single: 1,
  'a single': 1,
  once: 1,
  twice: 2,
  thrice: 3,
  'a couple of': 2,
  'a dozen': 12,
  dozen: 12,
};

/** A number written as digits or words; compromise reads the words ("forty-five", "twenty"). */
export function wordNumber(tok: string): number | null {
  const t = tok.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t in SPECIAL) return SPECIAL[t] as number;
  const got = (nlp(t).numbers().get() as unknown[]).filter(
    (n): n is number => typeof n === 'number',
  );
  return got.length === 1 ? (got[0] as number) : null;
}

export interface Count {
  min: number;
  max: number;
  /** "a few", "several": a range we chose, not one the words gave. */
  vague: boolean;
}

/** "3", "two to three", "3-4", "a couple of", "a few". */
export function parseCount(tok: string): Count | null {
  const t = tok.trim();
  if (/^(?:a couple(?: of)?|couple of)$/.test(t)) return { min: 1, max: 2, vague: true };
  if (/^(?:a few|few|a handful of|a handful)$/.test(t)) return { min: 2, max: 3, vague: true };
  if (t === 'several') return { min: 3, max: 4, vague: true };
  const range = /^(.+?)\s*(?:-|to|or)\s*(.+)$/.exec(t);
  if (range) {
    const a = wordNumber(range[1] as string);
    const b = wordNumber(range[2] as string);
    if (a === null || b === null) return null;
    return { min: Math.min(a, b), max: Math.max(a, b), vague: false };
  }
  const n = wordNumber(t);
  return n === null ? null : { min: n, max: n, vague: false };
}

/** Hours in "every 2 to 3 hours", "a few hours", in minutes (a range gives its middle). */
export function hoursSpan(tok: string): number | null {
  const t = tok.trim();
  if (/^(?:a )?few$/.test(t)) return 180;
  if (/^(?:a )?couple(?: of)?$/.test(t)) return 120;
  if (t === 'several') return 240;
  const c = parseCount(t);
  return c ? Math.round(((c.min + c.max) / 2) * 60) : null;
}

const DUR_RE =
  /\b(?:(\d+(?:\.\d+)?)(?:\s*(?:-|to)\s*(\d+(?:\.\d+)?))?|(half an?|an?|one|two|three|four|five|six|ten|fifteen|twenty|thirty|forty-five|forty|fifty|sixty|ninety|a couple of|a few))[\s-]*(minutes?|mins?|hours?|hrs?|h)\b(\s+and a half)?/;

/** The first duration in the text, in minutes ("for 10 minutes", "half an hour", "1.5 hours"). */
export function parseDuration(text: string): number | null {
  const m = DUR_RE.exec(norm(text));
  if (!m) return null;
  let n: number;
  if (m[1]) {
    n = m[2] ? (Number(m[1]) + Number(m[2])) / 2 : Number(m[1]);
  } else {
    const w = m[3] as string;
    n = w.startsWith('half')
      ? 0.5
      : w === 'a couple of'
        ? 2
        : w === 'a few'
          ? 3
          : (wordNumber(w) ?? 1);
  }
  if (m[5]) n += 0.5;
  const unit = m[4] as string;
  return /^h/.test(unit) ? n * 60 : n;
}
