/**
 * Driving a run whose agents answer asynchronously (LLM roles), with the
 * cost in sight: each day is planned through the user agent's
 * `planDetailed` (so the run records how the plan was made), each step
 * goes through `advanceAsync`, and the meter is read before and after
 * every step and day. An engine that goes away pauses the run — the run
 * is left at a step boundary, ready to save and resume — and the outcome
 * says why.
 */
import type { Agents, RunState, StepRecord } from '../../core/sim';
import { advanceAsync, conditionsFor, dispatch, isFinished, phase, planRng } from '../../core/sim';
import type { EngineInfo } from '../../llm/engine';
import { pauseReason } from './call';
import type { JudgeMode } from './judge';
import {
  diffByRole,
  emptyByRole,
  sumRoles,
  type LlmRole,
  type Usage,
  type UsageByRole,
  type UsageMeter,
} from './usage';
import { isPlanningUser, type DetailedPlan } from './user';

/** Calls and tokens of one step. */
export interface StepCost {
  calls: number;
  promptTokens: number;
  completionTokens: number;
}

export interface CostTotals {
  /** Every chat call, the planner's included. */
  calls: number;
  promptTokens: number;
  completionTokens: number;
  /** Steps with a score (unjudged steps cost calls but have none). */
  scoredSteps: number;
  /** Judge and assistant calls per scored step (the reference makes about 12). */
  callsPerScoredStep: number | null;
  byRole: UsageByRole;
}

export interface DayCost extends CostTotals {
  day: number;
  /** False while the day is in progress (a paused or limited run). */
  complete: boolean;
  plan: { source: string; problems: string[] } | null;
}

/** The cost of a run, kept next to it (and in its checkpoint). */
export interface RunUsageRecord {
  engine: { kind: EngineInfo['kind']; model: string } | null;
  roles: LlmRole[];
  judgeMode: JudgeMode | null;
  days: DayCost[];
  total: CostTotals;
}

export interface LedgerData {
  days: DayCost[];
  current: {
    day: number;
    start: UsageByRole;
    scoredSteps: number;
    plan: DayCost['plan'];
  } | null;
  /** The meter's totals when saved. */
  meter: UsageByRole;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

export function totalsOf(byRole: UsageByRole, scoredSteps: number): CostTotals {
  const all: Usage = sumRoles(byRole);
  const perStep = sumRoles(byRole, ['judge', 'assistant']).calls;
  return {
    calls: all.calls,
    promptTokens: all.promptTokens,
    completionTokens: all.completionTokens,
    scoredSteps,
    callsPerScoredStep: scoredSteps > 0 ? round(perStep / scoredSteps) : null,
    byRole,
  };
}

/** Per-day accounting over a run's meter. Plain data in and out, for checkpoints. */
export class UsageLedger {
  private data: LedgerData;

  constructor(
    readonly meter: UsageMeter,
    readonly setup: Pick<RunUsageRecord, 'engine' | 'roles' | 'judgeMode'>,
    saved?: LedgerData,
  ) {
    this.data = saved ? structuredClone(saved) : { days: [], current: null, meter: emptyByRole() };
  }

  /** Open the day's account (no-op when it is open). */
  ensureDay(day: number): void {
    if (this.data.current?.day === day) return;
    if (this.data.current) this.endDay(false);
    this.data.current = { day, start: this.meter.snapshot(), scoredSteps: 0, plan: null };
  }

  setPlan(plan: { source: string; problems: string[] }): void {
    if (this.data.current)
      this.data.current.plan = { source: plan.source, problems: plan.problems };
  }

  /** Count a scored step (an asleep or unjudged one costs calls but has no score). */
  step(record: StepRecord): void {
    if (this.data.current && !record.asleep && !record.unjudged) this.data.current.scoredSteps++;
  }

  /** Close the day's account. */
  endDay(complete = true): DayCost | null {
    const c = this.data.current;
    if (!c) return null;
    const cost = this.dayCost(c, complete);
    this.data.days.push(cost);
    this.data.current = null;
    return cost;
  }

