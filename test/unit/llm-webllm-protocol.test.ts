/**
 * The WebLLM engine without WebGPU: our client drives WebLLM's real
 * `CreateWebWorkerMLCEngine` client, which talks its worker protocol to
 * (a) the stand-in worker and (b) WebLLM's real `WebWorkerMLCEngineHandler`
 * with a fake MLCEngine underneath, so the stand-in is held to the real
 * protocol. Also: error mapping, the model list against WebLLM's prebuilt
 * list, the default model choice, the probe with a fake browser, and cache
 * removal.
 */
import * as webllm from '@mlc-ai/web-llm';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { chatJson } from '../../src/llm/chat-json';
import { EngineError, type ChatRequest } from '../../src/llm/engine';
import {
  createWebLlmEngine,
  removeCachedModel,
  toWebLlmRequest,
  type LoadProgress,
  type WebLlmModule,
} from '../../src/llm/webllm/client';
import { mapWebLlmError } from '../../src/llm/webllm/errors';
import { findModelById, pickDefaultModel, WEBLLM_MODELS } from '../../src/llm/webllm/models';
import {
  probeWebGpu,
  type ProbeAdapter,
  type ProbeEnv,
  type WebGpuProbe,
} from '../../src/llm/webllm/probe';
import type { ChatWorkerLike } from '../../src/llm/webllm/protocol';
import { StandInWorker } from '../support/webllm-stand-in';

const MODEL = 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC';

const Verdict = z.object({ decision: z.enum(['recommend', 'silent']), reason: z.string() });
const ask: ChatRequest = {
  messages: [
    { role: 'system', content: 'You judge one step.' },
    { role: 'user', content: 'Should the assistant speak now?' },
  ],
  schema: { name: 'verdict', schema: { $schema: 'x', ...(z.toJSONSchema(Verdict) as object) } },
  temperature: 0,
  maxTokens: 64,
};

async function rejection(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return error as EngineError;
  }
  throw new Error('expected a failure');
}

function load(
  worker: ChatWorkerLike,
  extra: Partial<Parameters<typeof createWebLlmEngine>[0]> = {},
) {
  return createWebLlmEngine({ model: MODEL, createWorker: () => worker, ...extra });
}

