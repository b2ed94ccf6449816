/**
 * What WebGPU offers in this browser, checked in the order that matters for
 * WebLLM: a secure context, `navigator.gpu`, an adapter (and a device), the
 * `shader-f16` feature, the storage-buffer limit, and free storage for model
 * files. The report says in plain words what works here and what to do.
 *
 * This module imports nothing but a formatter, so a page can probe without loading WebLLM.
 */
import { formatBytes } from '../../shared/format';

export type ProbeBlocker =
  'insecure-context' | 'no-webgpu-api' | 'no-adapter' | 'adapter-error' | 'no-device';

export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A software (CPU) adapter such as SwiftShader: works, slowly. */
  software: boolean;
}

export interface WebGpuProbe {
  secureContext: boolean;
  /** `'gpu' in navigator`. */
  webgpuApi: boolean;
  adapter: AdapterSummary | null;
  /** A device could be requested from the adapter (null when not tried). */
  device: boolean | null;
  /** The adapter supports 16-bit float shaders (q4f16 models). */
  shaderF16: boolean;
  maxStorageBufferBindingSize: number | null;
  maxBufferSize: number | null;
  /** From navigator.storage.estimate(); null where unavailable. */
  storage: {
    quotaBytes: number;
    usageBytes: number;
    freeBytes: number;
    persisted: boolean | null;
  } | null;
  /** navigator.deviceMemory (GiB, rounded and capped by the browser), when offered. */
  deviceMemoryGiB: number | null;
  /** WebLLM can run here. */
  usable: boolean;
  /** The first thing that stops WebLLM, or null when usable. */
  blocker: ProbeBlocker | null;
  /** Plain-words findings, one sentence each, most important first. */
  messages: string[];
}

/** The parts of the browser the probe reads; tests pass fakes. */
export interface ProbeEnv {
  isSecureContext: boolean;
  navigator: {
    gpu?: {
      requestAdapter(options?: {
        powerPreference?: 'low-power' | 'high-performance';
      }): Promise<ProbeAdapter | null>;
    };
    storage?: {
      estimate?(): Promise<{ quota?: number; usage?: number }>;
      persisted?(): Promise<boolean>;
    };
    deviceMemory?: number;
  };
}

export interface ProbeAdapter {
  features: { has(name: string): boolean };
  limits: { maxStorageBufferBindingSize: number; maxBufferSize: number };
  info?: {
    vendor?: string;
    architecture?: string;
    device?: string;
    description?: string;
    isFallbackAdapter?: boolean;
  };
  isFallbackAdapter?: boolean;
  requestDevice(descriptor?: unknown): Promise<{ destroy(): void }>;
}

export interface ProbeOptions {
  /** Also request (and destroy) a device: slower, but catches blocked GPUs. Default true. */
  checkDevice?: boolean;
  /** Give up on an adapter or device request after this long. Default 10 s. */
  timeoutMs?: number;
}

const GiB = 1024 ** 3;

export async function probeWebGpu(
  env: ProbeEnv = browserEnv(),
  options: ProbeOptions = {},
): Promise<WebGpuProbe> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const report: WebGpuProbe = {
    secureContext: env.isSecureContext,
    webgpuApi: env.navigator.gpu !== undefined,
    adapter: null,
    device: null,
    shaderF16: false,
    maxStorageBufferBindingSize: null,
    maxBufferSize: null,
    storage: await readStorage(env),
    deviceMemoryGiB:
      typeof env.navigator.deviceMemory === 'number' ? env.navigator.deviceMemory : null,
    usable: false,
    blocker: null,
    messages: [],
  };
  const say = (m: string): void => {
    report.messages.push(m);
  };

  if (!report.secureContext) {
    report.blocker = 'insecure-context';
    say(
      'This page is not a secure context, so the browser hides WebGPU. ' +
        'Open it over https, or from localhost / 127.0.0.1 on this computer.',
    );
  } else if (!report.webgpuApi || !env.navigator.gpu) {
    report.blocker = 'no-webgpu-api';
    say(
      'This browser has no WebGPU. Use a recent Chrome or Edge; in Firefox and Safari ' +
        'WebGPU may still need to be turned on. The built-in engine and local servers work without it.',
    );
  } else {
    let adapter: ProbeAdapter | null = null;
    try {
      adapter = await withTimeout(
        env.navigator.gpu.requestAdapter({ powerPreference: 'high-performance' }),
        timeoutMs,
        'the browser did not answer the request for a graphics adapter',
      );
    } catch (error) {
      report.blocker = 'adapter-error';
      say(`Asking for a graphics adapter failed (${errorText(error)}).`);
    }
    if (!adapter && report.blocker === null) {
      report.blocker = 'no-adapter';
      say(
        'WebGPU is there, but the browser offers no graphics adapter: the GPU may be blocked or ' +
          'unsupported, or hardware acceleration is off. Turn on hardware acceleration in the ' +
          'browser settings and update the graphics driver; meanwhile use the built-in engine or a local server.',
      );
    }
    if (adapter) {
      readAdapter(adapter, report, say);
      if (options.checkDevice ?? true) {
        try {
          const device = await withTimeout(
            adapter.requestDevice(),
            timeoutMs,
            'the adapter did not answer the request for a device',
          );
          device.destroy();
          report.device = true;
        } catch (error) {
          report.device = false;
          report.blocker = 'no-device';
          say(`The adapter would not give a device (${errorText(error)}): WebLLM cannot run here.`);
        }
      }
    }
  }

  describeStorage(report, say);
  if (report.deviceMemoryGiB !== null) {
    say(`The browser reports about ${report.deviceMemoryGiB} GB of memory on this device.`);
  }
  report.usable = report.blocker === null;
  report.messages.unshift(
    report.usable
      ? 'WebLLM can run models in this browser.'
      : 'WebLLM cannot run here; the built-in engine and OpenAI-compatible servers still work.',
  );
  return report;
}