  private dayCost(c: NonNullable<LedgerData['current']>, complete: boolean): DayCost {
    return {
      day: c.day,
      complete,
      plan: c.plan,
      ...totalsOf(diffByRole(this.meter.snapshot(), c.start), c.scoredSteps),
    };
  }

  /** The cost so far: finished days, the day in progress, and the totals. */
  record(): RunUsageRecord {
    const days = [...this.data.days];
    if (this.data.current) days.push(this.dayCost(this.data.current, false));
    const scored = days.reduce((n, d) => n + d.scoredSteps, 0);
    return { ...this.setup, days, total: totalsOf(this.meter.snapshot(), scored) };
  }

  toJSON(): LedgerData {
    return { ...structuredClone(this.data), meter: this.meter.snapshot() };
  }
}

export interface DriveOptions {
  signal?: AbortSignal;
  /** Stop after this many scored steps (from this call on). */
  limitSteps?: number;
  /** Stop when this day is finished. */
  untilDayEnd?: boolean;
  onPlan?: (day: number, plan: DetailedPlan) => void;
  onStep?: (record: StepRecord, cost: StepCost) => void;
  /** After each finished day (await it to save a checkpoint). */
  onDayEnd?: (day: number, cost: DayCost) => void | Promise<void>;
}

export interface DriveOutcome {
  status: 'finished' | 'limit' | 'day-end' | 'paused';
  /** Why the run paused (for people). */
  message: string | null;
  scoredSteps: number;
}

/**
 * Run until the end (or the limit, or the end of the day with
 * `untilDayEnd`). Never leaves a step half-applied: a pause happens between
 * dispatches, so the run can be saved and resumed where it stopped.
 */
export async function driveRun<S>(
  run: RunState<S>,
  agents: Agents<S>,
  ledger: UsageLedger,
  options: DriveOptions = {},
): Promise<DriveOutcome> {
  const { signal } = options;
  let scored = 0;
  const outcome = (
    status: DriveOutcome['status'],
    message: string | null = null,
  ): DriveOutcome => ({
    status,
    message,
    scoredSteps: scored,
  });
  try {
    while (!isFinished(run)) {
      if (options.limitSteps !== undefined && scored >= options.limitSteps) return outcome('limit');
      signal?.throwIfAborted();
      const day = run.day;
      ledger.ensureDay(day);
      if (phase(run) === 'plan') {
        const user = agents.user;
        const plan: DetailedPlan = isPlanningUser(user)
          ? await user.planDetailed(run.persona, day, planRng(run, day), conditionsFor(run, day))
          : {
              schedule: await user.planDay(
                run.persona,
                day,
                planRng(run, day),
                conditionsFor(run, day),
              ),
              source: 'builtin',
              problems: [],
            };
        signal?.throwIfAborted();
        dispatch(run, agents, { type: 'start-day', schedule: plan.schedule, source: plan.source });
        ledger.setPlan(plan);
        options.onPlan?.(day, plan);
        continue;
      }
      const before = ledger.meter.snapshot();
      const [record] = await advanceAsync(run, agents, 1, undefined, signal);
      if (record) {
        ledger.step(record);
        if (!record.asleep) scored++;
        const cost = sumRoles(diffByRole(ledger.meter.snapshot(), before));
        options.onStep?.(record, {
          calls: cost.calls,
          promptTokens: cost.promptTokens,
          completionTokens: cost.completionTokens,
        });
      }
      if (run.day !== day) {
        const cost = ledger.endDay(true);
        if (cost) await options.onDayEnd?.(day, cost);
        if (options.untilDayEnd) return outcome(isFinished(run) ? 'finished' : 'day-end');
      }
    }
    return outcome('finished');
  } catch (err) {
    const reason = pauseReason(err) ?? (signal?.aborted ? 'the run was stopped' : null);
    if (reason !== null) return outcome('paused', reason);
    throw err;
  }
}
