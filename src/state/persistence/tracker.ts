/**
 * Which part of the store's run is saved: a cursor into its records (by
 * day) and one into its journal of inputs. Everything is read at a step
 * boundary, in one go, so a batch's records and inputs always match the
 * run's state at that moment.
 */
import type { RunInput, RunState, StepRecord } from '../../core/sim';
import type { GameState } from '../store';

export interface Tracked {
  /** Storage id; null until the run is first saved. */
  id: string | null;
  run: RunState;
  history: StepRecord[][];
  journal: RunInput[];
  /** Steps whose records are saved. */
  savedSteps: number;
  /** Steps the last saved snapshot holds. */
  snapSteps: number;
  /** Next unsaved record: history[day][idx]. */
  cursor: { day: number; idx: number };
  /** Next unsaved input: journal[inputCursor]. */
  inputCursor: number;
  /** Deleted or lost: stop saving it. */
  dead: boolean;
  /** Its createRun is in flight. */
  creating: boolean;
  /** Another tab writes it (one writer per run): shown here, never saved from here. */
  readOnly: boolean;
}

/** Steps whose records the history holds. */
export function totalSteps(history: readonly (readonly StepRecord[])[]): number {
  let n = 0;
  for (const day of history) n += day.length;
  return n;
}

/** Start tracking the store's run: saved already (`id`, everything so far) or not yet. */
export function trackRun(
  s: Pick<GameState, 'run' | 'history' | 'journal'>,
  id: string | null,
  snapSteps?: number,
): Tracked {
  const total = totalSteps(s.history);
  return {
    id,
    run: s.run,
    history: s.history,
    journal: s.journal,
    savedSteps: id ? total : 0,
    snapSteps: snapSteps ?? (id ? total : 0),
    cursor: id
      ? { day: Math.max(0, s.history.length - 1), idx: s.history.at(-1)?.length ?? 0 }
      : { day: 0, idx: 0 },
    inputCursor: id ? s.journal.length : 0,
    dead: false,
    creating: false,
    readOnly: false,
  };
}

export function countUnsaved(t: Tracked): number {
  let n = 0;
  let { day, idx } = t.cursor;
  while (day < t.history.length) {
    n += (t.history[day]?.length ?? 0) - idx;
    day++;
    idx = 0;
  }
  return n;
}

export function hasUnsavedInputs(t: Tracked): boolean {
  return t.journal.length > t.inputCursor;
}

/** Collect the records after the cursor (and move the cursor to the end). */
export function takeRecords(t: Tracked): StepRecord[] {
  const out: StepRecord[] = [];
  let { day, idx } = t.cursor;
  while (day < t.history.length) {
    const records = t.history[day] ?? [];
    while (idx < records.length) out.push(records[idx++] as StepRecord);
    if (day === t.history.length - 1) break;
    day++;
    idx = 0;
  }
  t.cursor = { day, idx };
  return out;
}

/** Collect the inputs after the cursor, runs of `advance` merged (and move the cursor). */
export function takeInputs(t: Tracked): RunInput[] {
  const out = coalesce(t.journal.slice(t.inputCursor));
  t.inputCursor = t.journal.length;
  return out;
}

/** Consecutive `advance` inputs as one (a frame journals one; storage needs fewer). */
export function coalesce(inputs: readonly RunInput[]): RunInput[] {
  const out: RunInput[] = [];
  for (const input of inputs) {
    const last = out[out.length - 1];
    if (input.type === 'advance' && last?.type === 'advance')
      out[out.length - 1] = { type: 'advance', steps: last.steps + input.steps };
    else out.push(input);
  }
  return out;
}

/** How many step records these inputs produce when replayed. */
export function stepsIn(inputs: readonly RunInput[]): number {
  let n = 0;
  for (const i of inputs) {
    if (i.type === 'advance') n += i.steps;
    else if (i.type === 'complete-step') n++;
  }
  return n;
}

/** A run that was only opened (its first step, nothing chosen): not worth a row in the list. */
export function untouched(t: Tracked, total: number): boolean {
  return total <= 1 && !t.journal.some((i) => i.type === 'set-persona');
}
