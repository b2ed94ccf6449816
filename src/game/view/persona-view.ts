/**
 * The persona on screen: a sprite with a shadow, walking with stride frames
 * tied to the distance covered (so the feet match the ground at any speed),
 * and a name tag with the current action above the head.
 */
import Phaser from 'phaser';
import type { Persona } from '../../core/persona';
import { SLEEP_FRAME, WALK_FRAMES, frameName } from '../art/characters';
import { GAME_WIDTH, TEXTURE_KEYS, getRenderScale, tileToWorld } from '../layout';
import type { Placement } from '../placement';
import { ensurePersonaTexture } from '../textures';

/** Stride frames per tile walked: standing, left, standing, right. */
const STRIDE_CYCLE = [1, 0, 2, 0] as const;
const STRIDES_PER_TILE = 2;
/** The feet stand a little below the tile centre, so the body rises into the tile above. */
const FEET_OFFSET_PX = 11;

export class PersonaView {
  readonly sprite: Phaser.GameObjects.Sprite;
  private readonly shadow: Phaser.GameObjects.Image;
  private readonly tag: Phaser.GameObjects.Text;
  private readonly zzz: Phaser.GameObjects.Text;
  private textureKey = '';
  private name = '';
  private lastTagText = '';

  constructor(private readonly scene: Phaser.Scene) {
    this.shadow = scene.add.image(0, 0, TEXTURE_KEYS.shadow).setDepth(10);
    this.sprite = scene.add.sprite(0, 0, TEXTURE_KEYS.shadow).setOrigin(0.5, 1).setDepth(11);
    this.tag = scene.add
      .text(0, 0, '', {
        fontFamily: 'system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif',
        fontSize: '11px',
        color: '#fffaf0',
        backgroundColor: 'rgba(35, 26, 45, 0.78)',
        padding: { x: 5, y: 2 },
        align: 'center',
        resolution: getRenderScale(),
      })
      .setOrigin(0.5, 1)
      .setDepth(40);
    this.zzz = scene.add
      .text(0, 0, 'z Z z', {
        fontFamily: 'Georgia, serif',
        fontSize: '13px',
        fontStyle: 'italic bold',
        color: '#e9f1ff',
        stroke: '#2a3358',
        strokeThickness: 3,
        resolution: getRenderScale(),
      })
      .setOrigin(0, 1)
      .setDepth(40)
      .setVisible(false);
  }

  setPersona(persona: Persona): void {
    const key = ensurePersonaTexture(this.scene, persona.id, persona.avatar);
    if (key !== this.textureKey) {
      this.textureKey = key;
      this.sprite.setTexture(key, frameName('down', 0));
    }
    this.name = persona.name;
  }

  update(p: Placement, actionText: string, timeMs: number): void {
    const c = tileToWorld(p.x, p.y);
    if (p.asleep) {
      // Origin at the top of the head, which lies on the pillow.
      this.sprite
        .setFrame(SLEEP_FRAME)
        .setOrigin(0.5, 0)
        .setPosition(Math.round(c.x), Math.round(c.y));
      this.sprite.setAngle(p.sideways ? -90 : 0);
      this.shadow.setVisible(false);
      const bob = Math.sin(timeMs / 600) * 3;
      this.zzz.setVisible(true).setPosition(c.x + 12, c.y + 4 + bob);
      this.setTag(`${this.name}\n${actionText}`, c.x, c.y - 4);
      return;
    }
    this.zzz.setVisible(false);
    this.shadow.setVisible(true).setPosition(c.x, c.y + FEET_OFFSET_PX - 1);
    const stride = p.walking
      ? STRIDE_CYCLE[Math.floor(p.distance * STRIDES_PER_TILE) % STRIDE_CYCLE.length]
      : 0;
    this.sprite
      .setAngle(0)
      .setOrigin(0.5, 1)
      .setFrame(frameName(p.facing, Math.min(stride ?? 0, WALK_FRAMES - 1)))
      .setPosition(Math.round(c.x), Math.round(c.y + FEET_OFFSET_PX));
    this.setTag(
      `${this.name}\n${actionText}`,
      Math.round(c.x),
      Math.round(c.y + FEET_OFFSET_PX - 50),
    );
  }

  private setTag(text: string, x: number, y: number): void {
    if (text !== this.lastTagText) {
      this.lastTagText = text;
      this.tag.setText(text);
    }
    const half = this.tag.width / 2;
    const gw = GAME_WIDTH;
    this.tag.setPosition(
      Math.round(Phaser.Math.Clamp(x, half + 2, gw - half - 2)),
      Math.round(Math.max(y, this.tag.height + 54)),
    );
  }

  /** Presenter mode: the name tag in larger type (15 px instead of 11). */
  setPresenter(on: boolean): void {
    this.tag.setFontSize(on ? 15 : 11);
  }

  /** The top edge of the name tag, so the speech bubble can sit above it. */
  get tagTop(): number {
    return this.tag.y - this.tag.height;
  }

  /** Where the persona's head is, for the robot and the lamp light. */
  get headPosition(): { x: number; y: number } {
    if (this.sprite.frame.name === SLEEP_FRAME) return { x: this.sprite.x, y: this.sprite.y + 8 };
    return { x: this.sprite.x, y: this.sprite.y - 36 };
  }
}
