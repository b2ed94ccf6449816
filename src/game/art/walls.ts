/**
 * The walls of the home, seen slightly from the south (a dark top and a
 * lighter face), the shadows they cast, windows, doors with their swing and
 * the garden hedge.
 */
import { DOORS, HOME_HEIGHT, HOME_WIDTH, TILE_PX, type TileKind } from '../../core/home';
import { fillEllipse, fillRound, hash01, line, shade, type Ctx } from './paint';

const T = TILE_PX;

export const WALL_TOP = '#4a4152';
const WALL_EDGE = '#5d5367';
const WALL_FACE = '#8d8198';
const WALL_BASE = '#3a3242';
const HEDGE = '#3f7a34';

/** Windows in the outer walls: tile and which wall they sit in. */
const WINDOWS: { x: number; y: number; side: 'top' | 'left' | 'bottom' | 'right' }[] = [
  { x: 5, y: 0, side: 'top' },
  { x: 6, y: 0, side: 'top' },
  { x: 14, y: 0, side: 'top' },
  { x: 21, y: 0, side: 'top' },
  { x: 22, y: 0, side: 'top' },
  { x: 0, y: 5, side: 'left' },
  { x: 0, y: 6, side: 'left' },
  { x: 0, y: 14, side: 'left' },
  { x: 0, y: 15, side: 'left' },
  { x: 7, y: 21, side: 'bottom' },
  { x: 8, y: 21, side: 'bottom' },
  { x: 17, y: 21, side: 'bottom' },
  { x: 22, y: 21, side: 'bottom' },
  { x: 23, y: 21, side: 'bottom' },
  { x: 26, y: 4, side: 'right' },
  { x: 26, y: 5, side: 'right' },
  { x: 26, y: 14, side: 'right' },
];

function paintHedgeTile(ctx: Ctx, tx: number, ty: number): void {
  const px = tx * T;
  const py = ty * T;
  ctx.fillStyle = shade(HEDGE, -0.25);
  ctx.fillRect(px, py, T, T);
  for (let k = 0; k < 4; k++) {
    const bx = px + 8 + (k % 2) * 16 + (hash01(tx, ty, 30 + k) - 0.5) * 4;
    const by = py + 8 + Math.floor(k / 2) * 16 + (hash01(tx, ty, 40 + k) - 0.5) * 4;
    fillEllipse(ctx, bx, by + 1, 10, 10, shade(HEDGE, -0.15));
    fillEllipse(ctx, bx, by, 9, 9, HEDGE);
    fillEllipse(ctx, bx - 2.5, by - 2.5, 4.5, 4, shade(HEDGE, 0.18));
  }
}

function kindAt(grid: TileKind[][], x: number, y: number): TileKind | null {
  if (x < 0 || y < 0 || x >= HOME_WIDTH || y >= HOME_HEIGHT) return null;
  return (grid[y] as TileKind[])[x] as TileKind;
}

function isGardenBorder(x: number, y: number): boolean {
  return x === HOME_WIDTH - 1 || ((y === 0 || y === HOME_HEIGHT - 1) && x > 26);
}

export function paintWalls(ctx: Ctx, grid: TileKind[][]): void {
  for (let y = 0; y < HOME_HEIGHT; y++) {
    for (let x = 0; x < HOME_WIDTH; x++) {
      if (kindAt(grid, x, y) !== 'wall') continue;
      if (isGardenBorder(x, y)) {
        paintHedgeTile(ctx, x, y);
        continue;
      }
      const px = x * T;
      const py = y * T;
      ctx.fillStyle = WALL_TOP;
      ctx.fillRect(px, py, T, T);
      const below = kindAt(grid, x, y + 1);
      // Edges of the wall top, where it meets a room.
      ctx.fillStyle = WALL_EDGE;
      if (kindAt(grid, x, y - 1) !== 'wall' && y > 0) ctx.fillRect(px, py, T, 2);
      if (kindAt(grid, x - 1, y) !== 'wall' && x > 0) ctx.fillRect(px, py, 2, T);
      if (kindAt(grid, x + 1, y) !== 'wall' && x < HOME_WIDTH - 1)
        ctx.fillRect(px + T - 2, py, 2, T);
      if (below !== null && below !== 'wall') {
        // The wall's face, seen from the room to the south.
        const faceH = 13;
        ctx.fillStyle = WALL_FACE;
        ctx.fillRect(px, py + T - faceH, T, faceH);
        ctx.fillStyle = shade(WALL_FACE, 0.12);
        ctx.fillRect(px, py + T - faceH, T, 2);
        ctx.fillStyle = WALL_BASE;
        ctx.fillRect(px, py + T - 3, T, 3);
      }
    }
  }
}

