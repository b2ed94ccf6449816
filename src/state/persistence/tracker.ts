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
  /** Next unsaved input: journal[inputCursor]; of an `advance` there, this many steps are saved already. */
  inputCursor: number;
  inputSkip: number;
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
    inputSkip: 0,
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
  const rest = t.journal.slice(t.inputCursor);
  const first = rest[0];
  if (first?.type === 'advance' && t.inputSkip > 0)
    rest[0] = { type: 'advance', steps: first.steps - t.inputSkip };
  const out = coalesce(rest.filter((i) => i.type !== 'advance' || i.steps > 0));
  t.inputCursor = t.journal.length;
  t.inputSkip = 0;
  return out;
}

/**
 * Collect at most `max` unsaved records and exactly the inputs that produced
 * them (an `advance` is split where the batch ends), so a long jump's result
 * is written in several transactions, each a sound step forward. Inputs that
 * come after the batch's last step wait for the next one.
 */
export function takeBatch(t: Tracked, max: number): { records: StepRecord[]; inputs: RunInput[] } {
  const records: StepRecord[] = [];
  let { day, idx } = t.cursor;
  while (day < t.history.length && records.length < max) {
    const list = t.history[day] ?? [];
    while (idx < list.length && records.length < max) records.push(list[idx++] as StepRecord);
    if (idx < list.length || day === t.history.length - 1) break;
    day++;
    idx = 0;
  }
  t.cursor = { day, idx };
  const inputs: RunInput[] = [];
  let need = records.length;
  let i = t.inputCursor;
  let skip = t.inputSkip;
  while (i < t.journal.length) {
    const input = t.journal[i] as RunInput;
    if (input.type === 'advance') {
      if (need === 0) break;
      const left = input.steps - skip;
      const n = Math.min(left, need);
      if (n > 0) inputs.push({ type: 'advance', steps: n });
      need -= n;
      if (n < left) {
        skip += n;
        break;
      }
      skip = 0;
    } else if (input.type === 'complete-step') {
      if (need === 0) break;
      inputs.push(input);
      need--;
    } else {
      // A plan, a begun step, a persona or line-up change: it belongs with the steps after it.
      if (need === 0) break;
      inputs.push(input);
    }
    i++;
  }
  t.inputCursor = i;
  t.inputSkip = skip;
  return { records, inputs: coalesce(inputs) };
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
