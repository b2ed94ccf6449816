/**
 * The Engine settings: an "Engine" button in the menu opens a dialog to
 * choose who plays the persona's planner, the judge and the assistant — the
 * built-in rules (the default, always works), a model on an
 * OpenAI-compatible server (Ollama, llama.cpp, vLLM, OpenAI, …) or a small
 * model in this browser (WebLLM, see engine-webllm.ts).
 *
 * For a server: base URL (with presets), model (List models asks the
 * server), API key (kept for this tab, or on this device when asked; never
 * in a URL, an export or a log), optional prices for a cost estimate, a
 * daily call budget and the concurrency. Test connection makes one tiny
 * call and says what happened in plain words. Apply builds the agents and
 * starts a new run when the assistant changes (src/state/engine.ts).
 *
 * A link may preselect `?engine=openai&baseUrl=…&model=…`; it never applies
 * anything by itself, and a key kept for one server is never offered to
 * another.
 */
import { assistantLabel, isLlmAssistantId } from '../agents/registry';
import type { EngineController } from '../state/engine/controller';
import { engineProblem } from '../state/engine/problem';
import {
  assistantVariantFor,
  BASE_URL_PRESETS,
  rolesOf,
  type AssistantMemoryChoice,
  type EngineKind,
  type EngineSettings,
} from '../state/engine/settings';
import type { GameStore } from '../state/store';
import { el, option, setText } from './dom';
import { mountWebLlmSection, type WebLlmSection } from './engine-webllm';
import { applyMessage, explainEngineError, type PlainError } from './engine-words';
import { parseShareParams, setShareEngine } from './share';

export interface EngineSettingsOptions {
  menu: HTMLElement;
  overlays: HTMLElement;
  store: GameStore;
  controller: EngineController;
  /** The page's query string (a link may preselect the engine). */
  search: string;
}

export interface EngineSettingsProbe {
  open: boolean;
  kind: EngineKind;
}

export interface EngineSettingsPanel {
  open(kind?: EngineKind): void;
  close(): void;
  probe(): EngineSettingsProbe;
  dispose(): void;
}

const KIND_LABEL: Record<EngineKind, string> = {
  builtin: 'Built-in',
  openai: 'OpenAI-compatible server',
  webllm: 'WebLLM (in this browser)',
};

const MEMORY_LABEL: Record<AssistantMemoryChoice, string> = {
  none: 'no memory',
  A: 'A: actions',
  AS: 'AS: actions and suggestions',
  ASC: 'ASC: + scores, best and worst examples',
  ASCR: 'ASCR: + the judge’s reasons',
  reference: 'AS, two calls per step (the reference)',
};

function labelled(text: string, control: HTMLElement, hint?: string): HTMLLabelElement {
  const label = el('label', { class: 'eng-field' });
  label.append(el('span', { class: 'eng-label' }, text), control);
  if (hint) label.append(el('span', { class: 'eng-hint' }, hint));
  return label;
}

function checkbox(
  testid: string,
  text: string,
): { label: HTMLLabelElement; box: HTMLInputElement } {
  const label = el('label', { class: 'eng-check' });
  const box = el('input', { type: 'checkbox', 'data-testid': testid });
  label.append(box, el('span', {}, text));
  return { label, box };
}

