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
import type {
  MaybePromise,
  Proposal,
  AssistantAgent,
  AssistantObservation,
  JudgedCandidate,
  StepNote,
  UserAgent,
} from './agents';
import {
  carryHeard,
  newJudgeMemory,
  recordInteraction,
  tickJudgeMemory,
  type JudgeMemory,
} from './judgeMemory';
import {
  accumulate,
  countUnjudged,
  newAccumulator,
  summarise,
  type DayAccumulator,
  type DaySummary,
} from './metrics';
import { builtinLineUp, copyLineUp, lineUpProblems, type LineUp } from './lineup';
import type { Persona } from './persona';
import { dayConditions, resolveReceptivity, type DayConditions } from './receptivity';
import { Rng, seedRng, type RngState } from './rng';
import { momentAt, scheduleProblems, type Action } from './schedule';
import { describeForAssistant, isAsleep, type MomentNote, type StepContext } from './step';
import {
  isUnjudged,
  SILENT,
  type Candidate,
  type Judgement,
  type Suggestion,
  type UnjudgedReason,
  type Verdict,
} from './suggestion';
import { DEFAULT_STEP_SECONDS, formatHhmm, stepsPerDay, stepToMinutes } from './time';

export interface RunConfig {
  seed: string;
  /** Days to simulate; the run is finished after the last one. */
  days: number;
  stepSeconds: number;
  /** Probability that the judge flips each criterion's verdict. */
  judgeNoise: number;
  /** Probability that candidate 1 is forced to "No Recommendation" (the reference's p). */
  forceSilentProbability: number;
}

/**
 * The longest seed a run takes. A seed names the run in lists and links
 * (and is hashed into every generator), so a 12,000-character one from a
 * link or a flag is refused here, whatever path it came by.
 */
export const MAX_SEED_CHARS = 64;

/**
 * The longest run, in days: the paper runs 14, and 100 days of one persona
 * are ~58,000 steps. Longer is refused rather than left running for hours
 * (and a run file claiming 1e15 days is not a run).
 */
export const MAX_RUN_DAYS = 100;

export const DEFAULT_RUN_CONFIG: RunConfig = {
  seed: '1',
  days: 14,
  stepSeconds: DEFAULT_STEP_SECONDS,
  judgeNoise: 0,
  forceSilentProbability: 0.3,
};

export interface RunState<S = unknown> {
  format: 'propersim-run/1';
  config: RunConfig;
  persona: Persona;
  /** The assistant whose state is `assistant`: fixed for the run's life (always `lineup.assistant`). */
  assistantId: string;
  /** Who plans, judges and assists, and which model plays (src/core/lineup.ts). */
  lineup: LineUp;
  rng: { judge: RngState; assistant: RngState };
  /** The day in progress (1-based); `days + 1` once finished. */
  day: number;
  /** The next step of the day to run, 0..stepsPerDay-1. */
  step: number;
  schedule: Action[];
  judgeMemory: JudgeMemory;
  assistant: S;
  today: DayAccumulator;
  days: DaySummary[];
  totalPairs: number;
  /** The day whose schedule is in `schedule` (0 before the first). */
  plannedDay: number;
  /** What kind of day today is for the person (set with the day's plan; null before the first). */
  conditions: DayConditions | null;
  /** How today's schedule was made (an LLM plan may fall back to the built-in planner). */
  planSource: string;
  /** A step that has begun and awaits its candidates and judgements. */
  pending: PendingStep | null;
}

/** A begun step: what the agents see, and whether candidate 1 is forced silent. */
export interface PendingStep {
  ctx: StepContext;
  /** null while asleep: nothing is proposed or scored. */
  obs: AssistantObservation | null;
  forceSilent: boolean;
  /** How receptive the person is now, when the user agent can say (for the view). */
  moment?: MomentNote | null;
}

