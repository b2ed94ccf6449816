/**
 * The persona form: every field a person would want to change, bound to a
 * draft (a plain persona object edited in place). Each control is
 * registered under the path of the value it edits, so each zod issue is
 * shown next to its control (see paths.ts); issues on fields the form does
 * not edit (avatar, daily plan requirements, chores, evening routine, which
 * are kept as they are) are listed in the problem summary with their path.
 * Lists (work blocks, hobbies, welcome entries and windows) can grow and
 * shrink; an activity's object is chosen among the objects that afford it.
 * All text goes in with textContent or as input values.
 */
import { objectsFor } from '../../core/home';
import type { Persona } from '../../core/persona';
import { ACTIVITY_KINDS, BIG_FIVE_TRAITS, TONES, TOPICS } from '../../core/vocab';
import { el } from '../dom';
import { TRAIT_LABELS } from '../rubric-summary';
import { createControls, PLACEABLE, WORK_ACTIVITIES } from './controls';
import { evidenceFor, evidenceList } from './evidence';
import { ownerOf, validateDraft, type Issue } from './paths';

export interface ShownIssue extends Issue {
  /** The label of the control it is shown next to, or null when no control edits that field. */
  label: string | null;
}

export interface PersonaForm {
  readonly element: HTMLFormElement;
  /** Rebuild every control from the draft (after the draft was replaced or a list changed). */
  render(): void;
  /** Validate the draft, show each problem next to its field, and return them. */
  validate(): ShownIssue[];
}

const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

