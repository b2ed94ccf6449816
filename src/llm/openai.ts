/**
 * An engine for any OpenAI-compatible HTTP server: Ollama
 * (`http://localhost:11434/v1`), llama.cpp's llama-server, vLLM, LM Studio
 * and OpenAI itself. It asks for JSON that follows the request's schema
 * (`json_schema`, falling back to `json_object`, then to plain text for
 * servers that refuse them), times out, retries with backoff, limits how
 * many calls run at once and reports token usage.
 *
 * The API key travels in the Authorization header only; it is scrubbed from
 * every message this module writes.
 */
import {
  EngineError,
  type ChatRequest,
  type ChatResponse,
  type EngineInfo,
  type LlmEngine,
} from './engine';
import {
  browserOrigin,
  corsAdvice,
  describeCause,
  isRecord,
  parseJson,
  parseRetryAfter,
  refusesFormat,
  safeName,
  serverMessage,
  snippet,
} from './openai-http';
import { maskSecrets, showBaseUrl } from '../shared/secrets';
import { abortedError, estimateUsage, Semaphore, sleep as defaultSleep } from './util';

// Kept importable from here: the engine's callers and tests know them as the engine's.
export { corsAdvice, parseRetryAfter } from './openai-http';

/** How the engine asks for JSON; it steps down when a server refuses. */
export type ResponseFormatMode = 'json_schema' | 'json_object' | 'none';

/** What the engine did, for a debug log. Never holds the key or the prompt. */
export type OpenAiEvent =
  | { type: 'request'; path: string; attempt: number }
  | { type: 'response'; path: string; attempt: number; status: number; ms: number }
  | { type: 'failure'; path: string; attempt: number; kind: EngineError['kind']; ms: number }
  | { type: 'retry'; path: string; attempt: number; waitMs: number; kind: EngineError['kind'] }
  | { type: 'fallback'; from: ResponseFormatMode; to: ResponseFormatMode };

export interface OpenAiEngineOptions {
  /** Up to and including the version, e.g. `http://localhost:11434/v1`. */
  baseUrl: string;
  model: string;
  /** Sent as `Authorization: Bearer …`; local servers need none. */
  apiKey?: string;
  /** Per attempt, including reading the body. Default 60 s. */
  timeoutMs?: number;
  /** Extra attempts after the first for timeouts, 429, 5xx and dropped connections. Default 3. */
  maxRetries?: number;
  /** Calls in flight at once. Default 2. */
  concurrency?: number;
  /** Model for `embed` via POST /embeddings; without it the engine has no embeddings. */
  embeddingModel?: string;
  /** Fields added to every chat body (e.g. `{ seed: 1 }` or Ollama's `options`). */
  extraBody?: Record<string, unknown>;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** Default: setTimeout. Tests pass one that records waits. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1). Default Math.random. */
  random?: () => number;
  /** First backoff wait (doubles each retry, full jitter). Default 500 ms. */
  backoffBaseMs?: number;
  /** Longest backoff wait. Default 8 s. */
  backoffMaxMs?: number;
  /** A Retry-After longer than this fails the call instead of waiting. Default 60 s. */
  maxRetryAfterMs?: number;
  /**
   * Origin of the page making the calls, to explain blocked cross-origin
   * requests. Default: `location.origin` in a browser page, none elsewhere.
   */
  pageOrigin?: string | null;
  /** Debug log of requests, responses and retries. */
  onEvent?: (event: OpenAiEvent) => void;
}

export interface OpenAiEngine extends LlmEngine {
  /** Model ids the server offers (GET {baseUrl}/models). */
  listModels(signal?: AbortSignal): Promise<string[]>;
  /** How JSON is requested now (after any fallback). */
  readonly responseFormatMode: ResponseFormatMode;
}

interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

const RETRYABLE: ReadonlySet<EngineError['kind']> = new Set([
  'timeout',
  'rate-limit',
  'server',
  'network',
]);

