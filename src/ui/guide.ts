/**
 * A first-minute guide: seven short steps that light up one part of the
 * screen each (the home, the persona card, the controls, the timeline, the
 * jump, the charts, the inspector) with a sentence or two in plain words, for a class
 * seeing the game for the first time. It opens by itself on a first visit
 * (the dismissal is remembered in localStorage), and from the "? Guide"
 * button in the menu. Skip, Escape or the last step closes it.
 */
import type { GameStore } from '../state/store';
import { el, setText } from './dom';
import { menuButton } from './runs';

export const GUIDE_SEEN_KEY = 'propersim:guide-seen';

export interface GuideStep {
  /** The element lit up (the first of these selectors that is on the page). */
  targets: string[];
  title: string;
  text: (name: string) => string;
}

export const GUIDE_STEPS: readonly GuideStep[] = [
  {
    targets: ['#game'],
    title: 'The home',
    text: (name) =>
      `${name} lives here, one simulated day after another. Every 2.5 minutes of the day, the little robot assistant decides: suggest something, or stay quiet. What it says appears in a speech bubble, with the score ${name} gave it — from 0 (unwelcome) to 4 (just right).`,
  },
  {
    targets: ['#persona'],
    title: 'Who lives here',
    text: (name) =>
      `${name}'s routine, likes and how they want to be helped. The assistant never reads this card: like a new flatmate, it has to work it out from the scores alone. That is what it is trying to learn.`,
  },
  {
    targets: ['#controls'],
    title: 'Play and speed',
    text: () =>
      'Play, pause, or run a single step. Turbo plays a whole day in about a second and a half. Pick another person, assistant or seed and press New run to start again.',
  },
  {
    targets: ['#timeline'],
    title: 'A day at a glance',
    text: () =>
      'Each tall mark is a moment the assistant spoke. Red marks were badly timed or unwanted; green marks were welcome. Compare day 1 with a later day: fewer red marks means it is learning.',
  },
  {
    targets: ['.jump', '#timeline'],
    title: 'Jump ahead',
    text: () =>
      'No need to wait for the days to play: type a day here and press Enter. The run races to the end of that day (an hour can be picked instead), with a progress bar and Cancel. Jump to day 14 to see what two weeks of scores taught the assistant.',
  },
  {
    targets: ['#charts'],
    title: 'Learning across days',
    text: () =>
      'One point per day. On day 1 the assistant is guessing; by day 14 it should speak at better moments and score higher. Watch the lines climb as the days pass.',
  },
  {
    targets: ['#side'],
    title: 'Why it scored that',
    text: () =>
      'Click any mark on the timeline (or “Inspect last suggestion”) and this panel shows what the assistant saw, the ideas it weighed, and how each one was scored, point by point.',
  },
];

function remembered(): boolean {
  try {
    return window.localStorage.getItem(GUIDE_SEEN_KEY) !== null;
  } catch {
    return false;
  }
}

function remember(): void {
  try {
    window.localStorage.setItem(GUIDE_SEEN_KEY, '1');
  } catch {
    // Storage blocked: the guide may show again next time.
  }
}

export interface GuideOptions {
  /** Open by itself if this browser has not seen (and closed) it before. */
  autoShow: boolean;
}

export interface GuideHandle {
  open(): void;
  close(): void;
  isOpen(): boolean;
  dispose(): void;
}

const GAP = 12;

