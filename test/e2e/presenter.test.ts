/**
 * A map a class can read, and links to a moment, in headless Chromium
 * against the built game: the whole map (its header included) on screen at
 * 1366 × 768 and 1440 × 900; presenter mode (large bubble text on screen,
 * fewer panels, remembered); bubbles that never outlive a jump or a day;
 * the timeline's and the charts' legends; a link that opens a run at a day
 * and hour, with its parameters checked; the share dialog's moment link.
 * Screenshots go to the temp folder.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium';
import { captureErrors, gameState, openGame } from './page';

const baseUrl = inject('baseUrl');
let browser: Browser;
const GAME_WIDTH = 1088;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function open(
  query: string,
  viewport = { width: 1366, height: 768 },
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = captureErrors(page);
  await openGame(page, `${baseUrl}${query}`, { saving: true });
  return { page, errors };
}

/** Boxes of the canvas, its frame and the top bar, in CSS pixels. */
function boxes(page: Page) {
  return page.evaluate(() => {
    const box = (sel: string) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      if (!r) throw new Error(`no ${sel}`);
      return { top: r.top, bottom: r.bottom, width: r.width, height: r.height };
    };
    return { canvas: box('#game canvas'), game: box('#game'), top: box('.topbar') };
  });
}

/** Play at 512× from 09:00 on the current day until the bubble shows, then pause. */
async function untilBubble(page: Page): Promise<void> {
  const s = await gameState(page);
  if (s.minute < 9 * 60) {
    await page.getByTestId('jump-day').fill(String(s.day));
    await page.getByTestId('jump-hour').selectOption('9');
    await page.getByTestId('jump-go').click();
    await page.waitForFunction(() => window.__propersim?.getState().jumping === false);
  }
  await page.getByTestId('speed').selectOption('512');
  await page.getByTestId('play').click();
  await page.waitForFunction(
    () => window.__propersim?.getState().view?.bubble.visible === true,
    undefined,
    { timeout: 40_000 },
  );
  await page.getByTestId('play').click();
}

