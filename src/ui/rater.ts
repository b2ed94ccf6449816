/**
 * "Rate it yourself": you play the persona's judge. A toggle in the menu
 * sets the run's line-up to a person judging (the store's `setLineUp`):
 * steps then run one at a time, and every candidate that speaks waits for
 * your rating in a small non-modal panel over the map (the time, the
 * action, the suggestion; quick 0–4 buttons and keys, or one verdict and
 * reason per criterion, or Skip to let the built-in judge decide). Silence
 * is still scored by the built-in judge from the persona's rubric.
 *
 * Your ratings become the step's judgements (recorded with the run), so
 * the assistant learns from them exactly as from the simulated judge.
 * Turning the toggle off hands any waiting ratings to the built-in judge
 * and switches back to it; a new run keeps you rating. The toggle shows the
 * line-up, so a model chosen as the judge turns it off. Text from data
 * goes in with textContent only.
 */
import type { PendingRating } from '../agents/user/human';
import { assistantInfo } from '../agents/registry';
import { CRITERIA, CRITERION_LABELS, type Criterion } from '../core/vocab';
import type { GameView } from '../state/create-game';
import { el, setText } from './dom';

export const WAITING_FOR = 'your rating';

export interface RaterProbe {
  on: boolean;
  pending: number;
  /** The suggestion shown for rating, or null. */
  text: string | null;
}

/** What each quick score means, for the buttons' titles. */
const QUICK_TITLES = [
  'All four criteria fail',
  'Only personal preference passes',
  'Preference and timing pass; frequency and communication fail',
  'Only communication & safety fails',
  'All four criteria pass',
];

function isTyping(target: EventTarget | null): boolean {
  if (target instanceof HTMLInputElement) return target.type !== 'checkbox';
  return target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
}

function firstName(name: string): string {
  return name.split(/\s+/)[0] || name;
}

