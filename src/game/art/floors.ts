/**
 * The floor plan, painted: wooden and tiled floors, grass, rugs and a
 * stepping-stone path, then the walls, windows and doors (walls.ts).
 */
import {
  HOME_HEIGHT,
  HOME_WIDTH,
  ROOMS,
  TILE_PX,
  buildTileGrid,
  type RoomId,
} from '../../core/home';
import { fillEllipse, fillRound, hash01, line, shade, type Ctx } from './paint';
import { WALL_TOP, paintDoors, paintWallShadows, paintWalls, paintWindows } from './walls';

const T = TILE_PX;

type FloorStyle =
  | { kind: 'wood'; base: string; plank: number }
  | { kind: 'tile'; a: string; b: string; grout: string; size: number }
  | { kind: 'grass'; base: string };

export const FLOOR_STYLES: Record<RoomId, FloorStyle> = {
  bedroom: { kind: 'wood', base: '#c9996a', plank: 8 },
  bathroom: { kind: 'tile', a: '#e4eef1', b: '#d6e5ea', grout: '#b3c6cd', size: 16 },
  study: { kind: 'wood', base: '#a9764f', plank: 8 },
  hallway: { kind: 'wood', base: '#bb8e63', plank: 8 },
  living: { kind: 'wood', base: '#d3a673', plank: 8 },
  kitchen: { kind: 'tile', a: '#efe5cf', b: '#d9c8a6', grout: '#c4b391', size: 32 },
  garden: { kind: 'grass', base: '#83bd69' },
};

function paintWood(
  ctx: Ctx,
  x0: number,
  y0: number,
  w: number,
  h: number,
  base: string,
  plank: number,
  salt: number,
): void {
  for (let row = 0; row * plank < h; row++) {
    const y = y0 + row * plank;
    const tone = (hash01(row, salt, 1) - 0.5) * 0.1;
    ctx.fillStyle = shade(base, tone);
    ctx.fillRect(x0, y, w, plank);
    // Grain: a faint streak along some planks.
    if (hash01(row, salt, 2) > 0.4) {
      const gx = x0 + hash01(row, salt, 3) * w * 0.6;
      line(
        ctx,
        gx,
        y + plank / 2,
        gx + 24 + hash01(row, salt, 4) * 60,
        y + plank / 2,
        shade(base, -0.06),
        1,
      );
    }
    line(ctx, x0, y + plank - 0.5, x0 + w, y + plank - 0.5, shade(base, -0.2), 1);
    // Butt joints, staggered from row to row.
    const period = 3 * T;
    let jx = x0 + Math.floor(hash01(row, salt, 5) * period);
    while (jx < x0 + w) {
      line(ctx, jx + 0.5, y, jx + 0.5, y + plank - 1, shade(base, -0.22), 1);
      jx += period;
    }
  }
}

function paintTiles(
  ctx: Ctx,
  x0: number,
  y0: number,
  w: number,
  h: number,
  s: Extract<FloorStyle, { kind: 'tile' }>,
): void {
  for (let ty = 0; ty * s.size < h; ty++) {
    for (let tx = 0; tx * s.size < w; tx++) {
      const checker = (tx + ty) % 2 === 0;
      const base = checker ? s.a : s.b;
      ctx.fillStyle = shade(base, (hash01(tx, ty, 7) - 0.5) * 0.04);
      ctx.fillRect(x0 + tx * s.size, y0 + ty * s.size, s.size, s.size);
    }
  }
  ctx.strokeStyle = s.grout;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let x = x0; x <= x0 + w; x += s.size) {
    ctx.moveTo(x + 0.5, y0);
    ctx.lineTo(x + 0.5, y0 + h);
  }
  for (let y = y0; y <= y0 + h; y += s.size) {
    ctx.moveTo(x0, y + 0.5);
    ctx.lineTo(x0 + w, y + 0.5);
  }
  ctx.stroke();
}

function paintGrass(ctx: Ctx, x0: number, y0: number, w: number, h: number, base: string): void {
  ctx.fillStyle = base;
  ctx.fillRect(x0, y0, w, h);
  for (let ty = 0; ty * T < h; ty++) {
    for (let tx = 0; tx * T < w; tx++) {
      const px = x0 + tx * T;
      const py = y0 + ty * T;
      // Soft patches of lighter and darker grass.
      const patch = hash01(tx, ty, 11);
      if (patch > 0.6) {
        ctx.save();
        ctx.globalAlpha = 0.35;
        fillEllipse(
          ctx,
          px + 16,
          py + 16,
          18,
          12,
          patch > 0.8 ? shade(base, 0.12) : shade(base, -0.08),
        );
        ctx.restore();
      }
      for (let k = 0; k < 5; k++) {
        const gx = px + 3 + hash01(tx * 7 + k, ty, 12) * 26;
        const gy = py + 5 + hash01(tx, ty * 7 + k, 13) * 24;
        const c = shade(base, k % 2 === 0 ? -0.22 : 0.15);
        line(ctx, gx, gy, gx - 2, gy - 4, c, 1);
        line(ctx, gx, gy, gx + 1.5, gy - 4.5, c, 1);
      }
      const flower = hash01(tx, ty, 14);
      if (flower > 0.86) {
        const fx = px + 6 + hash01(tx, ty, 15) * 20;
        const fy = py + 6 + hash01(tx, ty, 16) * 20;
        fillEllipse(ctx, fx, fy, 2, 2, flower > 0.93 ? '#fff7c2' : '#f5a3c0');
        fillEllipse(ctx, fx, fy, 0.8, 0.8, '#e0a100');
      }
    }
  }
}