describe('a map a class can read', () => {
  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 1440, height: 900 },
  ]) {
    it(`shows the whole map, header included, at ${viewport.width}×${viewport.height}`, async () => {
      const { page, errors } = await open('?persona=aisha-bello&assistant=random&seed=1', viewport);
      // The layout settles (Phaser refits on a resize): the canvas sits inside its frame.
      await expect
        .poll(async () => {
          const b = await boxes(page);
          return b.canvas.top >= b.game.top - 0.5 && b.canvas.bottom <= b.game.bottom + 0.5;
        })
        .toBe(true);
      const b = await boxes(page);
      expect(b.canvas.top).toBeGreaterThanOrEqual(b.top.bottom - 0.5);
      expect(b.canvas.width).toBeGreaterThan(600);
      // The map keeps the home's proportions (HUD band included): nothing is cropped.
      expect(b.canvas.width / b.canvas.height).toBeCloseTo(1088 / 756, 1);
      await page.screenshot({ path: join(tmpdir(), `propersim-map-${viewport.width}.png`) });
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it('presenter mode: large bubble text on screen, fewer panels, remembered', async () => {
    const { page, errors } = await open('?persona=aisha-bello&assistant=random&seed=3');
    const toggle = page.getByRole('button', { name: 'Presenter mode' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect((await gameState(page)).view?.presenter).toBe(true);
    expect(await page.locator('#persona').isVisible()).toBe(false);
    expect(await page.locator('#charts').isVisible()).toBe(false);
    await untilBubble(page);
    const s = await gameState(page);
    const b = await boxes(page);
    const onScreen = ((s.view?.bubble.fontPx ?? 0) * b.canvas.width) / GAME_WIDTH;
    expect(onScreen).toBeGreaterThanOrEqual(16);
    await page.screenshot({ path: join(tmpdir(), 'propersim-presenter-1366.png') });
    // The choice is kept: a reload comes back in presenter mode.
    await page.reload();
    await page.waitForFunction(() => window.__propersim?.getState().view != null);
    expect(
      await page.getByRole('button', { name: 'Presenter mode' }).getAttribute('aria-pressed'),
    ).toBe('true');
    expect((await gameState(page)).view?.presenter).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a bubble never outlives a jump, nor shows another day', async () => {
    const { page, errors } = await open('?persona=aisha-bello&assistant=random&seed=4');
    await untilBubble(page);
    expect((await gameState(page)).view?.bubble.day).toBe(1);
    await page.getByTestId('jump-day').fill('2');
    await page.getByTestId('jump-hour').selectOption('10');
    await page.getByTestId('jump-go').click();
    await page.waitForFunction(() => window.__propersim?.getState().jumping === false);
    await page.waitForTimeout(300);
    let s = await gameState(page);
    expect(s.day).toBe(2);
    expect(s.view?.bubble.visible).toBe(false);
    await page.getByTestId('play').click();
    for (let i = 0; i < 25; i++) {
      await page.waitForTimeout(200);
      s = await gameState(page);
      if (s.view?.bubble.visible) expect(s.view.bubble.day).toBe(s.day);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('explains the timeline and the charts: activity colours, legends with values, a zoom', async () => {
    const { page, errors } = await open('?persona=amara-okafor&assistant=propera&seed=1');
    const activities = page.getByTestId('timeline-activities');
    expect(await activities.isVisible()).toBe(true);
    for (const word of ['sleep & rest', 'meals', 'focus', 'leisure'])
      expect(await activities.textContent()).toContain(word);
    expect(await page.getByTestId('watch-walks').isChecked()).toBe(true);
    await page.getByTestId('jump-day').fill('4');
    await page.getByTestId('jump-hour').selectOption('9');
    await page.getByTestId('jump-go').click();
    await page.waitForFunction(() => window.__propersim?.getState().jumping === false, undefined, {
      timeout: 50_000,
    });
    await expect.poll(async () => (await gameState(page)).panels.charts.days).toBe(3);
    const charts = (await gameState(page)).panels.charts;
    expect(charts.firstDay).toBe(2);
    // With the cursor off the charts, the legends read the latest day's values.
    expect(charts.legends['chart-rate']?.[0]).toBe('day3 (latest)');
    for (const entry of charts.legends['chart-rate'] ?? []) expect(entry).not.toMatch(/–$/);
    expect(charts.legends['chart-mean']?.[1]).toMatch(/^mean score\d\.\d\d$/);
    await page.getByTestId('charts-zoom').uncheck();
    expect((await gameState(page)).panels.charts.firstDay).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('links to a moment', () => {
  it('opens the run at the day and hour the link names, once', async () => {
    const { page, errors } = await open(
      '?persona=aisha-bello&assistant=random&seed=5&day=2&hour=10',
    );
    await page.waitForFunction(
      () => {
        const s = window.__propersim?.getState();
        return s !== undefined && s.day === 2 && !s.jumping;
      },
      undefined,
      { timeout: 40_000 },
    );
    const s = await gameState(page);
    expect(s.minute).toBeGreaterThanOrEqual(600);
    expect(s.minute).toBeLessThan(603);
    // The address bar keeps the run, not the moment: a reload continues instead of jumping again.
    const url = new URL(page.url());
    expect(url.searchParams.has('day')).toBe(false);
    expect(url.searchParams.get('persona')).toBe('aisha-bello');

    // The share dialog offers a link to the moment on screen.
    await page.getByTestId('menu-share').click();
    await page.getByTestId('share-moment').check();
    const link = new URL(await page.getByTestId('share-url').inputValue());
    expect(link.searchParams.get('day')).toBe('2');
    expect(link.searchParams.get('hour')).toBe('10');
    expect(link.searchParams.get('seed')).toBe('5');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('caps an hour past 23 and refuses a day that is not one, saying so', async () => {
    const capped = await open('?persona=aisha-bello&assistant=never&seed=6&day=2&hour=40');
    await capped.page.waitForFunction(
      () => {
        const s = window.__propersim?.getState();
        return s !== undefined && s.day === 2 && !s.jumping;
      },
      undefined,
      { timeout: 40_000 },
    );
    expect(Math.floor((await gameState(capped.page)).minute / 60)).toBe(23);
    expect(await capped.page.getByRole('alert').first().textContent()).toContain(
      'hour 40 is past 23: it opens at 23:00',
    );
    await capped.page.context().close();

    const refused = await open('?persona=aisha-bello&assistant=never&seed=6&day=two');
    await expect
      .poll(() => refused.page.getByRole('alert').first().textContent())
      .toContain('day "two" is not a day of the run (1 to 14)');
    const s = await gameState(refused.page);
    expect(s.day).toBe(1);
    expect(s.jumping).toBe(false);
    expect(refused.errors).toEqual([]);
    await refused.page.context().close();
  });
});
