/**
 * WebLLM's failures as EngineErrors that say what to do. Errors cross the
 * worker boundary as strings ("DeviceLostError: The WebGPU device was
 * lost…"), so this reads names and messages, not classes.
 */
import { clip } from '../../shared/secrets';
import { EngineError } from '../engine';

export type WebLlmPhase = 'load' | 'chat';

interface Rule {
  test: RegExp;
  kind: EngineError['kind'];
  advice: (modelId: string) => string;
}

const RULES: Rule[] = [
  {
    test: /ShaderF16SupportError|shader-f16/i,
    kind: 'unavailable',
    advice: (id) =>
      `${id} needs 16-bit float shaders (shader-f16), which this GPU lacks: choose the q4f32 variant of the model.`,
  },
  {
    test: /WebGPUNotAvailableError|WebGPUNotFoundError|WebGPU is not supported|Cannot find WebGPU|navigator\.gpu|requestAdapter/i,
    kind: 'unavailable',
    advice: () =>
      'WebGPU is not available in this browser: use a recent Chrome or Edge with hardware acceleration on, ' +
      'or the built-in engine or a local server.',
  },
  {
    test: /DeviceLostError|device (was |is )?lost|out of memory|\bOOM\b|failed to allocate|allocation fail|exceeds the max|maxStorageBufferBindingSize|maxBufferSize|GPUOutOfMemoryError|Cannot enlarge memory/i,
    kind: 'out-of-memory',
    advice: (id) =>
      `The graphics card ran out of memory or the WebGPU device was lost while running ${id}. ` +
      'Try a smaller model or a 1k-context setup, and close other tabs that use the GPU.',
  },
  {
    test: /QuotaExceededError|quota|storage is full|not enough space/i,
    kind: 'quota',
    advice: () =>
      'The browser would not store the model files (storage quota). Private windows allow little storage: ' +
      'use a normal window, or free disk space, then try again.',
  },
  {
    test: /AbortError|\baborted\b|interrupted|cancell?ed/i,
    kind: 'aborted',
    advice: () => 'the call was cancelled',
  },
  {
    test: /ContextWindowSizeExceededError|exceed context window/i,
    kind: 'bad-request',
    advice: () =>
      "The prompt is longer than the model's context window: shorten it, or use a model setup with a longer context.",
  },
  {
    test: /ModelNotFoundError|UnsupportedModelIdError|SpecifiedModelNotFoundError|Cannot find model record/i,
    kind: 'bad-request',
    advice: (id) => `WebLLM does not know the model "${id}": choose one from the list.`,
  },
  {
    test: /IntegrityError|Integrity verification failed|ArtifactManifestError|Unexpected end of|invalid (tensor|ndarray|record)|corrupt|checksum|parse.*(json|config)|shard/i,
    kind: 'unavailable',
    advice: (id) =>
      `The stored files of ${id} look broken (an interrupted download?). Remove the cached model and load it again.`,
  },
  {
    test: /Failed to fetch|NetworkError|net::|ERR_|network|fetch failed|status (4|5)\d\d|Load failed/i,
    kind: 'network',
    advice: (id) =>
      `Downloading ${id} failed: check the internet connection and try again (the part already downloaded is kept).`,
  },
];

/** An EngineError for anything WebLLM (or its worker) threw. */
export function mapWebLlmError(error: unknown, modelId: string, phase: WebLlmPhase): EngineError {
  if (error instanceof EngineError) return error;
  const text = errorText(error);
  const rule = RULES.find((r) => r.test.test(text));
  if (rule)
    return new EngineError(rule.kind, `${rule.advice(modelId)} (${short(text)})`, { cause: error });
  if (phase === 'load') {
    return new EngineError(
      'unavailable',
      `Loading ${modelId} failed (${short(text)}). If it fails again, remove the cached model and load it again, ` +
        'or try a smaller model.',
      { cause: error },
    );
  }
  return new EngineError('server', `The model ${modelId} failed to answer (${short(text)}).`, {
    cause: error,
  });
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

function short(text: string): string {
  // Masked before it is cut (src/shared/secrets.ts): no part of a secret survives the cut.
  return clip(text.replace(/\s+/g, ' ').trim(), 161);
}
