/**
 * A tiny engine for tests that need an LLM assistant or judge to answer
 * without a server: the assistant says one fixed suggestion, the judge
 * passes every criterion (compact mode). Counts its calls.
 */
import type { ChatRequest, ChatResponse, LlmEngine } from '../../src/llm/engine';

export const SAID = 'Would you like a glass of water?';

function reply(req: ChatRequest): string {
  switch (req.schema?.name) {
    case 'candidates': {
      const n = Number(/(\d+) different candidates/.exec(req.messages[0]?.content ?? '')?.[1] ?? 1);
      const one = { decision: 'recommend', suggestion: SAID, topic: 'hydration', tone: 'friendly' };
      return JSON.stringify({ candidates: Array.from({ length: n }, () => one) });
    }
    default:
      return '{}';
  }
}

export function answeringEngine(): LlmEngine & { calls: () => number } {
  let calls = 0;
  return {
    info: { kind: 'openai', model: 'answering', embeddings: false },
    calls: () => calls,
    async chat(req: ChatRequest): Promise<ChatResponse> {
      calls++;
      const text = reply(req);
      return { text, usage: { promptTokens: 10, completionTokens: 10 }, cached: false };
    },
  };
}
