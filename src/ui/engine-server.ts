/**
 * The OpenAI-compatible server pane of the engine settings: base URL (with
 * presets), model (List models asks the server), API key (kept for this
 * tab, or on this device when asked; never in a URL, an export or a log),
 * optional prices for a cost estimate, a daily call budget, the
 * concurrency, and Test connection, which makes one tiny call and says what
 * happened in plain words.
 */
import { clip } from '../shared/secrets';
import type { EngineController } from '../state/engine/controller';
import { engineProblem } from '../state/engine/problem';
import { BASE_URL_PRESETS, type EngineSettings } from '../state/engine/settings';
import { el, option, setText } from './dom';
import { checkbox, labelled, numberOf, renderPlainError } from './engine-fields';
import { explainEngineError } from './engine-words';

export interface ServerPane {
  readonly root: HTMLElement;
  fill(server: EngineSettings['openai']): void;
  read(): EngineSettings['openai'];
  /** The key typed (or kept) for this server. */
  apiKey(): string;
  /** Keep the key as the person asked, now that it is used. */
  keepKey(): void;
  /** Offer the key kept for this server (same origin only); drop one kept for another. */
  refillKey(): void;
  /** What is wrong with the form for a server, or null. */
  problem(needModel: boolean): string | null;
  focus(): void;
}

export function mountServerPane(options: {
  controller: EngineController;
  pageOrigin: string;
  /** The whole settings, for the server's calls (List models, Test). */
  settings(): EngineSettings;
  /** Called when a field changes. */
  onChange(): void;
}): ServerPane {
  const { controller, pageOrigin } = options;
  const refresh = (): void => options.onChange();
  const read = (): EngineSettings => options.settings();
  let keyFromStorage = false;

  const root = el('section', { class: 'eng-pane', 'data-testid': 'engine-pane-openai' });
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
  root.append(serverRow, modelRow, keyRow, costRow, limitRow, testRow, testResult);

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
      const said = r.text ? `“${clip(r.text, 61, [apiKey.value])}”` : 'an empty reply';
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
  listModels.addEventListener('click', () => void onListModels());
  test.addEventListener('click', () => void onTest());

  return {
    root,
    fill(o) {
      baseUrl.value = o.baseUrl;
      model.value = o.model;
      priceIn.value = o.inputPrice === null ? '' : String(o.inputPrice);
      priceOut.value = o.outputPrice === null ? '' : String(o.outputPrice);
      budget.value = o.dailyCallBudget === null ? '' : String(o.dailyCallBudget);
      concurrency.value = String(o.concurrency);
      refillKey();
    },
    read() {
      const c = Number(concurrency.value);
      return {
        baseUrl: baseUrl.value.trim(),
        model: model.value.trim(),
        inputPrice: numberOf(priceIn),
        outputPrice: numberOf(priceOut),
        dailyCallBudget: numberOf(budget),
        concurrency: Number.isInteger(c) && c >= 1 && c <= 16 ? c : 2,
      };
    },
    apiKey: () => apiKey.value,
    keepKey,
    refillKey,
    problem: serverProblem,
    focus: () => baseUrl.focus(),
  };
}
