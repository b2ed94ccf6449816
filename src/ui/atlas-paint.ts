/**
 * Painting one row of the timing atlas: a day across 24 hours, a thin mark
 * per spoken step in its score colour, and underneath the persona's welcome
 * windows (green) and quiet activities (red hatching). The cursor marks the
 * moment shown (now, or a past moment on the time-travel scrubber).
 */
import type { StepRecord } from '../core/sim';
import { scoreColour } from '../shared/colours';
import { minuteToX, type Span } from './timeline-layout';

export const ATLAS_ROW_H = 16;
/** Spoken marks fill the top of the row; the band under them shows windows and quiet activities. */
export const ATLAS_MARK_H = 10;
const BAND_TOP = ATLAS_MARK_H + 1;
const BAND_H = ATLAS_ROW_H - BAND_TOP - 1;

export const WELCOME_FILL = 'rgba(95, 208, 138, 0.55)';
export const QUIET_FILL = 'rgba(255, 110, 110, 0.75)';
const ASLEEP_FILL = 'rgba(0, 0, 0, 0.35)';

export interface AtlasRowView {
  records: readonly StepRecord[];
  stepMinutes: number;
  welcome: readonly Span[];
  quiet: readonly Span[];
  /** The minute of the moment shown, when it is on this day. */
  cursorMinute: number | null;
  /** The inspector's step, when it is on this day. */
  selectedStep: number | null;
  /** A second assistant's row (side by side): marks drawn lower, no band. */
  compact?: boolean;
}

export function paintAtlasRow(canvas: HTMLCanvasElement, width: number, v: AtlasRowView): void {
  const dpr = Math.min(2, window.devicePixelRatio || 1);
  const h = ATLAS_ROW_H;
  if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, h);
  ctx.fillStyle = '#1b1523';
  ctx.fillRect(0, 0, width, h);
  // Hour lines every 3 hours.
  ctx.fillStyle = 'rgba(255, 255, 255, 0.08)';
  for (let hour = 3; hour < 24; hour += 3)
    ctx.fillRect(Math.round(minuteToX(hour * 60, width)), 0, 1, h);
  // Asleep steps: darker.
  ctx.fillStyle = ASLEEP_FILL;
  for (const r of v.records) {
    if (!r.asleep) continue;
    const x = minuteToX(r.minute, width);
    ctx.fillRect(x, 0, minuteToX(v.stepMinutes, width) + 0.5, h);
  }
  if (!v.compact) {
    ctx.fillStyle = WELCOME_FILL;
    for (const s of v.welcome) {
      const x = minuteToX(s.from, width);
      ctx.fillRect(x, BAND_TOP, minuteToX(s.to, width) - x, BAND_H);
    }
    ctx.fillStyle = QUIET_FILL;
    for (const s of v.quiet) {
      const x = minuteToX(s.from, width);
      const w = minuteToX(s.to, width) - x;
      ctx.fillRect(x, BAND_TOP + Math.floor(BAND_H / 2), w, Math.ceil(BAND_H / 2));
    }
  }
  const markW = Math.max(1.5, minuteToX(v.stepMinutes, width));
  for (const r of v.records) {
    if (r.decision !== 'recommend') continue;
    ctx.fillStyle = scoreColour(r.score ?? 0);
    ctx.fillRect(minuteToX(r.minute, width), 0, markW, v.compact ? h - 2 : ATLAS_MARK_H);
  }
  if (v.selectedStep !== null) {
    const r = v.records.find((x) => x.step === v.selectedStep);
    if (r) {
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1.5;
      ctx.strokeRect(minuteToX(r.minute, width) - 2, 0.75, markW + 4, h - 1.5);
    }
  }
  if (v.cursorMinute !== null) {
    ctx.fillStyle = '#f2b84b';
    ctx.fillRect(Math.round(minuteToX(v.cursorMinute, width)) - 1, 0, 2, h);
  }
}
