/** The charts' legends read the latest day when the cursor is off the chart (src/ui/chart-legend.ts). */
import type uPlot from 'uplot';
import { describe, expect, it } from 'vitest';
import { lastOf, legendIndex, reading } from '../../src/ui/chart-legend';

const plot = (data: (number | null)[][]): uPlot => ({ data }) as unknown as uPlot;

describe('chart legends', () => {
  it('read the last value present, skipping gaps', () => {
    expect(lastOf([1, 2, 3])).toBe(3);
    expect(lastOf([1, 2, null])).toBe(2);
    expect(lastOf([])).toBeNull();
    expect(lastOf(undefined)).toBeNull();
  });

  it("show the cursor's value, else the latest day's", () => {
    const u = plot([
      [1, 2, 3],
      [20.5, 0.4, 0.3],
    ]);
    const fmt = reading((v) => v.toFixed(2));
    expect(fmt(u, 0.4, 1, 1)).toBe('0.40');
    expect(fmt(u, null, 1, null)).toBe('0.30');
    expect(legendIndex(u, null)).toBe(2);
    expect(legendIndex(u, 0)).toBe(0);
    expect(legendIndex(plot([[]]), null)).toBeNull();
  });
});
