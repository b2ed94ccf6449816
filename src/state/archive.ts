/**
 * What the page keeps of a run's past, to go back to it: copies of the run
 * at the start of each day (checkpoints, from which any step of the day is
 * rebuilt: src/state/rebuild.ts), each day's plan (the map draws a past
 * moment from it) and the assistant's policy as it played each day (the
 * "what it has learned" view). Appended in place as the run goes, like the
 * history: watch the store's `version`.
 *
 * Checkpoints are taken before a day is planned, so a rebuild replays the
 * plan too. A checkpoint remembers where the store's journal stood, so a
 * rebuild replays the very inputs the run was given (a person's ratings, a
 * model's answers, a persona change); one with no journal position (`null`)
 * came from re-simulating a reopened run with the built-in agents and
 * replays with them.
 */
import { assistantEntry } from '../agents/registry';
import type { AssistantAgent } from '../core/agents';
import type { RunState, StepRecord } from '../core/sim';
import { phase } from '../core/sim';
import { absoluteStep, copyRun } from '../core/run-copy';
import type { Action } from '../core/schedule';

/** What the archive asks of the run's assistant: a cheap copy of its state, its policy. */
export type Helper = Pick<AssistantAgent<unknown>, 'copyState' | 'policySnapshot'>;

/** The helper for a run's assistant (an LLM assistant's state is copied deeply; it has no policy). */
export function helperFor(assistantId: string): Helper {
  const entry = assistantEntry(assistantId);
  return entry.needsModel ? {} : entry.agent;
}

export interface Checkpoint {
  /** The run's position: steps from day 1 00:00 (see absoluteStep). */
  at: number;
  /** A copy of the run there (shares what never changes: copyRun). */
  run: RunState;
  /**
   * Where replay continues in the store's journal: the input's index, and
   * how many steps of an `advance` there ran before the checkpoint. Null:
   * replay with the built-in agents.
   */
  journal: { index: number; skip: number } | null;
}

export interface DayInfo {
  day: number;
  /** The day's plan (the map and the timeline of a past day). */
  schedule: readonly Action[];
  /** The assistant's policy as it played the day, after the morning's training (null: none). */
  policy: unknown;
}

export interface RunArchive {
  checkpoints: Checkpoint[];
  /** By day (index 0 = day 1); a day before a reopened run's past was rebuilt may be missing. */
  days: (DayInfo | undefined)[];
}

export function emptyArchive(): RunArchive {
  return { checkpoints: [], days: [] };
}

/** The latest checkpoint at or before `at`, or undefined. */
export function checkpointBefore(archive: RunArchive, at: number): Checkpoint | undefined {
  let best: Checkpoint | undefined;
  for (const c of archive.checkpoints) if (c.at <= at && (!best || c.at >= best.at)) best = c;
  return best;
}

/** Keep a checkpoint (replacing one at the same position), in order. */
export function addCheckpoint(archive: RunArchive, checkpoint: Checkpoint): void {
  const list = archive.checkpoints;
  const same = list.findIndex((c) => c.at === checkpoint.at);
  if (same >= 0) list[same] = checkpoint;
  else {
    list.push(checkpoint);
    list.sort((a, b) => a.at - b.at);
  }
}

export function addDay(archive: RunArchive, info: DayInfo): void {
  while (archive.days.length < info.day - 1) archive.days.push(undefined);
  archive.days[info.day - 1] = info;
}

/**
 * Before a step: when the run is about to plan a day, keep a checkpoint.
 * `journal` is where the inputs from here on will be journaled.
 */
export function beforeStep(
  archive: RunArchive,
  run: RunState,
  assistant: Helper,
  journal: { index: number; skip: number },
): void {
  if (phase(run) !== 'plan') return;
  const at = absoluteStep(run);
  if (archive.checkpoints.some((c) => c.at === at)) return;
  addCheckpoint(archive, { at, run: copyRun(run, assistant), journal });
}

/** After a step: the first of a day keeps the day's plan and the policy the day is played with. */
export function afterStep(
  archive: RunArchive,
  run: RunState,
  assistant: Helper,
  record: StepRecord,
): void {
  if (archive.days[record.day - 1] || run.plannedDay !== record.day) return;
  addDay(archive, dayInfo(run, assistant));
}

/** The run's day now: its plan and its assistant's policy. */
export function dayInfo(run: RunState, assistant: Helper): DayInfo {
  return {
    day: run.plannedDay,
    schedule: run.schedule,
    policy: assistant.policySnapshot ? assistant.policySnapshot(run.assistant) : null,
  };
}
