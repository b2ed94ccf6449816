/**
 * npm run bench:browser — the built game in headless Chromium:
 *   (a) frame time (median, p95) at 1×, 64× and turbo, from requestAnimationFrame deltas over ~5 s;
 *   (b) how long turbo takes for one full day with the map drawn;
 *   (c) IndexedDB writes over a whole 14-day run at turbo: transactions, time in
 *       appendSteps, frame-time p95 while writing, and how long reopening the run takes;
 *   (d) time from navigation start to the first frame of the home (performance mark);
 *   (e) gzipped size of the JS a first visit loads (the entry chunk and its static imports;
 *       chunks loaded later by dynamic import, such as WebLLM, are left out);
 *   (f) a jump to day 14 23:00 in the page, and the ratio to the same jump in Node, this run;
 *   (g) main-thread time per frame at 1×, 64× and turbo from the browser's own records (trace and
 *       CDP Performance.getMetrics): script apart from style, layout and rendering work
 *       (bench/browser-metrics.ts).
 * Build with Vite's API, serve with `vite preview` on 127.0.0.1. Headless Chromium here renders
 * with software WebGL on shared cores, so the numbers are pessimistic for a real machine.
 *   npm run bench:browser -- [--seconds 5] [--days 14] [--only a,b,c,d,e,f]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import type { DebugState } from '../src/main';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/chromium';
import { frameWork, nodeJumpSeconds, pageJumpSeconds } from './browser-metrics';
import { firstVisitJs } from './first-visit';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    days: { type: 'string', default: '14' },
    // Some sections only, e.g. --only a,f (a includes g).
    only: { type: 'string', default: 'a,b,c,d,e,f' },
  },
});
const want = (section: string): boolean => values.only.split(',').includes(section);
const SECONDS = Number(values.seconds);
const DAYS = Number(values.days);
const RUN = 'persona=amara-okafor&assistant=propera&seed=1';

interface FrameStats {
  n: number;
  median: number;
  p95: number;
  max: number;
}

function frameStats(deltas: readonly number[]): FrameStats {
  const s = [...deltas].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { n: s.length, median: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? NaN };
}

const ms = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : '–');
const fps = (median: number): string => (median > 0 ? `${(1000 / median).toFixed(0)} fps` : '–');

async function state(page: Page): Promise<DebugState> {
  return page.evaluate(() => {
    const s = window.__propersim?.getState();
    if (!s) throw new Error('no debug hook');
    return s;
  });
}

async function openPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // tsx keeps function names with a `__name` helper that page.evaluate's functions lack.
  await context.addInitScript('window.__name = (f) => f;');
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(
    () => window.__propersim?.getState().view != null && window.__propersim?.storage != null,
    undefined,
    { timeout: 60_000 },
  );
  return page;
}

/** requestAnimationFrame deltas for `seconds`, measured in the page. */
function collectFrames(page: Page, seconds: number): Promise<number[]> {
  return page.evaluate(
    (msTotal) =>
      new Promise<number[]>((resolve) => {
        const deltas: number[] = [];
        let last: number | null = null;
        const start = performance.now();
        const frame = (t: number): void => {
          if (last !== null) deltas.push(t - last);
          last = t;
          if (performance.now() - start < msTotal) requestAnimationFrame(frame);
          else resolve(deltas);
        };
        requestAnimationFrame(frame);
      }),
    seconds * 1000,
  );
}

async function jumpTo(page: Page, day: number, hour: number): Promise<void> {
  await page.getByTestId('jump-day').fill(String(day));
  await page.getByTestId('jump-hour').selectOption(String(hour));
  await page.getByTestId('jump-go').click();
  await page.waitForFunction(() => window.__propersim?.getState().jumping === false, undefined, {
    timeout: 300_000,
  });
}

