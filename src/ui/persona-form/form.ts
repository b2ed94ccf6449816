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
import { OBJECTS, objectsFor } from '../../core/home';
import type { Persona } from '../../core/persona';
import {
  ACTIVITY_KINDS,
  BIG_FIVE_TRAITS,
  TONES,
  TOPICS,
  type ActivityKind,
} from '../../core/vocab';
import { el } from '../dom';
import { TRAIT_LABELS } from '../rubric-summary';
import { evidenceFor, evidenceList } from './evidence';
import { getAt, ownerOf, pathKey, setAt, validateDraft, type Issue, type Path } from './paths';

/** Activities some object in the home affords (a task needs a place). */
const PLACEABLE = ACTIVITY_KINDS.filter((k) => objectsFor(k).length > 0);
const WORK_ACTIVITIES = ['work', 'study', 'writing', 'hobby'] as const;

interface Slot {
  label: string;
  control: HTMLElement;
  error: HTMLElement;
}

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

let uid = 0;

const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

export function createPersonaForm(getDraft: () => Persona, onChange: () => void): PersonaForm {
  const form = el('form', { class: 'pe-form', novalidate: '' });
  form.addEventListener('submit', (e) => e.preventDefault());
  let slots = new Map<string, Slot>();
  let group = '';

  const draft = (): Persona => getDraft();
  const get = (path: Path): unknown => getAt(draft(), path);
  const set = (path: Path, value: unknown): void => {
    setAt(draft(), path, value);
    onChange();
  };
  /** After a list grew or shrank: rebuild, then validate. */
  const restructure = (): void => {
    render();
    onChange();
  };

  function field(path: Path, label: string, control: HTMLElement, wide = false): HTMLElement {
    const key = pathKey(path);
    const id = `pe-${++uid}`;
    const errorId = `${id}-error`;
    const box = el('div', { class: wide ? 'pe-field wide' : 'pe-field', 'data-path': key });
    const lab = el('label', { for: id }, label);
    control.id = id;
    control.setAttribute('aria-describedby', errorId);
    control.setAttribute('data-path', key);
    const error = el('div', { class: 'pe-error', id: errorId, 'data-error-for': key });
    box.append(lab, control, error);
    // Routine fields an import read from the words show where they came from.
    if (key.startsWith('routine.') || key === 'name' || key === 'pronouns') {
      const ev = evidenceList(evidenceFor(draft(), key), 'From the import');
      if (ev) box.append(ev);
    }
    slots.set(key, { label: group ? `${group} · ${label}` : label, control, error });
    return box;
  }

  function text(
    path: Path,
    label: string,
    opts: { multiline?: boolean; placeholder?: string; wide?: boolean; grow?: boolean } = {},
  ): HTMLElement {
    const input = opts.multiline
      ? el('textarea', { rows: '2' })
      : el('input', { type: 'text', spellcheck: 'false', autocomplete: 'off' });
    if (opts.placeholder) input.setAttribute('placeholder', opts.placeholder);
    const v = get(path);
    input.value = typeof v === 'string' ? v : '';
    input.addEventListener('input', () => set(path, input.value));
    const box = field(path, label, input, opts.wide ?? opts.multiline);
    if (opts.grow) box.classList.add('grow');
    return box;
  }

  function time(path: Path, label: string): HTMLElement {
    const box = text(path, label, { placeholder: 'HH:MM' });
    box.classList.add('time');
    box.querySelector('input')?.setAttribute('maxlength', '5');
    return box;
  }

  function number(
    path: Path,
    label: string,
    opts: { min?: number; max?: number; step?: number } = {},
  ): HTMLElement {
    const input = el('input', { type: 'number', step: String(opts.step ?? 1) });
    if (opts.min !== undefined) input.min = String(opts.min);
    if (opts.max !== undefined) input.max = String(opts.max);
    const v = get(path);
    input.value = typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
    input.addEventListener('input', () =>
      set(path, input.value.trim() === '' ? Number.NaN : Number(input.value)),
    );
    const box = field(path, label, input);
    box.classList.add('num');
    return box;
  }

  function select(
    path: Path,
    label: string,
    options: readonly (readonly [string, string])[],
    onPick?: (v: string) => void,
  ): HTMLElement {
    const s = el('select');
    const current = String(get(path) ?? '');
    for (const [value, text] of options) s.append(el('option', { value }, text));
    if (!options.some(([v]) => v === current))
      s.append(el('option', { value: current }, `${current} (not valid)`));
    s.value = current;
    s.addEventListener('change', () => {
      if (onPick) onPick(s.value);
      else set(path, s.value);
    });
    return field(path, label, s);
  }

  /** A list of words picked with checkboxes in a drop-down (activities, topics, tones). */
  function multi(path: Path, label: string, words: readonly string[]): HTMLElement {
    const chosen = (): string[] => {
      const v = get(path);
      return Array.isArray(v) ? v.map(String) : [];
    };
    const picker = el('details', { class: 'pe-multi' });
    const summary = el('summary');
    const showSummary = (): void => {
      const c = chosen();
      summary.textContent = c.length ? c.join(', ') : '(none)';
    };
    const grid = el('div', { class: 'pe-multi-grid' });
    const known = new Set(words);
    for (const w of [...words, ...chosen().filter((c) => !known.has(c))]) {
      const box = el('input', { type: 'checkbox', value: w });
      box.checked = chosen().includes(w);
      box.addEventListener('change', () => {
        const now = chosen().filter((c) => c !== w);
        if (box.checked) now.push(w);
        // Keep the vocabulary's order, so the JSON reads the same way each time.
        const order = (x: string): number => (known.has(x) ? words.indexOf(x) : words.length);
        set(
          path,
          now.sort((a, b) => order(a) - order(b)),
        );
        showSummary();
      });
      const lab = el('label');
      lab.append(box, el('span', {}, w));
      grid.append(lab);
    }
    showSummary();
    picker.append(summary, grid);
    picker.tabIndex = -1;
    return field(path, label, picker, true);
  }

  /** A list of sentences, one per line. */
  function lines(path: Path, label: string): HTMLElement {
    const area = el('textarea', { rows: '3' });
    const v = get(path);
    area.value = Array.isArray(v) ? v.join('\n') : '';
    area.addEventListener('input', () =>
      set(
        path,
        area.value
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    );
    return field(path, `${label} (one per line)`, area, true);
  }

  /** An object select limited to the objects that afford an activity. */
  function objectOptions(activity: string, current: string): [string, string][] {
    const fit = objectsFor(activity as ActivityKind).map(
      (o) => [o.id, `${o.name} (${o.room})`] as [string, string],
    );
    if (!fit.some(([id]) => id === current)) {
      const o = OBJECTS.find((x) => x.id === current);
      if (o) fit.push([o.id, `${o.name} (${o.room}) — not a place for ${activity}`]);
    }
    return fit;
  }

  /** Activity + object selects: picking an activity moves the object to one that affords it. */
  function activityAndObject(base: Path, activities: readonly string[]): HTMLElement[] {
    const objPath = [...base, 'object'];
    const actPath = [...base, 'activity'];
    const objBox = select(
      objPath,
      'Object',
      objectOptions(String(get(actPath)), String(get(objPath))),
    );
    const objSelect = objBox.querySelector('select') as HTMLSelectElement;
    const actBox = select(
      actPath,
      'Activity',
      activities.map((a) => [a, a] as const),
      (value) => {
        setAt(draft(), actPath, value);
        const places = objectsFor(value as ActivityKind);
        if (!places.some((o) => o.id === get(objPath)) && places[0])
          setAt(draft(), objPath, places[0].id);
        objSelect.replaceChildren();
        const current = String(get(objPath));
        for (const [v, t] of objectOptions(value, current))
          objSelect.append(el('option', { value: v }, t));
        objSelect.value = current;
        onChange();
      },
    );
    return [actBox, objBox];
  }

  function list<T>(
    title: string,
    path: Path,
    newItem: () => T,
    row: (i: number) => HTMLElement[],
    itemName: string,
  ): HTMLElement {
    const box = el('div', { class: 'pe-list', 'data-path': pathKey(path) });
    const head = el('div', { class: 'pe-list-head' });
    head.append(el('h4', {}, title));
    const add = el('button', { type: 'button', class: 'pe-add' }, `+ Add ${itemName}`);
    add.addEventListener('click', () => {
      const arr = get(path);
      if (Array.isArray(arr)) arr.push(newItem());
      restructure();
    });
    head.append(add);
    // Problems with the list as a whole ("at least 2") show under its title.
    const listError = el('div', { class: 'pe-error', 'data-error-for': pathKey(path) });
    slots.set(pathKey(path), {
      label: group ? `${group} · ${title}` : title,
      control: box,
      error: listError,
    });
    box.append(head, listError);
    if (pathKey(path).startsWith('routine.')) {
      const ev = evidenceList(evidenceFor(draft(), pathKey(path)), 'From the import');
      if (ev) box.append(ev);
    }
    const arr = get(path);
    const n = Array.isArray(arr) ? arr.length : 0;
    for (let i = 0; i < n; i++) {
      const r = el('div', { class: 'pe-row' });
      const saved = group;
      group = `${group ? `${group} · ` : ''}${itemName} ${i + 1}`;
      r.append(...row(i));
      group = saved;
      const remove = el(
        'button',
        {
          type: 'button',
          class: 'pe-remove',
          title: `Remove ${itemName} ${i + 1}`,
          'aria-label': `Remove ${itemName} ${i + 1}`,
        },
        '✕',
      );
      remove.addEventListener('click', () => {
        const a = get(path);
        if (Array.isArray(a)) a.splice(i, 1);
        restructure();
      });
      r.append(remove);
      box.append(r);
    }
    return box;
  }

  function fieldset(legend: string, ...children: HTMLElement[]): HTMLElement {
    const f = el('fieldset', { class: 'pe-section' });
    f.append(el('legend', {}, legend), ...children);
    return f;
  }

  function grid(...children: HTMLElement[]): HTMLElement {
    const g = el('div', { class: 'pe-grid' });
    g.append(...children);
    return g;
  }

  function withGroup<T>(name: string, build: () => T): T {
    const saved = group;
    group = name;
    try {
      return build();
    } finally {
      group = saved;
    }
  }

  /** How an import read a rubric part: each field's value with its clause, quoted. */
  function importEvidence(key: string): HTMLElement[] {
    const box = evidenceList(evidenceFor(draft(), key, true), 'How the import read these words');
    return box ? [box] : [];
  }

  function render(): void {
    slots = new Map();
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
