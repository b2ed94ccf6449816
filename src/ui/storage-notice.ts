/**
 * A plain notice when runs cannot be saved (a private window, blocked or
 * full storage): it says so in the words storage chose, and the game plays
 * on in memory. It can be dismissed; a new problem shows it again.
 */
import type { GameStore } from '../state/store';
import { el, setText } from './dom';

export function mountStorageNotice(overlays: HTMLElement, store: GameStore): () => void {
  const notice = el('div', {
    class: 'storage-notice',
    role: 'status',
    'data-testid': 'storage-notice',
  });
  notice.hidden = true;
  const textNode = el('p', { 'data-testid': 'storage-notice-text' });
  const dismiss = el(
    'button',
    { type: 'button', 'data-testid': 'storage-notice-dismiss', title: 'Hide this notice' },
    'OK',
  );
  const title = el('strong');
  notice.append(title, textNode, dismiss);
  overlays.append(notice);

  let dismissed: string | null = null;
  const render = (): void => {
    const { problem, persistent } = store.getState().saving;
    setText(title, persistent ? 'Saved runs' : 'Not saving');
    if (problem) setText(textNode, problem);
    notice.hidden = !problem || problem === dismissed;
  };
  dismiss.addEventListener('click', () => {
    dismissed = store.getState().saving.problem;
    render();
  });
  const unsubscribe = store.subscribe(
    (s) => s.saving.changes,
    () => render(),
  );
  render();
  return () => {
    unsubscribe();
    notice.remove();
  };
}
