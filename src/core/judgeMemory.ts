/**
 * The judge's memory of today: what the persona remembers of the assistant's
 * interventions, as in the reference (hourly counts of recommendations, the
 * latest interactions). Cleared at the start of each day. Both the built-in
 * judge and LLM judges read it; only the delivered candidate is recorded.
 */
import type { Persona } from './persona';
import { weekdayOf, type DayConditions } from './receptivity';
import type { StepContext } from './step';
import type { Candidate } from './suggestion';
import { inWindow, parseHhmm, type MinuteWindow, type SimMinutes } from './time';
import type { Topic } from './vocab';

export interface Interaction {
  minute: SimMinutes;
  actionLabel: string;
  text: string;
  recommended: boolean;
  /** null when the judge could not score the step (the person still heard it). */
  score: number | null;
}

/** A suggestion the person heard, remembered across days for habituation (HeartSteps V1). */
export interface Heard {
  day: number;
  minute: SimMinutes;
  /** Catalogue id, or the text when there is none. */
  key: string;
  topic: Topic;
  /** It gave the person what it wanted (passed personal preference). */
  gave: boolean;
}

export interface JudgeMemory {
  day: number;
  /** What kind of day it is (weekend, tired, busy; window shift, appetite). */
  conditions: DayConditions;
  /** Minutes of today at which a recommendation was delivered. */
  recMinutes: SimMinutes[];
  /** Recommendations delivered in each hour of today. */
  hourly: number[];
  /** Minutes inside welcome windows, awake, since the last recommendation today (or since waking). */
  welcomeMinutesSinceRec: number;
  /** The schedule index of the current action and recommendations delivered during it. */
  actionIndex: number;
  actionRecs: number;
  /** Recommendations during the current action that gave the person what it wanted (preference passed). */
  actionWelcomeRecs: number;
  /** The latest four interactions, newest last. */
  recent: Interaction[];
  /**
   * Every suggestion heard today and on the days before that habituation
   * still remembers. Unlike the rest (cleared daily, as in the reference),
   * this carries over: a suggestion heard yesterday is still stale today.
   */
  heard: Heard[];
}

/** A day with no variation: no shift, the asked appetite. */
export function neutralConditions(day: number): DayConditions {
  return {
    day,
    weekday: weekdayOf(day),
    weekend: false,
    mood: 'usual',
    windowShiftMinutes: 0,
    appetite: 1,
  };
}

export function newJudgeMemory(
  day: number,
  conditions: DayConditions = neutralConditions(day),
  heard: readonly Heard[] = [],
): JudgeMemory {
  return {
    day,
    conditions,
    recMinutes: [],
    hourly: new Array<number>(24).fill(0),
    welcomeMinutesSinceRec: 0,
    actionIndex: -1,
    actionRecs: 0,
    actionWelcomeRecs: 0,
    recent: [],
    heard: [...heard],
  };
}

/** What habituation still remembers on `day`: suggestions heard on the `keepDays` − 1 days before. */
export function carryHeard(memory: JudgeMemory, day: number, keepDays: number): Heard[] {
  return memory.heard.filter((h) => h.day > day - keepDays && h.day < day);
}

export function cloneJudgeMemory(m: JudgeMemory): JudgeMemory {
  return {
    ...m,
    recMinutes: [...m.recMinutes],
    hourly: [...m.hourly],
    recent: [...m.recent],
    heard: [...m.heard],
  };
}

/**
 * Record the delivered candidate of a step. `gaveWhatWanted`: the suggestion
 * passed personal preference, so the person no longer waits for one during
 * this action. An unjudged step is recorded too, with no score and
 * `gaveWhatWanted` false: the person heard what was said (it counts towards
 * "too often" and habituation), but nobody said whether it was wanted.
 */
export function recordInteraction(
  memory: JudgeMemory,
  minute: SimMinutes,
  actionLabel: string,
  delivered: Candidate,
  score: number | null,
  gaveWhatWanted = false,
): void {
  const recommended = delivered.kind === 'recommend';
  if (recommended) {
    memory.recMinutes.push(minute);
    const hour = Math.min(23, Math.floor(minute / 60));
    memory.hourly[hour] = (memory.hourly[hour] ?? 0) + 1;
    memory.welcomeMinutesSinceRec = 0;
    memory.actionRecs += 1;
    if (gaveWhatWanted) memory.actionWelcomeRecs += 1;
    const s = delivered.suggestion;
    memory.heard.push({
      day: memory.day,
      minute,
      key: s.id ?? s.text,
      topic: s.topic,
      gave: gaveWhatWanted,
    });
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

/**
 * Today's suggestions that gave the person what it wanted, inside the
 * trailing window, and the minute of the last one: how much of its asked
 * rate of wanted suggestions it has already had.
 */
export function wantedSoFar(
  memory: JudgeMemory,
  minute: SimMinutes,
  windowMinutes: number,
): { inWindow: number; last: SimMinutes | null } {
  let inWindow = 0;
  let last: SimMinutes | null = null;
  for (let i = memory.heard.length - 1; i >= 0; i--) {
    const h = memory.heard[i] as Heard;
    if (h.day !== memory.day) break;
    if (!h.gave) continue;
    last ??= h.minute;
    if (h.minute > minute - windowMinutes) inWindow++;
    else break;
  }
  return { inWindow, last };
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

/** The persona's welcome windows in minutes of the day, as the rubric states them. */
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

/** A window moved by `shift` minutes, wrapping around the day. */
export function shiftWindow(w: MinuteWindow, shift: number): MinuteWindow {
  if (shift === 0) return w;
  const wrap = (m: number) => ((m % 1440) + 1440) % 1440;
  return { from: wrap(w.from + shift), to: wrap(w.to + shift) };
}

/** Is `minute` inside one of the persona's welcome windows, moved by today's shift? */
export function isWelcomeTime(persona: Persona, minute: SimMinutes, shiftMinutes = 0): boolean {
  return welcomeWindows(persona).some((w) => inWindow(minute, shiftWindow(w, shiftMinutes)));
}

/**
 * Advance the time-based parts of the judge's memory at the start of a
 * scored step, before any candidate is judged: welcome time since the last
 * recommendation, and which action is in progress.
 */
export function tickJudgeMemory(persona: Persona, memory: JudgeMemory, ctx: StepContext): void {
  // A memory saved before the receptivity model has no conditions or habituation yet.
  memory.conditions ??= neutralConditions(memory.day);
  memory.heard ??= [];
  memory.actionWelcomeRecs ??= 0;
  if (isWelcomeTime(persona, ctx.minute, memory.conditions.windowShiftMinutes))
    memory.welcomeMinutesSinceRec += ctx.stepMinutes;
  if (memory.actionIndex !== ctx.actionIndex) {
    memory.actionIndex = ctx.actionIndex;
    memory.actionRecs = 0;
    memory.actionWelcomeRecs = 0;
  }
}
