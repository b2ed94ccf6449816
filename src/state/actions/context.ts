/** What every group of actions works with: the store, who plays (the cast) and the stepper. */
import type { Cast } from '../cast';
import type { SpawnSimWorker } from '../ports';
import type { Stepper } from '../stepper';
import type { GameState, GameStore } from '../store';

export interface ActionContext {
  store: GameStore;
  cast: Cast;
  stepper: Stepper;
  get(): GameState;
  set(patch: Partial<GameState>): void;
  /** Runs simulation jobs off the main thread; null: jumps run in frame-sized chunks here. */
  spawnWorker: SpawnSimWorker | null;
}
