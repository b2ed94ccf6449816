/**
 * Figures for the closing notes: how big a whole 14-day propera run's export
 * is, and how long appendSteps takes per batch of 200 steps on fake-indexeddb
 * (an in-process IndexedDB; a browser's is usually slower per write but the
 * shape is the same). Loose bounds keep it a test; the numbers are printed.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { expect, it } from 'vitest';
import { dispatch } from '../../src/core/sim';
import { DexieRunStore } from '../../src/storage/dexie-store';
import { restoreRun } from '../../src/storage/restore';
import { json, metaFor, newRun, testClock } from './storage-contract';

const BATCH_STEPS = 200;

function stats(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const mean = ms.reduce((s, x) => s + x, 0) / ms.length;
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `n=${ms.length} mean ${mean.toFixed(1)} ms, median ${at(0.5).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`;
}

it('a 14-day propera run: export size and appendSteps time per 200-step batch', async () => {
  const clock = testClock();
  const store = new DexieRunStore({ now: clock.now, indexedDB: new IDBFactory(), IDBKeyRange });
  await store.open();
  const { run, agents } = newRun('propera', 'measure');
  await store.createRun(metaFor('big', run, 1), run);
  const plain: number[] = [];
  const withSnapshot: number[] = [];
  let batches = 0;
  while (run.day <= run.config.days) {
    const records = dispatch(run, agents, { type: 'advance', steps: BATCH_STEPS });
    batches++;
    const snapshot = batches % 2 === 0; // a snapshot every 400 steps
    const t0 = performance.now();
    await store.appendSteps('big', {
      inputs: [{ type: 'advance', steps: BATCH_STEPS }],
      records,
      ...(snapshot ? { state: run } : {}),
    });
    (snapshot ? withSnapshot : plain).push(performance.now() - t0);
  }
  const t0 = performance.now();
  const exported = await store.exportRun('big');
  const exportMs = performance.now() - t0;
  const text = JSON.stringify(exported);
  const bytes = Buffer.byteLength(text, 'utf8');
  const snapshotBytes = Buffer.byteLength(JSON.stringify(exported.snapshot), 'utf8');
  const t1 = performance.now();
  const restored = restoreRun(await store.loadRun('big'), agents);
  const restoreMs = performance.now() - t1;

  console.log(
    [
      `14-day propera run: ${exported.steps.length} step records`,
      `export JSON: ${bytes} bytes (${(bytes / 1e6).toFixed(2)} MB; snapshot ${snapshotBytes} bytes), exported in ${exportMs.toFixed(0)} ms`,
      `appendSteps per ${BATCH_STEPS} steps, records + input only: ${stats(plain)}`,
      `appendSteps per ${BATCH_STEPS} steps, with a state snapshot: ${stats(withSnapshot)}`,
      `loadRun + restoreRun of the finished run: ${restoreMs.toFixed(0)} ms`,
    ].join('\n'),
  );
  expect(exported.steps.length).toBe(14 * 576);
  expect(json(restored)).toEqual(json(run));
  expect(bytes).toBeLessThan(40e6);
  expect(Math.max(...plain, ...withSnapshot)).toBeLessThan(2_000);
  await store.close();
}, 120_000);
