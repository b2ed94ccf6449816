/**
 * The timing atlas: every day of the run so far as a row, 24 hours across,
 * each spoken step a mark in its score colour, the persona's welcome
 * windows and quiet activities in a band underneath. Hover explains a step
 * (the timeline's tooltip), click opens it in the inspector. With a second
 * assistant running side by side, each day gets its row too, under the
 * run's. The cursor is the moment shown (now, or a moment travelled to).
 */
import { assistantLabel } from '../agents/registry';
import { dayConditions } from '../core/receptivity';
import type { StepRecord } from '../core/sim';
import { formatHhmm } from '../core/time';
import type { GameView } from '../state/create-game';
import { shownMoment } from '../state/moment';
import type { GameState } from '../state/store';
import { ATLAS_MARK_H, ATLAS_ROW_H, paintAtlasRow, QUIET_FILL, WELCOME_FILL } from './atlas-paint';
import { el, setText } from './dom';
import { rowSummary, stepTooltip } from './timeline-paint';
import {
  hitTest,
  hourTicks,
  minuteToX,
  quietSpans,
  segmentsFromRecords,
  trailingCounts,
  welcomeSpans,
  type Span,
} from './timeline-layout';
import { createTooltip } from './tooltip';

export interface AtlasProbe {
  rows: {
    day: number;
    spoken: number;
    /** Centres of (up to 40) spoken marks, in CSS pixels from the row canvas' top left. */
    marks: { step: number; x: number; y: number; score: number | null }[];
    /** The comparison run's spoken steps that day (null: no comparison). */
    compareSpoken: number | null;
  }[];
}

interface AtlasRow {
  day: number;
  root: HTMLElement;
  canvas: HTMLCanvasElement;
  other: HTMLCanvasElement;
  summary: HTMLElement;
  width: number;
}

interface DayBands {
  count: number;
  welcome: Span[];
  quiet: Span[];
}

/** A day in a few words: its mean score and how often the assistant spoke. */
function daySummary(records: readonly StepRecord[]): string {
  let scored = 0;
  let sum = 0;
  let spoken = 0;
  for (const r of records) {
    if (r.score === null) continue;
    scored++;
    sum += r.score;
    if (r.decision === 'recommend') spoken++;
  }
  return scored === 0 ? '–' : `${(sum / scored).toFixed(2)}/4 · ${spoken} said`;
}

