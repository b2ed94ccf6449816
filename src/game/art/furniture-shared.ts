/**
 * Furniture of the living room, the kitchen and the garden.
 */
import type { ObjectId } from '../../core/home';
import type { Box, Painter } from './furniture-private';
import { dropShadow, fillEllipse, fillRound, line, shade, type Ctx } from './paint';

function leafyPlant(
  ctx: Ctx,
  cx: number,
  cy: number,
  size: number,
  leaf: string,
  pot: string,
): void {
  fillEllipse(ctx, cx + 1, cy + 2, size * 0.62, size * 0.55, 'rgba(0,0,0,0.2)');
  fillEllipse(ctx, cx, cy, size * 0.55, size * 0.5, pot, shade(pot, -0.3));
  for (let i = 0; i < 7; i++) {
    const a = (i / 7) * Math.PI * 2 + 0.3;
    fillEllipse(
      ctx,
      cx + Math.cos(a) * size * 0.42,
      cy + Math.sin(a) * size * 0.36 - 2,
      size * 0.32,
      size * 0.24,
      i % 2 ? leaf : shade(leaf, 0.15),
    );
  }
  fillEllipse(ctx, cx, cy - 3, size * 0.28, size * 0.22, shade(leaf, 0.28));
}

function flowerPot(ctx: Ctx, cx: number, cy: number, petals: string): void {
  fillEllipse(ctx, cx + 1, cy + 2, 8, 7, 'rgba(0,0,0,0.2)');
  fillEllipse(ctx, cx, cy, 7.5, 6.5, '#c8683e', '#8c4526');
  fillEllipse(ctx, cx, cy - 1, 5.5, 4.5, '#5a3a22');
  for (let i = 0; i < 5; i++) {
    const a = (i / 5) * Math.PI * 2;
    fillEllipse(ctx, cx + Math.cos(a) * 4, cy - 2 + Math.sin(a) * 3.5, 3, 3, petals);
  }
  fillEllipse(ctx, cx, cy - 2, 2, 2, '#f7d44a');
}

/** A strip of worktop with a wooden front, the base of most kitchen units. */
function worktop(ctx: Ctx, { x, y, w, h }: Box, top = '#e9e3d6'): void {
  dropShadow(ctx, x, y, w, h - 2, 1);
  ctx.fillStyle = top;
  ctx.fillRect(x, y, w, h - 2);
  ctx.fillStyle = '#8b6744';
  ctx.fillRect(x, y + h - 9, w, 7);
  line(ctx, x, y + h - 9, x + w, y + h - 9, '#6d4f33', 1);
  line(ctx, x + 0.5, y, x + 0.5, y + h - 2, 'rgba(0,0,0,0.15)', 1);
}

const sofa: Painter = (ctx, { x, y, w, h }) => {
  const c = '#5876b0';
  dropShadow(ctx, x + 2, y + 2, w - 4, h - 4, 10);
  fillRound(ctx, x + 2, y + 2, w - 4, h - 4, 10, shade(c, -0.22));
  fillRound(ctx, x + 2, y + h - 20, w - 4, 18, 8, shade(c, -0.1));
  const seatW = (w - 32) / 3;
  for (let i = 0; i < 3; i++) {
    fillRound(ctx, x + 16 + i * seatW + 1, y + 6, seatW - 2, h - 26, 5, c);
    fillRound(ctx, x + 16 + i * seatW + 3, y + 8, seatW - 6, h - 32, 4, shade(c, 0.1));
  }
  fillRound(ctx, x + 20, y + h - 30, 14, 12, 4, '#f0c35a');
  fillRound(ctx, x + w - 36, y + h - 30, 14, 12, 4, '#e07a5f');
};

