/**
 * Pure reads of the store's history for the panels: find a step's record,
 * walk to the previous or next scored (or spoken) step across days, and the
 * training log of assistants that learn. No DOM, no store: plain data in.
 */
import type { AssistantAgent } from '../core/agents';
import type { StepRecord } from '../core/sim';

export interface StepRef {
  day: number;
  step: number;
}

/** The record of a step, or undefined when the history does not hold it (yet). */
export function recordAt(
  history: readonly (readonly StepRecord[])[],
  ref: StepRef | null,
): StepRecord | undefined {
  if (!ref) return undefined;
  const day = history[ref.day - 1];
  if (!day) return undefined;
  // Records are appended one per step from step 0, so the index is the step; fall back to a search.
  const direct = day[ref.step];
  if (direct && direct.step === ref.step) return direct;
  return day.find((r) => r.step === ref.step);
}

export type StepFilter = 'scored' | 'spoken';

export function matches(r: StepRecord, filter: StepFilter): boolean {
  return filter === 'spoken' ? r.decision === 'recommend' : r.score !== null;
}

/**
 * The nearest step before (dir -1) or after (dir +1) `from` that passes the
 * filter, crossing day boundaries; null when there is none.
 */
export function neighbourStep(
  history: readonly (readonly StepRecord[])[],
  from: StepRef,
  dir: -1 | 1,
  filter: StepFilter = 'scored',
): StepRecord | null {
  for (let d = from.day - 1; d >= 0 && d < history.length; d += dir) {
    const day = history[d] as readonly StepRecord[];
    if (day.length === 0) continue;
    let i: number;
    if (d === from.day - 1) {
      // Start next to `from` (by position when the index is the step).
      const at = day.findIndex((r) => r.step === from.step);
      i =
        at === -1
          ? dir > 0
            ? day.findIndex((r) => r.step > from.step)
            : lastBefore(day, from.step)
          : at + dir;
      if (i === -1) continue;
    } else {
      i = dir > 0 ? 0 : day.length - 1;
    }
    for (; i >= 0 && i < day.length; i += dir) {
      const r = day[i] as StepRecord;
      if (matches(r, filter)) return r;
    }
  }
  return null;
}

function lastBefore(day: readonly StepRecord[], step: number): number {
  for (let i = day.length - 1; i >= 0; i--) if ((day[i] as StepRecord).step < step) return i;
  return -1;
}

/** The latest step of the run that passes the filter. */
export function latestStep(
  history: readonly (readonly StepRecord[])[],
  filter: StepFilter = 'spoken',
): StepRecord | null {
  for (let d = history.length - 1; d >= 0; d--) {
    const day = history[d] as readonly StepRecord[];
    for (let i = day.length - 1; i >= 0; i--) {
      const r = day[i] as StepRecord;
      if (matches(r, filter)) return r;
    }
  }
  return null;
}

export interface TrainingEntry {
  day: number;
  pairs: number;
  lossBefore: number;
  lossAfter: number;
  accuracy: number;
}

/** The assistant's daily training so far, or null for an assistant that does not learn. */
export function trainingLog(
  assistant: AssistantAgent<unknown>,
  state: unknown,
): readonly TrainingEntry[] | null {
  if (!assistant.trainingLog) return null;
  try {
    return assistant.trainingLog(state);
  } catch {
    return null;
  }
}
