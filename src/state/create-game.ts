/**
 * The game's state layer put together: the store (plain state), who plays
 * (the cast, built from the run's line-up) and the actions, grouped by
 * concern in src/state/actions/. Views read `store`; panels read `store`
 * and call `actions`. Persistence (persistence/) and the engine controller
 * (engine/) are subscribers added by main.ts.
 */
import type { Persona } from '../core/persona';
import { builtinLineUp } from '../core/lineup';
import type { RunConfig } from '../core/sim';
import type { ActionContext } from './actions/context';
import { compareActions, type CompareActions } from './actions/compare';
import { exploreActions, type ExploreActions } from './actions/explore';
import { displayActions, type DisplayActions } from './actions/display';
import { jumpActions, type JumpActions } from './actions/jump';
import { viewActions, type ViewActions } from './actions/view';
import { lineUpActions, type LineUpActions } from './actions/lineup';
import { playbackActions, type PlaybackActions } from './actions/playback';
import { runActions, startRun, type RunActions } from './actions/run';
import { selectionActions, type SelectionActions } from './actions/selection';
import { createCast, type Cast } from './cast';
import { NO_ENGINE } from './engine/view';
import { INITIAL_SAVING } from './persistence/status';
import type { SpawnSimWorker } from './ports';
import type { Speed } from './speed';
import { createStepper, type Stepper } from './stepper';
import {
  createGameStore,
  DEFAULT_VIEW,
  type GameState,
  type GameStore,
  type Selection,
} from './store';
import type { runFields } from './records';

export type GameActions = PlaybackActions &
  RunActions &
  JumpActions &
  SelectionActions &
  LineUpActions &
  DisplayActions &
  ExploreActions &
  CompareActions &
  ViewActions;

export interface Game {
  store: GameStore;
  actions: GameActions;
  /** Who plays: the engine controller gives it a model; persistence asks it for replay code. */
  cast: Cast;
  stepper: Stepper;
}

/** What the panels get: the store to read, the actions to call. */
export type GameView = Pick<Game, 'store' | 'actions'>;

export interface GameOptions {
  personas: readonly Persona[];
  /** The first run (its first step runs at once). */
  initial: Selection;
  initialSpeed?: Speed;
  /** Start in presenter mode (the page's remembered preference). */
  presenter?: boolean;
  runConfig?: Partial<Omit<RunConfig, 'seed'>>;
  /** A worker for jumps and comparison runs (src/state/sim-worker/); without it jumps run in chunks per frame. */
  spawnSimWorker?: SpawnSimWorker;
}

export function createGame(options: GameOptions): Game {
  const cast = createCast();
  const store = createGameStore(firstState(options, cast));
  const stepper = createStepper(store, cast);
  const ctx: ActionContext = {
    store,
    cast,
    stepper,
    get: () => store.getState(),
    set: (patch) => store.setState(patch),
    spawnWorker: options.spawnSimWorker ?? null,
  };
  const run = runActions(ctx, options.runConfig ?? {});
  const actions: GameActions = {
    ...playbackActions(ctx),
    ...run,
    ...jumpActions(ctx, run),
    ...selectionActions(ctx),
    ...lineUpActions(ctx),
    ...displayActions(ctx),
    ...exploreActions(ctx),
    ...compareActions(ctx),
    ...viewActions(ctx),
  };
  // The person's queue of suggestions to rate, mirrored for the rating panel.
  cast.person.subscribe((pending) => store.setState({ ratings: pending }));
  return { store, actions, cast, stepper };
}

/** The first run, its first step already run (as a new run's is). */
function firstState(options: GameOptions, cast: Cast): GameState {
  const base = {
    personas: options.personas,
    lineup: builtinLineUp(options.initial.assistantId),
  };
  const started = startRun(cast, base, options.initial, options.runConfig ?? {});
  if (!started.ok) throw new Error(started.error);
  return {
    ...(started.fields as Pick<GameState, keyof ReturnType<typeof runFields>>),
    selection: options.initial,
    personas: options.personas,
    version: 0,
    playback: {
      playing: false,
      speed: options.initialSpeed ?? 8,
      fastSleep: true,
      watchWalks: true,
    },
    error: null,
    ratings: [],
    saving: INITIAL_SAVING,
    engine: NO_ENGINE,
    presenter: options.presenter ?? false,
    view: DEFAULT_VIEW,
  };
}
