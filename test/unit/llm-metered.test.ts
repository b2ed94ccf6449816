/** The metered wrapper: prompt cache (LRU), call and token counts per step and day, cost, budget. */
import { describe, expect, it } from 'vitest';
import { missingEngine } from '../../src/agents/lineup';
import { cacheKey, PromptCache, stableStringify } from '../../src/llm/cache';
import { EngineError, type ChatRequest, type LlmEngine } from '../../src/llm/engine';
import { withMeter } from '../../src/llm/metered';

/** A stand-in engine: replies "echo:<last message>" with fixed usage, counting calls. */
function stub(options: { fail?: boolean; delayMs?: number } = {}) {
  const calls: ChatRequest[] = [];
  const engine: LlmEngine = {
    info: { kind: 'openai', model: 'stub', embeddings: true },
    async chat(request) {
      calls.push(request);
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (options.fail) throw new EngineError('server', 'stub failed');
      return {
        text: `echo:${request.messages.at(-1)?.content ?? ''}`,
        usage: { promptTokens: 100, completionTokens: 20 },
        cached: false,
      };
    },
    async embed(texts) {
      return texts.map((t) => [t.length]);
    },
  };
  return { engine, calls };
}

const req = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  messages: [{ role: 'user', content }],
  temperature: 0,
  ...extra,
});

describe('prompt cache', () => {
  it('answers an identical request from the cache, free', async () => {
    const { engine, calls } = stub();
    const metered = withMeter(engine);
    const first = await metered.chat(req('hello'));
    const second = await metered.chat(req('hello'));
    expect(first).toMatchObject({ text: 'echo:hello', cached: false });
    expect(second).toMatchObject({ text: 'echo:hello', cached: true });
    expect(calls).toHaveLength(1);
    const { total } = metered.meter.snapshot();
    expect(total).toMatchObject({
      calls: 1,
      cachedCalls: 1,
      promptTokens: 100,
      completionTokens: 20,
    });
  });

  it('treats a different temperature, schema or message as a different request', async () => {
    const { engine, calls } = stub();
    const metered = withMeter(engine);
    await metered.chat(req('a'));
    await metered.chat(req('a', { temperature: 0.7 }));
    await metered.chat(req('a', { schema: { name: 's', schema: { type: 'object' } } }));
    await metered.chat(req('b'));
    expect(calls).toHaveLength(4);
  });

  it('shares one call between identical requests in flight', async () => {
    const { engine, calls } = stub({ delayMs: 20 });
    const metered = withMeter(engine);
    const replies = await Promise.all([metered.chat(req('x')), metered.chat(req('x'))]);
    expect(calls).toHaveLength(1);
    expect(replies.map((r) => r.cached).sort()).toEqual([false, true]);
  });

  it('does not cache failures', async () => {
    const { engine, calls } = stub({ fail: true });
    const metered = withMeter(engine);
    await expect(metered.chat(req('x'))).rejects.toThrow('stub failed');
    await expect(metered.chat(req('x'))).rejects.toThrow('stub failed');
    expect(calls).toHaveLength(2);
    expect(metered.meter.snapshot().total).toMatchObject({
      calls: 2,
      failedCalls: 2,
      promptTokens: 0,
    });
  });

  it('evicts the least recently used entry beyond its size', async () => {
    const { engine, calls } = stub();
    const metered = withMeter(engine, { cache: { maxEntries: 2 } });
    await metered.chat(req('a'));
    await metered.chat(req('b'));
    await metered.chat(req('a')); // a is now the most recent
    await metered.chat(req('c')); // evicts b
    expect(metered.cache?.size).toBe(2);
    await metered.chat(req('a'));
    expect(calls).toHaveLength(3);
    await metered.chat(req('b'));
    expect(calls).toHaveLength(4);
  });

  it('can be turned off', async () => {
    const { engine, calls } = stub();
    const metered = withMeter(engine, { cache: false });
    await metered.chat(req('a'));
    await metered.chat(req('a'));
    expect(calls).toHaveLength(2);
    expect(metered.cache).toBeNull();
  });

  it('keys ignore object key order and the abort signal', () => {
    const info = { kind: 'openai', model: 'm', embeddings: false } as const;
    const a = cacheKey(info, req('x', { schema: { name: 's', schema: { a: 1, b: 2 } } }));
    const b = cacheKey(info, {
      ...req('x', { schema: { name: 's', schema: { b: 2, a: 1 } } }),
      signal: new AbortController().signal,
    });
    expect(a).toBe(b);
    expect(cacheKey({ ...info, model: 'other' }, req('x'))).not.toBe(cacheKey(info, req('x')));
    expect(stableStringify({ b: [1, { d: 1, c: 2 }], a: null })).toBe(
      '{"a":null,"b":[1,{"c":2,"d":1}]}',
    );
  });

  it('a PromptCache can be shared and counts hits and misses', () => {
    const cache = new PromptCache(3);
    cache.set('k', { text: 't', usage: { promptTokens: 1, completionTokens: 1 } });
    expect(cache.get('k')?.text).toBe('t');
    expect(cache.get('nope')).toBeUndefined();
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
    expect(() => new PromptCache(0)).toThrow(RangeError);
  });
});

