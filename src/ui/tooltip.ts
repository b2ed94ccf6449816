/**
 * The floating tooltip of the canvas panels (the day timeline, the timing
 * atlas): lines of text (the first as a title) placed beside the pointer.
 * Text only, through textContent. The page has one tooltip element, shared by
 * every panel and made on first use; it goes when the last panel lets go.
 */
import { el } from './dom';

export interface Tooltip {
  /** Show `lines` by the pointer (no lines: hide). */
  show(lines: readonly string[], e: MouseEvent): void;
  hide(): void;
  dispose(): void;
}

let node: HTMLElement | null = null;
let users = 0;

export function createTooltip(): Tooltip {
  users++;
  let disposed = false;
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
      if (disposed) return;
      disposed = true;
      users--;
      if (users === 0) {
        node?.remove();
        node = null;
      }
    },
  };
}
