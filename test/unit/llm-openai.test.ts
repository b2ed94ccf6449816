/**
 * The OpenAI-compatible engine against a scripted local server: JSON
 * repair, timeouts, retries (429 with Retry-After, 5xx, dropped
 * connections), the response_format fallback, the concurrency limit, token
 * usage, listModels, CORS advice, and the API key never leaking.
 */
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EngineError, type ChatRequest } from '../../src/llm/engine';
import { parseJsonReply } from '../../src/llm/json';
import { chatJson } from '../../src/llm/chat-json';
import {
  corsAdvice,
  createOpenAiEngine,
  parseRetryAfter,
  type OpenAiEngineOptions,
  type OpenAiEvent,
} from '../../src/llm/openai';
import { startOpenAiTestServer, type OpenAiTestServer } from '../support/openai-test-server';

const Verdict = z.object({
  decision: z.enum(['recommend', 'silent']),
  reason: z.string(),
});

const ask: ChatRequest = {
  messages: [
    { role: 'system', content: 'You judge one step.' },
    { role: 'user', content: 'Should the assistant speak now?' },
  ],
  schema: { name: 'verdict', schema: z.toJSONSchema(Verdict) as Record<string, unknown> },
  temperature: 0,
  maxTokens: 64,
};

let server: OpenAiTestServer;
let waits: number[];

beforeEach(async () => {
  server = await startOpenAiTestServer({ models: ['qwen2.5:0.5b', 'llama3.2:1b'] });
  waits = [];
});

afterEach(async () => {
  await server.close();
});

/** An engine on the test server whose backoff waits are recorded, not slept. */
function engine(extra: Partial<OpenAiEngineOptions> = {}) {
  return createOpenAiEngine({
    baseUrl: server.baseUrl,
    model: 'qwen2.5:0.5b',
    timeoutMs: 2_000,
    maxRetries: 3,
    concurrency: 2,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });
}

async function rejection(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return error as EngineError;
  }
  throw new Error('expected the call to fail');
}

describe('requests and replies', () => {
  it('sends model, messages, temperature, max_tokens and a json_schema response_format', async () => {
    server.script({ reply: '{"decision":"silent","reason":"busy"}' });
    const reply = await engine().chat(ask);
    expect(reply.text).toBe('{"decision":"silent","reason":"busy"}');
    expect(reply.cached).toBe(false);
    const body = server.chatRequests[0]!.body!;
    expect(body.model).toBe('qwen2.5:0.5b');
    expect(body.messages).toEqual(ask.messages);
    expect(body.temperature).toBe(0);
    expect(body.max_tokens).toBe(64);
    expect(body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'verdict', schema: ask.schema!.schema, strict: false },
    });
  });

  it('sends no response_format when the request has no schema', async () => {
    server.script({ reply: 'hello' });
    await engine().chat({ messages: ask.messages });
    expect(server.chatRequests[0]!.body!.response_format).toBeUndefined();
  });

  it.each([
    ['fenced JSON', '```json\n{"decision": "recommend", "reason": "a break"}\n```'],
    [
      'JSON with prose around it',
      'Sure! Here it is: {"decision":"recommend","reason":"a break"} Hope it helps.',
    ],
    ['trailing commas and single quotes', "{'decision': 'recommend', 'reason': 'a break',}"],
  ])('reads %s after repair', async (_label, text) => {
    server.script({ reply: text });
    const reply = await engine().chat(ask);
    const parsed = parseJsonReply(reply.text, Verdict, 'the verdict');
    expect(parsed).toMatchObject({ ok: true, value: { decision: 'recommend', reason: 'a break' } });
  });

  it('returns an empty reply as empty text, and chatJson asks again with a repair prompt', async () => {
    server.script({ reply: '' });
    const e = engine();
    const first = await e.chat(ask);
    expect(first.text).toBe('');
    expect(parseJsonReply(first.text, Verdict, 'the verdict')).toMatchObject({
      ok: false,
      problem: 'empty',
    });

    server.script({ reply: '' }, { reply: '{"decision":"silent","reason":"it is late"}' });
    const result = await chatJson(e, ask, Verdict, { what: 'the verdict', attempts: 2 });
    expect(result).toMatchObject({ ok: true, value: { decision: 'silent' }, attempts: 2 });
    const retry = server.chatRequests.at(-1)!.body!.messages as Array<{
      role: string;
      content: string;
    }>;
    expect(retry.at(-2)).toEqual({ role: 'assistant', content: '' });
    expect(retry.at(-1)!.content).toMatch(/could not be used: the verdict: the reply was empty/);
  });

  it('counts usage from the server, or estimates it from characters / 4', async () => {
    server.script(
      {
        reply: '{"decision":"silent","reason":"x"}',
        usage: { prompt_tokens: 123, completion_tokens: 9 },
      },
      { reply: 'x'.repeat(40), usage: null },
    );
    const e = engine();
    expect((await e.chat(ask)).usage).toEqual({ promptTokens: 123, completionTokens: 9 });
    const estimated = await e.chat(ask);
    expect(estimated.usage.completionTokens).toBe(10);
    const promptChars = ask.messages.reduce((n, m) => n + m.content.length, 0);
    expect(estimated.usage.promptTokens).toBeGreaterThanOrEqual(Math.ceil(promptChars / 4));
    expect(estimated.usage.promptTokens).toBeLessThan(promptChars);
  });

  it('lists models', async () => {
    expect(await engine().listModels()).toEqual(['qwen2.5:0.5b', 'llama3.2:1b']);
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', path: '/models' });
  });

  it('explains a wrong base URL', async () => {
    const e = createOpenAiEngine({ baseUrl: server.origin, model: 'm', maxRetries: 0 });
    const error = await rejection(e.chat(ask));
    expect(error.kind).toBe('bad-request');
    expect(error.message).toMatch(/404.*base URL.*\/v1/);
  });
});

