/**
 * In headless Chromium against the built game: you rate the assistant's
 * suggestions yourself (the ratings reach the step's record and the run
 * goes on), and the persona editor validates, saves, applies mid-run and
 * imports persona files. Screenshots go to the temp folder.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium';
import { captureErrors, gameState, openGame } from './page';

const baseUrl = inject('baseUrl');
const FRESH = '?persona=aisha-bello&assistant=propera&seed=1&speed=turbo';
const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/propersim/${name}`, import.meta.url));
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

interface OpenPage {
  page: Page;
  errors: string[];
}

async function open(query: string, page?: Page): Promise<OpenPage> {
  const p = page ?? (await browser.newPage({ viewport: { width: 1366, height: 860 } }));
  const errors = captureErrors(p);
  await openGame(p, `${baseUrl}${query}`);
  return { page: p, errors };
}

const state = gameState;

/** The step the rater panel shows, or null when nothing waits. */
async function shown(page: Page): Promise<{ day: number; step: number; text: string } | null> {
  return page.evaluate(() => {
    const panel = document.querySelector<HTMLElement>('[data-testid="rater-panel"]');
    const text = panel?.querySelector('[data-testid="rater-text"]')?.textContent;
    if (!panel || panel.hidden || !text) return null;
    return { day: Number(panel.dataset.day), step: Number(panel.dataset.step), text };
  });
}

async function waitForRating(page: Page): Promise<{ day: number; step: number; text: string }> {
  await page.getByTestId('rater-text').waitFor({ state: 'visible', timeout: 30_000 });
  const s = await shown(page);
  if (!s) throw new Error('no rating is shown');
  return s;
}

/** Open the step inspector on a step (the inspector listens for this event). */
async function inspect(page: Page, day: number, step: number): Promise<void> {
  await page.evaluate(
    ([d, s]) =>
      window.dispatchEvent(new CustomEvent('propersim:inspect', { detail: { day: d, step: s } })),
    [day, step] as const,
  );
}

