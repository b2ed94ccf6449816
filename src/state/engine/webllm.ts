/**
 * WebLLM models in this browser: the WebGPU probe, loading a model (with
 * progress and cancel), unloading it, removing its cached files. The
 * engine stays here, in the state layer; the WebLLM section of the engine
 * settings (src/ui/engine-webllm.ts) shows it and asks for it.
 *
 * The WebLLM client (and through it WebLLM itself and its worker) is loaded
 * with a dynamic import, when a model is loaded or removed: a first visit
 * never downloads it.
 */
import { EngineError, type LlmEngine } from '../../llm/engine';
import type * as Client from '../../llm/webllm/client';
import type { ModelChoice } from '../../llm/webllm/models';
import { probeWebGpu, type WebGpuProbe } from '../../llm/webllm/probe';

// Type-only: erased at build time, so the client is still fetched only by loadClient().
type ClientModule = typeof Client;

function loadClient(): Promise<ClientModule> {
  return import('../../llm/webllm/client');
}

export interface WebLlmModels {
  /** What this browser can do (asked once). */
  probe(): Promise<WebGpuProbe>;
  /**
   * Load a model (downloading it the first time); `onProgress` hears the
   * fraction done and WebLLM's words. Throws EngineError ('aborted' when cancelled).
   */
  load(choice: ModelChoice, onProgress: (fraction: number, text: string) => void): Promise<void>;
  /** Stop a load in progress (what was downloaded is kept). */
  cancel(): void;
  loading(): boolean;
  /** The loaded model's id, if any. */
  loadedModel(): string | null;
  /** The loaded model's engine, if any. */
  engine(): LlmEngine | null;
  /** Unload the model (frees the graphics memory). */
  release(): Promise<void>;
  /** Delete a model's files from this browser (unloading it first). */
  remove(modelId: string): Promise<void>;
}

export function createWebLlmModels(
  probe: () => Promise<WebGpuProbe> = () => probeWebGpu(),
): WebLlmModels {
  let probed: Promise<WebGpuProbe> | null = null;
  let loaded: { modelId: string; engine: LlmEngine } | null = null;
  let loading: AbortController | null = null;

  const release = async (): Promise<void> => {
    const l = loaded;
    loaded = null;
    if (l) await l.engine.dispose?.();
  };

  return {
    probe() {
      probed ??= probe();
      return probed;
    },
    async load(choice, onProgress) {
      if (loaded?.modelId === choice.modelId) return;
      if (loading) throw new EngineError('aborted', 'a model is already loading');
      if (loaded) await release();
      const controller = new AbortController();
      loading = controller;
      try {
        const client = await loadClient();
        void client.persistStorage();
        const engine = await client.createWebLlmEngine({
          model: choice.modelId,
          chatOptions: choice.chatOptions,
          signal: controller.signal,
          onProgress: (p) => onProgress(Math.max(0, Math.min(1, p.fraction)), p.text),
        });
        loaded = { modelId: choice.modelId, engine };
      } finally {
        loading = null;
      }
    },
    cancel: () => loading?.abort(),
    loading: () => loading !== null,
    loadedModel: () => loaded?.modelId ?? null,
    engine: () => loaded?.engine ?? null,
    release,
    async remove(modelId) {
      if (loaded?.modelId === modelId) await release();
      const client = await loadClient();
      await client.removeCachedModel(modelId);
    },
  };
}
