/**
 * The store between the simulation and the view: a zustand vanilla store
 * of plain state (with subscribeWithSelector, so a Phaser scene or a panel
 * can watch one slice). Actions live apart, in src/state/actions/, and
 * change it only through `setState`; the view and the panels read it and
 * call those actions (src/state/game.ts puts the two together).
 *
 * The clock runs inside the step whose record is `latest`: a step's record
 * is produced when the clock reaches the start of that step, and the clock
 * then runs through the step's 2.5 simulated minutes, which is what lets
 * the view walk the persona smoothly between steps.
 *
 * `run`, `history` and `journal` are appended or mutated in place as steps
 * run (an experiment-sized run is too big to copy per step), so selectors
 * on them never see a change: watch `version` instead.
 */
import { subscribeWithSelector } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PendingRating } from '../agents/user/human';
import type { LineUp } from '../core/lineup';
import type { Persona } from '../core/persona';
import type { RunInput, RunState, StepRecord } from '../core/sim';
import type { DaySummary } from '../core/metrics';
import type { RunArchive } from './archive';
import type { WhatIfResult } from './what-if';
import type { EngineView } from './engine/view';
import type { RunStats } from './history';
import type { JumpProgress, JumpTarget } from './jump';
import type { SavingStatus } from './persistence/status';
import type { StepRef, TrainingEntry } from './selectors';
import type { Speed } from './speed';

export {
  SPEEDS,
  WALK_WATCH_SPEED,
  parseSpeed,
  simSecondsPerRealSecond,
  speedLabel,
  type Speed,
} from './speed';
export { appendHistory, type RunStats } from './history';
export { jumpIsBehind, type JumpProgress, type JumpTarget } from './jump';

/** What the controls show as chosen: the run's persona, assistant and seed. */
export interface Selection {
  personaId: string;
  assistantId: string;
  seed: string;
}

export interface Playback {
  playing: boolean;
  speed: Speed;
  /** Sleep (nights and naps) plays at turbo speed whatever the speed: nothing happens then. */
  fastSleep: boolean;
  /** Walks from room to room play at WALK_WATCH_SPEED (8×) at most, short of turbo, so they are seen. */
  watchWalks: boolean;
}

/** The simulated time the view shows: the day and the (fractional) minute of that day. */
export interface SimClock {
  day: number;
  minute: number;
}

export interface GameState {
  selection: Selection;
  /** The personas to choose from: the bundled ones and any the user made or imported. */
  personas: readonly Persona[];

  /** The run (mutated in place by dispatch: watch `version`). */
  run: RunState;
  /** Who plays which role in the run: `run.lineup`, as a value that changes identity when it changes. */
  lineup: LineUp;
  /**
   * Every input dispatched on `run` since it was started or opened, in
   * order (appended in place): persistence saves them, and replaying them
   * on the run's starting state gives the run again.
   */
  journal: RunInput[];
  /** Every record of the run so far, by day (index 0 = day 1), appended in place. */
  history: StepRecord[][];
  /** The run's past kept to go back to it: day checkpoints, plans, policies (appended in place). */
  archive: RunArchive;
  /** The record of the step the clock is in (null before the first step). */
  latest: StepRecord | null;
  /** The most recent step at which the assistant spoke. */
  lastSpoken: StepRecord | null;
  stats: RunStats;
  /** The assistant's daily training so far; null for an assistant that does not learn. */
  training: readonly TrainingEntry[] | null;
  finished: boolean;
  /** Bumped whenever the run changes (steps run, new run, a persona or line-up change). */
  version: number;

  clock: SimClock;
  playback: Playback;
  /** A jump in progress (in a worker, or in chunks one per frame), or null. */
  jump: JumpTarget | null;
  /** How far the jump in progress has got (steps of `total`), for its progress bar. */
  jumpProgress: JumpProgress | null;
  /** A past moment the view shows instead of the live one (time travel), or null: now. */
  travel: SimClock | null;
  /** How the map is shown: its zoom and camera (presenter mode is `presenter`, below). */
  view: ViewSettings;
  /** "What if" for a step (the inspector's), or null. */
  whatIf: WhatIfState | null;
  /** A second assistant run on the same persona and seed, for comparison, or null. */
  compare: CompareRun | null;
  /** The persona's or the robot's card (a click on the map), or null. */
  who: WhoCard | null;
  /** What a step in progress waits for ("the model", "your rating"), or null. */
  busy: string | null;
  /** Why the last action was refused, in words; null when it went through. */
  error: string | null;

  /** The step the inspector shows (null: none). */
  selected: StepRef | null;
  /** Suggestions waiting for the person's rating (when a person judges), oldest first. */
  ratings: readonly PendingRating[];
  /** Where saving stands (src/state/persistence). */
  saving: SavingStatus;
  /** The model engine in use and what it costs (src/state/engine). */
  engine: EngineView;
  /** Presenter mode: large type on the map for a projector (the page keeps the preference). */
  presenter: boolean;
}

export type GameStore = StoreApi<GameState> & {
  subscribe: {
    (listener: (state: GameState, prev: GameState) => void): () => void;
    <U>(
      selector: (state: GameState) => U,
      listener: (selected: U, previous: U) => void,
      options?: { equalityFn?: (a: U, b: U) => boolean; fireImmediately?: boolean },
    ): () => void;
  };
};

export interface ViewSettings {
  /** The map's zoom (1: the whole home). */
  zoom: number;
  /** The map's camera follows the persona (when zoomed in). */
  follow: boolean;
}

export const DEFAULT_VIEW: ViewSettings = { zoom: 1, follow: true };

export interface WhatIfState {
  ref: StepRef;
  result: WhatIfResult | null;
  error: string | null;
}

/** A comparison run: the same persona, seed and days with another assistant. */
export interface CompareRun {
  assistantId: string;
  label: string;
  /** Its records by day ('light': without the assistant's explanations). */
  history: StepRecord[][];
  days: DaySummary[];
  /** Its run (kept to take it further when the main run moves on). */
  run: RunState;
  /** Running in the worker: how far it has got; null when idle. */
  progress: { done: number; total: number } | null;
  error: string | null;
}

/** A card for the persona or the robot at the moment shown. */
export interface WhoCard {
  who: 'persona' | 'robot';
  day: number;
  minute: number;
  title: string;
  lines: string[];
  /** The day's plan (the persona's card). */
  plan: { time: string; label: string; now: boolean }[];
}

export function createGameStore(initial: GameState): GameStore {
  return createStore<GameState>()(subscribeWithSelector(() => initial)) as GameStore;
}
