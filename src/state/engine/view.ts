/**
 * What the page shows of the model engine: which model plays which role in
 * the run on screen, and what it has cost. Plain state in the store's
 * `engine` slice, kept by the engine controller (controller.ts).
 */
import type { JudgeMode } from '../../core/lineup';
import type { LlmRole } from '../../agents/llm/usage';

/** Calls and tokens over some window. */
export interface UsageCounts {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  failedCalls: number;
  cachedCalls: number;
}

export interface UsageView {
  /** Calls and tokens of the last step that called the model (the one in flight, once it has). */
  lastStep: UsageCounts | null;
  /** The simulated day in progress. */
  day: number;
  today: UsageCounts;
  total: UsageCounts;
  /** Judge and assistant calls per scored step today (the reference makes about 12). */
  callsPerScoredStep: number | null;
  /** Estimated cost in the price's currency (null without prices). */
  cost: { lastStep: number; today: number; total: number } | null;
  /** Calls left in the daily budget (null: no budget). */
  budget: { limit: number; used: number; left: number } | null;
}

export interface ActiveEngine {
  kind: 'openai' | 'webllm';
  model: string;
  /** Base URL, or null for this browser (WebLLM). */
  baseUrl: string | null;
  /** The roles the model plays in the run on screen (may be fewer than chosen: see `chosen`). */
  roles: LlmRole[];
  /** The roles the engine settings chose. */
  chosen: LlmRole[];
  judgeMode: JudgeMode;
  /** The run's assistant. */
  assistantId: string;
}

export interface EngineView {
  /** Null: the built-in engine plays every role. */
  active: ActiveEngine | null;
  usage: UsageView | null;
}

export const NO_ENGINE: EngineView = { active: null, usage: null };
