/**
 * The LLM agents' code in one module, so the line-up factory can load it
 * on demand (`loadModelKit` in ../lineup.ts): in the browser it is its own
 * chunk, fetched only when a run has a model role or an LLM assistant.
 */
import { properaAssistant } from '../propera/assistant';
import { createLlmAssistant } from './assistant';
import { createLlmUser } from './user';

export const modelKit = { createLlmAssistant, createLlmUser, gateAgent: properaAssistant };
export type ModelKit = typeof modelKit;
