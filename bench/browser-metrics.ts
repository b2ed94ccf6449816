/**
 * The measures npm run bench:browser adds for issue 12:
 *   (f) a jump to day 14 in the page (with the map drawn and saving on), against the same jump in
 *       Node in this same bench run: the same persona, assistant and seed through the same store
 *       and stepper (src/state), without a page;
 *   (g) main-thread time per frame from the browser's own records: the JavaScript of each frame's
 *       requestAnimationFrame callbacks (the playback driver and Phaser's update) from a Chromium
 *       trace (median, p95), and from CDP Performance.getMetrics the mean per frame of all script,
 *       of style and layout, and of the rest of the main thread's tasks (WebGL calls into the
 *       software renderer, painting, garbage collection), kept apart from the script.
 */
import type { Browser, Page } from 'playwright-core';
import { createGame } from '../src/state/create-game';
import { loadAllPersonas } from '../src/cli/personas-node';

/** Seconds for the same jump in Node: the store's jump, run to the end without yielding. */
export function nodeJumpSeconds(
  run: { personaId: string; assistantId: string; seed: string },
  target: { day: number; minute: number },
): number {
  const personas = loadAllPersonas();
  const game = createGame({ personas, initial: run });
  const t0 = performance.now();
  game.actions.jumpTo(target);
  while (game.store.getState().jump) game.actions.jumpChunk(() => false);
  const s = game.store.getState();
  if (s.clock.day !== target.day) throw new Error(`the Node jump stopped at day ${s.clock.day}`);
  return (performance.now() - t0) / 1000;
}

/** Seconds for a jump in the page, from the click on Go to the jump's end (timed in the page). */
export async function pageJumpSeconds(page: Page, day: number, hour: number): Promise<number> {
  await page.getByTestId('jump-day').fill(String(day));
  await page.getByTestId('jump-hour').selectOption(String(hour));
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const hook = window.__propersim;
        if (!hook) throw new Error('no debug hook');
        const start = performance.now();
        document.querySelector<HTMLButtonElement>('[data-testid="jump-go"]')?.click();
        const check = (): void => {
          if (!hook.getState().jumping) resolve((performance.now() - start) / 1000);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
}

export interface FrameWork {
  frames: number;
  /** JavaScript in each frame's animation-frame callbacks (trace), ms. */
  rafMedian: number;
  rafP95: number;
  /** Means per frame from Performance.getMetrics, ms. */
  scriptMean: number;
  styleLayoutMean: number;
  otherMean: number;
}

type Metrics = Record<string, number>;

type Session = Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>;

/** The page's counters (seconds of script, layout… since this session enabled them). */
async function metrics(cdp: Session): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
}

/** Sum the rAF callbacks of each frame: callbacks less than 2 ms apart belong to one frame. */
function rafPerFrame(events: readonly TraceEvent[]): number[] {
  const fired = events
    .filter((e) => e.name === 'FireAnimationFrame' && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts);
  const frames: number[] = [];
  let end = -Infinity;
  for (const e of fired) {
    const dur = (e.dur ?? 0) / 1000;
    if (e.ts - end > 2000 || frames.length === 0) frames.push(dur);
    else frames[frames.length - 1] = (frames[frames.length - 1] ?? 0) + dur;
    end = e.ts + (e.dur ?? 0);
  }
  return frames;
}

function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

/** Main-thread work per frame while the page plays for `seconds`. */
export async function frameWork(browser: Browser, page: Page, seconds: number): Promise<FrameWork> {
  // One session for both readings: enabling the domain again would restart the counters.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const before = await metrics(cdp);
  await browser.startTracing(page, { categories: ['devtools.timeline'] });
  const frames = await page.evaluate(
    (msTotal) =>
      new Promise<number>((resolve) => {
        let n = 0;
        const start = performance.now();
        const frame = (): void => {
          n++;
          if (performance.now() - start < msTotal) requestAnimationFrame(frame);
          else resolve(n);
        };
        requestAnimationFrame(frame);
      }),
    seconds * 1000,
  );
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as {
    traceEvents: TraceEvent[];
  };
  const after = await metrics(cdp);
  await cdp.detach();
  const d = (name: string): number => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;
  const per = (ms: number): number => ms / Math.max(1, frames);
  const raf = rafPerFrame(trace.traceEvents);
  const script = d('ScriptDuration');
  const styleLayout = d('RecalcStyleDuration') + d('LayoutDuration');
  return {
    frames,
    rafMedian: quantile(raf, 0.5),
    rafP95: quantile(raf, 0.95),
    scriptMean: per(script),
    styleLayoutMean: per(styleLayout),
    otherMean: per(d('TaskDuration') - script - styleLayout),
  };
}
