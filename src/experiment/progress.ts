/**
 * A one-line progress bar on stderr, drawn only on a terminal (quiet when
 * stderr is a file or a pipe, so logs and CI stay clean).
 */
import type { WriteStream } from 'node:tty';

export interface Progress {
  /** Some units (simulated persona-days) were done. */
  tick(units?: number): void;
  /** A job (persona × assistant) was done. */
  jobDone(): void;
  done(): void;
}

const NOOP: Progress = { tick: () => {}, jobDone: () => {}, done: () => {} };

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function createProgress(
  totalUnits: number,
  totalJobs: number,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  const tty = stream as WriteStream;
  if (!tty.isTTY || totalUnits <= 0) return NOOP;
  const started = performance.now();
  let units = 0;
  let jobs = 0;
  let lastDraw = 0;
  const draw = (force: boolean): void => {
    const now = performance.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const frac = Math.min(1, units / totalUnits);
    const width = Math.max(10, Math.min(40, (tty.columns ?? 80) - 60));
    const filled = Math.round(frac * width);
    const elapsed = now - started;
    const eta = units > 0 ? (elapsed / units) * (totalUnits - units) : NaN;
    const line =
      `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% ` +
      `${jobs}/${totalJobs} runs, ${units}/${totalUnits} days · ${duration(elapsed)}` +
      (Number.isFinite(eta) && units < totalUnits ? ` · ETA ${duration(eta)}` : '');
    tty.write(`\r${line}\x1b[K`);
  };
  return {
    tick(n = 1) {
      units += n;
      draw(false);
    },
    jobDone() {
      jobs++;
      draw(false);
    },
    done() {
      draw(true);
      tty.write('\n');
    },
  };
}
