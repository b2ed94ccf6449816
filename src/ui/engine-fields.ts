/** Small form pieces the engine settings' panes share. */
import type { PlainError } from './engine-words';
import { el, setText } from './dom';

export function labelled(text: string, control: HTMLElement, hint?: string): HTMLLabelElement {
  const label = el('label', { class: 'eng-field' });
  label.append(el('span', { class: 'eng-label' }, text), control);
  if (hint) label.append(el('span', { class: 'eng-hint' }, hint));
  return label;
}

export function checkbox(
  testid: string,
  text: string,
): { label: HTMLLabelElement; box: HTMLInputElement } {
  const label = el('label', { class: 'eng-check' });
  const box = el('input', { type: 'checkbox', 'data-testid': testid });
  label.append(box, el('span', {}, text));
  return { label, box };
}

/** A number field's value: null when empty or not a number ≥ 0. */
export function numberOf(input: HTMLInputElement): number | null {
  const text = input.value.trim();
  if (!text) return null;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

export function renderPlainError(target: HTMLElement, e: PlainError): void {
  target.replaceChildren();
  target.className = 'eng-result bad';
  target.append(el('strong', {}, e.headline));
  if (e.fix) target.append(el('p', {}, e.fix));
  if (e.command) {
    const row = el('p', { class: 'eng-command' });
    const code = el('code', { 'data-testid': 'engine-fix-command' }, e.command);
    const copy = el('button', { type: 'button', class: 'eng-small' }, 'Copy');
    copy.addEventListener('click', () => {
      void navigator.clipboard?.writeText(e.command ?? '').then(
        () => setText(copy, 'Copied'),
        () => setText(copy, 'Select and copy it'),
      );
    });
    row.append(code, copy);
    target.append(row);
  }
  if (e.detail && e.detail !== e.headline) {
    target.append(el('p', { class: 'eng-detail' }, e.detail));
  }
}