export function mountAtlas(root: HTMLElement, game: GameView): { probe(): AtlasProbe } {
  const { store, actions } = game;
  const head = el('div', { class: 'atlas-head' });
  const legend = el('div', { class: 'tl-legend' });
  const sw = (colour: string, text: string): HTMLElement => {
    const item = el('span');
    const s = el('span', { class: 'swatch' });
    s.style.background = colour;
    item.append(s, document.createTextNode(text));
    return item;
  };
  legend.append(
    el('span', {}, 'marks: spoken steps, coloured by score (red 0–1 … green 4)'),
    sw(WELCOME_FILL, 'welcome window'),
    sw(QUIET_FILL, 'quiet activity'),
  );
  head.append(el('h2', {}, 'Timing atlas: every day at once'), legend);
  const axis = el('div', { class: 'atlas-axis', 'aria-hidden': 'true' });
  const table = el('div', { role: 'table', 'aria-label': 'Days by hour', class: 'atlas-table' });
  const note = el('p', { class: 'note atlas-note' });
  root.append(head, axis, table, note);
  const tooltip = createTooltip();
  const rows: AtlasRow[] = [];
  const bands = new Map<number, DayBands>();

  const bandsOf = (s: GameState, day: number, records: readonly StepRecord[]): DayBands => {
    const kept = bands.get(day);
    if (kept && kept.count === records.length) return kept;
    const stepMinutes = s.run.config.stepSeconds / 60;
    const shift = dayConditions(s.run.config.seed, s.run.persona, day).windowShiftMinutes;
    const made: DayBands = {
      count: records.length,
      welcome: welcomeSpans(s.run.persona, shift),
      quiet: quietSpans(segmentsFromRecords(records, stepMinutes), s.run.persona),
    };
    bands.set(day, made);
    return made;
  };

  const recordsOf = (s: GameState, row: AtlasRow, compare: boolean): readonly StepRecord[] =>
    (compare ? s.compare?.history : s.history)?.[row.day - 1] ?? [];

  const at = (row: AtlasRow, e: MouseEvent, compare: boolean): StepRecord | null => {
    const s = store.getState();
    const canvas = compare ? row.other : row.canvas;
    const box = canvas.getBoundingClientRect();
    return hitTest(
      recordsOf(s, row, compare),
      e.clientX - box.left,
      box.width,
      s.run.config.stepSeconds / 60,
      3,
    );
  };

  const makeRow = (day: number): AtlasRow => {
    const rowRoot = el('div', { role: 'row', class: 'atlas-row', 'data-day': String(day) });
    const label = el('span', { role: 'rowheader', class: 'atlas-day' }, `Day ${day}`);
    const cell = el('span', { role: 'cell', class: 'atlas-cell' });
    const canvas = el('canvas', { 'data-testid': 'atlas-canvas' });
    canvas.style.height = `${ATLAS_ROW_H}px`;
    const other = el('canvas', { 'data-testid': 'atlas-compare-canvas', class: 'atlas-other' });
    other.style.height = `${ATLAS_ROW_H}px`;
    other.hidden = true;
    cell.append(canvas, other);
    const summary = el('span', { role: 'cell', class: 'atlas-sum' });
    rowRoot.append(label, cell, summary);
    const row: AtlasRow = { day, root: rowRoot, canvas, other, summary, width: 0 };
    for (const [c, compare] of [
      [canvas, false],
      [other, true],
    ] as const) {
      c.addEventListener('mousemove', (e) => {
        const r = at(row, e, compare);
        const s = store.getState();
        if (!r) return tooltip.hide();
        const records = recordsOf(s, row, compare);
        const counts = trailingCounts(records, s.run.persona.rubric.frequency.windowMinutes);
        const lines = stepTooltip(r, s.run.persona, counts[records.indexOf(r)]?.count);
        if (compare) {
          lines[0] = `${s.compare?.label ?? 'Other'} · ${lines[0]}`;
          lines.pop();
        }
        tooltip.show(lines, e);
      });
      c.addEventListener('mouseleave', () => tooltip.hide());
    }
    canvas.addEventListener('click', (e) => {
      const r = at(row, e, false);
      if (r) actions.select({ day: r.day, step: r.step });
    });
    table.append(rowRoot);
    rows.push(row);
    return row;
  };

  const paintAxis = (width: number): void => {
    axis.replaceChildren(
      ...hourTicks(width, 44).map((h) => {
        const t = el('span', {}, `${String(h).padStart(2, '0')}:00`);
        t.style.left = `${minuteToX(h * 60, width)}px`;
        return t;
      }),
    );
  };

  let lastKey = '';
  let frame = 0;
  const draw = (): void => {
    frame = 0;
    if (root.hidden) return;
    const s = store.getState();
    const m = shownMoment(s);
    const days = s.history.length;
    const compare = s.compare;
    const width = Math.max(1, Math.round(rows[0]?.canvas.clientWidth ?? table.clientWidth - 180));
    const key = `${s.version}|${days}|${m.day}:${Math.floor(m.minute)}|${s.selected?.day}:${s.selected?.step}|${width}|${compare?.history.length}:${compare?.progress?.done}`;
    if (key === lastKey) return;
    lastKey = key;
    while (rows.length > days) rows.pop()?.root.remove();
    while (rows.length < days) makeRow(rows.length + 1);
    const stepMinutes = s.run.config.stepSeconds / 60;
    for (const row of rows) {
      const records = s.history[row.day - 1] ?? [];
      const b = bandsOf(s, row.day, records);
      const w = Math.max(1, Math.round(row.canvas.clientWidth));
      row.width = w;
      paintAtlasRow(row.canvas, w, {
        records,
        stepMinutes,
        welcome: b.welcome,
        quiet: b.quiet,
        cursorMinute: m.day === row.day ? m.minute : null,
        selectedStep: s.selected?.day === row.day ? s.selected.step : null,
      });
      row.other.hidden = compare === null;
      if (compare) {
        paintAtlasRow(row.other, w, {
          records: compare.history[row.day - 1] ?? [],
          stepMinutes,
          welcome: [],
          quiet: [],
          cursorMinute: null,
          selectedStep: null,
          compact: true,
        });
      }
      setText(row.summary, daySummary(records));
      row.summary.title = rowSummary(records, s.run.days.length >= row.day);
    }
    paintAxis(width);
    setText(
      note,
      compare
        ? `Each day: ${s.run.persona.name}'s run with ${assistantLabel(s.run.assistantId)} (top, with the band) and ${compare.label} (below). Hover a mark to see the step; click one of the run's to inspect it.`
        : `Hover a mark to see the step; click it to inspect it. Now: day ${m.day} ${formatHhmm(m.minute)}.`,
    );
  };
  const schedule = (): void => {
    if (frame === 0) frame = requestAnimationFrame(draw);
  };
  store.subscribe(() => schedule());
  new ResizeObserver(() => {
    lastKey = '';
    schedule();
  }).observe(table);
  // Drawn when shown (the tab), and kept fresh while shown.
  new MutationObserver(() => {
    lastKey = '';
    schedule();
  }).observe(root, { attributes: true, attributeFilter: ['hidden'] });

  return {
    probe(): AtlasProbe {
      const s = store.getState();
      const stepMinutes = s.run.config.stepSeconds / 60;
      return {
        rows: rows.map((row) => {
          const spoken = (s.history[row.day - 1] ?? []).filter((r) => r.decision === 'recommend');
          const other = s.compare?.history[row.day - 1];
          return {
            day: row.day,
            spoken: spoken.length,
            marks: spoken.slice(0, 40).map((r) => ({
              step: r.step,
              x: minuteToX(r.minute + stepMinutes / 2, row.width),
              y: ATLAS_MARK_H / 2,
              score: r.score,
            })),
            compareSpoken: other ? other.filter((r) => r.decision === 'recommend').length : null,
          };
        }),
      };
    },
  };
}
