/**
 * The WebLLM engine: a model running on WebGPU in a Web Worker, behind the
 * LlmEngine interface. WebLLM itself is loaded with a dynamic import, so it
 * lands in its own chunk and only pages that choose it download it.
 *
 *   const choice = pickDefaultModel(await probeWebGpu());
 *   const engine = await createWebLlmEngine({
 *     model: choice.modelId, chatOptions: choice.chatOptions,
 *     onProgress: (p) => show(p.fraction, p.text), signal: cancel.signal,
 *   });
 */
import type * as WebLlm from '@mlc-ai/web-llm';
import { EngineError, type ChatRequest, type ChatResponse, type LlmEngine } from '../engine';
import { abortedError, estimateUsage, Semaphore } from '../util';
import { mapWebLlmError } from './errors';
import type { ModelChatOptions } from './models';
import type { ChatCompletion, ChatCompletionRequestNonStreaming, ChatWorkerLike } from './protocol';

/** The parts of the WebLLM module the page uses. */
export type WebLlmModule = Pick<
  typeof WebLlm,
  'CreateWebWorkerMLCEngine' | 'deleteModelAllInfoInCache' | 'hasModelInCache'
>;

export interface LoadProgress {
  /** 0 to 1. */
  fraction: number;
  /** WebLLM's own words ("Fetching param cache[3/20]: 120MB fetched…"). */
  text: string;
  elapsedSeconds: number;
}

export interface WebLlmEngineOptions {
  /** A WebLLM model id (see models.ts). */
  model: string;
  /** E.g. `{ context_window_size: 1024 }` for a short-context setup. */
  chatOptions?: ModelChatOptions;
  /** Download and compile progress. */
  onProgress?: (progress: LoadProgress) => void;
  /** Cancel loading: the worker is stopped and the promise rejects with EngineError('aborted'). */
  signal?: AbortSignal;
  /** The worker to talk to. Default: worker.ts in a module Web Worker. Tests pass a stand-in. */
  createWorker?: () => ChatWorkerLike;
  /** How to load WebLLM. Default: `import('@mlc-ai/web-llm')`. */
  loadWebLlm?: () => Promise<WebLlmModule>;
}

export interface WebLlmEngine extends LlmEngine {
  readonly modelId: string;
}

const loadDefault = (): Promise<WebLlmModule> => import('@mlc-ai/web-llm');

function startWorker(): ChatWorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'webllm' });
}

export async function createWebLlmEngine(options: WebLlmEngineOptions): Promise<WebLlmEngine> {
  const { model, signal } = options;
  if (signal?.aborted) throw abortedError(signal.reason);
  let webllm: WebLlmModule;
  try {
    webllm = await (options.loadWebLlm ?? loadDefault)();
  } catch (error) {
    throw new EngineError(
      'network',
      'Could not load the WebLLM code for this page: check the connection and reload.',
      { cause: error },
    );
  }
  if (signal?.aborted) throw abortedError(signal.reason);

  const worker = (options.createWorker ?? startWorker)();
  const chatOpts =
    options.chatOptions && Object.keys(options.chatOptions).length > 0
      ? (options.chatOptions as WebLlm.ChatOptions)
      : undefined;
  const onProgress = options.onProgress;
  const loading = webllm.CreateWebWorkerMLCEngine(
    worker,
    model,
    {
      initProgressCallback: (report) =>
        onProgress?.({
          fraction: report.progress,
          text: report.text,
          elapsedSeconds: report.timeElapsed,
        }),
    },
    chatOpts,
  );

  let mlc: WebLlm.WebWorkerMLCEngine;
  try {
    mlc = await untilAborted(loading, signal);
  } catch (error) {
    // A cancelled or failed load leaves nothing behind: stopping the worker frees the GPU.
    worker.terminate?.();
    if (error instanceof EngineError) throw error;
    throw mapWebLlmError(error, model, 'load');
  }

  // One completion at a time: the worker's engine runs them one after another anyway,
  // and an interrupted one must finish before the next starts.
  const queue = new Semaphore(1);
  let disposed = false;

  const engine: WebLlmEngine = {
    info: { kind: 'webllm', model, embeddings: false },
    modelId: model,
    chat(request: ChatRequest): Promise<ChatResponse> {
      if (disposed) {
        return Promise.reject(new EngineError('unavailable', `the model ${model} was unloaded`));
      }
      return new Promise<ChatResponse>((resolve, reject) => {
        queue
          .run(async () => {
            const { signal: callSignal } = request;
            if (callSignal?.aborted) {
              reject(abortedError(callSignal.reason));
              return;
            }
            const onAbort = (): void => {
              mlc.interruptGenerate();
              reject(abortedError(callSignal?.reason));
            };
            callSignal?.addEventListener('abort', onAbort, { once: true });
            try {
              const completion = await mlc.chat.completions.create(toWebLlmRequest(request));
              resolve(fromCompletion(completion, request));
            } catch (error) {
              reject(mapWebLlmError(error, model, 'chat'));
            } finally {
              callSignal?.removeEventListener('abort', onAbort);
            }
          }, request.signal)
          .catch(reject);
      });
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      try {
        await Promise.race([mlc.unload(), new Promise((r) => setTimeout(r, 2_000))]);
      } catch {
        // The worker goes either way.
      }
      worker.terminate?.();
    },
  };
  return engine;
}

/** Our request in WebLLM's (OpenAI-style) shape; a schema becomes `json_object` with the schema as a string. */
export function toWebLlmRequest(request: ChatRequest): ChatCompletionRequestNonStreaming {
  const body: ChatCompletionRequestNonStreaming = {
    messages: request.messages.map((m) => ({
      role: m.role,
      content: m.content,
    })) as ChatCompletionRequestNonStreaming['messages'],
    stream: false,
  };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.schema) {
    const schema = { ...request.schema.schema };
    delete schema.$schema;
    body.response_format = { type: 'json_object', schema: JSON.stringify(schema) };
  }
  return body;
}

function fromCompletion(completion: ChatCompletion, request: ChatRequest): ChatResponse {
  const text = completion.choices[0]?.message.content ?? '';
  const estimate = estimateUsage(request.messages, text);
  return {
    text,
    usage: {
      promptTokens: completion.usage?.prompt_tokens ?? estimate.promptTokens,
      completionTokens: completion.usage?.completion_tokens ?? estimate.completionTokens,
    },
    cached: false,
  };
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortedError(signal.reason));
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Is the model already downloaded (in the browser's cache)? */
export async function isModelCached(
  modelId: string,
  loadWebLlm: () => Promise<WebLlmModule> = loadDefault,
): Promise<boolean> {
  const webllm = await loadWebLlm();
  return webllm.hasModelInCache(modelId);
}

/**
 * Remove a model's files from the browser's cache: the fix for a broken
 * partial download, or to free space.
 */
export async function removeCachedModel(
  modelId: string,
  loadWebLlm: () => Promise<WebLlmModule> = loadDefault,
): Promise<void> {
  const webllm = await loadWebLlm();
  try {
    await webllm.deleteModelAllInfoInCache(modelId);
  } catch (error) {
    throw mapWebLlmError(error, modelId, 'load');
  }
}

/** Ask the browser to keep the model files when space runs low (true when granted). */
export async function persistStorage(): Promise<boolean> {
  const storage = (globalThis as { navigator?: { storage?: { persist?: () => Promise<boolean> } } })
    .navigator?.storage;
  if (!storage?.persist) return false;
  try {
    return await storage.persist();
  } catch {
    return false;
  }
}
