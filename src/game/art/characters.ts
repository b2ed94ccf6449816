/**
 * The people of the game, drawn as small pixel sprites (16 × 24 art pixels
 * painted at 2 × 2 screen pixels): a persona in the avatar colours from its
 * file, with four facing directions and a two-step walk, and a sleeping pose.
 * Also the assistant: a small floating robot, drawn smooth.
 */
import { fillEllipse, fillRound, shade, type Ctx } from './paint';

export const FRAME_W = 32;
export const FRAME_H = 48;
const ART_W = 16;
const ART_H = 24;
const PX = FRAME_W / ART_W;

export const DIRECTIONS = ['down', 'left', 'right', 'up'] as const;
export type Direction = (typeof DIRECTIONS)[number];
/** Frames per direction: standing, left foot forward, right foot forward. */
export const WALK_FRAMES = 3;
export const SHEET_W = FRAME_W * (WALK_FRAMES + 1);
export const SHEET_H = FRAME_H * DIRECTIONS.length;

export function frameName(dir: Direction, frame: number): string {
  return `${dir}-${frame}`;
}
export const SLEEP_FRAME = 'sleep';

export interface AvatarColours {
  skin: string;
  hair: string;
  outfit: string;
}

type Grid = (string | null)[][];

function newGrid(): Grid {
  return Array.from({ length: ART_H }, () => new Array<string | null>(ART_W).fill(null));
}

function rect(g: Grid, x: number, y: number, w: number, h: number, c: string): void {
  for (let yy = y; yy < y + h; yy++) {
    const row = g[yy];
    if (!row) continue;
    for (let xx = x; xx < x + w; xx++) if (xx >= 0 && xx < ART_W) row[xx] = c;
  }
}

function mirror(g: Grid): Grid {
  return g.map((row) => [...row].reverse());
}

/** A one-pixel dark outline around the figure, so it reads on any floor. */
function outline(g: Grid, colour: string): Grid {
  const out = g.map((row) => [...row]);
  for (let y = 0; y < ART_H; y++) {
    for (let x = 0; x < ART_W; x++) {
      if (g[y]?.[x]) continue;
      const near = [g[y - 1]?.[x], g[y + 1]?.[x], g[y]?.[x - 1], g[y]?.[x + 1]].some(Boolean);
      if (near) (out[y] as (string | null)[])[x] = colour;
    }
  }
  return out;
}

interface Palette {
  skin: string;
  skinShade: string;
  hair: string;
  hairLight: string;
  outfit: string;
  outfitShade: string;
  outfitLight: string;
  pants: string;
  shoes: string;
  eye: string;
  blush: string;
}

function palette(a: AvatarColours): Palette {
  return {
    skin: a.skin,
    skinShade: shade(a.skin, -0.18),
    hair: a.hair,
    hairLight: shade(a.hair, 0.22),
    outfit: a.outfit,
    outfitShade: shade(a.outfit, -0.22),
    outfitLight: shade(a.outfit, 0.18),
    pants: '#3d4560',
    shoes: '#2a2430',
    eye: '#231a2b',
    blush: '#e88f8f',
  };
}

/** Legs and shoes for a frame: 0 standing, 1 and 2 the two strides. */
function legsFront(g: Grid, p: Palette, frame: number): void {
  const leftLen = frame === 1 ? 5 : frame === 2 ? 3 : 4;
  const rightLen = frame === 2 ? 5 : frame === 1 ? 3 : 4;
  rect(g, 5, 17, 6, 1, p.pants);
  rect(g, 5, 18, 3, leftLen, p.pants);
  rect(g, 8, 18, 3, rightLen, p.pants);
  rect(g, 5, 18 + leftLen, 3, 1, p.shoes);
  rect(g, 8, 18 + rightLen, 3, 1, p.shoes);
}

function figureFront(p: Palette, frame: number, back: boolean): Grid {
  const g = newGrid();
  legsFront(g, p, frame);
  // Torso and sleeves; arms swing opposite to the legs.
  rect(g, 4, 10, 8, 7, p.outfit);
  rect(g, 10, 10, 2, 7, p.outfitShade);
  rect(g, 5, 10, 6, 1, p.outfitLight);
  const leftArm = frame === 2 ? -1 : frame === 1 ? 1 : 0;
  const rightArm = -leftArm;
  rect(g, 3, 11 + leftArm, 1, 5, p.outfitShade);
  rect(g, 12, 11 + rightArm, 1, 5, p.outfitShade);
  rect(g, 3, 16 + leftArm, 1, 1, p.skin);
  rect(g, 12, 16 + rightArm, 1, 1, p.skin);
  // Head.
  rect(g, 4, 3, 8, 7, p.skin);
  rect(g, 5, 1, 6, 1, p.hair);
  rect(g, 4, 2, 8, 1, p.hair);
  rect(g, 3, 3, 10, 2, p.hair);
  rect(g, 5, 2, 3, 1, p.hairLight);
  if (back) {
    rect(g, 3, 5, 10, 5, p.hair);
    rect(g, 4, 9, 8, 1, shade(p.hair, -0.15));
    rect(g, 5, 3, 4, 1, p.hairLight);
  } else {
    rect(g, 3, 5, 1, 4, p.hair);
    rect(g, 12, 5, 1, 4, p.hair);
    rect(g, 4, 5, 2, 1, p.hair);
    rect(g, 6, 6, 1, 2, p.eye);
    rect(g, 9, 6, 1, 2, p.eye);
    rect(g, 5, 8, 1, 1, p.blush);
    rect(g, 10, 8, 1, 1, p.blush);
    rect(g, 7, 9, 2, 1, p.skinShade);
  }
  return g;
}