const tv: Painter = (ctx, { x, y, w, h }) => {
  dropShadow(ctx, x + 4, y + 6, w - 8, h - 7, 2);
  fillRound(ctx, x + 4, y + 6, w - 8, h - 7, 2, '#7d5637', '#57391f');
  fillRound(ctx, x + 16, y + 1, w - 32, h - 12, 2, '#1c2028', '#0c0e12');
  const g = ctx.createLinearGradient(x + 18, y, x + w - 18, y + h);
  g.addColorStop(0, '#2c3a4f');
  g.addColorStop(1, '#161b24');
  ctx.fillStyle = g;
  ctx.fillRect(x + 18, y + 3, w - 36, h - 16);
  line(ctx, x + 24, y + 14, x + 36, y + 4, 'rgba(255,255,255,0.15)', 3);
  fillRound(ctx, x + w / 2 - 8, y + h - 11, 16, 4, 1, '#2a2e36');
};

const coffeeTable: Painter = (ctx, { x, y, w, h }) => {
  dropShadow(ctx, x + 3, y + 4, w - 6, h - 8, 5);
  fillRound(ctx, x + 3, y + 4, w - 6, h - 8, 5, '#8c5f3e', '#5e3d25');
  fillRound(ctx, x + 5, y + 6, w - 10, h - 12, 4, '#a4744f');
  fillEllipse(ctx, x + 16, y + h / 2, 4, 4, '#ffffff', '#9c5b3c', 1.5);
  ctx.save();
  ctx.translate(x + 40, y + h / 2);
  ctx.rotate(0.25);
  fillRound(ctx, -8, -6, 16, 11, 1, '#e9514a');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(-6, -4, 8, 2);
  ctx.restore();
};

const recordPlayer: Painter = (ctx, { x, y, w, h }) => {
  dropShadow(ctx, x + 2, y + 2, w - 4, h - 4, 3);
  fillRound(ctx, x + 2, y + 2, w - 4, h - 4, 3, '#6b4a35', '#452f20');
  fillEllipse(ctx, x + 21, y + h / 2, 11, 11, '#151515');
  ctx.strokeStyle = '#333333';
  ctx.beginPath();
  ctx.arc(x + 21, y + h / 2, 7, 0, Math.PI * 2);
  ctx.stroke();
  fillEllipse(ctx, x + 21, y + h / 2, 3, 3, '#d9483b');
  line(ctx, x + 38, y + 6, x + 28, y + h / 2 + 2, '#c8c8c8', 2);
  fillEllipse(ctx, x + w - 12, y + h / 2, 7, 7, '#3b2a1f', '#2a1d15');
  fillEllipse(ctx, x + w - 12, y + h / 2, 3, 3, '#54402f');
};

const yogaMat: Painter = (ctx, { x, y, w, h }) => {
  fillRound(ctx, x + 10, y + 8, w - 20, h - 12, 4, '#9b6bc4', '#7a4fa3');
  line(ctx, x + 14, y + 20, x + w - 14, y + 20, '#b48ad6', 1);
  line(ctx, x + 14, y + h - 12, x + w - 14, y + h - 12, '#b48ad6', 1);
  fillRound(ctx, x + 8, y + 2, w - 16, 10, 5, '#7a4fa3');
  fillRound(ctx, x + 10, y + 4, w - 20, 4, 2, '#a87fd0');
  fillRound(ctx, x + w - 10, y + h - 22, 6, 14, 3, '#57b5d8');
};

const craftTable: Painter = (ctx, { x, y, w, h }) => {
  dropShadow(ctx, x + 3, y + 3, w - 6, h - 6, 4);
  fillRound(ctx, x + 3, y + 3, w - 6, h - 6, 4, '#c59b6d', '#8a6743');
  ctx.save();
  ctx.translate(x + 22, y + 22);
  ctx.rotate(-0.15);
  fillRound(ctx, -12, -9, 24, 18, 1, '#fffdf5', '#d8d2c0');
  line(ctx, -8, -3, 6, -3, '#e07a5f', 2);
  line(ctx, -8, 2, 3, 2, '#3d85c6', 2);
  ctx.restore();
  const dots = ['#e74c3c', '#f1c40f', '#2ecc71', '#3498db'];
  dots.forEach((c, i) =>
    fillEllipse(ctx, x + 42 + (i % 2) * 8, y + 16 + Math.floor(i / 2) * 8, 3, 3, c),
  );
  fillEllipse(ctx, x + 44, y + 44, 7, 7, '#ef8fb0', '#c76088');
  line(ctx, x + 39, y + 42, x + 49, y + 46, '#c76088', 1);
  line(ctx, x + 40, y + 47, x + 48, y + 40, '#c76088', 1);
};

