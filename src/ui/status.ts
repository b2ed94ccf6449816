/**
 * The status line under the home: day and time, the mean score today and
 * how many suggestions the assistant has made, today and in the whole run,
 * and an Inspect button that opens the step inspector on the latest step at
 * which the assistant spoke (the one in the speech bubble).
 */
import { MOMENT_LABELS } from '../core/step';
import { formatHhmm } from '../core/time';
import type { GameView } from '../state/create-game';
import { shownMoment } from '../state/moment';
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
  // Steps nobody scored (a model's judge call failed or could not be read): shown only when there are some.
  const unjudged = item('Not scored');
  unjudged.root.classList.add('unjudged');
  unjudged.root.hidden = true;
  unjudged.root.title =
    'Steps the judge could not score: its call failed or its reply could not be read. They count in no mean and teach the assistant nothing.';
  unjudged.value.setAttribute('data-testid', 'status-unjudged');
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
    'Inspect last',
  );
  inspect.addEventListener('click', () => {
    const r = shownMoment(store.getState()).lastSpoken;
    if (r) actions.select({ day: r.day, step: r.step });
  });
  // How receptive the person is right now (its receptivity model), coloured by level.
  const moment = el('span', { class: 'stat moment', 'data-testid': 'status-moment' });
  const momentChip = el('span', { class: 'moment-chip' });
  const momentText = el('span', { class: 'moment-summary' });
  moment.append(el('span', {}, 'This moment'), ' ', momentChip, momentText);
  root.append(when.root, mean.root, recsToday.root, recsTotal.root, unjudged.root, moment, inspect);

  const render = (s: GameState): void => {
    // The moment shown: now, or a past moment chosen on the time-travel scrubber.
    const shown = shownMoment(s);
    const back = shown.travelling ? ' (past)' : '';
    setText(
      when.value,
      `${shown.day} of ${s.run.config.days} · ${formatHhmm(shown.minute)}${back}`,
    );
    const stats = shown.stats;
    setText(mean.value, stats.meanToday === null ? '–' : `${stats.meanToday.toFixed(2)} / 4`);
    setText(recsToday.value, String(stats.recsToday));
    setText(recsTotal.value, String(stats.recsTotal));
    const none = s.stats.unjudgedTotal === 0;
    if (unjudged.root.hidden !== none) unjudged.root.hidden = none;
    if (!none)
      setText(unjudged.value, `${s.stats.unjudgedToday} today · ${s.stats.unjudgedTotal} in all`);
    const steps = `${stats.stepsTotal} steps run`;
    if (when.root.title !== steps) when.root.title = steps;
    inspect.disabled = shown.lastSpoken === null;
    const latest = shown.latest;
    const m = latest?.moment ?? null;
    const level = m ? m.level : latest?.asleep ? 'asleep' : null;
    const cls = `moment-chip${m ? ` moment-${m.level}` : ' moment-closed'}`;
    if (momentChip.className !== cls) momentChip.className = cls;
    setText(momentChip, m ? MOMENT_LABELS[m.level] : level === 'asleep' ? 'asleep' : '–');
    setText(momentText, m ? m.summary : '');
    const tip = m ? `${m.summary} · ${m.engagement} engagement · ${m.day}` : '';
    if (moment.title !== tip) moment.title = tip;
  };
  render(store.getState());
  // Text is only touched when it changes, so following the clock every frame is cheap.
  const unsubscribe = store.subscribe(render);
  return () => {
    unsubscribe();
    root.replaceChildren();
  };
}