function figureLeft(p: Palette, frame: number): Grid {
  const g = newGrid();
  // Legs: standing together, or one forward (left) and one back.
  if (frame === 0) {
    rect(g, 6, 17, 4, 5, p.pants);
    rect(g, 5, 22, 5, 1, p.shoes);
  } else {
    const fwd = frame === 1 ? 0 : 1;
    rect(g, 6, 17, 4, 2, p.pants);
    rect(g, 4 + fwd, 19, 3, 3, fwd ? p.pants : shade(p.pants, -0.15));
    rect(g, 8 - fwd, 19, 3, 3, fwd ? shade(p.pants, -0.15) : p.pants);
    rect(g, 3 + fwd, 22, 4, 1, p.shoes);
    rect(g, 8 - fwd, 22, 4, 1, p.shoes);
  }
  rect(g, 5, 10, 6, 7, p.outfit);
  rect(g, 9, 10, 2, 7, p.outfitShade);
  // The near arm swings with the stride.
  const armX = frame === 1 ? 9 : frame === 2 ? 6 : 7;
  rect(g, armX, 11, 2, 5, p.outfitShade);
  rect(g, armX, 16, 2, 1, p.skin);
  // Head in profile, hair at the back.
  rect(g, 4, 3, 8, 7, p.skin);
  rect(g, 5, 1, 6, 1, p.hair);
  rect(g, 4, 2, 8, 1, p.hair);
  rect(g, 4, 3, 9, 2, p.hair);
  rect(g, 8, 5, 5, 4, p.hair);
  rect(g, 9, 9, 3, 1, shade(p.hair, -0.15));
  rect(g, 6, 2, 3, 1, p.hairLight);
  rect(g, 3, 6, 1, 2, p.skin);
  rect(g, 5, 6, 1, 2, p.eye);
  rect(g, 6, 8, 1, 1, p.blush);
  return g;
}

/** Asleep: only the head shows on the pillow; the body is a bump under the duvet. */
function sleepingHead(p: Palette): Grid {
  const g = newGrid();
  rect(g, 5, 1, 6, 1, p.hair);
  rect(g, 4, 2, 8, 2, p.hair);
  rect(g, 4, 4, 8, 4, p.skin);
  rect(g, 3, 3, 1, 4, p.hair);
  rect(g, 12, 3, 1, 4, p.hair);
  rect(g, 5, 5, 2, 1, p.eye);
  rect(g, 9, 5, 2, 1, p.eye);
  rect(g, 5, 6, 1, 1, p.blush);
  rect(g, 10, 6, 1, 1, p.blush);
  return g;
}

function paintDuvetBump(ctx: Ctx, ox: number, oy: number): void {
  const duvet = '#5b86c5';
  fillRound(
    ctx,
    ox + 3,
    oy + 17,
    FRAME_W - 6,
    FRAME_H - 19,
    9,
    shade(duvet, 0.1),
    shade(duvet, -0.25),
    1,
  );
  fillRound(ctx, ox + 3, oy + 17, FRAME_W - 6, 6, 3, '#eef2f8');
  fillRound(ctx, ox + FRAME_W - 11, oy + 24, 6, FRAME_H - 30, 3, shade(duvet, -0.08));
}

function paintGrid(ctx: Ctx, g: Grid, ox: number, oy: number): void {
  for (let y = 0; y < ART_H; y++) {
    for (let x = 0; x < ART_W; x++) {
      const c = g[y]?.[x];
      if (!c) continue;
      ctx.fillStyle = c;
      ctx.fillRect(ox + x * PX, oy + y * PX, PX, PX);
    }
  }
}

/**
 * Paint a persona's sheet: one row per direction (down, left, right, up),
 * columns standing / stride / stride, and the sleeping pose at the end of row 0.
 * Returns the frames as [name, x, y] for the texture.
 */
