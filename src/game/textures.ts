/**
 * Turns the painted art into Phaser textures: canvases drawn once at load
 * (the house, the robot, lights, icons) and a sprite sheet per persona,
 * made when that persona first appears.
 */
import Phaser from 'phaser';
import {
  FRAME_H,
  FRAME_W,
  ROBOT_SIZE,
  SHEET_H,
  SHEET_W,
  paintGlow,
  paintMoon,
  paintPersonaSheet,
  paintRobot,
  paintShadow,
  paintSun,
  type AvatarColours,
} from './art/characters';
import type { Ctx } from './art/paint';
import { HOUSE_SIZE, paintHouse } from './art/house';
import { TEXTURE_KEYS, getRenderScale, personaTextureKey } from './layout';

export const GLOW_SIZE = 256;
export const ICON_SIZE = 22;

/**
 * A canvas texture painted in game pixels at `k` device pixels each; frames
 * are given in game pixels too. Images of it are shown at scale 1 / k.
 */
function canvasTexture(
  scene: Phaser.Scene,
  key: string,
  w: number,
  h: number,
  paint: (
    ctx: Ctx,
    addFrame: (name: string, x: number, y: number, fw: number, fh: number) => void,
  ) => void,
  k = 1,
): Phaser.Textures.CanvasTexture | null {
  if (scene.textures.exists(key)) return null;
  const tex = scene.textures.createCanvas(key, w * k, h * k);
  if (!tex) throw new Error(`could not create the texture "${key}"`);
  const ctx = tex.getContext();
  ctx.save();
  ctx.scale(k, k);
  paint(ctx, (name, x, y, fw, fh) => tex.add(name, 0, x * k, y * k, fw * k, fh * k));
  ctx.restore();
  tex.refresh();
  return tex;
}

/** The textures every scene needs; called by the preload scene. */
export function makeStaticTextures(scene: Phaser.Scene): void {
  const k = getRenderScale();
  canvasTexture(
    scene,
    TEXTURE_KEYS.house,
    HOUSE_SIZE.width,
    HOUSE_SIZE.height,
    (ctx) => paintHouse(ctx),
    k,
  );
  canvasTexture(
    scene,
    TEXTURE_KEYS.robot,
    ROBOT_SIZE * 2,
    ROBOT_SIZE,
    (ctx, addFrame) => {
      paintRobot(ctx, 0, false);
      paintRobot(ctx, ROBOT_SIZE, true);
      addFrame('idle', 0, 0, ROBOT_SIZE, ROBOT_SIZE);
      addFrame('talk', ROBOT_SIZE, 0, ROBOT_SIZE, ROBOT_SIZE);
    },
    k,
  );
  canvasTexture(scene, TEXTURE_KEYS.shadow, 24, 10, (ctx) => paintShadow(ctx, 24, 10));
  canvasTexture(scene, TEXTURE_KEYS.glow, GLOW_SIZE, GLOW_SIZE, (ctx) => paintGlow(ctx, GLOW_SIZE));
  canvasTexture(
    scene,
    TEXTURE_KEYS.sun,
    ICON_SIZE,
    ICON_SIZE,
    (ctx) => paintSun(ctx, ICON_SIZE),
    k,
  );
  canvasTexture(
    scene,
    TEXTURE_KEYS.moon,
    ICON_SIZE,
    ICON_SIZE,
    (ctx) => paintMoon(ctx, ICON_SIZE),
    k,
  );
}

/** The sprite sheet for a persona's avatar colours; returns its texture key. */
export function ensurePersonaTexture(
  scene: Phaser.Scene,
  personaId: string,
  avatar: AvatarColours,
): string {
  const key = personaTextureKey(personaId, avatar);
  const tex = canvasTexture(scene, key, SHEET_W, SHEET_H, (ctx, addFrame) => {
    for (const [name, x, y] of paintPersonaSheet(ctx, avatar))
      addFrame(name, x, y, FRAME_W, FRAME_H);
  });
  // Pixel art: keep the pixels square when the camera zooms on a high-density screen.
  tex?.setFilter(Phaser.Textures.FilterMode.NEAREST);
  return key;
}
