/**
 * Running the store's run: steps that answer at once (the built-in
 * line-up) run inside a frame and are journaled as one `advance` input;
 * steps that wait for someone (a model, a person rating) run one at a time
 * through advanceAsync, which journals each input it dispatches
 * (start-day, begin-step, complete-step with the answers), so a saved run
 * rebuilds from its inputs whoever played it.
 */
import {
  advanceAsync,
  dispatch,
  isFinished,
  type Agents,
  type RunInput,
  type RunState,
  type StepRecord,
} from '../core/sim';
import { absoluteStep } from '../core/run-copy';
import { afterStep, beforeStep } from './archive';
import { answersLater, waitingFor, type Cast } from './cast';
import { afterRecords } from './records';
import { trainingLog, type TrainingEntry } from './selectors';
import type { GameState, GameStore, SimClock } from './store';

/** Asleep steps asked of nobody run back to back, at most this many per frame. */
export const MAX_STEPS_PER_FRAME = 16;

const refuse = (): never => {
  throw new Error('this input needs no agents');
};

/** Agents for inputs that change the run without asking anyone (a persona or line-up change). */
const NO_AGENTS: Agents = {
  user: { id: 'none', planDay: refuse, judge: refuse },
  assistant: {
    id: 'none',
    label: 'none',
    candidatesPerStep: 1,
    init: refuse,
    startDay: refuse,
    propose: refuse,
    learn: refuse,
  },
};

/** Dispatch an input that asks no agent (set-persona, set-lineup) and journal it. */
export function dispatchPlain(s: Pick<GameState, 'run' | 'journal'>, input: RunInput): void {
  dispatch(s.run, NO_AGENTS, input);
  s.journal.push(input);
}

/** What running a step reads and keeps: the run, its players, its journal and its archive. */
export type StepFields = Pick<GameState, 'run' | 'lineup' | 'archive' | 'journal' | 'stats'>;

/**
 * Run one step with agents that answer at once; its record, undefined when
 * the run is over. Throws. The archive keeps a checkpoint before a day is
 * planned and the day's plan after (src/state/archive.ts); the step's own
 * `advance` is journaled by the caller after the records it publishes
 * (`stats.stepsTotal`), so steps run since are skipped by a replay from here.
 */
export function stepNow(cast: Cast, s: StepFields): StepRecord | undefined {
  if (isFinished(s.run)) return undefined;
  const agents = cast.agentsFor(s.run, s.lineup);
  beforeStep(s.archive, s.run, agents.assistant, {
    index: s.journal.length,
    skip: absoluteStep(s.run) - s.stats.stepsTotal,
  });
  const record = dispatch(s.run, agents, { type: 'advance', steps: 1 })[0];
  if (record) afterStep(s.archive, s.run, agents.assistant, record);
  return record;
}

/** The assistant's training log (a copy), or null when it does not learn or cannot be built here. */
export function trainingOf(
  cast: Cast,
  s: Pick<GameState, 'run' | 'lineup'>,
): readonly TrainingEntry[] | null {
  let a: Agents;
  try {
    a = cast.agentsFor(s.run, s.lineup);
  } catch {
    return null;
  }
  const log = trainingLog(a.assistant, s.run.assistant);
  return log ? [...log] : null;
}

export interface Stepper {
  /** Does the run's line-up wait for someone? Then it steps one at a time (`stepLater`). */
  answersLater(s: GameState): boolean;
  /** The agents playing the run now (throws, saying why, when its line-up cannot be played here). */
  agents(s: GameState): Agents;
  /** Run one step with agents that answer at once; its record, undefined when the run is over. Throws. */
  stepNow(s: GameState): StepRecord | undefined;
  /** Journal the steps `stepNow` ran and publish their records. */
  commit(records: readonly StepRecord[], extra?: Partial<GameState>, clock?: SimClock): void;
  /** The fields after these records (history appended in place), for an action's own setState. */
  fieldsAfter(s: GameState, records: readonly StepRecord[], clock?: SimClock): Partial<GameState>;
  /** The assistant's training log, for the run on screen. */
  training(s: GameState): readonly TrainingEntry[] | null;
  /** Start one step that may wait (a model, a person); `busy` says for what. */
  stepLater(): void;
  /** Let asleep steps run back to back again (a new frame). */
  newFrame(): void;
  /** Drop the step in flight (a new run, a saved run opened). */
  abort(): void;
}

