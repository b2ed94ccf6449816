/**
 * Building a run's agents from an engine and the roles the model plays.
 * Every run (or experiment job) gets its own meter, so runs that share one
 * engine are counted apart. Used by the CLI and the experiment runner; the
 * browser can use it too.
 */
import type { LineUp } from '../../core/lineup';
import type { Agents } from '../../core/sim';
import type { LlmEngine } from '../../llm/engine';
import { buildAgents, type Cast } from '../lineup';
import { assistantEntry } from '../registry';
import type { JudgeMode } from './judge';
import { type RunUsageRecord, UsageLedger, type LedgerData } from './drive';
import { modelKit } from './kit';
import { LLM_ROLES, UsageMeter, type LlmRole, type UsageByRole } from './usage';

export interface LlmSetup {
  /** Null for the built-in engine (no model). */
  engine: LlmEngine | null;
  /**
   * Per-role engines over the same model (e.g. the judge's with a prompt
   * cache: it answers at temperature 0); `engine` for the other roles.
   */
  engines?: Partial<Record<LlmRole, LlmEngine>>;
  /** The roles the model plays. */
  roles: readonly LlmRole[];
  judgeMode: JudgeMode;
  signal?: AbortSignal;
}

export interface RunAgents {
  agents: Agents<unknown>;
  meter: UsageMeter;
  ledger: UsageLedger;
}

/** The line-up a setup gives a run of this assistant. */
export function lineUpOf(setup: LlmSetup, assistantId: string): LineUp {
  const { engine } = setup;
  const plays = (role: LlmRole): boolean => engine !== null && setup.roles.includes(role);
  return {
    planner: plays('persona') ? 'model' : 'builtin',
    judge: plays('judge') ? 'model' : 'builtin',
    assistant: assistantId,
    engine: engine
      ? {
          kind: engine.info.kind === 'webllm' ? 'webllm' : 'openai',
          model: engine.info.model,
          judgeMode: setup.judgeMode,
        }
      : null,
  };
}

/** The agents of one run, each LLM role talking through the run's own meter. */
export function buildRunAgents(
  setup: LlmSetup,
  assistantId: string,
  saved?: { ledger: LedgerData },
): RunAgents {
  const meter = new UsageMeter(saved?.ledger.meter as UsageByRole | undefined);
  const { engine } = setup;
  if (assistantEntry(assistantId).needsModel && !(engine && setup.roles.includes('assistant'))) {
    throw new Error(
      `assistant "${assistantId}" needs a model: use --engine openai with "assistant" in --llm-roles`,
    );
  }
  const engines: Cast['engines'] = {};
  if (engine) {
    for (const role of setup.roles)
      engines[role] = meter.engineFor(role, setup.engines?.[role] ?? engine);
  }
  const lineup = lineUpOf(setup, assistantId);
  const agents = buildAgents(lineup, {
    engines,
    kit: modelKit,
    ...(setup.signal ? { signal: setup.signal } : {}),
  });
  const usageSetup: Pick<RunUsageRecord, 'engine' | 'roles' | 'judgeMode'> = {
    engine: engine ? { kind: engine.info.kind, model: engine.info.model } : null,
    roles: engine ? LLM_ROLES.filter((r) => setup.roles.includes(r)) : [],
    judgeMode: lineup.judge === 'model' ? setup.judgeMode : null,
  };
  const ledger = new UsageLedger(meter, usageSetup, saved?.ledger);
  return { agents, meter, ledger };
}
