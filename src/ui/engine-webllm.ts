/**
 * The WebLLM part of the Engine settings: what this browser can do (the
 * WebGPU probe, in plain words), a picker of the small models with the
 * memory each needs, loading with a progress bar and Cancel, removing a
 * cached model, and — when WebLLM cannot run or loading fails — what
 * happened, what to do, and a way to the built-in engine or a server.
 *
 * The models themselves (probe, load, unload, remove) are the state
 * layer's (src/state/engine/webllm.ts): this is their view.
 */
import type { WebGpuProbe } from '../llm/webllm/probe';
import {
  modelChoice,
  pickDefaultModel,
  WEBLLM_MODELS,
  type ModelChoice,
} from '../llm/webllm/models';
import { engineProblem, isCancelled, unavailable } from '../state/engine/problem';
import type { WebLlmModels } from '../state/engine/webllm';
import { formatBytes } from '../shared/format';
import { el, option, setText } from './dom';

export interface WebLlmSectionOptions {
  /** The models of this browser (the engine controller's). */
  models: WebLlmModels;
  /** Leave WebLLM for another engine. */
  onFallback(kind: 'builtin' | 'openai'): void;
  /** Called when the section's state changes (a probe arrived, a model loaded). */
  onChange?(): void;
}

export interface WebLlmSection {
  readonly root: HTMLElement;
  /** Probe (the first time) and show the result. */
  show(): void;
  /** The probe report, once it is in. */
  report(): WebGpuProbe | null;
  /** A model can be loaded here. */
  usable(): boolean;
  /** The chosen model (a ModelKey) or null. */
  modelKey(): string | null;
  setModelKey(key: string | null): void;
  /** Load the chosen model when it is not loaded yet (progress shown). Throws an EngineError. */
  ensureLoaded(): Promise<void>;
  /** A model is loaded. */
  loaded(): boolean;
  /** Unload the model (frees the graphics memory). */
  release(): Promise<void>;
}