export function mountGuide(
  menu: HTMLElement,
  overlays: HTMLElement,
  store: GameStore,
  options: GuideOptions,
): GuideHandle {
  const button = menuButton('? Guide', 'menu-guide', 'A one-minute tour of the screen');
  menu.append(button);

  const dialog = el('dialog', {
    class: 'guide',
    'data-testid': 'guide',
    'aria-label': 'A one-minute guide',
  });
  const spot = el('div', { class: 'guide-spot', 'aria-hidden': 'true' });
  const card = el('div', { class: 'guide-card', role: 'document' });
  const count = el('p', { class: 'guide-count', 'data-testid': 'guide-count' });
  const title = el('h2', { 'data-testid': 'guide-title' });
  const body = el('p', { class: 'guide-text', 'data-testid': 'guide-text' });
  const skip = el('button', { type: 'button', 'data-testid': 'guide-skip' }, 'Skip');
  const back = el('button', { type: 'button', 'data-testid': 'guide-back' }, 'Back');
  const next = el(
    'button',
    { type: 'button', class: 'primary', 'data-testid': 'guide-next' },
    'Next',
  );
  const buttons = el('div', { class: 'guide-buttons' });
  buttons.append(skip, el('span', { class: 'guide-fill' }), back, next);
  card.append(count, title, body, buttons);
  dialog.append(spot, card);
  overlays.append(dialog);

  let index = 0;

  const target = (step: GuideStep): HTMLElement | null => {
    for (const sel of step.targets) {
      const node = document.querySelector<HTMLElement>(sel);
      if (node && node.getClientRects().length > 0) return node;
    }
    return null;
  };

  const place = (): void => {
    if (!dialog.open) return;
    const step = GUIDE_STEPS[index] as GuideStep;
    const node = target(step);
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const cw = card.offsetWidth;
    const ch = card.offsetHeight;
    if (!node) {
      spot.hidden = true;
      card.style.left = `${Math.max(GAP, (vw - cw) / 2)}px`;
      card.style.top = `${Math.max(GAP, (vh - ch) / 2)}px`;
      return;
    }
    const r = node.getBoundingClientRect();
    const pad = 4;
    const top = Math.max(0, r.top - pad);
    const left = Math.max(0, r.left - pad);
    const bottom = Math.min(vh, r.bottom + pad);
    const right = Math.min(vw, r.right + pad);
    spot.hidden = false;
    Object.assign(spot.style, {
      top: `${top}px`,
      left: `${left}px`,
      width: `${Math.max(0, right - left)}px`,
      height: `${Math.max(0, bottom - top)}px`,
    });
    // Beside the lit part if there is room (right, left, below, above), else inside its lower corner.
    const clampX = (x: number): number => Math.min(Math.max(GAP, x), vw - cw - GAP);
    const clampY = (y: number): number => Math.min(Math.max(GAP, y), vh - ch - GAP);
    let x: number;
    let y: number;
    if (vw - right >= cw + 2 * GAP) {
      x = right + GAP;
      y = clampY(top);
    } else if (left >= cw + 2 * GAP) {
      x = left - cw - GAP;
      y = clampY(top);
    } else if (vh - bottom >= ch + 2 * GAP) {
      x = clampX(left);
      y = bottom + GAP;
    } else if (top >= ch + 2 * GAP) {
      x = clampX(left);
      y = top - ch - GAP;
    } else {
      x = clampX(right - cw - GAP);
      y = clampY(bottom - ch - GAP);
    }
    card.style.left = `${x}px`;
    card.style.top = `${y}px`;
  };

  const show = (i: number): void => {
    index = Math.min(Math.max(0, i), GUIDE_STEPS.length - 1);
    const step = GUIDE_STEPS[index] as GuideStep;
    const name = store.getState().run.persona.name.split(' ')[0] ?? 'The persona';
    setText(count, `${index + 1} / ${GUIDE_STEPS.length}`);
    setText(title, step.title);
    setText(body, step.text(name));
    back.disabled = index === 0;
    const last = index === GUIDE_STEPS.length - 1;
    setText(next, last ? 'Start exploring' : 'Next');
    next.setAttribute('data-testid', last ? 'guide-done' : 'guide-next');
    skip.hidden = last;
    target(step)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    place();
    next.focus();
  };

  const open = (): void => {
    if (!dialog.open) dialog.showModal();
    show(0);
  };
  const close = (): void => {
    if (dialog.open) dialog.close();
  };

  dialog.addEventListener('close', remember);
  skip.addEventListener('click', close);
  back.addEventListener('click', () => show(index - 1));
  next.addEventListener('click', () => {
    if (index >= GUIDE_STEPS.length - 1) close();
    else show(index + 1);
  });
  // Keys stay in the guide (space and the arrows do not drive the game behind it).
  dialog.addEventListener('keydown', (e) => {
    e.stopPropagation();
    if (e.key === 'ArrowRight' && index < GUIDE_STEPS.length - 1) show(index + 1);
    else if (e.key === 'ArrowLeft') show(index - 1);
  });
  dialog.addEventListener('keyup', (e) => e.stopPropagation());
  button.addEventListener('click', open);
  const onResize = (): void => place();
  window.addEventListener('resize', onResize);
  window.addEventListener('scroll', onResize, true);

  if (options.autoShow && !remembered()) {
    // After the first layout, so the lit parts have their size.
    requestAnimationFrame(() => {
      if (!remembered()) open();
    });
  }

  return {
    open,
    close,
    isOpen: () => dialog.open,
    dispose() {
      window.removeEventListener('resize', onResize);
      window.removeEventListener('scroll', onResize, true);
      button.remove();
      dialog.remove();
    },
  };
}
