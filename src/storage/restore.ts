/**
 * Rebuild a saved run's current state: its snapshot with the inputs saved
 * after it dispatched again. Runs are deterministic, so this gives back the
 * state as of the last saved batch, mid-day included.
 *
 * Runs driven step by step (LLM engines) record 'begin-step' and
 * 'complete-step'. Live, the assistant proposed between the two, and a
 * learning assistant's `propose` changes its state (the proposal `learn`
 * reads back, draws from its random stream). Replaying only the recorded
 * inputs would skip that, so the assistant is asked to propose again at the
 * same point, as the live loop did; the recorded candidates are what gets
 * judged. An assistant that answers asynchronously (a model) should not be
 * asked again: restore with `repropose: false`, and keep its state out of
 * `propose` (its proposal is in the recorded input).
 */
import { Rng } from '../core/rng';
import { dispatch, type Agents, type RunState } from '../core/sim';
import { copy, type LoadedRun } from './types';

export interface RestoreOptions {
  /** Ask a synchronous assistant to propose again before each recorded 'complete-step' (default true). */
  repropose?: boolean;
}

export function restoreRun<S = unknown>(
  loaded: LoadedRun,
  agents: Agents<S>,
  options: RestoreOptions = {},
): RunState<S> {
  const repropose = options.repropose ?? true;
  const run = copy(loaded.snapshot) as RunState<S>;
  loaded.inputsAfterSnapshot.forEach((input, i) => {
    try {
      const obs = run.pending?.obs;
      if (repropose && input.type === 'complete-step' && obs) {
        const a = agents.assistant;
        const answer = a.propose(
          run.assistant,
          obs,
          new Rng(run.rng.assistant),
          a.candidatesPerStep,
        );
        // Not awaited: the recorded input already holds what it answered.
        if (answer instanceof Promise) answer.catch(() => undefined);
      }
      dispatch(run, agents, input);
    } catch (err) {
      throw new Error(
        `cannot rebuild run "${loaded.meta.name}": saved input ${i + 1} (${input.type}) failed: ${(err as Error).message}`,
        { cause: err },
      );
    }
  });
  return run;
}