export function createOpenAiEngine(options: OpenAiEngineOptions): OpenAiEngine {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new EngineError('bad-request', `"${options.baseUrl}" is not a URL`);
  }
  const apiKey = options.apiKey?.trim() || undefined;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxRetries = options.maxRetries ?? 3;
  const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const backoffBaseMs = options.backoffBaseMs ?? 500;
  const backoffMaxMs = options.backoffMaxMs ?? 8_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const pageOrigin = options.pageOrigin === undefined ? browserOrigin() : options.pageOrigin;
  const crossOrigin = pageOrigin != null && pageOrigin !== base.origin;
  const semaphore = new Semaphore(options.concurrency ?? 2);
  const emit = options.onEvent ?? (() => {});
  let mode: ResponseFormatMode = 'json_schema';
  /** After one answer from the server, a failed fetch is a dropped connection, not CORS. */
  let reached = false;

  // The key, and anything that looks like a credential, masked in every text this engine writes;
  // a server's reply is masked whole before any part of it is cut (see src/shared/secrets.ts).
  const redact = (text: string): string => maskSecrets(text, [apiKey]);
  const fail = (kind: EngineError['kind'], message: string, cause?: unknown): EngineError =>
    new EngineError(kind, redact(message), cause === undefined ? undefined : { cause });

  const headers = (json: boolean): Record<string, string> => {
    const h: Record<string, string> = { Accept: 'application/json' };
    if (json) h['Content-Type'] = 'application/json';
    if (apiKey) h.Authorization = `Bearer ${apiKey}`;
    return h;
  };

  /** One HTTP exchange under the timeout; network failures become EngineErrors. */
  async function exchange(
    path: string,
    body: unknown,
    attempt: number,
    signal?: AbortSignal,
  ): Promise<RawResponse> {
    if (signal?.aborted) throw abortedError(signal.reason);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const started = Date.now();
    emit({ type: 'request', path, attempt });
    try {
      const init: RequestInit = {
        method: body === undefined ? 'GET' : 'POST',
        headers: headers(body !== undefined),
        signal: controller.signal,
      };
      if (body !== undefined) init.body = JSON.stringify(body);
      const res = await fetchFn(`${baseUrl}${path}`, init);
      const text = await res.text();
      reached = true;
      emit({ type: 'response', path, attempt, status: res.status, ms: Date.now() - started });
      return { status: res.status, headers: res.headers, text };
    } catch (error) {
      let failure: EngineError;
      if (signal?.aborted) failure = abortedError(signal.reason);
      else if (timedOut)
        failure = fail('timeout', `no answer from ${where()} within ${timeoutMs} ms`);
      else failure = networkError(error);
      emit({ type: 'failure', path, attempt, kind: failure.kind, ms: Date.now() - started });
      throw failure;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  function where(): string {
    return base.origin + base.pathname.replace(/\/$/, '');
  }

  function networkError(error: unknown): EngineError {
    if (crossOrigin && !reached && error instanceof TypeError) {
      return fail('cors', corsAdvice(showBaseUrl(baseUrl), pageOrigin ?? ''), error);
    }
    const reason = describeCause(error);
    return fail(
      'network',
      `could not reach ${where()}${reason ? ` (${reason})` : ''}: is the server running?`,
      error,
    );
  }

  function httpError(res: RawResponse, path: string): EngineError {
    const detail = serverMessage(redact(res.text));
    const said = detail ? `: ${detail}` : '';
    const s = res.status;
    if (s === 401 || s === 403) {
      return fail(
        'auth',
        `${where()} refused the request (${s})${said}. Check the API key` +
          (apiKey ? '.' : ': none was given.'),
      );
    }
    if (s === 404) {
      return fail(
        'bad-request',
        `${where()}${path} was not found (404)${said}. Check the base URL (it usually ends in /v1)` +
          ` and that the model "${options.model}" exists.`,
      );
    }
    if (s === 408) return fail('timeout', `${where()} timed out the request (408)${said}`);
    if (s === 429) return fail('rate-limit', `${where()} is rate-limiting (429)${said}`);
    if (s >= 500) return fail('server', `${where()} failed (${s})${said}`);
    return fail('bad-request', `${where()} rejected the request (${s})${said}`);
  }

  /** Run `once` with retries on retryable failures; `once` returns a value or throws. */
  async function withRetries<T>(
    path: string,
    signal: AbortSignal | undefined,
    once: (attempt: number) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await once(attempt);
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
        const retryAfter = error instanceof RetryableHttpError ? error.retryAfterMs : undefined;
        const failure = error instanceof RetryableHttpError ? error.engineError : error;
        if (!RETRYABLE.has(failure.kind) || attempt >= maxRetries) {
          if (attempt === 0 || !RETRYABLE.has(failure.kind)) throw failure;
          throw fail(
            failure.kind,
            `${failure.message} (gave up after ${attempt + 1} attempts)`,
            failure,
          );
        }
        if (retryAfter !== undefined && retryAfter > maxRetryAfterMs) {
          throw fail(
            failure.kind,
            `${failure.message}; it asks to wait ${Math.ceil(retryAfter / 1000)} s, longer than ` +
              `${Math.ceil(maxRetryAfterMs / 1000)} s`,
            failure,
          );
        }
        const waitMs = retryAfter ?? backoff(attempt);
        emit({ type: 'retry', path, attempt, waitMs, kind: failure.kind });
        await sleep(waitMs, signal);
      }
    }
  }

  function backoff(attempt: number): number {
    const ceiling = Math.min(backoffMaxMs, backoffBaseMs * 2 ** attempt);
    // "Equal jitter": half fixed, half random, so waits never collapse to zero.
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  }

  /** Throw the right error for a non-2xx response, carrying Retry-After when retryable. */
  function throwFor(res: RawResponse, path: string): never {
    const error = httpError(res, path);
    if (RETRYABLE.has(error.kind)) {
      throw new RetryableHttpError(error, parseRetryAfter(res.headers.get('retry-after')));
    }
    throw error;
  }

  function responseFormat(request: ChatRequest): Record<string, unknown> | undefined {
    if (!request.schema || mode === 'none') return undefined;
    if (mode === 'json_object') return { type: 'json_object' };
    return {
      type: 'json_schema',
      json_schema: {
        name: safeName(request.schema.name),
        schema: request.schema.schema,
        strict: false,
      },
    };
  }

  async function chatOnce(request: ChatRequest, attempt: number): Promise<ChatResponse> {
    // A refusal of the response format is not a failed attempt: step down and ask again.
    for (;;) {
      const body: Record<string, unknown> = {
        ...options.extraBody,
        model: options.model,
        messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
        stream: false,
      };
      if (request.temperature !== undefined) body.temperature = request.temperature;
      if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
      const format = responseFormat(request);
      if (format) body.response_format = format;
      const res = await exchange('/chat/completions', body, attempt, request.signal);
      if (res.status >= 200 && res.status < 300) return readCompletion(res, request);
      if (res.status === 400 && format && refusesFormat(res.text)) {
        const from = mode;
        mode = mode === 'json_schema' ? 'json_object' : 'none';
        emit({ type: 'fallback', from, to: mode });
        continue;
      }
      throwFor(res, '/chat/completions');
    }
  }

  function readCompletion(res: RawResponse, request: ChatRequest): ChatResponse {
    const data = parseJson(res.text);
    const choice = isRecord(data) && Array.isArray(data.choices) ? data.choices[0] : undefined;
    if (!isRecord(choice)) {
      if (isRecord(data) && data.error !== undefined) {
        throw fail(
          'server',
          `${where()} answered with an error: ${serverMessage(redact(res.text))}`,
        );
      }
      throw fail(
        'bad-request',
        `the answer from ${where()} is not a chat completion (it began "${snippet(redact(res.text), 60)}"). ` +
          'Check the base URL: it usually ends in /v1.',
      );
    }
    const message = isRecord(choice.message) ? choice.message : {};
    const text = typeof message.content === 'string' ? message.content : '';
    const usage = isRecord(data) && isRecord(data.usage) ? data.usage : undefined;
    const prompt = usage?.prompt_tokens;
    const completion = usage?.completion_tokens;
    const estimate = estimateUsage(request.messages, text);
    return {
      text,
      usage: {
        promptTokens: typeof prompt === 'number' ? prompt : estimate.promptTokens,
        completionTokens: typeof completion === 'number' ? completion : estimate.completionTokens,
      },
      cached: false,
    };
  }

  const info: EngineInfo = {
    kind: 'openai',
    model: options.model,
    embeddings: options.embeddingModel !== undefined,
  };

  const engine: OpenAiEngine = {
    info,
    get responseFormatMode() {
      return mode;
    },
    chat(request) {
      return semaphore.run(
        () => withRetries('/chat/completions', request.signal, (n) => chatOnce(request, n)),
        request.signal,
      );
    },
    listModels(signal) {
      return semaphore.run(
        () =>
          withRetries('/models', signal, async (n) => {
            const res = await exchange('/models', undefined, n, signal);
            if (res.status < 200 || res.status >= 300) throwFor(res, '/models');
            const data = parseJson(res.text);
            const list = isRecord(data) && Array.isArray(data.data) ? data.data : null;
            if (!list) {
              throw fail('bad-request', `${where()}/models did not return a model list`);
            }
            return list.flatMap((m) => (isRecord(m) && typeof m.id === 'string' ? [m.id] : []));
          }),
        signal,
      );
    },
    async dispose() {},
  };

  if (options.embeddingModel !== undefined) {
    const embeddingModel = options.embeddingModel;
    engine.embed = (texts, signal) =>
      semaphore.run(
        () =>
          withRetries('/embeddings', signal, async (n) => {
            const res = await exchange(
              '/embeddings',
              { model: embeddingModel, input: texts },
              n,
              signal,
            );
            if (res.status < 200 || res.status >= 300) throwFor(res, '/embeddings');
            const data = parseJson(res.text);
            const rows = isRecord(data) && Array.isArray(data.data) ? data.data : [];
            const vectors: number[][] = new Array<number[]>(texts.length);
            rows.forEach((row, i) => {
              if (!isRecord(row) || !Array.isArray(row.embedding)) return;
              const at = typeof row.index === 'number' ? row.index : i;
              vectors[at] = row.embedding.map(Number);
            });
            for (let i = 0; i < texts.length; i++) {
              if (!vectors[i]) throw fail('server', `${where()}/embeddings left out text ${i}`);
            }
            return vectors;
          }),
        signal,
      );
  }

  return engine;
}

/** A retryable HTTP failure with the server's Retry-After (internal to the retry loop). */
class RetryableHttpError extends EngineError {
  constructor(
    readonly engineError: EngineError,
    readonly retryAfterMs: number | undefined,
  ) {
    super(engineError.kind, engineError.message);
  }
}
