/**
 * A floating tooltip for canvas panels (the timing atlas, the policy view):
 * lines of text (the first as a title) placed beside the pointer. Text
 * only, through textContent.
 */
import { el } from './dom';

export interface Tooltip {
  show(lines: readonly string[], e: MouseEvent): void;
  hide(): void;
  dispose(): void;
}

export function createTooltip(): Tooltip {
  const node = el('div', { class: 'tooltip', role: 'tooltip' });
  node.hidden = true;
  document.body.append(node);
  return {
    show(lines, e) {
      if (lines.length === 0) {
        node.hidden = true;
        return;
      }
      node.replaceChildren(
        el('div', { class: 'tt-title' }, lines[0] as string),
        ...lines.slice(1).map((l) => el('div', {}, l)),
      );
      node.hidden = false;
      const w = node.offsetWidth;
      const h = node.offsetHeight;
      const left = Math.min(window.innerWidth - w - 6, e.clientX + 14);
      const top = e.clientY - h - 10 < 4 ? e.clientY + 16 : e.clientY - h - 10;
      node.style.left = `${Math.max(4, left)}px`;
      node.style.top = `${Math.max(4, top)}px`;
    },
    hide() {
      node.hidden = true;
    },
    dispose() {
      node.remove();
    },
  };
}
