/**
 * The step loop. A run is plain, serialisable state (persona, config, the
 * random generators' states, today's schedule and judge memory, the
 * assistant's state and the summaries so far). It changes only through
 * `dispatch`, with a typed input; the same persona, assistant and seed give
 * the same run, byte for byte.
 *
 * The run object is mutated in place by `dispatch` for speed (an experiment
 * takes millions of steps); callers that need snapshots clone it.
 */
import type { MaybePromise, Proposal, StepNote } from './agents';
import { carryHeard, newJudgeMemory, tickJudgeMemory } from './judgeMemory';
import { newAccumulator } from './metrics';
import { builtinLineUp, copyLineUp, lineUpProblems } from './lineup';
import type { Persona } from './persona';
import { dayConditions, resolveReceptivity, type DayConditions } from './receptivity';
import { Rng, seedRng } from './rng';
import { scheduleProblems, type Action } from './schedule';
import { describeForAssistant, isAsleep } from './step';
import { SILENT, type Candidate, type Verdict } from './suggestion';
import { stepsPerDay } from './time';

import { completeStep, contextAt } from './complete-step';
import {
  DEFAULT_RUN_CONFIG,
  MAX_RUN_DAYS,
  MAX_SEED_CHARS,
  type Agents,
  type PendingStep,
  type RunConfig,
  type RunInput,
  type RunPhase,
  type RunState,
  type StepRecord,
} from './run-state';

export * from './run-state';
export { contextAt };

export function createRun<S>(
  persona: Persona,
  agents: Agents<S>,
  config: Partial<RunConfig> = {},
): RunState<S> {
  const full: RunConfig = {
    ...DEFAULT_RUN_CONFIG,
    ...config,
    seed: String(config.seed ?? DEFAULT_RUN_CONFIG.seed),
  };
  stepsPerDay(full.stepSeconds); // validates
  if (full.seed.length > MAX_SEED_CHARS)
    throw new Error(`the seed is ${full.seed.length} characters long; at most ${MAX_SEED_CHARS}`);
  if (!Number.isInteger(full.days) || full.days < 1 || full.days > MAX_RUN_DAYS)
    throw new Error(`days must be a whole number from 1 to ${MAX_RUN_DAYS}, got ${full.days}`);
  if (!(full.forceSilentProbability >= 0 && full.forceSilentProbability <= 1))
    throw new Error(`forceSilentProbability must be in [0, 1], got ${full.forceSilentProbability}`);
  const assistantRng = seedRng(`${full.seed}:assistant:${agents.assistant.id}`);
  const state = agents.assistant.init(new Rng(assistantRng));
  return {
    format: 'propersim-run/1',
    config: full,
    persona,
    assistantId: agents.assistant.id,
    lineup: copyLineUp(agents.lineup ?? builtinLineUp(agents.assistant.id)),
    rng: { judge: seedRng(`${full.seed}:judge`), assistant: assistantRng },
    day: 1,
    step: 0,
    schedule: [],
    judgeMemory: newJudgeMemory(1),
    assistant: state,
    today: newAccumulator(1, full.stepSeconds / 60),
    days: [],
    totalPairs: 0,
    plannedDay: 0,
    conditions: null,
    planSource: '',
    pending: null,
  };
}

export function isFinished(run: RunState): boolean {
  return run.day > run.config.days;
}

export function phase(run: RunState): RunPhase {
  if (isFinished(run)) return 'done';
  if (run.plannedDay !== run.day) return 'plan';
  return run.pending ? 'complete' : 'begin';
}

/**
 * What kind of day `day` is for the person (weekend, tired, busy): derived
 * from the seed, persona and day alone, like the plan, so every assistant
 * faces the same days. Day 1 is a Monday.
 */
export function conditionsFor(
  run: Pick<RunState, 'config' | 'persona'>,
  day: number,
): DayConditions {
  return dayConditions(run.config.seed, run.persona, day);
}

/** The planner's generator for a day: derived from the seed, persona and day only. */
export function planRng(run: Pick<RunState, 'config' | 'persona'>, day: number): Rng {
  return Rng.fromSeed(`${run.config.seed}:plan:${run.persona.id}:${day}`);
}

/**
 * The generator for the assistant's proposal at one step: derived from the
 * seed, assistant, day and step alone, so proposing changes nothing in the
 * run and a step can be replayed from its recorded inputs.
 */
