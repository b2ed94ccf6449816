/**
 * Rebuild a saved run's current state: its snapshot with the inputs saved
 * after it dispatched again. Runs are deterministic and `propose` changes
 * nothing in a run (its randomness is derived per step, its memo travels in
 * the recorded 'complete-step'), so replaying the recorded inputs gives back
 * the state as of the last saved batch, mid-day included, whatever engine
 * produced them.
 */
import { withLineUp } from '../core/lineup';
import { dispatch, type Agents, type RunState } from '../core/sim';
import { copy, type LoadedRun } from './types';

export function restoreRun<S = unknown>(loaded: LoadedRun, agents: Agents<S>): RunState<S> {
  // A snapshot from before line-ups were recorded gets the built-in one it ran with.
  const run = withLineUp(copy(loaded.snapshot)) as RunState<S>;
  loaded.inputsAfterSnapshot.forEach((input, i) => {
    try {
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
