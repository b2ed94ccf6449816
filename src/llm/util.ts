/** Small helpers the engines share: token estimates, a semaphore, abortable sleep. */
import { EngineError, type ChatMessage, type TokenUsage } from './engine';

/** Rough token count when a server reports none: about four characters per token. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Estimated usage of a request and its reply (messages plus a few tokens of framing each). */
export function estimateUsage(messages: readonly ChatMessage[], reply: string): TokenUsage {
  const prompt = messages.reduce((n, m) => n + estimateTokens(m.content) + 4, 0);
  return { promptTokens: prompt, completionTokens: estimateTokens(reply) };
}

/** The error a cancelled call rejects with. */
export function abortedError(cause?: unknown): EngineError {
  return new EngineError('aborted', 'the call was cancelled', { cause });
}

/** Wait `ms`, or reject with EngineError('aborted') as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError(signal.reason));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A counting semaphore: at most `limit` holders at once, first come first served. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<{ grant: () => void; signal: AbortSignal | undefined }> = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`concurrency must be a whole number of at least 1, got ${limit}`);
    }
  }

  /** Holders now. */
  get running(): number {
    return this.active;
  }

  /** Callers waiting for a place. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Run `task` when a place is free; a caller aborted while waiting leaves the queue. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortedError(signal.reason));
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const entry = {
        signal,
        grant: (): void => {
          signal?.removeEventListener('abort', onAbort);
          this.active++;
          resolve();
        },
      };
      const onAbort = (): void => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(abortedError(signal?.reason));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private release(): void {
    this.active--;
    const next = this.waiting.shift();
    if (next) next.grant();
  }
}
