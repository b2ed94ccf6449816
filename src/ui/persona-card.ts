/**
 * The persona card: who lives in the home (portrait, name, age, Big Five as
 * High/Low chips, background, interests, goal) and what they want from the
 * assistant: the four rubric parts as their own words, each with a one-line
 * summary of the structured fields the judge applies. All text goes in with
 * textContent.
 */
import type { Persona } from '../core/persona';
import type { GameStore } from '../state/store';
import { avatarSvg } from './avatar';
import { el } from './dom';
import { receptivitySummary, rubricParts, todaySummary, traitChips } from './rubric-summary';

export interface PersonaCardProbe {
  name: string;
  rubricParts: string[];
}

function render(root: HTMLElement, p: Persona, today: HTMLElement): void {
  const head = el('div', { class: 'persona-head' });
  const who = el('div');
  who.append(
    el('div', { class: 'persona-name', 'data-testid': 'persona-name' }, p.name),
    el('div', { class: 'muted small' }, `${p.age} · ${p.pronouns}`),
  );
  head.append(avatarSvg(p.avatar, 56, `Portrait of ${p.name}`), who);

  const traits = el('ul', { class: 'chips', 'aria-label': 'Big Five traits' });
  for (const t of traitChips(p)) {
    traits.append(el('li', { class: t.high ? 'chip high' : 'chip', title: t.label }, t.label));
  }
  const interests = el('ul', { class: 'chips', 'aria-label': 'Interests' });
  for (const i of p.interests) interests.append(el('li', { class: 'chip' }, i));

  const rubric = el('div', { 'data-testid': 'rubric' });
  rubric.append(el('h2', {}, `What ${firstName(p.name)} wants from the assistant`));
  for (const part of rubricParts(p.rubric)) {
    const box = el('section', { class: 'rubric-part', 'data-part': part.key });
    box.append(
      el('h3', {}, part.title),
      el('p', {}, part.prose),
      el('div', { class: 'summary', title: 'What the judge checks' }, part.summary),
    );
    rubric.append(box);
  }

  const moments = el('section', { class: 'rubric-part', 'data-part': 'receptivity' });
  moments.append(
    el('h3', {}, 'Moments'),
    el(
      'p',
      { class: 'muted small' },
      'When a suggestion lands, beyond the four parts: the receptivity model the judge applies (* = set by this persona).',
    ),
  );
  for (const line of receptivitySummary(p)) moments.append(el('div', { class: 'summary' }, line));
  rubric.append(moments);

  root.replaceChildren(
    head,
    traits,
    el('p', { class: 'persona-text' }, p.background),
    interests,
    el('p', { class: 'persona-text muted' }, `Goal: ${p.longTermGoal}`),
    today,
    rubric,
  );
}

function firstName(name: string): string {
  return name.split(/\s+/)[0] || name;
}

export function mountPersonaCard(
  root: HTMLElement,
  store: GameStore,
): { dispose(): void; probe(): PersonaCardProbe } {
  let shown: Persona | null = null;
  // Today's conditions: the kind of day the person is having (weekend, tired, busy).
  const today = el('p', { class: 'persona-text today', 'data-testid': 'persona-today' });
  const unsubscribe = store.subscribe(
    (s) => s.run.persona,
    (p) => {
      shown = p;
      render(root, p, today);
    },
    { fireImmediately: true },
  );
  const unsubscribeDay = store.subscribe(
    (s) => s.run.conditions,
    (c) => {
      today.textContent = c ? `Today: ${todaySummary(c)}` : '';
      today.title = c
        ? 'Drawn from the seed for this persona and day, the same for every assistant.'
        : '';
    },
    { fireImmediately: true },
  );
  return {
    dispose() {
      unsubscribe();
      unsubscribeDay();
      root.replaceChildren();
    },
    probe: () => ({
      name: shown?.name ?? '',
      rubricParts: [...root.querySelectorAll('.rubric-part h3')].map((h) => h.textContent ?? ''),
    }),
  };
}
