/**
 * The Engine settings: an "Engine" button in the menu opens a dialog to
 * choose who plays the persona's planner, the judge and the assistant — the
 * built-in rules (the default, always works), a model on an
 * OpenAI-compatible server (Ollama, llama.cpp, vLLM, OpenAI, …) or a small
 * model in this browser (WebLLM, see engine-webllm.ts); the server's pane
 * is engine-server.ts. Apply hands the choices to the engine controller
 * (src/state/engine/controller.ts), which sets the run's line-up, or starts
 * a new run when the assistant changes.
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
  rolesOf,
  type AssistantMemoryChoice,
  type EngineKind,
  type EngineSettings,
} from '../state/engine/settings';
import type { GameStore } from '../state/store';
import { el, option, setText } from './dom';
import { mountWebLlmSection, type WebLlmSection } from './engine-webllm';
import { checkbox, labelled } from './engine-fields';
import { mountServerPane } from './engine-server';
import { applyMessage, explainEngineError } from './engine-words';
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
  const server = mountServerPane({
    controller,
    pageOrigin,
    settings: () => read(),
    onChange: () => refresh(),
  });
  const openaiPane = server.root;

  // WebLLM pane.
  const webllmPane = el('section', { class: 'eng-pane', 'data-testid': 'engine-pane-webllm' });
  const webllm: WebLlmSection = mountWebLlmSection({
    models: controller.webllm,
    onFallback: (kind) => {
      select(kind);
      if (kind === 'openai') server.focus();
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
  let busy = false;

  function fill(s: EngineSettings): void {
    kind = s.kind;
    server.fill(s.openai);
    judgeRole.box.checked = s.roles.judge;
    plannerRole.box.checked = s.roles.persona;
    assistantRole.box.checked = s.roles.assistant;
    judgeMode.value = s.judgeMode;
    memory.value = s.assistantMemory;
    gate.box.checked = s.gate;
    webllm.setModelKey(s.webllm.modelKey);
  }

  function read(): EngineSettings {
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
      openai: server.read(),
      webllm: { modelKey: webllm.modelKey() },
    };
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
    if (kind === 'openai') return server.problem(true);
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
        server.keepKey();
        const outcome = await controller.apply(s, { apiKey: server.apiKey() });
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
  for (const c of [judgeRole.box, plannerRole.box, assistantRole.box, gate.box]) {
    c.addEventListener('change', () => refresh());
  }
  for (const s of [judgeMode, memory]) s.addEventListener('change', () => refresh());
  apply.addEventListener('click', () => void onApply());
  // The page's shortcuts (space, arrows) stay out of the dialog.
  dialog.addEventListener('keydown', (e) => e.stopPropagation());
  const unsubscribe = store.subscribe((s) => s.engine.active, renderButton);

  function open(which?: EngineKind): void {
    if (!dialog.open) {
      server.refillKey();
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