describe('timeouts and retries', () => {
  it('retries after a timeout and succeeds', async () => {
    server.script(
      { reply: '{"decision":"silent","reason":"late"}', delayMs: 1_000 },
      { reply: '{"decision":"silent","reason":"ok"}' },
    );
    const reply = await engine({ timeoutMs: 150 }).chat(ask);
    expect(reply.text).toContain('"ok"');
    expect(server.chatRequests).toHaveLength(2);
    expect(waits).toHaveLength(1);
  });

  it("fails with EngineError('timeout') after maxRetries", async () => {
    const slow = { reply: '{}', delayMs: 1_000 };
    server.script(slow, slow, slow);
    const error = await rejection(engine({ timeoutMs: 100, maxRetries: 2 }).chat(ask));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/within 100 ms.*gave up after 3 attempts/);
    expect(server.chatRequests).toHaveLength(3);
    expect(waits).toHaveLength(2);
  });

  it('honours Retry-After on 429', async () => {
    server.script(
      { status: 429, headers: { 'Retry-After': '3' }, body: { error: { message: 'slow down' } } },
      { reply: '{"decision":"silent","reason":"ok"}' },
    );
    const events: OpenAiEvent[] = [];
    const reply = await engine({ onEvent: (e) => events.push(e) }).chat(ask);
    expect(reply.text).toContain('ok');
    expect(waits).toEqual([3_000]);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'retry', kind: 'rate-limit', waitMs: 3_000 }),
    );
  });

  it('gives up at once when Retry-After asks for longer than allowed', async () => {
    server.script({ status: 429, headers: { 'Retry-After': '3600' } });
    const error = await rejection(engine({ maxRetryAfterMs: 10_000 }).chat(ask));
    expect(error.kind).toBe('rate-limit');
    expect(error.message).toMatch(/wait 3600 s/);
    expect(waits).toEqual([]);
  });

  it('retries 500s with growing backoff, then reports the server error', async () => {
    const boom = { status: 500, body: { error: { message: 'model crashed' } } };
    server.script(boom, boom, boom, boom);
    const error = await rejection(engine({ backoffBaseMs: 100 }).chat(ask));
    expect(error.kind).toBe('server');
    expect(error.message).toMatch(/500.*model crashed/);
    expect(server.chatRequests).toHaveLength(4);
    // random() = 0.5 → waits of 3/4 of 100, 200, 400 ms.
    expect(waits).toEqual([75, 150, 300]);
  });

  it('retries a 500 and succeeds', async () => {
    server.script({ status: 502 }, { reply: '{"decision":"recommend","reason":"ok"}' });
    const reply = await engine().chat(ask);
    expect(reply.text).toContain('recommend');
    expect(waits).toHaveLength(1);
  });

  it('retries a dropped connection', async () => {
    server.script({ drop: true }, { reply: '{"decision":"silent","reason":"ok"}' });
    const events: OpenAiEvent[] = [];
    const reply = await engine({ onEvent: (e) => events.push(e) }).chat(ask);
    expect(reply.text).toContain('ok');
    expect(events).toContainEqual(expect.objectContaining({ type: 'failure', kind: 'network' }));
  });

  it('reports a network error when nothing listens', async () => {
    const url = server.baseUrl;
    await server.close();
    const error = await rejection(
      createOpenAiEngine({ baseUrl: url, model: 'm', maxRetries: 1, sleep: async () => {} }).chat(
        ask,
      ),
    );
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/could not reach .*connection refused/);
    server = await startOpenAiTestServer();
  });

  it('does not retry a 400 that is not about the response format', async () => {
    server.script({ status: 400, body: { error: { message: 'messages must not be empty' } } });
    const error = await rejection(engine().chat(ask));
    expect(error.kind).toBe('bad-request');
    expect(server.chatRequests).toHaveLength(1);
  });

  it('stops when the caller aborts, without retrying', async () => {
    server.script({ reply: '{}', delayMs: 1_000 });
    const controller = new AbortController();
    const pending = engine().chat({ ...ask, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(pending);
    expect(error.kind).toBe('aborted');
    expect(waits).toEqual([]);
  });
});

