/**
 * The assistant on screen: a little robot that floats beside the persona,
 * trailing it smoothly and bobbing, and lights up while it speaks.
 */
import type Phaser from 'phaser';
import { GAME_WIDTH, TEXTURE_KEYS, getRenderScale } from '../layout';

/** How quickly the robot catches up with its spot next to the persona (per second). */
const FOLLOW_RATE = 5;
/** Further than this (px) and it jumps instead of gliding (a new run, turbo). */
const SNAP_DISTANCE = 220;

export class RobotView {
  readonly sprite: Phaser.GameObjects.Image;
  private readonly shadow: Phaser.GameObjects.Image;
  private x = -100;
  private y = -100;
  private placed = false;

  constructor(scene: Phaser.Scene) {
    this.shadow = scene.add
      .image(0, 0, TEXTURE_KEYS.shadow)
      .setDepth(12)
      .setScale(0.8)
      .setAlpha(0.8);
    this.sprite = scene.add
      .image(0, 0, TEXTURE_KEYS.robot, 'idle')
      .setDepth(13)
      .setScale(1 / getRenderScale());
  }

  /** Follow a point beside the persona's head; `talking` switches the face. */
  update(
    head: { x: number; y: number },
    talking: boolean,
    asleep: boolean,
    timeMs: number,
    deltaMs: number,
  ): void {
    const side = head.x > GAME_WIDTH - 80 ? -1 : 1;
    // Beside the head while awake; a little further off (by the bed) while the persona sleeps.
    const tx = head.x + side * (asleep ? 44 : 26);
    const ty = head.y + (asleep ? 14 : 4);
    const far = Math.hypot(tx - this.x, ty - this.y) > SNAP_DISTANCE;
    if (!this.placed || far) {
      this.x = tx;
      this.y = ty;
      this.placed = true;
    } else {
      const k = 1 - Math.exp((-FOLLOW_RATE * deltaMs) / 1000);
      this.x += (tx - this.x) * k;
      this.y += (ty - this.y) * k;
    }
    const bob = Math.sin(timeMs / 380) * 2.5;
    this.sprite
      .setFrame(talking ? 'talk' : 'idle')
      .setPosition(Math.round(this.x), Math.round(this.y + bob))
      .setAlpha(asleep ? 0.75 : 1);
    this.shadow
      .setPosition(Math.round(this.x), Math.round(this.y + 24))
      .setScale(0.7 - bob * 0.03, 0.7);
  }

  get position(): { x: number; y: number } {
    return { x: this.sprite.x, y: this.sprite.y };
  }
}
