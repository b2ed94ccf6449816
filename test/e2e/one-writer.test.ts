/**
 * One writer per run, with two pages of one browser (issue 11, part 2):
 * the second page opens the first's run read-only with a plain notice and
 * saves nothing; "Take over" makes it the writer, reading what the first
 * saved, and the first page becomes read-only. Web Locks and a
 * BroadcastChannel are the browser's own (Chromium), not stand-ins.
 */
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium';
import { captureErrors, gameState, openGame, storageState, waitForGame } from './page';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Play at turbo until at least `steps` steps have run in total, then pause. */
async function playTo(page: Page, steps: number): Promise<void> {
  await page.getByTestId('speed').selectOption('turbo');
  await page.getByTestId('play').click();
  await page.waitForFunction(
    (n) => {
      const s = window.__propersim?.getState();
      return s != null && (s.day - 1) * 576 + s.step + 1 >= n;
    },
    steps,
    { timeout: 60_000 },
  );
  await page.getByTestId('play').click();
}

const flush = (page: Page): Promise<void> =>
  page.evaluate(async () => {
    await window.__propersim?.flush?.();
  });

/** The steps saved for run `id`, read from IndexedDB by the page's own store. */
async function savedStepsOf(page: Page, id: string): Promise<number> {
  return page.evaluate(async (runId) => {
    const open = indexedDB.open('propersim-runs');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const names = [...db.objectStoreNames];
    const storeName = names.find((n) => n === 'steps') ?? names[0]!;
    const tx = db.transaction(storeName, 'readonly');
    const all = await new Promise<unknown[]>((resolve, reject) => {
      const req = tx.objectStore(storeName).getAll();
      req.onsuccess = () => resolve(req.result as unknown[]);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return all.filter((r) => (r as { runId?: string }).runId === runId).length;
  }, id);
}

describe('one writer per run', () => {
  it('a second page is read-only, can take over, and the first then saves nothing', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const first = await context.newPage();
    const firstErrors = captureErrors(first);
    await openGame(first, `${baseUrl}?persona=aisha-bello&assistant=propera&seed=8`, {
      saving: true,
    });
    await playTo(first, 400);
    await flush(first);
    const { runId } = await storageState(first);
    expect(runId).toMatch(/^run-/);

    // The same run in a second page: the first page's address names it.
    expect(first.url()).toContain(`run=${runId}`);
    const second = await context.newPage();
    const secondErrors = captureErrors(second);
    await openGame(second, first.url(), { saving: true });
    await second.waitForFunction(() => window.__propersim?.storage?.().readOnly === true);
    const notice = second.getByTestId('storage-notice');
    await expect.poll(() => notice.isVisible()).toBe(true);
    expect(await second.getByTestId('storage-notice-text').textContent()).toMatch(
      /open in another tab.*read-only: nothing you do is saved/,
    );
    expect(await second.getByTestId('storage-notice-take-over').isVisible()).toBe(true);
    // Play does not run here while read-only.
    await second.getByTestId('play').click();
    await second.waitForTimeout(300);
    expect((await gameState(second)).playing).toBe(false);

    // The first page plays on and saves.
    await playTo(first, 700);
    await flush(first);
    const firstState = await gameState(first);
    const savedByFirst = (firstState.day - 1) * 576 + firstState.step + 1;

    // Take over: the second page reads what the first saved and becomes the writer.
    await second.getByTestId('storage-notice-take-over').click();
    await second.waitForFunction(() => window.__propersim?.storage?.().readOnly === false);
    await waitForGame(second, { saving: true });
    const taken = await gameState(second);
    expect((taken.day - 1) * 576 + taken.step + 1).toBe(savedByFirst);
    // The first page is told, and is read-only now.
    await first.waitForFunction(() => window.__propersim?.storage?.().readOnly === true);
    expect(await first.getByTestId('storage-notice-text').textContent()).toMatch(
      /Another tab took this run over/,
    );
    const savedBefore = await savedStepsOf(second, runId!);
    // The first page cannot add steps now; the second can.
    await first.getByTestId('play').click();
    await first.waitForTimeout(300);
    await flush(first);
    expect(await savedStepsOf(second, runId!)).toBe(savedBefore);
    await playTo(second, 900);
    await flush(second);
    expect(await savedStepsOf(second, runId!)).toBeGreaterThan(savedBefore);
    expect(firstErrors).toEqual([]);
    expect(secondErrors).toEqual([]);
    await context.close();
  }, 180_000);
});
