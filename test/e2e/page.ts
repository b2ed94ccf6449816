/**
 * What every browser test does with a page: open the game, collect its
 * console errors and uncaught exceptions, wait for the home to be drawn (and
 * saving to have started), and read the debug hook (src/main.ts).
 */
import type { Page } from 'playwright-core';
import type { DebugState } from '../../src/main';

/** Console errors and uncaught exceptions of the page, as they happen. */
export function captureErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

export interface OpenOptions {
  /** Also wait until saving has started (a saved run restored, or a new one started). */
  saving?: boolean;
  timeoutMs?: number;
}

/** Go to `url` and wait for the home scene (and saving, when asked). */
export async function openGame(page: Page, url: string, options: OpenOptions = {}): Promise<void> {
  const timeout = options.timeoutMs ?? 30_000;
  await page.goto(url, { timeout: Math.max(timeout, 30_000) });
  await waitForGame(page, options);
}

/** The home is drawn (and, when asked, saving has started). */
export async function waitForGame(page: Page, options: OpenOptions = {}): Promise<void> {
  await page.waitForFunction(
    (saving) =>
      window.__propersim?.getState().view != null &&
      (!saving || window.__propersim?.storage != null),
    options.saving === true,
    { timeout: options.timeoutMs ?? 30_000 },
  );
}

/** What the game shows, from its debug hook. */
export function gameState(page: Page): Promise<DebugState> {
  return page.evaluate(() => {
    const s = window.__propersim?.getState();
    if (!s) throw new Error('no debug hook');
    return s;
  });
}

/** Storage counters and the saved run's id, from the debug hook. */
export function storageState(page: Page) {
  return page.evaluate(() => {
    const s = window.__propersim?.storage?.();
    if (!s) throw new Error('no storage hook');
    return s;
  });
}
