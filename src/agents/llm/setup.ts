/**
 * Building a run's agents from an engine and the roles the model plays.
 * Every run (or experiment job) gets its own meter, so runs that share one
 * engine are counted apart. Used by the CLI and the experiment runner; the
 * browser can use it too.
 */
import type { AssistantAgent, UserAgent } from '../../core/agents';
import type { Agents } from '../../core/sim';
import type { LlmEngine } from '../../llm/engine';
import { properaAssistant } from '../propera/assistant';
import { getAssistant } from '../registry';
import { builtinUser } from '../user/builtin';
import { createLlmAssistant } from './assistant';
import type { JudgeMode } from './judge';
import { type RunUsageRecord, UsageLedger, type LedgerData } from './drive';
import { LLM_ROLES, UsageMeter, type LlmRole, type UsageByRole } from './usage';
import { createLlmUser } from './user';
import { LLM_ASSISTANTS } from './variants';

export { assistantInfo, isLlmAssistantId, LLM_ASSISTANTS, llmAssistantIds } from './variants';

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

/** The agents of one run, each LLM role talking through the run's own meter. */
export function buildRunAgents(
  setup: LlmSetup,
  assistantId: string,
  saved?: { ledger: LedgerData },
): RunAgents {
  const meter = new UsageMeter(saved?.ledger.meter as UsageByRole | undefined);
  const { engine } = setup;
  const plays = (role: LlmRole): LlmEngine | null =>
    engine && setup.roles.includes(role)
      ? meter.engineFor(role, setup.engines?.[role] ?? engine)
      : null;
  const signal = setup.signal ? { signal: setup.signal } : {};

  const planner = plays('persona');
  const judge = plays('judge');
  const user: UserAgent =
    planner || judge
      ? createLlmUser({ planner, judge, judgeMode: setup.judgeMode, ...signal })
      : builtinUser;

  let assistant: AssistantAgent<unknown>;
  const variant = LLM_ASSISTANTS.find((a) => a.id === assistantId);
  if (variant) {
    const talk = plays('assistant');
    if (!talk) {
      throw new Error(
        `assistant "${assistantId}" needs a model: use --engine openai with "assistant" in --llm-roles`,
      );
    }
    assistant = createLlmAssistant(talk, {
      id: variant.id,
      label: variant.label,
      memory: variant.memory,
      candidates: variant.candidates,
      ...(variant.gated ? { gate: { agent: properaAssistant } } : {}),
      ...signal,
    }) as AssistantAgent<unknown>;
  } else {
    assistant = getAssistant(assistantId);
  }
  const usageSetup: Pick<RunUsageRecord, 'engine' | 'roles' | 'judgeMode'> = {
    engine: engine ? { kind: engine.info.kind, model: engine.info.model } : null,
    roles: engine ? LLM_ROLES.filter((r) => setup.roles.includes(r)) : [],
    judgeMode: judge ? setup.judgeMode : null,
  };
  const ledger = new UsageLedger(meter, usageSetup, saved?.ledger);
  return { agents: { user, assistant }, meter, ledger };
}
