/**
 * The assistant's speech bubble: the suggestion as plain text, then the
 * score the persona gave it (coloured) and the criteria it failed.
 *
 * How long a bubble stays up (a short, readable while):
 * - SHOW_MS (5 s) of real playing time at most; paused time does not count,
 *   so a paused bubble stays to be read;
 * - and no longer than MAX_SIM_MINUTES (60) of simulated time after its step;
 * - a newer suggestion replaces it after MIN_HOLD_MS (2 s), so at high speed
 *   the bubble shows the latest suggestion but changes at most every 2 s;
 * - never across days: a bubble goes when the day changes, and a suggestion
 *   from another day is never shown; a jump or a new run clears it (reset).
 * Presenter mode draws it in larger type (SIZES).
 */
import type Phaser from 'phaser';
import type { StepRecord } from '../../core/sim';
import { CRITERIA, type Criterion } from '../../core/vocab';
import { scoreColour, UNSCORED_COLOUR } from '../../shared/colours';
import { GAME_HEIGHT, GAME_WIDTH, HUD_HEIGHT, getRenderScale } from '../layout';

export const MIN_HOLD_MS = 2000;
export const SHOW_MS = 5000;
export const MAX_SIM_MINUTES = 60;
const PAD = 9;
const TAIL = 11;

/** Font sizes (game pixels) and the text's wrapping width, normal and presenter. */
export const BUBBLE_SIZES = {
  normal: { body: 12, score: 12, missed: 11, width: 250 },
  presenter: { body: 21, score: 19, missed: 16, width: 420 },
} as const;

const CRITERION_WORDS: Record<Criterion, string> = {
  preference: 'preference',
  timing: 'timing',
  frequency: 'frequency',
  communication: 'communication',
};

export function failedCriteria(record: StepRecord): Criterion[] {
  if (!record.criteria) return [];
  const criteria = record.criteria;
  return CRITERIA.filter((c) => !criteria[c].pass);
}

export class SpeechBubble {
  private readonly container: Phaser.GameObjects.Container;
  private readonly bg: Phaser.GameObjects.Graphics;
  private readonly body: Phaser.GameObjects.Text;
  private readonly score: Phaser.GameObjects.Text;
  private readonly missed: Phaser.GameObjects.Text;
  private shown: StepRecord | null = null;
  private shownAt = -Infinity;
  private pending: StepRecord | null = null;
  private lastNow = NaN;
  private size: (typeof BUBBLE_SIZES)[keyof typeof BUBBLE_SIZES] = BUBBLE_SIZES.normal;

  constructor(scene: Phaser.Scene) {
    const font = 'system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
    const resolution = getRenderScale();
    this.bg = scene.add.graphics();
    this.body = scene.add.text(PAD, PAD, '', {
      fontFamily: font,
      fontSize: '12px',
      color: '#2b2233',
      wordWrap: { width: BUBBLE_SIZES.normal.width, useAdvancedWrap: true },
      lineSpacing: 2,
      resolution,
    });
    this.score = scene.add.text(PAD, 0, '', {
      fontFamily: font,
      fontSize: '12px',
      fontStyle: 'bold',
      color: '#ffffff',
      padding: { x: 5, y: 1 },
      resolution,
    });
    this.missed = scene.add.text(0, 0, '', {
      fontFamily: font,
      fontSize: '11px',
      color: '#6b5f73',
      wordWrap: { width: BUBBLE_SIZES.normal.width - 50 },
      resolution,
    });
    this.container = scene.add
      .container(0, 0, [this.bg, this.body, this.score, this.missed])
      .setDepth(60)
      .setVisible(false);
  }

  /** A new step at which the assistant spoke. */
  offer(record: StepRecord | null): void {
    this.pending = record;
  }

  /** Larger type for presenter mode, or the normal sizes. */
  setPresenter(on: boolean): void {
    const size = on ? BUBBLE_SIZES.presenter : BUBBLE_SIZES.normal;
    if (size === this.size) return;
    this.size = size;
    this.body.setFontSize(size.body).setWordWrapWidth(size.width, true);
    this.score.setFontSize(size.score);
    this.missed.setFontSize(size.missed).setWordWrapWidth(size.width - 50);
    if (this.shown) this.show(this.shown, this.shownAt);
  }

  /** The body text's size in game pixels (the page's debug hook reports it). */
  get fontPx(): number {
    return this.size.body;
  }

  /** Forget everything (a new run, a jump). */
  reset(): void {
    this.pending = null;
    this.shown = null;
    this.shownAt = -Infinity;
    this.container.setVisible(false);
  }

