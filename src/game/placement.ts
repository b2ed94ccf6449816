/**
 * Where to draw the persona at a moment of the day, from the schedule the
 * simulation planned: walking tile by tile along the path from the previous
 * action's object to this one during the action's walk time, then standing
 * at the object (or lying in it, asleep). Pure presentation: nothing here
 * changes the run.
 */
import { getObject, type HomeObject, type Tile } from '../core/home';
import { findPath } from '../core/paths';
import type { Action, Schedule } from '../core/schedule';
import { momentAt } from '../core/schedule';
import type { Direction } from './art/characters';

/** How far in from the end of a bed or sofa the sleeper's head lies. */
const HEAD_INSET_TILES = 0.3;

export interface Placement {
  /** Tile coordinates, fractional while walking; asleep, where the top of the head is. */
  x: number;
  y: number;
  facing: Direction;
  walking: boolean;
  asleep: boolean;
  /** Tiles walked so far on this walk (drives the stride frames). */
  distance: number;
  action: Action;
  /** Lying across a wide object (a sofa nap) rather than along it. */
  sideways: boolean;
}

function towards(dx: number, dy: number): Direction {
  if (Math.abs(dx) >= Math.abs(dy)) return dx < 0 ? 'left' : 'right';
  return dy < 0 ? 'up' : 'down';
}

/** Facing the object from its use tile. */
function facingObject(o: HomeObject): Direction {
  const cx = o.x + (o.w - 1) / 2;
  const cy = o.y + (o.h - 1) / 2;
  const dx = cx - o.use.x;
  const dy = cy - o.use.y;
  if (dx === 0 && dy === 0) return 'down';
  return towards(dx, dy);
}

function pointOnPath(
  path: readonly Tile[],
  fraction: number,
): { x: number; y: number; facing: Direction; distance: number } {
  const last = path.length - 1;
  const f = Math.max(0, Math.min(1, fraction)) * last;
  const i = Math.min(Math.floor(f), Math.max(last - 1, 0));
  const a = path[i] as Tile;
  const b = (path[i + 1] ?? a) as Tile;
  const t = f - i;
  return {
    x: a.x + (b.x - a.x) * t,
    y: a.y + (b.y - a.y) * t,
    facing: towards(b.x - a.x, b.y - a.y),
    distance: f,
  };
}

export function placementAt(schedule: Schedule, minute: number): Placement | null {
  if (schedule.length === 0) return null;
  const m = momentAt(schedule, minute);
  const action = m.action;
  const target = getObject(action.object);
  const previous = m.index > 0 ? schedule[m.index - 1] : undefined;
  const from = previous ? getObject(previous.object) : target;
  if (m.walking && from.id !== target.id && action.walkSeconds > 0) {
    const path = findPath(from.use, target.use);
    if (path.length > 1) {
      const fraction = ((minute - action.start) * 60) / action.walkSeconds;
      const p = pointOnPath(path, fraction);
      return { ...p, walking: true, asleep: false, action, sideways: false };
    }
  }
  const asleep = action.kind === 'sleep' || action.kind === 'nap';
  if (asleep) {
    // The head lies on the pillow end: the top of a bed, the left end of a sofa.
    const sideways = target.w > target.h;
    return {
      x: sideways ? target.x - 0.5 + HEAD_INSET_TILES : target.x + (target.w - 1) / 2,
      y: sideways ? target.y + (target.h - 1) / 2 - 0.15 : target.y - 0.5 + HEAD_INSET_TILES,
      facing: 'down',
      walking: false,
      asleep: true,
      distance: 0,
      action,
      sideways,
    };
  }
  return {
    x: target.use.x,
    y: target.use.y,
    facing: facingObject(target),
    walking: false,
    asleep: false,
    distance: 0,
    action,
    sideways: false,
  };
}
