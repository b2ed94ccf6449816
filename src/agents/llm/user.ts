/**
 * The user agent with LLM roles: the persona planner and the judge can each
 * be played by a model or by the built-in rules. The planner also reports
 * how each day's plan was made (`planDetailed`), so a driver can record
 * "llm", "llm-repaired" or "builtin-fallback" as the day's plan source.
 */
import type { MaybePromise, UserAgent } from '../../core/agents';
import type { Persona } from '../../core/persona';
import type { DayConditions } from '../../core/receptivity';
import type { Rng } from '../../core/rng';
import type { LlmEngine } from '../../llm/engine';
import { judgeCandidate } from '../user/judge';
import { describeMoment } from '../user/moment';
import { planDay } from '../user/planner';
import { createLlmJudge, type JudgeMode, type LlmJudgeOptions } from './judge';
import {
  createLlmPlanner,
  type LlmPlannerOptions,
  type PlanResult,
  type PlanSource,
} from './planner';

export interface DetailedPlan extends Omit<PlanResult, 'source'> {
  source: PlanSource | 'builtin';
}

export interface PlanningUserAgent extends UserAgent {
  /** The day's plan and how it was made. */
  planDetailed(
    persona: Persona,
    day: number,
    rng: Rng,
    conditions?: DayConditions,
  ): MaybePromise<DetailedPlan>;
}

export function isPlanningUser(user: UserAgent): user is PlanningUserAgent {
  return typeof (user as Partial<PlanningUserAgent>).planDetailed === 'function';
}

export interface LlmUserOptions {
  /** The engine that plays the persona's planner; built-in planner when absent. */
  planner?: LlmEngine | null;
  /** The engine that plays the judge; built-in judge when absent. */
  judge?: LlmEngine | null;
  judgeMode?: JudgeMode;
  plannerOptions?: Partial<LlmPlannerOptions>;
  judgeOptions?: Partial<LlmJudgeOptions>;
  signal?: AbortSignal;
}

export function createLlmUser(options: LlmUserOptions): PlanningUserAgent {
  const mode = options.judgeMode ?? 'compact';
  const signal = options.signal ? { signal: options.signal } : {};
  const planner = options.planner
    ? createLlmPlanner(options.planner, { ...options.plannerOptions, ...signal })
    : null;
  const judge = options.judge
    ? createLlmJudge(options.judge, { ...options.judgeOptions, mode, ...signal })
    : null;
  const id = `${planner ? 'llm' : 'builtin'}-planner+${judge ? `llm-judge-${mode}` : 'builtin-judge'}`;
  const planDetailed = (
    persona: Persona,
    day: number,
    rng: Rng,
    conditions?: DayConditions,
  ): MaybePromise<DetailedPlan> =>
    planner
      ? planner.plan(persona, day, rng, conditions)
      : { schedule: planDay(persona, rng, { conditions }), source: 'builtin', problems: [] };
  return {
    id,
    planDetailed,
    planDay: (persona, day, rng, conditions) => {
      const p = planDetailed(persona, day, rng, conditions);
      return p instanceof Promise ? p.then((x) => x.schedule) : p.schedule;
    },
    judge: judge ?? judgeCandidate,
    // The receptivity of the moment as the persona's structured rubric has it (for people watching).
    describeMoment,
  };
}