/** A number field's value: null when empty or not a number ≥ 0. */
function numberOf(input: HTMLInputElement): number | null {
  const text = input.value.trim();
  if (!text) return null;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function renderPlainError(target: HTMLElement, e: PlainError): void {
  target.replaceChildren();
  target.className = 'eng-result bad';
  target.append(el('strong', {}, e.headline));
  if (e.fix) target.append(el('p', {}, e.fix));
  if (e.command) {
    const row = el('p', { class: 'eng-command' });
    const code = el('code', { 'data-testid': 'engine-fix-command' }, e.command);
    const copy = el('button', { type: 'button', class: 'eng-small' }, 'Copy');
    copy.addEventListener('click', () => {
      void navigator.clipboard?.writeText(e.command ?? '').then(
        () => setText(copy, 'Copied'),
        () => setText(copy, 'Select and copy it'),
      );
    });
    row.append(code, copy);
    target.append(row);
  }
  if (e.detail && e.detail !== e.headline) {
    target.append(el('p', { class: 'eng-detail' }, e.detail));
  }
}

export function mountEngineSettings(options: EngineSettingsOptions): EngineSettingsPanel {
  const { menu, overlays, store, controller } = options;
  const pageOrigin = window.location.origin;

  // ---- The menu button ----
  const button = el(
    'button',
    {
      type: 'button',
      'data-testid': 'engine-open',
      title: 'Who plays the planner, the judge and the assistant: built-in rules or a model',
    },
    'Engine',
  );
  menu.append(button);

  // ---- The dialog ----
  const dialog = el('dialog', {
    class: 'eng-dialog',
    'data-testid': 'engine-dialog',
    'aria-labelledby': 'eng-title',
  });
  overlays.append(dialog);

  const head = el('header', { class: 'eng-head' });
  const title = el('h2', { id: 'eng-title' }, 'Engine');
  const subtitle = el(
    'span',
    { class: 'eng-hint' },
    'Who plays the persona’s planner, the judge and the assistant',
  );
  const closeX = el(
    'button',
    { type: 'button', class: 'eng-close', 'aria-label': 'Close', 'data-testid': 'engine-close' },
    '×',
  );
  head.append(title, subtitle, closeX);

  const tabs = el('div', { class: 'eng-tabs', role: 'tablist', 'aria-label': 'Engine' });
  const tab: Record<EngineKind, HTMLButtonElement> = {
    builtin: el('button', { type: 'button', role: 'tab', 'data-testid': 'engine-tab-builtin' }),
    openai: el('button', { type: 'button', role: 'tab', 'data-testid': 'engine-tab-openai' }),
    webllm: el('button', { type: 'button', role: 'tab', 'data-testid': 'engine-tab-webllm' }),
  };
  for (const k of ['builtin', 'openai', 'webllm'] as const) {
    tab[k].textContent = KIND_LABEL[k];
    tabs.append(tab[k]);
  }

  // Built-in pane.
  const builtinPane = el('section', { class: 'eng-pane', 'data-testid': 'engine-pane-builtin' });
  builtinPane.append(
    el(
      'p',
      { class: 'eng-lead' },
      'The built-in rules plan each day, judge every suggestion with the persona’s rubric, and the built-in ProPerAssistant learns when to speak. No model, no network: it always works, and runs days in seconds.',
    ),
    el(
      'p',
      { class: 'eng-hint' },
      'Choose a model to hear the persona and the assistant in a model’s own words; it is much slower (one or more calls per step).',
    ),
  );

  // OpenAI-compatible pane.
  const openaiPane = el('section', { class: 'eng-pane', 'data-testid': 'engine-pane-openai' });
  const presets = el('div', { class: 'eng-presets', 'data-testid': 'engine-presets' });
  presets.append(el('span', { class: 'eng-label' }, 'Presets'));
  for (const p of BASE_URL_PRESETS) {
    const b = el(
      'button',
      { type: 'button', class: 'eng-small', title: p.url, 'data-preset': p.id },
      p.label,
    );
    b.addEventListener('click', () => {
      baseUrl.value = p.url;
      refillKey();
      refresh();
    });
    presets.append(b);
  }
  const baseUrl = el('input', {
    type: 'url',
    'data-testid': 'engine-base-url',
    placeholder: 'http://localhost:11434/v1',
    spellcheck: 'false',
    autocomplete: 'off',
  });
  const serverRow = el('div', { class: 'eng-row' });
  serverRow.append(labelled('Base URL', baseUrl), presets);

  const model = el('input', {
    type: 'text',
    'data-testid': 'engine-model',
    placeholder: 'e.g. qwen2.5:1.5b',
    spellcheck: 'false',
    autocomplete: 'off',
  });
  const listModels = el(
    'button',
    { type: 'button', 'data-testid': 'engine-list-models' },
    'List models',
  );
  const models = el('select', {
    'data-testid': 'engine-models',
    'aria-label': 'Models on the server',
  });
  models.hidden = true;
  const modelRow = el('div', { class: 'eng-row' });
  modelRow.append(labelled('Model', model), listModels, models);

  const apiKey = el('input', {
    type: 'password',
    'data-testid': 'engine-api-key',
    placeholder: 'none for local servers',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const remember = checkbox('engine-remember', 'remember on this device');
  const keyNote = el('span', { class: 'eng-hint', 'data-testid': 'engine-key-note' });
  const keyRow = el('div', { class: 'eng-row' });
  keyRow.append(labelled('API key', apiKey), remember.label, keyNote);

  const priceIn = el('input', {
    type: 'number',
    min: '0',
    step: 'any',
    'data-testid': 'engine-price-in',
    placeholder: '–',
  });
  const priceOut = el('input', {
    type: 'number',
    min: '0',
    step: 'any',
    'data-testid': 'engine-price-out',
    placeholder: '–',
  });
  const budget = el('input', {
    type: 'number',
    min: '0',
    step: '1',
    'data-testid': 'engine-budget',
    placeholder: 'no limit',
  });
  const concurrency = el('input', {
    type: 'number',
    min: '1',
    max: '16',
    step: '1',
    'data-testid': 'engine-concurrency',
  });
  const costRow = el('div', { class: 'eng-row' });
  costRow.append(
    labelled('Price per million tokens: input', priceIn),
    labelled('output', priceOut, '(optional: for a cost estimate)'),
  );
  const limitRow = el('div', { class: 'eng-row' });
  limitRow.append(
    labelled('Daily budget', budget, 'model calls per simulated day'),
    labelled('Concurrency', concurrency, 'calls at once'),
  );

  const test = el('button', { type: 'button', 'data-testid': 'engine-test' }, 'Test connection');
  const testResult = el('div', {
    class: 'eng-result',
    'data-testid': 'engine-test-result',
    'aria-live': 'polite',
  });
  const testRow = el('div', { class: 'eng-row' });
  testRow.append(test);
  openaiPane.append(serverRow, modelRow, keyRow, costRow, limitRow, testRow, testResult);

  // WebLLM pane.
  const webllmPane = el('section', { class: 'eng-pane', 'data-testid': 'engine-pane-webllm' });
  const webllm: WebLlmSection = mountWebLlmSection({
    models: controller.webllm,
    onFallback: (kind) => {
      select(kind);
      if (kind === 'openai') baseUrl.focus();
    },
    onChange: () => refresh(),
  });
  webllmPane.append(webllm.root);

  // Roles.
  const roles = el('fieldset', { class: 'eng-roles', 'data-testid': 'engine-roles' });
  roles.append(el('legend', {}, 'What the model plays'));
  const judgeRole = checkbox('engine-role-judge', 'The judge');
  const judgeMode = el('select', {
    'data-testid': 'engine-judge-mode',
    'aria-label': 'Judge mode',
  });
  judgeMode.append(
    option('compact', 'compact: 1 call per candidate'),
    option('reference', 'reference: 5 calls per candidate, as the paper'),
  );
  const plannerRole = checkbox('engine-role-persona', 'The persona’s day planner');
  const assistantRole = checkbox('engine-role-assistant', 'The assistant');
  const memory = el('select', {
    'data-testid': 'engine-assistant-memory',
    'aria-label': 'Assistant memory',
  });
  for (const m of Object.keys(MEMORY_LABEL) as AssistantMemoryChoice[]) {
    memory.append(option(m, MEMORY_LABEL[m]));
  }
  const gate = checkbox('engine-gate', 'learned timing gate');
  gate.label.title =
    'The built-in policy (trained with DPO each morning) decides when to speak; the model writes what to say. AS memory only.';
  const judgeLine = el('div', { class: 'eng-row' });
  judgeLine.append(judgeRole.label, judgeMode);
  const plannerLine = el('div', { class: 'eng-row' });
  plannerLine.append(
    plannerRole.label,
    el(
      'span',
      { class: 'eng-hint' },
      'one call a day; an unusable plan falls back to the built-in planner',
    ),
  );
  const assistantLine = el('div', { class: 'eng-row' });
  assistantLine.append(assistantRole.label, labelled('memory', memory), gate.label);
  const applyNote = el('p', { class: 'eng-hint eng-note', 'data-testid': 'engine-apply-note' });
  roles.append(judgeLine, plannerLine, assistantLine, applyNote);

  const body = el('div', { class: 'eng-body' });
  body.append(tabs, builtinPane, openaiPane, webllmPane, roles);

  const foot = el('footer', { class: 'eng-foot' });
  const result = el('p', {
    class: 'eng-hint',
    'data-testid': 'engine-apply-result',
    'aria-live': 'polite',
  });
  const cancel = el('button', { type: 'button', 'data-testid': 'engine-cancel' }, 'Close');
  const apply = el(
    'button',
    { type: 'button', class: 'primary', 'data-testid': 'engine-apply' },
    'Apply',
  );
  foot.append(result, cancel, apply);
  dialog.append(head, body, foot);

  // ---- State ----
  let kind: EngineKind = 'builtin';
  let keyFromStorage = false;
  let busy = false;

  function fill(s: EngineSettings): void {
    kind = s.kind;
    baseUrl.value = s.openai.baseUrl;
    model.value = s.openai.model;
    priceIn.value = s.openai.inputPrice === null ? '' : String(s.openai.inputPrice);
    priceOut.value = s.openai.outputPrice === null ? '' : String(s.openai.outputPrice);
    budget.value = s.openai.dailyCallBudget === null ? '' : String(s.openai.dailyCallBudget);
    concurrency.value = String(s.openai.concurrency);
    judgeRole.box.checked = s.roles.judge;
    plannerRole.box.checked = s.roles.persona;
    assistantRole.box.checked = s.roles.assistant;
    judgeMode.value = s.judgeMode;
    memory.value = s.assistantMemory;
    gate.box.checked = s.gate;
    webllm.setModelKey(s.webllm.modelKey);
    refillKey();
  }

  function read(): EngineSettings {
    const c = Number(concurrency.value);
    return {
      kind,
      roles: {
        persona: plannerRole.box.checked,
        judge: judgeRole.box.checked,
        assistant: assistantRole.box.checked,
      },
      judgeMode: judgeMode.value === 'reference' ? 'reference' : 'compact',
      assistantMemory: memory.value as AssistantMemoryChoice,
      gate: gate.box.checked && memory.value === 'AS',
      openai: {
        baseUrl: baseUrl.value.trim(),
        model: model.value.trim(),
        inputPrice: numberOf(priceIn),
        outputPrice: numberOf(priceOut),
        dailyCallBudget: numberOf(budget),
        concurrency: Number.isInteger(c) && c >= 1 && c <= 16 ? c : 2,
      },
      webllm: { modelKey: webllm.modelKey() },
    };
  }

  /** Offer the key kept for this server (same origin only); drop one kept for another. */
  function refillKey(): void {
    const saved = controller.keys.read(baseUrl.value.trim());
    if (saved) {
      apiKey.value = saved.key;
      remember.box.checked = saved.remembered;
      keyFromStorage = true;
    } else if (keyFromStorage) {
      apiKey.value = '';
      remember.box.checked = false;
      keyFromStorage = false;
    }
    renderKeyNote();
  }

  function renderKeyNote(): void {
    setText(
      keyNote,
      remember.box.checked
        ? 'kept on this device until you untick this'
        : 'kept for this tab only; never in links or exports',
    );
  }

  /** Keep the key as asked, now that it is used. */
  function keepKey(): void {
    controller.keys.store(apiKey.value, baseUrl.value.trim(), remember.box.checked);
    keyFromStorage = apiKey.value.trim() !== '';
  }

  /** The server's problems with the form, or null when it can be used. */
  function serverProblem(needModel: boolean): string | null {
    const url = baseUrl.value.trim();
    if (!url) return 'Give the server’s base URL (e.g. http://localhost:11434/v1 for Ollama).';
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return `"${url}" is not a URL: it looks like http://localhost:11434/v1.`;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      return 'The base URL must start with http:// or https://.';
    if (needModel && !model.value.trim())
      return 'Give the model’s name, or press List models and pick one.';
    return null;
  }

  function select(next: EngineKind): void {
    kind = next;
    if (next === 'webllm') webllm.show();
    refresh();
  }

  function refresh(): void {
    for (const k of ['builtin', 'openai', 'webllm'] as const) {
      tab[k].setAttribute('aria-selected', String(k === kind));
      tab[k].classList.toggle('selected', k === kind);
    }
    builtinPane.hidden = kind !== 'builtin';
    openaiPane.hidden = kind !== 'openai';
    webllmPane.hidden = kind !== 'webllm';
    roles.hidden = kind === 'builtin' || (kind === 'webllm' && !webllm.usable());
    judgeMode.disabled = !judgeRole.box.checked;
    memory.disabled = !assistantRole.box.checked;
    const gateable = assistantRole.box.checked && memory.value === 'AS';
    gate.box.disabled = !gateable;
    gate.label.classList.toggle('disabled', !gateable);
    setText(applyNote, applyText());
    apply.disabled = busy || applyBlocked() !== null;
    apply.title = applyBlocked() ?? '';
  }

  function applyBlocked(): string | null {
    if (kind === 'builtin') return null;
    const s = read();
    if (rolesOf(s).length === 0) return 'Tick at least one role for the model.';
    if (kind === 'openai') return serverProblem(true);
    if (!webllm.usable()) return 'WebLLM cannot run in this browser.';
    return null;
  }

  function applyText(): string {
    if (kind === 'builtin') return '';
    const s = read();
    const r = rolesOf(s);
    if (r.length === 0) return 'Tick at least one role for the model.';
    const run = store.getState().run;
    const cost: string[] = [];
    if (s.roles.judge)
      cost.push(s.judgeMode === 'reference' ? '10 judge calls per step' : '2 judge calls per step');
    if (s.roles.assistant)
      cost.push(
        s.assistantMemory === 'reference'
          ? '2 assistant calls per step'
          : '1 assistant call per step',
      );
    if (s.roles.persona) cost.push('1 planner call per day');
    const calls = cost.length ? ` About ${cost.join(', ')} while awake.` : '';
    if (s.roles.assistant) {
      const wanted = assistantVariantFor(s);
      if (run.assistantId !== wanted) {
        return `Apply starts a new run (same persona and seed): the ${assistantLabel(wanted)} is a different assistant from this run’s.${calls}${kind === 'webllm' && !webllm.loaded() ? ' The model is downloaded and loaded first.' : ''}`;
      }
    } else if (isLlmAssistantId(run.assistantId)) {
      return `Apply starts a new run with the built-in assistant.${calls}`;
    }
    const load =
      kind === 'webllm' && !webllm.loaded() ? ' Apply downloads and loads the model first.' : '';
    return `Apply switches this run to the model from its next step; nothing so far changes.${calls}${load}`;
  }

  async function onListModels(): Promise<void> {
    const problem = serverProblem(false);
    if (problem) {
      testResult.className = 'eng-result bad';
      setText(testResult, problem);
      return;
    }
    keepKey();
    listModels.disabled = true;
    setText(listModels, 'Listing…');
    try {
      const ids = await controller.listServerModels(read(), apiKey.value);
      models.replaceChildren(
        option(
          '',
          ids.length ? `${ids.length} model${ids.length === 1 ? '' : 's'} on the server…` : 'none',
        ),
        ...ids.map((id) => option(id, id)),
      );
      models.hidden = false;
      if (ids.length && !model.value.trim()) model.value = ids[0] ?? '';
      if (ids.includes(model.value.trim())) models.value = model.value.trim();
      testResult.className = 'eng-result ok';
      setText(
        testResult,
        ids.length
          ? `The server offers ${ids.length} model${ids.length === 1 ? '' : 's'}: ${ids.slice(0, 8).join(', ')}${ids.length > 8 ? ', …' : ''}.`
          : 'The server answered, but lists no models: pull or load one first (Ollama: ollama pull qwen2.5:1.5b).',
      );
    } catch (err) {
      renderPlainError(testResult, explainEngineError(engineProblem(err), pageOrigin));
    } finally {
      listModels.disabled = false;
      setText(listModels, 'List models');
      refresh();
    }
  }

  async function onTest(): Promise<void> {
    const problem = serverProblem(true);
    if (problem) {
      testResult.className = 'eng-result bad';
      setText(testResult, problem);
      return;
    }
    keepKey();
    test.disabled = true;
    testResult.className = 'eng-result';
    setText(testResult, 'Asking the model for one word…');
    try {
      const r = await controller.testServer(read(), apiKey.value);
      testResult.className = 'eng-result ok';
      const said = r.text
        ? `“${r.text.slice(0, 60)}${r.text.length > 60 ? '…' : ''}”`
        : 'an empty reply';
      setText(
        testResult,
        `Connected: the model “${model.value.trim()}” answered ${said} in ${r.ms} ms (${r.promptTokens} prompt + ${r.completionTokens} reply tokens).`,
      );
    } catch (err) {
      renderPlainError(testResult, explainEngineError(engineProblem(err), pageOrigin));
    } finally {
      test.disabled = false;
    }
  }

  async function onApply(): Promise<void> {
    const s = read();
    if (applyBlocked()) return;
    busy = true;
    refresh();
    try {
      if (s.kind === 'builtin') {
        const outcome = await controller.apply(s);
        await webllm.release();
        finish(s, applyMessage(outcome));
        return;
      }
      if (s.kind === 'openai') {
        keepKey();
        const outcome = await controller.apply(s, { apiKey: apiKey.value });
        await webllm.release();
        finish(s, applyMessage(outcome));
        return;
      }
      setText(result, 'Loading the model…');
      await webllm.ensureLoaded();
      const outcome = await controller.apply(s);
      finish(s, applyMessage(outcome));
    } catch (err) {
      setText(result, explainEngineError(engineProblem(err), pageOrigin).headline);
    } finally {
      busy = false;
      refresh();
    }
  }

  function finish(s: EngineSettings, message: string): void {
    controller.saveSettings(s);
    setShareEngine(() =>
      s.kind === 'openai'
        ? { engine: 'openai', baseUrl: s.openai.baseUrl, model: s.openai.model }
        : { engine: s.kind },
    );
    setText(result, message);
    renderButton();
    if (dialog.open) dialog.close();
  }

  function renderButton(): void {
    const active = store.getState().engine.active;
    button.textContent = active ? `Engine: ${active.model}` : 'Engine';
    button.classList.toggle('active', active !== null);
  }

  // ---- Events ----
  button.addEventListener('click', () => open());
  closeX.addEventListener('click', () => dialog.close());
  cancel.addEventListener('click', () => dialog.close());
  for (const k of ['builtin', 'openai', 'webllm'] as const) {
    tab[k].addEventListener('click', () => select(k));
  }
  baseUrl.addEventListener('change', () => {
    refillKey();
    refresh();
  });
  baseUrl.addEventListener('input', () => refresh());
  model.addEventListener('input', () => refresh());
  models.addEventListener('change', () => {
    if (models.value) model.value = models.value;
    refresh();
  });
  apiKey.addEventListener('input', () => {
    keyFromStorage = false;
  });
  remember.box.addEventListener('change', () => {
    // Unticking forgets the device's copy at once; ticking keeps the key there.
    controller.keys.store(apiKey.value, baseUrl.value.trim(), remember.box.checked);
    renderKeyNote();
  });
  for (const c of [judgeRole.box, plannerRole.box, assistantRole.box, gate.box]) {
    c.addEventListener('change', () => refresh());
  }
  for (const s of [judgeMode, memory]) s.addEventListener('change', () => refresh());
  listModels.addEventListener('click', () => void onListModels());
  test.addEventListener('click', () => void onTest());
  apply.addEventListener('click', () => void onApply());
  // The page's shortcuts (space, arrows) stay out of the dialog.
  dialog.addEventListener('keydown', (e) => e.stopPropagation());
  const unsubscribe = store.subscribe((s) => s.engine.active, renderButton);

  function open(which?: EngineKind): void {
    if (!dialog.open) {
      refillKey();
      dialog.showModal();
    }
    select(which ?? kind);
  }

  // ---- First fill: saved settings, then what the link says ----
  const saved = controller.savedSettings();
  const link = parseShareParams(options.search);
  const initial: EngineSettings = {
    ...saved,
    kind: link.engine ?? saved.kind,
    openai: {
      ...saved.openai,
      ...(link.baseUrl ? { baseUrl: link.baseUrl } : {}),
      ...(link.model ? { model: link.model } : {}),
    },
  };
  fill(initial);
  refresh();
  renderButton();
  // A link that names an engine opens the dialog on it; nothing is applied until Apply.
  if (link.engine && link.engine !== 'builtin') queueMicrotask(() => open(link.engine));

  return {
    open,
    close: () => dialog.close(),
    probe: () => ({ open: dialog.open, kind }),
    dispose() {
      unsubscribe();
      if (dialog.open) dialog.close();
      dialog.remove();
      button.remove();
    },
  };
}
