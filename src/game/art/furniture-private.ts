/**
 * Furniture of the private rooms (bedroom, bathroom, study, hallway), drawn
 * top-down with a little of the front showing. Each painter gets the
 * object's footprint in pixels.
 */
import type { ObjectId } from '../../core/home';
import { dropShadow, fillEllipse, fillRound, line, shade, type Ctx } from './paint';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
export type Painter = (ctx: Ctx, b: Box) => void;

const BOOK_COLOURS = [
  '#c0392b',
  '#2e86c1',
  '#f1c40f',
  '#27ae60',
  '#8e44ad',
  '#e67e22',
  '#ecf0f1',
  '#16a085',
];

/** An armchair seen from above, its back on the `back` side. */
export function armchair(
  ctx: Ctx,
  b: Box,
  colour: string,
  back: 'left' | 'right' | 'top' | 'bottom',
): void {
  const { x, y, w, h } = b;
  dropShadow(ctx, x + 3, y + 3, w - 6, h - 6, 10);
  fillRound(ctx, x + 3, y + 3, w - 6, h - 6, 10, shade(colour, -0.2));
  const t = 14;
  const seat = { x: x + 3, y: y + 3, w: w - 6, h: h - 6 };
  if (back === 'right') seat.w -= t;
  if (back === 'left') {
    seat.x += t;
    seat.w -= t;
  }
  if (back === 'bottom') seat.h -= t;
  if (back === 'top') {
    seat.y += t;
    seat.h -= t;
  }
  const sideways = back === 'left' || back === 'right';
  // Arms along the two sides that are not the back or the front.
  const arm = 9;
  const inner = sideways
    ? { x: seat.x, y: seat.y + arm, w: seat.w, h: seat.h - arm * 2 }
    : { x: seat.x + arm, y: seat.y, w: seat.w - arm * 2, h: seat.h };
  fillRound(ctx, inner.x + 1, inner.y + 1, inner.w - 2, inner.h - 2, 6, colour);
  fillRound(ctx, inner.x + 4, inner.y + 4, inner.w - 8, inner.h - 8, 5, shade(colour, 0.12));
}

const bed: Painter = (ctx, { x, y, w, h }) => {
  dropShadow(ctx, x + 2, y + 2, w - 4, h - 4, 6);
  fillRound(ctx, x + 2, y + 2, w - 4, h - 4, 6, '#86563a');
  fillRound(ctx, x + 2, y + 2, w - 4, 14, 5, '#6e452d');
  fillRound(ctx, x + 7, y + 12, w - 14, h - 18, 4, '#f6f2ea', '#d8d0c2');
  const pw = (w - 24) / 2;
  fillRound(ctx, x + 10, y + 16, pw, 18, 6, '#ffffff', '#d6d0c6');
  fillRound(ctx, x + 14 + pw, y + 16, pw, 18, 6, '#ffffff', '#d6d0c6');
  // Duvet with a turned-down sheet.
  fillRound(ctx, x + 6, y + 44, w - 12, h - 50, 5, '#5b86c5');
  fillRound(ctx, x + 6, y + 44, w - 12, 9, 4, '#eef2f8');
  for (let sy = y + 62; sy < y + h - 10; sy += 14)
    line(ctx, x + 10, sy, x + w - 10, sy, '#6f96cf', 2);
};

const nightstand: Painter = (ctx, { x, y, w, h }) => {
  dropShadow(ctx, x + 3, y + 3, w - 6, h - 6, 3);
  fillRound(ctx, x + 3, y + 3, w - 6, h - 6, 3, '#9b6b45', '#6e4a2e');
  line(ctx, x + 6, y + h - 8, x + w - 6, y + h - 8, '#6e4a2e', 1);
  fillEllipse(ctx, x + w / 2, y + h / 2 - 3, 7, 7, '#fff1b8', '#d9b35a', 1.5);
  fillEllipse(ctx, x + w / 2, y + h / 2 - 3, 2, 2, '#d9b35a');
};

const wardrobe: Painter = (ctx, { x, y, w, h }) => {
  dropShadow(ctx, x + 1, y, w - 2, h - 2, 3);
  fillRound(ctx, x + 1, y, w - 2, h - 1, 3, '#a7744d', '#6b4429');
  ctx.fillStyle = '#7f5333';
  ctx.fillRect(x + 2, y + h - 11, w - 4, 10);
  for (let i = 1; i < 3; i++)
    line(ctx, x + (w * i) / 3, y + h - 11, x + (w * i) / 3, y + h - 1, '#5c3b23', 1);
  for (let i = 0; i < 3; i++)
    fillEllipse(ctx, x + (w * (i + 0.5)) / 3 + (i === 1 ? 4 : 0), y + h - 6, 1.6, 1.6, '#e5c071');
  line(ctx, x + 6, y + 6, x + w - 6, y + 6, '#b9865d', 1);
};