export function proposalRng(
  run: Pick<RunState, 'config' | 'assistantId'>,
  day: number,
  step: number,
): Rng {
  return Rng.fromSeed(`${run.config.seed}:propose:${run.assistantId}:${day}:${step}`);
}

/** Candidates and memo from either form `propose` may return. */
export function asProposal(value: Candidate[] | Proposal): Proposal {
  return Array.isArray(value) ? { candidates: value } : value;
}

/**
 * The candidates to judge, from what the assistant proposed: at most
 * `candidatesPerStep`, at least one (silence), candidate 1 forced silent when
 * the step drew it.
 */
export function prepareCandidates(
  pending: PendingStep,
  count: number,
  proposed: readonly Candidate[],
): Candidate[] {
  const out = proposed.slice(0, count);
  if (out.length === 0) out.push(SILENT);
  if (pending.forceSilent && out.length === 2) out[0] = SILENT;
  return out;
}

function expectPhase(run: RunState, wanted: RunPhase, input: string): void {
  const now = phase(run);
  if (now !== wanted) throw new Error(`cannot ${input} now: the run needs "${now}"`);
}

/** The one way to change a run. Returns the records of the steps it completed. */
export function dispatch<S>(run: RunState<S>, agents: Agents<S>, input: RunInput): StepRecord[] {
  switch (input.type) {
    case 'advance': {
      const out: StepRecord[] = [];
      let left = input.steps;
      while (left > 0 && !isFinished(run)) {
        const record = runNow(nextWork(run, agents));
        if (record) {
          out.push(record);
          left--;
        }
      }
      return out;
    }
    case 'start-day': {
      expectPhase(run, 'plan', 'start a day');
      const problems = scheduleProblems(input.schedule);
      if (problems.length > 0)
        throw new Error(`the schedule for day ${run.day} is unsound: ${problems.join('; ')}`);
      run.schedule = input.schedule;
      run.plannedDay = run.day;
      run.planSource = input.source;
      const conditions = conditionsFor(run, run.day);
      run.conditions = conditions;
      // Today's memory is fresh (as in the reference); only habituation carries over.
      const keepDays = resolveReceptivity(run.persona).sameSuggestionDays;
      run.judgeMemory = newJudgeMemory(
        run.day,
        conditions,
        carryHeard(run.judgeMemory, run.day, keepDays),
      );
      run.today = newAccumulator(run.day, run.config.stepSeconds / 60);
      agents.assistant.startDay(run.assistant, run.day, new Rng(run.rng.assistant));
      return [];
    }
    case 'begin-step': {
      expectPhase(run, 'begin', 'begin a step');
      const ctx = contextAt(run, run.step);
      if (isAsleep(ctx)) {
        run.pending = { ctx, obs: null, forceSilent: false };
        return [];
      }
      tickJudgeMemory(run.persona, run.judgeMemory, ctx);
      const forceSilent =
        agents.assistant.candidatesPerStep === 2 &&
        new Rng(run.rng.assistant).chance(run.config.forceSilentProbability);
      run.pending = {
        ctx,
        obs: {
          day: run.day,
          step: ctx.step,
          minute: ctx.minute,
          actionText: describeForAssistant(ctx),
          ctx,
          // Only upper-bound baselines that declare it see the person's side.
          ...(agents.assistant.peeksAtPerson
            ? { peek: { persona: run.persona, memory: run.judgeMemory } }
            : {}),
        },
        forceSilent,
        moment: agents.user.describeMoment?.(run.persona, run.judgeMemory, ctx) ?? null,
      };
      return [];
    }
    case 'complete-step': {
      expectPhase(run, 'complete', 'complete a step');
      return [
        completeStep(run, agents, input.candidates, input.judgements, input.note, input.memo),
      ];
    }
    case 'set-persona':
      // Takes effect at once for the judge; the new routine is planned from the next day.
      run.persona = input.persona;
      return [];
    case 'set-judge-noise':
      if (!(input.noise >= 0 && input.noise <= 1))
        throw new Error(`judge noise must be in [0, 1], got ${input.noise}`);
      run.config = { ...run.config, judgeNoise: input.noise };
      return [];
    case 'set-lineup': {
      const problems = lineUpProblems(input.lineup);
      if (input.lineup.assistant !== run.assistantId)
        problems.push(
          `the assistant is the run's own ("${run.assistantId}"), not "${input.lineup.assistant}": start a new run`,
        );
      if (problems.length > 0) throw new Error(`cannot change the line-up: ${problems.join('; ')}`);
      run.lineup = copyLineUp(input.lineup);
      return [];
    }
  }
}

