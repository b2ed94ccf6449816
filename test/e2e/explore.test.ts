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
    // Press Enter and read the controls in one task of the page: on a fast machine the worker could
    // land before a separate look, but its answer cannot arrive inside this task.
    const started = await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="jump-day"]')!;
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      const bar = document.querySelector<HTMLProgressElement>('[data-testid="jump-progress"]')!;
      const go = document.querySelector<HTMLButtonElement>('[data-testid="jump-go"]')!;
      return { progressShown: !bar.hidden, button: go.textContent };
    });
    expect(started).toEqual({ progressShown: true, button: 'Cancel' });
    const framesBefore = await page.evaluate(
      () => (window as unknown as { frameCount: number }).frameCount,
    );
    await page.waitForFunction(() => window.__propersim?.getState().jumping === false, undefined, {
      timeout: 120_000,
    });
    const framesAfter = await page.evaluate(
      () => (window as unknown as { frameCount: number }).frameCount,
    );
    // (Software rendering on a busy machine draws few frames: any at all means the page was not blocked.)
    expect(framesAfter - framesBefore).toBeGreaterThan(2);
    const s = await gameState(page);
    expect(s).toMatchObject({ day: 3, daysDone: 3, error: null });
    // The end of day 3: its last step has run (the day is complete).
    expect(s.minute).toBeGreaterThanOrEqual(1437.5);
    expect(await page.getByTestId('jump-progress').isVisible()).toBe(false);

    // Cancel: nothing changes.
    await page.getByTestId('jump-day').fill('9');
    // Start and cancel in one task of the page, so the worker cannot land in between.
    const cancelled = await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="jump-day"]')!;
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      const go = document.querySelector<HTMLButtonElement>('[data-testid="jump-go"]')!;
      const label = go.textContent;
      go.click();
      return label;
    });
    expect(cancelled).toBe('Cancel');
    await page.waitForFunction(() => window.__propersim?.getState().jumping === false);
    await page.waitForTimeout(300);
    const after = await gameState(page);
    expect(after.day).toBe(3);
    expect(after.version).toBe(s.version);
    await page.screenshot({ path: join(tmpdir(), 'propersim-explore-jump.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});

describe('the timing atlas, what if, and what it has learned', () => {
  it('shows every day as a row; a mark hovers like the timeline and opens the inspector; what if scores alternatives', async () => {
    const { page, errors } = await open('?persona=amara-okafor&assistant=propera&seed=5');
    await jumpToEndOf(page, 4);
    await page.getByTestId('tab-atlas').click();
    const atlas = page.getByRole('region', { name: 'Timing atlas' });
    await atlas.waitFor({ state: 'visible' });
    // One row per simulated day so far.
    await page.waitForFunction(() => window.__propersim?.getState().panels.atlas.rows.length === 4);
    expect(await atlas.getByRole('row').count()).toBe(4);
    expect(await atlas.getByRole('row').nth(2).getByRole('rowheader').textContent()).toBe('Day 3');
    const probe = (await gameState(page)).panels.atlas;
    // Day 1 speaks far more than day 4: the timing changes across the run.
    expect(probe.rows[0]!.spoken).toBeGreaterThan(probe.rows[3]!.spoken);
    const row = probe.rows.find((r) => r.day === 2 && r.marks.length > 0) ?? probe.rows[0]!;
    const mark = row.marks[0]!;
    const box = await page
      .getByTestId('atlas-canvas')
      .nth(row.day - 1)
      .boundingBox();
    await page.mouse.move(box!.x + mark.x, box!.y + mark.y);
    const tooltip = page.getByRole('tooltip').filter({ hasText: `Day ${row.day}` });
    await tooltip.waitFor({ state: 'visible' });
    expect(await tooltip.textContent()).toMatch(/Spoke: “.+”.*Score \d\/4.*Click to inspect/);
    await page.mouse.click(box!.x + mark.x, box!.y + mark.y);
    await page.waitForFunction(() => window.__propersim?.getState().panels.inspector.open === true);
    const insp = (await gameState(page)).panels.inspector;
    expect({ day: insp.day, step: insp.step }).toEqual({ day: row.day, step: mark.step });
    await page.screenshot({ path: join(tmpdir(), 'propersim-explore-atlas.png') });

    // What if: alternatives side by side with what happened; the run does not change.
    const before = await gameState(page);
    await page.getByTestId('what-if-button').click();
    const dialog = page.getByTestId('what-if');
    await dialog.waitFor({ state: 'visible' });
    const options = dialog.getByTestId('what-if-option');
    // What happened, silence, 5/10/20 minutes later, then the catalogue items.
    expect(await options.count()).toBeGreaterThan(6);
    expect(await options.nth(0).textContent()).toContain('What happened');
    expect(await options.nth(0).textContent()).toContain(`${mark.score}/4`);
    expect(await options.nth(1).textContent()).toContain('Stay silent');
    expect(await options.nth(2).textContent()).toContain('5 minutes later');
    expect(await options.nth(4).textContent()).toContain('20 minutes later');
    expect(await dialog.textContent()).toContain('Another suggestion at the same moment');
    await page.screenshot({ path: join(tmpdir(), 'propersim-explore-what-if.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const after = await gameState(page);
    expect(after.version).toBe(before.version);
    expect(after.recsTotal).toBe(before.recsTotal);

    // What it has learned: the policy by hour × activity, with a day slider.
    await page.getByTestId('tab-learned').click();
    const learned = page.getByRole('region', { name: 'What it has learned' });
    await learned.waitFor({ state: 'visible' });
    await page.waitForFunction(() => window.__propersim?.getState().panels.learned.ok === true);
    const late = (await gameState(page)).panels.learned;
    expect(late.day).toBe(4);
    expect(late.rows).toBeGreaterThan(4);
    expect(await learned.textContent()).toContain('welcome');
    await page.getByTestId('learned-day').fill('1');
    await page.waitForFunction(() => window.__propersim?.getState().panels.learned.day === 1);
    const early = (await gameState(page)).panels.learned;
    // Day 1's untrained policy wants to speak far more than day 4's.
    expect(early.mean).toBeGreaterThan(late.mean);
    await page.screenshot({ path: join(tmpdir(), 'propersim-explore-learned.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('says plainly when the assistant has no policy', async () => {
    const { page, errors } = await open('?persona=amara-okafor&assistant=always&seed=5');
    await page.getByTestId('tab-learned').click();
    await page.getByTestId('learned-message').waitFor({ state: 'visible' });
    expect(await page.getByTestId('learned-message').textContent()).toMatch(
      /fixed rule and learns nothing: there is no policy to show/,
    );
    expect((await gameState(page)).panels.learned.ok).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});

describe('side by side', () => {
  it('runs a second assistant on the same days: atlas rows paired, curves overlaid', async () => {
    const { page, errors } = await open('?persona=amara-okafor&assistant=propera&seed=5');
    await jumpToEndOf(page, 3);
    await page.getByTestId('tab-versus').click();
    const region = page.getByRole('region', { name: 'Side by side' });
    await region.waitFor({ state: 'visible' });
    await page.getByTestId('versus-assistant').selectOption('always');
    await page.getByTestId('versus-run').click();
    await page.waitForFunction(
      () => {
        const v = window.__propersim?.getState().panels.versus;
        return v != null && !v.running && v.days === 3;
      },
      undefined,
      { timeout: 120_000 },
    );
    expect((await gameState(page)).panels.versus).toMatchObject({
      assistantId: 'always',
      error: null,
    });
    // Two charts, each with both assistants' values in its legend.
    const charts = region.getByTestId('versus-chart');
    expect(await charts.count()).toBe(2);
    expect(await charts.nth(0).textContent()).toMatch(
      /ProPerAssistant.*: \d\.\d\d.*Always.*: \d\.\d\d/i,
    );
    await page.screenshot({ path: join(tmpdir(), 'propersim-explore-versus.png') });
    // The atlas pairs the rows: the other assistant speaks at every waking step.
    await page.getByTestId('tab-atlas').click();
    await page.waitForFunction(
      () => window.__propersim?.getState().panels.atlas.rows[2]?.compareSpoken != null,
    );
    const rows = (await gameState(page)).panels.atlas.rows;
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r.compareSpoken!).toBeGreaterThan(r.spoken);
    expect(await page.getByTestId('atlas-compare-canvas').nth(0).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});

describe('time travel', () => {
  it('shows a past moment on the map, the status and the atlas; cards for the persona and the robot; zoom', async () => {
    const { page, errors } = await open('?persona=amara-okafor&assistant=propera&seed=5');
    await jumpToEndOf(page, 2);
    const live = await gameState(page);
    // Travel to day 1, 10:00.
    await page.getByTestId('travel').evaluate((n: HTMLInputElement) => {
      n.value = '600';
      n.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForFunction(() => window.__propersim?.getState().travel?.day === 1);
    expect(await page.getByTestId('status-when').textContent()).toBe('1 of 14 · 10:00 (past)');
    expect(await page.getByTestId('travel-label').textContent()).toBe('showing: day 1 10:00');
    // The map shows that moment: the persona is where the day-1 plan puts them, not where they are now.
    await page.waitForTimeout(300);
    const past = await gameState(page);
    expect(past.view!.persona.asleep).toBe(false);
    expect(live.view!.persona.asleep).toBe(true);
    // The run did not move back.
    expect(past.version).toBe(live.version);
    expect(past.recsTotal).toBe(live.recsTotal);

    // Click the persona on the map: its card, with the day's plan.
    const box = await page.locator('#game canvas').boundingBox();
    const scale = box!.width / 1088;
    const p = past.view!.persona;
    await page.mouse.click(box!.x + p.x * scale, box!.y + (p.y - 16) * scale);
    await page.getByTestId('who-card').waitFor({ state: 'visible' });
    let who = (await gameState(page)).who!;
    expect(who.who).toBe('persona');
    expect(who.lines[0]).toMatch(/^(Doing|On the way to): /);
    expect(who.plan).toBeGreaterThan(5);
    expect(await page.getByTestId('who-card').getByRole('listitem').count()).toBe(who.plan);
    // And the robot: what the assistant remembered then.
    const r = (await gameState(page)).view!.robot;
    await page.mouse.click(box!.x + r.x * scale, box!.y + r.y * scale);
    await page.waitForFunction(() => window.__propersim?.getState().who?.who === 'robot');
    who = (await gameState(page)).who!;
    expect(who.lines.join('\n')).toMatch(
      /What it remembers at day 1 10:00[\s\S]*steps? remembered/,
    );

    // Zoom in: the camera follows the persona; the HUD stays.
    await page.getByTestId('zoom-in').click();
    await page.getByTestId('zoom-in').click();
    await page.waitForTimeout(1500);
    const cam = (await gameState(page)).view!.camera;
    expect(cam.zoom).toBe(2);
    expect(Math.abs(cam.x - past.view!.persona.x)).toBeLessThan(300);
    await page.screenshot({ path: join(tmpdir(), 'propersim-explore-travel.png') });

    // The atlas follows the moment shown; "Now" comes back.
    await page.getByTestId('tab-atlas').click();
    await page.getByTestId('travel-now').click();
    await page.waitForFunction(() => window.__propersim?.getState().travel === null);
    expect(await page.getByTestId('status-when').textContent()).not.toContain('(past)');
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