const toilet: Painter = (ctx, { x, y, w }) => {
  fillRound(ctx, x + 6, y + 2, w - 12, 9, 3, '#ffffff', '#b9c6cc');
  fillEllipse(ctx, x + w / 2, y + 20, 9, 10, '#ffffff', '#b9c6cc');
  fillEllipse(ctx, x + w / 2, y + 21, 5, 6, '#cfe6ef');
};

const bathroomSink: Painter = (ctx, { x, y, w, h }) => {
  dropShadow(ctx, x + 2, y + 1, w - 4, h - 4, 3);
  fillRound(ctx, x + 2, y + 1, w - 4, h - 4, 3, '#f0ece4', '#b8ad9d');
  ctx.fillStyle = '#8a6a4e';
  ctx.fillRect(x + 3, y + h - 8, w - 6, 4);
  fillEllipse(ctx, x + w / 2, y + 13, 13, 8, '#ffffff', '#a9bcc4');
  fillEllipse(ctx, x + w / 2, y + 14, 9, 5, '#d3e8f0');
  fillRound(ctx, x + w / 2 - 2, y + 2, 4, 6, 1, '#9aa5ab');
  fillRound(ctx, x + 8, y + 6, 5, 9, 2, '#7fc6a4');
  fillRound(ctx, x + w - 14, y + 7, 6, 6, 2, '#f4b6c2');
};

const shower: Painter = (ctx, { x, y, w, h }) => {
  fillRound(ctx, x + 2, y + 2, w - 4, h - 4, 3, '#dcedf4', '#93b8c6');
  ctx.strokeStyle = '#c2dbe5';
  ctx.lineWidth = 1;
  for (let i = 1; i < 6; i++) {
    line(ctx, x + 2 + ((w - 4) * i) / 6, y + 3, x + 2 + ((w - 4) * i) / 6, y + h - 3, '#c2dbe5', 1);
    line(ctx, x + 3, y + 2 + ((h - 4) * i) / 6, x + w - 3, y + 2 + ((h - 4) * i) / 6, '#c2dbe5', 1);
  }
  fillEllipse(ctx, x + w / 2, y + h / 2 + 4, 4, 4, '#a8bcc4', '#7d939b');
  fillEllipse(ctx, x + w - 12, y + 11, 7, 7, '#b8c4ca', '#7d8d94');
  for (let i = 0; i < 5; i++)
    fillEllipse(
      ctx,
      x + w - 12 + Math.cos(i * 1.3) * 3,
      y + 11 + Math.sin(i * 1.3) * 3,
      0.8,
      0.8,
      '#5f6f76',
    );
  // Glass screen on the open sides.
  ctx.fillStyle = 'rgba(140, 200, 230, 0.75)';
  ctx.fillRect(x + 2, y + h - 5, w - 22, 3);
  ctx.fillRect(x + 2, y + 2, 3, h - 6);
};

const bathtub: Painter = (ctx, { x, y, w, h }) => {
  dropShadow(ctx, x + 3, y + 3, w - 6, h - 6, 14);
  fillRound(ctx, x + 3, y + 3, w - 6, h - 6, 14, '#ffffff', '#b4c3c9', 1.5);
  const g = ctx.createLinearGradient(x, y, x + w, y + h);
  g.addColorStop(0, '#bfe6f3');
  g.addColorStop(1, '#86c7de');
  ctx.fillStyle = g;
  fillRound(ctx, x + 9, y + 12, w - 18, h - 20, 10, '#9fd6ea');
  ctx.save();
  ctx.globalAlpha = 0.6;
  ctx.fillStyle = g;
  ctx.fill();
  ctx.restore();
  for (const [bx, by, r] of [
    [0.35, 0.3, 3],
    [0.55, 0.4, 2],
    [0.45, 0.65, 3.5],
    [0.62, 0.75, 2],
  ] as const) {
    fillEllipse(ctx, x + w * bx, y + h * by, r, r, 'rgba(255,255,255,0.85)');
  }
  fillRound(ctx, x + w / 2 - 5, y + 5, 10, 5, 2, '#9aa5ab');
};

