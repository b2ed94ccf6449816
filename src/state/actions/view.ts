/** How the map is shown: its zoom and whether its camera follows the persona (presenter mode: display.ts). */
import type { ActionContext } from './context';

/** Zoom levels of the map. */
export const ZOOMS = [1, 1.5, 2, 3] as const;

export interface ViewActions {
  /** Zoom in (+1) or out (−1) a level, or to a level. */
  zoom(by: 1 | -1): void;
  setFollow(on: boolean): void;
}

export function viewActions({ get, set }: ActionContext): ViewActions {
  return {
    zoom(by) {
      const v = get().view;
      const at = ZOOMS.findIndex((z) => z >= v.zoom);
      const next = ZOOMS[Math.max(0, Math.min(ZOOMS.length - 1, (at < 0 ? 0 : at) + by))] ?? 1;
      if (next !== v.zoom) set({ view: { ...v, zoom: next } });
    },
    setFollow(on) {
      const v = get().view;
      if (v.follow !== on) set({ view: { ...v, follow: on } });
    },
  };
}