function readAdapter(adapter: ProbeAdapter, report: WebGpuProbe, say: (m: string) => void): void {
  const info = adapter.info ?? {};
  const text = (s: string | undefined): string => s ?? '';
  const summary: AdapterSummary = {
    vendor: text(info.vendor),
    architecture: text(info.architecture),
    device: text(info.device),
    description: text(info.description),
    software:
      info.isFallbackAdapter === true ||
      adapter.isFallbackAdapter === true ||
      /swiftshader|llvmpipe|software|microsoft basic render/i.test(
        `${text(info.vendor)} ${text(info.architecture)} ${text(info.description)}`,
      ),
  };
  report.adapter = summary;
  const name = [summary.vendor, summary.architecture, summary.description]
    .filter(Boolean)
    .join(' ');
  say(`Graphics adapter found${name ? `: ${name}` : ''}.`);
  if (summary.software) {
    say('It is a software adapter that runs on the CPU: models will load, but answer very slowly.');
  }
  report.shaderF16 = adapter.features.has('shader-f16');
  say(
    report.shaderF16
      ? 'It supports 16-bit float shaders (shader-f16): the smaller, faster q4f16 models can run.'
      : 'It lacks 16-bit float shaders (shader-f16): use the q4f32 variants of models.',
  );
  report.maxStorageBufferBindingSize = adapter.limits.maxStorageBufferBindingSize;
  report.maxBufferSize = adapter.limits.maxBufferSize;
  const limit = report.maxStorageBufferBindingSize;
  say(
    limit < GiB
      ? `Its largest storage buffer is ${formatBytes(limit)}, under 1 GiB: only short-context (1k-token) model setups are safe.`
      : `Its largest storage buffer is ${formatBytes(limit)}: full-context models fit.`,
  );
}

function describeStorage(report: WebGpuProbe, say: (m: string) => void): void {
  const s = report.storage;
  if (!s) {
    say('The browser does not say how much storage is free; model files need 0.3–2.5 GB.');
    return;
  }
  say(
    `Storage for model files: ${formatBytes(s.freeBytes)} free (quota ${formatBytes(s.quotaBytes)}).`,
  );
  if (s.freeBytes < GiB) {
    say(
      'That is less than 1 GB: private windows allow little storage, so use a normal window, ' +
        'or free disk space, before downloading a model.',
    );
  }
}

async function readStorage(env: ProbeEnv): Promise<WebGpuProbe['storage']> {
  const storage = env.navigator.storage;
  if (!storage?.estimate) return null;
  try {
    const estimate = await storage.estimate();
    const quota = estimate.quota ?? 0;
    const usage = estimate.usage ?? 0;
    let persisted: boolean | null = null;
    try {
      persisted = storage.persisted ? await storage.persisted() : null;
    } catch {
      persisted = null;
    }
    return {
      quotaBytes: quota,
      usageBytes: usage,
      freeBytes: Math.max(0, quota - usage),
      persisted,
    };
  } catch {
    return null;
  }
}

function browserEnv(): ProbeEnv {
  const g = globalThis as unknown as {
    isSecureContext?: boolean;
    navigator?: ProbeEnv['navigator'];
  };
  return { isSecureContext: g.isSecureContext === true, navigator: g.navigator ?? {} };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} within ${Math.round(ms / 1000)} s`)),
      ms,
    );
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Shared with the engine settings panel, which shows the same sizes.
export { formatBytes };