export interface StepRecord {
  day: number;
  step: number;
  minute: number;
  time: string;
  actionIndex: number;
  action: string;
  kind: Action['kind'];
  room: Action['room'];
  object: Action['object'];
  walking: boolean;
  /** Asleep steps are not scored and carry no decision. */
  asleep: boolean;
  decision: 'silent' | 'recommend' | 'asleep';
  suggestion: Suggestion | null;
  score: number | null;
  criteria: Judgement['criteria'] | null;
  /** Every judged candidate; the delivered one is `delivered`. */
  candidates: JudgedCandidate[];
  delivered: number;
  pair: { chosen: number; rejected: number } | null;
  note: StepNote | null;
  /** How receptive the person was at this step, when the user agent says (null asleep or unknown). */
  moment: MomentNote | null;
  /**
   * Set when the judge could not score a candidate of this step: then
   * `score`, `criteria` and `pair` are null, `candidates` is empty and
   * `delivered` is -1 (what was said is still in `decision` and
   * `suggestion`). Absent on scored steps, so their records are byte for
   * byte what they were before the field existed.
   */
  unjudged?: UnjudgedStep;
}

/** Why a step has no score: which call, why, and the candidates that were proposed. */
export interface UnjudgedStep extends UnjudgedReason {
  /** The candidate whose verdict is missing (the first, when several are). */
  candidate: number;
  /** Every candidate proposed (none of them scored). */
  candidates: Candidate[];
}

export interface Agents<S = unknown> {
  user: UserAgent;
  assistant: AssistantAgent<S>;
  /** Ask the assistant to explain each step (for the inspector); off in experiments. */
  explain?: boolean;
  /** The line-up these agents were built from (src/agents/lineup.ts); a new run records it. */
  lineup?: LineUp;
}

/**
 * Inputs: the one way to change a run. A step is begun, then completed with
 * the candidates and their judgements (which may have come from a model, out
 * of the loop); `advance` does both with agents that answer at once.
 */
export type RunInput =
  | { type: 'advance'; steps: number }
  | { type: 'start-day'; schedule: Action[]; source: string }
  | { type: 'begin-step' }
  | {
      type: 'complete-step';
      candidates: Candidate[];
      /** One per candidate: a judgement, or why the judge gave none (the step is then unjudged). */
      judgements: Verdict[];
      note: StepNote | null;
      /** The proposal's memo, handed back to the assistant's `learn`. */
      memo?: unknown;
    }
  | { type: 'set-persona'; persona: Persona }
  | { type: 'set-judge-noise'; noise: number }
  /** Other players from the next step on (a model, a person judging); the assistant stays. */
  | { type: 'set-lineup'; lineup: LineUp };

/** What a run needs next. */
export type RunPhase = 'plan' | 'begin' | 'complete' | 'done';

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

export function contextAt(run: RunState, step: number): StepContext {
  const minute = stepToMinutes(step, run.config.stepSeconds);
  const m = momentAt(run.schedule, minute);
  return {
    day: run.day,
    step,
    minute,
    stepMinutes: run.config.stepSeconds / 60,
    action: m.action,
    actionIndex: m.index,
    walking: m.walking,
  };
}

function completeStep<S>(
  run: RunState<S>,
  agents: Agents<S>,
  candidates: Candidate[],
  judgements: Verdict[],
  note: StepNote | null,
  memo: unknown,
): StepRecord {
  const pending = run.pending as PendingStep;
  const ctx = pending.ctx;
  const base = {
    day: run.day,
    step: run.step,
    minute: ctx.minute,
    time: formatHhmm(ctx.minute),
    actionIndex: ctx.actionIndex,
    action: ctx.action.label,
    kind: ctx.action.kind,
    room: ctx.action.room,
    object: ctx.action.object,
    walking: ctx.walking,
  };
  let record: StepRecord;
  if (!pending.obs) {
    record = {
      ...base,
      asleep: true,
      decision: 'asleep',
      suggestion: null,
      score: null,
      criteria: null,
      candidates: [],
      delivered: -1,
      pair: null,
      note: null,
      moment: null,
    };
  } else {
    if (candidates.length === 0 || candidates.length !== judgements.length) {
      throw new Error(
        `a step needs one judgement per candidate (got ${candidates.length} candidates, ${judgements.length} judgements)`,
      );
    }
    const missing = judgements.findIndex(isUnjudged);
    if (missing >= 0) {
      record = unjudgedStep(run, agents, base, candidates, judgements, missing, note, memo);
      return endStep(run, record);
    }
    const judgeRng = new Rng(run.rng.judge);
    const judged: JudgedCandidate[] = candidates.map((candidate, i) => ({
      candidate,
      judgement: applyJudgeNoise(judgements[i] as Judgement, run.config.judgeNoise, judgeRng),
    }));
    // The reference delivers the second candidate; the better of the two becomes "chosen".
    const delivered = judged.length - 1;
    let pair: StepRecord['pair'] = null;
    if (judged.length === 2) {
      const a = (judged[0] as JudgedCandidate).judgement.score;
      const b = (judged[1] as JudgedCandidate).judgement.score;
      if (a !== b) pair = a > b ? { chosen: 0, rejected: 1 } : { chosen: 1, rejected: 0 };
    }
    const final = judged[delivered] as JudgedCandidate;
    recordInteraction(
      run.judgeMemory,
      ctx.minute,
      ctx.action.label,
      final.candidate,
      final.judgement.score,
      final.judgement.criteria.preference.pass,
    );
    accumulate(run.today, final.candidate, final.judgement, pair !== null);
    if (pair) run.totalPairs++;
    agents.assistant.learn(
      run.assistant,
      { obs: pending.obs, judged, delivered, pair, memo },
      new Rng(run.rng.assistant),
    );
    record = {
      ...base,
      asleep: false,
      decision: final.candidate.kind === 'silent' ? 'silent' : 'recommend',
      suggestion: final.candidate.kind === 'recommend' ? final.candidate.suggestion : null,
      score: final.judgement.score,
      criteria: final.judgement.criteria,
      candidates: judged,
      delivered,
      pair,
      note,
      moment: pending.moment ?? null,
    };
  }
  return endStep(run, record);
}

