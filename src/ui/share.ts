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
 * visitors), and a moment: day (1 to the run's days) and hour (0–23; without
 * it, the end of the day): the run opens there, as by a jump (`parseMoment`).
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

/** A link's moment: where to jump on opening, and what was changed or refused, in words. */
export interface LinkMoment {
  target: { day: number; minute: number } | null;
  problems: string[];
}

/** Without an hour, a moment link opens at the end of its day. */
const END_OF_DAY_MINUTE = 23 * 60 + 59;

/**
 * The moment a link asks for (`day`, `hour`), checked against a run of `days`
 * days: a day past the end is capped to the last, an hour past 23 to 23;
 * text that is not a whole number is refused. No `day`: no moment.
 */
export function parseMoment(search: string, days: number): LinkMoment {
  const p = new URLSearchParams(search);
  const rawDay = p.get('day');
  const rawHour = p.get('hour');
  const problems: string[] = [];
  const whole = (v: string): number | null => (/^\s*\d{1,4}\s*$/.test(v) ? Number(v) : null);
  if (rawDay === null) {
    if (rawHour !== null)
      problems.push('The link gives an hour but no day: it opens at the start.');
    return { target: null, problems };
  }
  let day = whole(rawDay);
  if (day === null || day < 1) {
    problems.push(
      `The link's day "${rawDay.slice(0, 20)}" is not a day of the run (1 to ${days}): it opens at the start.`,
    );
    return { target: null, problems };
  }
  if (day > days) {
    problems.push(
      `The link asks for day ${day}, but a run has ${days} days: it opens at day ${days}.`,
    );
    day = days;
  }
  let minute = END_OF_DAY_MINUTE;
  if (rawHour !== null) {
    const hour = whole(rawHour);
    if (hour === null) {
      problems.push(
        `The link's hour "${rawHour.slice(0, 20)}" is not an hour from 0 to 23: it opens at the end of day ${day}.`,
      );
    } else if (hour > 23) {
      problems.push(`The link's hour ${hour} is past 23: it opens at 23:00.`);
      minute = 23 * 60;
    } else {
      minute = hour * 60;
    }
  }
  return { target: { day, minute }, problems };
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
  options: { guide?: boolean; moment?: { day: number; hour: number } } = {},
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
  if (options.moment) {
    q.set('day', String(options.moment.day));
    q.set('hour', String(options.moment.hour));
  }
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
  const atMoment = el('input', { type: 'checkbox', 'data-testid': 'share-moment' });
  const momentLabel = el('label', { class: 'field share-option' });
  const momentText = el('span');
  momentLabel.append(atMoment, momentText);
  const engineNote = el('p', { class: 'note', 'data-testid': 'share-engine' });
  const status = el('p', { class: 'note', role: 'status', 'data-testid': 'share-status' });
  dlg.body.append(intro, row, guideLabel, momentLabel, engineNote, status);

  /** The moment on screen: the clock's day and hour. */
  const moment = (): { day: number; hour: number } => {
    const { clock } = store.getState();
    return { day: clock.day, hour: Math.floor(clock.minute / 60) };
  };

  const link = (): string => {
    const s = store.getState();
    return buildShareUrl(
      window.location.href,
      { selection: s.selection, speed: s.playback.speed },
      currentShareEngine(),
      { guide: guide.checked, ...(atMoment.checked ? { moment: moment() } : {}) },
    );
  };

  const refresh = (): void => {
    const m = moment();
    setText(
      momentText,
      `Open at this moment: day ${m.day}, ${String(m.hour).padStart(2, '0')}:00 (the run plays there at once)`,
    );
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
  atMoment.addEventListener('change', refresh);

  return {
    open,
    dispose() {
      button.remove();
      dlg.dispose();
    },
  };
}