describe('WebLLM engine over the stand-in worker', () => {
  it('loads with progress, passing the model and chat options', async () => {
    const worker = new StandInWorker({ progressSteps: 4 });
    const progress: LoadProgress[] = [];
    const engine = await load(worker, {
      chatOptions: { context_window_size: 1024 },
      onProgress: (p) => progress.push(p),
    });
    expect(engine.info).toEqual({ kind: 'webllm', model: MODEL, embeddings: false });
    expect(progress.map((p) => p.fraction)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(progress[0]!.text).toMatch(/Fetching/);
    const reload = worker.requestsOf('reload')[0]!;
    expect(reload.content).toEqual({ modelId: [MODEL], chatOpts: [{ context_window_size: 1024 }] });
    expect(worker.loaded).toEqual({ modelId: MODEL, chatOpts: { context_window_size: 1024 } });
  });

  it('asks for json_object with the schema as a string, and reads text and usage', async () => {
    const worker = new StandInWorker({ reply: () => '{"decision":"silent","reason":"busy"}' });
    const engine = await load(worker);
    const reply = await engine.chat(ask);
    expect(reply.text).toBe('{"decision":"silent","reason":"busy"}');
    expect(reply.cached).toBe(false);
    expect(reply.usage.completionTokens).toBe(Math.ceil(reply.text.length / 4));
    const sent = worker.requestsOf('chatCompletionNonStreaming')[0]!.content as unknown as {
      request: Record<string, unknown>;
      modelId: string[];
    };
    expect(sent.modelId).toEqual([MODEL]);
    expect(sent.request).toMatchObject({ temperature: 0, max_tokens: 64, stream: false });
    const format = sent.request.response_format as { type: string; schema: string };
    expect(format.type).toBe('json_object');
    const schema = JSON.parse(format.schema) as Record<string, unknown>;
    expect(schema.$schema).toBeUndefined();
    expect(schema).toMatchObject({ type: 'object', required: ['decision', 'reason'] });
  });

  it('works with chatJson: a fenced reply, then a repair round for a bad one', async () => {
    const replies = [
      '{"decision": "perhaps", "reason": "x"}',
      '```json\n{"decision": "recommend", "reason": "a break",}\n```',
    ];
    const worker = new StandInWorker({ reply: () => replies.shift() ?? '' });
    const engine = await load(worker);
    const result = await chatJson(engine, ask, Verdict, { what: 'the verdict' });
    expect(result).toMatchObject({ ok: true, value: { decision: 'recommend' }, attempts: 2 });
    const second = worker.requestsOf('chatCompletionNonStreaming')[1]!.content as unknown as {
      request: { messages: Array<{ content: string }> };
    };
    expect(second.request.messages.at(-1)!.content).toMatch(/field "decision" must be one of/);
  });

  it('runs one completion at a time', async () => {
    const worker = new StandInWorker({ replyDelayMs: 20, reply: () => '{}' });
    const engine = await load(worker);
    await Promise.all([engine.chat(ask), engine.chat(ask), engine.chat(ask)]);
    expect(worker.maxBusy).toBe(1);
    expect(worker.requestsOf('chatCompletionNonStreaming')).toHaveLength(3);
  });

  it('cancels a completion with interruptGenerate, then keeps working', async () => {
    const worker = new StandInWorker({ replyDelayMs: 5_000, reply: () => '{"late":true}' });
    const engine = await load(worker);
    const controller = new AbortController();
    const pending = engine.chat({ ...ask, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await rejection(pending);
    expect(error.kind).toBe('aborted');
    await vi.waitFor(() => expect(worker.requestsOf('interruptGenerate')).toHaveLength(1));
    const quick = new StandInWorker({ reply: () => 'ok' });
    expect((await (await load(quick)).chat(ask)).text).toBe('ok');
  });

  it('a call cancelled while waiting its turn never reaches the worker', async () => {
    const worker = new StandInWorker({ replyDelayMs: 50, reply: () => '{}' });
    const engine = await load(worker);
    const first = engine.chat(ask);
    const controller = new AbortController();
    const second = engine.chat({ ...ask, signal: controller.signal });
    controller.abort();
    expect((await rejection(second)).kind).toBe('aborted');
    await first;
    expect(worker.requestsOf('chatCompletionNonStreaming')).toHaveLength(1);
  });

  it('cancels loading: the worker is stopped', async () => {
    const worker = new StandInWorker({ progressSteps: 10, stepDelayMs: 30 });
    const controller = new AbortController();
    const pending = load(worker, { signal: controller.signal });
    setTimeout(() => controller.abort(), 40);
    expect((await rejection(pending)).kind).toBe('aborted');
    expect(worker.terminated).toBe(true);
  });

  it('maps a device lost during loading to out-of-memory with what to do, and stops the worker', async () => {
    const worker = new StandInWorker({
      loadError:
        'DeviceLostError: The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM).',
    });
    const error = await rejection(load(worker));
    expect(error.kind).toBe('out-of-memory');
    expect(error.message).toMatch(/smaller model or a 1k-context setup/);
    expect(worker.terminated).toBe(true);
  });

  it('maps an unknown model to bad-request', async () => {
    const error = await rejection(load(new StandInWorker(), { model: 'Giant-70B-MLC' }));
    expect(error.kind).toBe('bad-request');
    expect(error.message).toMatch(/does not know the model "Giant-70B-MLC"/);
  });

  it('maps a failed completion', async () => {
    const worker = new StandInWorker({
      reply: () => ({
        throw:
          'ContextWindowSizeExceededError: Prompt tokens exceed context window size: number of prompt tokens: 5000; context window size: 1024',
      }),
    });
    const error = await rejection((await load(worker)).chat(ask));
    expect(error.kind).toBe('bad-request');
    expect(error.message).toMatch(/longer than the model's context window/);
  });

  it('dispose unloads and stops the worker; later calls fail clearly', async () => {
    const worker = new StandInWorker();
    const engine = await load(worker);
    await engine.dispose?.();
    expect(worker.requestsOf('unload')).toHaveLength(1);
    expect(worker.terminated).toBe(true);
    expect((await rejection(engine.chat(ask))).kind).toBe('unavailable');
  });
});

/**
 * WebLLM's real worker-side handler with a fake MLCEngine inside, wired to
 * the page side through structured-cloned messages, as a Worker would be.
 */
function realHandlerWorker(engine: Record<string, unknown>) {
  const handler = new webllm.WebWorkerMLCEngineHandler();
  const page: ChatWorkerLike = {
    onmessage: null,
    postMessage(message) {
      setTimeout(
        () => handler.onmessage(new MessageEvent('message', { data: structuredClone(message) })),
        0,
      );
    },
  };
  handler.postMessage = (message: unknown) => {
    setTimeout(
      () => page.onmessage?.(new MessageEvent('message', { data: structuredClone(message) })),
      0,
    );
  };
  (handler as unknown as { engine: unknown }).engine = engine;
  return { page, handler };
}

describe("the stand-in matches WebLLM's real worker handler", () => {
  it('the same client code loads, chats and unloads through the real handler', async () => {
    const calls: string[] = [];
    const { page, handler } = realHandlerWorker({
      async reload(modelId: string[], chatOpts?: unknown[]) {
        calls.push(`reload ${modelId.join()} ${JSON.stringify(chatOpts)}`);
        handler.postMessage({
          kind: 'initProgressCallback',
          uuid: '',
          content: { progress: 1, timeElapsed: 0, text: 'done' },
        });
      },
      async chatCompletion(request: { messages: unknown[]; response_format?: { type: string } }) {
        calls.push(`chat ${request.messages.length} ${request.response_format?.type ?? 'text'}`);
        return {
          id: 'x',
          object: 'chat.completion',
          created: 0,
          model: MODEL,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: '{"decision":"silent","reason":"r"}' },
              finish_reason: 'stop',
              logprobs: null,
            },
          ],
          usage: { prompt_tokens: 42, completion_tokens: 5, total_tokens: 47 },
        };
      },
      interruptGenerate() {
        calls.push('interrupt');
      },
      async unload() {
        calls.push('unload');
      },
    });
    const progress: number[] = [];
    const engine = await load(page, {
      chatOptions: { context_window_size: 1024 },
      onProgress: (p) => progress.push(p.fraction),
    });
    const reply = await engine.chat(ask);
    expect(reply).toEqual({
      text: '{"decision":"silent","reason":"r"}',
      usage: { promptTokens: 42, completionTokens: 5 },
      cached: false,
    });
    await engine.dispose?.();
    expect(progress).toEqual([1]);
    expect(calls).toEqual([
      `reload ${MODEL} [{"context_window_size":1024}]`,
      'chat 2 json_object',
      'unload',
    ]);
  });

  it("errors thrown in the real handler arrive as strings and map as the stand-in's do", async () => {
    const text = 'QuotaExceededError: The quota has been exceeded.';
    const viaStandIn = await rejection(load(new StandInWorker({ loadError: text })));
    const { page } = realHandlerWorker({ reload: () => Promise.reject(new Error(text)) });
    const viaReal = await rejection(load(page));
    expect(viaReal.kind).toBe('quota');
    expect(viaStandIn.kind).toBe('quota');
    expect(viaReal.message).toMatch(/private windows allow little storage/i);
  });
});

describe('toWebLlmRequest', () => {
  it('leaves response_format out without a schema', () => {
    expect(toWebLlmRequest({ messages: ask.messages }).response_format).toBeUndefined();
  });
});

describe('mapWebLlmError', () => {
  it.each([
    [
      'DeviceLostError: The WebGPU device was lost while loading the model.',
      'out-of-memory',
      /smaller model/,
    ],
    ['Error: Aborted(Cannot enlarge memory arrays)', 'out-of-memory', /smaller model/],
    ['QuotaExceededError: quota exceeded', 'quota', /normal window, or free disk space/],
    [
      'Integrity verification failed for https://x/params_shard_3.bin',
      'unavailable',
      /Remove the cached model/,
    ],
    ['TypeError: Failed to fetch', 'network', /check the internet connection/],
    [
      'ShaderF16SupportError: This model requires WebGPU extension shader-f16',
      'unavailable',
      /q4f32 variant/,
    ],
    [
      'WebGPUNotAvailableError: WebGPU is not supported in your current environment',
      'unavailable',
      /WebGPU is not available/,
    ],
  ] as const)('%s → %s', (text, kind, advice) => {
    const error = mapWebLlmError(text, MODEL, 'load');
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(advice);
  });

  it('suggests removing the cached model for an unknown load failure', () => {
    const error = mapWebLlmError(new Error('something odd'), MODEL, 'load');
    expect(error).toMatchObject({ kind: 'unavailable' });
    expect(error.message).toMatch(/remove the cached model/);
  });
});

describe('models', () => {
  it("every id and VRAM figure matches WebLLM's prebuilt list", () => {
    const records = new Map(webllm.prebuiltAppConfig.model_list.map((r) => [r.model_id, r]));
    for (const model of WEBLLM_MODELS) {
      for (const q of ['q4f16', 'q4f32'] as const) {
        const record = records.get(model.ids[q]);
        expect(record, model.ids[q]).toBeDefined();
        expect(record!.vram_required_MB).toBeCloseTo(model.vramMB[q], 1);
        expect(record!.overrides?.context_window_size).toBe(model.contextWindow);
      }
    }
    expect(findModelById('Llama-3.2-1B-Instruct-q4f32_1-MLC')).toMatchObject({
      quantisation: 'q4f32',
    });
  });

  const probe = (over: Partial<WebGpuProbe> = {}): WebGpuProbe => ({
    secureContext: true,
    webgpuApi: true,
    adapter: { vendor: 'v', architecture: 'a', device: '', description: '', software: false },
    device: true,
    shaderF16: true,
    maxStorageBufferBindingSize: 2 * 1024 ** 3,
    maxBufferSize: 4 * 1024 ** 3,
    storage: { quotaBytes: 50e9, usageBytes: 0, freeBytes: 50e9, persisted: false },
    deviceMemoryGiB: 8,
    usable: true,
    blocker: null,
    messages: [],
    ...over,
  });

  it('no model when WebLLM cannot run', () => {
    expect(pickDefaultModel(probe({ usable: false, blocker: 'no-adapter' }))).toBeNull();
  });

  it('the smallest model by default, q4f16 with a full context on a capable GPU', () => {
    const choice = pickDefaultModel(probe())!;
    expect(choice.modelId).toBe('SmolLM2-360M-Instruct-q4f16_1-MLC');
    expect(choice.chatOptions).toEqual({});
    expect(choice.fits).toBe(true);
  });

  it('q4f32 without shader-f16', () => {
    expect(pickDefaultModel(probe({ shaderF16: false }), { prefer: 'qwen2.5-0.5b' })!.modelId).toBe(
      'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
    );
  });

  it('a 1k context when the storage-buffer limit is under 1 GiB', () => {
    const choice = pickDefaultModel(probe({ maxStorageBufferBindingSize: 128 * 1024 ** 2 }))!;
    expect(choice.chatOptions).toEqual({ context_window_size: 1024 });
    expect(choice.contextWindow).toBe(1024);
  });

  it('steps down from the preferred model until one fits the memory hint', () => {
    const choice = pickDefaultModel(probe({ deviceMemoryGiB: 2 }), { prefer: 'llama-3.2-3b' })!;
    // Half of 2 GB = 1024 MB: Qwen2.5-0.5B q4f16 (945 MB) is the largest that fits.
    expect(choice.model.key).toBe('qwen2.5-0.5b');
    expect(choice.reasons.join(' ')).toMatch(/Llama 3.2 3B Instruct would not fit/);
  });

  it('respects free storage, and says when nothing fits', () => {
    const tight = probe({
      storage: { quotaBytes: 300e6, usageBytes: 0, freeBytes: 300e6, persisted: false },
    });
    const choice = pickDefaultModel(tight, { prefer: 'qwen2.5-1.5b' })!;
    expect(choice.fits).toBe(false);
    expect(choice.model.key).toBe('smollm2-360m');
    expect(choice.reasons.join(' ')).toMatch(/storage/);
  });
});

describe('probeWebGpu with a fake browser', () => {
  const adapter = (over: Partial<ProbeAdapter> = {}): ProbeAdapter => ({
    features: new Set(['shader-f16']),
    limits: { maxStorageBufferBindingSize: 2 * 1024 ** 3, maxBufferSize: 4 * 1024 ** 3 },
    info: { vendor: 'acme', architecture: 'rdna', device: '', description: 'Acme GPU' },
    requestDevice: async () => ({ destroy() {} }),
    ...over,
  });
  const env = (over: Partial<ProbeEnv['navigator']> = {}, secure = true): ProbeEnv => ({
    isSecureContext: secure,
    navigator: {
      storage: {
        estimate: async () => ({ quota: 10 * 1024 ** 3, usage: 1024 ** 3 }),
        persisted: async () => false,
      },
      ...over,
    },
  });

  it('not a secure context', async () => {
    const report = await probeWebGpu(
      env({ gpu: { requestAdapter: async () => adapter() } }, false),
    );
    expect(report).toMatchObject({ usable: false, blocker: 'insecure-context' });
    expect(report.messages.join(' ')).toMatch(/https, or from localhost/);
  });

  it('no navigator.gpu', async () => {
    const report = await probeWebGpu(env());
    expect(report).toMatchObject({ usable: false, blocker: 'no-webgpu-api', webgpuApi: false });
  });

  it('no adapter', async () => {
    const report = await probeWebGpu(env({ gpu: { requestAdapter: async () => null } }));
    expect(report).toMatchObject({ usable: false, blocker: 'no-adapter', adapter: null });
    expect(report.messages.join(' ')).toMatch(/no graphics adapter.*hardware acceleration/);
  });

  it('a capable adapter', async () => {
    const report = await probeWebGpu(
      env({ gpu: { requestAdapter: async () => adapter() }, deviceMemory: 8 }),
    );
    expect(report).toMatchObject({
      usable: true,
      blocker: null,
      shaderF16: true,
      device: true,
      deviceMemoryGiB: 8,
    });
    expect(report.storage).toMatchObject({ freeBytes: 9 * 1024 ** 3, persisted: false });
    expect(report.messages[0]).toBe('WebLLM can run models in this browser.');
    expect(report.messages.join(' ')).toMatch(/Acme GPU/);
  });

  it('a software adapter without shader-f16 and a small buffer limit', async () => {
    const soft = adapter({
      features: new Set<string>(),
      limits: { maxStorageBufferBindingSize: 128 * 1024 ** 2, maxBufferSize: 256 * 1024 ** 2 },
      info: {
        vendor: 'google',
        architecture: 'swiftshader',
        device: '',
        description: 'SwiftShader Device',
      },
    });
    const report = await probeWebGpu(env({ gpu: { requestAdapter: async () => soft } }));
    expect(report.adapter?.software).toBe(true);
    const text = report.messages.join(' ');
    expect(text).toMatch(/software adapter/);
    expect(text).toMatch(/q4f32/);
    expect(text).toMatch(/128 MB, under 1 GiB/);
    expect(pickDefaultModel(report)).toMatchObject({
      modelId: 'SmolLM2-360M-Instruct-q4f32_1-MLC',
      chatOptions: { context_window_size: 1024 },
    });
  });

  it('a device that cannot be created', async () => {
    const broken = adapter({ requestDevice: () => Promise.reject(new Error('device blocked')) });
    const report = await probeWebGpu(env({ gpu: { requestAdapter: async () => broken } }));
    expect(report).toMatchObject({ usable: false, blocker: 'no-device', device: false });
  });

  it('little storage', async () => {
    const report = await probeWebGpu(
      env({ storage: { estimate: async () => ({ quota: 100 * 1024 ** 2, usage: 0 }) } }),
    );
    expect(report.messages.join(' ')).toMatch(/less than 1 GB: private windows/);
  });
});

describe('cache removal', () => {
  it('deletes every file of a model through WebLLM', async () => {
    const deleted: string[] = [];
    const fake = {
      deleteModelAllInfoInCache: async (id: string) => {
        deleted.push(id);
      },
    } as unknown as WebLlmModule;
    await removeCachedModel(MODEL, async () => fake);
    expect(deleted).toEqual([MODEL]);
  });
});
