/**
 * A plain notice when runs cannot be saved (a private window, blocked or
 * full storage): it says so in the words storage chose, and the game plays
 * on in memory. It can be dismissed; a new problem shows it again.
 *
 * The same place says when the run on screen is read-only (another tab
 * writes it), with a button to take it over; that notice stays while the
 * run is read-only.
 */
import type { GameStore } from '../state/store';
import { el, setText } from './dom';

export function mountStorageNotice(
  overlays: HTMLElement,
  store: GameStore,
  takeOver?: () => Promise<void>,
): () => void {
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
  const take = el(
    'button',
    { type: 'button', class: 'primary', 'data-testid': 'storage-notice-take-over' },
    'Take over',
  );
  take.hidden = true;
  const title = el('strong');
  notice.append(title, textNode, take, dismiss);
  overlays.append(notice);

  let dismissed: string | null = null;
  const render = (): void => {
    const { problem, persistent, readOnly } = store.getState().saving;
    take.hidden = !readOnly || !takeOver;
    dismiss.hidden = readOnly !== null;
    notice.dataset.readOnly = readOnly ? 'true' : 'false';
    if (readOnly) {
      setText(title, 'Read-only');
      setText(textNode, readOnly.why);
      notice.hidden = false;
      return;
    }
    setText(title, persistent ? 'Saved runs' : 'Not saving');
    if (problem) setText(textNode, problem);
    notice.hidden = !problem || problem === dismissed;
  };
  take.addEventListener('click', () => {
    if (!takeOver) return;
    take.disabled = true;
    void takeOver()
      .catch((err: unknown) => {
        setText(textNode, `The run could not be taken over (${(err as Error).message}).`);
      })
      .finally(() => {
        take.disabled = false;
      });
  });
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
