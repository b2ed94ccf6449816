/**
 * Learning across days, with uPlot: the mean score per day, suggestions per
 * waking hour (against the rate the persona asked for), each criterion's
 * pass rate, the confusion matrix of speaking against what was wanted, and
 * the DPO loss of the daily training (for assistants that learn). The
 * charts change only when a day ends or a training runs, never per frame.
 *
 * "Zoom past day 1" (on by default) leaves day 1 out of the scales, so the
 * detail of days 2–14 shows (day 1's untrained rate, ~20 an hour, would
 * flatten the rest). Legends show the day under the cursor, else the latest.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { RunState } from '../core/sim';
import { CRITERIA, CRITERION_LABELS } from '../core/vocab';
import type { GameState, GameStore } from '../state/store';
import {
  CONFUSION_PARTS,
  confusionColumns,
  lossColumns,
  meanScoreColumns,
  passRateColumns,
  rateColumns,
  trendText,
  type Columns,
} from './chart-data';
import { lastOf, legendIndex, reading } from './chart-legend';
import { el, setText } from './dom';

const AXIS = '#a99bb8';
const GRID = 'rgba(255, 255, 255, 0.07)';
const HEIGHT = 104;
const CRITERION_COLOURS = ['#c45f97', '#5fa8c8', '#d9a441', '#8d7cc6'];

export interface ChartsProbe {
  /** Days the charts show. */
  days: number;
  /** Charts drawn with data (uPlot instances). */
  drawn: number;
  loss: 'chart' | 'not-learning' | 'waiting';
  /** The first day on the scales (2 when zoomed past day 1). */
  firstDay: number;
  /** Each chart's legend as shown (label and value), by test id. */
  legends: Record<string, string[]>;
}

interface ChartSlot {
  root: HTMLElement;
  trend: HTMLElement;
  body: HTMLElement;
  plot: uPlot | null;
  make: (width: number) => uPlot.Options;
}

function axes(yLabel: (v: number) => string): uPlot.Axis[] {
  const font = '10px system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
  return [
    {
      stroke: AXIS,
      grid: { stroke: GRID, width: 1 },
      ticks: { stroke: GRID, width: 1, size: 3 },
      font,
      size: 22,
      incrs: [1, 2, 5, 10],
      values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')),
    },
    {
      stroke: AXIS,
      grid: { stroke: GRID, width: 1 },
      ticks: { stroke: GRID, width: 1, size: 3 },
      font,
      size: 34,
      values: (_u, splits) => splits.map(yLabel),
    },
  ];
}

/** Chart scales: the first day shown (1, or 2 when zoomed past day 1) and the last. */
interface Span {
  first: number;
  days: number;
}

function base(
  width: number,
  span: Span,
  series: uPlot.Series[],
  y: NonNullable<uPlot.Scale['range']>,
  yLabel: (v: number) => string,
): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    legend: { show: true, live: true },
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    scales: {
      x: { time: false, range: () => [span.first - 0.5, span.days + 0.5] },
      y: { range: y },
    },
    axes: axes(yLabel),
    series: [
      {
        label: 'day',
        value: (u, v, _si, idx) => {
          const day = idx == null ? lastOf(u.data[0]) : v;
          return day == null ? '–' : idx == null ? `${day} (latest)` : String(day);
        },
      },
      ...series,
    ],
  };
}

const line = (label: string, stroke: string, extra: Partial<uPlot.Series> = {}): uPlot.Series => ({
  label,
  stroke,
  width: 2,
  points: { show: true, size: 5, fill: stroke },
  value: reading((v) => v.toFixed(2)),
  ...extra,
});

