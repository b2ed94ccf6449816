/**
 * Over the map: zoom in and out and whether the camera follows the persona,
 * and the card of whoever was clicked on the map — the persona (what they
 * are doing, the day's plan) or the robot (what the assistant remembers) —
 * at the moment shown (now, or a moment travelled to). Text only.
 */
import type { GameView } from '../state/create-game';
import type { WhoCard } from '../state/store';
import { el } from './dom';

function renderCard(card: WhoCard, close: HTMLButtonElement): HTMLElement[] {
  const head = el('div', { class: 'who-head' });
  head.append(el('h2', {}, card.title), close);
  const lines = card.lines.map((l) => el('p', { class: 'who-line' }, l));
  const out: HTMLElement[] = [head, ...lines];
  if (card.plan.length > 0) {
    const list = el('ol', { class: 'who-plan', 'aria-label': 'The day’s plan' });
    for (const p of card.plan) {
      const item = el('li', p.now ? { class: 'now', 'aria-current': 'true' } : {});
      item.append(el('span', { class: 'who-time' }, p.time), document.createTextNode(p.label));
      list.append(item);
    }
    out.push(el('h3', {}, 'The day’s plan'), list);
  }
  return out;
}

export function mountMapTools(root: HTMLElement, game: GameView): void {
  const { store, actions } = game;
  const tools = el('div', { class: 'map-tools', role: 'group', 'aria-label': 'Map zoom' });
  const out = el(
    'button',
    { type: 'button', 'data-testid': 'zoom-out', 'aria-label': 'Zoom out' },
    '−',
  );
  const zin = el(
    'button',
    { type: 'button', 'data-testid': 'zoom-in', 'aria-label': 'Zoom in' },
    '+',
  );
  const follow = el('input', { type: 'checkbox', 'data-testid': 'camera-follow' });
  const followLabel = el('label', { title: 'When zoomed in, the camera follows the persona' });
  followLabel.append(follow, document.createTextNode('follow'));
  tools.append(out, zin, followLabel);
  const card = el('section', {
    class: 'who-card',
    'data-testid': 'who-card',
    'aria-label': 'Who is this',
  });
  card.hidden = true;
  const close = el(
    'button',
    { type: 'button', 'aria-label': 'Close the card', title: 'Close' },
    '×',
  );
  close.addEventListener('click', () => actions.showWho(null));
  root.append(tools, card);
  out.addEventListener('click', () => actions.zoom(-1));
  zin.addEventListener('click', () => actions.zoom(1));
  follow.addEventListener('change', () => actions.setFollow(follow.checked));
  store.subscribe(
    (s) => s.view,
    (v) => {
      follow.checked = v.follow;
      out.disabled = v.zoom <= 1;
    },
    { fireImmediately: true },
  );
  store.subscribe(
    (s) => s.who,
    (who) => {
      card.hidden = who === null;
      if (who) card.replaceChildren(...renderCard(who, close));
    },
    { fireImmediately: true },
  );
}