/** Close the pending step: the next step, or the next day after the day's last. */
function endStep(run: RunState, record: StepRecord): StepRecord {
  run.pending = null;
  run.step++;
  if (run.step >= stepsPerDay(run.config.stepSeconds)) {
    run.days.push(summarise(run.today));
    run.day++;
    run.step = 0;
  }
  return record;
}

/**
 * A step the judge could not score. What was said still happened: the
 * person heard the delivered candidate (the judge's memory records it, with
 * no score) and the assistant is told what it said (`observe`). Nothing is
 * scored: no judge noise is drawn, no pair is made, the assistant learns
 * nothing, and the day counts the step apart from its means.
 */
function unjudgedStep<S>(
  run: RunState<S>,
  agents: Agents<S>,
  base: Omit<
    StepRecord,
    | 'asleep'
    | 'decision'
    | 'suggestion'
    | 'score'
    | 'criteria'
    | 'candidates'
    | 'delivered'
    | 'pair'
    | 'note'
    | 'moment'
  >,
  candidates: Candidate[],
  verdicts: Verdict[],
  missing: number,
  note: StepNote | null,
  memo: unknown,
): StepRecord {
  const pending = run.pending as PendingStep;
  const ctx = pending.ctx;
  const delivered = candidates.length - 1;
  const said = candidates[delivered] as Candidate;
  recordInteraction(run.judgeMemory, ctx.minute, ctx.action.label, said, null, false);
  countUnjudged(run.today);
  agents.assistant.observe?.(
    run.assistant,
    { obs: pending.obs as AssistantObservation, candidates, delivered, memo },
    new Rng(run.rng.assistant),
  );
  const reason = (verdicts[missing] as { unjudged: UnjudgedReason }).unjudged;
  return {
    ...base,
    asleep: false,
    decision: said.kind === 'silent' ? 'silent' : 'recommend',
    suggestion: said.kind === 'recommend' ? said.suggestion : null,
    score: null,
    criteria: null,
    candidates: [],
    delivered: -1,
    pair: null,
    note,
    moment: pending.moment ?? null,
    unjudged: { call: reason.call, why: reason.why, candidate: missing, candidates },
  };
}

/** Flip each criterion's verdict with probability `noise` (label noise, like a noisy LLM judge). */
function applyJudgeNoise(j: Judgement, noise: number, rng: Rng): Judgement {
  if (noise <= 0) return j;
  const criteria = { ...j.criteria };
  let score = 0;
  for (const key of ['preference', 'timing', 'frequency', 'communication'] as const) {
    const c = criteria[key];
    if (rng.chance(noise)) {
      (criteria as Record<string, unknown>)[key] = {
        ...c,
        pass: !c.pass,
        flipped: true,
        reason: `${c.reason} (flipped by judge noise)`,
      };
    }
    if ((criteria[key] as { pass: boolean }).pass) score++;
  }
  return { score, criteria };
}
