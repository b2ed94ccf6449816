/**
 * A prompt cache: the same request to the same model gets the reply it got
 * before, without a call. Least-recently-used entries leave first once the
 * cache holds `maxEntries`.
 */
import type { ChatRequest, ChatResponse, EngineInfo } from './engine';

export interface CachedReply {
  text: string;
  usage: ChatResponse['usage'];
}

export class PromptCache {
  private readonly entries = new Map<string, CachedReply>();
  private hitCount = 0;
  private missCount = 0;

  constructor(readonly maxEntries = 1_000) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`maxEntries must be a whole number of at least 1, got ${maxEntries}`);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get hits(): number {
    return this.hitCount;
  }

  get misses(): number {
    return this.missCount;
  }

  /** The cached reply for `key` (and mark it recently used), or undefined. */
  get(key: string): CachedReply | undefined {
    const found = this.entries.get(key);
    if (found === undefined) {
      this.missCount++;
      return undefined;
    }
    this.hitCount++;
    this.entries.delete(key);
    this.entries.set(key, found);
    return found;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, reply: CachedReply): void {
    this.entries.delete(key);
    this.entries.set(key, { text: reply.text, usage: { ...reply.usage } });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.entries.clear();
    this.hitCount = 0;
    this.missCount = 0;
  }
}

/** What makes two requests the same: engine, model, messages, schema, temperature, max tokens. */
export function cacheKey(info: EngineInfo, request: ChatRequest): string {
  return stableStringify({
    engine: info.kind,
    model: info.model,
    messages: request.messages.map((m) => [m.role, m.content]),
    schema: request.schema ?? null,
    temperature: request.temperature ?? null,
    maxTokens: request.maxTokens ?? null,
  });
}

/** JSON with object keys sorted, so equal values give equal strings. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
