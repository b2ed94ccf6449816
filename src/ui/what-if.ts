/**
 * "What if" for a step (the inspector's button): the alternatives the
 * state layer scored on a copy of the run (src/state/what-if.ts) — stay
 * silent, the same suggestion 5, 10 or 20 minutes later, every other
 * catalogue suggestion — side by side with what happened, each with its
 * score and the criteria it missed. The run itself is not changed.
 */
import { formatHhmm } from '../core/time';
import { CRITERIA, CRITERION_LABELS } from '../core/vocab';
import { scoreColour } from '../shared/colours';
import type { GameView } from '../state/create-game';
import type { WhatIfOption, WhatIfResult } from '../state/what-if';
import { el } from './dom';
import { makeDialog } from './runs';

function badge(score: number | null): HTMLElement {
  const b = el('span', { class: 'score-badge' }, `${score ?? '–'}/4`);
  b.style.background = score === null ? '#5a5066' : scoreColour(score);
  return b;
}

/** One alternative: what, when, its score and what it missed (or why it cannot be scored). */
function optionCard(o: WhatIfOption, extra = ''): HTMLElement {
  const card = el('div', { class: `wi-card ${extra}`, 'data-testid': 'what-if-option' });
  const top = el('div', { class: 'wi-top' });
  top.append(el('span', { class: 'wi-label' }, o.label), badge(o.judgement?.score ?? null));
  card.append(top);
  const when = `${formatHhmm(o.minute)}${o.action ? ` · ${o.action}${o.walking ? ' (walking)' : ''}` : ''}`;
  card.append(el('div', { class: 'wi-when' }, when));
  if (o.unavailable) {
    card.append(el('div', { class: 'wi-miss' }, o.unavailable));
    return card;
  }
  const j = o.judgement;
  if (j) {
    const missed = CRITERIA.filter((c) => !j.criteria[c].pass);
    card.append(
      el(
        'div',
        { class: missed.length ? 'wi-miss' : 'wi-ok' },
        missed.length
          ? `missed: ${missed.map((c) => CRITERION_LABELS[c].toLowerCase()).join(', ')}`
          : 'all four met',
      ),
    );
    const why = missed[0] ? j.criteria[missed[0]].reason : '';
    if (why) card.title = why;
  }
  return card;
}

function render(body: HTMLElement, r: WhatIfResult): void {
  const intro = el(
    'p',
    { class: 'note' },
    `Day ${r.ref.day}, ${formatHhmm(r.actual.minute)}: ${r.actual.action}. Each alternative is scored by the built-in judge with what the person remembered at that moment; the run itself does not change.${r.runJudge !== 'builtin' ? ` (The run was scored by ${r.runJudge}.)` : ''}`,
  );
  const row = el('div', { class: 'wi-row' });
  row.append(
    optionCard(r.actual, 'wi-actual'),
    optionCard(r.silent),
    ...r.retimed.options.map((o) => optionCard(o)),
  );
  const retimedNote = el(
    'p',
    { class: 'note' },
    `“Later” re-times ${r.retimed.why}; until then the assistant stays silent and the day goes on as planned.`,
  );
  const items = el('div', { class: 'wi-items' });
  items.append(...r.items.map((o) => optionCard(o)));
  body.replaceChildren(
    intro,
    el('h3', {}, 'What happened, beside staying silent and saying it later'),
    row,
    retimedNote,
    el('h3', {}, `Another suggestion at the same moment (${r.items.length}, best first)`),
    items,
  );
}

/** The inspector's "What if" button. */
export function whatIfButton(onClick: () => void): HTMLButtonElement {
  const b = el(
    'button',
    {
      type: 'button',
      class: 'primary',
      'data-testid': 'what-if-button',
      title:
        'Score staying silent, another suggestion, or this one later — the run does not change',
    },
    'What if',
  );
  b.addEventListener('click', onClick);
  return b;
}

export function mountWhatIf(overlays: HTMLElement, game: GameView): void {
  const { store, actions } = game;
  const dlg = makeDialog(overlays, 'What if…', 'what-if');
  dlg.dialog.classList.add('wi-dialog');
  dlg.dialog.addEventListener('close', () => actions.whatIf(null));
  store.subscribe(
    (s) => s.whatIf,
    (w) => {
      if (!w) {
        dlg.close();
        return;
      }
      if (w.error !== null) dlg.body.replaceChildren(el('p', { class: 'error' }, w.error));
      else if (w.result) render(dlg.body, w.result);
      dlg.open();
    },
  );
}
