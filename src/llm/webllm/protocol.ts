/**
 * The messages between the page and the model worker. We use WebLLM's own
 * worker protocol (`WebWorkerMLCEngineHandler` in the worker,
 * `CreateWebWorkerMLCEngine` on the page); this names the part of it our
 * client relies on, so a stand-in worker (test/support/webllm-stand-in.ts) can speak it in tests
 * without WebGPU. Type-only imports: nothing of WebLLM is loaded here.
 */
import type {
  ChatCompletion,
  ChatCompletionRequestNonStreaming,
  InitProgressReport,
  WorkerRequest,
  WorkerResponse,
} from '@mlc-ai/web-llm';

export type {
  ChatCompletion,
  ChatCompletionRequestNonStreaming,
  InitProgressReport,
  WorkerRequest,
  WorkerResponse,
};

/**
 * What WebLLM's client needs of a worker: a real `Worker`, or a stand-in.
 * Messages from the worker arrive as `onmessage({ data })` (a MessageEvent).
 */
export interface ChatWorkerLike {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
  terminate?(): void;
}

/**
 * Requests our client makes, and what the worker answers:
 * - `reload` {modelId[], chatOpts?[]} → `initProgressCallback` reports (uuid ''), then `return` null
 * - `chatCompletionNonStreaming` {request, modelId[], chatOpts?[]} → `return` a ChatCompletion
 * - `interruptGenerate` null → `return` null (the running completion ends early)
 * - `unload` null → `return` null
 * - `setAppConfig` / `setLogLevel` → no answer
 * Any failure: `throw` with the error as a string ("DeviceLostError: …").
 */
export const CLIENT_REQUEST_KINDS = [
  'reload',
  'chatCompletionNonStreaming',
  'interruptGenerate',
  'unload',
] as const;

export type ClientRequestKind = (typeof CLIENT_REQUEST_KINDS)[number];

/** Content of a `reload` request. */
export interface ReloadContent {
  modelId: string[];
  chatOpts?: Array<Record<string, unknown>>;
}

/** Content of a `chatCompletionNonStreaming` request. */
export interface ChatContent {
  request: ChatCompletionRequestNonStreaming;
  modelId: string[];
  chatOpts?: Array<Record<string, unknown>>;
}
