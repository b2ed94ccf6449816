/**
 * A persona's structured rubric compiled into lookup tables for the built-in
 * judge and the oracle. Compiled once per persona object.
 */
import { shiftWindow } from '../../core/judgeMemory';
import type { Persona } from '../../core/persona';
import { resolveReceptivity, type DayConditions, type Receptivity } from '../../core/receptivity';
import {
  formatHhmm,
  inWindow,
  parseHhmm,
  type MinuteWindow,
  type SimMinutes,
} from '../../core/time';
import type { ActivityKind, Tone, Topic } from '../../core/vocab';

export interface CompiledRubric {
  welcomeTopics: Map<ActivityKind, Set<Topic>>;
  windows: MinuteWindow[];
  quiet: Set<ActivityKind>;
  tones: Set<Tone>;
  avoid: Set<Topic>;
  windowMinutes: number;
  min: number;
  max: number;
  minGapMinutes: number;
  /** Welcome-window minutes of silence after which silence is "too rare" (Infinity when min is 0). */
  rareAfterMinutes: number;
  windowsText: string;
  receptivity: Receptivity;
}

const cache = new WeakMap<Persona, CompiledRubric>();

export function compileRubric(persona: Persona): CompiledRubric {
  const hit = cache.get(persona);
  if (hit) return hit;
  const r = persona.rubric;
  const welcomeTopics = new Map<ActivityKind, Set<Topic>>();
  for (const entry of r.personalPreference.welcome) {
    for (const a of entry.activities) {
      const set = welcomeTopics.get(a) ?? new Set<Topic>();
      for (const t of entry.topics) set.add(t);
      welcomeTopics.set(a, set);
    }
  }
  const f = r.frequency;
  const compiled: CompiledRubric = {
    welcomeTopics,
    windows: r.timing.welcomeWindows.map((w) => ({ from: parseHhmm(w.from), to: parseHhmm(w.to) })),
    quiet: new Set(r.timing.quietActivities),
    tones: new Set(r.communication.tones),
    avoid: new Set(r.communication.avoidTopics),
    windowMinutes: f.windowMinutes,
    min: f.min,
    max: f.max,
    minGapMinutes: f.minGapMinutes,
    rareAfterMinutes: f.min > 0 ? f.windowMinutes / f.min : Infinity,
    windowsText: r.timing.welcomeWindows.map((w) => `${w.from}–${w.to}`).join(', '),
    receptivity: resolveReceptivity(persona),
  };
  cache.set(persona, compiled);
  return compiled;
}

/** Is `minute` inside a welcome window, moved by `shiftMinutes` (today's shift)? */
export function inWelcomeWindow(
  rubric: CompiledRubric,
  minute: SimMinutes,
  shiftMinutes = 0,
): boolean {
  return rubric.windows.some((w) => inWindow(minute, shiftWindow(w, shiftMinutes)));
}

/** Today's welcome windows in words: "12:45–13:45, 17:15–22:30". */
export function todaysWindowsText(rubric: CompiledRubric, day: DayConditions): string {
  if (day.windowShiftMinutes === 0) return rubric.windowsText;
  return rubric.windows
    .map((w) => shiftWindow(w, day.windowShiftMinutes))
    .map((w) => `${formatHhmm(w.from)}–${formatHhmm(w.to)}`)
    .join(', ');
}

/** Today's minimum gap between suggestions: the asked gap, stretched on a low-appetite day. */
export function todaysMinGap(rubric: CompiledRubric, day: DayConditions): number {
  return Math.round(rubric.minGapMinutes / day.appetite);
}

/** Today's welcome minutes of silence after which silence is "too rare". */
export function todaysRareAfter(rubric: CompiledRubric, day: DayConditions): number {
  return rubric.rareAfterMinutes / day.appetite;
}

/** The rate the persona asked for, in suggestions per hour of welcome time (midpoint of min and max). */
export function askedRatePerHour(persona: Persona): number {
  const f = persona.rubric.frequency;
  return ((f.min + f.max) / 2 / f.windowMinutes) * 60;
}
