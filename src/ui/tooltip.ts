/**
 * A floating tooltip for canvas panels (the timing atlas): lines of text
 * (the first as a title) placed beside the pointer, looking like the
 * timeline's. Text only, through textContent. The element is made on first
 * use, so a page that never hovers an atlas has only the timeline's.
 */
import { el } from './dom';

export interface Tooltip {
  show(lines: readonly string[], e: MouseEvent): void;
  hide(): void;
  dispose(): void;
}

export function createTooltip(): Tooltip {
  let node: HTMLElement | null = null;
  return {
    show(lines, e) {
      if (lines.length === 0) {
        if (node) node.hidden = true;
        return;
      }
      if (!node) {
        node = el('div', { class: 'tooltip', role: 'tooltip' });
        document.body.append(node);
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
      if (node) node.hidden = true;
    },
    dispose() {
      node?.remove();
      node = null;
    },
  };
}
