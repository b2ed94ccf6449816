/**
 * Sharing a run and the first-minute guide, in headless Chromium against
 * the built game: the share link carries persona, assistant, seed, speed and
 * engine (never a key) and opens the same run elsewhere; the guide shows on
 * a first visit, can be skipped, stays away after a reload, and comes back
 * from the menu. Each test has a fresh browser context (empty storage).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium';
import { captureErrors, gameState, openGame, waitForGame } from './page';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

async function openFresh(url: string): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors = captureErrors(page);
  await openGame(page, url, { saving: true });
  return { context, page, errors };
}

const ready = (page: Page): Promise<void> => waitForGame(page, { saving: true });
const state = gameState;

/** The engine settings open by themselves for a link that names an engine; close them if so. */
async function closeEngineDialog(page: Page): Promise<void> {
  const dialog = page.locator('dialog[open][data-testid="engine-dialog"]');
  try {
    await dialog.waitFor({ state: 'visible', timeout: 3000 });
  } catch {
    return;
  }
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
}

describe('sharing a run', () => {
  it('copies a link with persona, assistant, seed, speed and engine, and no key', async () => {
    // Only api-version is kept: every other query parameter may be a credential (pwd, code, session…).
    const secretBase =
      'http://teacher:hunter2@127.0.0.1:9/v1?api_key=sk-SECRET1&pwd=SECRET4&code=SECRET5&session=SECRET6&api-version=2024-06-01';
    const query = new URLSearchParams({
      persona: 'aisha-bello',
      assistant: 'random',
      seed: 'class-7',
      speed: '512',
      engine: 'openai',
      baseUrl: secretBase,
      model: 'llama3.1:8b',
      apiKey: 'sk-SECRET2',
      key: 'sk-SECRET3',
    });
    const { context, page, errors } = await openFresh(`${baseUrl}?${query.toString()}`);
    // A link that chose a run does not open the guide unless it asks to.
    expect(await page.getByTestId('guide').isVisible()).toBe(false);
    // A link naming an engine opens the engine settings (src/ui/engine-*.ts): close them.
    await closeEngineDialog(page);
    await page.getByTestId('menu-share').click();
    const input = page.getByTestId('share-url');
    await input.waitFor({ state: 'visible' });
    await expect.poll(() => input.inputValue(), { timeout: 15_000 }).toContain('persona=');
    const link = new URL(await input.inputValue());
    const q = link.searchParams;
    expect(q.get('persona')).toBe('aisha-bello');
    expect(q.get('assistant')).toBe('random');
    expect(q.get('seed')).toBe('class-7');
    expect(q.get('speed')).toBe('512');
    expect(q.get('engine')).toBe('openai');
    expect(q.get('baseUrl')).toBe('http://127.0.0.1:9/v1?api-version=2024-06-01');
    // The dialog shows the same safe URL, never the credentials.
    const shown = await page.getByTestId('share-engine').textContent();
    for (const secret of ['SECRET', 'hunter2', 'teacher']) expect(shown).not.toContain(secret);
    expect(q.get('model')).toBe('llama3.1:8b');
    expect(q.get('guide')).toBe('1');
    // Nothing secret travels: not the keys, not the password, not the saved run's id.
    const text = link.toString();
    for (const secret of ['SECRET', 'hunter2', 'teacher', 'apiKey', 'key=', 'run='])
      expect(text).not.toContain(secret);
    await page.screenshot({ path: join(tmpdir(), 'propersim-share-dialog.png') });
    await page.keyboard.press('Escape');

    // The link opens the same run in another browser, with the guide for a first visit.
    const student = await openFresh(link.toString());
    const s = await state(student.page);
    expect(s.personaId).toBe('aisha-bello');
    expect(s.assistantId).toBe('random');
    expect(s.speed).toBe(512);
    expect(s.day).toBe(1);
    expect(s.step).toBe(0);
    // The guide comes first (on top of the engine settings the link also opens).
    await student.page.getByTestId('guide').waitFor({ state: 'visible' });
    await student.page.getByTestId('guide-skip').click();
    await closeEngineDialog(student.page);
    expect(errors).toEqual([]);
    expect(student.errors).toEqual([]);
    await student.context.close();
    await context.close();
  }, 120_000);
});

describe('the first-minute guide', () => {
  it('shows on a first visit, can be skipped, and stays away after a reload', async () => {
    const { context, page, errors } = await openFresh(baseUrl);
    const guide = page.getByTestId('guide');
    await guide.waitFor({ state: 'visible' });
    expect(await page.getByTestId('guide-count').textContent()).toBe('1 / 7');
    expect(await page.getByTestId('guide-title').textContent()).toBe('The home');
    // The default first run is Amara's: the guide speaks of her.
    expect(await page.getByTestId('guide-text').textContent()).toContain('Amara');
    await page.screenshot({ path: join(tmpdir(), 'propersim-guide-1.png') });
    const titles = ['The home'];
    for (let i = 0; i < 3; i++) {
      await page.getByTestId('guide-next').click();
      titles.push((await page.getByTestId('guide-title').textContent()) ?? '');
    }
    expect(titles).toEqual(['The home', 'Who lives here', 'Play and speed', 'A day at a glance']);
    expect(await page.getByTestId('guide-text').textContent()).toMatch(/red.*green/i);
    await page.screenshot({ path: join(tmpdir(), 'propersim-guide-4.png') });
    // Space inside the guide does not start the game behind it.
    await page.keyboard.press('Space');
    expect((await state(page)).playing).toBe(false);
    await page.getByTestId('guide-skip').click();
    await guide.waitFor({ state: 'hidden' });

    await page.reload();
    await ready(page);
    await page.waitForTimeout(500);
    expect(await guide.isVisible()).toBe(false);

    // The menu brings it back; Escape closes it; the last step ends it.
    await page.getByTestId('menu-guide').click();
    await guide.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await guide.waitFor({ state: 'hidden' });
    await page.getByTestId('menu-guide').click();
    for (let i = 0; i < 4; i++) await page.getByTestId('guide-next').click();
    // The guide shows the jump (it lands at the end of the day typed).
    expect(await page.getByTestId('guide-title').textContent()).toBe('Jump ahead');
    expect(await page.getByTestId('guide-text').textContent()).toMatch(
      /press Enter.*end of that day/,
    );
    for (let i = 0; i < 2; i++) await page.getByTestId('guide-next').click();
    expect(await page.getByTestId('guide-title').textContent()).toBe('Why it scored that');
    await page.screenshot({ path: join(tmpdir(), 'propersim-guide-6.png') });
    await page.getByTestId('guide-done').click();
    await guide.waitFor({ state: 'hidden' });
    // The game still plays.
    await page.getByTestId('play').click();
    expect((await state(page)).playing).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