function paintRug(
  ctx: Ctx,
  x: number,
  y: number,
  w: number,
  h: number,
  body: string,
  border: string,
): void {
  ctx.save();
  ctx.globalAlpha = 0.18;
  fillRound(ctx, x + 2, y + 2, w, h, 6, '#000000');
  ctx.restore();
  fillRound(ctx, x, y, w, h, 6, border);
  fillRound(ctx, x + 4, y + 4, w - 8, h - 8, 4, body);
  ctx.strokeStyle = shade(border, -0.1);
  ctx.setLineDash([3, 3]);
  ctx.strokeRect(x + 8.5, y + 8.5, w - 17, h - 17);
  ctx.setLineDash([]);
}

function paintRugs(ctx: Ctx): void {
  paintRug(ctx, 1.5 * T, 14.7 * T, 5.2 * T, 3.6 * T, '#b4533d', '#e8c47f'); // living room
  paintRug(ctx, 4.2 * T, 3.3 * T, 2.6 * T, 2.6 * T, '#6f8fb8', '#dfe7f2'); // bedroom
  paintRug(ctx, 2.4 * T, 10.2 * T, 22.2 * T, 1.6 * T, '#7b3d52', '#d9a35c'); // hallway runner
  // The study's round rug.
  fillEllipse(ctx, 21.5 * T + 2, 4.6 * T + 3, 2.3 * T, 1.7 * T, 'rgba(0,0,0,0.16)');
  fillEllipse(ctx, 21.5 * T, 4.6 * T, 2.3 * T, 1.7 * T, '#e4d3a8');
  fillEllipse(ctx, 21.5 * T, 4.6 * T, 2.0 * T, 1.45 * T, '#3e6b86');
  fillEllipse(ctx, 21.5 * T, 4.6 * T, 1.2 * T, 0.85 * T, '#4f7f9b');
  // Bath mat.
  fillRound(ctx, 14.25 * T, 3.2 * T, 1.5 * T, 0.9 * T, 5, '#8ec3d4');
  ctx.strokeStyle = '#ffffff';
  ctx.setLineDash([2, 2]);
  ctx.strokeRect(14.25 * T + 3.5, 3.2 * T + 3.5, 1.5 * T - 7, 0.9 * T - 7);
  ctx.setLineDash([]);
  // Kitchen runner in front of the counters.
  fillRound(ctx, 17.2 * T, 14.15 * T, 4.6 * T, 0.75 * T, 4, '#5d7f6a');
  fillRound(ctx, 17.2 * T + 3, 14.15 * T + 3, 4.6 * T - 6, 0.75 * T - 6, 3, '#7aa287');
}

function paintStones(ctx: Ctx): void {
  const stones: [number, number][] = [];
  for (let y = 2; y <= 20; y++) stones.push([27.5, y + 0.5]);
  stones.push([28.5, 15.5], [29.5, 16.2], [28.5, 10.5], [29.5, 10.7]);
  for (const [i, [sx, sy]] of stones.entries()) {
    const jx = (hash01(i, 1, 21) - 0.5) * 6;
    const jy = (hash01(i, 2, 21) - 0.5) * 4;
    const rx = 9 + hash01(i, 3, 21) * 3;
    const ry = 7 + hash01(i, 4, 21) * 2;
    fillEllipse(ctx, sx * T + jx + 1, sy * T + jy + 2, rx, ry, 'rgba(0,0,0,0.18)');
    fillEllipse(ctx, sx * T + jx, sy * T + jy, rx, ry, '#c2bcaf', '#8e887c');
    fillEllipse(ctx, sx * T + jx - 2, sy * T + jy - 2, rx * 0.5, ry * 0.4, '#d3cec3');
  }
}

/** Paint floors, rugs, the garden, walls, windows and doors: everything but furniture. */
export function paintFloorPlan(ctx: Ctx): void {
  const grid = buildTileGrid();
  ctx.fillStyle = WALL_TOP;
  ctx.fillRect(0, 0, HOME_WIDTH * T, HOME_HEIGHT * T);
  for (const [i, room] of ROOMS.entries()) {
    const style = FLOOR_STYLES[room.id];
    const x = room.x * T;
    const y = room.y * T;
    const w = room.w * T;
    const h = room.h * T;
    if (style.kind === 'wood') paintWood(ctx, x, y, w, h, style.base, style.plank, i * 17 + 3);
    else if (style.kind === 'tile') paintTiles(ctx, x, y, w, h, style);
    else paintGrass(ctx, x, y, w, h, style.base);
  }
  paintStones(ctx);
  paintRugs(ctx);
  paintWalls(ctx, grid);
  paintWallShadows(ctx, grid);
  paintWindows(ctx);
  paintDoors(ctx, grid);
  // A faint warm vignette on indoor floors so rooms read as rooms.
  for (const room of ROOMS) {
    if (room.outdoor) continue;
    const cx = (room.x + room.w / 2) * T;
    const cy = (room.y + room.h / 2) * T;
    const r = Math.max(room.w, room.h) * T * 0.75;
    const g = ctx.createRadialGradient(cx, cy, r * 0.3, cx, cy, r);
    g.addColorStop(0, 'rgba(255,240,210,0.06)');
    g.addColorStop(1, 'rgba(60,30,10,0.10)');
    ctx.fillStyle = g;
    ctx.fillRect(room.x * T, room.y * T, room.w * T, room.h * T);
  }
}
