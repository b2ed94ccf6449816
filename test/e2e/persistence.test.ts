/**
 * Every run kept, in headless Chromium against the built game: a reload
 * brings the run back with no saved step lost (and replaying its saved
 * inputs gives the very same run), a run exports and imports whole, a
 * broken file is refused with the field named, runs can be renamed and
 * deleted, and with IndexedDB blocked a notice says so and the game plays on
 * in memory. Each test has a fresh browser context, so IndexedDB starts empty.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium';
import { captureErrors, gameState, openGame, storageState, waitForGame } from './page';
import type { DebugState } from '../../src/main';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const STEPS_PER_DAY = 576;

interface Opened {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** A fresh context (empty IndexedDB), its page on the game, console errors collected. */
async function openFresh(query: string, init?: () => void): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors = captureErrors(page);
  await openGame(page, `${baseUrl}${query}`, { saving: true });
  return { context, page, errors };
}

/** The home is drawn and saving has started (a run restored or a new one started). */
const ready = (page: Page): Promise<void> => waitForGame(page, { saving: true });
const state = gameState;
const storage = storageState;

/** Steps run so far (the step the clock is in counts). */
const stepsOf = (s: Pick<DebugState, 'day' | 'step'>): number =>
  (s.day - 1) * STEPS_PER_DAY + s.step + 1;

/** Play at turbo until `steps` steps have run, then pause. */
async function playSteps(page: Page, steps: number): Promise<void> {
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
  expect((await state(page)).playing).toBe(false);
}

/** The state just before a flush, and the flush done: everything up to that state is saved. */
async function flushed(page: Page): Promise<DebugState> {
  return page.evaluate(async () => {
    const hook = window.__propersim;
    if (!hook?.flush) throw new Error('no flush hook');
    const before = hook.getState();
    await hook.flush();
    return before;
  });
}

async function jumpTo(page: Page, day: number, hour: number): Promise<void> {
  await page.getByTestId('jump-day').fill(String(day));
  await page.getByTestId('jump-hour').selectOption(String(hour));
  await page.getByTestId('jump-go').click();
  await page.waitForFunction(() => window.__propersim?.getState().jumping === false, undefined, {
    timeout: 120_000,
  });
}

async function openRunsDialog(page: Page): Promise<void> {
  await page.getByTestId('menu-runs').click();
  await page.getByTestId('runs-dialog').waitFor({ state: 'visible' });
  await page.getByTestId('run-row').first().waitFor({ state: 'visible' });
}

