/**
 * Share a run: a link that opens the same run for everyone (same persona,
 * assistant and seed give the same days), with the speed and the engine —
 * for an OpenAI-compatible server its base URL and model, never an API key.
 *
 * `parseShareParams` reads such a link (main.ts uses it on load; others may
 * too). `setShareEngine` lets the engine settings say which engine is in
 * use; until they do, the engine the page was opened with is shared.
 *
 * Link parameters: persona, assistant, seed, speed, engine
 * (builtin | openai | webllm), baseUrl, model, run (a saved run in this
 * browser: reopened if it exists), guide=1 (show the guide to first-time
 * visitors).
 */
import { MAX_SEED_CHARS } from '../core/sim';
import { safeBaseUrl } from '../shared/secrets';
import { parseSpeed, type GameStore, type Selection, type Speed } from '../state/store';
import { el, setText } from './dom';
import { makeDialog, menuButton } from './runs';

export type EngineName = 'builtin' | 'openai' | 'webllm';

export interface ShareParams {
  personaId?: string;
  assistantId?: string;
  seed?: string;
  speed?: Speed;
  engine?: EngineName;
  /** An OpenAI-compatible server (http or https, without credentials). */
  baseUrl?: string;
  model?: string;
  /** A saved run of this browser (added to the address bar as the run is saved). */
  runId?: string;
  /** Show the first-minute guide to a first-time visitor even though the link chose a run. */
  guide?: boolean;
}

/** What the share link says about the engine. */
export interface EngineShare {
  engine: EngineName;
  baseUrl?: string;
  model?: string;
}

/** The longest persona id, assistant id or model name a link may carry. */
const MAX_TEXT = 200;

function text(value: string | null): string | undefined {
  const t = value?.trim();
  return t ? t.slice(0, MAX_TEXT) : undefined;
}

/** Read a share link's query string (`?persona=…&seed=…`); unknown or malformed values are left out. */
export function parseShareParams(search: string): ShareParams {
  const p = new URLSearchParams(search);
  const out: ShareParams = {};
  const personaId = text(p.get('persona'));
  if (personaId) out.personaId = personaId;
  const assistantId = text(p.get('assistant'));
  if (assistantId) out.assistantId = assistantId;
  const seed = p.get('seed');
  if (seed !== null && seed.trim()) out.seed = seed.trim().slice(0, MAX_SEED_CHARS);
  const speed = parseSpeed(p.get('speed') ?? '');
  if (speed !== null) out.speed = speed;
  const engine = p.get('engine');
  if (engine === 'builtin' || engine === 'openai' || engine === 'webllm') out.engine = engine;
  const rawBase = p.get('baseUrl') ?? p.get('base-url');
  const baseUrl = rawBase ? safeBaseUrl(rawBase) : null;
  if (baseUrl) out.baseUrl = baseUrl;
  const model = text(p.get('model'));
  if (model) out.model = model;
  const runId = p.get('run');
  if (runId && /^[\w-]{1,64}$/.test(runId)) out.runId = runId;
  if (p.get('guide') === '1') out.guide = true;
  return out;
}

/** The link chose a run (persona, assistant or seed): the page starts that run. */
export function choosesRun(params: ShareParams): boolean {
  return (
    params.personaId !== undefined || params.assistantId !== undefined || params.seed !== undefined
  );
}

/** The engine the page's own link named (builtin when none). */
export function linkShareEngine(): EngineShare {
  const p = parseShareParams(window.location.search);
  const engine: EngineShare = { engine: p.engine ?? 'builtin' };
  if (p.engine === 'openai') {
    if (p.baseUrl) engine.baseUrl = p.baseUrl;
    if (p.model) engine.model = p.model;
  }
  return engine;
}

let engineSource: () => EngineShare = linkShareEngine;

/** Tell the share link which engine is in use (the engine settings call this). */
export function setShareEngine(source: () => EngineShare): void {
  engineSource = source;
}

/** The engine to share, its base URL made safe (the dialog shows it, the link carries it). */
export function currentShareEngine(): EngineShare {
  const e = engineSource();
  const out: EngineShare = { engine: e.engine };
  const base = e.baseUrl ? safeBaseUrl(e.baseUrl) : null;
  if (base) out.baseUrl = base;
  if (e.model) out.model = e.model.slice(0, MAX_TEXT);
  return out;
}

/**
 * The link for a run: only the listed parameters, so nothing else in the
 * address bar (and never a key) travels with it.
 */
