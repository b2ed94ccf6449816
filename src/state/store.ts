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
  advanceAsync,
  createRun,
  dispatch,
  isFinished,
  type Agents,
  type RunConfig,
  type RunState,
  type StepRecord,
} from '../core/sim';
import { MINUTES_PER_DAY } from '../core/time';
import {
  EMPTY_STATS,
  appendHistory,
  foldStats,
  lastRecommendation,
  nextToday,
  type RunStats,
} from './history';
import { jumpArrived, jumpIsBehind, targetStep, type JumpTarget } from './jump';
import { simSecondsPerRealSecond, type Speed } from './speed';

export { SPEEDS, parseSpeed, simSecondsPerRealSecond, speedLabel, type Speed } from './speed';
export { appendHistory, type RunStats } from './history';
export { startPlaybackDriver, type FrameSource } from './driver';
export { jumpIsBehind, type JumpTarget } from './jump';

/** Per-frame work stays bounded: at most this many steps run in one frame... */
export const MAX_STEPS_PER_FRAME = 16;
/** ...and a long frame (tab switch, breakpoint) counts as at most this much real time. */
const MAX_FRAME_SECONDS = 0.1;
/** The clock never reaches the end of the last step of a finished run (it would read 00:00). */
const END_EPSILON_MINUTES = 1e-6;

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
  /** A jump in progress (the driver runs it in chunks, one per frame), or null. */
  jump: JumpTarget | null;
  /**
   * True when the agents may answer later (a model, a person rating): steps
   * then run one at a time through advanceAsync.
   */
  asyncAgents: boolean;
  /** What a step in progress waits for ("the model", "your rating"), or null. */
  busy: string | null;
  /** The personas to choose from: the bundled ones and any the user made or imported. */
  personas: readonly Persona[];

  /** Add (or replace, by id) a persona the user made or imported. */
  addPersona(persona: Persona): void;
  /**
   * Change the persona of the run in progress (drift): the judge uses it at
   * once, the new routine is planned from the next day. The assistant is not
   * told: it has to notice from the scores.
   */
  changePersona(persona: Persona): void;
  /** Continue a saved run: its state and its records so far (from storage). */
  restore(saved: { run: RunState; history: StepRecord[][]; selection: Selection }): void;

  /**
   * Use other agents for the current run from the next step on (an LLM
   * engine, a human judge). The assistant must be the run's assistant.
   * `waitingFor` names what a step waits for when they answer later.
   */
  useAgents(agents: Agents, options: { asyncAgents: boolean; waitingFor?: string }): void;
  /**
   * Start a new run with agents of its own, whose assistant need not be a
   * built-in one (an LLM assistant). The run starts before its first step;
   * with asyncAgents that step starts at once (`busy` shows it).
   */
  newRunWith(
    selection: Selection,
    agents: Agents,
    options: { asyncAgents: boolean; waitingFor?: string },
  ): void;

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
  /**
   * Run forward to a day and minute at full speed (playback pauses). Time
   * only runs forward: a target in the past is refused with an error, unless
   * `restart` starts a new run with the same persona, assistant and seed
   * first (the same seed replays the same days).
   */
  jumpTo(target: JumpTarget, options?: { restart?: boolean }): void;
  cancelJump(): void;
  /** Run steps of the jump until it arrives or `shouldYield()` says the frame is spent (the driver calls this). */
  jumpChunk(shouldYield: () => boolean): void;
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

