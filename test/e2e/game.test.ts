/**
 * What a person sees, in headless Chromium against the built game: the page
 * loads cleanly, the home is drawn, the persona walks as time passes, and the
 * assistant's speech bubble appears. Screenshots go to the temp folder.
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

interface OpenPage {
  page: Page;
  errors: string[];
}

/** Open the game, collecting console errors and uncaught exceptions, and wait for the home scene. */
async function open(query = ''): Promise<OpenPage> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
  const errors = captureErrors(page);
  await openGame(page, `${baseUrl}${query}`);
  return { page, errors };
}

const state = gameState;

/** Count distinct colours in a PNG screenshot of the canvas, decoded by the browser itself. */
async function canvasColours(
  page: Page,
): Promise<{ distinct: number; width: number; height: number }> {
  const png = await page.locator('#game canvas').screenshot();
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const blob = new Blob([bytes], { type: 'image/png' });
    const bitmap = await createImageBitmap(blob);
    const c = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 7)
      seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return { distinct: seen.size, width: bitmap.width, height: bitmap.height };
  }, png.toString('base64'));
}

describe('the game in a browser', () => {
  it('loads without console errors and draws the home', async () => {
    const { page, errors } = await open('?persona=aisha-bello&assistant=random&seed=1');
    const s = await state(page);
    expect(s.day).toBe(1);
    expect(s.view?.frames).toBeGreaterThan(0);
    expect(await page.getByTestId('play').textContent()).toBe('Play');
    const colours = await canvasColours(page);
    expect(colours.width).toBeGreaterThan(600);
    // A painted home has many colours; a blank or single-colour canvas has a handful.
    expect(colours.distinct).toBeGreaterThan(200);
    await page.screenshot({ path: join(tmpdir(), 'propersim-load.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('moves the persona as time passes', async () => {
    const { page, errors } = await open('?persona=aisha-bello&assistant=never&seed=2&speed=turbo');
    const before = await state(page);
    expect(before.playing).toBe(false);
    await page.getByTestId('play').click();
    const positions = new Set<string>();
    positions.add(`${before.view?.persona.x},${before.view?.persona.y}`);
    for (let i = 0; i < 20; i++) {
      await page.waitForTimeout(150);
      const s = await state(page);
      positions.add(`${s.view?.persona.x},${s.view?.persona.y}`);
    }
    const after = await state(page);
    expect(after.playing).toBe(true);
    expect(after.day * 1000 + after.step).toBeGreaterThan(before.day * 1000 + before.step + 50);
    expect(positions.size).toBeGreaterThan(2);
    // Space pauses (once, even with the focus still on the Play button), the right arrow runs one step.
    await page.keyboard.press('Space');
    const paused = await state(page);
    expect(paused.playing).toBe(false);
    await page.keyboard.press('ArrowRight');
    const stepped = await state(page);
    expect(stepped.day * 1000 + stepped.step).toBe(
      paused.day * 1000 + paused.step + (paused.step === 575 ? 1000 - 575 : 1),
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a speech bubble with a score when the random assistant speaks', async () => {
    const { page, errors } = await open('?persona=aisha-bello&assistant=random&seed=3&speed=512');
    // Skip the night at turbo speed, then watch at 512×.
    await page.getByTestId('speed').selectOption('turbo');
    await page.getByTestId('play').click();
    await page.waitForFunction(
      () => (window.__propersim?.getState().minute ?? 0) > 9 * 60,
      undefined,
      { timeout: 30_000 },
    );
    await page.getByTestId('speed').selectOption('512');
    await page.waitForFunction(
      () => window.__propersim?.getState().view?.bubble.visible === true,
      undefined,
      { timeout: 30_000 },
    );
    const s = await state(page);
    expect(s.view?.bubble.text.length).toBeGreaterThan(5);
    expect(s.view?.bubble.score).toBeGreaterThanOrEqual(0);
    expect(s.view?.bubble.score).toBeLessThanOrEqual(4);
    expect(s.recsTotal).toBeGreaterThan(0);
    await page.getByTestId('play').click();
    await page.screenshot({ path: join(tmpdir(), 'propersim-bubble.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('starts a new run from the controls', async () => {
    const { page, errors } = await open('?persona=aisha-bello&assistant=random&seed=1');
    const personas = await page.getByTestId('persona').locator('option').allTextContents();
    expect(personas.length).toBeGreaterThan(1);
    const values = await page
      .getByTestId('persona')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    await page.getByTestId('persona').selectOption(values[1]!);
    await page.getByTestId('assistant').selectOption('always');
    await page.getByTestId('seed').fill('42');
    await page.getByTestId('new-run').click();
    const s = await state(page);
    expect(s.personaId).toBe(values[1]);
    expect(s.assistantId).toBe('always');
    expect(s.day).toBe(1);
    expect(s.step).toBe(0);
    // At real-time speed the night still passes quickly (sleep is fast-forwarded)...
    await page.getByTestId('speed').selectOption('1');
    const sleep = page.getByTestId('fast-sleep');
    expect(await sleep.isChecked()).toBe(true);
    // ...and space plays and pauses even with the focus on a checkbox, without ticking it.
    await sleep.focus();
    await page.keyboard.press('Space');
    expect((await state(page)).playing).toBe(true);
    await page.waitForTimeout(1000);
    await page.keyboard.press('Space');
    const later = await state(page);
    expect(later.playing).toBe(false);
    expect(await sleep.isChecked()).toBe(true);
    expect(later.minute).toBeGreaterThan(30);
    expect(errors).toEqual([]);
    await page.close();
  });
});
