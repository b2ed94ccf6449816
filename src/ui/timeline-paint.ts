/**
 * Painting one row of the timeline on its canvas: welcome windows and quiet
 * activities, the rate strip against the asked frequency, the marks (silent
 * ticks, spoken marks coloured by score), the action bars, the selected
 * step, the clock and the hour axis. Plus the row's summary and a step's
 * tooltip, in words. No store: plain data in.
 */
import type { Persona } from '../core/persona';
import type { StepRecord } from '../core/sim';
import { CRITERION_LABELS } from '../core/vocab';
import { scoreColour } from '../shared/colours';
import { durationText } from './rubric-summary';
import {
  GROUP_COLOURS,
  groupColour,
  hourTicks,
  labelFits,
  minuteToX,
  quietSpans,
  trailingCounts,
  welcomeSpans,
  type Segment,
} from './timeline-layout';

// Row layout, in CSS pixels from the top of a row's canvas.
const RATE_TOP = 1;
const RATE_H = 13;
export const MARK_TOP = 16;
export const MARK_H = 32;
export const BAR_TOP = MARK_TOP + MARK_H + 2;
const BAR_H = 18;
export const AXIS_TOP = BAR_TOP + BAR_H;
export const ROW_H = AXIS_TOP + 13;

/** Welcome windows: a green wash with firmer edges, visible behind the marks on a projector. */
export const WELCOME_FILL = 'rgba(95, 208, 138, 0.24)';
export const WELCOME_EDGE = 'rgba(127, 230, 160, 0.75)';
export const QUIET_STROKE = 'rgba(255, 128, 128, 0.45)';
export const SILENT_TICK = '#8a7f98';
export const CURSOR = '#f2b84b';
/** Steps the person's receptivity model calls a good moment for a suggestion. */
export const WANTED_LINE = '#7fd49a';

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

export function rowSummary(records: readonly StepRecord[], complete: boolean): string {
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

export function stepTooltip(r: StepRecord, persona: Persona, count: number | undefined): string[] {
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

/** What a row shows: one day's records and actions, the selected step, the clock if it is today. */
export interface RowView {
  persona: Persona;
  records: readonly StepRecord[];
  segments: Segment[];
  stepMinutes: number;
  /** The inspector's step, when it is on this day. */
  selectedStep: number | null;
  /** The clock's minute, when this row is today. */
  clockMinute: number | null;
  /** That day's shift of the welcome windows (weekends, day-to-day variation). */
  welcomeShiftMinutes?: number;
}

/** Paint a row `width` CSS pixels wide (at the screen's pixel ratio, at most 2). */
export function paintRow(canvas: HTMLCanvasElement, width: number, v: RowView): void {
  const dpr = Math.min(2, window.devicePixelRatio || 1);
  if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(ROW_H * dpr)) {
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(ROW_H * dpr);
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const { persona, records, segments, stepMinutes } = v;
  const X = (m: number): number => minuteToX(m, width);

  ctx.clearRect(0, 0, width, ROW_H);
  ctx.fillStyle = '#1a1322';
  ctx.fillRect(0, 0, width, AXIS_TOP);

  // Welcome windows behind the rate strip and the marks; quiet activities hatched.
  for (const w of welcomeSpans(persona, v.welcomeShiftMinutes ?? 0)) {
    ctx.fillStyle = WELCOME_FILL;
    ctx.fillRect(X(w.from), RATE_TOP, X(w.to) - X(w.from), BAR_TOP - RATE_TOP - 2);
    ctx.fillStyle = WELCOME_EDGE;
    for (const edge of [w.from, w.to])
      if (edge > 0 && edge < 24 * 60)
        ctx.fillRect(Math.round(X(edge)) - 1, RATE_TOP, 2, BAR_TOP - RATE_TOP - 2);
  }
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
  // Good moments (silence costs there): a thin green line under the marks.
  ctx.fillStyle = WANTED_LINE;
  for (const r of records) {
    if (r.moment?.level !== 'wanted') continue;
    ctx.fillRect(X(r.minute), BAR_TOP - 2, Math.max(1, stepW), 2);
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
  if (v.selectedStep !== null) {
    const x = X(v.selectedStep * stepMinutes + stepMinutes / 2);
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
  if (v.clockMinute !== null) {
    const x = Math.round(X(v.clockMinute)) + 0.5;
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
}