export function createGameStore(deps: GameDeps): GameStore {
  let personas: readonly Persona[] = deps.personas;
  const findPersona = (id: string): Persona | undefined => personas.find((p) => p.id === id);
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
    | 'jump'
    | 'asyncAgents'
    | 'busy'
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
      jump: null,
      asyncAgents: false,
      busy: null,
    };
  }

  /** The step in flight when the agents answer later; aborted by a new run. */
  let inFlight: AbortController | null = null;
  let waitingFor = 'the agents';
  /** Asleep steps run back to back this frame (async agents): nothing waits on them. */
  let asleepChain = 0;

  // Filled in once the store exists (it needs set and get).
  let stepLater: () => void = () => undefined;

  const store = createStore<GameState>()(
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
      personas,
      addPersona(persona) {
        personas = [...personas.filter((p) => p.id !== persona.id), persona];
        set({ personas });
      },
      changePersona(persona) {
        const s = get();
        get().addPersona(persona);
        dispatch(s.run, s.agents, { type: 'set-persona', persona });
        set({ selection: { ...s.selection, personaId: persona.id }, version: get().version + 1 });
      },
      restore(saved) {
        inFlight?.abort();
        inFlight = null;
        const assistant = findAssistant(saved.run.assistantId);
        if (!assistant) {
          set({
            error: `the saved run uses an assistant this page does not have: "${saved.run.assistantId}"`,
          });
          return;
        }
        get().addPersona(saved.run.persona);
        const all = saved.history.flat();
        const latest = all[all.length - 1] ?? null;
        const history = saved.history.map((day) => [...day]);
        const todayRecords = latest ? (history[latest.day - 1] ?? []) : [];
        set((s) => ({
          selection: saved.selection,
          run: saved.run,
          agents: { user: deps.user, assistant, explain: true },
          clock: { day: latest?.day ?? saved.run.day, minute: latest?.minute ?? 0 },
          latest,
          today: todayRecords,
          lastSpoken: lastRecommendation(all),
          stats: foldStats(EMPTY_STATS, all, 1),
          finished: isFinished(saved.run),
          history,
          selected: null,
          jump: null,
          asyncAgents: false,
          busy: null,
          playback: { ...s.playback, playing: false },
          version: s.version + 1,
          error: null,
        }));
      },
      useAgents(agents, options) {
        const s = get();
        if (agents.assistant.id !== s.run.assistantId) {
          set({
            error: `these agents bring assistant "${agents.assistant.id}", but the run uses "${s.run.assistantId}": start a new run`,
          });
          return;
        }
        waitingFor = options.waitingFor ?? 'the agents';
        set({ agents, asyncAgents: options.asyncAgents, error: null });
      },
      newRunWith(selection, agents, options) {
        inFlight?.abort();
        inFlight = null;
        const persona = findPersona(selection.personaId);
        if (!persona) {
          set({ error: `unknown persona "${selection.personaId}"` });
          return;
        }
        let run: RunState;
        try {
          run = createRun(persona, agents, { ...deps.runConfig, seed: selection.seed });
        } catch (err) {
          set({ error: (err as Error).message });
          return;
        }
        waitingFor = options.waitingFor ?? 'the agents';
        set((s) => ({
          selection: { ...selection, assistantId: agents.assistant.id },
          run,
          agents,
          clock: { day: 1, minute: 0 },
          latest: null,
          today: [],
          lastSpoken: null,
          stats: EMPTY_STATS,
          finished: false,
          history: [],
          selected: null,
          jump: null,
          asyncAgents: options.asyncAgents,
          busy: null,
          playback: { ...s.playback, playing: false },
          version: s.version + 1,
          error: null,
        }));
        if (options.asyncAgents) stepLater();
        else get().step();
      },
      newRun(personaId, assistantId, seed) {
        const selection: Selection = { personaId, assistantId, seed: seed.trim() || '1' };
        inFlight?.abort();
        inFlight = null;
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
        if (s.asyncAgents) {
          set({ playback });
          stepLater();
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
        set({
          playback,
          clock: { day: rec.day, minute: rec.minute },
          latest: rec,
          today: nextToday(s.today, s.clock.day, records),
          lastSpoken: rec.decision === 'recommend' ? rec : s.lastSpoken,
          stats: foldStats(s.stats, records, s.clock.day),
          version: s.version + 1,
        });
      },
      advance(realSeconds) {
        const s = get();
        if (!s.playback.playing || s.finished) return;
        if (s.asyncAgents) {
          // One step at a time, each as soon as the previous one is answered.
          asleepChain = 0;
          if (!s.busy) stepLater();
          return;
        }
        if (!s.latest) return;
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
        set({
          clock: { day: current.day, minute },
          latest: current,
          today: nextToday(s.today, s.clock.day, records),
          lastSpoken: lastRecommendation(records) ?? s.lastSpoken,
          stats: foldStats(s.stats, records, s.clock.day),
          version: s.version + 1,
          ...ending,
        });
      },
      jumpTo(target, options = {}) {
        let s = get();
        if (s.asyncAgents) {
          set({
            error: `jumping runs many steps at once: it needs agents that answer at once, not ${waitingFor}`,
          });
          return;
        }
        const days = s.run.config.days;
        const day = Math.floor(target.day);
        const minute = Math.floor(target.minute);
        if (!(day >= 1 && day <= days) || !(minute >= 0 && minute < MINUTES_PER_DAY)) {
          set({ error: `jump to a day from 1 to ${days} and a time from 00:00 to 23:59` });
          return;
        }
        const behind = jumpIsBehind(s, { day, minute });
        if (behind && !options.restart) {
          set({ error: 'time only runs forward: start a new run to jump back' });
          return;
        }
        if (behind) {
          const { personaId, assistantId, seed } = s.selection;
          get().newRun(personaId, assistantId, seed);
          s = get();
          if (s.error) return;
        }
        set({
          jump: { day, minute },
          playback: { ...s.playback, playing: false },
          error: null,
        });
      },
      cancelJump() {
        if (get().jump) set({ jump: null });
      },
      jumpChunk(shouldYield) {
        const s = get();
        const target = s.jump;
        if (!target) return;
        const stepMinutes = s.run.config.stepSeconds / 60;
        const run = s.run;
        const arrived = (): boolean => jumpArrived(run, target);
        const records: StepRecord[] = [];
        let failure: string | null = null;
        while (!arrived()) {
          let rec: StepRecord | undefined;
          try {
            rec = dispatch(run, s.agents, { type: 'advance', steps: 1 })[0];
          } catch (err) {
            failure = `the jump stopped: ${(err as Error).message}`;
            break;
          }
          if (!rec) break;
          records.push(rec);
          if (shouldYield()) break;
        }
        const done = failure !== null || arrived();
        const finished = isFinished(run);
        const current = records[records.length - 1] ?? s.latest;
        const ending = {
          ...(done ? { jump: null } : {}),
          ...(failure !== null ? { error: failure } : {}),
          ...(finished ? { finished: true } : {}),
        };
        if (records.length === 0 || !current) {
          set(ending);
          return;
        }
        appendHistory(s.history, records);
        // On arrival the clock shows the target minute, inside the step that holds it.
        let minute = current.minute;
        if (done && current.day === target.day && current.step === targetStep(run, target)) {
          minute = Math.min(
            Math.max(target.minute, current.minute),
            current.minute + stepMinutes - END_EPSILON_MINUTES,
          );
        }
        set({
          clock: { day: current.day, minute },
          latest: current,
          today: nextToday(s.today, s.clock.day, records),
          lastSpoken: lastRecommendation(records) ?? s.lastSpoken,
          stats: foldStats(s.stats, records, s.clock.day),
          version: s.version + 1,
          ...ending,
        });
      },
    })),
  ) as GameStore;

  stepLater = () => {
    const s = store.getState();
    if (s.busy || s.finished || isFinished(s.run)) return;
    const controller = new AbortController();
    inFlight = controller;
    const run = s.run;
    store.setState({ busy: waitingFor });
    advanceAsync(run, s.agents, 1, undefined, controller.signal).then(
      (records) => {
        if (controller.signal.aborted || store.getState().run !== run) return;
        inFlight = null;
        const now = store.getState();
        const rec = records[0];
        if (!rec) {
          store.setState({ busy: null, finished: isFinished(run) });
          return;
        }
        appendHistory(now.history, records);
        store.setState({
          busy: null,
          clock: { day: rec.day, minute: rec.minute },
          latest: rec,
          today: nextToday(now.today, now.clock.day, records),
          lastSpoken: rec.decision === 'recommend' ? rec : now.lastSpoken,
          stats: foldStats(now.stats, records, now.clock.day),
          finished: isFinished(run),
          version: now.version + 1,
          ...(isFinished(run) ? { playback: { ...now.playback, playing: false } } : {}),
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
          stepLater();
        }
      },
      (err: unknown) => {
        if (controller.signal.aborted || store.getState().run !== run) return;
        inFlight = null;
        const now = store.getState();
        // The run changes only when a step completes, so it is still sound: pause and say why.
        store.setState({
          busy: null,
          playback: { ...now.playback, playing: false },
          error: `the step is paused: ${(err as Error).message}`,
        });
      },
    );
  };

  return store;
}
