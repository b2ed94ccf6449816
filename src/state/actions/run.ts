/**
 * The run: start a new one, open a saved one, change the persona of the one
 * in progress. A new or opened run keeps the page's players (a model the
 * engine settings applied, you rating) with its own assistant: see
 * carryLineUp.
 */
import { hasAssistant } from '../../agents/registry';
import { sameLineUp, type LineUp } from '../../core/lineup';
import type { Persona } from '../../core/persona';
import {
  createRun,
  MAX_SEED_CHARS,
  type RunConfig,
  type RunInput,
  type RunState,
  type StepRecord,
} from '../../core/sim';
import { answersLater } from '../cast';
import type { Cast } from '../cast';
import { absoluteStep, copyRun } from '../../core/run-copy';
import { addCheckpoint, addDay, dayInfo, helperFor, type RunArchive } from '../archive';
import { afterRecords, carryLineUp, runFields } from '../records';
import { dispatchPlain, stepNow, trainingOf } from '../stepper';
import type { GameState, Selection } from '../store';
import type { ActionContext } from './context';

export interface NewRunRequest extends Selection {
  /** Who plays (default: the page's players, with this assistant). */
  lineup?: LineUp;
  /** Stop playback (a run the engine settings started waits for Play). */
  pause?: boolean;
}

export interface RunActions {
  /**
   * Start a new run. With players that answer at once its first step runs
   * now (the view has a schedule to draw); otherwise that step starts and
   * `busy` says what it waits for.
   */
  newRun(request: NewRunRequest): void;
  /** Continue a saved run: its state and its records so far (from storage). */
  restore(saved: { run: RunState; history: StepRecord[][] }): void;
  /** Add (or replace, by id) a persona the user made or imported. */
  addPersona(persona: Persona): void;
  /**
   * Change the persona of the run in progress (drift): the judge uses it at
   * once, the new routine is planned from the next day. The assistant is not
   * told: it has to notice from the scores.
   */
  changePersona(persona: Persona): void;
}

/** A run started: the store's fields for it, and whether its first step waits for someone. */
export type StartedRun =
  { ok: true; fields: Partial<GameState>; later: boolean } | { ok: false; error: string };

/**
 * Create the run a request asks for and, with players that answer at once,
 * run its first step (so the view has a schedule to draw).
 */
export function startRun(
  cast: Cast,
  s: Pick<GameState, 'personas' | 'lineup'>,
  request: NewRunRequest,
  runConfig: Partial<Omit<RunConfig, 'seed'>>,
): StartedRun {
  const selection: Selection = {
    personaId: request.personaId,
    assistantId: request.assistantId,
    // A seed from a link or a pasted text is cut to the length a run takes (it names the run).
    seed: request.seed.trim().slice(0, MAX_SEED_CHARS) || '1',
  };
  const persona = s.personas.find((p) => p.id === selection.personaId);
  if (!persona) return { ok: false, error: `unknown persona "${selection.personaId}"` };
  if (!hasAssistant(selection.assistantId))
    return { ok: false, error: `unknown assistant "${selection.assistantId}"` };
  const lineup = request.lineup ?? carryLineUp(s.lineup, selection.assistantId);
  let run: RunState;
  try {
    run = createRun(persona, cast.starterFor(lineup), { ...runConfig, seed: selection.seed });
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  const journal: RunInput[] = [];
  const base = runFields(run, [], journal);
  // One history array: afterRecords appends the first record to it in place.
  const fresh = { ...base, version: 0 };
  let fields: Partial<GameState> = { ...base, selection };
  const later = answersLater(lineup);
  if (!later) {
    try {
      const first = stepNow(cast, fresh);
      if (first) {
        journal.push({ type: 'advance', steps: 1 });
        fields = { ...fields, ...afterRecords(fresh, [first], () => null) };
      }
      fields.training = trainingOf(cast, fresh);
    } catch (err) {
      return { ok: false, error: `the run could not start: ${(err as Error).message}` };
    }
  }
  return { ok: true, fields, later };
}

/** A reopened run's archive starts where it was opened: a checkpoint there and today's plan. */
function keepOpeningPoint(archive: RunArchive, run: RunState, journalIndex: number): void {
  const helper = helperFor(run.assistantId);
  if (!run.pending)
    addCheckpoint(archive, {
      at: absoluteStep(run),
      run: copyRun(run, helper),
      journal: { index: journalIndex, skip: 0 },
    });
  if (run.plannedDay >= 1 && run.plannedDay === run.day) addDay(archive, dayInfo(run, helper));
}

export function runActions(
  ctx: ActionContext,
  runConfig: Partial<Omit<RunConfig, 'seed'>>,
): RunActions {
  const { get, set, stepper } = ctx;
  const addPersona = (persona: Persona): void => {
    set({ personas: [...get().personas.filter((p) => p.id !== persona.id), persona] });
  };
  return {
    newRun(request) {
      stepper.abort();
      const s = get();
      const started = startRun(ctx.cast, s, request, runConfig);
      if (!started.ok) return set({ error: started.error });
      set({
        ...started.fields,
        version: s.version + 1,
        error: null,
        ...(request.pause ? { playback: { ...s.playback, playing: false } } : {}),
      });
      if (started.later) stepper.stepLater();
    },
    restore(saved) {
      stepper.abort();
      const s = get();
      addPersona(saved.run.persona);
      const { run } = saved;
      const journal: RunInput[] = [];
      // The page's players go on with it (a model applied, you rating), its assistant stays.
      const lineup = carryLineUp(s.lineup, run.assistantId);
      if (!sameLineUp(run.lineup, lineup))
        dispatchPlain({ run, journal }, { type: 'set-lineup', lineup });
      const fields = runFields(
        run,
        saved.history.map((day) => [...day]),
        journal,
      );
      keepOpeningPoint(fields.archive, run, journal.length);
      set({
        ...fields,
        selection: {
          personaId: run.persona.id,
          assistantId: run.assistantId,
          seed: run.config.seed,
        },
        playback: { ...get().playback, playing: false },
        version: s.version + 1,
        error: null,
      });
      set({ training: stepper.training(get()) });
    },
    addPersona,
    changePersona(persona) {
      const s = get();
      if (s.jump) return set({ error: 'wait for the jump to arrive (or cancel it) first' });
      addPersona(persona);
      dispatchPlain(s, { type: 'set-persona', persona });
      set({
        selection: { ...s.selection, personaId: persona.id },
        version: get().version + 1,
      });
    },
  };
}
