/** What every group of actions works with: the store, who plays (the cast) and the stepper. */
import type { Cast } from '../cast';
import type { Stepper } from '../stepper';
import type { GameState, GameStore } from '../store';

export interface ActionContext {
  store: GameStore;
  cast: Cast;
  stepper: Stepper;
  get(): GameState;
  set(patch: Partial<GameState>): void;
}