describe('meter', () => {
  it('counts per step, per day and in total', async () => {
    const { engine } = stub();
    const metered = withMeter(engine, { cache: false });
    await metered.chat(req('1'));
    await metered.chat(req('2'));
    const closedStep = metered.meter.reset('step');
    expect(closedStep.step).toMatchObject({ calls: 2, promptTokens: 200, completionTokens: 40 });
    await metered.chat(req('3'));
    let snap = metered.meter.snapshot();
    expect(snap.step.calls).toBe(1);
    expect(snap.day.calls).toBe(3);
    metered.meter.reset('day');
    await metered.chat(req('4'));
    snap = metered.meter.snapshot();
    expect([snap.step.calls, snap.day.calls, snap.total.calls]).toEqual([1, 1, 4]);
    expect(snap.total).toMatchObject({ promptTokens: 400, completionTokens: 80 });
  });

  it('estimates cost from a price per million tokens', async () => {
    const { engine } = stub();
    const metered = withMeter(engine, { price: { inputPerMillion: 0.15, outputPerMillion: 0.6 } });
    await metered.chat(req('a'));
    await metered.chat(req('a')); // cached: free
    await metered.chat(req('b'));
    // 200 input tokens at 0.15/M + 40 output tokens at 0.60/M
    expect(metered.meter.snapshot().total.cost).toBeCloseTo((200 * 0.15 + 40 * 0.6) / 1e6, 12);
  });

  it('has no cost without a price', async () => {
    const metered = withMeter(stub().engine);
    await metered.chat(req('a'));
    expect(metered.meter.snapshot().total.cost).toBeNull();
    expect(metered.meter.snapshot().budget).toBeNull();
  });

  it("stops at the daily call budget with EngineError('budget'); cached replies stay free", async () => {
    const { engine, calls } = stub();
    const metered = withMeter(engine, { dailyCallBudget: 2 });
    await metered.chat(req('a'));
    await metered.chat(req('b'));
    expect(metered.meter.snapshot().budget).toEqual({ limit: 2, used: 2, left: 0 });
    const error = await metered.chat(req('c')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).kind).toBe('budget');
    expect((error as EngineError).message).toMatch(/budget of 2 model calls is spent/);
    expect((await metered.chat(req('a'))).cached).toBe(true);
    expect(calls).toHaveLength(2);
    metered.meter.reset('day');
    await metered.chat(req('c'));
    expect(calls).toHaveLength(3);
  });

  it('parallel calls cannot overrun the budget', async () => {
    const { engine, calls } = stub({ delayMs: 10 });
    const metered = withMeter(engine, { dailyCallBudget: 3, cache: false });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => metered.chat(req(String(i)))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(calls).toHaveLength(3);
  });

  it('passes embeddings through and counts them', async () => {
    const metered = withMeter(stub().engine);
    expect(await metered.embed!(['abcd', 'ab'])).toEqual([[4], [2]]);
    expect(metered.meter.snapshot().total).toMatchObject({ calls: 1, promptTokens: 2 });
  });
});

// (Was the built-in engine's chat, dead code: the built-in agents never prompt. What remains of
// "an engine with no model" is the line-up factory's stand-in for a role nobody set up.)
describe('an engine for a role nobody set up', () => {
  it('has no chat: every call fails with a reason people can act on', async () => {
    const none = missingEngine('judge');
    expect(none.info.kind).toBe('builtin');
    const error = await none.chat(req('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).kind).toBe('unavailable');
    expect((error as EngineError).message).toBe(
      'no model is set up to play the judge: choose an engine',
    );
  });
});