/**
 * The next piece of work on a run, written once for both drivers: plan the
 * day when it needs a plan (returns null), else run one step (returns its
 * record). It yields the agents' answers, each of which may be a promise,
 * and the driver sends them back settled. The run changes only through
 * `dispatch`, so a step whose answers never come leaves the run where it was.
 */
function* nextWork<S>(
  run: RunState<S>,
  agents: Agents<S>,
  onInput?: (input: RunInput) => void,
): Generator<MaybePromise<unknown>[], StepRecord | null, unknown[]> {
  const apply = (input: RunInput): StepRecord[] => {
    const records = dispatch(run, agents, input);
    onInput?.(input);
    return records;
  };
  if (phase(run) === 'plan') {
    const [schedule] = yield [
      agents.user.planDay(run.persona, run.day, planRng(run, run.day), conditionsFor(run, run.day)),
    ];
    apply({ type: 'start-day', schedule: schedule as Action[], source: agents.user.id });
    return null;
  }
  if (phase(run) === 'begin') apply({ type: 'begin-step' });
  const pending = run.pending as PendingStep;
  let candidates: Candidate[] = [];
  let judgements: Verdict[] = [];
  let note: StepNote | null = null;
  let memo: unknown;
  if (pending.obs) {
    const obs = pending.obs;
    const a = agents.assistant;
    if (agents.explain && a.explain) note = a.explain(run.assistant, obs);
    const [answer] = yield [
      a.propose(run.assistant, obs, proposalRng(run, run.day, run.step), a.candidatesPerStep),
    ];
    const proposal = asProposal(answer as Candidate[] | Proposal);
    memo = proposal.memo;
    candidates = prepareCandidates(pending, a.candidatesPerStep, proposal.candidates);
    judgements = (yield candidates.map((c) =>
      agents.user.judge(run.persona, run.judgeMemory, pending.ctx, c),
    )) as Verdict[];
  }
  const [record] = apply({ type: 'complete-step', candidates, judgements, note, memo });
  return record ?? null;
}

/** Drive work whose agents answer at once; an agent that answers later is an error. */
function runNow<T>(work: Generator<MaybePromise<unknown>[], T, unknown[]>): T {
  let next = work.next();
  while (!next.done) {
    for (const v of next.value) {
      if (v instanceof Promise) {
        v.catch(() => undefined);
        throw new Error('an agent answered asynchronously; drive this run with advanceAsync');
      }
    }
    next = work.next(next.value);
  }
  return next.value;
}

/**
 * Drive a run whose agents may answer asynchronously (LLM engines, a human
 * rater): the same work as `advance`, awaiting each answer (the candidates
 * of a step are judged concurrently). `onInput` hears every input as it is
 * dispatched (start-day, begin-step, complete-step with the answers): a
 * driver that records them can rebuild the run without the agents.
 */
export async function advanceAsync<S>(
  run: RunState<S>,
  agents: Agents<S>,
  steps: number,
  onStep?: (r: StepRecord) => void,
  signal?: AbortSignal,
  onInput?: (input: RunInput) => void,
): Promise<StepRecord[]> {
  const out: StepRecord[] = [];
  let left = steps;
  while (left > 0 && !isFinished(run)) {
    signal?.throwIfAborted();
    const work = nextWork(run, agents, onInput);
    let next = work.next();
    while (!next.done) {
      const answers = await Promise.all(next.value);
      signal?.throwIfAborted();
      next = work.next(answers);
    }
    if (next.value) {
      out.push(next.value);
      onStep?.(next.value);
      left--;
    }
  }
  return out;
}

/** Run until the end of the current day (or of the run). */
export function finishDay<S>(
  run: RunState<S>,
  agents: Agents<S>,
  onStep?: (r: StepRecord) => void,
): void {
  const day = run.day;
  while (!isFinished(run) && run.day === day) {
    const [rec] = dispatch(run, agents, { type: 'advance', steps: 1 });
    if (rec) onStep?.(rec);
  }
}