const stove: Painter = (ctx, b) => {
  worktop(ctx, b, '#d7dadf');
  const { x, y } = b;
  for (const [cx, cy, r] of [
    [x + 16, y + 8, 6],
    [x + 48, y + 8, 5],
    [x + 16, y + 19, 5],
    [x + 48, y + 19, 6],
  ] as const) {
    fillEllipse(ctx, cx, cy, r, r, '#2c2c2e');
    ctx.strokeStyle = '#55555a';
    ctx.beginPath();
    ctx.arc(cx, cy, r - 2, 0, Math.PI * 2);
    ctx.stroke();
  }
  fillRound(ctx, x + 26, y + 4, 12, 8, 3, '#8e9aa6', '#5c6670');
  for (let i = 0; i < 4; i++) fillEllipse(ctx, x + 10 + i * 15, y + 27, 1.8, 1.8, '#ddd');
};

const kitchenCounter: Painter = (ctx, b) => {
  worktop(ctx, b);
  const { x, y } = b;
  fillRound(ctx, x + 8, y + 4, 26, 16, 3, '#c89a67', '#93693f');
  fillEllipse(ctx, x + 16, y + 12, 4, 4, '#e74c3c');
  fillEllipse(ctx, x + 26, y + 11, 3, 3, '#f39c12');
  line(ctx, x + 40, y + 6, x + 52, y + 16, '#9aa5ab', 2);
  fillEllipse(ctx, x + 72, y + 11, 10, 8, '#f3e7d2', '#b29a78');
  fillEllipse(ctx, x + 69, y + 10, 3, 3, '#e74c3c');
  fillEllipse(ctx, x + 75, y + 11, 3, 3, '#f1c40f');
  fillEllipse(ctx, x + 72, y + 14, 3, 3, '#8bc34a');
};

const kitchenSink: Painter = (ctx, b) => {
  worktop(ctx, b);
  const { x, y, w } = b;
  fillRound(ctx, x + 12, y + 4, w - 24, 16, 4, '#b8c2c9', '#7e8a92');
  fillRound(ctx, x + 15, y + 7, w - 30, 10, 3, '#9aa6ae');
  fillEllipse(ctx, x + w / 2, y + 12, 1.5, 1.5, '#5e6870');
  fillRound(ctx, x + w / 2 - 2, y + 1, 4, 6, 1, '#cfd6db', '#7e8a92');
};

const fridge: Painter = (ctx, { x, y, w, h }) => {
  dropShadow(ctx, x + 1, y, w - 2, h - 1, 3);
  fillRound(ctx, x + 1, y, w - 2, h - 1, 3, '#eef3f6', '#9eabb3');
  ctx.fillStyle = '#d8e0e5';
  ctx.fillRect(x + 2, y + h - 10, w - 4, 8);
  line(ctx, x + w / 2, y + h - 10, x + w / 2, y + h - 2, '#9eabb3', 1);
  fillRound(ctx, x + w / 2 - 6, y + h - 8, 3, 5, 1, '#8c98a0');
  fillRound(ctx, x + w / 2 + 3, y + h - 8, 3, 5, 1, '#8c98a0');
  fillEllipse(ctx, x + 12, y + 10, 3, 3, '#e74c3c');
  fillRound(ctx, x + 40, y + 6, 8, 10, 1, '#fff6c9');
};

const coffeeMachine: Painter = (ctx, b) => {
  worktop(ctx, b);
  const { x, y } = b;
  fillRound(ctx, x + 6, y + 2, 20, 18, 3, '#3a3330', '#1f1a18');
  fillRound(ctx, x + 9, y + 4, 14, 6, 1, '#554b47');
  fillEllipse(ctx, x + 22, y + 16, 1.6, 1.6, '#ff5b4a');
  fillEllipse(ctx, x + 14, y + 16, 3, 3, '#ffffff', '#999');
};

