/**
 * Path-finding between objects of the home with the `pathfinding` library's
 * A*, four-way moves (people do not cut corners through door frames). Paths
 * between object use-tiles are computed once and cached: the home never
 * changes during a run.
 */
import PF from 'pathfinding';
import { buildWalkableGrid, getObject, type ObjectId, type Tile } from './home';

/** A tile is about 0.6 m; people potter at home at ~0.75 m/s, so ~0.8 s a tile. */
export const WALK_SECONDS_PER_TILE = 0.8;
/** Getting up, putting things down, opening doors: a fixed cost per walk. */
export const WALK_OVERHEAD_SECONDS = 12;

const walkable = buildWalkableGrid();
const baseGrid = new PF.Grid(walkable.map((row) => row.map((ok) => (ok ? 0 : 1))));
const finder = new PF.AStarFinder({ diagonalMovement: PF.DiagonalMovement.Never });
const cache = new Map<string, Tile[]>();

/** Tiles from one tile to another, both ends included; [] when unreachable. */
export function findPath(from: Tile, to: Tile): Tile[] {
  const key = `${from.x},${from.y}>${to.x},${to.y}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const raw = finder.findPath(from.x, from.y, to.x, to.y, baseGrid.clone());
  const path = raw.map(([x, y]) => ({ x: x as number, y: y as number }));
  cache.set(key, path);
  return path;
}

export function pathBetweenObjects(from: ObjectId, to: ObjectId): Tile[] {
  return findPath(getObject(from).use, getObject(to).use);
}

/** Simulated seconds to walk from one object to another (0 when already there). */
export function walkSeconds(from: ObjectId, to: ObjectId): number {
  if (from === to) return 0;
  const path = pathBetweenObjects(from, to);
  if (path.length === 0) throw new Error(`no path from ${from} to ${to}`);
  return WALK_OVERHEAD_SECONDS + (path.length - 1) * WALK_SECONDS_PER_TILE;
}
