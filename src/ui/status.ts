/**
 * The status line under the home: day and time, the mean score today and
 * how many suggestions the assistant has made, today and in the whole run.
 */
import { formatHhmm } from '../core/time';
import type { GameState, GameStore } from '../state/store';
import { el, setText } from './dom';

function item(label: string): { root: HTMLElement; value: HTMLElement } {
  const root = el('span', { class: 'stat' });
  const value = el('strong');
  root.append(el('span', {}, label), value);
  return { root, value };
}

export function mountStatus(root: HTMLElement, store: GameStore): () => void {
  const when = item('Day');
  const mean = item('Mean score today');
  const recsToday = item('Suggestions today');
  const recsTotal = item('Suggestions so far');
  const steps = item('Steps run');
  when.value.setAttribute('data-testid', 'status-when');
  mean.value.setAttribute('data-testid', 'status-mean');
  recsTotal.value.setAttribute('data-testid', 'status-recs');
  root.append(when.root, mean.root, recsToday.root, recsTotal.root, steps.root);

  const render = (s: GameState): void => {
    setText(when.value, `${s.clock.day} of ${s.run.config.days} · ${formatHhmm(s.clock.minute)}`);
    setText(mean.value, s.stats.meanToday === null ? '–' : `${s.stats.meanToday.toFixed(2)} / 4`);
    setText(recsToday.value, String(s.stats.recsToday));
    setText(recsTotal.value, String(s.stats.recsTotal));
    setText(steps.value, String(s.stats.stepsTotal));
  };
  render(store.getState());
  // Text is only touched when it changes, so following the clock every frame is cheap.
  const unsubscribe = store.subscribe(render);
  return () => {
    unsubscribe();
    root.replaceChildren();
  };
}
