/**
 * A persona's structured rubric compiled into lookup tables for the built-in
 * judge and the oracle. Compiled once per persona object.
 */
import type { Persona } from '../../core/persona';
import { inWindow, parseHhmm, type MinuteWindow, type SimMinutes } from '../../core/time';
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
  };
  cache.set(persona, compiled);
  return compiled;
}

export function inWelcomeWindow(rubric: CompiledRubric, minute: SimMinutes): boolean {
  return rubric.windows.some((w) => inWindow(minute, w));
}

/** The rate the persona asked for, in suggestions per hour of welcome time (midpoint of min and max). */
export function askedRatePerHour(persona: Persona): number {
  const f = persona.rubric.frequency;
  return ((f.min + f.max) / 2 / f.windowMinutes) * 60;
}
