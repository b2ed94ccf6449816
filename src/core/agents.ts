/**
 * The ports through which the simulation loop talks to the user agent (who
 * plans the day and judges each step) and to the assistant. The core knows
 * only these interfaces; src/agents holds the implementations.
 */
import type { JudgeMemory } from './judgeMemory';
import type { Persona } from './persona';
import type { DayConditions } from './receptivity';
import type { Rng } from './rng';
import type { Action } from './schedule';
import type { MomentNote, StepContext } from './step';
import type { Candidate, Judgement, Verdict } from './suggestion';
import type { ActivityKind } from './vocab';

/** A value now, or later: the built-in agents answer at once, LLM agents asynchronously. */
export type MaybePromise<T> = T | Promise<T>;

export interface UserAgent {
  readonly id: string;
  /**
   * Plan a whole day; `rng` is private to this day, so every assistant sees
   * the same days. `conditions` says what kind of day it is (weekend, tired,
   * busy); a planner without it plans an ordinary weekday.
   */
  planDay(
    persona: Persona,
    day: number,
    rng: Rng,
    conditions?: DayConditions,
  ): MaybePromise<Action[]>;
  /**
   * Score one candidate; must not change the memory (the loop records the
   * delivered one). A judge that could not score it (a model's call failed
   * or its reply could not be read) says so with an `Unjudged` verdict,
   * never with an invented score.
   */
  judge(
    persona: Persona,
    memory: JudgeMemory,
    ctx: StepContext,
    candidate: Candidate,
  ): MaybePromise<Verdict>;
  /**
   * How receptive the person is at this step (optional; for people watching).
   * Called at the start of a scored step, before any candidate is judged.
   */
  describeMoment?(persona: Persona, memory: JudgeMemory, ctx: StepContext): MomentNote;
}

/** What the assistant sees at a step: never the persona or its rubric. */
export interface AssistantObservation {
  day: number;
  step: number;
  minute: number;
  /** The action in progress as the assistant sees it ("walking" while walking). */
  actionText: string;
  ctx: StepContext;
  /**
   * The person's side — persona and the judge's memory of today — given
   * only to assistants that set `peeksAtPerson` (the oracle baselines, upper
   * bounds by design). Real assistants never receive it.
   */
  peek?: { persona: Persona; memory: JudgeMemory };
}

export interface JudgedCandidate {
  candidate: Candidate;
  judgement: Judgement;
}

/**
 * What `propose` returns: the candidates, and optionally a memo the loop hands
 * back to `learn` (features, sampled choices...). Keeping it out of the
 * assistant's state lets a step be replayed from its recorded inputs.
 */
export interface Proposal {
  candidates: Candidate[];
  memo?: unknown;
}

export interface AssistantFeedback {
  obs: AssistantObservation;
  judged: JudgedCandidate[];
  /** Index into `judged` of the candidate actually delivered to the person. */
  delivered: number;
  /** The preference pair this step produced (indices into `judged`), or null on a tie. */
  pair: { chosen: number; rejected: number } | null;
  /** The memo of the proposal, if any. */
  memo?: unknown;
}

/** A step the judge could not score: what the assistant proposed and said, without scores. */
export interface UnjudgedFeedback {
  obs: AssistantObservation;
  candidates: Candidate[];
  /** Index into `candidates` of the one delivered to the person (who heard it). */
  delivered: number;
  memo?: unknown;
}

/** Extra facts an assistant can attach to a step for the inspector. */
export type StepNote = Record<string, unknown>;

export interface AssistantAgent<S = unknown> {
  readonly id: string;
  readonly label: string;
  /** 1 for assistants that do not learn from pairs, 2 for those that do. */
  readonly candidatesPerStep: 1 | 2;
  /** Upper-bound baselines only: see the persona and the judge's memory in `obs.peek`. */
  readonly peeksAtPerson?: boolean;
  /** Fresh state: an assistant starts knowing nothing about the person. */
  init(rng: Rng): S;
  /** Called before the first step of each day (day 1 included): the place for daily training. */
  startDay(state: S, day: number, rng: Rng): void;
  /**
   * Candidates for this step. Must not change `state` (learning happens in
   * `learn`); `rng` is private to this step.
   */
  propose(
    state: S,
    obs: AssistantObservation,
    rng: Rng,
    count: number,
  ): MaybePromise<Candidate[] | Proposal>;
  /** A scored step: its judgements, and the preference pair when it made one. */
  learn(state: S, feedback: AssistantFeedback, rng: Rng): void;
  /**
   * A step the judge could not score (optional): the assistant is told what
   * it said, so its own counters stay true, but it is taught nothing — no
   * score enters its memory, no pair is made. Without this hook the step
   * passes it by.
   */
  observe?(state: S, feedback: UnjudgedFeedback, rng: Rng): void;
  /** What the assistant saw and why it chose, for the step inspector (optional). */
  explain?(state: S, obs: AssistantObservation): StepNote;
  /** Learning assistants: the preference pairs so far, in the prompt/chosen/rejected form DPO trainers read. */
  exportPairs?(state: S): { prompt: string; chosen: string; rejected: string }[];
  /** Learning assistants: one entry per daily training. */
  trainingLog?(
    state: S,
  ): { day: number; pairs: number; lossBefore: number; lossAfter: number; accuracy: number }[];
  /**
   * A copy of `state` that later steps cannot change, made cheaply: what the
   * assistant only ever appends to (memory records, pairs) may be shared.
   * Without it a run's copy deep-copies the state (src/core/run-copy.ts).
   */
  copyState?(state: S): S;
  /**
   * Learning assistants: a copy of what decides when and what it says (its
   * policy's parameters), small enough to keep one per day; for the view of
   * what it has learned.
   */
  policySnapshot?(state: S): unknown;
  /**
   * How much a policy (from `policySnapshot`) wants to speak, 0–1, at a
   * moment built from what the assistant itself can observe: never the
   * persona. See SyntheticMoment.
   */
  wishToSpeak?(policy: unknown, moment: SyntheticMoment): number;
  /** What the assistant remembers, in a few lines for people (the robot's card on the map). */
  describeState?(state: S): string[];
}

/**
 * A moment made up for asking a policy what it would do (the "what it has
 * learned" view): only what the assistant observes — the clock, the day,
 * the activity it sees, how long it has been going, and how long ago it
 * last spoke.
 */
export interface SyntheticMoment {
  day: number;
  minute: number;
  /** The activity seen ('walking' while the person walks). */
  kind: ActivityKind | 'walking';
  /** Minutes into the activity as the assistant first saw it. */
  minutesIn: number;
  /** Minutes since its last suggestion today (null: none yet today). */
  sinceLastMinutes: number | null;
  /** Its suggestions so far today. */
  spokenToday: number;
}
