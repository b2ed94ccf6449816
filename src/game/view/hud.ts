/**
 * The band above the home: a clock with the day and a sun or moon, who the
 * persona is and what they are doing, the last step's score and the
 * playback state. Text is only rewritten when it changes. Presenter mode
 * uses larger type in the same band (see SIZES).
 */
import type Phaser from 'phaser';
import type { StepRecord } from '../../core/sim';
import { formatHhmm } from '../../core/time';
import { GAME_WIDTH, HUD_HEIGHT, TEXTURE_KEYS, getRenderScale } from '../layout';
import { scoreColour } from '../../shared/colours';

const FONT = 'system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';

export interface HudModel {
  day: number;
  minute: number;
  personaName: string;
  action: string;
  latest: StepRecord | null;
  meanToday: number | null;
  recsToday: number;
  status: string;
  isNight: boolean;
}

/** Font sizes (game pixels) and where the right-hand column starts, normal and presenter. */
const SIZES = {
  normal: { day: 11, clock: 21, who: 13, action: 13, last: 11, today: 12, status: 13, split: 700 },
  presenter: {
    day: 14,
    clock: 25,
    who: 17,
    action: 16,
    last: 15,
    today: 15,
    status: 17,
    split: 600,
  },
} as const;

export class Hud {
  private readonly frame: Phaser.GameObjects.Graphics;
  private presenter: boolean | null = null;
  private readonly icon: Phaser.GameObjects.Image;
  private readonly day: Phaser.GameObjects.Text;
  private readonly clock: Phaser.GameObjects.Text;
  private readonly who: Phaser.GameObjects.Text;
  private readonly action: Phaser.GameObjects.Text;
  private readonly lastLabel: Phaser.GameObjects.Text;
  private readonly lastScore: Phaser.GameObjects.Text;
  private readonly today: Phaser.GameObjects.Text;
  private readonly status: Phaser.GameObjects.Text;
  private readonly cache = new Map<Phaser.GameObjects.Text, string>();

  constructor(scene: Phaser.Scene) {
    this.frame = scene.add.graphics().setDepth(100);
    const text = (
      x: number,
      y: number,
      size: number,
      colour: string,
      bold = false,
    ): Phaser.GameObjects.Text =>
      scene.add
        .text(x, y, '', {
          fontFamily: FONT,
          fontSize: `${size}px`,
          color: colour,
          fontStyle: bold ? 'bold' : 'normal',
          resolution: getRenderScale(),
        })
        .setDepth(101);
    this.icon = scene.add
      .image(30, HUD_HEIGHT / 2, TEXTURE_KEYS.sun)
      .setDepth(101)
      .setScale(1 / getRenderScale());
    this.day = text(48, 8, 11, '#b9aecb', true);
    this.clock = text(47, 20, 21, '#fff6e4', true);
    this.who = text(154, 8, 13, '#fff6e4', true);
    this.action = text(154, 27, 13, '#e3d7f2');
    this.lastLabel = text(714, 8, 11, '#b9aecb');
    this.lastScore = text(0, 6, 11, '#ffffff', true).setPadding(4, 1, 4, 1);
    this.today = text(714, 27, 12, '#e3d7f2');
    this.status = text(GAME_WIDTH - 14, 17, 13, '#fff6e4', true).setOrigin(1, 0);
    this.setPresenter(false);
  }

  /** Larger type (presenter mode) or the normal sizes; the band keeps its height. */
  setPresenter(on: boolean): void {
    if (this.presenter === on) return;
    this.presenter = on;
    const z = on ? SIZES.presenter : SIZES.normal;
    const g = this.frame.clear();
    g.fillGradientStyle(0x2b2036, 0x2b2036, 0x1d1626, 0x1d1626, 1);
    g.fillRect(0, 0, GAME_WIDTH, HUD_HEIGHT);
    g.fillStyle(0x000000, 0.35);
    g.fillRect(0, HUD_HEIGHT - 2, GAME_WIDTH, 2);
    g.fillStyle(0xffffff, on ? 0.12 : 0.07);
    g.fillRoundedRect(8, 6, 118, HUD_HEIGHT - 12, 8);
    g.lineStyle(1, 0xffffff, on ? 0.25 : 0.12);
    g.lineBetween(140, 10, 140, HUD_HEIGHT - 10);
    g.lineBetween(z.split, 10, z.split, HUD_HEIGHT - 10);
    const place = (t: Phaser.GameObjects.Text, x: number, y: number, size: number): void => {
      t.setFontSize(size).setPosition(x, y);
    };
    place(this.day, 48, on ? 4 : 8, z.day);
    place(this.clock, 47, on ? 18 : 20, z.clock);
    place(this.who, 154, on ? 4 : 8, z.who);
    place(this.action, 154, on ? 26 : 27, z.action);
    place(this.lastLabel, z.split + 14, on ? 4 : 8, z.last);
    place(this.lastScore, this.lastScore.x, on ? 3 : 6, z.last);
    place(this.today, z.split + 14, on ? 27 : 27, z.today);
    place(this.status, GAME_WIDTH - 14, on ? 15 : 17, z.status);
    // Higher contrast: the muted lines turn near-white.
    this.day.setColor(on ? '#e6ddf2' : '#b9aecb');
    this.lastLabel.setColor(on ? '#e6ddf2' : '#b9aecb');
    this.action.setColor(on ? '#fff6e4' : '#e3d7f2');
    this.today.setColor(on ? '#fff6e4' : '#e3d7f2');
    // The score badge is placed after its label: let update() place it again.
    this.cache.delete(this.lastScore);
  }

  private set(t: Phaser.GameObjects.Text, value: string): void {
    if (this.cache.get(t) === value) return;
    this.cache.set(t, value);
    t.setText(value);
  }

  update(m: HudModel): void {
    const icon = m.isNight ? TEXTURE_KEYS.moon : TEXTURE_KEYS.sun;
    if (this.icon.texture.key !== icon) this.icon.setTexture(icon);
    this.set(this.day, `DAY ${m.day}`);
    this.set(this.clock, formatHhmm(m.minute));
    this.set(this.who, m.personaName);
    this.set(this.action, m.action);
    const r = m.latest;
    if (r && r.score !== null) {
      this.set(
        this.lastLabel,
        r.decision === 'recommend' ? 'Last step: suggested' : 'Last step: stayed silent',
      );
      if (this.cache.get(this.lastScore) !== `${r.score}/4`) {
        // Setting the background re-renders the text: only when the score changes.
        this.lastScore.setBackgroundColor(scoreColour(r.score));
        this.set(this.lastScore, `${r.score}/4`);
      }
      this.lastScore.setVisible(true);
      this.lastScore.setX(this.lastLabel.x + this.lastLabel.width + 6);
    } else {
      // No score: asleep, or the judge gave no verdict (an unjudged step is never shown as 0/4).
      const why = r?.unjudged ? 'the judge gave no verdict' : 'asleep';
      this.set(this.lastLabel, r ? `Last step: ${why} (not scored)` : '');
      this.lastScore.setVisible(false);
    }
    const mean = m.meanToday === null ? '–' : m.meanToday.toFixed(2);
    this.set(
      this.today,
      `Today: mean ${mean}/4 · ${m.recsToday} suggestion${m.recsToday === 1 ? '' : 's'}`,
    );
    this.set(this.status, m.status);
  }
}
