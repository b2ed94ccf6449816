/**
 * Reading a saved run back: its snapshot, the inputs after it replayed (by
 * the line-up factory's replay agents: whoever played, the inputs carry
 * their answers), and its records by day. Also which run a page opens with.
 */
import { replayAgents } from '../../agents/lineup';
import { assistantStateProblems, hasAssistant, isLlmAssistantId } from '../../agents/registry';
import type { RunState, StepRecord } from '../../core/sim';
import { restoreRun, type RunStore } from '../../storage';
import type { Cast } from '../cast';
import type { Clock } from '../ports';
import { stepsIn } from './tracker';

export interface LoadedRun {
  run: RunState;
  history: StepRecord[][];
  /** Steps rebuilt from the inputs after the snapshot. */
  replayedSteps: number;
  /** Milliseconds spent reading the run, replaying it and reading its records. */
  ms: { loadRun: number; replay: number; loadSteps: number };
}

export async function loadSavedRun(
  rs: RunStore,
  id: string,
  cast: Pick<Cast, 'ensureKit'>,
  clock: Clock,
): Promise<LoadedRun> {
  const t0 = clock.monotonic();
  const loaded = await rs.loadRun(id);
  const assistantId = loaded.snapshot.assistantId;
  if (!hasAssistant(assistantId))
    throw new Error(`the saved run uses an assistant this page does not have: "${assistantId}"`);
  // Saved by another version, or damaged: refused before any of it reaches the page.
  const problems = assistantStateProblems(assistantId, loaded.snapshot.assistant);
  if (problems.length)
    throw new Error(`the saved run's assistant state is damaged (${problems.join('; ')})`);
  // An LLM assistant's run replays without a model, but with the LLM agents' code.
  const kit = isLlmAssistantId(assistantId) ? await cast.ensureKit() : null;
  const t1 = clock.monotonic();
  const run = restoreRun(loaded, replayAgents(assistantId, kit));
  const t2 = clock.monotonic();
  const days = await rs.daysWithSteps(id);
  const perDay = await Promise.all(days.map((d) => rs.loadSteps(id, d)));
  const history: StepRecord[][] = [];
  days.forEach((d, i) => {
    while (history.length < d) history.push([]);
    history[d - 1] = perDay[i] ?? [];
  });
  const t3 = clock.monotonic();
  return {
    run,
    history,
    replayedSteps: stepsIn(loaded.inputsAfterSnapshot),
    ms: { loadRun: t1 - t0, replay: t2 - t1, loadSteps: t3 - t2 },
  };
}

/**
 * The run a page opens with: the one the URL names if it is saved here;
 * else — unless the URL chose a run — the most recent one if it is not over
 * and needs no model (an LLM assistant's run opens from the runs dialog,
 * once its engine is set up). Null: start fresh.
 */
export async function runToOpen(
  rs: RunStore,
  options: { runId?: string | null; explicitRun?: boolean },
): Promise<string | null> {
  if (options.runId) {
    const list = await rs.listRuns();
    return list.some((m) => m.id === options.runId) ? options.runId : null;
  }
  if (options.explicitRun) return null;
  const latest = (await rs.listRuns())[0];
  return latest && !latest.finished && !isLlmAssistantId(latest.assistantId) ? latest.id : null;
}