  /**
   * Call every frame. `clock` is the simulated day and minute shown. The tail's tip
   * goes at `above` (over the robot and the name tag), or at `below` when
   * there is no room above. While paused the hold time stands still, so a
   * bubble stays up to be read; a single step shows its suggestion at once.
   */
  update(
    nowMs: number,
    clock: { day: number; minute: number },
    playing: boolean,
    above: { x: number; y: number },
    below: { x: number; y: number },
  ): void {
    // Paused time does not count. (Phaser's delta is smoothed and capped, so on a slow machine it
    // falls behind the clock: measure the pause with the frame times themselves.)
    if (!playing && Number.isFinite(this.lastNow)) this.shownAt += nowMs - this.lastNow;
    this.lastNow = nowMs;
    // Another day's suggestion is never shown, nor one long past.
    const stale = (r: StepRecord): boolean =>
      r.day !== clock.day || clock.minute - r.minute > MAX_SIM_MINUTES;
    if (this.pending && stale(this.pending)) this.pending = null;
    const held = nowMs - this.shownAt;
    const fresh = this.pending !== null && this.pending !== this.shown;
    if (fresh && (held >= MIN_HOLD_MS || !this.shown || !playing)) {
      this.show(this.pending as StepRecord, nowMs);
    } else if (this.shown && (held >= SHOW_MS || stale(this.shown))) {
      this.container.setVisible(false);
      this.shown = null;
      this.pending = null;
    }
    if (this.shown) this.place(above, below);
  }

  get visible(): boolean {
    return this.container.visible;
  }

  get record(): StepRecord | null {
    return this.shown;
  }

  private show(record: StepRecord, nowMs: number): void {
    this.shown = record;
    this.shownAt = nowMs;
    this.body.setText(record.suggestion?.text ?? '');
    const failed = failedCriteria(record);
    let verdict: string;
    if (record.score === null) {
      // Nobody scored it (the judge's call failed or could not be read): no number, never 0/4.
      this.score.setText('not scored').setBackgroundColor(UNSCORED_COLOUR);
      verdict = 'the judge gave no verdict';
    } else {
      this.score.setText(`${record.score}/4`).setBackgroundColor(scoreColour(record.score));
      verdict =
        failed.length === 0
          ? 'all four criteria met'
          : `missed: ${failed.map((c) => CRITERION_WORDS[c]).join(', ')}`;
    }
    this.missed.setText(`${record.time} · ${verdict}`);
    const y = PAD + this.body.height + 6;
    this.score.setPosition(PAD, y);
    this.missed.setPosition(PAD + this.score.width + 6, y + 1);
    this.container.setVisible(true);
  }

  private place(tipAbove: { x: number; y: number }, tipBelow: { x: number; y: number }): void {
    const w = Math.max(this.body.width, this.score.width + 6 + this.missed.width) + PAD * 2;
    const h = this.score.y + Math.max(this.score.height, this.missed.height + 1) + PAD - 2;
    const gw = GAME_WIDTH;
    const gh = GAME_HEIGHT;
    const above = tipAbove.y - TAIL - h >= HUD_HEIGHT + 4;
    const tip = above ? tipAbove : tipBelow;
    const x = Math.round(Math.max(4, Math.min(gw - w - 4, tip.x - w / 2)));
    const y = above ? Math.round(tip.y - TAIL - h) : Math.round(Math.min(tip.y + TAIL, gh - h - 4));
    this.container.setPosition(x, y);
    const tx = Math.max(12, Math.min(w - 12, tip.x - x));
    const g = this.bg;
    g.clear();
    g.fillStyle(0x1a1222, 0.25);
    g.fillRoundedRect(2, 3, w, h, 9);
    g.fillStyle(0xfffdf7, 0.97);
    g.lineStyle(2, 0x3b2f4a, 1);
    g.fillRoundedRect(0, 0, w, h, 9);
    g.strokeRoundedRect(0, 0, w, h, 9);
    if (above) {
      g.fillTriangle(tx - 7, h - 1, tx + 7, h - 1, tx, h + TAIL);
      g.lineBetween(tx - 7, h, tx, h + TAIL);
      g.lineBetween(tx + 7, h, tx, h + TAIL);
    } else {
      g.fillTriangle(tx - 7, 1, tx + 7, 1, tx, -TAIL);
      g.lineBetween(tx - 7, 0, tx, -TAIL);
      g.lineBetween(tx + 7, 0, tx, -TAIL);
    }
  }
}
