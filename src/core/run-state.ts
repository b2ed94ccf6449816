/**
 * What a run is made of: its config, its serialisable state, a step's
 * record, the inputs that change it. The loop that changes it is sim.ts.
 */
import type {
  AssistantAgent,
  AssistantObservation,
  JudgedCandidate,
  StepNote,
  UserAgent,
} from './agents';
import type { JudgeMemory } from './judgeMemory';
import type { DayAccumulator, DaySummary } from './metrics';
import type { LineUp } from './lineup';
import type { Persona } from './persona';
import type { DayConditions } from './receptivity';
import type { RngState } from './rng';
import type { Action } from './schedule';
import type { MomentNote, StepContext } from './step';
import type { Candidate, Judgement, Suggestion, UnjudgedReason, Verdict } from './suggestion';
import { DEFAULT_STEP_SECONDS } from './time';

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
