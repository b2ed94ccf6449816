/**
 * The evidence an import recorded for a field, shown next to it in the
 * persona form: the value read, the clause it came from (quoted, as text),
 * or the default used and why. Imported words go in through textContent.
 */
import type { Evidence } from '../../core/import/evidence';
import type { Persona } from '../../core/persona';
import { el } from '../dom';

const HOW: Record<Evidence['how'], string> = {
  derived: 'read',
  default: 'default',
  unmapped: 'not mapped',
  note: 'note',
};

/** Evidence for exactly this field, or (with `prefix`) for it and everything under it. */
export function evidenceFor(p: Persona, key: string, prefix = false): Evidence[] {
  const all = p.derivation?.evidence ?? [];
  return all.filter((e) => e.field === key || (prefix && e.field.startsWith(`${key}.`)));
}

function line(e: Evidence): HTMLElement {
  const li = el('li', { class: `pe-ev pe-ev-${e.how}`, 'data-how': e.how, 'data-field': e.field });
  li.append(el('span', { class: 'pe-ev-how' }, HOW[e.how]));
  const what = e.how === 'unmapped' ? '' : e.value;
  if (what) li.append(el('span', { class: 'pe-ev-value' }, what));
  if (e.quote) li.append(el('q', { class: 'pe-ev-quote' }, e.quote));
  const note = e.how === 'derived' ? e.note : (e.note ?? '');
  if (note) li.append(el('span', { class: 'pe-ev-why' }, note));
  li.title = `from ${e.from}`;
  return li;
}

/** A compact list of evidence lines, or null when there is none. */
export function evidenceList(items: readonly Evidence[], title: string): HTMLElement | null {
  if (items.length === 0) return null;
  const box = el('details', { class: 'pe-evidence', 'data-testid': 'pe-evidence' });
  const problems = items.filter((e) => e.how === 'unmapped' || e.how === 'default').length;
  box.open = true;
  box.append(
    el(
      'summary',
      {},
      `${title} (${items.length}${problems ? `, ${problems} not from the words` : ''})`,
    ),
  );
  const ul = el('ul');
  for (const e of items) ul.append(line(e));
  box.append(ul);
  return box;
}
