/**
 * Where things sit on the canvas: a HUD band at the top, then the home at
 * one texture pixel per game pixel (34 × 22 tiles of 32 px).
 */
import { HOME_HEIGHT, HOME_WIDTH, TILE_PX } from '../core/home';

export const HUD_HEIGHT = 52;
export const HOME_PX_WIDTH = HOME_WIDTH * TILE_PX;
export const HOME_PX_HEIGHT = HOME_HEIGHT * TILE_PX;
export const GAME_WIDTH = HOME_PX_WIDTH;
export const GAME_HEIGHT = HOME_PX_HEIGHT + HUD_HEIGHT;

/** The centre of a (possibly fractional) tile position, in game pixels. */
export function tileToWorld(tx: number, ty: number): { x: number; y: number } {
  return { x: (tx + 0.5) * TILE_PX, y: HUD_HEIGHT + (ty + 0.5) * TILE_PX };
}

/**
 * Device pixels per game pixel: 2 on high-density screens, so text and art
 * stay sharp; the world keeps its 1× coordinates (the camera zooms).
 * Set once by startGame before the first scene runs.
 */
let renderScale = 1;
export function setRenderScale(k: number): void {
  renderScale = Math.max(1, Math.min(2, Math.round(k)));
}
export function getRenderScale(): number {
  return renderScale;
}

export const SCENE_KEYS = {
  boot: 'boot',
  preload: 'preload',
  home: 'home',
} as const;

export const TEXTURE_KEYS = {
  house: 'house',
  robot: 'robot',
  glow: 'glow',
  shadow: 'shadow',
  sun: 'sun',
  moon: 'moon',
} as const;

export function personaTextureKey(
  personaId: string,
  avatar: { skin: string; hair: string; outfit: string },
): string {
  return `persona:${personaId}:${avatar.skin}${avatar.hair}${avatar.outfit}`;
}
