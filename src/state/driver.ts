/**
 * The playback driver: every animation frame, advance the store by the real
 * time since the last frame, or, while a jump is in progress, run as many
 * steps as fit in a frame's time budget so the page stays responsive.
 */
import type { GameStore } from './store';

export interface FrameSource {
  request(callback: (now: number) => void): number;
  cancel(handle: number): void;
  /** A monotonic clock in milliseconds (for the jump's time budget); default performance.now. */
  now?(): number;
}

/** Milliseconds of each frame a jump may spend running steps. */
export const JUMP_BUDGET_MS = 12;

/** Returns a function that stops the driver. */
export function startPlaybackDriver(
  store: GameStore,
  frames: FrameSource = {
    request: (cb) => requestAnimationFrame(cb),
    cancel: (h) => cancelAnimationFrame(h),
  },
): () => void {
  const now = frames.now ?? (() => performance.now());
  let last: number | null = null;
  let handle = 0;
  let stopped = false;
  const frame = (t: number): void => {
    if (stopped) return;
    const s = store.getState();
    if (s.jump) {
      const deadline = now() + JUMP_BUDGET_MS;
      s.jumpChunk(() => now() >= deadline);
    } else if (last !== null) {
      s.advance((t - last) / 1000);
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
