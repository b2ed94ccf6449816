/**
 * One interface for every language-model engine: the built-in engine (no
 * model), WebLLM in the browser and OpenAI-compatible HTTP servers. Agents
 * talk to models only through this; they never know which engine runs.
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** JSON Schema the reply must follow (engines pass it on where the server supports it). */
  schema?: { name: string; schema: Record<string, unknown> };
  temperature?: number;
  maxTokens?: number;
  /** Abort the call (the run paused, the user cancelled). */
  signal?: AbortSignal;
}

export interface ChatResponse {
  /** The raw text of the reply (parse it with parseJsonReply). */
  text: string;
  usage: TokenUsage;
  /** True when the answer came from the prompt cache (no call made). */
  cached: boolean;
}

export interface EngineInfo {
  kind: 'builtin' | 'webllm' | 'openai';
  /** Model name, for the record of a run. */
  model: string;
  /** Whether `embed` is available. */
  embeddings: boolean;
}

export interface LlmEngine {
  readonly info: EngineInfo;
  chat(request: ChatRequest): Promise<ChatResponse>;
  /** Embedding vectors for texts (only when info.embeddings). */
  embed?(texts: string[], signal?: AbortSignal): Promise<number[][]>;
  /** Free the model or connections. */
  dispose?(): Promise<void>;
}

/** A failure an engine reports: `kind` lets callers decide to retry, fall back or stop. */
export class EngineError extends Error {
  constructor(
    public readonly kind:
      | 'timeout'
      | 'rate-limit'
      | 'server'
      | 'network'
      | 'cors'
      | 'auth'
      | 'bad-request'
      | 'aborted'
      | 'unavailable'
      | 'out-of-memory'
      | 'quota'
      | 'budget',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EngineError';
  }
}
