/**
 * The judge's memory of today: what the persona remembers of the assistant's
 * interventions, as in the reference (hourly counts of recommendations, the
 * latest interactions). Cleared at the start of each day. Both the built-in
 * judge and LLM judges read it; only the delivered candidate is recorded.
 */
import type { Persona } from './persona';
import type { StepContext } from './step';
import type { Candidate } from './suggestion';
import { inWindow, parseHhmm, type MinuteWindow, type SimMinutes } from './time';

export interface Interaction {
  minute: SimMinutes;
  actionLabel: string;
  text: string;
  recommended: boolean;
  score: number;
}

export interface JudgeMemory {
  day: number;
  /** Minutes of today at which a recommendation was delivered. */
  recMinutes: SimMinutes[];
  /** Recommendations delivered in each hour of today. */
  hourly: number[];
  /** Minutes inside welcome windows, awake, since the last recommendation today (or since waking). */
  welcomeMinutesSinceRec: number;
  /** The schedule index of the current action and recommendations delivered during it. */
  actionIndex: number;
  actionRecs: number;
  /** The latest four interactions, newest last. */
  recent: Interaction[];
}

export function newJudgeMemory(day: number): JudgeMemory {
  return {
    day,
    recMinutes: [],
    hourly: new Array<number>(24).fill(0),
    welcomeMinutesSinceRec: 0,
    actionIndex: -1,
    actionRecs: 0,
    recent: [],
  };
}

export function cloneJudgeMemory(m: JudgeMemory): JudgeMemory {
  return { ...m, recMinutes: [...m.recMinutes], hourly: [...m.hourly], recent: [...m.recent] };
}

/** Record the delivered candidate of a step. */
export function recordInteraction(
  memory: JudgeMemory,
  minute: SimMinutes,
  actionLabel: string,
  delivered: Candidate,
  score: number,
): void {
  const recommended = delivered.kind === 'recommend';
  if (recommended) {
    memory.recMinutes.push(minute);
    const hour = Math.min(23, Math.floor(minute / 60));
    memory.hourly[hour] = (memory.hourly[hour] ?? 0) + 1;
    memory.welcomeMinutesSinceRec = 0;
    memory.actionRecs += 1;
  }
  memory.recent.push({
    minute,
    actionLabel,
    text: recommended ? delivered.suggestion.text : 'No Recommendation',
    recommended,
    score,
  });
  if (memory.recent.length > 4) memory.recent.shift();
}

export function lastRecMinute(memory: JudgeMemory): SimMinutes | null {
  const n = memory.recMinutes.length;
  return n > 0 ? (memory.recMinutes[n - 1] as number) : null;
}

export function recsInTrailingWindow(
  memory: JudgeMemory,
  minute: SimMinutes,
  windowMinutes: number,
): number {
  let count = 0;
  for (let i = memory.recMinutes.length - 1; i >= 0; i--) {
    if ((memory.recMinutes[i] as number) > minute - windowMinutes) count++;
    else break;
  }
  return count;
}

const windowCache = new WeakMap<Persona, MinuteWindow[]>();

/** The persona's welcome windows in minutes of the day. */
export function welcomeWindows(persona: Persona): MinuteWindow[] {
  let w = windowCache.get(persona);
  if (!w) {
    w = persona.rubric.timing.welcomeWindows.map((x) => ({
      from: parseHhmm(x.from),
      to: parseHhmm(x.to),
    }));
    windowCache.set(persona, w);
  }
  return w;
}

export function isWelcomeTime(persona: Persona, minute: SimMinutes): boolean {
  return welcomeWindows(persona).some((w) => inWindow(minute, w));
}

/**
 * Advance the time-based parts of the judge's memory at the start of a
 * scored step, before any candidate is judged: welcome time since the last
 * recommendation, and which action is in progress.
 */
export function tickJudgeMemory(persona: Persona, memory: JudgeMemory, ctx: StepContext): void {
  if (isWelcomeTime(persona, ctx.minute)) memory.welcomeMinutesSinceRec += ctx.stepMinutes;
  if (memory.actionIndex !== ctx.actionIndex) {
    memory.actionIndex = ctx.actionIndex;
    memory.actionRecs = 0;
  }
}
