/**
 * The persona form's controls, each bound to a path of the draft: text,
 * time, number, select, multi-select, lines, an activity with its object,
 * growing lists, sections. Every control registers a slot (its label, the
 * element, its error line) under its path, so validation can show each
 * problem next to the control that edits it.
 */
import { OBJECTS, objectsFor } from '../../core/home';
import { ACTIVITY_KINDS, type ActivityKind } from '../../core/vocab';
import { el } from '../dom';
import { evidenceFor, evidenceList } from './evidence';
import { getAt, pathKey, setAt, type Path } from './paths';
import type { Persona } from '../../core/persona';

/** Activities some object in the home affords (a task needs a place). */
export const PLACEABLE = ACTIVITY_KINDS.filter((k) => objectsFor(k).length > 0);
export const WORK_ACTIVITIES = ['work', 'study', 'writing', 'hobby'] as const;

export interface Slot {
  label: string;
  control: HTMLElement;
  error: HTMLElement;
}

let uid = 0;

/** The controls of one form over a draft; `restructure` rebuilds the form after a list changed. */
export function createControls(
  draft: () => Persona,
  onChange: () => void,
  restructure: () => void,
) {
  let slots = new Map<string, Slot>();
  let group = '';
  const get = (path: Path): unknown => getAt(draft(), path);
  const set = (path: Path, value: unknown): void => {
    setAt(draft(), path, value);
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

  return {
    text,
    time,
    number,
    select,
    multi,
    lines,
    activityAndObject,
    list,
    fieldset,
    grid,
    withGroup,
    /** The slots registered since the last `reset` (one per control, by path). */
    slots: (): ReadonlyMap<string, Slot> => slots,
    /** Forget the slots: the form is about to be rebuilt. */
    reset: () => {
      slots = new Map();
    },
  };
}
