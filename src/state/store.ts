/**
 * The store between the simulation and the view: a zustand vanilla store
 * (with subscribeWithSelector, so a Phaser scene can watch one slice). It
 * owns the run, the playback settings and a continuous simulated clock; the
 * view and the panels only read it and call its actions.
 *
 * The clock runs inside the step whose record is `latest`: a step's record is
 * produced when the clock reaches the start of that step, and the clock then
 * runs through the step's 2.5 simulated minutes, which is what lets the view
 * walk the persona smoothly between steps.
 *
 * The run is mutated in place by `dispatch` (see src/core/sim.ts), so
 * selectors on `run` never see a change: watch `version` instead.
 */
import { subscribeWithSelector } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AssistantAgent, UserAgent } from '../core/agents';
import type { Persona } from '../core/persona';
import {
  createRun,
  dispatch,
  isFinished,
  type Agents,
  type RunConfig,
  type RunState,
  type StepRecord,
} from '../core/sim';
import { MINUTES_PER_DAY } from '../core/time';

/** Playback speeds: simulated seconds per real second, or a whole day in ~1.5 s. */
export type Speed = 1 | 8 | 64 | 512 | 'turbo';
export const SPEEDS: readonly Speed[] = [1, 8, 64, 512, 'turbo'];

/** Turbo plays a day (86 400 simulated seconds, 576 steps) in about 1.5 real seconds. */
const TURBO_SIM_SECONDS_PER_REAL_SECOND = 86_400 / 1.5;
/** Per-frame work stays bounded: at most this many steps run in one frame... */
export const MAX_STEPS_PER_FRAME = 16;
/** ...and a long frame (tab switch, breakpoint) counts as at most this much real time. */
const MAX_FRAME_SECONDS = 0.1;
/** The clock never reaches the end of the last step of a finished run (it would read 00:00). */
const END_EPSILON_MINUTES = 1e-6;

export function simSecondsPerRealSecond(speed: Speed): number {
  return speed === 'turbo' ? TURBO_SIM_SECONDS_PER_REAL_SECOND : speed;
}

export function speedLabel(speed: Speed): string {
  return speed === 'turbo' ? 'Turbo' : `${speed}×`;
}

export function parseSpeed(text: string): Speed | null {
  return SPEEDS.find((s) => String(s) === text) ?? null;
}

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
}

/** The simulated time the view shows: the day and the (fractional) minute of that day. */
export interface Clock {
  day: number;
  minute: number;
}

export interface RunStats {
  /** Mean score of today's scored steps; null before the first waking step. */
  meanToday: number | null;
  scoredToday: number;
  recsToday: number;
  /** Recommendations delivered since the run started. */
  recsTotal: number;
  stepsTotal: number;
}

export interface GameState {
  selection: Selection;
  run: RunState;
  agents: Agents;
  playback: Playback;
  clock: Clock;
  /** The record of the step the clock is in (null only if the run could not start). */
  latest: StepRecord | null;
  /** Today's records so far, oldest first (reset at each new day). */
  today: readonly StepRecord[];
  /** The most recent step at which the assistant spoke. */
  lastSpoken: StepRecord | null;
  stats: RunStats;
  finished: boolean;
  /** Bumped whenever the run changes (steps run, new run). */
  version: number;
  /** Why the last action was refused, in words; null when it went through. */
  error: string | null;
  /**
   * Every record of the run so far, by day (index 0 = day 1). Appended in
   * place as steps run (watch `version`); the timeline, charts and inspector
   * read it.
   */
  history: StepRecord[][];
  /** The step the inspector shows (null: none). */
  selected: { day: number; step: number } | null;

  /** Show one step in the inspector (null closes it). */
  select(target: { day: number; step: number } | null): void;

