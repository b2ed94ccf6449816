/**
 * Scores the importer's reading of the fixture set against what each file's
 * prose asks for (test/fixtures/propersim-set/expected.json, stated by hand).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Persona } from '../../src/core/persona';
import { parseHhmm } from '../../src/core/time';

export const SET_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'propersim-set',
);

interface Expected {
  wake: string;
  bed: string;
  welcomeAt: string[];
  notWelcomeAt: string[];
  quiet: string[];
  notQuiet: string[];
  frequency: { window: 'day' | number; min: number; max: number; gap: number | null };
  tones: string[];
  avoid: string[];
  welcomePairs: string[];
}

export const EXPECTED = JSON.parse(readFileSync(join(SET_DIR, 'expected.json'), 'utf8')) as Record<
  string,
  Expected
>;

const ext = (hhmm: string, wake: number): number => {
  const m = parseHhmm(hhmm);
  return m < wake - 120 ? m + 1440 : m;
};

export interface Score {
  id: string;
  misses: string[];
  checks: Record<
    'windows' | 'quiet' | 'frequency' | 'gap' | 'tones' | 'avoid' | 'pairs' | 'routine',
    boolean
  >;
}

export function score(p: Persona): Score {
  const e = EXPECTED[p.id];
  if (!e) throw new Error(`no expectation for ${p.id}`);
  const misses: string[] = [];
  const wake = parseHhmm(p.routine.wake);
  const bed = ext(p.routine.sleep, wake);
  const windows = p.rubric.timing.welcomeWindows.map(
    (w) => [ext(w.from, wake), ext(w.to, wake)] as const,
  );
  const inside = (t: string): boolean => {
    const m = ext(t, wake);
    return windows.some(([a, b]) => m >= a && m < b);
  };
  const awake = (t: string): boolean => ext(t, wake) >= wake && ext(t, wake) < bed;
  let windowsOk = true;
  for (const t of e.welcomeAt.filter(awake))
    if (!inside(t)) {
      windowsOk = false;
      misses.push(`${t} should be welcome`);
    }
  for (const t of e.notWelcomeAt.filter(awake))
    if (inside(t)) {
      windowsOk = false;
      misses.push(`${t} should not be welcome`);
    }
  const q = p.rubric.timing.quietActivities as string[];
  const quietOk = e.quiet.every((a) => q.includes(a)) && e.notQuiet.every((a) => !q.includes(a));
  if (!quietOk)
    misses.push(`quiet ${q.join(',')} (want ${e.quiet.join(',')}; never ${e.notQuiet.join(',')})`);
  const f = p.rubric.frequency;
  // A count per day is per the day's welcome time: the minutes of the derived welcome windows.
  const welcomeMinutes = Math.max(
    30,
    Math.min(
      1440,
      p.rubric.timing.welcomeWindows.reduce((sum, w) => {
        const [a, b] = [parseHhmm(w.from), parseHhmm(w.to)];
        return sum + (b > a ? b - a : 1440 - a + b);
      }, 0),
    ),
  );
  const wantWindow = e.frequency.window === 'day' ? welcomeMinutes : e.frequency.window;
  const freqOk =
    f.windowMinutes === wantWindow && f.min === e.frequency.min && f.max === e.frequency.max;
  if (!freqOk)
    misses.push(
      `frequency ${f.min}-${f.max}/${f.windowMinutes} (want ${e.frequency.min}-${e.frequency.max}/${wantWindow})`,
    );
  const gapOk = e.frequency.gap === null || f.minGapMinutes === e.frequency.gap;
  if (!gapOk) misses.push(`gap ${f.minGapMinutes} (want ${e.frequency.gap})`);
  const tones = [...p.rubric.communication.tones].sort();
  const tonesOk = JSON.stringify(tones) === JSON.stringify([...e.tones].sort());
  if (!tonesOk) misses.push(`tones ${tones.join(',')} (want ${e.tones.join(',')})`);
  const avoid = p.rubric.communication.avoidTopics as string[];
  const avoidOk = e.avoid.every((t) => avoid.includes(t));
  if (!avoidOk) misses.push(`avoid ${avoid.join(',')} (want ${e.avoid.join(',')})`);
  const pairs = new Set(
    p.rubric.personalPreference.welcome.flatMap((w) =>
      w.activities.flatMap((a) => w.topics.map((t) => `${a}|${t}`)),
    ),
  );
  const pairsOk = e.welcomePairs.every((x) => pairs.has(x));
  if (!pairsOk) misses.push(`pairs ${[...pairs].join(' ')} (want ${e.welcomePairs.join(' ')})`);
  const routineOk = p.routine.wake === e.wake && p.routine.sleep === e.bed;
  if (!routineOk)
    misses.push(`routine ${p.routine.wake}–${p.routine.sleep} (want ${e.wake}–${e.bed})`);
  return {
    id: p.id,
    misses,
    checks: {
      windows: windowsOk,
      quiet: quietOk,
      frequency: freqOk,
      gap: gapOk,
      tones: tonesOk,
      avoid: avoidOk,
      pairs: pairsOk,
      routine: routineOk,
    },
  };
}
