/**
 * Presenter mode, for a class in front of a projector: a toggle in the top
 * bar that puts large type on the map (the HUD and the speech bubble, see
 * src/game/view), raises the page's contrast and hides the side panels, so
 * the map and today's timeline fill the screen. The choice is kept in this
 * browser; `?presenter=1` (or 0) in the address chooses it for one visit.
 */
import type { GameView } from '../state/create-game';
import { menuButton } from './runs';

export const PRESENTER_KEY = 'propersim:presenter';

function remembered(): boolean {
  try {
    return window.localStorage.getItem(PRESENTER_KEY) === '1';
  } catch {
    return false;
  }
}

function remember(on: boolean): void {
  try {
    if (on) window.localStorage.setItem(PRESENTER_KEY, '1');
    else window.localStorage.removeItem(PRESENTER_KEY);
  } catch {
    // Storage blocked: the mode still works for this visit.
  }
}

export function mountPresenter(menu: HTMLElement, game: GameView, search: string): () => void {
  const { store, actions } = game;
  const button = menuButton(
    'Presenter mode',
    'presenter',
    'Large type on the map, higher contrast, fewer panels: for a projector',
  );
  button.setAttribute('aria-pressed', 'false');
  menu.prepend(button);

  const asked = new URLSearchParams(search).get('presenter');
  const initial = asked === '1' ? true : asked === '0' ? false : remembered();
  let fromLink = asked === '1' || asked === '0';

  const apply = (on: boolean): void => {
    document.documentElement.classList.toggle('presenter', on);
    button.setAttribute('aria-pressed', String(on));
    button.classList.toggle('on', on);
  };
  const unsubscribe = store.subscribe(
    (s) => s.presenter,
    (on: boolean) => {
      apply(on);
      // A link's choice is for this visit; a click is remembered.
      if (!fromLink) remember(on);
      fromLink = false;
    },
  );
  button.addEventListener('click', () => actions.setPresenter(!store.getState().presenter));
  actions.setPresenter(initial);
  apply(store.getState().presenter);
  fromLink = false;

  return () => {
    unsubscribe();
    button.remove();
    document.documentElement.classList.remove('presenter');
  };
}