async function main(): Promise<void> {
  const root = process.cwd();
  const outDir = await mkdtemp(join(tmpdir(), 'propersim-bench-'));
  console.log(
    `bench:browser — headless Chromium (${CHROMIUM_ARGS.includes('--disable-gpu') ? 'software WebGL' : 'GPU'}), ` +
      `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ` +
      `load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} (other work on the machine slows every figure)`,
  );
  const t0 = performance.now();
  await build({
    root,
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, manifest: true },
  });
  console.log(`built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const server = await preview({
    root,
    logLevel: 'error',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const baseUrl = server.resolvedUrls?.local[0];
  if (!baseUrl) throw new Error('vite preview did not report a URL');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  const rows: [string, string, string][] = [];
  const row = (what: string, value: string, note = ''): void => {
    rows.push([what, value, note]);
    console.log(`  ${what}: ${value}${note ? `  (${note})` : ''}`);
  };

  try {
    // (d) Navigation start → first frame of the home, cold cache (a fresh context each time).
    console.log('(d) first frame…');
    const firsts: number[] = [];
    for (let i = 0; i < (want('d') ? 3 : 0); i++) {
      const page = await openPage(browser, `${baseUrl}?${RUN}`);
      await page.waitForFunction(
        () => performance.getEntriesByName('propersim:first-frame').length > 0,
      );
      firsts.push(
        await page.evaluate(
          () => performance.getEntriesByName('propersim:first-frame')[0]?.startTime ?? NaN,
        ),
      );
      await page.context().close();
    }
    firsts.sort((a, b) => a - b);
    if (want('d'))
      row(
        '(d) navigation → first Phaser frame',
        ms(firsts[1] ?? NaN),
        `median of 3 cold loads: ${firsts.map((x) => x.toFixed(0)).join(', ')} ms`,
      );

    // (a) Frame times at 1×, 64× and turbo, in the daytime (from day 1 09:00).
    console.log('(a) frame times…');
    if (want('a')) {
      const page = await openPage(browser, `${baseUrl}?${RUN}`);
      const idle = frameStats(await collectFrames(page, Math.min(SECONDS, 3)));
      row(
        '(a) frame time, paused',
        `median ${ms(idle.median)}, p95 ${ms(idle.p95)}`,
        fps(idle.median),
      );
      await jumpTo(page, 1, 9);
      for (const speed of ['1', '64', 'turbo']) {
        await page.getByTestId('speed').selectOption(speed);
        if (!(await state(page)).playing) await page.getByTestId('play').click();
        const before = await state(page);
        const f = frameStats(await collectFrames(page, SECONDS));
        const after = await state(page);
        const steps = (after.day - before.day) * 576 + (after.step - before.step);
        const label = speed === 'turbo' ? 'turbo' : `${speed}×`;
        row(
          `(a) frame time at ${label}`,
          `median ${ms(f.median)}, p95 ${ms(f.p95)}`,
          `${fps(f.median)}, max ${ms(f.max)}, ${f.n} frames, ${steps} steps in ${SECONDS} s`,
        );
        const w = await frameWork(browser, page, SECONDS);
        row(
          `(g) script per frame at ${label} (rAF callbacks, trace)`,
          `median ${ms(w.rafMedian)}, p95 ${ms(w.rafP95)}`,
          `aim at 1×: median ≤ 4 ms; ${w.frames} frames`,
        );
        row(
          `(g) main thread per frame at ${label} (getMetrics, mean)`,
          `script ${ms(w.scriptMean)}`,
          `style + layout ${ms(w.styleLayoutMean)}, other tasks (WebGL into the software renderer, paint, GC) ${ms(w.otherMean)}`,
        );
      }
      await page.context().close();
    }

    // (b) One full day at turbo with the map drawn (day 1 00:00 → day 2 00:00).
    console.log('(b) one day at turbo…');
    if (want('b')) {
      const page = await openPage(browser, `${baseUrl}?${RUN}&speed=turbo`);
      const seconds = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const hook = window.__propersim;
            if (!hook) throw new Error('no debug hook');
            const start = performance.now();
            document.querySelector<HTMLButtonElement>('[data-testid="play"]')?.click();
            const check = (): void => {
              if (hook.getState().day >= 2) resolve((performance.now() - start) / 1000);
              else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          }),
      );
      row(
        '(b) turbo: one full day, map drawn',
        `${seconds.toFixed(2)} s`,
        'design target ~1.5 s (576 steps)',
      );
      await page.context().close();
    }

    // (c) A whole run at turbo with saving on: writes, their cost, and frames while writing.
    console.log(`(c) ${DAYS}-day run at turbo with saving…`);
    if (want('c')) {
      const page = await openPage(browser, `${baseUrl}?${RUN}&speed=turbo`);
      const result = await page.evaluate(
        (days) =>
          new Promise<{
            seconds: number;
            deltas: number[];
            writing: number[];
            stats: ReturnType<NonNullable<NonNullable<typeof window.__propersim>['storage']>>;
          }>((resolve) => {
            const hook = window.__propersim;
            if (!hook?.storage) throw new Error('no storage hook');
            const storage = hook.storage;
            const deltas: number[] = [];
            // Frames in which a write was issued.
            const writing: number[] = [];
            let last: number | null = null;
            let lastTx = storage().transactions;
            const start = performance.now();
            document.querySelector<HTMLButtonElement>('[data-testid="play"]')?.click();
            const frame = (t: number): void => {
              // A write issued since the last frame ran its synchronous part inside this delta.
              const tx = storage().transactions;
              if (last !== null) {
                deltas.push(t - last);
                if (tx !== lastTx) writing.push(t - last);
              }
              last = t;
              lastTx = tx;
              const s = hook.getState();
              if (s.finished || s.daysDone >= days) {
                void (hook.flush?.() ?? Promise.resolve()).then(() =>
                  resolve({
                    seconds: (performance.now() - start) / 1000,
                    deltas,
                    writing,
                    stats: storage(),
                  }),
                );
                return;
              }
              requestAnimationFrame(frame);
            };
            requestAnimationFrame(frame);
          }),
        DAYS,
      );
      const all = frameStats(result.deltas);
      const w = frameStats(result.writing);
      const st = result.stats;
      row(
        `(c) ${DAYS} days at turbo, saving on`,
        `${result.seconds.toFixed(1)} s`,
        `${(result.seconds / DAYS).toFixed(2)} s per day`,
      );
      row(
        '(c) IndexedDB write transactions',
        String(st.transactions),
        `${st.snapshots} with a full state snapshot, ${st.records} step records, ${st.failures} failures`,
      );
      row(
        '(c) time in appendSteps (call → commit)',
        `${st.appendMs.toFixed(0)} ms total`,
        `mean ${(st.appendMs / Math.max(1, st.transactions)).toFixed(1)} ms, max ${st.maxAppendMs.toFixed(0)} ms; mostly waiting: IndexedDB works in the browser process, and each step of a transaction waits for the page's busy main thread`,
      );
      row(
        '(c) main-thread time copying batches',
        `${st.syncMs.toFixed(0)} ms total`,
        `max ${st.maxSyncMs.toFixed(1)} ms in one call (a day-14 snapshot is ~2.6 MB)`,
      );
      row(
        '(c) frame time during the run',
        `median ${ms(all.median)}, p95 ${ms(all.p95)}`,
        `max ${ms(all.max)}, ${all.n} frames`,
      );
      row(
        '(c) frame time in frames that wrote',
        `median ${ms(w.median)}, p95 ${ms(w.p95)}`,
        `max ${ms(w.max)}, ${w.n} frames`,
      );
      // Reopen the finished run by its id: load, replay the inputs after the last snapshot, load the steps.
      const runId = st.runId;
      if (runId) {
        const url = new URL(page.url());
        url.searchParams.set('run', runId);
        const t1 = Date.now();
        await page.goto(url.toString());
        await page.waitForFunction((id) => window.__propersim?.storage?.().runId === id, runId, {
          timeout: 120_000,
        });
        const wall = Date.now() - t1;
        const restored = await page.evaluate(() => window.__propersim?.storage?.() ?? null);
        const parts = restored?.restoreParts;
        row(
          `(c) reopen the ${DAYS}-day run after a reload`,
          ms(restored?.restoreMs ?? NaN),
          parts
            ? `loadRun ${parts.loadRun.toFixed(0)} ms, replay of ${parts.replayedSteps} steps ${parts.replay.toFixed(0)} ms, ` +
                `loadSteps ${parts.loadSteps.toFixed(0)} ms, store.restore ${parts.apply.toFixed(0)} ms; ` +
                `${(wall / 1000).toFixed(1)} s from navigation`
            : '',
        );
      }
      await page.context().close();
    }

    // (f) A jump to day 14 in the page (map drawn, saving on), then the same jump in Node.
    console.log('(f) jump to day 14…');
    if (want('f')) {
      const page = await openPage(browser, `${baseUrl}?${RUN}`);
      const inPage = await pageJumpSeconds(page, 14, 23);
      const day = (await state(page)).day;
      await page.context().close();
      const [persona, assistant, seed] = ['amara-okafor', 'propera', '1'];
      const inNode = nodeJumpSeconds(
        { personaId: persona, assistantId: assistant, seed },
        { day: 14, minute: 23 * 60 },
      );
      row(
        '(f) jump to day 14 23:00 in the page',
        `${inPage.toFixed(1)} s`,
        `arrived at day ${day}`,
      );
      row(
        '(f) the same jump in Node (this run)',
        `${inNode.toFixed(2)} s`,
        `page / Node = ${(inPage / inNode).toFixed(1)}× (aim ≤ 3×)`,
      );
    }

    // (e) What a first visit downloads.
    console.log('(e) first-visit JS…');
    if (want('e')) {
      const { files, lazy } = await firstVisitJs(outDir);
      const raw = files.reduce((s, f) => s + f.raw, 0);
      const gz = files.reduce((s, f) => s + f.gzip, 0);
      row(
        '(e) first-visit JS, gzipped',
        `${(gz / 1024).toFixed(0)} KiB`,
        `${(raw / 1024).toFixed(0)} KiB raw; ${files
          .map((f) => `${f.file.replace(/^assets\//, '')} ${(f.gzip / 1024).toFixed(0)} KiB`)
          .join(', ')}`,
      );
      const lazyGz = lazy.reduce((s, f) => s + f.gzip, 0);
      row(
        '(e) loaded later (dynamic imports)',
        `${(lazyGz / 1024).toFixed(0)} KiB gzipped`,
        `${lazy.length} chunks, e.g. WebLLM, only when chosen`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(outDir, { recursive: true, force: true });
  }

  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const line = `${'-'.repeat(w0 + 2)}+${'-'.repeat(w1 + 2)}+${'-'.repeat(40)}`;
  console.log(`\n${'measure'.padEnd(w0)}   ${'value'.padEnd(w1)}   note`);
  console.log(line);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)} | ${b.padEnd(w1)} | ${c}`);
  console.log(
    `\nHeadless Chromium with software WebGL on shared cores (load average now ${loadavg()[0]?.toFixed(1)}): ` +
      'frame times are pessimistic next to a real browser with a GPU, and turbo is capped at ' +
      '16 steps a frame, so a slow frame rate also slows turbo and the 14-day run.',
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
