/**
 * Screenshots of the built game in headless Chromium, for looking at the art
 * while working on it. Build first, then:
 *
 *   npx tsx scripts/screenshot.ts [--out DIR] [--query QS] [--at HH:MM] [--day N] [--then SPEED] [--for MS] [--scale K]
 *
 * Fast-forwards (turbo) to the given day and time, then plays at `--then`
 * speed for `--for` ms, pauses and writes `shot.png` (the page) and
 * `closeup.png` (around the persona) to DIR (default /tmp/propersim-shots).
 * `--png8 FILE` also writes the page (the controls, the home and the status
 * line) as a 256-colour PNG, small enough for the docs.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { encodePng8 } from './png8';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/chromium';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: '/tmp/propersim-shots' },
    query: { type: 'string', default: 'persona=aisha-bello&assistant=random&seed=1' },
    at: { type: 'string', default: '10:00' },
    day: { type: 'string', default: '1' },
    then: { type: 'string', default: '8' },
    for: { type: 'string', default: '1500' },
    scale: { type: 'string', default: '1' },
    width: { type: 'string', default: '1366' },
    height: { type: 'string', default: '800' },
    png8: { type: 'string' },
  },
});

async function main(): Promise<void> {
  const [hh, mm] = (values.at ?? '10:00').split(':').map(Number);
  const target = (Number(values.day) - 1) * 1440 + (hh ?? 10) * 60 + (mm ?? 0);
  const outDir = values.out ?? '/tmp/propersim-shots';
  await mkdir(outDir, { recursive: true });
  const server = await preview({ logLevel: 'warn', preview: { host: '127.0.0.1', port: 0 } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('no preview URL');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({
      viewport: { width: Number(values.width), height: Number(values.height) },
      deviceScaleFactor: Number(values.scale),
    });
    page.on('console', (m) => {
      if (m.type() === 'error') console.log(`[console.error] ${m.text()}`);
    });
    page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
    await page.goto(`${url}?${values.query}&speed=turbo`);
    await page.waitForFunction(() => window.__propersim?.getState().view != null, undefined, {
      timeout: 30_000,
    });
    await page.getByTestId('play').click();
    await page.waitForFunction(
      (t) => {
        const s = window.__propersim?.getState();
        const done = s ? (s.day - 1) * 1440 + s.minute >= t : false;
        // Pause from inside the page, at once: turbo covers an hour of the day in ~0.1 s.
        if (done) document.querySelector<HTMLButtonElement>('[data-testid="play"]')?.click();
        return done;
      },
      target,
      { timeout: 120_000, polling: 16 },
    );
    await page.getByTestId('speed').selectOption(values.then ?? '8');
    await page.getByTestId('play').click();
    await page.waitForTimeout(Number(values.for));
    await page.keyboard.press('Space');
    await page.mouse.move(0, 0);
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(outDir, 'shot.png') });
    if (values.png8) {
      const png = await page.screenshot();
      // Decode in the browser (no image library needed here), quantise and encode in Node.
      const decoded = await page.evaluate(async (b64) => {
        const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const c = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = c.getContext('2d') as OffscreenCanvasRenderingContext2D;
        ctx.drawImage(bitmap, 0, 0);
        const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
        let bin = '';
        for (let i = 0; i < data.length; i += 0x8000)
          bin += String.fromCharCode(...data.subarray(i, i + 0x8000));
        return { w: bitmap.width, h: bitmap.height, rgba: btoa(bin) };
      }, png.toString('base64'));
      const out = encodePng8(Buffer.from(decoded.rgba, 'base64'), decoded.w, decoded.h);
      await writeFile(values.png8, out);
      console.log(`wrote ${values.png8}: ${decoded.w}×${decoded.h}, ${out.length} bytes`);
    }
    const state = await page.evaluate(() => window.__propersim?.getState());
    console.log(JSON.stringify(state));
    const box = await page.locator('#game canvas').boundingBox();
    if (box && state?.view) {
      const k = box.width / 1088;
      const cx = box.x + state.view.persona.x * k;
      const cy = box.y + state.view.persona.y * k;
      await page.screenshot({
        path: join(outDir, 'closeup.png'),
        clip: { x: Math.max(0, cx - 200), y: Math.max(0, cy - 160), width: 400, height: 260 },
      });
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