  play(): void;
  pause(): void;
  togglePlay(): void;
  /** Pause and run exactly one step (the clock jumps to its start). */
  step(): void;
  setSpeed(speed: Speed): void;
  setFastSleep(on: boolean): void;
  newRun(personaId: string, assistantId: string, seed: string): void;
  /** Advance the clock by `realSeconds` of real time at the current speed (the driver calls this). */
  advance(realSeconds: number): void;
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

export interface GameDeps {
  personas: readonly Persona[];
  assistants: readonly AssistantAgent<unknown>[];
  user: UserAgent;
  initial: Selection;
  initialSpeed?: Speed;
  runConfig?: Partial<Omit<RunConfig, 'seed'>>;
}

const EMPTY_STATS: RunStats = {
  meanToday: null,
  scoredToday: 0,
  recsToday: 0,
  recsTotal: 0,
  stepsTotal: 0,
};

/** Fold a batch of records into the stats (today's counters reset when a new day starts). */
function foldStats(stats: RunStats, records: readonly StepRecord[], startDay: number): RunStats {
  let { scoredToday, recsToday, recsTotal, stepsTotal } = stats;
  let sumToday = stats.meanToday === null ? 0 : stats.meanToday * stats.scoredToday;
  let day = startDay;
  for (const r of records) {
    if (r.day !== day) {
      day = r.day;
      scoredToday = 0;
      recsToday = 0;
      sumToday = 0;
    }
    stepsTotal++;
    if (r.score !== null) {
      scoredToday++;
      sumToday += r.score;
    }
    if (r.decision === 'recommend') {
      recsToday++;
      recsTotal++;
    }
  }
  return {
    meanToday: scoredToday > 0 ? sumToday / scoredToday : null,
    scoredToday,
    recsToday,
    recsTotal,
    stepsTotal,
  };
}

/** Add records to the per-day history in place; returns it. */
export function appendHistory(
  history: StepRecord[][],
  records: readonly StepRecord[],
): StepRecord[][] {
  for (const r of records) {
    while (history.length < r.day) history.push([]);
    (history[r.day - 1] as StepRecord[]).push(r);
  }
  return history;
}

function lastRecommendation(records: readonly StepRecord[]): StepRecord | null {
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i] as StepRecord;
    if (r.decision === 'recommend') return r;
  }
  return null;
}