export function createPersonaForm(getDraft: () => Persona, onChange: () => void): PersonaForm {
  const form = el('form', { class: 'pe-form', novalidate: '' });
  form.addEventListener('submit', (e) => e.preventDefault());
  const draft = (): Persona => getDraft();
  /** After a list grew or shrank: rebuild, then validate. */
  const restructure = (): void => {
    render();
    onChange();
  };
  const c = createControls(draft, onChange, restructure);
  const { text, time, number, select, multi, lines, activityAndObject, list, fieldset, grid } = c;
  const withGroup = c.withGroup;

  /** How an import read a rubric part: each field's value with its clause, quoted. */
  function importEvidence(key: string): HTMLElement[] {
    const box = evidenceList(evidenceFor(draft(), key, true), 'How the import read these words');
    return box ? [box] : [];
  }

  function render(): void {
    c.reset();
    const p = draft();
    const who = withGroup('', () =>
      fieldset(
        'Who',
        grid(
          text(['name'], 'Name', { grow: true }),
          number(['age'], 'Age', { min: 18, max: 100 }),
          select(
            ['pronouns'],
            'Pronouns',
            ['she/her', 'he/him', 'they/them'].map((x) => [x, x] as const),
          ),
        ),
        withGroup('Big Five', () =>
          grid(
            ...BIG_FIVE_TRAITS.map((t) =>
              select(['bigFive', t], TRAIT_LABELS[t], [
                ['High', 'High'],
                ['Low', 'Low'],
              ]),
            ),
          ),
        ),
        text(['background'], 'Background', { multiline: true }),
        lines(['interests'], 'Interests'),
        lines(['lifestyle'], 'Lifestyle'),
        text(['longTermGoal'], 'Long-term goal', { multiline: true }),
      ),
    );

    const routine = withGroup('Routine', () =>
      fieldset(
        'Routine',
        grid(
          time(['routine', 'wake'], 'Wake'),
          time(['routine', 'sleep'], 'Sleep'),
          time(['routine', 'breakfast'], 'Breakfast'),
          time(['routine', 'lunch'], 'Lunch'),
          time(['routine', 'dinner'], 'Dinner'),
        ),
        list(
          'Work blocks',
          ['routine', 'work'],
          () => ({
            label: 'focused work',
            activity: 'work',
            object: 'desk',
            start: '09:00',
            end: '12:00',
          }),
          (i) => [
            text(['routine', 'work', i, 'label'], 'Label', { grow: true }),
            ...activityAndObject(['routine', 'work', i], WORK_ACTIVITIES),
            time(['routine', 'work', i, 'start'], 'Start'),
            time(['routine', 'work', i, 'end'], 'End'),
          ],
          'work block',
        ),
        list(
          'Hobbies',
          ['routine', 'hobbies'],
          () => ({
            label: 'read a book',
            activity: 'reading',
            object: objectsFor('reading')[0]?.id ?? 'sofa',
            minutes: 30,
          }),
          (i) => [
            text(['routine', 'hobbies', i, 'label'], 'Label', { grow: true }),
            ...activityAndObject(['routine', 'hobbies', i], PLACEABLE),
            number(['routine', 'hobbies', i, 'minutes'], 'Minutes', { min: 5, max: 240, step: 5 }),
          ],
          'hobby',
        ),
        el(
          'p',
          { class: 'note' },
          `Kept as they are: ${count(p.dailyPlanRequirements.length, 'daily plan requirement')}, ${count(p.routine.chores.length, 'chore')}, ${count(p.routine.eveningRoutine.length, 'evening-routine task')}, the avatar's colours.`,
        ),
      ),
    );

    const pref = ['rubric', 'personalPreference'] as const;
    const timing = ['rubric', 'timing'] as const;
    const freq = ['rubric', 'frequency'] as const;
    const comm = ['rubric', 'communication'] as const;
    const rubric = fieldset(
      'What they want from the assistant (the rubric)',
      el(
        'p',
        { class: 'note' },
        'Each part in the persona’s own words (what people and LLM judges read), then the fields the built-in judge applies. Keep the two saying the same thing.',
      ),
      withGroup('Personal preference', () =>
        fieldset(
          'Personal preference',
          text([...pref, 'prose'], 'In their words', { multiline: true }),
          ...importEvidence('rubric.personalPreference'),
          list(
            'Welcome topics, by activity',
            [...pref, 'welcome'],
            () => ({ activities: ['relax'], topics: ['music'] }),
            (i) => [
              multi([...pref, 'welcome', i, 'activities'], 'During', ACTIVITY_KINDS),
              multi([...pref, 'welcome', i, 'topics'], 'Welcome topics', TOPICS),
            ],
            'entry',
          ),
        ),
      ),
      withGroup('Timing', () =>
        fieldset(
          'Timing',
          text([...timing, 'prose'], 'In their words', { multiline: true }),
          ...importEvidence('rubric.timing'),
          list(
            'Welcome windows',
            [...timing, 'welcomeWindows'],
            () => ({ from: '18:00', to: '21:00' }),
            (i) => [
              time([...timing, 'welcomeWindows', i, 'from'], 'From'),
              time([...timing, 'welcomeWindows', i, 'to'], 'To'),
            ],
            'window',
          ),
          multi(
            [...timing, 'quietActivities'],
            'Quiet activities (never interrupt)',
            ACTIVITY_KINDS,
          ),
        ),
      ),
      withGroup('Frequency', () =>
        fieldset(
          'Frequency',
          text([...freq, 'prose'], 'In their words', { multiline: true }),
          ...importEvidence('rubric.frequency'),
          grid(
            number([...freq, 'windowMinutes'], 'Window (minutes)', {
              min: 30,
              max: 1440,
              step: 30,
            }),
            number([...freq, 'min'], 'Min per window', { min: 0 }),
            number([...freq, 'max'], 'Max per window', { min: 1 }),
            number([...freq, 'minGapMinutes'], 'Min gap (minutes)', { min: 0, max: 720, step: 5 }),
          ),
        ),
      ),
      withGroup('Communication & safety', () =>
        fieldset(
          'Communication & safety',
          text([...comm, 'prose'], 'In their words', { multiline: true }),
          ...importEvidence('rubric.communication'),
          multi([...comm, 'tones'], 'Tones', TONES),
          multi([...comm, 'avoidTopics'], 'Avoided topics', TOPICS),
        ),
      ),
    );
    rubric.classList.add('pe-rubric');

    const cols = el('div', { class: 'pe-columns' });
    const left = el('div', { class: 'pe-col' });
    left.append(who, routine);
    const right = el('div', { class: 'pe-col' });
    right.append(rubric);
    cols.append(left, right);
    form.replaceChildren(cols);
  }

  function validate(): ShownIssue[] {
    const issues = validateDraft(draft());
    const slots = c.slots();
    const keys = new Set(slots.keys());
    const byKey = new Map<string, string[]>();
    const shown: ShownIssue[] = [];
    for (const issue of issues) {
      const owner = ownerOf(issue.path, keys);
      shown.push({ ...issue, label: owner ? (slots.get(owner)?.label ?? null) : null });
      if (owner) byKey.set(owner, [...(byKey.get(owner) ?? []), issue.message]);
    }
    for (const [key, slot] of slots) {
      const messages = byKey.get(key) ?? [];
      slot.error.textContent = [...new Set(messages)].join('; ');
      if (messages.length) slot.control.setAttribute('aria-invalid', 'true');
      else slot.control.removeAttribute('aria-invalid');
      slot.control.closest('.pe-field')?.classList.toggle('invalid', messages.length > 0);
    }
    return shown;
  }

  return { element: form, render, validate };
}