describe('rating it yourself', () => {
  it('waits for your rating, records it as the step’s judgement, and runs on', async () => {
    const { page, errors } = await open(FRESH);
    // Skip the night at once (jumping needs agents that answer at once: before rating is on).
    await page.getByTestId('jump-day').fill('1');
    await page.getByTestId('jump-hour').selectOption('8');
    await page.getByTestId('jump-go').click();
    await page.waitForFunction(() => window.__propersim?.getState().jumping === false);
    await page.getByTestId('rater-toggle').click();
    await expect
      .poll(() => page.getByTestId('rater-toggle').getAttribute('aria-pressed'))
      .toBe('true');
    await expect.poll(() => page.getByTestId('rater-panel').isVisible()).toBe(true);
    await page.getByTestId('play').click();

    // The first suggestion waits; nothing runs meanwhile.
    const first = await waitForRating(page);
    expect(first.text.length).toBeGreaterThan(5);
    expect(await page.getByTestId('rater-action').textContent()).toMatch(/Aisha Bello is/);
    const heldAt = await state(page);
    await page.waitForTimeout(400);
    expect((await state(page)).version).toBe(heldAt.version);
    await page.screenshot({ path: join(tmpdir(), 'propersim-rater.png') });
    await page
      .getByTestId('rater-panel')
      .screenshot({ path: join(tmpdir(), 'propersim-rater-panel.png') });

    // Rate 0 with the button, and anything else waiting at that step with the key 0.
    await page.getByTestId('rate-0').click();
    for (let i = 0; i < 3; i++) {
      await page.waitForTimeout(50);
      const now = await shown(page);
      if (!now || now.day !== first.day || now.step !== first.step) break;
      await page.keyboard.press('0');
    }

    // The step's record carries your verdicts.
    await inspect(page, first.day, first.step);
    const card = page.getByTestId('candidate').filter({ hasText: first.text }).first();
    await card.waitFor({ timeout: 15_000 });
    expect(await card.locator('.score-badge').textContent()).toBe('0/4');
    const reasons = await card.getByTestId('reason').allTextContents();
    expect(reasons).toHaveLength(4);
    for (const r of reasons) expect(r).toBe('rated 0/4 by you');
    await page.getByTestId('inspector-close').click();

    // Per criterion: untick timing, give a reason.
    const next = await waitForRating(page);
    await page.locator('.rater-detail summary').click();
    await page.getByTestId('crit-timing').uncheck();
    await page.getByTestId('reason-timing').fill('not while I test apps');
    await page
      .getByTestId('rater-panel')
      .screenshot({ path: join(tmpdir(), 'propersim-rater-criteria.png') });
    await page.getByTestId('rate-submit').click();
    for (let i = 0; i < 3; i++) {
      await page.waitForTimeout(50);
      const now = await shown(page);
      if (!now || now.day !== next.day || now.step !== next.step) break;
      await page.getByTestId('rate-4').click();
    }
    await inspect(page, next.day, next.step);
    const card2 = page.getByTestId('candidate').filter({ hasText: next.text }).first();
    await card2.waitFor({ timeout: 15_000 });
    expect(await card2.locator('.score-badge').textContent()).toBe('3/4');
    expect(await card2.getByTestId('reason').allTextContents()).toContain(
      'not while I test apps (rated by you)',
    );
    await page.getByTestId('inspector-close').click();

    // After a few more ratings the run has moved on.
    for (let i = 0; i < 3; i++) {
      await waitForRating(page);
      await page.keyboard.press(String(i % 5));
      await page.waitForTimeout(30);
    }
    const later = await state(page);
    expect(later.day * 1000 + later.step).toBeGreaterThan(next.day * 1000 + next.step);
    expect(later.error).toBeNull();

    // Off: the built-in judge takes over and the run no longer waits.
    await page.getByTestId('rater-toggle').click();
    await expect.poll(() => page.getByTestId('rater-panel').isVisible()).toBe(false);
    const off = await state(page);
    await page.waitForTimeout(600);
    const after = await state(page);
    expect(after.day * 1000 + after.step).toBeGreaterThan(off.day * 1000 + off.step + 5);
    expect(after.error).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});

describe('the persona editor', () => {
  it('validates, saves as new and applies mid-run', async () => {
    const { page, errors } = await open(FRESH);
    await page.getByTestId('personas-open').click();
    const dialog = page.getByTestId('persona-editor');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.locator('input[data-path="name"]').inputValue()).toBe('Aisha Bello');
    await page.screenshot({ path: join(tmpdir(), 'propersim-persona-editor.png') });

    // A bad value: min above max. The error sits by the field and names it; saving is off.
    const min = dialog.locator('input[data-path="rubric.frequency.min"]');
    await min.fill('9');
    const minError = dialog.locator('[data-error-for="rubric.frequency.min"]');
    await expect.poll(() => minError.textContent()).toMatch(/min must not exceed max/);
    expect(await min.getAttribute('aria-invalid')).toBe('true');
    const problems = await page.getByTestId('persona-problems').textContent();
    expect(problems).toContain('Frequency · Min per window');
    expect(problems).toContain('rubric.frequency.min');
    expect(await page.getByTestId('persona-save').isDisabled()).toBe(true);
    expect(await page.getByTestId('persona-apply').isDisabled()).toBe(true);
    await min.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(tmpdir(), 'propersim-persona-editor-invalid.png') });
    const tones = dialog.locator('[data-path="rubric.communication.tones"] summary');
    await tones.click();
    await tones.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(tmpdir(), 'propersim-persona-editor-tones.png') });
    await tones.click();
    await min.fill('1');
    await expect.poll(() => page.getByTestId('persona-save').isDisabled()).toBe(false);
    expect(await minError.textContent()).toBe('');

    // Save as new: a fresh id, in the persona list, kept in the browser.
    await dialog.locator('input[data-path="name"]').fill('Aisha Night Owl');
    await page.getByTestId('persona-save').click();
    await expect.poll(() => page.getByTestId('persona-note').textContent()).toMatch(/Saved as/);
    const options = await page
      .getByTestId('persona')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toContain('aisha-night-owl');
    expect(options).toContain('aisha-bello');

    // Apply to this run: the persona card follows, the run goes on with the same assistant.
    await dialog.locator('input[data-path="name"]').fill('Aisha Changed');
    await page.getByTestId('persona-apply').click();
    await expect
      .poll(() => page.getByTestId('persona-note').textContent())
      .toMatch(/from tomorrow/);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await page.getByTestId('persona-name').textContent()).toBe('Aisha Changed');
    expect((await state(page)).personaId).toBe('aisha-night-owl');

    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('imports persona files: a failed one loses nothing, a ProPerSim one says what was not derived', async () => {
    const { page, errors } = await open(FRESH);
    const dialog = page.getByTestId('persona-editor');
    // A failed import names the file and the field and loses nothing.
    await page.getByTestId('personas-open').click();
    await page.getByTestId('persona-import').setInputFiles(fixture('missing-frequency.json'));
    const result = page.getByTestId('import-result');
    // The importer loads on demand (a separate chunk): give it time on a busy machine.
    await expect
      .poll(() => result.textContent(), { timeout: 20_000 })
      .toMatch(/missing-frequency\.json/);
    expect(await result.textContent()).toContain('criteria.Frequency');
    await page.getByTestId('persona-import').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"schemaVersion": 1, "id": "x"'),
    });
    await expect.poll(() => result.textContent()).toMatch(/broken\.json.*not valid JSON/s);
    expect(await dialog.locator('input[data-path="name"]').inputValue()).toBe('Aisha Bello');

    // The ProPerSim fixture imports, and says what the words did not give.
    await page.getByTestId('persona-import').setInputFiles(fixture('decor-retiree.json'));
    await expect
      .poll(() => result.textContent(), { timeout: 20_000 })
      .toMatch(/Imported “Margaret Ellison”/);
    expect(await page.getByTestId('not-derived').locator('li').count()).toBeGreaterThan(0);
    expect(await dialog.locator('input[data-path="name"]').inputValue()).toBe('Margaret Ellison');
    expect(await page.getByTestId('persona-save').isDisabled()).toBe(false);
    await page.screenshot({ path: join(tmpdir(), 'propersim-persona-import.png') });
    await page.getByTestId('persona-save').click();
    await expect
      .poll(() => page.getByTestId('persona-note').textContent())
      .toMatch(/margaret-ellison/);

    // Saved personas come back after a reload.
    await page.reload();
    await page.waitForFunction(() => window.__propersim?.getState().view != null);
    const reloaded = await page
      .getByTestId('persona')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(reloaded).toContain('margaret-ellison');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
