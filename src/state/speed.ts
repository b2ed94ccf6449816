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

/** Walks play at this many simulated seconds per real second with "slow walks" on: a walk takes ~5–10 s. */
export const WALK_SIM_SECONDS_PER_REAL_SECOND = 4;
