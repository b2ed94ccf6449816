/**
 * Small instruct models from WebLLM's prebuilt list, with the memory they
 * need, and the choice of a default for this browser from a probe report.
 *
 * Ids and VRAM figures are those of `prebuiltAppConfig` in
 * @mlc-ai/web-llm 0.2.86 (a unit test holds them equal). None of these five
 * has a `-1k` record there; WebLLM's `-1k` records are the same weights and
 * library with `context_window_size: 1024`, so a short-context setup is
 * asked for with that chat option instead.
 */
import type { WebGpuProbe } from './probe';

export type ModelKey =
  'smollm2-360m' | 'qwen2.5-0.5b' | 'llama-3.2-1b' | 'qwen2.5-1.5b' | 'llama-3.2-3b';

export type Quantisation = 'q4f16' | 'q4f32';

export interface WebLlmModel {
  key: ModelKey;
  label: string;
  /** Parameters, for people. */
  size: string;
  /** WebLLM model ids. */
  ids: Record<Quantisation, string>;
  /** VRAM WebLLM reports for the full (4k) context, in MB. */
  vramMB: Record<Quantisation, number>;
  /** Context window of the prebuilt record, in tokens. */
  contextWindow: number;
}

/** Smallest first. */
export const WEBLLM_MODELS: readonly WebLlmModel[] = [
  {
    key: 'smollm2-360m',
    label: 'SmolLM2 360M Instruct',
    size: '360M',
    ids: { q4f16: 'SmolLM2-360M-Instruct-q4f16_1-MLC', q4f32: 'SmolLM2-360M-Instruct-q4f32_1-MLC' },
    vramMB: { q4f16: 376.06, q4f32: 579.61 },
    contextWindow: 4096,
  },
  {
    key: 'qwen2.5-0.5b',
    label: 'Qwen2.5 0.5B Instruct',
    size: '0.5B',
    ids: { q4f16: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC', q4f32: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC' },
    vramMB: { q4f16: 944.62, q4f32: 1060.2 },
    contextWindow: 4096,
  },
  {
    key: 'llama-3.2-1b',
    label: 'Llama 3.2 1B Instruct',
    size: '1B',
    ids: { q4f16: 'Llama-3.2-1B-Instruct-q4f16_1-MLC', q4f32: 'Llama-3.2-1B-Instruct-q4f32_1-MLC' },
    vramMB: { q4f16: 879.04, q4f32: 1128.82 },
    contextWindow: 4096,
  },
  {
    key: 'qwen2.5-1.5b',
    label: 'Qwen2.5 1.5B Instruct',
    size: '1.5B',
    ids: { q4f16: 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC', q4f32: 'Qwen2.5-1.5B-Instruct-q4f32_1-MLC' },
    vramMB: { q4f16: 1629.75, q4f32: 1888.97 },
    contextWindow: 4096,
  },
  {
    key: 'llama-3.2-3b',
    label: 'Llama 3.2 3B Instruct',
    size: '3B',
    ids: { q4f16: 'Llama-3.2-3B-Instruct-q4f16_1-MLC', q4f32: 'Llama-3.2-3B-Instruct-q4f32_1-MLC' },
    vramMB: { q4f16: 2263.69, q4f32: 2951.51 },
    contextWindow: 4096,
  },
];

/** The short context used when the storage-buffer limit is under 1 GiB (WebLLM's "-1k"). */
export const SHORT_CONTEXT = 1024;

/** Chat options passed to WebLLM with the model (a subset of its ChatOptions). */
export interface ModelChatOptions {
  context_window_size?: number;
}

export interface ModelChoice {
  model: WebLlmModel;
  quantisation: Quantisation;
  /** The WebLLM model id to load. */
  modelId: string;
  chatOptions: ModelChatOptions;
  contextWindow: number;
  vramMB: number;
  /** Fits the memory and storage hints (true when there are none). */
  fits: boolean;
  /** Why this choice, in plain words. */
  reasons: string[];
}

export interface PickOptions {
  /** The largest model wanted; smaller ones are tried when it does not fit. Default: the smallest. */
  prefer?: ModelKey;
}

const GiB = 1024 ** 3;
/** Share of the reported device memory a model may take (GPUs often share it with the system). */
const MEMORY_SHARE = 0.5;

/** The setup of one model for this browser: quantisation and context chosen from the probe. */
export function modelChoice(key: ModelKey, probe: WebGpuProbe): ModelChoice {
  const model = WEBLLM_MODELS.find((m) => m.key === key);
  if (!model) throw new RangeError(`unknown model "${key}"`);
  const reasons: string[] = [];
  const quantisation: Quantisation = probe.shaderF16 ? 'q4f16' : 'q4f32';
  reasons.push(
    probe.shaderF16
      ? 'q4f16: the adapter has 16-bit float shaders'
      : 'q4f32: the adapter lacks 16-bit float shaders (shader-f16)',
  );
  const short =
    probe.maxStorageBufferBindingSize !== null && probe.maxStorageBufferBindingSize < GiB;
  const chatOptions: ModelChatOptions = short ? { context_window_size: SHORT_CONTEXT } : {};
  if (short) reasons.push('1k context: the storage-buffer limit is under 1 GiB');
  const vramMB = model.vramMB[quantisation];
  const problems = fitProblems(vramMB, probe);
  reasons.push(...problems);
  return {
    model,
    quantisation,
    modelId: model.ids[quantisation],
    chatOptions,
    contextWindow: short ? SHORT_CONTEXT : model.contextWindow,
    vramMB,
    fits: problems.length === 0,
    reasons,
  };
}

/**
 * The default model here: the preferred one (the smallest unless told),
 * stepping down to smaller ones until one fits the memory hint and free
 * storage; q4f32 without shader-f16; a 1k context under a 1 GiB buffer
 * limit. Null when WebLLM cannot run at all.
 */
export function pickDefaultModel(
  probe: WebGpuProbe,
  options: PickOptions = {},
): ModelChoice | null {
  if (!probe.usable) return null;
  const quantisation: Quantisation = probe.shaderF16 ? 'q4f16' : 'q4f32';
  const bySize = [...WEBLLM_MODELS].sort((a, b) => a.vramMB[quantisation] - b.vramMB[quantisation]);
  const ceiling = options.prefer ? bySize.findIndex((m) => m.key === options.prefer) : 0;
  if (ceiling < 0) throw new RangeError(`unknown model "${options.prefer}"`);
  for (let i = ceiling; i >= 0; i--) {
    const choice = modelChoice(bySize[i]!.key, probe);
    if (choice.fits) {
      if (i < ceiling) choice.reasons.push(`${bySize[ceiling]!.label} would not fit`);
      return choice;
    }
  }
  const smallest = modelChoice(bySize[0]!.key, probe);
  smallest.reasons.push('nothing fits the hints; the smallest model may still fail to load');
  return smallest;
}

function fitProblems(vramMB: number, probe: WebGpuProbe): string[] {
  const problems: string[] = [];
  if (probe.deviceMemoryGiB !== null) {
    const budgetMB = probe.deviceMemoryGiB * 1024 * MEMORY_SHARE;
    if (vramMB > budgetMB) {
      problems.push(
        `needs about ${Math.round(vramMB)} MB, more than half of the ${probe.deviceMemoryGiB} GB this device reports`,
      );
    }
  }
  // The download is somewhat smaller than the VRAM need; use the latter as a safe bound.
  if (probe.storage && probe.storage.freeBytes < vramMB * 1024 * 1024) {
    problems.push(`its files need up to ${Math.round(vramMB)} MB of storage, more than is free`);
  }
  return problems;
}

/** The entry for a WebLLM model id, whichever quantisation. */
export function findModelById(
  modelId: string,
): { model: WebLlmModel; quantisation: Quantisation } | null {
  for (const model of WEBLLM_MODELS) {
    for (const q of ['q4f16', 'q4f32'] as const) {
      if (model.ids[q] === modelId) return { model, quantisation: q };
    }
  }
  return null;
}
