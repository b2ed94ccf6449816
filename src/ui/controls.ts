/**
 * The control bar: play / pause, single step, speed, and a new run from a
 * persona, an assistant and a seed. Keyboard: space plays or pauses, the
 * right arrow runs one step (while the step inspector is closed). The bar reads the store and calls its actions.
 */
import type { Persona } from '../core/persona';
import { MAX_SEED_CHARS } from '../core/sim';
import type { GameView } from '../state/create-game';
import { SPEEDS, WALK_WATCH_SPEED, parseSpeed, speedLabel } from '../state/store';
import { el, option, setText } from './dom';

export interface ControlChoices {
  /** The assistants a new run can pick (the registry's built-in ones). */
  assistants: readonly { id: string; label: string }[];
}

/** One option per persona; a name two personas share gets the id too. */
function fillPersonas(
  select: HTMLSelectElement,
  personas: readonly Persona[],
  value: string,
): void {
  const seen = new Map<string, number>();
  for (const p of personas) seen.set(p.name, (seen.get(p.name) ?? 0) + 1);
  select.replaceChildren(
    ...personas.map((p) =>
      option(p.id, (seen.get(p.name) ?? 0) > 1 ? `${p.name} (${p.id})` : p.name),
    ),
  );
  select.value = value;
}

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const label = el('label', { class: 'field' });
  label.append(el('span', {}, text), control);
  return label;
}

/** Keys typed into a text field or a list belong to it, not to the shortcuts. */
function isTyping(target: EventTarget | null): boolean {
  if (target instanceof HTMLInputElement) return target.type !== 'checkbox';
  return target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
}

/** Controls that space would "click" when the key comes up. */
function isClickable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLButtonElement ||
    (target instanceof HTMLInputElement && target.type === 'checkbox')
  );
}

export function mountControls(
  root: HTMLElement,
  game: GameView,
  choices: ControlChoices,
): () => void {
  const { store, actions } = game;
  const play = el(
    'button',
    { type: 'button', class: 'primary', 'data-testid': 'play', title: 'Play or pause (space)' },
    'Play',
  );
  const step = el(
    'button',
    { type: 'button', 'data-testid': 'step', title: 'Run one step (→)' },
    'Step',
  );
  const speed = el('select', { 'data-testid': 'speed' });
  for (const s of SPEEDS) speed.append(option(String(s), speedLabel(s)));
  const fastSleep = el('input', { type: 'checkbox', 'data-testid': 'fast-sleep' });
  const watchWalks = el('input', { type: 'checkbox', 'data-testid': 'watch-walks' });
  // The list follows store.personas (bundled, saved and imported ones).
  const persona = el('select', { 'data-testid': 'persona' });
  const assistant = el('select', { 'data-testid': 'assistant' });
  for (const a of choices.assistants) assistant.append(option(a.id, a.label));
  const seed = el('input', {
    type: 'text',
    'data-testid': 'seed',
    size: '6',
    maxlength: String(MAX_SEED_CHARS),
    spellcheck: 'false',
    autocomplete: 'off',
  });
  const newRun = el(
    'button',
    { type: 'button', 'data-testid': 'new-run', title: 'Start a new run with these choices' },
    'New run',
  );
  const error = el('span', { class: 'error', role: 'alert' });

  const playback = el('div', { class: 'group' });
  const fastSleepField = labelled('Fast sleep', fastSleep);
  fastSleepField.title = 'Nights and naps play at turbo speed';
  speed.title = 'Simulated seconds per real second; turbo plays a day in about 1.5 s';
  const watchWalksField = labelled('Watch walks', watchWalks);
  watchWalksField.title = `Walks from room to room play at ${WALK_WATCH_SPEED}× at most (turbo aside), so they are seen`;
  playback.append(play, step, labelled('Speed', speed), fastSleepField, watchWalksField);
  const run = el('div', { class: 'group' });
  run.append(
    labelled('Persona', persona),
    labelled('Assistant', assistant),
    labelled('Seed', seed),
    newRun,
    error,
  );
  root.append(playback, run);

  play.addEventListener('click', () => actions.togglePlay());
  step.addEventListener('click', () => actions.step());
  speed.addEventListener('change', () => {
    const s = parseSpeed(speed.value);
    if (s !== null) actions.setSpeed(s);
  });
  fastSleep.addEventListener('change', () => actions.setFastSleep(fastSleep.checked));
  watchWalks.addEventListener('change', () => actions.setWatchWalks(watchWalks.checked));
  const startRun = (): void =>
    actions.newRun({ personaId: persona.value, assistantId: assistant.value, seed: seed.value });
  newRun.addEventListener('click', startRun);
  seed.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') startRun();
  });

  const onKey = (e: KeyboardEvent): void => {
    if (isTyping(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
    // While the step inspector is open the arrows walk its steps (see inspector.ts).
    if (store.getState().selected && e.key.startsWith('Arrow')) return;
    if (e.key === ' ' || e.code === 'Space') {
      e.preventDefault();
      if (!e.repeat) actions.togglePlay();
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      actions.step();
    }
  };
  // A focused button or checkbox would also "click" on space when the key comes up: keep it to one toggle.
  const onKeyUp = (e: KeyboardEvent): void => {
    if ((e.key === ' ' || e.code === 'Space') && isClickable(e.target)) e.preventDefault();
  };
  window.addEventListener('keydown', onKey);
  window.addEventListener('keyup', onKeyUp);

  const unsubscribe = [
    store.subscribe(
      (s) => s.playback,
      (p) => {
        setText(play, p.playing ? 'Pause' : 'Play');
        play.classList.toggle('playing', p.playing);
        speed.value = String(p.speed);
        fastSleep.checked = p.fastSleep;
        watchWalks.checked = p.watchWalks;
      },
      { fireImmediately: true },
    ),
    store.subscribe(
      (s) => s.finished,
      (finished) => {
        play.disabled = finished;
        step.disabled = finished;
      },
      { fireImmediately: true },
    ),
    store.subscribe(
      (s) => s.personas,
      (list) => {
        // Keep a choice not yet started (New run) when the list grows.
        const picked = persona.value;
        const keep = list.some((p) => p.id === picked) ? picked : '';
        fillPersonas(persona, list, keep || store.getState().selection.personaId);
      },
      { fireImmediately: true },
    ),
    store.subscribe(
      (s) => s.selection,
      (sel) => {
        persona.value = sel.personaId;
        assistant.value = sel.assistantId;
        seed.value = sel.seed;
      },
      { fireImmediately: true },
    ),
    store.subscribe(
      (s) => s.error,
      (message) => setText(error, message ?? ''),
      { fireImmediately: true },
    ),
  ];

  return () => {
    unsubscribe.forEach((u) => u());
    window.removeEventListener('keydown', onKey);
    window.removeEventListener('keyup', onKeyUp);
    root.replaceChildren();
  };
}
