/**
 * Simulated time. A day starts at 00:00 and is cut into steps of
 * `stepSeconds` (150 s by default, as in ProPerSim: 24 steps an hour, 576 a
 * day). Nothing here reads a clock: time is always passed in.
 */

/** Default step length, from the reference: 2.5 simulated minutes. */
export const DEFAULT_STEP_SECONDS = 150;
export const SECONDS_PER_DAY = 24 * 60 * 60;
export const MINUTES_PER_DAY = 24 * 60;

/** Minutes since 00:00 of the simulated day, possibly fractional. */
export type SimMinutes = number;

export function stepsPerDay(stepSeconds: number): number {
  if (!Number.isInteger(stepSeconds) || stepSeconds <= 0 || SECONDS_PER_DAY % stepSeconds !== 0) {
    throw new Error(`stepSeconds must be a positive whole divisor of 86400, got ${stepSeconds}`);
  }
  return SECONDS_PER_DAY / stepSeconds;
}

export function stepToMinutes(step: number, stepSeconds: number): SimMinutes {
  return (step * stepSeconds) / 60;
}

/** "07:30" -> 450. Throws on anything that is not HH:MM. */
export function parseHhmm(text: string): SimMinutes {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) throw new Error(`not a HH:MM time: "${text}"`);
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) throw new Error(`not a HH:MM time: "${text}"`);
  return hours * 60 + minutes;
}

/** 450 -> "07:30"; wraps past midnight. */
export function formatHhmm(minutes: SimMinutes): string {
  const whole = Math.floor(((minutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY);
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** 450.5 -> "07:30:30" */
export function formatHhmmss(minutes: SimMinutes): string {
  const totalSeconds = Math.round(minutes * 60);
  const s = ((totalSeconds % 60) + 60) % 60;
  return `${formatHhmm(Math.floor(totalSeconds / 60))}:${String(s).padStart(2, '0')}`;
}

/** A window [from, to) in minutes of the day; `to < from` wraps over midnight. */
export interface MinuteWindow {
  from: SimMinutes;
  to: SimMinutes;
}

export function inWindow(minute: SimMinutes, w: MinuteWindow): boolean {
  if (w.from <= w.to) return minute >= w.from && minute < w.to;
  return minute >= w.from || minute < w.to;
}