export function paintWindows(ctx: Ctx): void {
  for (const w of WINDOWS) {
    const px = w.x * T;
    const py = w.y * T;
    if (w.side === 'top') {
      fillRound(ctx, px + 3, py + 12, T - 6, 15, 2, '#f3efe6');
      const g = ctx.createLinearGradient(0, py + 14, 0, py + 25);
      g.addColorStop(0, '#cfeefc');
      g.addColorStop(1, '#8cc7e6');
      ctx.fillStyle = g;
      ctx.fillRect(px + 5, py + 14, T - 10, 11);
      line(ctx, px + T / 2, py + 14, px + T / 2, py + 25, '#f3efe6', 2);
      line(ctx, px + 8, py + 22, px + 13, py + 16, 'rgba(255,255,255,0.7)', 1.5);
    } else {
      const vertical = w.side === 'left' || w.side === 'right';
      const cx = px + T / 2;
      const cy = py + T / 2;
      const ww = vertical ? 8 : T - 4;
      const hh = vertical ? T - 4 : 8;
      fillRound(ctx, cx - ww / 2 - 1, cy - hh / 2 - 1, ww + 2, hh + 2, 2, '#f3efe6');
      ctx.fillStyle = '#a8daf0';
      ctx.fillRect(cx - ww / 2 + 1, cy - hh / 2 + 1, ww - 2, hh - 2);
      if (vertical) line(ctx, cx - 3, cy, cx + 3, cy, '#f3efe6', 1.5);
      else line(ctx, cx, cy - 3, cx, cy + 3, '#f3efe6', 1.5);
    }
  }
}

export function paintDoors(ctx: Ctx, grid: TileKind[][]): void {
  for (const d of DOORS) {
    const px = d.x * T;
    const py = d.y * T;
    const inHorizontalWall =
      kindAt(grid, d.x - 1, d.y) === 'wall' && kindAt(grid, d.x + 1, d.y) === 'wall';
    // Threshold.
    ctx.fillStyle = '#b88a5c';
    ctx.fillRect(px, py, T, T);
    ctx.fillStyle = '#9a6f45';
    if (inHorizontalWall) {
      ctx.fillRect(px, py + 12, T, 8);
      ctx.fillStyle = WALL_BASE;
      ctx.fillRect(px, py, 3, T);
      ctx.fillRect(px + T - 3, py, 3, T);
    } else {
      ctx.fillRect(px + 12, py, 8, T);
      ctx.fillStyle = WALL_BASE;
      ctx.fillRect(px, py, T, 3);
      ctx.fillRect(px, py + T - 3, T, 3);
    }
    // The open door leaf and its swing, into the room it belongs to.
    const swingUp = d.y === 9;
    const swingLeft = d.x === 13 || d.x === 26;
    ctx.save();
    ctx.strokeStyle = 'rgba(60,40,25,0.35)';
    ctx.setLineDash([2, 3]);
    ctx.lineWidth = 1;
    ctx.beginPath();
    if (inHorizontalWall) {
      const hy = swingUp ? py : py + T;
      const dir = swingUp ? -1 : 1;
      ctx.arc(px + 3, hy, T - 6, swingUp ? -Math.PI / 2 : 0, swingUp ? 0 : Math.PI / 2);
      ctx.stroke();
      ctx.setLineDash([]);
      fillRound(ctx, px + 1, Math.min(hy, hy + dir * (T - 6)), 5, T - 6, 1.5, '#7a5234');
    } else {
      const hx = swingLeft ? px : px + T;
      const dir = swingLeft ? -1 : 1;
      ctx.arc(hx, py + 3, T - 6, swingLeft ? Math.PI / 2 : 0, swingLeft ? Math.PI : Math.PI / 2);
      ctx.stroke();
      ctx.setLineDash([]);
      fillRound(ctx, Math.min(hx, hx + dir * (T - 6)), py + 1, T - 6, 5, 1.5, '#7a5234');
    }
    ctx.restore();
  }
}

/** Shadows cast by the walls onto the floor below and to the right of them. */
export function paintWallShadows(ctx: Ctx, grid: TileKind[][]): void {
  for (let y = 0; y < HOME_HEIGHT; y++) {
    for (let x = 0; x < HOME_WIDTH; x++) {
      const k = kindAt(grid, x, y);
      if (k !== 'floor' && k !== 'grass') continue;
      const px = x * T;
      const py = y * T;
      if (kindAt(grid, x, y - 1) === 'wall') {
        const g = ctx.createLinearGradient(0, py, 0, py + 9);
        g.addColorStop(0, 'rgba(20,10,30,0.28)');
        g.addColorStop(1, 'rgba(20,10,30,0)');
        ctx.fillStyle = g;
        ctx.fillRect(px, py, T, 9);
      }
      if (kindAt(grid, x - 1, y) === 'wall') {
        const g = ctx.createLinearGradient(px, 0, px + 6, 0);
        g.addColorStop(0, 'rgba(20,10,30,0.2)');
        g.addColorStop(1, 'rgba(20,10,30,0)');
        ctx.fillStyle = g;
        ctx.fillRect(px, py, 6, T);
      }
    }
  }
}