const washingMachine: Painter = (ctx, { x, y, w, h }) => {
  dropShadow(ctx, x + 2, y + 2, w - 4, h - 4, 3);
  fillRound(ctx, x + 2, y + 2, w - 4, h - 4, 3, '#f4f6f7', '#9eabb3');
  ctx.fillStyle = '#dfe5e8';
  ctx.fillRect(x + 3, y + 3, w - 6, 9);
  fillEllipse(ctx, x + 8, y + 7, 2, 2, '#4a90d9');
  fillEllipse(ctx, x + w / 2, y + h / 2 + 6, 11, 11, '#c3ccd2', '#6f7c85', 2);
  fillEllipse(ctx, x + w / 2, y + h / 2 + 6, 7, 7, '#7fa7c4');
  line(
    ctx,
    x + w / 2 - 3,
    y + h / 2 + 3,
    x + w / 2 + 1,
    y + h / 2 + 1,
    'rgba(255,255,255,0.7)',
    1.5,
  );
};

function chair(ctx: Ctx, cx: number, cy: number, back: 'top' | 'bottom' | 'left' | 'right'): void {
  fillRound(ctx, cx - 8, cy - 8, 16, 16, 3, '#b98a5e', '#7a5434');
  ctx.fillStyle = '#7a5434';
  if (back === 'top') ctx.fillRect(cx - 8, cy - 8, 16, 4);
  if (back === 'bottom') ctx.fillRect(cx - 8, cy + 4, 16, 4);
  if (back === 'left') ctx.fillRect(cx - 8, cy - 8, 4, 16);
  if (back === 'right') ctx.fillRect(cx + 4, cy - 8, 4, 16);
}

const diningTable: Painter = (ctx, { x, y, w, h }) => {
  chair(ctx, x + 34, y + 6, 'top');
  chair(ctx, x + w - 34, y + 6, 'top');
  chair(ctx, x + 6, y + h / 2, 'left');
  chair(ctx, x + w - 6, y + h / 2, 'right');
  dropShadow(ctx, x + 12, y + 12, w - 24, h - 20, 6);
  fillRound(ctx, x + 12, y + 12, w - 24, h - 20, 6, '#a0714a', '#6b4628');
  fillRound(ctx, x + 15, y + 15, w - 30, h - 26, 4, '#b4845a');
  for (const px of [x + 34, x + w - 34]) {
    fillEllipse(ctx, px, y + 22, 6, 6, '#ffffff', '#c9c3b6');
    fillEllipse(ctx, px, y + 22, 3, 3, '#f2efe8');
  }
  fillEllipse(ctx, x + w / 2, y + h / 2 + 2, 5, 5, '#4d9de0', '#2f6fa6');
  for (let i = 0; i < 5; i++) {
    const a = (i / 5) * Math.PI * 2;
    fillEllipse(
      ctx,
      x + w / 2 + Math.cos(a) * 5,
      y + h / 2 - 2 + Math.sin(a) * 4,
      2.5,
      2.5,
      i % 2 ? '#f6c343' : '#ef6f6c',
    );
  }
};