describe('response_format fallback', () => {
  it('falls back from json_schema to json_object and remembers it', async () => {
    await server.close();
    server = await startOpenAiTestServer({ refuse: ['json_schema'] });
    server.script(
      { reply: '{"decision":"silent","reason":"a"}' },
      { reply: '{"decision":"silent","reason":"b"}' },
    );
    const e = engine();
    expect(e.responseFormatMode).toBe('json_schema');
    await e.chat(ask);
    expect(e.responseFormatMode).toBe('json_object');
    await e.chat(ask);
    const formats = server.chatRequests.map(
      (r) => (r.body!.response_format as { type: string }).type,
    );
    expect(formats).toEqual(['json_schema', 'json_object', 'json_object']);
    expect(waits).toEqual([]);
  });

  it('falls back to no response_format when json_object is refused too', async () => {
    await server.close();
    server = await startOpenAiTestServer({ refuse: ['json_schema', 'json_object'] });
    server.script({ reply: '{"decision":"silent","reason":"a"}' });
    const e = engine();
    await e.chat(ask);
    expect(e.responseFormatMode).toBe('none');
    expect(server.chatRequests.map((r) => r.body!.response_format)).toEqual([
      expect.objectContaining({ type: 'json_schema' }),
      { type: 'json_object' },
      undefined,
    ]);
  });
});

describe('concurrency', () => {
  it('never has more calls in flight than the limit', async () => {
    for (let i = 0; i < 8; i++)
      server.script({ reply: `{"decision":"silent","reason":"${i}"}`, delayMs: 60 });
    const e = engine({ concurrency: 3 });
    const replies = await Promise.all(Array.from({ length: 8 }, () => e.chat(ask)));
    expect(replies).toHaveLength(8);
    expect(server.maxConcurrent).toBe(3);
  });

  it('a limit of one serialises calls', async () => {
    for (let i = 0; i < 4; i++) server.script({ reply: '{}', delayMs: 30 });
    const e = engine({ concurrency: 1 });
    await Promise.all(Array.from({ length: 4 }, () => e.chat(ask)));
    expect(server.maxConcurrent).toBe(1);
  });
});