export function mountWebLlmSection(options: WebLlmSectionOptions): WebLlmSection {
  const root = el('div', { class: 'eng-webllm', 'data-testid': 'webllm-section' });
  const lead = el(
    'p',
    { class: 'eng-lead' },
    "WebLLM runs a small model on this computer's graphics card, inside this browser: no server and no key. " +
      'The first load downloads the model (0.3–2.5 GB) and keeps it in the browser for next time.',
  );
  const verdict = el(
    'p',
    { class: 'eng-verdict', 'data-testid': 'webllm-verdict' },
    'Checking what this browser can do…',
  );
  const checks = el('ul', { class: 'eng-checks', 'data-testid': 'webllm-checks' });
  const messages = el('ul', { class: 'eng-messages', 'data-testid': 'webllm-messages' });

  const fallback = el('div', { class: 'eng-fallback', 'data-testid': 'webllm-fallback' });
  fallback.hidden = true;
  const fallbackText = el('p', {}, 'Play on without WebLLM:');
  const toBuiltin = el(
    'button',
    { type: 'button', 'data-testid': 'webllm-fallback-builtin' },
    'Use the built-in engine',
  );
  const toServer = el(
    'button',
    { type: 'button', 'data-testid': 'webllm-fallback-openai' },
    'Use an OpenAI-compatible server',
  );
  toBuiltin.addEventListener('click', () => options.onFallback('builtin'));
  toServer.addEventListener('click', () => options.onFallback('openai'));
  fallback.append(fallbackText, el('div', { class: 'eng-row' }));
  fallback.lastElementChild?.append(toBuiltin, toServer);

  const modelBox = el('div', { class: 'eng-model' });
  modelBox.hidden = true;
  const select = el('select', { 'data-testid': 'webllm-model', 'aria-label': 'Model' });
  const why = el('p', { class: 'eng-hint', 'data-testid': 'webllm-why' });
  const loadRow = el('div', { class: 'eng-row' });
  const load = el('button', { type: 'button', 'data-testid': 'webllm-load' }, 'Load model');
  const cancel = el('button', { type: 'button', 'data-testid': 'webllm-cancel' }, 'Cancel');
  cancel.hidden = true;
  const remove = el(
    'button',
    {
      type: 'button',
      'data-testid': 'webllm-remove',
      title: "Delete the model's files from this browser",
    },
    'Remove cached model',
  );
  loadRow.append(load, cancel, remove);
  const progressBox = el('div', { class: 'eng-progress', 'data-testid': 'webllm-progress' });
  progressBox.hidden = true;
  const bar = el('progress', { max: '1', value: '0' });
  const progressText = el('span', { class: 'eng-hint' });
  progressBox.append(bar, progressText);
  const state = el('p', {
    class: 'eng-hint',
    'data-testid': 'webllm-state',
    'aria-live': 'polite',
  });
  const modelLabel = el('label', { class: 'eng-field' });
  modelLabel.append(el('span', {}, 'Model'), select);
  modelBox.append(modelLabel, why, loadRow, progressBox, state);

  const failure = el('div', { class: 'eng-failure', role: 'alert', 'data-testid': 'webllm-error' });
  failure.hidden = true;

  root.append(lead, verdict, checks, messages, modelBox, failure, fallback);

  const { models } = options;
  let probe: WebGpuProbe | null = null;
  let probing: Promise<void> | null = null;
  let wantedKey: string | null = null;

  const choice = (): ModelChoice | null => {
    if (!probe || !probe.usable || !select.value) return null;
    return modelChoice(select.value as ModelChoice['model']['key'], probe);
  };

  function renderChecks(p: WebGpuProbe): void {
    const rows: [string, boolean | null, string][] = [];
    rows.push([
      'Secure context (https or localhost)',
      p.secureContext,
      p.secureContext ? 'yes' : 'no',
    ]);
    rows.push([
      'WebGPU in this browser',
      p.secureContext ? p.webgpuApi : null,
      p.secureContext ? (p.webgpuApi ? 'yes' : 'no') : 'not checked',
    ]);
    const adapterName = p.adapter
      ? [p.adapter.vendor, p.adapter.architecture, p.adapter.description]
          .filter(Boolean)
          .join(' ') || 'found'
      : null;
    rows.push([
      'Graphics adapter',
      p.webgpuApi && p.secureContext ? p.adapter !== null && p.device !== false : null,
      p.adapter
        ? `${adapterName}${p.adapter.software ? ' (software: slow)' : ''}${p.device === false ? ', no device' : ''}`
        : p.webgpuApi && p.secureContext
          ? 'none'
          : 'not checked',
    ]);
    rows.push([
      '16-bit float shaders (shader-f16)',
      p.adapter ? true : null,
      p.adapter ? (p.shaderF16 ? 'yes: q4f16 models' : 'no: q4f32 models') : 'not checked',
    ]);
    const limit = p.maxStorageBufferBindingSize;
    rows.push([
      'Largest storage buffer',
      limit === null ? null : true,
      limit === null
        ? 'not checked'
        : `${formatBytes(limit)}${limit < 1024 ** 3 ? ': 1k-token context only' : ': full context'}`,
    ]);
    rows.push([
      'Free storage for model files',
      p.storage ? p.storage.freeBytes >= 1024 ** 3 : null,
      p.storage ? formatBytes(p.storage.freeBytes) : 'unknown',
    ]);
    checks.replaceChildren(
      ...rows.map(([label, ok, value]) => {
        const li = el('li', { class: ok === null ? 'skip' : ok ? 'ok' : 'bad' });
        li.append(
          el('span', { class: 'mark', 'aria-hidden': 'true' }, ok === null ? '–' : ok ? '✓' : '✗'),
          el('span', {}, `${label}: `),
          el('strong', {}, value),
        );
        return li;
      }),
    );
  }

  function renderProbe(p: WebGpuProbe): void {
    setText(verdict, p.messages[0] ?? '');
    verdict.className = `eng-verdict ${p.usable ? 'ok' : 'bad'}`;
    renderChecks(p);
    messages.replaceChildren(...p.messages.slice(1).map((m) => el('li', {}, m)));
    fallback.hidden = p.usable;
    if (!p.usable) {
      setText(
        fallbackText,
        'WebLLM cannot run in this browser. Play on with the built-in engine (no model), or with a model on a server (Ollama, llama.cpp, vLLM, OpenAI):',
      );
    }
    modelBox.hidden = !p.usable;
    if (!p.usable) return;
    const preferred = pickDefaultModel(p);
    select.replaceChildren(
      ...WEBLLM_MODELS.map((m) => {
        const c = modelChoice(m.key, p);
        const o = option(
          m.key,
          `${m.label} — ${(c.vramMB / 1024).toFixed(1)} GB GPU memory, ${c.quantisation}${c.contextWindow < m.contextWindow ? ', 1k context' : ''}${c.fits ? '' : ' (may not fit)'}`,
        );
        return o;
      }),
    );
    const key =
      wantedKey && WEBLLM_MODELS.some((m) => m.key === wantedKey)
        ? wantedKey
        : (preferred?.model.key ?? WEBLLM_MODELS[0]?.key ?? '');
    select.value = key;
    renderChoice();
  }

  function renderChoice(): void {
    const c = choice();
    if (!c) {
      setText(why, '');
      return;
    }
    setText(why, `${c.modelId}: ${c.reasons.join('; ')}.`);
    const isLoaded = models.loadedModel() === c.modelId;
    setText(state, isLoaded ? `${c.model.label} is loaded and ready.` : '');
    load.textContent = isLoaded ? 'Loaded' : 'Load model';
    load.disabled = isLoaded || models.loading();
  }

  function showFailure(err: unknown, modelId: string): void {
    const message = err instanceof Error ? err.message : String(err);
    const problem = engineProblem(err);
    const kind = problem.kind === 'other' ? 'unavailable' : problem.kind;
    const headline: Record<string, string> = {
      'out-of-memory': 'The model did not fit in the graphics memory.',
      quota: 'The browser would not store the model files.',
      network: 'The download failed.',
      unavailable: 'The model could not be loaded.',
      'bad-request': 'WebLLM refused this model.',
    };
    failure.replaceChildren(
      el('strong', {}, headline[kind] ?? 'Loading the model failed.'),
      el('p', {}, message),
    );
    const row = el('div', { class: 'eng-row' });
    const again = el(
      'button',
      { type: 'button', 'data-testid': 'webllm-remove-retry' },
      'Remove cached files and try again',
    );
    again.addEventListener('click', () => {
      void removeModel(modelId).then(() => startLoad().catch(() => undefined));
    });
    const builtin = el('button', { type: 'button' }, 'Use the built-in engine');
    builtin.addEventListener('click', () => options.onFallback('builtin'));
    const server = el('button', { type: 'button' }, 'Use an OpenAI-compatible server');
    server.addEventListener('click', () => options.onFallback('openai'));
    if (kind !== 'out-of-memory') row.append(again);
    row.append(builtin, server);
    failure.append(row);
    failure.hidden = false;
  }

  async function removeModel(modelId: string): Promise<void> {
    setText(state, `Removing ${modelId} from this browser…`);
    try {
      await models.remove(modelId);
      setText(state, `Removed ${modelId}: the next load downloads it again.`);
    } catch (err) {
      setText(
        state,
        `Could not remove ${modelId}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    renderChoice();
    options.onChange?.();
  }

  async function startLoad(): Promise<void> {
    const c = choice();
    if (!c) {
      throw unavailable(probe?.messages.join(' ') ?? 'WebLLM has not been checked yet.');
    }
    if (models.loadedModel() === c.modelId) return;
    failure.hidden = true;
    progressBox.hidden = false;
    cancel.hidden = false;
    bar.value = 0;
    setText(progressText, 'Loading the WebLLM code…');
    renderChoice();
    try {
      const loading = models.load(c, (fraction, text) => {
        bar.value = fraction;
        setText(progressText, `${Math.round(fraction * 100)}% · ${text}`);
      });
      renderChoice();
      await loading;
      setText(progressText, 'Ready.');
    } catch (err) {
      if (isCancelled(err)) {
        setText(state, 'Loading was cancelled; the part already downloaded is kept.');
      } else {
        showFailure(err, c.modelId);
      }
      throw err;
    } finally {
      cancel.hidden = true;
      progressBox.hidden = models.loadedModel() === null ? true : progressBox.hidden;
      renderChoice();
      options.onChange?.();
    }
  }

  async function release(): Promise<void> {
    await models.release();
    renderChoice();
  }

  select.addEventListener('change', () => {
    wantedKey = select.value;
    renderChoice();
    options.onChange?.();
  });
  load.addEventListener('click', () => {
    void startLoad().catch(() => undefined);
  });
  cancel.addEventListener('click', () => models.cancel());
  remove.addEventListener('click', () => {
    const c = choice();
    if (c) void removeModel(c.modelId);
  });

  return {
    root,
    show() {
      if (probing) return;
      probing = models.probe().then(
        (p) => {
          probe = p;
          renderProbe(p);
          options.onChange?.();
        },
        (err: unknown) => {
          setText(
            verdict,
            `Checking WebGPU failed: ${err instanceof Error ? err.message : String(err)}`,
          );
          verdict.className = 'eng-verdict bad';
          fallback.hidden = false;
          options.onChange?.();
        },
      );
    },
    report: () => probe,
    usable: () => probe?.usable === true,
    modelKey: () => (probe?.usable ? select.value || null : wantedKey),
    setModelKey(key) {
      wantedKey = key;
      if (probe?.usable && key && WEBLLM_MODELS.some((m) => m.key === key)) {
        select.value = key;
        renderChoice();
      }
    },
    ensureLoaded: startLoad,
    loaded: () => models.loadedModel() !== null,
    release,
  };
}