const gardenBed: Painter = (ctx, { x, y, w, h }) => {
  dropShadow(ctx, x + 2, y + 2, w - 4, h - 4, 3);
  fillRound(ctx, x + 2, y + 2, w - 4, h - 4, 3, '#8a5a36', '#5d3a20');
  ctx.fillStyle = '#5b3d2a';
  ctx.fillRect(x + 7, y + 7, w - 14, h - 14);
  const rows = 4;
  for (let r = 0; r < rows; r++) {
    const ry = y + 18 + r * ((h - 30) / (rows - 1));
    line(ctx, x + 9, ry + 6, x + w - 9, ry + 6, '#4a3020', 2);
    for (let c = 0; c < 4; c++) {
      const cx = x + 18 + c * ((w - 36) / 3);
      if (r === 0) {
        fillEllipse(ctx, cx, ry, 7, 6, '#7cc35a');
        fillEllipse(ctx, cx, ry, 4, 3.5, '#a5de7f');
      } else if (r === 1) {
        line(ctx, cx, ry + 3, cx - 3, ry - 5, '#4fa33a', 2);
        line(ctx, cx, ry + 3, cx + 3, ry - 5, '#4fa33a', 2);
        fillEllipse(ctx, cx, ry + 4, 2.5, 2, '#f08a2c');
      } else if (r === 2) {
        fillEllipse(ctx, cx, ry, 7, 6, '#3f8f3a');
        fillEllipse(ctx, cx - 2, ry + 1, 2.5, 2.5, '#e53935');
        fillEllipse(ctx, cx + 3, ry - 2, 2.2, 2.2, '#e53935');
      } else {
        fillEllipse(ctx, cx, ry, 6, 5, '#8fcf6a');
        fillEllipse(ctx, cx, ry, 3, 2.5, '#c9ef9c');
      }
    }
  }
};

const gardenPlants: Painter = (ctx, { x, y }) => {
  flowerPot(ctx, x + 14, y + 14, '#f06292');
  flowerPot(ctx, x + 44, y + 12, '#ffb74d');
  flowerPot(ctx, x + 18, y + 44, '#ba68c8');
  leafyPlant(ctx, x + 46, y + 44, 22, '#4caf50', '#b5653f');
};

const gardenBench: Painter = (ctx, { x, y, w, h }) => {
  dropShadow(ctx, x + 2, y + 4, w - 4, h - 8, 2);
  ctx.fillStyle = '#6f4a2c';
  ctx.fillRect(x + 6, y + 4, 4, h - 6);
  ctx.fillRect(x + w - 10, y + 4, 4, h - 6);
  for (let i = 0; i < 4; i++)
    fillRound(
      ctx,
      x + 2,
      y + 3 + i * 6.5,
      w - 4,
      5,
      1.5,
      i === 0 ? '#8e603a' : '#a8754a',
      '#6f4a2c',
    );
};

const shed: Painter = (ctx, { x, y, w, h }) => {
  ctx.save();
  ctx.globalAlpha = 0.25;
  fillRound(ctx, x + 4, y + 6, w - 4, h - 4, 2, '#000');
  ctx.restore();
  // Gable roof seen from above: two slopes and a ridge.
  fillRound(ctx, x + 1, y + 2, w - 2, h / 2, 2, '#a2563d');
  fillRound(ctx, x + 1, y + h / 2, w - 2, h / 2 - 3, 2, '#7f3f2c');
  for (let ry = y + 8; ry < y + h / 2; ry += 7) line(ctx, x + 2, ry, x + w - 2, ry, '#8e4a33', 1);
  for (let ry = y + h / 2 + 7; ry < y + h - 4; ry += 7)
    line(ctx, x + 2, ry, x + w - 2, ry, '#6b3424', 1);
  line(ctx, x + 1, y + h / 2, x + w - 1, y + h / 2, '#d6a184', 2);
  // The door on the garden side (west), where the path arrives.
  fillRound(ctx, x - 1, y + h / 2 - 14, 6, 28, 1, '#5d3a22');
};

export const SHARED_PAINTERS: Partial<Record<ObjectId, Painter>> = {
  sofa,
  tv,
  'coffee-table': coffeeTable,
  'record-player': recordPlayer,
  'yoga-mat': yogaMat,
  'craft-table': craftTable,
  'living-plants': (ctx, { x, y, w }) => {
    leafyPlant(ctx, x + w / 2, y + 16, 26, '#3f9b4f', '#c0643c');
    leafyPlant(ctx, x + w / 2, y + 46, 22, '#5bb36a', '#d9d2c5');
  },
  stove,
  'kitchen-counter': kitchenCounter,
  'kitchen-sink': kitchenSink,
  fridge,
  'coffee-machine': coffeeMachine,
  'washing-machine': washingMachine,
  'dining-table': diningTable,
  'garden-bed': gardenBed,
  'garden-plants': gardenPlants,
  'garden-bench': gardenBench,
  shed,
};
