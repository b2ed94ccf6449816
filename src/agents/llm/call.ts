/**
 * One JSON exchange with a model, the way every LLM role makes it: send the
 * messages with the reply's JSON Schema, read the JSON out of the reply,
 * and when it cannot be read ask once more with the reason (a "repair"
 * retry). The result says whether a usable value came back; the caller
 * owns the fallback.
 *
 * Two kinds of failure are kept apart. A call that fails on its own (a
 * timeout after the engine's retries, a bad reply) is the caller's to
 * absorb. An engine that has gone away (no server, no key, out of quota,
 * aborted) — or that fails call after call — pauses the run: that throws
 * `EnginePausedError`, and the driver saves the run and stops.
 */
import { z } from 'zod';
import { EngineError, type ChatMessage, type LlmEngine } from '../../llm/engine';
import { parseJsonReply, repairPrompt } from '../../llm/json';
import { isMetered } from './usage';

/** Engine failures that mean the engine is gone, not that one call went wrong. */
const FATAL_KINDS = new Set<EngineError['kind']>([
  'network',
  'cors',
  'auth',
  'unavailable',
  'quota',
  'budget',
  'aborted',
  'out-of-memory',
]);

/** After this many failed calls in a row on one engine, the run pauses. */
export const MAX_CONSECUTIVE_FAILURES = 6;

/** The run must pause: the engine is unavailable. `message` is for people. */
export class EnginePausedError extends Error {
  constructor(
    message: string,
    public readonly kind: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EnginePausedError';
  }
}

/** The message to pause with, when `err` means the engine is gone; null otherwise. */
export function pauseReason(err: unknown): string | null {
  if (err instanceof EnginePausedError) return err.message;
  if (err instanceof EngineError && FATAL_KINDS.has(err.kind)) return describeEngineError(err);
  return null;
}

export function describeEngineError(err: EngineError): string {
  const hint: Partial<Record<EngineError['kind'], string>> = {
    network: 'the server cannot be reached',
    cors: 'the browser blocked the request (CORS)',
    auth: 'the server refused the API key (set OPENAI_API_KEY)',
    unavailable: 'the engine is not available',
    quota: 'the account is out of quota',
    budget: 'the run reached its call budget',
    aborted: 'the call was cancelled',
    'out-of-memory': 'the model ran out of memory',
  };
  return `${hint[err.kind] ?? `engine error (${err.kind})`}: ${err.message}`;
}

const failuresInARow = new WeakMap<LlmEngine, number>();

export interface JsonCall<T> {
  engine: LlmEngine;
  messages: ChatMessage[];
  /** Validates the reply (may be more lenient than `requestSchema`). */
  schema: z.ZodType<T>;
  /** Sent to the engine as the reply's JSON Schema; defaults to `schema`. */
  requestSchema?: z.ZodType;
  /** Names the schema in the request and the reply in errors. */
  name: string;
  what: string;
  temperature?: number;
  maxTokens?: number;
  signal?: AbortSignal;
  /** Repair retries after an unreadable reply (the reference retries; default 1). */
  repairs?: number;
}

export type JsonOutcome<T> =
  | { ok: true; value: T; calls: number }
  | {
      ok: false;
      /** Why there is no value: the reply could not be read, or the call failed. */
      failure: 'unreadable' | 'call-failed';
      error: string;
      calls: number;
    };

const schemaCache = new WeakMap<z.ZodType, Record<string, unknown>>();

/** The JSON Schema of a zod schema, for the request (cached per schema object). */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  let out = schemaCache.get(schema);
  if (!out) {
    out = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Record<
      string,
      unknown
    >;
    delete out.$schema;
    schemaCache.set(schema, out);
  }
  return out;
}

export async function askJson<T>(call: JsonCall<T>): Promise<JsonOutcome<T>> {
  const { engine } = call;
  const messages = [...call.messages];
  const repairs = call.repairs ?? 1;
  const schema = { name: call.name, schema: jsonSchemaOf(call.requestSchema ?? call.schema) };
  let calls = 0;
  for (let attempt = 0; ; attempt++) {
    let text: string;
    try {
      calls++;
      const res = await engine.chat({
        messages,
        schema,
        ...(call.temperature !== undefined ? { temperature: call.temperature } : {}),
        ...(call.maxTokens !== undefined ? { maxTokens: call.maxTokens } : {}),
        ...(call.signal ? { signal: call.signal } : {}),
      });
      text = res.text;
      failuresInARow.set(engine, 0);
    } catch (err) {
      if (pauseReason(err) !== null) {
        throw err instanceof EnginePausedError
          ? err
          : new EnginePausedError(pauseReason(err) as string, (err as EngineError).kind, {
              cause: err,
            });
      }
      const n = (failuresInARow.get(engine) ?? 0) + 1;
      failuresInARow.set(engine, n);
      const message =
        err instanceof EngineError ? describeEngineError(err) : (err as Error).message;
      if (n >= MAX_CONSECUTIVE_FAILURES) {
        throw new EnginePausedError(
          `the engine failed ${n} calls in a row; last: ${message}`,
          'repeated-failures',
          { cause: err },
        );
      }
      return { ok: false, failure: 'call-failed', error: message, calls };
    }
    const parsed = parseJsonReply(text, call.schema, call.what);
    if (parsed.ok) return { ok: true, value: parsed.value, calls };
    if (attempt >= repairs) {
      if (isMetered(engine)) engine.meter.note(engine.role, 'unreadable');
      return { ok: false, failure: 'unreadable', error: parsed.error, calls };
    }
    if (isMetered(engine)) engine.meter.note(engine.role, 'repairCalls');
    messages.push({ role: 'assistant', content: text }, repairPrompt(parsed.error));
  }
}