export function createGameStore(deps: GameDeps): GameStore {
  const findPersona = (id: string): Persona | undefined => deps.personas.find((p) => p.id === id);
  const findAssistant = (id: string): AssistantAgent<unknown> | undefined =>
    deps.assistants.find((a) => a.id === id);

  /** A fresh run with its first step already run, so the view has a schedule to draw. */
  function freshRun(
    selection: Selection,
  ): Pick<
    GameState,
    | 'selection'
    | 'run'
    | 'agents'
    | 'clock'
    | 'latest'
    | 'today'
    | 'lastSpoken'
    | 'stats'
    | 'finished'
    | 'history'
    | 'selected'
  > {
    const persona = findPersona(selection.personaId);
    const assistant = findAssistant(selection.assistantId);
    if (!persona) throw new Error(`unknown persona "${selection.personaId}"`);
    if (!assistant) throw new Error(`unknown assistant "${selection.assistantId}"`);
    // The inspector shows what the assistant saw at each step, so ask it to explain.
    const agents: Agents = { user: deps.user, assistant, explain: true };
    const run = createRun(persona, agents, { ...deps.runConfig, seed: selection.seed });
    const first = dispatch(run, agents, { type: 'advance', steps: 1 });
    const latest = first[0] ?? null;
    return {
      selection,
      run,
      agents,
      clock: { day: latest?.day ?? 1, minute: latest?.minute ?? 0 },
      latest,
      today: first,
      lastSpoken: lastRecommendation(first),
      stats: foldStats(EMPTY_STATS, first, 1),
      finished: isFinished(run) && first.length === 0,
      history: appendHistory([], first),
      selected: null,
    };
  }

  return createStore<GameState>()(
    subscribeWithSelector((set, get) => ({
      ...freshRun(deps.initial),
      playback: { playing: false, speed: deps.initialSpeed ?? 8, fastSleep: true },
      version: 0,
      error: null,

      play() {
        const s = get();
        if (s.finished || s.playback.playing) return;
        set({ playback: { ...s.playback, playing: true }, error: null });
      },
      pause() {
        const s = get();
        if (!s.playback.playing) return;
        set({ playback: { ...s.playback, playing: false } });
      },
      togglePlay() {
        if (get().playback.playing) get().pause();
        else get().play();
      },
      setSpeed(speed) {
        const s = get();
        if (s.playback.speed !== speed) set({ playback: { ...s.playback, speed } });
      },
      setFastSleep(on) {
        const s = get();
        if (s.playback.fastSleep !== on) set({ playback: { ...s.playback, fastSleep: on } });
      },
      select(target) {
        set({ selected: target });
      },
      newRun(personaId, assistantId, seed) {
        const selection: Selection = { personaId, assistantId, seed: seed.trim() || '1' };
        try {
          const fresh = freshRun(selection);
          set((s) => ({ ...fresh, version: s.version + 1, error: null }));
        } catch (err) {
          set({ error: (err as Error).message });
        }
      },
      step() {
        const s = get();
        const playback = { ...s.playback, playing: false };
        if (s.finished || isFinished(s.run)) {
          set({ playback, finished: true });
          return;
        }
        let records: StepRecord[];
        try {
          records = dispatch(s.run, s.agents, { type: 'advance', steps: 1 });
        } catch (err) {
          set({ playback, error: `the step failed: ${(err as Error).message}` });
          return;
        }
        const rec = records[0];
        if (!rec) return;
        appendHistory(s.history, records);
        const newDay = rec.day !== s.clock.day;
        set({
          playback,
          clock: { day: rec.day, minute: rec.minute },
          latest: rec,
          today: newDay ? [rec] : [...s.today, rec],
          lastSpoken: rec.decision === 'recommend' ? rec : s.lastSpoken,
          stats: foldStats(s.stats, records, s.clock.day),
          version: s.version + 1,
        });
      },
      advance(realSeconds) {
        const s = get();
        if (!s.playback.playing || s.finished || !s.latest) return;
        const dt = Math.min(Math.max(realSeconds, 0), MAX_FRAME_SECONDS);
        const stepMinutes = s.run.config.stepSeconds / 60;
        let current = s.latest;
        // The clock, in minutes since the start of `current.day`.
        const sleeping = s.playback.fastSleep && s.latest.decision === 'asleep';
        const rate = simSecondsPerRealSecond(sleeping ? 'turbo' : s.playback.speed);
        let minute = s.clock.minute + (dt * rate) / 60;
        const records: StepRecord[] = [];
        let finished = false;
        let failure: string | null = null;
        while (minute >= current.minute + stepMinutes) {
          if (isFinished(s.run)) {
            finished = true;
            minute = current.minute + stepMinutes - END_EPSILON_MINUTES;
            break;
          }
          if (records.length >= MAX_STEPS_PER_FRAME) {
            // Drop the debt rather than pile it up: the next frame starts from here.
            minute = current.minute + stepMinutes - END_EPSILON_MINUTES;
            break;
          }
          let rec: StepRecord | undefined;
          try {
            rec = dispatch(s.run, s.agents, { type: 'advance', steps: 1 })[0];
          } catch (err) {
            // An agent failed (or answered asynchronously): stop here and say why.
            failure = `the step failed: ${(err as Error).message}`;
            minute = current.minute + stepMinutes - END_EPSILON_MINUTES;
            break;
          }
          if (!rec) break;
          if (rec.day !== current.day) minute -= MINUTES_PER_DAY * (rec.day - current.day);
          records.push(rec);
          current = rec;
        }
        const stop = finished || failure !== null;
        const ending = {
          ...(stop ? { playback: { ...s.playback, playing: false } } : {}),
          ...(finished ? { finished } : {}),
          ...(failure !== null ? { error: failure } : {}),
        };
        if (records.length === 0) {
          set({ clock: { day: current.day, minute }, ...ending });
          return;
        }
        appendHistory(s.history, records);
        let today: StepRecord[];
        const firstNewDay = records.findIndex((r) => r.day !== s.clock.day);
        if (firstNewDay === -1) today = [...s.today, ...records];
        else today = records.slice(firstNewDay).filter((r) => r.day === current.day);
        set({
          clock: { day: current.day, minute },
          latest: current,
          today,
          lastSpoken: lastRecommendation(records) ?? s.lastSpoken,
          stats: foldStats(s.stats, records, s.clock.day),
          version: s.version + 1,
          ...ending,
        });
      },
    })),
  ) as GameStore;
}

export interface FrameSource {
  request(callback: (now: number) => void): number;
  cancel(handle: number): void;
}

/**
 * The playback driver: every animation frame, advance the store by the real
 * time since the last frame. Returns a function that stops it.
 */
export function startPlaybackDriver(
  store: GameStore,
  frames: FrameSource = {
    request: (cb) => requestAnimationFrame(cb),
    cancel: (h) => cancelAnimationFrame(h),
  },
): () => void {
  let last: number | null = null;
  let handle = 0;
  let stopped = false;
  const frame = (now: number): void => {
    if (stopped) return;
    if (last !== null) store.getState().advance((now - last) / 1000);
    last = now;
    handle = frames.request(frame);
  };
  handle = frames.request(frame);
  return () => {
    stopped = true;
    frames.cancel(handle);
  };
}
