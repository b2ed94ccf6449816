/**
 * A wrapper engine that remembers replies (a prompt cache), counts calls and
 * tokens, estimates the cost, and stops at a daily call budget. Counters
 * come in three windows: the current step, the current day and all time;
 * the caller closes a window with `meter.reset('step' | 'day')`.
 */
import { cacheKey, PromptCache } from './cache';
import {
  EngineError,
  type ChatRequest,
  type ChatResponse,
  type LlmEngine,
  type TokenUsage,
} from './engine';
import { abortedError, estimateTokens } from './util';

/** Price in currency units (e.g. US dollars) per million tokens. */
export interface TokenPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

export interface MeterOptions {
  /** A cache to use (shared between engines if you like), its size, or false for none. Default 1000 entries. */
  cache?: PromptCache | { maxEntries: number } | false;
  /** For a cost estimate; without it `cost` is null. */
  price?: TokenPrice;
  /** Model calls allowed per day (cached replies are free). Over it, calls fail with EngineError('budget'). */
  dailyCallBudget?: number;
}

export interface MeterCounts {
  /** Calls made to the model (failed ones included). */
  calls: number;
  /** Requests answered from the cache. */
  cachedCalls: number;
  /** Calls that failed. */
  failedCalls: number;
  promptTokens: number;
  completionTokens: number;
  /** Estimated cost of the calls made, or null without a price. */
  cost: number | null;
}

export interface MeterSnapshot {
  step: MeterCounts;
  day: MeterCounts;
  total: MeterCounts;
  /** The daily budget, when there is one. */
  budget: { limit: number; used: number; left: number } | null;
}

export interface Meter {
  snapshot(): MeterSnapshot;
  /** Close a window and start the next: 'step' clears the step counters; 'day' clears the day and step ones (and refills the budget). Returns the counts before clearing. */
  reset(scope?: 'step' | 'day'): MeterSnapshot;
}

export interface MeteredEngine extends LlmEngine {
  readonly meter: Meter;
  readonly cache: PromptCache | null;
  /** The engine underneath. */
  readonly inner: LlmEngine;
}

interface Tally {
  calls: number;
  cachedCalls: number;
  failedCalls: number;
  promptTokens: number;
  completionTokens: number;
}

const emptyTally = (): Tally => ({
  calls: 0,
  cachedCalls: 0,
  failedCalls: 0,
  promptTokens: 0,
  completionTokens: 0,
});

export function withMeter(inner: LlmEngine, options: MeterOptions = {}): MeteredEngine {
  const cache =
    options.cache === false
      ? null
      : options.cache instanceof PromptCache
        ? options.cache
        : new PromptCache(options.cache?.maxEntries ?? 1_000);
  const price = options.price;
  const budget = options.dailyCallBudget;
  if (budget !== undefined && (!Number.isFinite(budget) || budget < 0)) {
    throw new RangeError(`dailyCallBudget must be zero or more, got ${budget}`);
  }
  let step = emptyTally();
  let day = emptyTally();
  const total = emptyTally();
  /** Identical requests in flight share one call. */
  const inFlight = new Map<string, Promise<ChatResponse>>();

  const each = (f: (t: Tally) => void): void => {
    f(step);
    f(day);
    f(total);
  };
  const counts = (t: Tally): MeterCounts => ({
    ...t,
    cost: price
      ? (t.promptTokens * price.inputPerMillion + t.completionTokens * price.outputPerMillion) /
        1_000_000
      : null,
  });
  const snapshot = (): MeterSnapshot => ({
    step: counts(step),
    day: counts(day),
    total: counts(total),
    budget:
      budget === undefined
        ? null
        : { limit: budget, used: day.calls, left: Math.max(0, budget - day.calls) },
  });

  const meter: Meter = {
    snapshot,
    reset(scope = 'step') {
      const before = snapshot();
      step = emptyTally();
      if (scope === 'day') day = emptyTally();
      return before;
    },
  };

  /** Count a model call before it starts (so parallel calls cannot overrun the budget). */
  function startCall(): void {
    if (budget !== undefined && day.calls >= budget) {
      throw new EngineError(
        'budget',
        `today's budget of ${budget} model call${budget === 1 ? '' : 's'} is spent: ` +
          'raise the daily budget in the settings, or continue tomorrow (simulated day).',
      );
    }
    each((t) => t.calls++);
  }

  function addUsage(usage: TokenUsage): void {
    each((t) => {
      t.promptTokens += usage.promptTokens;
      t.completionTokens += usage.completionTokens;
    });
  }

  async function callInner(request: ChatRequest): Promise<ChatResponse> {
    startCall();
    try {
      const reply = await inner.chat(request);
      addUsage(reply.usage);
      return reply;
    } catch (error) {
      each((t) => t.failedCalls++);
      throw error;
    }
  }

  const engine: MeteredEngine = {
    info: inner.info,
    meter,
    cache,
    inner,
    async chat(request) {
      if (request.signal?.aborted) throw abortedError(request.signal.reason);
      if (!cache) return callInner(request);
      const key = cacheKey(inner.info, request);
      const hit = cache.get(key);
      if (hit) {
        each((t) => t.cachedCalls++);
        return { text: hit.text, usage: { ...hit.usage }, cached: true };
      }
      const shared = inFlight.get(key);
      if (shared) {
        const reply = await shared;
        each((t) => t.cachedCalls++);
        return { ...reply, usage: { ...reply.usage }, cached: true };
      }
      const call = callInner(request).then((reply) => {
        cache.set(key, { text: reply.text, usage: reply.usage });
        return { ...reply, cached: false };
      });
      inFlight.set(key, call);
      try {
        return await call;
      } finally {
        inFlight.delete(key);
      }
    },
    async dispose() {
      await inner.dispose?.();
    },
  };

  if (inner.embed) {
    const embed = inner.embed.bind(inner);
    engine.embed = async (texts, signal) => {
      startCall();
      try {
        const vectors = await embed(texts, signal);
        addUsage({
          promptTokens: texts.reduce((n, t) => n + estimateTokens(t), 0),
          completionTokens: 0,
        });
        return vectors;
      } catch (error) {
        each((t) => t.failedCalls++);
        throw error;
      }
    };
  }

  return engine;
}
