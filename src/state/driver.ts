/**
 * The playback driver: every animation frame, advance the store by the
 * real time since the last frame, or, while a jump is in progress, run as
 * many steps as fit in a frame's time budget so the page stays responsive.
 */
import type { Game } from './create-game';
import type { FrameSource } from './ports';

export type { FrameSource } from './ports';

/** Milliseconds of each frame a jump may spend running steps… */
export const JUMP_BUDGET_MS = 12;
/**
 * …or, when frames come slowly (drawing the map is slow with software WebGL), up to half the
 * last frame's interval, at most this: the jump keeps its share of the time, the page stays
 * responsive within a frame or so.
 */
export const JUMP_BUDGET_MAX_MS = 60;

/** A jump's time budget for a frame that came `intervalMs` after the last. */
export function jumpBudget(intervalMs: number | null): number {
  if (intervalMs === null || !Number.isFinite(intervalMs)) return JUMP_BUDGET_MS;
  return Math.min(JUMP_BUDGET_MAX_MS, Math.max(JUMP_BUDGET_MS, intervalMs / 2));
}

/** Returns a function that stops the driver. */
export function startPlaybackDriver(
  game: Pick<Game, 'store' | 'actions'>,
  frames: FrameSource,
  monotonic: () => number = () => frames.now?.() ?? 0,
): () => void {
  const now = frames.now ?? monotonic;
  let last: number | null = null;
  let handle = 0;
  let stopped = false;
  const frame = (t: number): void => {
    if (stopped) return;
    if (game.store.getState().jump) {
      const deadline = now() + jumpBudget(last === null ? null : t - last);
      game.actions.jumpChunk(() => now() >= deadline);
    } else if (last !== null) {
      game.actions.advance((t - last) / 1000);
    }
    last = t;
    handle = frames.request(frame);
  };
  handle = frames.request(frame);
  return () => {
    stopped = true;
    frames.cancel(handle);
  };
}
