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
  AssistantAgent,
  AssistantObservation,
  JudgedCandidate,
  StepNote,
  UserAgent,
} from './agents';
import { newJudgeMemory, recordInteraction, type JudgeMemory } from './judgeMemory';
import {
  accumulate,
  newAccumulator,
  summarise,
  type DayAccumulator,
  type DaySummary,
} from './metrics';
import type { Persona } from './persona';
import { Rng, seedRng, type RngState } from './rng';
import { momentAt, type Action } from './schedule';
import { describeForAssistant, isAsleep, type StepContext } from './step';
import { SILENT, type Candidate, type Judgement, type Suggestion } from './suggestion';
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
  assistantId: string;
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
}

export interface Agents<S = unknown> {
  user: UserAgent;
  assistant: AssistantAgent<S>;
  /** Ask the assistant to explain each step (for the inspector); off in experiments. */
  explain?: boolean;
}

export type RunInput =
  | { type: 'advance'; steps: number }
  | { type: 'set-persona'; persona: Persona }
  | { type: 'set-judge-noise'; noise: number };

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
  if (!Number.isInteger(full.days) || full.days < 1)
    throw new Error(`days must be a whole number ≥ 1, got ${full.days}`);
  const assistantRng = seedRng(`${full.seed}:assistant:${agents.assistant.id}`);
  const state = agents.assistant.init(new Rng(assistantRng), { persona });
  return {
    format: 'propersim-run/1',
    config: full,
    persona,
    assistantId: agents.assistant.id,
    rng: { judge: seedRng(`${full.seed}:judge`), assistant: assistantRng },
    day: 1,
    step: 0,
    schedule: [],
    judgeMemory: newJudgeMemory(1),
    assistant: state,
    today: newAccumulator(1, full.stepSeconds / 60),
    days: [],
    totalPairs: 0,
  };
}

export function isFinished(run: RunState): boolean {
  return run.day > run.config.days;
}

/** The planner's generator for a day: derived from the seed, persona and day only. */
export function planRng(run: Pick<RunState, 'config' | 'persona'>, day: number): Rng {
  return Rng.fromSeed(`${run.config.seed}:plan:${run.persona.id}:${day}`);
}

/** The one way to change a run. Returns the records of the steps it ran. */
export function dispatch<S>(run: RunState<S>, agents: Agents<S>, input: RunInput): StepRecord[] {
  switch (input.type) {
    case 'advance': {
      const out: StepRecord[] = [];
      for (let i = 0; i < input.steps && !isFinished(run); i++) out.push(stepOnce(run, agents));
      return out;
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
  }
}

/** Run until the end of the current day (or of the run). */
export function finishDay<S>(
  run: RunState<S>,
  agents: Agents<S>,
  onStep?: (r: StepRecord) => void,
): void {
  const day = run.day;
  while (!isFinished(run) && run.day === day) {
    const rec = stepOnce(run, agents);
    onStep?.(rec);
  }
}

function startDay<S>(run: RunState<S>, agents: Agents<S>): void {
  run.schedule = agents.user.planDay(run.persona, run.day, planRng(run, run.day));
  run.judgeMemory = newJudgeMemory(run.day);
  run.today = newAccumulator(run.day, run.config.stepSeconds / 60);
  agents.assistant.startDay(run.assistant, run.day, new Rng(run.rng.assistant));
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

function stepOnce<S>(run: RunState<S>, agents: Agents<S>): StepRecord {
  if (run.step === 0) startDay(run, agents);
  const ctx = contextAt(run, run.step);
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
  if (isAsleep(ctx)) {
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
    };
  } else {
    record = scoredStep(run, agents, ctx, base);
  }
  run.step++;
  if (run.step >= stepsPerDay(run.config.stepSeconds)) {
    run.days.push(summarise(run.today));
    run.day++;
    run.step = 0;
  }
  return record;
}

function scoredStep<S>(
  run: RunState<S>,
  agents: Agents<S>,
  ctx: StepContext,
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
  >,
): StepRecord {
  const persona = run.persona;
  agents.user.tick(persona, run.judgeMemory, ctx);
  const obs: AssistantObservation = {
    day: run.day,
    step: ctx.step,
    minute: ctx.minute,
    actionText: describeForAssistant(ctx),
    ctx,
  };
  const assistantRng = new Rng(run.rng.assistant);
  const note =
    agents.explain && agents.assistant.explain
      ? agents.assistant.explain(run.assistant, obs)
      : null;
  const count = agents.assistant.candidatesPerStep;
  const proposed = agents.assistant
    .propose(run.assistant, obs, assistantRng, count)
    .slice(0, count);
  if (proposed.length === 0) proposed.push(SILENT);
  if (
    count === 2 &&
    proposed.length === 2 &&
    assistantRng.chance(run.config.forceSilentProbability)
  ) {
    proposed[0] = SILENT;
  }
  const judgeRng = new Rng(run.rng.judge);
  const judged: JudgedCandidate[] = proposed.map((candidate: Candidate) => ({
    candidate,
    judgement: applyJudgeNoise(
      agents.user.judge(persona, run.judgeMemory, ctx, candidate),
      run.config.judgeNoise,
      judgeRng,
    ),
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
  );
  accumulate(run.today, final.candidate, final.judgement, pair !== null);
  if (pair) run.totalPairs++;
  agents.assistant.learn(run.assistant, { obs, judged, delivered, pair }, assistantRng);
  return {
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
