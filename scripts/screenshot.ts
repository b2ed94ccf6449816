/**
 * Take screenshots of the built game in headless Chromium, to look at the
 * art while working on it: `npx vite build && npx tsx scripts/screenshot.ts [outDir] [query] [playMs]`.
 * Writes full-page PNGs to outDir (default /tmp/propersim-shots).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

async function main(): Promise<void> {
  const outDir = process.argv[2] ?? '/tmp/propersim-shots';
  const query = process.argv[3] ?? 'speed=64';
  const playMs = Number(process.argv[4] ?? '4000');
  await mkdir(outDir, { recursive: true });
  const server = await preview({ logLevel: 'warn', preview: { host: '127.0.0.1', port: 0 } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('no preview URL');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const deviceScaleFactor = Number(process.env.DSF ?? '1');
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 }, deviceScaleFactor });
    page.on('console', (m) => console.log(`[console.${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
    await page.goto(`${url}?${query}`);
    await page.waitForFunction(() => window.__propersim?.getState().view !== null, undefined, { timeout: 20_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(outDir, 'start.png') });
    await page.getByTestId('play').click();
    await page.waitForTimeout(playMs);
    await page.getByTestId('play').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(outDir, 'played.png') });
    const state = await page.evaluate(() => window.__propersim?.getState());
    console.log(JSON.stringify(state));
    // A close-up around the persona.
    const box = await page.locator('#game canvas').boundingBox();
    if (box && state?.view) {
      const k = box.width / 1088;
      const cx = box.x + state.view.persona.x * k;
      const cy = box.y + state.view.persona.y * k;
      await page.screenshot({
        path: join(outDir, 'closeup.png'),
        clip: { x: Math.max(0, cx - 160), y: Math.max(0, cy - 130), width: 320, height: 220 },
      });
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