export function paintPersonaSheet(ctx: Ctx, avatar: AvatarColours): [string, number, number][] {
  const p = palette(avatar);
  const ink = 'rgba(35, 24, 40, 0.85)';
  const frames: [string, number, number][] = [];
  DIRECTIONS.forEach((dir, row) => {
    for (let f = 0; f < WALK_FRAMES; f++) {
      let grid: Grid;
      if (dir === 'down') grid = figureFront(p, f, false);
      else if (dir === 'up') grid = figureFront(p, f, true);
      else if (dir === 'left') grid = figureLeft(p, f);
      else grid = mirror(figureLeft(p, f));
      const x = f * FRAME_W;
      const y = row * FRAME_H;
      paintGrid(ctx, outline(grid, ink), x, y);
      frames.push([frameName(dir, f), x, y]);
    }
  });
  paintDuvetBump(ctx, WALK_FRAMES * FRAME_W, 0);
  paintGrid(ctx, outline(sleepingHead(p), ink), WALK_FRAMES * FRAME_W, 0);
  frames.push([SLEEP_FRAME, WALK_FRAMES * FRAME_W, 0]);
  return frames;
}

export const ROBOT_SIZE = 32;

/** The assistant: a round robot with a visor; frame 1 is the talking face. */
export function paintRobot(ctx: Ctx, ox: number, talking: boolean): void {
  const cx = ox + ROBOT_SIZE / 2;
  const cy = 18;
  // Antenna.
  ctx.strokeStyle = '#7c7f9a';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(cx, cy - 10);
  ctx.lineTo(cx, cy - 14);
  ctx.stroke();
  fillEllipse(ctx, cx, cy - 15, 3, 3, talking ? '#ffd84d' : '#7ff0ff', '#3d6f8a', 1);
  // Ears.
  fillRound(ctx, cx - 14, cy - 4, 4, 8, 2, '#9aa0c4');
  fillRound(ctx, cx + 10, cy - 4, 4, 8, 2, '#9aa0c4');
  // Body.
  const g = ctx.createRadialGradient(cx - 4, cy - 5, 2, cx, cy, 13);
  g.addColorStop(0, '#ffffff');
  g.addColorStop(1, '#c9cdee');
  ctx.beginPath();
  ctx.arc(cx, cy, 11.5, 0, Math.PI * 2);
  ctx.fillStyle = g;
  ctx.fill();
  ctx.strokeStyle = '#5b5f86';
  ctx.lineWidth = 1.5;
  ctx.stroke();
  // Visor and eyes.
  fillRound(ctx, cx - 8, cy - 5, 16, 9, 4.5, '#25283f');
  ctx.fillStyle = talking ? '#ffe36e' : '#7ff0ff';
  if (talking) {
    ctx.strokeStyle = '#ffe36e';
    ctx.lineWidth = 1.6;
    for (const ex of [cx - 3.5, cx + 3.5]) {
      ctx.beginPath();
      ctx.arc(ex, cy + 0.5, 2, Math.PI * 1.1, Math.PI * 1.9);
      ctx.stroke();
    }
  } else {
    fillRound(ctx, cx - 5, cy - 2.5, 3, 4, 1.5, '#7ff0ff');
    fillRound(ctx, cx + 2, cy - 2.5, 3, 4, 1.5, '#7ff0ff');
  }
  fillEllipse(ctx, cx, cy + 7, 2.5, 1.2, talking ? '#ff9db0' : '#9aa0c4');
}

/** A soft round shadow for feet and the floating robot. */
export function paintShadow(ctx: Ctx, w: number, h: number): void {
  fillEllipse(ctx, w / 2, h / 2, w / 2 - 1, h / 2 - 1, 'rgba(20, 10, 30, 0.35)');
}

/** A warm radial light, added on top of the night tint around the persona. */
export function paintGlow(ctx: Ctx, size: number): void {
  const r = size / 2;
  const g = ctx.createRadialGradient(r, r, 0, r, r, r);
  g.addColorStop(0, 'rgba(255, 214, 150, 1)');
  g.addColorStop(0.35, 'rgba(255, 190, 120, 0.55)');
  g.addColorStop(1, 'rgba(255, 170, 90, 0)');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, size, size);
}

export function paintSun(ctx: Ctx, size: number): void {
  const c = size / 2;
  ctx.strokeStyle = '#ffcf4a';
  ctx.lineWidth = 2;
  for (let i = 0; i < 8; i++) {
    const a = (i / 8) * Math.PI * 2;
    ctx.beginPath();
    ctx.moveTo(c + Math.cos(a) * (c * 0.62), c + Math.sin(a) * (c * 0.62));
    ctx.lineTo(c + Math.cos(a) * (c * 0.92), c + Math.sin(a) * (c * 0.92));
    ctx.stroke();
  }
  fillEllipse(ctx, c, c, c * 0.45, c * 0.45, '#ffd75e', '#f0a92a', 1.5);
}

export function paintMoon(ctx: Ctx, size: number): void {
  const c = size / 2;
  fillEllipse(ctx, c, c, c * 0.7, c * 0.7, '#f3f0d8');
  ctx.globalCompositeOperation = 'destination-out';
  fillEllipse(ctx, c + c * 0.35, c - c * 0.25, c * 0.6, c * 0.6, '#000');
  ctx.globalCompositeOperation = 'source-over';
}
