/**
 * Light that follows the clock: a colour multiplied over the home (deep blue
 * at night, warm at dawn and dusk, clear by day) and, when it is dark and
 * the persona is up, a warm lamp glow around them.
 */
import Phaser from 'phaser';
import { mix } from '../art/paint';
import { GAME_WIDTH, HOME_PX_HEIGHT, HUD_HEIGHT, TEXTURE_KEYS } from '../layout';

/** Keyframes: minute of the day and the colour the home is multiplied by. */
const SKY: readonly [number, string][] = [
  [0, '#58619e'],
  [300, '#58619e'],
  [360, '#9a86b0'],
  [420, '#ffc9a0'],
  [510, '#ffffff'],
  [1020, '#ffffff'],
  [1110, '#ffd2a0'],
  [1170, '#d8a0a0'],
  [1230, '#6a6aa8'],
  [1290, '#58619e'],
  [1440, '#58619e'],
];

export function skyColour(minute: number): string {
  const m = ((minute % 1440) + 1440) % 1440;
  for (let i = 0; i < SKY.length - 1; i++) {
    const [m0, c0] = SKY[i] as [number, string];
    const [m1, c1] = SKY[i + 1] as [number, string];
    if (m >= m0 && m <= m1) return mix(c0, c1, m1 === m0 ? 0 : (m - m0) / (m1 - m0));
  }
  return '#ffffff';
}

/** 0 in full daylight, 1 in the middle of the night. */
export function darkness(minute: number): number {
  const n = Number.parseInt(skyColour(minute).slice(1), 16);
  const lum = (0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255)) / 255;
  const night = 0.33;
  return Math.max(0, Math.min(1, (1 - lum) / (1 - night)));
}

export class Daylight {
  private readonly tint: Phaser.GameObjects.Rectangle;
  private readonly lamp: Phaser.GameObjects.Image;
  private lastColour = '';

  constructor(scene: Phaser.Scene) {
    this.tint = scene.add
      .rectangle(0, HUD_HEIGHT, GAME_WIDTH, HOME_PX_HEIGHT, 0xffffff, 1)
      .setOrigin(0, 0)
      .setBlendMode(Phaser.BlendModes.MULTIPLY)
      .setDepth(30);
    this.lamp = scene.add
      .image(0, 0, TEXTURE_KEYS.glow)
      .setBlendMode(Phaser.BlendModes.ADD)
      .setDepth(31)
      .setScale(1.5);
  }

  update(minute: number, lampAt: { x: number; y: number }, lampOn: boolean): void {
    const colour = skyColour(minute);
    if (colour !== this.lastColour) {
      this.lastColour = colour;
      this.tint.setFillStyle(Number.parseInt(colour.slice(1), 16), 1);
    }
    const d = darkness(minute);
    this.lamp
      .setVisible(lampOn && d > 0.05)
      .setPosition(lampAt.x, lampAt.y)
      .setAlpha(0.5 * d);
  }
}