const desk: Painter = (ctx, { x, y, w, h }) => {
  dropShadow(ctx, x + 1, y + 1, w - 2, h - 4, 3);
  fillRound(ctx, x + 1, y + 1, w - 2, h - 4, 3, '#b9855a', '#7b5232');
  ctx.fillStyle = '#8d6040';
  ctx.fillRect(x + 2, y + h - 7, w - 4, 4);
  fillRound(ctx, x + 32, y + 3, 34, 10, 2, '#2b2f3a');
  ctx.fillStyle = '#5fa8d3';
  ctx.fillRect(x + 34, y + 5, 30, 6);
  fillRound(ctx, x + 45, y + 13, 8, 3, 1, '#4a4f5a');
  fillRound(ctx, x + 34, y + 17, 28, 6, 1.5, '#e6e8ec', '#9aa0aa');
  fillEllipse(ctx, x + 69, y + 20, 2.5, 3.5, '#e6e8ec', '#9aa0aa');
  fillEllipse(ctx, x + 11, y + 12, 6, 6, '#ffe9a8', '#caa04a', 1.5);
  fillEllipse(ctx, x + 84, y + 12, 4, 4, '#ffffff', '#b07050', 1.5);
  ctx.save();
  ctx.translate(x + 22, y + 16);
  ctx.rotate(-0.2);
  fillRound(ctx, -5, -6, 10, 12, 1, '#fbfbf7', '#c9c5b8');
  ctx.restore();
};

const bookshelf: Painter = (ctx, { x, y, w, h }) => {
  dropShadow(ctx, x + 1, y, w - 2, h - 1, 2);
  fillRound(ctx, x + 1, y, w - 2, h - 1, 2, '#7b5234', '#553720');
  let bx = x + 4;
  let i = 0;
  while (bx < x + w - 6) {
    const bw = 3 + ((i * 7) % 4);
    const bh = 12 + ((i * 5) % 7);
    ctx.fillStyle = BOOK_COLOURS[i % BOOK_COLOURS.length] as string;
    ctx.fillRect(bx, y + h - 4 - bh, bw, bh);
    ctx.fillStyle = 'rgba(255,255,255,0.25)';
    ctx.fillRect(bx, y + h - 4 - bh, 1, bh);
    bx += bw + 1;
    i++;
    if (i % 9 === 0) bx += 4;
  }
  ctx.fillStyle = '#5c3c24';
  ctx.fillRect(x + 2, y + h - 4, w - 4, 3);
};

const piano: Painter = (ctx, { x, y, w, h }) => {
  dropShadow(ctx, x + 2, y + 3, w - 6, h - 6, 4);
  fillRound(ctx, x + 2, y + 3, w - 6, h - 6, 4, '#2a2321', '#120e0d');
  fillRound(ctx, x + 5, y + 6, w - 26, h - 12, 3, '#3b3230');
  // Keys along the right side, where the player sits.
  const kx = x + w - 17;
  ctx.fillStyle = '#f8f6f0';
  ctx.fillRect(kx, y + 6, 11, h - 12);
  for (let ky = y + 6; ky < y + h - 6; ky += 4)
    line(ctx, kx, ky + 0.5, kx + 11, ky + 0.5, '#c9c4b8', 1);
  ctx.fillStyle = '#1b1615';
  for (let ky = y + 8, n = 0; ky < y + h - 8; ky += 4, n++)
    if (n % 7 !== 2 && n % 7 !== 6) ctx.fillRect(kx, ky, 6, 2.5);
  fillRound(ctx, x + 10, y + 14, 12, 16, 1, '#fbfaf4', '#d6d2c6');
};

const hallCloset: Painter = (ctx, { x, y, w, h }) => {
  dropShadow(ctx, x, y + 1, w - 2, h - 2, 2);
  fillRound(ctx, x, y + 1, w - 3, h - 2, 2, '#8c6446', '#5c3f2a');
  ctx.fillStyle = '#76523a';
  ctx.fillRect(x + w - 12, y + 2, 9, h - 4);
  line(ctx, x + w - 12, y + h / 2, x + w - 3, y + h / 2, '#5c3f2a', 1);
  fillEllipse(ctx, x + w - 6, y + h / 2 - 6, 1.5, 1.5, '#e5c071');
  fillEllipse(ctx, x + w - 6, y + h / 2 + 6, 1.5, 1.5, '#e5c071');
};

export const PRIVATE_PAINTERS: Partial<Record<ObjectId, Painter>> = {
  bed,
  nightstand,
  wardrobe,
  'bedroom-armchair': (ctx, b) => armchair(ctx, b, '#d9a441', 'right'),
  toilet,
  'bathroom-sink': bathroomSink,
  shower,
  bathtub,
  desk,
  bookshelf,
  'reading-chair': (ctx, b) => {
    armchair(ctx, b, '#4f8f8b', 'right');
    fillEllipse(ctx, b.x + b.w - 6, b.y + 4, 6, 6, '#fff0b0', '#b59a4c', 1.5);
  },
  piano,
  'hall-closet': hallCloset,
};
