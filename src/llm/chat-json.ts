/**
 * Ask an engine for JSON that follows a zod schema: pass the schema on (so
 * servers that support it constrain the output), parse defensively, and when
 * the reply cannot be used ask again with a repair prompt that says what was
 * wrong. Usage is summed over the attempts.
 */
import { z } from 'zod';
import type { ChatRequest, LlmEngine, TokenUsage } from './engine';
import { parseJsonReply, repairPrompt } from './json';

export interface ChatJsonOptions {
  /** Names the reply in errors ("the judge's timing verdict"). */
  what: string;
  /** Calls in all, the first included. Default 2. */
  attempts?: number;
}

export type ChatJsonResult<T> =
  | { ok: true; value: T; attempts: number; usage: TokenUsage; cached: boolean }
  | { ok: false; error: string; attempts: number; usage: TokenUsage; lastText: string };

export async function chatJson<T>(
  engine: LlmEngine,
  request: ChatRequest,
  schema: z.ZodType<T>,
  options: ChatJsonOptions,
): Promise<ChatJsonResult<T>> {
  const attempts = Math.max(1, options.attempts ?? 2);
  const messages = [...request.messages];
  const usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };
  const withSchema: ChatRequest = request.schema
    ? request
    : { ...request, schema: { name: schemaName(options.what), schema: jsonSchemaOf(schema) } };
  let error = '';
  let lastText = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const reply = await engine.chat({ ...withSchema, messages: [...messages] });
    usage.promptTokens += reply.usage.promptTokens;
    usage.completionTokens += reply.usage.completionTokens;
    lastText = reply.text;
    const parsed = parseJsonReply(reply.text, schema, options.what);
    if (parsed.ok)
      return { ok: true, value: parsed.value, attempts: attempt, usage, cached: reply.cached };
    error = parsed.error;
    messages.push({ role: 'assistant', content: reply.text }, repairPrompt(parsed.error));
  }
  return { ok: false, error, attempts, usage, lastText };
}

/** The JSON Schema of a zod schema, without the `$schema` line servers do not need. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const json = {
    ...(z.toJSONSchema(schema, { unrepresentable: 'any' }) as Record<string, unknown>),
  };
  delete json.$schema;
  return json;
}

function schemaName(what: string): string {
  return (
    what
      .replace(/[^a-zA-Z0-9]+/g, '_')
      .replace(/^_|_$/g, '')
      .slice(0, 64) || 'reply'
  );
}
