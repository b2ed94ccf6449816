/**
 * What the charts' legends read: the day under the cursor, else the latest
 * day (uPlot shows "–" when the cursor is off a chart).
 */
import type uPlot from 'uplot';

/** The last value of a column (the legend's reading when the cursor is off the chart). */
export function lastOf(column: ArrayLike<number | null | undefined> | undefined): number | null {
  if (!column) return null;
  for (let i = column.length - 1; i >= 0; i--) {
    const v = column[i];
    if (v != null) return v;
  }
  return null;
}

/** The index the legend reads: the cursor's, else the last day's. */
export function legendIndex(u: uPlot, idx: number | null | undefined): number | null {
  if (idx != null) return idx;
  const n = u.data[0]?.length ?? 0;
  return n > 0 ? n - 1 : null;
}

/** A legend value: the cursor's day, else the latest day's. */
export const reading =
  (format: (v: number) => string) =>
  (u: uPlot, v: number | null, si: number, idx: number | null): string => {
    const value = idx == null ? lastOf(u.data[si]) : v;
    return value == null ? '–' : format(value);
  };
