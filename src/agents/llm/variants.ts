/**
 * The LLM assistants by id, and what a report needs to know of any
 * assistant (built-in or LLM). Kept apart from setup.ts so the experiment
 * report and worker threads need not load the LLM agents.
 */
import type { MemoryLevel } from '../propera/memory';
import { getAssistant } from '../registry';

export interface LlmVariant {
  id: string;
  label: string;
  memory: MemoryLevel;
  /** 'one-call': one call asks for both candidates; 'two-calls': two samples, as the reference. */
  candidates: 'one-call' | 'two-calls';
  gated: boolean;
}

/** The LLM assistants, by id (they need an engine, so they are not in the built-in registry). */
export const LLM_ASSISTANTS: readonly LlmVariant[] = [
  {
    id: 'llm',
    label: 'LLM assistant (AS memory)',
    memory: 'AS',
    candidates: 'one-call',
    gated: false,
  },
  {
    id: 'llm-none',
    label: 'LLM assistant, no memory',
    memory: 'none',
    candidates: 'one-call',
    gated: false,
  },
  {
    id: 'llm-a',
    label: 'LLM assistant, A memory',
    memory: 'A',
    candidates: 'one-call',
    gated: false,
  },
  {
    id: 'llm-asc',
    label: 'LLM assistant, ASC memory',
    memory: 'ASC',
    candidates: 'one-call',
    gated: false,
  },
  {
    id: 'llm-ascr',
    label: 'LLM assistant, ASCR memory',
    memory: 'ASCR',
    candidates: 'one-call',
    gated: false,
  },
  {
    id: 'llm-reference',
    label: 'LLM assistant as the reference (AS memory, two calls per step)',
    memory: 'AS',
    candidates: 'two-calls',
    gated: false,
  },
  {
    id: 'llm-gated',
    label: 'LLM assistant, timing from the learned policy (AS memory)',
    memory: 'AS',
    candidates: 'one-call',
    gated: true,
  },
];

export function llmAssistantIds(): string[] {
  return LLM_ASSISTANTS.map((a) => a.id);
}

export function isLlmAssistantId(id: string): boolean {
  return LLM_ASSISTANTS.some((a) => a.id === id);
}

/** Label and candidates per step of any assistant id, built-in or LLM (for reports). */
export function assistantInfo(id: string): { label: string; candidatesPerStep: 1 | 2 } {
  const variant = LLM_ASSISTANTS.find((a) => a.id === id);
  if (variant) return { label: variant.label, candidatesPerStep: 2 };
  const a = getAssistant(id);
  return { label: a.label, candidatesPerStep: a.candidatesPerStep };
}
