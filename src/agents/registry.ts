/**
 * Every assistant a run can use, by id: the built-in ones (agents that
 * answer at once, no model) and the LLM ones (a model writes their words).
 * The CLI, the experiment runner, storage's import check (through a
 * predicate) and the browser all read this one list; the line-up factory
 * (lineup.ts) builds a run's assistant from its entry.
 *
 * Adding an assistant is one line below. An LLM entry is data only (which
 * memory, how many calls), so this file does not load the LLM agents' code:
 * the factory gets it from loadModelKit when a line-up needs it.
 */
import type { AssistantAgent } from '../core/agents';
import {
  oracleAnythingAssistant,
  oracleAnytimeAssistant,
  oracleAssistant,
} from './assistants/oracle';
import { alwaysAssistant, neverAssistant, randomAssistant } from './assistants/simple';
import {
  memA,
  memAS,
  memASC,
  memASCR,
  noMemoryAssistant,
  properaAssistant,
} from './propera/assistant';
import type { MemoryLevel } from './propera/memory';
import type { z } from 'zod';
import { emptyStateSchema, llmStateSchema, problemsOf, properaStateSchema } from './state-schemas';

/** How an LLM assistant is set up. */
export interface LlmVariant {
  memory: MemoryLevel;
  /** 'one-call': one call asks for both candidates; 'two-calls': two samples, as the reference. */
  candidates: 'one-call' | 'two-calls';
  /** The built-in ProPerAssistant's learned policy decides when to speak; the model writes the words. */
  gated: boolean;
}

export interface BuiltinEntry {
  id: string;
  label: string;
  candidatesPerStep: 1 | 2;
  needsModel: false;
  agent: AssistantAgent<unknown>;
  /** The shape of its state, checked on runs from outside; null: not checked (a test's stand-in). */
  stateSchema: z.ZodType | null;
}

export interface LlmEntry {
  id: string;
  label: string;
  candidatesPerStep: 2;
  needsModel: true;
  variant: LlmVariant;
}

export type AssistantEntry = BuiltinEntry | LlmEntry;

const ENTRIES = new Map<string, AssistantEntry>();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function registerAssistant(a: AssistantAgent<any>, stateSchema?: z.ZodType): void {
  const agent = a as AssistantAgent<unknown>;
  // A ProPerAssistant says its memory level; its state has the shape state-schemas.ts gives it.
  const level = (a as { memoryLevel?: MemoryLevel }).memoryLevel;
  ENTRIES.set(a.id, {
    id: a.id,
    label: a.label,
    candidatesPerStep: a.candidatesPerStep,
    needsModel: false,
    agent,
    stateSchema: stateSchema ?? (level ? properaStateSchema(level) : null),
  });
}

function registerLlm(id: string, label: string, variant: LlmVariant): void {
  ENTRIES.set(id, { id, label, candidatesPerStep: 2, needsModel: true, variant });
}

const ONE_CALL = { candidates: 'one-call', gated: false } as const;

registerAssistant(alwaysAssistant, emptyStateSchema);
registerAssistant(neverAssistant, emptyStateSchema);
registerAssistant(randomAssistant, emptyStateSchema);
registerAssistant(properaAssistant);
registerAssistant(noMemoryAssistant);
registerAssistant(memA);
registerAssistant(memAS);
registerAssistant(memASC);
registerAssistant(memASCR);
registerAssistant(oracleAssistant, emptyStateSchema);
registerAssistant(oracleAnytimeAssistant, emptyStateSchema);
registerAssistant(oracleAnythingAssistant, emptyStateSchema);
registerLlm('llm', 'LLM assistant (AS memory)', { ...ONE_CALL, memory: 'AS' });
registerLlm('llm-none', 'LLM assistant, no memory', { ...ONE_CALL, memory: 'none' });
registerLlm('llm-a', 'LLM assistant, A memory', { ...ONE_CALL, memory: 'A' });
registerLlm('llm-asc', 'LLM assistant, ASC memory', { ...ONE_CALL, memory: 'ASC' });
registerLlm('llm-ascr', 'LLM assistant, ASCR memory', { ...ONE_CALL, memory: 'ASCR' });
registerLlm('llm-reference', 'LLM assistant as the reference (AS memory, two calls per step)', {
  memory: 'AS',
  candidates: 'two-calls',
  gated: false,
});
registerLlm('llm-gated', 'LLM assistant, timing from the learned policy (AS memory)', {
  ...ONE_CALL,
  memory: 'AS',
  gated: true,
});

/** Every entry, built-in first, in the order registered. */
export function assistantEntries(): AssistantEntry[] {
  return [...ENTRIES.values()];
}

/** The built-in assistants' ids (those that need no model). */
export function assistantIds(): string[] {
  return assistantEntries()
    .filter((e) => !e.needsModel)
    .map((e) => e.id);
}

/** The LLM assistants' ids (they need a model to speak). */
export function llmAssistantIds(): string[] {
  return assistantEntries()
    .filter((e) => e.needsModel)
    .map((e) => e.id);
}

export function isLlmAssistantId(id: string): boolean {
  return ENTRIES.get(id)?.needsModel === true;
}

/**
 * What is wrong with `state` as the state of assistant `id` (unknown
 * assistant, wrong shape, wrong sizes), as lines naming the field; [] when
 * it fits. Storage checks every run from outside with it (handed in).
 */
export function assistantStateProblems(id: string, state: unknown): string[] {
  const e = ENTRIES.get(id);
  if (!e) return [`unknown assistant "${id}"`];
  const schema = e.needsModel ? llmStateSchema(e.variant) : e.stateSchema;
  return schema ? problemsOf(schema, state) : [];
}

/** Is this an assistant of the registry (built-in or LLM)? Storage checks imports with it. */
export function hasAssistant(id: string): boolean {
  return ENTRIES.has(id);
}

export function assistantEntry(id: string): AssistantEntry {
  const e = ENTRIES.get(id);
  if (!e)
    throw new Error(`unknown assistant "${id}"; choose one of: ${[...ENTRIES.keys()].join(', ')}`);
  return e;
}

/** A built-in assistant's agent. An LLM assistant is built by the line-up factory, with a model. */
export function getAssistant(id: string): AssistantAgent<unknown> {
  const e = ENTRIES.get(id);
  if (!e || e.needsModel)
    throw new Error(
      e
        ? `assistant "${id}" needs a model: build it with the line-up factory (src/agents/lineup.ts)`
        : `unknown assistant "${id}"; choose one of: ${assistantIds().join(', ')}`,
    );
  return e.agent;
}

/** Label and candidates per step of any assistant, built-in or LLM (for reports). */
export function assistantInfo(id: string): { label: string; candidatesPerStep: 1 | 2 } {
  const e = assistantEntry(id);
  return { label: e.label, candidatesPerStep: e.candidatesPerStep };
}

/** An assistant's label for people, or its id when the registry does not know it. */
export function assistantLabel(id: string): string {
  return ENTRIES.get(id)?.label ?? id;
}
