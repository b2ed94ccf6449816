/**
 * Copies of a run, made cheaply enough to keep one per simulated day (time
 * travel, "what if", the policy of each day): everything the loop mutates in
 * place is copied; what it only replaces or appends to is shared. A day-14
 * run is ~1.3 MB of JSON and a deep copy takes 50–150 ms, too long for a
 * frame; this copy shares the persona, the day's plan, the day summaries'
 * objects and (through the assistant's `copyState`) its memory records.
 */
import type { AssistantAgent } from './agents';
import type { RunState } from './sim';
import { stepsPerDay } from './time';

/** The position of a run as a count of steps from day 1 00:00 (the step it runs next). */
export function absoluteStep(run: Pick<RunState, 'config' | 'day' | 'step'>): number {
  return (run.day - 1) * stepsPerDay(run.config.stepSeconds) + run.step;
}

/** The day and step of an absolute step index. */
export function stepAt(
  run: Pick<RunState, 'config'>,
  absolute: number,
): { day: number; step: number } {
  const perDay = stepsPerDay(run.config.stepSeconds);
  return { day: Math.floor(absolute / perDay) + 1, step: absolute % perDay };
}

/**
 * A copy of `run` that the original's later steps cannot change (and that
 * can itself be stepped on without changing the original). The assistant's
 * state is copied by `assistant.copyState` when it has one, else deeply.
 */
export function copyRun<S>(
  run: RunState<S>,
  assistant?: Pick<AssistantAgent<S>, 'copyState'>,
): RunState<S> {
  const copyState = assistant?.copyState;
  return {
    ...run,
    config: { ...run.config },
    // Replaced whole by set-persona, never changed in place.
    persona: run.persona,
    lineup: { ...run.lineup, engine: run.lineup.engine ? { ...run.lineup.engine } : null },
    rng: structuredClone(run.rng),
    // Replaced whole by each day's plan.
    schedule: run.schedule,
    judgeMemory: structuredClone(run.judgeMemory),
    assistant: copyState ? copyState(run.assistant) : structuredClone(run.assistant),
    today: structuredClone(run.today),
    days: [...run.days],
    conditions: run.conditions ? { ...run.conditions } : null,
    pending: run.pending ? structuredClone(run.pending) : null,
  };
}
