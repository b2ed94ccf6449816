/** How the page shows the run, apart from the run: presenter mode. */
import type { ActionContext } from './context';

export interface DisplayActions {
  /** Large type on the map and fewer panels, for a projector. */
  setPresenter(on: boolean): void;
  /** Say why something the page was asked for (a link's parameter) was changed or refused. */
  report(message: string): void;
}

export function displayActions({ get, set }: ActionContext): DisplayActions {
  return {
    setPresenter(on) {
      if (get().presenter !== on) set({ presenter: on });
    },
    report(message) {
      set({ error: message });
    },
  };
}
