/**
 * Turns the painted art into Phaser textures: canvases drawn once at load
 * (the house, the robot, lights, icons) and a sprite sheet per persona,
 * made when that persona first appears.
 */
import type Phaser from 'phaser';
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
import { TEXTURE_KEYS, personaTextureKey } from './layout';

export const GLOW_SIZE = 256;
export const ICON_SIZE = 22;

function canvasTexture(
  scene: Phaser.Scene,
  key: string,
  w: number,
  h: number,
  paint: (ctx: Ctx, tex: Phaser.Textures.CanvasTexture) => void,
): void {
  if (scene.textures.exists(key)) return;
  const tex = scene.textures.createCanvas(key, w, h);
  if (!tex) throw new Error(`could not create the texture "${key}"`);
  paint(tex.getContext(), tex);
  tex.refresh();
}

/** The textures every scene needs; called by the preload scene. */
export function makeStaticTextures(scene: Phaser.Scene): void {
  canvasTexture(scene, TEXTURE_KEYS.house, HOUSE_SIZE.width, HOUSE_SIZE.height, (ctx) => paintHouse(ctx));
  canvasTexture(scene, TEXTURE_KEYS.robot, ROBOT_SIZE * 2, ROBOT_SIZE, (ctx, tex) => {
    paintRobot(ctx, 0, false);
    paintRobot(ctx, ROBOT_SIZE, true);
    tex.add('idle', 0, 0, 0, ROBOT_SIZE, ROBOT_SIZE);
    tex.add('talk', 0, ROBOT_SIZE, 0, ROBOT_SIZE, ROBOT_SIZE);
  });
  canvasTexture(scene, TEXTURE_KEYS.shadow, 24, 10, (ctx) => paintShadow(ctx, 24, 10));
  canvasTexture(scene, TEXTURE_KEYS.glow, GLOW_SIZE, GLOW_SIZE, (ctx) => paintGlow(ctx, GLOW_SIZE));
  canvasTexture(scene, TEXTURE_KEYS.sun, ICON_SIZE, ICON_SIZE, (ctx) => paintSun(ctx, ICON_SIZE));
  canvasTexture(scene, TEXTURE_KEYS.moon, ICON_SIZE, ICON_SIZE, (ctx) => paintMoon(ctx, ICON_SIZE));
}

/** The sprite sheet for a persona's avatar colours; returns its texture key. */
export function ensurePersonaTexture(scene: Phaser.Scene, personaId: string, avatar: AvatarColours): string {
  const key = personaTextureKey(personaId, avatar);
  canvasTexture(scene, key, SHEET_W, SHEET_H, (ctx, tex) => {
    for (const [name, x, y] of paintPersonaSheet(ctx, avatar)) tex.add(name, 0, x, y, FRAME_W, FRAME_H);
  });
  return key;
}
