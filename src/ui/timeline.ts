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
import type { Persona } from '../core/persona';
import type { StepRecord } from '../core/sim';
import { formatHhmm } from '../core/time';
import { CRITERION_LABELS } from '../core/vocab';
import { scoreColour } from '../shared/colours';
import type { GameView } from '../state/create-game';
import type { GameState } from '../state/store';
import { el, option, setText } from './dom';
import { mountJump } from './jump';
import { durationText, frequencySummary } from './rubric-summary';
import {
  GROUP_COLOURS,
  SCORE_BUCKETS,
  groupColour,
  groupOf,
  hitTest,
  hourTicks,
  labelFits,
  minuteToX,
  quietSpans,
  segmentAt,
  segmentsFromRecords,
  segmentsWithPlan,
  trailingCounts,
  welcomeSpans,
  xToMinute,
  type Segment,
} from './timeline-layout';

// Row layout, in CSS pixels from the top of a row's canvas.
const RATE_TOP = 1;
const RATE_H = 13;
const MARK_TOP = 16;
const MARK_H = 32;
const BAR_TOP = MARK_TOP + MARK_H + 2;
const BAR_H = 18;
const AXIS_TOP = BAR_TOP + BAR_H;
const ROW_H = AXIS_TOP + 13;

const WELCOME_FILL = 'rgba(95, 208, 138, 0.14)';
const QUIET_STROKE = 'rgba(255, 128, 128, 0.45)';
const SILENT_TICK = '#8a7f98';
const CURSOR = '#f2b84b';

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

function hatch(
  ctx: CanvasRenderingContext2D,
  x0: number,
  x1: number,
  y0: number,
  y1: number,
): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x0, y0, x1 - x0, y1 - y0);
  ctx.clip();
  ctx.strokeStyle = QUIET_STROKE;
  ctx.lineWidth = 1;
  ctx.beginPath();
  const h = y1 - y0;
  for (let x = x0 - h; x < x1; x += 6) {
    ctx.moveTo(x, y1);
    ctx.lineTo(x + h, y0);
  }
  ctx.stroke();
  ctx.restore();
}

function rowSummary(records: readonly StepRecord[], complete: boolean): string {
  let scored = 0;
  let sum = 0;
  let spoken = 0;
  let pairs = 0;
  for (const r of records) {
    if (r.score === null) continue;
    scored++;
    sum += r.score;
    if (r.decision === 'recommend') spoken++;
    if (r.pair) pairs++;
  }
  if (scored === 0) return complete ? 'no waking steps' : 'not awake yet';
  const mean = (sum / scored).toFixed(2);
  return `${complete ? '' : 'so far: '}mean ${mean}/4 · ${spoken} suggestion${spoken === 1 ? '' : 's'} in ${scored} waking steps · ${pairs} pairs`;
}

