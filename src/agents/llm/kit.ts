/**
 * The LLM agents' code in one module, so the line-up factory can load it
 * on demand (`loadModelKit` in ../lineup.ts): in the browser it is its own
 * chunk, fetched only when a run has a model role or an LLM assistant.
 */
import { properaAssistant } from '../propera/assistant';
import { createLlmAssistant } from './assistant';
import { EnginePausedError } from './call';
import { UsageLedger } from './drive';
import { createLlmUser } from './user';

export const modelKit = {
  createLlmAssistant,
  createLlmUser,
  /** The timing gate of the gated LLM assistant. */
  gateAgent: properaAssistant,
  /** Thrown to pause a run (not score 0) when the engine failed after its retries. */
  EnginePausedError,
  /** A run's calls and tokens per role and per day. */
  UsageLedger,
};
export type ModelKit = typeof modelKit;
