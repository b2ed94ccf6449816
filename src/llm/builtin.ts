/**
 * The built-in engine, as an LlmEngine for completeness. The built-in agents
 * (planner, judge, ProPerAssistant) play their parts directly, without
 * prompts, so there is nothing to chat with: `chat` says so.
 */
import { EngineError, type LlmEngine } from './engine';

export function createBuiltinEngine(): LlmEngine {
  return {
    info: { kind: 'builtin', model: 'builtin', embeddings: false },
    chat() {
      return Promise.reject(
        new EngineError(
          'unavailable',
          'the built-in engine plays the agents directly, without prompts',
        ),
      );
    },
  };
}
