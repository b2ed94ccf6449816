/**
 * The timeline of a day, drawn on a canvas: the persona's actions as bars
 * across 24 hours (coloured by activity group, sleep dark, today's plan
 * faded ahead of the clock), every scored step as a mark (silent: a small
 * grey tick; spoken: a tall mark in the speech bubble's score colour),
 * behind them the welcome windows (shaded) and quiet activities (hatched),
 * and above them the running count of suggestions in the persona's
 * frequency window against the asked range. Two rows compare any two days
 * (default: day 1 against today). Hover explains a step, click inspects it.
 */
import { dayConditions } from '../core/receptivity';
import type { StepRecord } from '../core/sim';
import { formatHhmm } from '../core/time';
import { scoreColour } from '../shared/colours';
import type { GameView } from '../state/create-game';
import { shownMoment } from '../state/moment';
import type { GameState } from '../state/store';
import { el, option, setText } from './dom';
import { mountJump } from './jump';
import { durationText, frequencySummary } from './rubric-summary';
import {
  GROUP_COLOURS,
  SCORE_BUCKETS,
  groupOf,
  hitTest,
  minuteToX,
  segmentAt,
  segmentsFromRecords,
  segmentsWithPlan,
  trailingCounts,
  xToMinute,
  type Segment,
} from './timeline-layout';
import {
  AXIS_TOP,
  BAR_TOP,
  CURSOR,
  WANTED_LINE,
  WELCOME_EDGE,
  WELCOME_FILL,
  MARK_H,
  MARK_TOP,
  paintRow,
  QUIET_STROKE,
  ROW_H,
  rowSummary,
  SILENT_TICK,
  stepTooltip,
} from './timeline-paint';
import { createTooltip } from './tooltip';

type Choice = number | 'today';

interface Row {
  choice: Choice;
  root: HTMLElement;
  select: HTMLSelectElement;
  summary: HTMLElement;
  canvas: HTMLCanvasElement;
  /** What was drawn last, for hover and the probe. */
  drawn: { day: number; records: readonly StepRecord[]; segments: Segment[]; width: number };
}

export interface TimelineProbe {
  rows: {
    day: number;
    scored: number;
    spoken: number;
    /** Centres of (up to 40) spoken marks, in CSS pixels from the canvas' top left. */
    marks: { step: number; x: number; y: number; score: number | null; pair: boolean }[];
  }[];
}

