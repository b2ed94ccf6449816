/**
 * In headless Chromium against the built game: importing a persona in the
 * ProPerSim format shows, next to each derived field, the clause it was read
 * from (as text, never markup); the language libraries load only then; and
 * several reference files at once join the persona list with unique ids.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium';

const baseUrl = inject('baseUrl');
const here = (rel: string): string => fileURLToPath(new URL(rel, import.meta.url));
const scratch = (n: number): string =>
  here(
    `../fixtures/propersim-set/storage/base_the_ville_persona_${n}/personas/John Lin/bootstrap_memory/scratch.json`,
  );
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('persona editor: evidence of an import', () => {
  it('shows each rubric part with the clauses it was read from, quoted as text', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors: string[] = [];
    const scripts: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(`${baseUrl}?persona=aisha-bello&assistant=propera&seed=1`);
    await page.waitForFunction(() => window.__propersim?.getState().view != null, undefined, {
      timeout: 30_000,
    });
    // The importer (and its language libraries) is not part of the first load.
    expect(scripts.some((u) => /propersim-[\w-]+\.js$/.test(u))).toBe(false);

    await page.getByTestId('personas-open').click();
    const data = JSON.parse(
      readFileSync(here('../fixtures/propersim/decor-retiree.json'), 'utf8'),
    ) as {
      criteria: Record<string, string>;
    };
    // Markup in a persona file stays text.
    data.criteria.Personal_Preference +=
      ' <img src=x onerror="window.__pwned=1"> <b>bold</b> ideas while I read.';
    await page.getByTestId('persona-import').setInputFiles({
      name: 'decor-retiree.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(data)),
    });
    const result = page.getByTestId('import-result');
    await expect
      .poll(() => result.textContent(), { timeout: 20_000 })
      .toMatch(/Imported “Margaret Ellison”/);
    expect(scripts.some((u) => /propersim-[\w-]+\.js$/.test(u))).toBe(true);

    const dialog = page.getByTestId('persona-editor');
    const timing = dialog.locator('fieldset:has(> legend:text-is("Timing"))');
    const ev = timing.getByTestId('pe-evidence');
    await expect.poll(() => ev.count()).toBeGreaterThan(0);
    const text = await ev.first().textContent();
    expect(text).toContain('10:00–12:00, 13:00–17:00');
    expect(text).toContain('Please never interrupt my breakfast routine or my evening journaling');
    const quotes = await dialog.locator('.pe-ev-quote').allTextContents();
    expect(quotes.length).toBeGreaterThan(8);
    // Defaults and clauses not mapped are marked as such.
    expect(await dialog.locator('.pe-ev-unmapped').count()).toBeGreaterThan(0);
    expect(await dialog.locator('[data-path="routine.breakfast"] .pe-ev-default').count()).toBe(1);
    expect(await dialog.locator('.pe-evidence img, .pe-evidence b').count()).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();

    await timing.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(tmpdir(), 'propersim-persona-evidence.png') });

    // Several reference files at once: each joins the persona list under its own id.
    await page.getByTestId('persona-import').setInputFiles([scratch(1), scratch(2), scratch(3)]);
    await expect.poll(() => result.textContent(), { timeout: 20_000 }).toMatch(/Added 3 personas/);
    const ids = await page
      .getByTestId('persona')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(ids.filter((id) => /^scratch/.test(id) || /^persona/.test(id)).length).toBe(3);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
