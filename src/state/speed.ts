/** Playback speeds: simulated seconds per real second, or a whole day in ~1.5 s. */
export type Speed = 1 | 8 | 64 | 512 | 'turbo';
export const SPEEDS: readonly Speed[] = [1, 8, 64, 512, 'turbo'];

/** Turbo plays a day (86 400 simulated seconds, 576 steps) in about 1.5 real seconds. */
const TURBO_SIM_SECONDS_PER_REAL_SECOND = 86_400 / 1.5;

export function simSecondsPerRealSecond(speed: Speed): number {
  return speed === 'turbo' ? TURBO_SIM_SECONDS_PER_REAL_SECOND : speed;
}

export function speedLabel(speed: Speed): string {
  return speed === 'turbo' ? 'Turbo' : `${speed}×`;
}

export function parseSpeed(text: string): Speed | null {
  return SPEEDS.find((s) => String(s) === text) ?? null;
}

/**
 * "Watch walks": while the persona walks from one room to another, the clock
 * runs at most at this speed (8×: a walk across the home, ~30 simulated
 * seconds, takes ~4 real seconds), whatever the chosen speed short of turbo.
 */
export const WALK_WATCH_SPEED = 8;

/** The speed the clock runs at now: the chosen one, slowed to WALK_WATCH_SPEED during a walk. */
export function effectiveSpeed(speed: Speed, watchWalks: boolean, walking: boolean): Speed {
  if (!watchWalks || !walking || speed === 'turbo') return speed;
  return speed > WALK_WATCH_SPEED ? WALK_WATCH_SPEED : speed;
}
