/**
 * Exploring a run in headless Chromium against the built game: jumps in the
 * simulation worker (land at the end of the day typed, progress, cancel, a
 * page that keeps drawing), the timing atlas, "what if", what the assistant
 * has learned, side by side, and time travel. Screenshots go to the temp
 * folder (1366×768).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium';
import { captureErrors, gameState, openGame } from './page';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function open(query: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  // Not a first visit: no guide over the page.
  await context.addInitScript(() => localStorage.setItem('propersim:guide-seen', '1'));
  const page = await context.newPage();
  const errors = captureErrors(page);
  await openGame(page, `${baseUrl}${query}`);
  return { page, errors };
}

/** Type a day into the jump control, press Enter, and wait for the jump to land. */
async function jumpToEndOf(page: Page, day: number): Promise<void> {
  await page.getByTestId('jump-day').fill(String(day));
  await page.getByTestId('jump-day').press('Enter');
  await page.waitForFunction(() => window.__propersim?.getState().jumping === false, undefined, {
    timeout: 120_000,
  });
}

describe('jumps', () => {
  it('land at the end of the day typed, run in a worker with progress, and cancel cleanly', async () => {
    const { page, errors } = await open('?persona=amara-okafor&assistant=propera&seed=5');
    // Frames drawn while the worker runs: the page stays responsive.
    await page.evaluate(() => {
      const w = window as unknown as { frameCount: number };
      w.frameCount = 0;
      const tick = (): void => {
        w.frameCount++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.getByTestId('jump-day').fill('3');
    await page.getByTestId('jump-day').press('Enter');
    await page.getByTestId('jump-progress').waitFor({ state: 'visible' });
    expect(await page.getByTestId('jump-go').textContent()).toBe('Cancel');
    const framesBefore = await page.evaluate(
      () => (window as unknown as { frameCount: number }).frameCount,
    );
    await page.waitForFunction(() => window.__propersim?.getState().jumping === false, undefined, {
      timeout: 120_000,
    });
    const framesAfter = await page.evaluate(
      () => (window as unknown as { frameCount: number }).frameCount,
    );
    expect(framesAfter - framesBefore).toBeGreaterThan(10);
    const s = await gameState(page);
    expect(s).toMatchObject({ day: 3, daysDone: 3, error: null });
    // The end of day 3: its last step has run (the day is complete).
    expect(s.minute).toBeGreaterThanOrEqual(1437.5);
    expect(await page.getByTestId('jump-progress').isVisible()).toBe(false);

    // Cancel: nothing changes.
    await page.getByTestId('jump-day').fill('9');
    await page.getByTestId('jump-day').press('Enter');
    await page.getByTestId('jump-go').click();
    await page.waitForFunction(() => window.__propersim?.getState().jumping === false);
    await page.waitForTimeout(300);
    const after = await gameState(page);
    expect(after.day).toBe(3);
    expect(after.version).toBe(s.version);
    await page.screenshot({ path: join(tmpdir(), 'propersim-explore-jump.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
