/**
 * An OpenAI-compatible server as an engine: made from the settings and the
 * key (the code is fetched on first use), asked for its models, or tested
 * with one tiny call.
 */
import type { LlmEngine } from '../../llm/engine';
import type { OpenAiEngine } from '../../llm/openai';
import type { EngineSettings } from './settings';

export interface ServerChoice {
  baseUrl: string;
  model: string;
  concurrency: number;
  apiKey: string;
}

export function serverChoice(settings: EngineSettings, apiKey: string): ServerChoice {
  return {
    baseUrl: settings.openai.baseUrl,
    model: settings.openai.model,
    concurrency: settings.openai.concurrency,
    apiKey: apiKey.trim(),
  };
}

/** The server's engine. `forTest`: no retries and a shorter timeout (a person is waiting). */
export async function serverEngine(choice: ServerChoice, forTest = false): Promise<OpenAiEngine> {
  const { createOpenAiEngine } = await import('../../llm/openai');
  return createOpenAiEngine({
    baseUrl: choice.baseUrl,
    model: choice.model || 'none',
    concurrency: choice.concurrency,
    ...(choice.apiKey ? { apiKey: choice.apiKey } : {}),
    ...(forTest ? { maxRetries: 0, timeoutMs: 30_000 } : {}),
  });
}

export interface ConnectionTest {
  text: string;
  ms: number;
  promptTokens: number;
  completionTokens: number;
}

/** One tiny chat call: does the model answer? What it said and how long it took. */
export async function testEngine(
  engine: LlmEngine,
  monotonic: () => number,
  signal?: AbortSignal,
): Promise<ConnectionTest> {
  const started = monotonic();
  const reply = await engine.chat({
    messages: [
      { role: 'system', content: 'You are a connection test. Answer with one word.' },
      { role: 'user', content: 'Reply with the word OK.' },
    ],
    temperature: 0,
    maxTokens: 8,
    ...(signal ? { signal } : {}),
  });
  return {
    text: reply.text.trim(),
    ms: Math.round(monotonic() - started),
    promptTokens: reply.usage.promptTokens,
    completionTokens: reply.usage.completionTokens,
  };
}