export function mountRater(
  menu: HTMLElement,
  host: HTMLElement,
  game: GameView,
): { dispose(): void; probe(): RaterProbe } {
  const { store, actions } = game;
  const pending = (): readonly PendingRating[] => store.getState().ratings;
  const isOn = (): boolean => store.getState().lineup.judge === 'person';
  let on = isOn();

  const toggle = el(
    'button',
    {
      type: 'button',
      'data-testid': 'rater-toggle',
      'aria-pressed': 'false',
      title:
        'Play the persona’s judge: rate each suggestion yourself; the assistant learns from your ratings',
    },
    'Rate it yourself',
  );
  menu.append(toggle);

  const panel = el('section', {
    class: 'rater',
    'data-testid': 'rater-panel',
    'aria-label': 'Your rating',
  });
  panel.hidden = true;
  host.append(panel);

  // ---- switching the judge

  const setOn = (value: boolean): void => {
    const lineup = store.getState().lineup;
    // Off: the built-in judge again (waiting ratings go to it, so the step in flight completes).
    actions.setLineUp({ ...lineup, judge: value ? 'person' : 'builtin' });
  };

  toggle.addEventListener('click', () => setOn(!on));

  // The toggle shows the line-up: a run opened or started here keeps you rating; a model judging ends it.
  const unsubscribeStore = store.subscribe(
    (s) => s.lineup.judge === 'person',
    (value) => {
      on = value;
      toggle.setAttribute('aria-pressed', String(on));
      toggle.classList.toggle('active', on);
      render();
    },
  );

  // ---- the panel

  let shownId: number | null = null;
  const count = el('span', { class: 'rater-count', 'data-testid': 'rater-count' });

  const rate = (fn: (item: PendingRating) => void): void => {
    const head = pending()[0];
    if (head) fn(head);
  };

  const renderIdle = (): void => {
    shownId = null;
    panel.classList.add('idle');
    panel.removeAttribute('data-day');
    panel.removeAttribute('data-step');
    const s = store.getState();
    const name = firstName(s.run.persona.name);
    const head = el('div', { class: 'rater-head' });
    head.append(el('strong', {}, 'You are the judge'), count);
    panel.replaceChildren(
      head,
      el(
        'p',
        { class: 'note' },
        `The run stops whenever the assistant speaks and waits for your rating. Silent steps are scored by the built-in judge from ${name}’s rubric.${s.playback.playing ? '' : ' Press Play.'}`,
      ),
    );
  };

  const renderItem = (item: PendingRating): void => {
    shownId = item.id;
    panel.classList.remove('idle');
    panel.setAttribute('data-day', String(item.day));
    panel.setAttribute('data-step', String(item.step));
    const name = firstName(item.personaName);

    const head = el('div', { class: 'rater-head' });
    head.append(
      el('strong', {}, 'Your rating'),
      el(
        'span',
        { class: 'rater-when', 'data-testid': 'rater-when' },
        `Day ${item.day} · ${item.time}`,
      ),
      count,
    );
    const doing = el(
      'p',
      { class: 'rater-doing', 'data-testid': 'rater-action' },
      `${item.personaName} ${item.doing}`,
    );
    const text = el('blockquote', { class: 'rater-text', 'data-testid': 'rater-text' });
    text.textContent = item.suggestion.text;
    const meta = el(
      'p',
      { class: 'note' },
      `topic: ${item.suggestion.topic} · tone: ${item.suggestion.tone}`,
    );
    const parts: Node[] = [
      head,
      doing,
      el('p', { class: 'rater-label' }, 'The assistant suggests:'),
      text,
      meta,
    ];
    if (
      assistantInfo(store.getState().run.assistantId).candidatesPerStep === 2 &&
      item.candidateIndex === 0
    ) {
      parts.push(
        el(
          'p',
          { class: 'note rater-explored' },
          'This is the assistant’s exploring candidate: it is judged but not said aloud. Rate it as if it had been.',
        ),
      );
    }

    const quick = el('div', {
      class: 'rater-quick',
      role: 'group',
      'aria-label': 'Quick rating, 0 to 4',
    });
    for (let n = 0; n <= 4; n++) {
      const b = el(
        'button',
        {
          type: 'button',
          class: `rate-${n}`,
          'data-testid': `rate-${n}`,
          title: `${n}/4: ${QUICK_TITLES[n]} (key ${n})`,
        },
        String(n),
      );
      b.addEventListener('click', () => rate((it) => actions.rateQuick(it.id, n)));
      quick.append(b);
    }
    const quickRow = el('div', { class: 'rater-quick-row' });
    quickRow.append(el('span', { class: 'rater-label' }, 'Quick score'), quick);

    const detail = el('details', { class: 'rater-detail' });
    detail.append(el('summary', {}, 'Rate each criterion'));
    const checks = new Map<Criterion, { box: HTMLInputElement; reason: HTMLInputElement }>();
    for (const k of CRITERIA) {
      const row = el('div', { class: 'rater-crit' });
      const box = el('input', { type: 'checkbox', 'data-testid': `crit-${k}` });
      box.checked = true;
      const label = el('label', { class: 'rater-crit-name' });
      label.append(box, el('span', {}, CRITERION_LABELS[k]));
      const reason = el('input', {
        type: 'text',
        placeholder: 'why (optional)',
        'data-testid': `reason-${k}`,
        'aria-label': `${CRITERION_LABELS[k]}: your reason`,
      });
      row.append(label, reason);
      detail.append(row);
      checks.set(k, { box, reason });
    }
    const submit = el(
      'button',
      { type: 'button', class: 'primary', 'data-testid': 'rate-submit' },
      'Submit rating',
    );
    submit.addEventListener('click', () =>
      rate((it) => {
        const get = (k: Criterion) =>
          checks.get(k) as { box: HTMLInputElement; reason: HTMLInputElement };
        actions.rate(it.id, {
          preference: get('preference').box.checked ? 1 : 0,
          timing: get('timing').box.checked ? 1 : 0,
          frequency: get('frequency').box.checked ? 1 : 0,
          communication: get('communication').box.checked ? 1 : 0,
          reasons: Object.fromEntries(CRITERIA.map((k) => [k, get(k).reason.value])),
        });
      }),
    );
    detail.append(el('p', { class: 'note' }, 'Ticked passes (1), unticked fails (0).'), submit);

    const skip = el(
      'button',
      {
        type: 'button',
        'data-testid': 'rate-skip',
        title: 'Let the built-in judge score this one from the rubric',
      },
      'Skip — built-in judge decides',
    );
    skip.addEventListener('click', () => rate((it) => actions.skipRating(it.id)));

    const rubric = el('details', { class: 'rater-rubric' });
    rubric.append(el('summary', {}, `What ${name} wants (rubric)`));
    for (const k of CRITERIA) {
      const p = el('p');
      p.append(
        el('strong', {}, `${CRITERION_LABELS[k]}: `),
        document.createTextNode(item.rubric[k]),
      );
      rubric.append(p);
    }

    parts.push(
      quickRow,
      detail,
      skip,
      rubric,
      el(
        'p',
        { class: 'note' },
        `You rate suggestions only; silent steps are scored by the built-in judge from ${name}’s rubric. Keys 0–4 give a quick score; a quick n fails the last 4 − n criteria.`,
      ),
    );
    panel.replaceChildren(...parts);
  };

  function render(): void {
    panel.hidden = !on;
    if (!on) {
      shownId = null;
      panel.replaceChildren();
      return;
    }
    const queue = pending();
    setText(count, queue.length > 0 ? `${queue.length} waiting` : '');
    const head = queue[0];
    if (!head) {
      if (shownId !== null || panel.childElementCount === 0) renderIdle();
    } else if (head.id !== shownId) {
      renderItem(head);
    }
  }

  const unsubscribeRatings = store.subscribe((s) => s.ratings, render);
  const unsubscribePlaying = store.subscribe(
    (s) => s.playback.playing,
    () => {
      if (on && shownId === null) renderIdle();
    },
  );

  const onKey = (e: KeyboardEvent): void => {
    if (!on || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
    if (e.target instanceof Element && e.target.closest('dialog')) return;
    if (!/^[0-4]$/.test(e.key) || pending().length === 0) return;
    e.preventDefault();
    const n = Number(e.key);
    rate((it) => actions.rateQuick(it.id, n));
  };
  window.addEventListener('keydown', onKey);

  toggle.setAttribute('aria-pressed', String(on));
  toggle.classList.toggle('active', on);
  render();

  return {
    dispose() {
      if (on) setOn(false);
      unsubscribeRatings();
      unsubscribeStore();
      unsubscribePlaying();
      window.removeEventListener('keydown', onKey);
      toggle.remove();
      panel.remove();
    },
    probe: () => ({
      on,
      pending: pending().length,
      text: pending()[0]?.suggestion.text ?? null,
    }),
  };
}