export function mountTimeline(
  root: HTMLElement,
  game: GameView,
): { dispose(): void; probe(): TimelineProbe } {
  const { store, actions } = game;
  const head = el('div', { class: 'tl-head' });
  const legend = el('div', { class: 'tl-legend', 'aria-label': 'Legend' });
  const swatch = (colour: string, text: string, extra = ''): HTMLElement => {
    const item = el('span');
    const sw = el('span', { class: 'swatch' });
    sw.style.background = colour;
    if (extra) sw.style.cssText += extra;
    item.append(sw, document.createTextNode(text));
    return item;
  };
  legend.append(el('span', {}, 'spoke, score'));
  for (const b of SCORE_BUCKETS) legend.append(swatch(scoreColour(b.score), b.label));
  legend.append(
    swatch(SILENT_TICK, 'silent', 'height:5px;width:3px'),
    swatch(
      WELCOME_FILL,
      'welcome window',
      `border-left:2px solid ${WELCOME_EDGE};border-right:2px solid ${WELCOME_EDGE}`,
    ),
    swatch(WANTED_LINE, 'good moment (silence costs)', 'height:3px'),
    swatch(
      'transparent',
      'quiet activity',
      `background-image:repeating-linear-gradient(45deg, ${QUIET_STROKE} 0 1px, transparent 1px 4px);border:1px solid #5a4a66`,
    ),
    swatch(CURSOR, 'now', 'width:2px'),
  );
  const jumpBox = el('div', { class: 'jump' });
  head.append(el('h2', {}, 'A day, step by step'), legend);
  const rate = el('p', { class: 'note', 'data-testid': 'timeline-rate' });
  root.append(head);
  const disposeJump = mountJump(jumpBox, game);

  const tooltip = createTooltip();

  const rows: Row[] = [];
  const makeRow = (choice: Choice, label: string): Row => {
    const rowRoot = el('div', { class: 'tl-row', 'data-testid': 'timeline-row' });
    const rowHead = el('div', { class: 'tl-row-head' });
    const select = el('select', { 'aria-label': label, 'data-testid': 'timeline-day' });
    const summary = el('span', { class: 'tl-sum' });
    rowHead.append(select, summary);
    const wrap = el('div', { class: 'tl-canvas-wrap' });
    const canvas = el('canvas', { 'data-testid': 'timeline-canvas' });
    canvas.style.height = `${ROW_H}px`;
    wrap.append(canvas);
    rowRoot.append(rowHead, wrap);
    root.append(rowRoot);
    const row: Row = {
      choice,
      root: rowRoot,
      select,
      summary,
      canvas,
      drawn: { day: 1, records: [], segments: [], width: 0 },
    };
    select.addEventListener('change', () => {
      row.choice = select.value === 'today' ? 'today' : Number(select.value);
      lastKey = '';
      schedule();
    });
    canvas.addEventListener('mousemove', (e) => hover(row, e));
    canvas.addEventListener('mouseleave', () => tooltip.hide());
    canvas.addEventListener('click', (e) => click(row, e));
    rows.push(row);
    return row;
  };
  makeRow(1, 'First day to compare');
  const second = makeRow('today', 'Second day to compare');
  second.select.parentElement?.append(jumpBox);
  // The activity band's colours: one per group of activities (sleep dark).
  const activities = el('div', {
    class: 'tl-legend tl-activities',
    'aria-label': 'Activity colours',
    'data-testid': 'timeline-activities',
  });
  activities.append(el('span', {}, 'activities:'));
  for (const [group, colour] of Object.entries(GROUP_COLOURS))
    activities.append(swatch(colour, group === 'rest' ? 'sleep & rest' : group));
  activities.append(swatch('rgba(184, 145, 207, 0.35)', 'planned, still ahead'));
  root.append(activities, rate);

  const dayOf = (row: Row, s: GameState): number => {
    const last = Math.max(1, s.history.length);
    // "Today" is the day of the moment shown (time travel moves it).
    if (row.choice === 'today') return Math.min(shownMoment(s).day, last);
    return Math.min(row.choice, last);
  };

  let optionDays = '';
  const syncOptions = (s: GameState): void => {
    const days = Math.max(1, s.history.length);
    const today = Math.min(shownMoment(s).day, days);
    if (`${days}:${today}` === optionDays) return;
    optionDays = `${days}:${today}`;
    for (const row of rows) {
      const keep = row.choice;
      row.select.replaceChildren(option('today', `Today (day ${today})`));
      for (let d = 1; d <= days; d++) row.select.append(option(String(d), `Day ${d}`));
      row.select.value = String(keep);
      if (row.select.value !== String(keep)) {
        row.choice = 'today';
        row.select.value = 'today';
      }
    }
  };

  const localX = (row: Row, e: MouseEvent): { x: number; y: number } => {
    const box = row.canvas.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };

  const hover = (row: Row, e: MouseEvent): void => {
    const { x, y } = localX(row, e);
    const s = store.getState();
    const { records, segments, width } = row.drawn;
    let lines: string[] = [];
    if (y >= BAR_TOP && y < AXIS_TOP) {
      const seg = segmentAt(segments, xToMinute(x, width));
      if (seg) {
        lines = [
          `${formatHhmm(seg.start)}–${formatHhmm(seg.end)} · ${seg.label}`,
          `${seg.kind} (${groupOf(seg.kind)})${seg.planned ? ' · planned' : ''}`,
        ];
      }
    } else {
      const r = hitTest(records, x, width, s.run.config.stepSeconds / 60);
      if (r) {
        const counts = trailingCounts(records, s.run.persona.rubric.frequency.windowMinutes);
        const i = records.indexOf(r);
        lines = stepTooltip(r, s.run.persona, counts[i]?.count);
      }
    }
    tooltip.show(lines, e);
  };

  const click = (row: Row, e: MouseEvent): void => {
    const { x } = localX(row, e);
    const s = store.getState();
    const r = hitTest(row.drawn.records, x, row.drawn.width, s.run.config.stepSeconds / 60);
    if (r) actions.select({ day: r.day, step: r.step });
  };

  const draw = (row: Row, s: GameState): void => {
    const day = dayOf(row, s);
    const width = Math.max(1, Math.round(row.canvas.clientWidth));
    const stepMinutes = s.run.config.stepSeconds / 60;
    const records = s.history[day - 1] ?? [];
    const shown = shownMoment(s);
    const isToday = day === shown.day && (!s.finished || shown.travelling);
    const segments =
      isToday && s.run.plannedDay === day
        ? segmentsWithPlan(records, s.run.schedule, stepMinutes)
        : segmentsFromRecords(records, stepMinutes);
    row.drawn = { day, records, segments, width };
    paintRow(row.canvas, width, {
      persona: s.run.persona,
      records,
      segments,
      stepMinutes,
      selectedStep: s.selected && s.selected.day === day ? s.selected.step : null,
      clockMinute: isToday ? shown.minute : null,
      // That day's windows: they move on weekends and a little from day to day.
      welcomeShiftMinutes: dayConditions(s.run.config.seed, s.run.persona, day).windowShiftMinutes,
    });
    const complete = s.run.days.length >= day;
    setText(row.summary, rowSummary(records, complete));
  };

  let frame = 0;
  let lastKey = '';
  const drawAll = (): void => {
    frame = 0;
    const s = store.getState();
    const key = `${s.version}|${Math.floor(s.clock.minute)}|${s.clock.day}|${s.travel?.day}:${Math.floor(s.travel?.minute ?? -1)}|${s.selected?.day}:${s.selected?.step}|${rows.map((r) => r.canvas.clientWidth).join(',')}`;
    if (key === lastKey) return;
    lastKey = key;
    syncOptions(s);
    for (const row of rows) draw(row, s);
    const f = s.run.persona.rubric.frequency;
    setText(
      rate,
      `Top strip: suggestions in the last ${durationText(f.windowMinutes)} · green band: asked ${frequencySummary(f)} · red: too many`,
    );
  };
  const schedule = (): void => {
    if (frame === 0) frame = requestAnimationFrame(drawAll);
  };

  let optionsRun = store.getState().run;
  const unsubscribe = store.subscribe((s) => {
    if (s.run !== optionsRun) {
      // A new run: the day pickers start over (day 1 against today).
      optionsRun = s.run;
      optionDays = '';
      rows[0]!.choice = 1;
      rows[1]!.choice = 'today';
      lastKey = '';
    }
    schedule();
  });
  const resize = new ResizeObserver(() => schedule());
  for (const row of rows) resize.observe(row.canvas);
  drawAll();

  return {
    dispose() {
      unsubscribe();
      resize.disconnect();
      if (frame) cancelAnimationFrame(frame);
      disposeJump();
      tooltip.dispose();
      root.replaceChildren();
    },
    probe(): TimelineProbe {
      const s = store.getState();
      const stepMinutes = s.run.config.stepSeconds / 60;
      return {
        rows: rows.map((row) => {
          const { day, records, width } = row.drawn;
          const spoken = records.filter((r) => r.decision === 'recommend');
          return {
            day,
            scored: records.filter((r) => r.score !== null).length,
            spoken: spoken.length,
            marks: spoken.slice(0, 40).map((r) => ({
              step: r.step,
              x: minuteToX(r.minute + stepMinutes / 2, width),
              y: MARK_TOP + MARK_H / 2,
              score: r.score,
              pair: r.pair !== null,
            })),
          };
        }),
      };
    },
  };
}