export function mountCharts(
  root: HTMLElement,
  store: GameStore,
): { dispose(): void; probe(): ChartsProbe } {
  const intro = el('details', { class: 'intro', open: '' });
  intro.append(
    el('summary', {}, 'What am I looking at?'),
    el(
      'p',
      {},
      'A simulated person lives at home, day after day. Every 2.5 simulated minutes while they are awake, an AI assistant either suggests something or stays silent, and the person scores that step from 0 to 4: one point each for personal preference, timing, frequency, and communication & safety (their rubric is on the persona card).',
    ),
    el(
      'p',
      {},
      'The built-in assistant never sees that rubric. Each step it drafts two candidates; both are scored, the better and the worse make a preference pair, and every night it trains on those pairs (DPO). Compare day 1 with a later day on the timeline, and watch the curves below; click any mark to see why it scored what it did.',
    ),
  );
  root.append(intro, el('h2', {}, 'Learning across days'));
  const empty = el(
    'p',
    { class: 'note', 'data-testid': 'charts-empty' },
    'The charts fill in as days end: each point is one simulated day. Play a day (or jump ahead) to see the first.',
  );
  root.append(empty);

  const zoomBox = el('input', { type: 'checkbox', 'data-testid': 'charts-zoom' });
  zoomBox.checked = true;
  const zoomLabel = el('label', {
    class: 'field charts-zoom',
    title: 'Leave day 1 out of the scales, so the detail of the later days shows',
  });
  zoomLabel.append(zoomBox, el('span', {}, 'Zoom past day 1'));
  root.append(zoomLabel);

  let days = 14;
  const span: Span = { first: 2, days };
  let run: RunState = store.getState().run;
  const slots: ChartSlot[] = [];
  const slot = (
    title: string,
    testid: string,
    make: (width: number) => uPlot.Options,
  ): ChartSlot => {
    const section = el('section', { class: 'chart', 'data-testid': testid });
    const trend = el('p', { class: 'trend' });
    const body = el('div', { class: 'chart-body' });
    section.append(el('h3', {}, title), trend, body);
    root.append(section);
    const s: ChartSlot = { root: section, trend, body, plot: null, make };
    slots.push(s);
    return s;
  };

  const mean = slot('Mean score per day (0–4)', 'chart-mean', (w) =>
    base(
      w,
      span,
      [line('mean score', '#f2b84b')],
      // Zoomed, the scale fits the days shown (to the half point); else the whole 0–4.
      (_u, min, max) =>
        span.first > 1 && min != null && max != null
          ? [Math.max(0, Math.floor(min * 2 - 0.2) / 2), Math.min(4, Math.ceil(max * 2 + 0.2) / 2)]
          : [0, 4],
      (v) => (Number.isInteger(v) ? v.toFixed(0) : v.toFixed(1)),
    ),
  );
  const rate = slot('Suggestions per waking hour', 'chart-rate', (w) =>
    base(
      w,
      span,
      [
        line('made', '#7ec8e3'),
        line('asked min', '#5fd08a', { dash: [4, 3], width: 1, points: { show: false } }),
        line('asked max', '#5fd08a', { dash: [4, 3], width: 1, points: { show: false } }),
      ],
      (_u, _min, max) => [0, Math.max(0.5, max * 1.1)],
      (v) => v.toFixed(1),
    ),
  );
  const pass = slot('Pass rate of each criterion', 'chart-pass', (w) =>
    base(
      w,
      span,
      CRITERIA.map((c, i) =>
        line(CRITERION_LABELS[c], CRITERION_COLOURS[i] as string, {
          value: reading((v) => `${Math.round(v * 100)}%`),
        }),
      ),
      () => [0, 1],
      (v) => `${Math.round(v * 100)}%`,
    ),
  );
  let confusionRaw: number[][] = [];
  const bars = uPlot.paths.bars?.({ size: [0.7, 28], gap: 1 });
  const confusion = slot(
    'Speaking against what was wanted (steps per day)',
    'chart-confusion',
    (w) =>
      base(
        w,
        span,
        // Running totals drawn largest first, so each part shows as its own band of the stack.
        [...CONFUSION_PARTS.keys()].reverse().map((part) => {
          const p = CONFUSION_PARTS[part] as (typeof CONFUSION_PARTS)[number];
          return {
            label: p.label,
            stroke: p.colour,
            fill: p.colour,
            width: 0,
            points: { show: false },
            ...(bars ? { paths: bars } : {}),
            value: (u: uPlot, _v: number | null, _si: number, idx: number | null) => {
              const i = legendIndex(u, idx);
              return i == null ? '–' : String(confusionRaw[part]?.[i] ?? '–');
            },
          } satisfies uPlot.Series;
        }),
        (_u, _min, max) => [0, Math.max(10, max)],
        (v) => v.toFixed(0),
      ),
  );
  const loss = slot('Daily training: DPO loss on the replayed pairs', 'chart-loss', (w) =>
    base(
      w,
      span,
      [line('before', '#e5484d'), line('after', '#2fa84f')],
      (_u, _min, max) => [0, Math.max(0.1, max * 1.1)],
      (v) => v.toFixed(2),
    ),
  );
  for (const s of slots) s.root.hidden = true;

  const width = (): number => Math.max(160, Math.floor(root.clientWidth - 24));

  const put = (s: ChartSlot, data: Columns): void => {
    s.root.hidden = false;
    if (!s.plot) {
      s.plot = new uPlot(s.make(width()), data as uPlot.AlignedData, s.body);
    } else {
      s.plot.setData(data as uPlot.AlignedData);
    }
  };
  const reset = (): void => {
    for (const s of slots) {
      s.plot?.destroy();
      s.plot = null;
      s.root.hidden = true;
    }
  };

  let lossState: ChartsProbe['loss'] = 'waiting';
  let introClosed = false;
  const update = (st: GameState): void => {
    const summaries = st.run.days;
    const log = st.training;
    empty.hidden = summaries.length > 0;
    // Zooming past day 1 needs a day 2.
    zoomLabel.hidden = summaries.length < 2;
    // The explanation steps aside once there is something to read (it can be reopened).
    if (summaries.length > 0 && !introClosed) {
      introClosed = true;
      intro.open = false;
    }
    if (summaries.length === 0) {
      reset();
      return;
    }
    put(mean, meanScoreColumns(summaries));
    setText(
      mean.trend,
      trendText(summaries, (d) => d.meanScore),
    );
    put(rate, rateColumns(summaries, st.run.persona));
    setText(
      rate.trend,
      `${trendText(summaries, (d) => d.recsPerWakingHour)} · dashed: the asked range`,
    );
    put(pass, passRateColumns(summaries));
    setText(pass.trend, 'share of waking steps that met each part of the rubric');
    const c = confusionColumns(summaries);
    confusionRaw = c.raw;
    put(confusion, [c.stacked[0], ...c.stacked.slice(1).reverse()] as Columns);
    setText(
      confusion.trend,
      'spoke when welcome (timing and preference met) or not; silent when a suggestion was missed, or rightly',
    );
    if (log === null) {
      lossState = 'not-learning';
      loss.plot?.destroy();
      loss.plot = null;
      loss.root.hidden = false;
      loss.body.replaceChildren();
      setText(loss.trend, 'This assistant does not learn: it has no daily training.');
    } else if (log.length === 0) {
      lossState = 'waiting';
      loss.root.hidden = false;
      setText(
        loss.trend,
        'Training starts at the beginning of the next day, on the pairs made so far.',
      );
    } else {
      lossState = 'chart';
      put(loss, lossColumns(log));
      const last = log[log.length - 1];
      setText(
        loss.trend,
        last
          ? `day ${last.day}: ${last.pairs} pairs, loss ${last.lossBefore.toFixed(3)} → ${last.lossAfter.toFixed(3)}, prefers the chosen answer in ${Math.round(last.accuracy * 100)}%`
          : '',
      );
    }
  };

  let lastKey = '';
  const setSpan = (): void => {
    span.days = days;
    // Zooming needs a day 2 to show.
    span.first = zoomBox.checked && store.getState().run.days.length >= 2 ? 2 : 1;
  };
  const check = (st: GameState): void => {
    if (st.run !== run) {
      run = st.run;
      days = st.run.config.days;
      reset();
      lastKey = '';
    }
    const first = span.first;
    setSpan();
    if (span.first !== first) {
      reset();
      lastKey = '';
    }
    const log = st.training;
    const key = `${st.run.days.length}|${log?.length ?? -1}`;
    if (key === lastKey) return;
    lastKey = key;
    update(st);
  };
  days = run.config.days;
  zoomBox.addEventListener('change', () => {
    reset();
    lastKey = '';
    check(store.getState());
  });
  check(store.getState());
  const unsubscribe = store.subscribe(
    (s) => s.version,
    () => check(store.getState()),
  );

  let lastWidth = width();
  const resize = new ResizeObserver(() => {
    const w = width();
    if (w === lastWidth) return;
    lastWidth = w;
    for (const s of slots) s.plot?.setSize({ width: w, height: HEIGHT });
  });
  resize.observe(root);

  return {
    dispose() {
      unsubscribe();
      resize.disconnect();
      reset();
      root.replaceChildren();
    },
    probe: () => ({
      days: store.getState().run.days.length,
      drawn: slots.filter((s) => s.plot !== null && !s.root.hidden).length,
      loss: lossState,
      firstDay: span.first,
      legends: Object.fromEntries(
        slots.map((sl) => [
          sl.root.dataset['testid'] ?? '',
          [...sl.root.querySelectorAll('.u-legend .u-series')].map((n) =>
            (n.textContent ?? '').trim(),
          ),
        ]),
      ),
    }),
  };
}
