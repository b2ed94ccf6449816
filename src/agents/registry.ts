/**
 * The assistants a run can use, by id. The CLI, the experiment runner and
 * the browser all pick from here.
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

const ASSISTANTS: Record<string, AssistantAgent<unknown>> = {};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function registerAssistant(a: AssistantAgent<any>): void {
  ASSISTANTS[a.id] = a as AssistantAgent<unknown>;
}

registerAssistant(alwaysAssistant);
registerAssistant(neverAssistant);
registerAssistant(randomAssistant);
registerAssistant(properaAssistant);
registerAssistant(noMemoryAssistant);
registerAssistant(memA);
registerAssistant(memAS);
registerAssistant(memASC);
registerAssistant(memASCR);
registerAssistant(oracleAssistant);
registerAssistant(oracleAnytimeAssistant);
registerAssistant(oracleAnythingAssistant);

export function assistantIds(): string[] {
  return Object.keys(ASSISTANTS);
}

export function getAssistant(id: string): AssistantAgent<unknown> {
  const a = ASSISTANTS[id];
  if (!a) throw new Error(`unknown assistant "${id}"; choose one of: ${assistantIds().join(', ')}`);
  return a;
}