describe('the API key', () => {
  const KEY = 'sk-test-SECRET-0123456789abcdef';

  it('is sent as a Bearer token', async () => {
    server.script({ reply: '{}' });
    await engine({ apiKey: KEY }).chat(ask);
    expect(server.chatRequests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(JSON.stringify(server.chatRequests[0]!.body)).not.toContain(KEY);
  });

  it('never appears in errors or logs, even when the server echoes it', async () => {
    const echo = (status: number) => (req: { headers: Record<string, unknown> }) => ({
      status,
      body: {
        error: { message: `Incorrect API key provided: ${String(req.headers.authorization)}` },
      },
    });
    server.script(echo(401), echo(500), echo(500));
    const events: OpenAiEvent[] = [];
    const e = engine({ apiKey: KEY, maxRetries: 1, onEvent: (ev) => events.push(ev) });
    const auth = await rejection(e.chat(ask));
    expect(auth.kind).toBe('auth');
    expect(auth.message).toContain('[redacted]');
    const server5xx = await rejection(e.chat(ask));
    expect(server5xx.kind).toBe('server');
    for (const error of [auth, server5xx]) {
      expect(error.message).not.toContain(KEY);
      expect(String(error)).not.toContain(KEY);
      expect(inspect(error, { depth: 10 })).not.toContain(KEY);
    }
    expect(JSON.stringify(events)).not.toContain(KEY);
  });

  it('is masked before a long server message is cut short: no part of it survives the cut', async () => {
    // The key begins at character ~285 of the message: a cut at 300 would keep its first 15 characters.
    const padding = 'x'.repeat(270);
    const echoLate = (req: { headers: Record<string, unknown> }) => ({
      status: 400,
      body: { error: { message: `${padding} header ${String(req.headers.authorization)} end` } },
    });
    for (const key of [KEY, 'plainkey-0123456789abcdefghijklmnopqrstuvwxyz']) {
      server.script(echoLate);
      const error = await rejection(engine({ apiKey: key, maxRetries: 0 }).chat(ask));
      expect(error.kind).toBe('bad-request');
      // Any 8 characters in a row of the key would be a leak.
      for (let i = 0; i + 8 <= key.length; i++)
        expect(error.message).not.toContain(key.slice(i, i + 8));
      expect(error.message).toContain('Bearer [redacted]');
    }
  });

  it('is not in network or timeout errors', async () => {
    server.script({ reply: '{}', delayMs: 1_000 });
    const error = await rejection(engine({ apiKey: KEY, timeoutMs: 50, maxRetries: 0 }).chat(ask));
    expect(error.kind).toBe('timeout');
    expect(inspect(error, { depth: 10 })).not.toContain(KEY);
  });
});

describe('CORS in the browser', () => {
  it("turns a failed cross-origin fetch into EngineError('cors') with advice", async () => {
    const e = createOpenAiEngine({
      baseUrl: 'http://localhost:11434/v1',
      model: 'qwen2.5:0.5b',
      pageOrigin: 'http://localhost:5173',
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      sleep: async () => {},
    });
    const error = await rejection(e.chat(ask));
    expect(error.kind).toBe('cors');
    expect(error.message).toContain('OLLAMA_ORIGINS=http://localhost:5173 ollama serve');
    expect(error.message).toMatch(/not running/);
  });

  it('after a first answer, a failed fetch is a dropped connection and is retried', async () => {
    let calls = 0;
    const ok = () =>
      new Response(JSON.stringify({ choices: [{ message: { content: '{}' } }] }), { status: 200 });
    const e = createOpenAiEngine({
      baseUrl: 'http://localhost:11434/v1',
      model: 'm',
      pageOrigin: 'http://localhost:5173',
      fetch: async () => {
        calls++;
        if (calls === 2) throw new TypeError('Failed to fetch');
        return ok();
      },
      sleep: async () => {},
    });
    await e.chat(ask);
    await e.chat(ask);
    expect(calls).toBe(3);
  });

  it('mentions mixed content for an https page and an http server', () => {
    expect(corsAdvice('http://192.168.1.5:11434/v1', 'https://example.org')).toMatch(/https.*http/);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2_000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