function stepTooltip(r: StepRecord, persona: Persona, count: number | undefined): string[] {
  const where = `${r.action}${r.walking ? ' (walking there)' : ''}`;
  const lines = [`Day ${r.day} · ${r.time} · ${where}`];
  if (r.decision === 'recommend' && r.suggestion) {
    lines.push(`Spoke: “${r.suggestion.text}”`);
    lines.push(`${r.suggestion.topic}, ${r.suggestion.tone}`);
  } else {
    lines.push('Stayed silent');
  }
  const failed = r.criteria
    ? (Object.keys(CRITERION_LABELS) as (keyof typeof CRITERION_LABELS)[]).filter(
        (c) => !r.criteria?.[c].pass,
      )
    : [];
  lines.push(
    `Score ${r.score ?? '–'}/4${failed.length ? ` · missed: ${failed.map((c) => CRITERION_LABELS[c].toLowerCase()).join(', ')}` : ' · all four met'}`,
  );
  if (count !== undefined) {
    const f = persona.rubric.frequency;
    lines.push(
      `${count} suggestion${count === 1 ? '' : 's'} in the last ${durationText(f.windowMinutes)} (asked ${f.min}–${f.max})`,
    );
  }
  lines.push('Click to inspect');
  return lines;
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
    swatch('rgba(95, 208, 138, 0.45)', 'welcome window'),
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

  const tooltip = el('div', { class: 'tooltip', role: 'tooltip' });
  tooltip.hidden = true;
  document.body.append(tooltip);

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
    canvas.addEventListener('mouseleave', () => (tooltip.hidden = true));
    canvas.addEventListener('click', (e) => click(row, e));
    rows.push(row);
    return row;
  };
  makeRow(1, 'First day to compare');
  const second = makeRow('today', 'Second day to compare');
  second.select.parentElement?.append(jumpBox);
  root.append(rate);

  const dayOf = (row: Row, s: GameState): number => {
    const last = Math.max(1, s.history.length);
    if (row.choice === 'today') return Math.min(s.clock.day, last);
    return Math.min(row.choice, last);
  };

  let optionDays = -1;
  const syncOptions = (s: GameState): void => {
    const days = Math.max(1, s.history.length);
    if (days === optionDays) return;
    optionDays = days;
    for (const row of rows) {
      const keep = row.choice;
      row.select.replaceChildren(option('today', `Today (day ${Math.min(s.clock.day, days)})`));
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
    if (lines.length === 0) {
      tooltip.hidden = true;
      return;
    }
    tooltip.replaceChildren(
      el('div', { class: 'tt-title' }, lines[0] as string),
      ...lines.slice(1).map((l) => el('div', {}, l)),
    );
    tooltip.hidden = false;
    const w = tooltip.offsetWidth;
    const h = tooltip.offsetHeight;
    const left = Math.min(window.innerWidth - w - 6, e.clientX + 14);
    const top = e.clientY - h - 10 < 4 ? e.clientY + 16 : e.clientY - h - 10;
    tooltip.style.left = `${Math.max(4, left)}px`;
    tooltip.style.top = `${Math.max(4, top)}px`;
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
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    if (
      row.canvas.width !== Math.round(width * dpr) ||
      row.canvas.height !== Math.round(ROW_H * dpr)
    ) {
      row.canvas.width = Math.round(width * dpr);
      row.canvas.height = Math.round(ROW_H * dpr);
    }
    const ctx = row.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const persona = s.run.persona;
    const stepMinutes = s.run.config.stepSeconds / 60;
    const records = s.history[day - 1] ?? [];
    const isToday = day === s.clock.day && !s.finished;
    const segments =
      isToday && s.run.plannedDay === day
        ? segmentsWithPlan(records, s.run.schedule, stepMinutes)
        : segmentsFromRecords(records, stepMinutes);
    row.drawn = { day, records, segments, width };
    const X = (m: number): number => minuteToX(m, width);

    ctx.clearRect(0, 0, width, ROW_H);
    ctx.fillStyle = '#1a1322';
    ctx.fillRect(0, 0, width, AXIS_TOP);

    // Welcome windows behind the rate strip and the marks; quiet activities hatched.
    ctx.fillStyle = WELCOME_FILL;
    for (const w of welcomeSpans(persona))
      ctx.fillRect(X(w.from), RATE_TOP, X(w.to) - X(w.from), BAR_TOP - RATE_TOP - 2);
    for (const q of quietSpans(segments, persona))
      hatch(ctx, X(q.from), X(q.to), MARK_TOP, BAR_TOP - 2);

    // Hour lines.
    ctx.fillStyle = 'rgba(255, 255, 255, 0.06)';
    for (let h = 1; h < 24; h++) ctx.fillRect(Math.round(X(h * 60)), MARK_TOP, 1, MARK_H);

    // The rate strip: suggestions in the trailing frequency window, against the asked range.
    const f = persona.rubric.frequency;
    const counts = trailingCounts(records, f.windowMinutes);
    const top = Math.max(f.max * 2, f.max + 2, 4);
    const yOf = (c: number): number => RATE_TOP + RATE_H - (Math.min(c, top) / top) * RATE_H;
    ctx.fillStyle = 'rgba(95, 208, 138, 0.28)';
    ctx.fillRect(0, yOf(f.max), width, Math.max(1, yOf(f.min) - yOf(f.max)));
    if (counts.length > 0) {
      ctx.lineWidth = 1.5;
      let prev: { x: number; y: number; over: boolean } | null = null;
      for (const c of counts) {
        const x = X(c.minute);
        const y = yOf(c.count);
        const over = c.count > f.max;
        if (prev) {
          ctx.strokeStyle = prev.over ? '#ff6b6b' : '#d9cce8';
          ctx.beginPath();
          ctx.moveTo(prev.x, prev.y);
          ctx.lineTo(x, prev.y);
          ctx.lineTo(x, y);
          ctx.stroke();
        }
        prev = { x, y, over };
      }
      if (prev) {
        ctx.strokeStyle = prev.over ? '#ff6b6b' : '#d9cce8';
        ctx.beginPath();
        ctx.moveTo(prev.x, prev.y);
        ctx.lineTo(prev.x + X(stepMinutes), prev.y);
        ctx.stroke();
      }
    }

    // Marks: silent ticks, then spoken marks coloured by score on top.
    const stepW = X(stepMinutes);
    const base = MARK_TOP + MARK_H;
    ctx.fillStyle = SILENT_TICK;
    for (const r of records) {
      if (r.score === null || r.decision === 'recommend') continue;
      ctx.fillRect(Math.round(X(r.minute + stepMinutes / 2)), base - 6, 1, 6);
    }
    const markW = Math.max(2, stepW - 0.5);
    for (const r of records) {
      if (r.decision !== 'recommend') continue;
      ctx.fillStyle = scoreColour(r.score ?? 0);
      ctx.fillRect(X(r.minute + stepMinutes / 2) - markW / 2, MARK_TOP + 3, markW, MARK_H - 3);
    }

    // Action bars with labels where they fit.
    ctx.font = '10px system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
    ctx.textBaseline = 'middle';
    for (const seg of segments) {
      const x0 = X(seg.start);
      const x1 = X(seg.end);
      ctx.globalAlpha = seg.planned ? 0.35 : 1;
      ctx.fillStyle = groupColour(seg.kind);
      ctx.fillRect(x0, BAR_TOP, Math.max(0.5, x1 - x0 - 0.5), BAR_H);
      ctx.globalAlpha = 1;
      const label = seg.kind === 'sleep' ? 'sleep' : seg.label;
      const tw = ctx.measureText(label).width;
      if (labelFits(tw, x1 - x0, 3)) {
        ctx.fillStyle = seg.planned
          ? 'rgba(255,255,255,0.55)'
          : seg.kind === 'sleep'
            ? '#9d92b5'
            : '#fff';
        ctx.fillText(label, x0 + 3, BAR_TOP + BAR_H / 2 + 0.5);
      }
    }
    if (segments.length === 0) {
      ctx.fillStyle = GROUP_COLOURS.rest;
      ctx.fillRect(0, BAR_TOP, width, BAR_H);
    }

    // The selected step.
    if (s.selected && s.selected.day === day) {
      const x = X(s.selected.step * stepMinutes + stepMinutes / 2);
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1.5;
      ctx.strokeRect(
        x - Math.max(3, markW / 2 + 1.5),
        MARK_TOP + 1,
        Math.max(6, markW + 3),
        MARK_H - 0.5,
      );
    }

    // The clock.
    if (isToday) {
      const x = Math.round(X(s.clock.minute)) + 0.5;
      ctx.fillStyle = CURSOR;
      ctx.fillRect(x - 1, 0, 2, AXIS_TOP);
      ctx.beginPath();
      ctx.moveTo(x - 4, 0);
      ctx.lineTo(x + 4, 0);
      ctx.lineTo(x, 5);
      ctx.fill();
    }

    // Hour axis.
    ctx.fillStyle = '#8f82a0';
    ctx.textBaseline = 'top';
    for (const h of hourTicks(width, 40)) {
      const x = X(h * 60);
      const text = h === 24 ? '24:00' : `${String(h).padStart(2, '0')}:00`;
      const tw = ctx.measureText(text).width;
      ctx.fillText(text, Math.max(0, Math.min(width - tw, x - tw / 2)), AXIS_TOP + 2);
    }

    const complete = s.run.days.length >= day;
    setText(row.summary, rowSummary(records, complete));
  };

  let frame = 0;
  let lastKey = '';
  const drawAll = (): void => {
    frame = 0;
    const s = store.getState();
    const key = `${s.version}|${Math.floor(s.clock.minute)}|${s.clock.day}|${s.selected?.day}:${s.selected?.step}|${rows.map((r) => r.canvas.clientWidth).join(',')}`;
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
      optionDays = -1;
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
      tooltip.remove();
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
