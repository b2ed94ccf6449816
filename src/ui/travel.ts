/**
 * The time-travel scrubber: a slider over the whole run so far. Dragging it
 * shows a past moment — the map, the status line, the bubble, the timeline,
 * the atlas and an open inspector follow — rebuilt from what the run kept;
 * the run itself never moves back. "Now" returns; playing replays the past
 * until it meets the present.
 */
import { formatHhmm } from '../core/time';
import type { GameView } from '../state/create-game';
import { clockMinutes, fromMinutes, shownMoment } from '../state/moment';
import { el, setText } from './dom';

export function mountTravel(root: HTMLElement, game: GameView): void {
  const { store, actions } = game;
  const box = el('div', { class: 'travel', role: 'group', 'aria-label': 'Time travel' });
  const slider = el('input', {
    type: 'range',
    min: '0',
    max: '0',
    step: '2.5',
    'data-testid': 'travel',
    'aria-label': 'Time travel: the moment shown',
  });
  const label = el('span', { class: 'travel-label', 'data-testid': 'travel-label' });
  const now = el(
    'button',
    { type: 'button', 'data-testid': 'travel-now', title: 'Back to now' },
    'Now',
  );
  box.append(el('span', {}, 'Time'), slider, label, now);
  root.append(box);
  box.title = 'Drag to see any past moment of the run; the run itself does not change';

  slider.addEventListener('input', () => actions.travelTo(fromMinutes(Number(slider.value))));
  now.addEventListener('click', () => actions.travelTo(null));

  let lastKey = '';
  const render = (s: ReturnType<typeof store.getState>): void => {
    const live = clockMinutes(s.clock);
    const m = shownMoment(s);
    const key = `${Math.floor(live)}|${s.travel ? clockMinutes(s.travel) : 'now'}|${s.jump !== null}`;
    if (key === lastKey) return;
    lastKey = key;
    slider.max = String(live);
    if (document.activeElement !== slider || !s.travel) slider.value = String(clockMinutes(m));
    slider.disabled = s.jump !== null;
    now.disabled = !s.travel;
    box.classList.toggle('travelling', s.travel !== null);
    setText(label, `${s.travel ? 'showing' : 'now'}: day ${m.day} ${formatHhmm(m.minute)}`);
  };
  render(store.getState());
  store.subscribe(render);
}