export function buildShareUrl(
  pageUrl: string,
  run: { selection: Selection; speed: Speed },
  engine: EngineShare,
  options: { guide?: boolean } = {},
): string {
  const url = new URL(pageUrl);
  url.hash = '';
  const q = new URLSearchParams();
  q.set('persona', run.selection.personaId);
  q.set('assistant', run.selection.assistantId);
  q.set('seed', run.selection.seed.slice(0, MAX_SEED_CHARS));
  q.set('speed', String(run.speed));
  q.set('engine', engine.engine);
  if (engine.engine === 'openai') {
    const base = engine.baseUrl ? safeBaseUrl(engine.baseUrl) : null;
    if (base) q.set('baseUrl', base);
    if (engine.model) q.set('model', engine.model.slice(0, MAX_TEXT));
  }
  if (options.guide) q.set('guide', '1');
  url.search = q.toString();
  return url.toString();
}

/**
 * Keep the address bar pointing at the run on screen: its persona, assistant
 * and seed, and once it is saved its id (`run`), so a reload continues it.
 * Other parameters (speed, engine) are left as they are.
 */
export function rememberRunInUrl(id: string | null, selection: Selection): void {
  const url = new URL(window.location.href);
  const q = url.searchParams;
  if (id === null && !q.has('run')) return;
  q.set('persona', selection.personaId);
  q.set('assistant', selection.assistantId);
  q.set('seed', selection.seed.slice(0, MAX_SEED_CHARS));
  if (id === null) q.delete('run');
  else q.set('run', id);
  const next = url.toString();
  if (next !== window.location.href) window.history.replaceState(window.history.state, '', next);
}

async function copyText(value: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(value);
    return true;
  } catch {
    return false;
  }
}

export function mountShare(
  menu: HTMLElement,
  overlays: HTMLElement,
  store: GameStore,
): { open(): void; dispose(): void } {
  const button = menuButton('Share', 'menu-share', 'A link that opens this same run for anyone');
  menu.append(button);

  const dlg = makeDialog(overlays, 'Share this run', 'share-dialog');
  const intro = el(
    'p',
    { class: 'note' },
    'Anyone who opens this link starts the same run: the same person, assistant and seed, so the same days unfold. Handy for a class: every student sees the same story.',
  );
  const url = el('input', {
    type: 'text',
    readonly: '',
    class: 'share-url',
    'data-testid': 'share-url',
    'aria-label': 'Link to this run',
    spellcheck: 'false',
  });
  const copy = el(
    'button',
    { type: 'button', class: 'primary', 'data-testid': 'share-copy' },
    'Copy',
  );
  const row = el('div', { class: 'share-row' });
  row.append(url, copy);
  const guide = el('input', { type: 'checkbox', 'data-testid': 'share-guide' });
  guide.checked = true;
  const guideLabel = el('label', { class: 'field share-option' });
  guideLabel.append(guide, el('span', {}, 'Show the one-minute guide to first-time visitors'));
  const engineNote = el('p', { class: 'note', 'data-testid': 'share-engine' });
  const status = el('p', { class: 'note', role: 'status', 'data-testid': 'share-status' });
  dlg.body.append(intro, row, guideLabel, engineNote, status);

  const link = (): string => {
    const s = store.getState();
    return buildShareUrl(
      window.location.href,
      { selection: s.selection, speed: s.playback.speed },
      currentShareEngine(),
      { guide: guide.checked },
    );
  };

  const refresh = (): void => {
    url.value = link();
    const engine = currentShareEngine();
    setText(
      engineNote,
      engine.engine === 'openai'
        ? `Engine: an OpenAI-compatible server${engine.baseUrl ? ` at ${engine.baseUrl}` : ''}${engine.model ? `, model ${engine.model}` : ''}. The link never carries an API key: each person enters their own.`
        : engine.engine === 'webllm'
          ? 'Engine: a model running in the browser (WebLLM); each visitor downloads it once.'
          : 'Engine: the built-in one (runs instantly, no model needed).',
    );
  };

  const doCopy = async (): Promise<void> => {
    refresh();
    url.focus();
    url.select();
    const ok = await copyText(url.value);
    setText(
      status,
      ok ? 'Copied: paste it anywhere.' : 'Select the link above and copy it (Ctrl+C / ⌘C).',
    );
  };

  const open = (): void => {
    setText(status, '');
    refresh();
    dlg.open();
    void doCopy();
  };

  button.addEventListener('click', open);
  copy.addEventListener('click', () => void doCopy());
  guide.addEventListener('change', refresh);

  return {
    open,
    dispose() {
      button.remove();
      dlg.dispose();
    },
  };
}