describe('every run kept', () => {
  it('a reload brings the run back with no saved step lost, and replays it exactly', async () => {
    const query = '?persona=aisha-bello&assistant=propera&seed=5&speed=turbo';
    const { context, page, errors } = await openFresh(query);
    await page.getByTestId('play').click();
    // Past the first save (a run is created once it runs a step beyond its first).
    await page.waitForFunction(
      () => {
        const s = window.__propersim?.getState();
        return s != null && (s.day - 1) * 576 + s.step > 500;
      },
      undefined,
      { timeout: 60_000 },
    );
    const before = await flushed(page);
    const saved = await storage(page);
    expect(saved.persistent).toBe(true);
    expect(saved.runId).toMatch(/^run-/);
    expect(saved.transactions).toBeGreaterThan(1);
    expect(saved.failures).toBe(0);
    // The address bar now names the saved run, so a reload continues it.
    expect(page.url()).toContain(`run=${saved.runId}`);

    // Reload while still playing: the unsaved steps since go out on pagehide.
    await page.reload();
    await ready(page);
    await page.waitForFunction((id) => window.__propersim?.storage?.().runId === id, saved.runId);
    // The page before let its run go: the reloaded page is its writer, not a read-only viewer.
    expect((await storage(page)).readOnly).toBe(false);
    const after = await state(page);
    expect(after.personaId).toBe('aisha-bello');
    expect(after.assistantId).toBe('propera');
    expect(after.playing).toBe(false);
    expect(stepsOf(after)).toBeGreaterThanOrEqual(stepsOf(before));
    expect(after.recsTotal).toBeGreaterThanOrEqual(before.recsTotal);
    expect((await storage(page)).restoreMs).not.toBeNull();

    // The restored run goes on exactly as a run that was never interrupted:
    // the same seed, played straight to the same moment, made the same suggestions.
    await jumpTo(page, 3, 12);
    const resumed = await state(page);
    const fresh = await openFresh(query);
    await jumpTo(fresh.page, 3, 12);
    const straight = await state(fresh.page);
    expect(stepsOf(resumed)).toBe(stepsOf(straight));
    expect(resumed.recsTotal).toBe(straight.recsTotal);
    expect(resumed.daysDone).toBe(2);
    expect(errors).toEqual([]);
    expect(fresh.errors).toEqual([]);
    await fresh.context.close();
    await context.close();
  }, 180_000);

  it('a page opened without a run continues the last unfinished one', async () => {
    const { context, page, errors } = await openFresh('?persona=amara-okafor&seed=11');
    await playSteps(page, 300);
    const before = await flushed(page);
    const page2 = await context.newPage();
    await page2.goto(baseUrl);
    await ready(page2);
    await page2.waitForFunction(() => window.__propersim?.storage?.().runId != null);
    const after = await state(page2);
    expect(after.personaId).toBe('amara-okafor');
    // Paused before the flush: the restore is exact.
    expect(stepsOf(after)).toBe(stepsOf(before));
    expect(after.recsTotal).toBe(before.recsTotal);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('exports a run and imports it back as a new run at the same point', async () => {
    const { context, page, errors } = await openFresh(
      '?persona=aisha-bello&assistant=propera&seed=8',
    );
    await playSteps(page, 700);
    const before = await flushed(page);
    const { runId } = await storage(page);
    await openRunsDialog(page);
    const row = page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
    const downloading = page.waitForEvent('download');
    await row.getByTestId('run-export').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.propersim\.json$/);
    const file = join(tmpdir(), `propersim-export-${Date.now()}.json`);
    await download.saveAs(file);
    const exported = JSON.parse(await readFile(file, 'utf8')) as {
      format: string;
      meta: { id: string; day: number; step: number };
      steps: unknown[];
    };
    expect(exported.format).toBe('propersim-run');
    expect(exported.meta.id).toBe(runId);
    expect(exported.steps.length).toBe(stepsOf(before));

    await page.getByTestId('runs-import-file').setInputFiles(file);
    await expect.poll(() => page.getByTestId('run-row').count(), { timeout: 15_000 }).toBe(2);
    await expect
      .poll(() => page.getByTestId('runs-message').textContent(), { timeout: 15_000 })
      .toContain('Imported');
    const imported = page.locator('[data-testid="run-row"].highlight');
    const newId = await imported.getAttribute('data-run-id');
    expect(newId).not.toBe(runId);
    expect(await imported.getAttribute('data-day')).toBe(String(exported.meta.day));
    expect(await imported.getAttribute('data-step')).toBe(String(exported.meta.step));
    await page.screenshot({ path: join(tmpdir(), 'propersim-runs-dialog.png') });

    // Open the imported copy: the game shows it at the same moment.
    await imported.getByTestId('run-open').click();
    await page.getByTestId('runs-dialog').waitFor({ state: 'hidden' });
    await page.waitForFunction((id) => window.__propersim?.storage?.().runId === id, newId);
    const opened = await state(page);
    expect(stepsOf(opened)).toBe(stepsOf(before));
    expect(opened.recsTotal).toBe(before.recsTotal);
    expect(page.url()).toContain(`run=${newId}`);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('refuses a broken run file, naming the field, and keeps the runs as they were', async () => {
    const { context, page, errors } = await openFresh(
      '?persona=aisha-bello&assistant=random&seed=4',
    );
    await playSteps(page, 200);
    await flushed(page);
    const { runId } = await storage(page);
    await openRunsDialog(page);
    const row = page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
    const downloading = page.waitForEvent('download');
    await row.getByTestId('run-export').click();
    const good = JSON.parse(await readFile(await (await downloading).path(), 'utf8')) as {
      snapshot: { config: { days: unknown } };
    };
    // A hand edit gone wrong: the number of days is not a number.
    good.snapshot.config.days = 'fourteen';
    const broken = join(tmpdir(), `propersim-broken-${Date.now()}.json`);
    await writeFile(broken, JSON.stringify(good));
    await page.getByTestId('runs-import-file').setInputFiles(broken);
    await expect
      .poll(() => page.getByTestId('runs-message').textContent(), { timeout: 15_000 })
      .toContain('snapshot.config.days');
    expect(await page.getByTestId('runs-message').getAttribute('class')).toContain('error');
    // Not JSON at all.
    await page.getByTestId('runs-import-file').setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": "propersim-run", '),
    });
    await expect
      .poll(() => page.getByTestId('runs-message').textContent(), { timeout: 15_000 })
      .toMatch(/not a ProPerSim run|JSON/i);
    expect(await page.getByTestId('run-row').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('renames and deletes runs from the runs dialog', async () => {
    const { context, page, errors } = await openFresh(
      '?persona=aisha-bello&assistant=random&seed=21',
    );
    await playSteps(page, 150);
    await flushed(page);
    const first = (await storage(page)).runId;
    // A second run from the controls; the first stays saved.
    await page.getByTestId('seed').fill('22');
    await page.getByTestId('new-run').click();
    await playSteps(page, 150);
    await flushed(page);
    const second = (await storage(page)).runId;
    expect(second).not.toBe(first);

    await openRunsDialog(page);
    expect(await page.getByTestId('run-row').count()).toBe(2);
    const firstRow = page.locator(`[data-testid="run-row"][data-run-id="${first}"]`);
    const secondRow = page.locator(`[data-testid="run-row"][data-run-id="${second}"]`);
    // The run on screen cannot be deleted or reopened.
    expect(await secondRow.getByTestId('run-delete').isDisabled()).toBe(true);
    expect(await secondRow.getByTestId('run-open').isDisabled()).toBe(true);

    await firstRow.getByTestId('run-rename').click();
    await firstRow.getByTestId('run-rename-input').fill('Monday class demo');
    await firstRow.getByTestId('run-rename-input').press('Enter');
    await expect
      .poll(() => firstRow.getByTestId('run-name').textContent(), { timeout: 15_000 })
      .toBe('Monday class demo');
    // Still named so after closing and reopening the dialog.
    await page.keyboard.press('Escape');
    await page.getByTestId('runs-dialog').waitFor({ state: 'hidden' });
    await openRunsDialog(page);
    expect(await firstRow.getByTestId('run-name').textContent()).toBe('Monday class demo');

    // Delete asks first; "Keep" keeps it.
    await firstRow.getByTestId('run-delete').click();
    await firstRow.getByTestId('run-delete-cancel').click();
    expect(await page.getByTestId('run-row').count()).toBe(2);
    await firstRow.getByTestId('run-delete').click();
    await firstRow.getByTestId('run-delete-confirm').click();
    await expect.poll(() => page.getByTestId('run-row').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator(`[data-run-id="${first}"]`).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('with IndexedDB blocked, says so plainly and plays on in memory', async () => {
    const { context, page, errors } = await openFresh(
      '?persona=aisha-bello&assistant=random&seed=3',
      () => {
        IDBFactory.prototype.open = function open(): IDBOpenDBRequest {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        };
      },
    );
    const notice = page.getByTestId('storage-notice');
    await notice.waitFor({ state: 'visible' });
    expect(await notice.textContent()).toContain('does not allow saving');
    expect((await storage(page)).persistent).toBe(false);
    await playSteps(page, 200);
    await flushed(page);
    // The run is kept in memory for this tab, and the list says what that means.
    await openRunsDialog(page);
    expect(await page.getByTestId('run-row').count()).toBe(1);
    expect(await page.getByTestId('runs-where').textContent()).toContain('memory');
    await page.keyboard.press('Escape');
    await page.getByTestId('storage-notice-dismiss').click();
    await notice.waitFor({ state: 'hidden' });
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
