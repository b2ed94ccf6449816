/**
 * The whole home as one picture: floor plan, furniture and labels, painted
 * once into a canvas. It never changes during a run, so one texture is the
 * cheapest way to draw it.
 */
import { OBJECTS, ROOMS, TILE_PX, type ObjectId, type RoomId } from '../../core/home';
import { HOME_PX_HEIGHT, HOME_PX_WIDTH } from '../layout';
import { paintFloorPlan } from './floors';
import { PRIVATE_PAINTERS, type Painter } from './furniture-private';
import { SHARED_PAINTERS } from './furniture-shared';
import { fillRound, pillLabel, type Ctx } from './paint';

const T = TILE_PX;

const PAINTERS: Partial<Record<ObjectId, Painter>> = { ...PRIVATE_PAINTERS, ...SHARED_PAINTERS };

/** Short names for the labels where the model's name is long. */
const SHORT_NAMES: Partial<Record<ObjectId, string>> = {
  'bedroom-armchair': 'armchair',
  'bathroom-sink': 'sink',
  'kitchen-sink': 'sink',
  'kitchen-counter': 'counter',
  'living-plants': 'plants',
  'coffee-machine': 'coffee maker',
  'washing-machine': 'washer',
  'hall-closet': 'closet',
};

/** Where each room's name sits (tile units, centre), on open floor. */
const ROOM_LABEL_AT: Record<RoomId, { x: number; y: number }> = {
  bedroom: { x: 3.2, y: 7.4 },
  bathroom: { x: 14.6, y: 6.0 },
  study: { x: 22.0, y: 8.2 },
  hallway: { x: 16.0, y: 11.0 },
  living: { x: 8.8, y: 15.4 },
  kitchen: { x: 16.0, y: 18.6 },
  garden: { x: 30.5, y: 7.3 },
};

/** Where an object's label goes when its centre would be hidden or crowded (tile units). */
const OBJECT_LABEL_AT: Partial<Record<ObjectId, { x: number; y: number }>> = {
  toilet: { x: 11.5, y: 1.35 },
  nightstand: { x: 4.5, y: 1.25 },
  tv: { x: 4.0, y: 13.3 },
  'coffee-machine': { x: 23.5, y: 13.25 },
  'washing-machine': { x: 25.5, y: 14.1 },
  'hall-closet': { x: 1.5, y: 10.7 },
  shed: { x: 31.5, y: 19.9 },
  'garden-bed': { x: 30.5, y: 5.65 },
  'dining-table': { x: 20.0, y: 18.55 },
  bed: { x: 2.5, y: 4.6 },
};

export function objectLabel(id: ObjectId, name: string): string {
  return SHORT_NAMES[id] ?? name;
}

function paintLabels(ctx: Ctx): void {
  for (const o of OBJECTS) {
    const at = OBJECT_LABEL_AT[o.id] ?? { x: o.x + o.w / 2, y: o.y + o.h - 0.3 };
    pillLabel(ctx, objectLabel(o.id, o.name), at.x * T, at.y * T, {
      font: '600 9px system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif',
      color: '#2c2433',
      bg: 'rgba(255, 250, 240, 0.78)',
      padX: 4,
      height: 12,
    });
  }
  for (const room of ROOMS) {
    const at = ROOM_LABEL_AT[room.id];
    const text = room.name.toUpperCase();
    ctx.save();
    ctx.font = '700 11px system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
    const w = ctx.measureText(text).width + 16;
    fillRound(
      ctx,
      at.x * T - w / 2,
      at.y * T - 9,
      w,
      18,
      9,
      room.outdoor ? 'rgba(30, 70, 30, 0.55)' : 'rgba(45, 32, 55, 0.55)',
    );
    ctx.fillStyle = '#fffaf0';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, at.x * T, at.y * T + 0.5);
    ctx.restore();
  }
}

/** Paint the home (without people) into a new canvas of HOME_PX_WIDTH × HOME_PX_HEIGHT. */
export function paintHouse(ctx: Ctx): void {
  paintFloorPlan(ctx);
  for (const o of OBJECTS) {
    const painter = PAINTERS[o.id];
    const box = { x: o.x * T, y: o.y * T, w: o.w * T, h: o.h * T };
    if (painter) painter(ctx, box);
    else fillRound(ctx, box.x + 3, box.y + 3, box.w - 6, box.h - 6, 4, '#9a8a7a', '#5a4a3a');
  }
  paintLabels(ctx);
}

export const HOUSE_SIZE = { width: HOME_PX_WIDTH, height: HOME_PX_HEIGHT };
