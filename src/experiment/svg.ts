/**
 * A small standalone SVG line chart: one polyline per series, axes with
 * ticks, a legend. No library; the output opens in any browser and pastes
 * into a paper draft.
 */

export interface Series {
  name: string;
  points: readonly (readonly [number, number])[];
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly Series[];
  /** Fixed y range; by default from 0 (or the data minimum) to a rounded maximum. */
  yMin?: number;
  yMax?: number;
  /** Format of the y tick labels. */
  yFormat?: (v: number) => string;
  width?: number;
  height?: number;
}

/** Colour-blind-friendly palette (Okabe–Ito), then greys. */
const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#F0E442',
  '#000000',
  '#777777',
  '#AAAAAA',
];

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** About `count` round tick values covering [min, max] (steps of 1, 2 or 5 × 10^k). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  const start = Math.ceil(min / step - 1e-9) * step;
  for (let v = start; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toFixed(10)));
  return ticks;
}

/** The smallest round number ≥ x (for an axis maximum). */
export function niceCeil(x: number): number {
  if (x <= 0) return 1;
  const mag = 10 ** Math.floor(Math.log10(x));
  const m = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((k) => k * mag >= x - 1e-12) ?? 10;
  return m * mag;
}

const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : String(Number(v.toFixed(3))));

export function lineChart(o: LineChartOptions): string {
  const width = o.width ?? 760;
  const height = o.height ?? 420;
  // Room for the longest series name (about 7 px a character at 12 px).
  const legendWidth = Math.max(120, 44 + 7 * Math.max(0, ...o.series.map((s) => s.name.length)));
  const margin = { top: 44, right: legendWidth + 16, bottom: 56, left: 64 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const all = o.series.flatMap((s) => s.points);
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  let xMin = xs.length ? Math.min(...xs) : 0;
  let xMax = xs.length ? Math.max(...xs) : 1;
  if (xMax === xMin) {
    xMin -= 1;
    xMax += 1;
  }
  const yMin = o.yMin ?? Math.min(0, ...ys);
  let yMax = o.yMax ?? niceCeil(ys.length ? Math.max(...ys) : 1);
  if (yMax <= yMin) yMax = yMin + 1;
  const yFormat = o.yFormat ?? fmt;
  const sx = (x: number): number => margin.left + ((x - xMin) / (xMax - xMin)) * plotW;
  const sy = (y: number): number => margin.top + plotH - ((y - yMin) / (yMax - yMin)) * plotH;
  const n = (v: number): string => v.toFixed(1);

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
  );
  out.push(`<title>${escapeXml(o.title)}</title>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(
    `<text x="${n(margin.left)}" y="24" font-size="16" font-weight="600">${escapeXml(o.title)}</text>`,
  );

  // Grid and ticks.
  out.push('<g class="y-axis" stroke="#e3e3e3">');
  for (const t of niceTicks(yMin, yMax, 5)) {
    const y = sy(t);
    out.push(
      `<line x1="${n(margin.left)}" y1="${n(y)}" x2="${n(margin.left + plotW)}" y2="${n(y)}"/>`,
    );
    out.push(
      `<text x="${n(margin.left - 8)}" y="${n(y + 4)}" text-anchor="end" fill="#333" stroke="none">${escapeXml(yFormat(t))}</text>`,
    );
  }
  out.push('</g>');
  const xTicks = niceTicks(xMin, xMax, Math.min(14, Math.max(1, Math.round(xMax - xMin)))).filter(
    (t) => Number.isInteger(t),
  );
  out.push('<g class="x-axis" stroke="#333">');
  for (const t of xTicks) {
    const x = sx(t);
    out.push(
      `<line x1="${n(x)}" y1="${n(margin.top + plotH)}" x2="${n(x)}" y2="${n(margin.top + plotH + 5)}"/>`,
    );
    out.push(
      `<text x="${n(x)}" y="${n(margin.top + plotH + 19)}" text-anchor="middle" fill="#333" stroke="none">${fmt(t)}</text>`,
    );
  }
  out.push('</g>');
  out.push(
    `<line x1="${n(margin.left)}" y1="${n(margin.top)}" x2="${n(margin.left)}" y2="${n(margin.top + plotH)}" stroke="#333"/>`,
    `<line x1="${n(margin.left)}" y1="${n(margin.top + plotH)}" x2="${n(margin.left + plotW)}" y2="${n(margin.top + plotH)}" stroke="#333"/>`,
  );
  out.push(
    `<text x="${n(margin.left + plotW / 2)}" y="${n(height - 14)}" text-anchor="middle" fill="#333">${escapeXml(o.xLabel)}</text>`,
    `<text x="16" y="${n(margin.top + plotH / 2)}" text-anchor="middle" fill="#333" transform="rotate(-90 16 ${n(margin.top + plotH / 2)})">${escapeXml(o.yLabel)}</text>`,
  );

  // Series and legend.
  o.series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length] as string;
    const pts = s.points.map(([x, y]) => `${n(sx(x))},${n(sy(y))}`).join(' ');
    out.push(`<g class="series" data-name="${escapeXml(s.name)}">`);
    out.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${pts}"/>`);
    for (const [x, y] of s.points)
      out.push(`<circle cx="${n(sx(x))}" cy="${n(sy(y))}" r="2.5" fill="${colour}"/>`);
    out.push('</g>');
    const ly = margin.top + 8 + i * 20;
    const lx = width - legendWidth;
    out.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 22}" y2="${ly}" stroke="${colour}" stroke-width="3"/>`,
      `<text x="${lx + 30}" y="${ly + 4}" fill="#333">${escapeXml(s.name)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