export function createStepper(store: GameStore, cast: Cast): Stepper {
  /** The step in flight when the agents answer later; aborted by a new run. */
  let inFlight: AbortController | null = null;
  /** Asleep steps run back to back this frame (they ask nobody, so nothing waits on them). */
  let asleepChain = 0;

  const agents = (s: GameState): Agents => cast.agentsFor(s.run, s.lineup);

  const training = (s: Pick<GameState, 'run' | 'lineup'>): readonly TrainingEntry[] | null =>
    trainingOf(cast, s);

  const fieldsAfter = (
    s: GameState,
    records: readonly StepRecord[],
    clock?: SimClock,
  ): Partial<GameState> => afterRecords(s, records, () => training(s), clock);

  const stepper: Stepper = {
    answersLater: (s) => answersLater(s.lineup),
    agents,
    training,
    fieldsAfter,
    stepNow: (s) => stepNow(cast, s),
    commit(records, extra = {}, clock) {
      const s = store.getState();
      if (records.length > 0) s.journal.push({ type: 'advance', steps: records.length });
      store.setState({ ...fieldsAfter(s, records, clock), ...extra });
    },
    newFrame() {
      asleepChain = 0;
    },
    abort() {
      inFlight?.abort();
      inFlight = null;
    },
    stepLater() {
      const s = store.getState();
      if (s.busy || s.finished || isFinished(s.run)) return;
      let playing: Agents;
      try {
        playing = agents(s);
      } catch (err) {
        store.setState({
          playback: { ...s.playback, playing: false },
          error: `the step is paused: ${(err as Error).message}`,
        });
        return;
      }
      const controller = new AbortController();
      inFlight = controller;
      const { run, journal, archive } = s;
      beforeStep(archive, run, playing.assistant, { index: journal.length, skip: 0 });
      store.setState({ busy: waitingFor(s.lineup) });
      const record = (input: RunInput): void => void journal.push(input);
      advanceAsync(run, playing, 1, undefined, controller.signal, record).then(
        (records) => {
          const rec = records[0];
          if (rec && store.getState().run === run) afterStep(archive, run, playing.assistant, rec);
          settled(run, controller, records);
        },
        (err: unknown) => failed(run, controller, err),
      );
    },
  };

  function settled(run: RunState, controller: AbortController, records: StepRecord[]): void {
    if (controller.signal.aborted || store.getState().run !== run) return;
    inFlight = null;
    const now = store.getState();
    const rec = records[0];
    if (!rec) {
      store.setState({ busy: null, finished: isFinished(run) });
      return;
    }
    const over = isFinished(run);
    store.setState({
      ...fieldsAfter(now, records),
      busy: null,
      finished: over,
      ...(over ? { playback: { ...now.playback, playing: false } } : {}),
    });
    // Sleep plays fast whatever the agents: asleep steps ask nobody, so run them on.
    const after = store.getState();
    if (
      rec.asleep &&
      after.playback.playing &&
      after.playback.fastSleep &&
      !after.finished &&
      asleepChain < MAX_STEPS_PER_FRAME
    ) {
      asleepChain++;
      stepper.stepLater();
    }
  }

  function failed(run: RunState, controller: AbortController, err: unknown): void {
    if (controller.signal.aborted || store.getState().run !== run) return;
    inFlight = null;
    const now = store.getState();
    // The run changes only when a step completes, so it is still sound: pause and say why.
    store.setState({
      busy: null,
      playback: { ...now.playback, playing: false },
      error: `the step is paused: ${(err as Error).message}`,
    });
  }

  return stepper;
}
