/**
 * Each run's part of the model's work: its own usage meter and ledger
 * (calls and tokens per role, per day), counted step by step as the store
 * reports steps, and the usage view the cost panel shows.
 */
import { assistantNeedsModel } from '../../agents/lineup';
import type { RunUsageRecord, UsageLedger } from '../../agents/llm/drive';
import {
  diffByRole,
  LLM_ROLES,
  sumRoles,
  UsageMeter,
  type LlmRole,
  type Usage,
  type UsageByRole,
} from '../../agents/llm/usage';
import { modelRoles, type LineUp } from '../../core/lineup';
import { isFinished, type RunState } from '../../core/sim';
import type { GameState } from '../store';
import { costOf, type Applied } from './applied';
import type { UsageCounts, UsageView } from './view';

/** The engine's part in one run. */
export interface Binding {
  meter: UsageMeter;
  ledger: UsageLedger;
  /** The meter at the start of the step in flight. */
  before: UsageByRole | null;
  lastStep: Usage | null;
}

/** The roles a model plays in a run of this line-up. */
export function rolesIn(lineup: LineUp): LlmRole[] {
  return modelRoles(lineup, assistantNeedsModel(lineup));
}

export function newBinding(run: RunState, a: Applied): Binding {
  const meter = new UsageMeter();
  const roles = rolesIn(run.lineup);
  const setup: Pick<RunUsageRecord, 'engine' | 'roles' | 'judgeMode'> = {
    engine: { kind: a.engine.info.kind, model: a.engine.info.model },
    roles: LLM_ROLES.filter((r) => roles.includes(r)),
    judgeMode: roles.includes('judge') ? a.settings.judgeMode : null,
  };
  return { meter, ledger: new a.kit.UsageLedger(meter, setup), before: null, lastStep: null };
}

/**
 * Count what changed between two states of the store: a step began (busy),
 * a record came (the ledger's step and, at a day's end, its day), a step
 * ended. Returns what the caller does about its ticker and budget window.
 */
export function countChange(
  b: Binding,
  s: GameState,
  prev: GameState,
): { began: boolean; ended: boolean; dayEnded: boolean } {
  const began = !prev.busy && s.busy !== null;
  if (began) {
    b.ledger.ensureDay(s.run.day);
    b.before = b.meter.snapshot();
  }
  let dayEnded = false;
  if (s.latest && s.latest !== prev.latest) {
    b.ledger.step(s.latest);
    if (s.run.day !== s.latest.day || isFinished(s.run)) {
      b.ledger.endDay(true);
      dayEnded = true;
    }
  }
  const ended = prev.busy !== null && !s.busy;
  if (ended) {
    // Asleep steps call nobody: "last step" keeps the last one that called the model.
    const step = b.before ? sumRoles(diffByRole(b.meter.snapshot(), b.before)) : null;
    if (step && step.calls + step.failedCalls > 0) b.lastStep = step;
    b.before = null;
  }
  return { began, ended, dayEnded };
}

/** Model calls of the judge and the assistant per scored step (cache hits are not calls). */
function perScoredStep(byRole: UsageByRole, scoredSteps: number): number | null {
  if (scoredSteps <= 0) return null;
  const u = sumRoles(byRole, ['judge', 'assistant']);
  return Math.round(((u.calls - u.cachedCalls) / scoredSteps) * 1000) / 1000;
}

const counts = (u: Usage): UsageCounts => ({
  calls: u.calls - u.cachedCalls,
  promptTokens: u.promptTokens,
  completionTokens: u.completionTokens,
  failedCalls: u.failedCalls,
  cachedCalls: u.cachedCalls,
});

/** The cost panel's view of one run's usage. */
export function usageView(b: Binding, day: number, a: Applied): UsageView {
  const record = b.ledger.record();
  const now = b.meter.snapshot();
  const current = record.days.find((d) => d.day === day && !d.complete);
  const todayByRole = current?.byRole ?? diffByRole(now, now);
  const today = sumRoles(todayByRole);
  const total = sumRoles(now);
  // While a step runs, "last step" shows the one in flight once it has called the model.
  const inFlight = b.before ? sumRoles(diffByRole(now, b.before)) : null;
  const last = inFlight && inFlight.calls + inFlight.failedCalls > 0 ? inFlight : b.lastStep;
  const lastCost = last ? costOf(a, last) : null;
  const todayCost = costOf(a, today);
  const totalCost = costOf(a, total);
  return {
    lastStep: last ? counts(last) : null,
    day,
    today: counts(today),
    total: counts(total),
    callsPerScoredStep: perScoredStep(todayByRole, current?.scoredSteps ?? 0),
    cost:
      lastCost === null || todayCost === null || totalCost === null
        ? null
        : { lastStep: lastCost, today: todayCost, total: totalCost },
    budget: a.metered.meter.snapshot().budget,
  };
}
