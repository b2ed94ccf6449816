/**
 * The tabs under the map: the day timeline, the timing atlas, what the
 * assistant has learned, and side by side. One panel shows at a time; each
 * panel is told when it is shown (it draws only then).
 */
import { el } from './dom';

export interface TabPanel {
  id: string;
  label: string;
  root: HTMLElement;
  /** Called with true when the panel is shown, false when hidden. */
  onShow?(shown: boolean): void;
}

export function mountTabs(
  bar: HTMLElement,
  panels: readonly TabPanel[],
): { show(id: string): void } {
  const list = el('div', { role: 'tablist', 'aria-label': 'What the bottom panel shows' });
  const buttons = panels.map((p) => {
    const b = el(
      'button',
      {
        type: 'button',
        role: 'tab',
        'data-testid': `tab-${p.id}`,
        'aria-controls': p.root.id,
      },
      p.label,
    );
    b.addEventListener('click', () => show(p.id));
    list.append(b);
    return b;
  });
  bar.prepend(list);
  const show = (id: string): void => {
    panels.forEach((p, i) => {
      const on = p.id === id;
      const b = buttons[i] as HTMLButtonElement;
      b.setAttribute('aria-selected', String(on));
      b.classList.toggle('active', on);
      if (p.root.hidden === on) {
        p.root.hidden = !on;
        p.onShow?.(on);
      }
    });
  };
  show(panels[0]?.id ?? '');
  return { show };
}
