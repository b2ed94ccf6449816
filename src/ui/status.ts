/**
 * The status line under the home: day and time, the mean score today and
 * how many suggestions the assistant has made, today and in the whole run,
 * and an Inspect button that opens the step inspector on the latest step at
 * which the assistant spoke (the one in the speech bubble).
 */
import { formatHhmm } from '../core/time';
import type { GameView } from '../state/create-game';
import type { GameState } from '../state/store';
import { el, setText } from './dom';

function item(label: string): { root: HTMLElement; value: HTMLElement } {
  const root = el('span', { class: 'stat' });
  const value = el('strong');
  root.append(el('span', {}, label), value);
  return { root, value };
}

export function mountStatus(root: HTMLElement, game: GameView): () => void {
  const { store, actions } = game;
  const when = item('Day');
  const mean = item('Mean score today');
  const recsToday = item('Suggestions today');
  const recsTotal = item('Run total');
  when.value.setAttribute('data-testid', 'status-when');
  mean.value.setAttribute('data-testid', 'status-mean');
  recsTotal.value.setAttribute('data-testid', 'status-recs');
  recsTotal.root.title = 'Suggestions since the run started';
  const inspect = el(
    'button',
    {
      type: 'button',
      class: 'hint',
      'data-testid': 'inspect-latest',
      title: 'Open the step inspector on the latest suggestion',
    },
    'Inspect last suggestion',
  );
  inspect.addEventListener('click', () => {
    const r = store.getState().lastSpoken;
    if (r) actions.select({ day: r.day, step: r.step });
  });
  root.append(when.root, mean.root, recsToday.root, recsTotal.root, inspect);

  const render = (s: GameState): void => {
    setText(when.value, `${s.clock.day} of ${s.run.config.days} · ${formatHhmm(s.clock.minute)}`);
    setText(mean.value, s.stats.meanToday === null ? '–' : `${s.stats.meanToday.toFixed(2)} / 4`);
    setText(recsToday.value, String(s.stats.recsToday));
    setText(recsTotal.value, String(s.stats.recsTotal));
    const steps = `${s.stats.stepsTotal} steps run`;
    if (when.root.title !== steps) when.root.title = steps;
    inspect.disabled = s.lastSpoken === null;
  };
  render(store.getState());
  // Text is only touched when it changes, so following the clock every frame is cheap.
  const unsubscribe = store.subscribe(render);
  return () => {
    unsubscribe();
    root.replaceChildren();
  };
}
