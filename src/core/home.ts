/**
 * The home: a floor plan on a tile grid, its rooms, doors and named objects.
 * Rooms are rectangles of floor; every other tile inside the outer wall is a
 * wall unless it is a door. Objects block their footprint; a person uses an
 * object from its `use` tile, which is always walkable floor.
 */
import type { ActivityKind } from './vocab';

export const TILE_PX = 32;
export const HOME_WIDTH = 34;
export const HOME_HEIGHT = 22;

export const ROOM_IDS = [
  'bedroom',
  'bathroom',
  'study',
  'hallway',
  'living',
  'kitchen',
  'garden',
] as const;
export type RoomId = (typeof ROOM_IDS)[number];

export interface Room {
  id: RoomId;
  name: string;
  /** Inclusive floor rectangle in tiles. */
  x: number;
  y: number;
  w: number;
  h: number;
  outdoor: boolean;
}

export interface Tile {
  x: number;
  y: number;
}

export const ROOMS: readonly Room[] = [
  { id: 'bedroom', name: 'Bedroom', x: 1, y: 1, w: 9, h: 8, outdoor: false },
  { id: 'bathroom', name: 'Bathroom', x: 11, y: 1, w: 6, h: 8, outdoor: false },
  { id: 'study', name: 'Study', x: 18, y: 1, w: 8, h: 8, outdoor: false },
  { id: 'hallway', name: 'Hallway', x: 1, y: 10, w: 25, h: 2, outdoor: false },
  { id: 'living', name: 'Living room', x: 1, y: 13, w: 12, h: 8, outdoor: false },
  { id: 'kitchen', name: 'Kitchen', x: 14, y: 13, w: 12, h: 8, outdoor: false },
  { id: 'garden', name: 'Garden', x: 27, y: 1, w: 6, h: 20, outdoor: true },
];

export const DOORS: readonly Tile[] = [
  { x: 5, y: 9 }, // bedroom - hallway
  { x: 13, y: 9 }, // bathroom - hallway
  { x: 21, y: 9 }, // study - hallway
  { x: 6, y: 12 }, // living - hallway
  { x: 19, y: 12 }, // kitchen - hallway
  { x: 13, y: 17 }, // living - kitchen
  { x: 26, y: 10 }, // hallway - garden (back door)
  { x: 26, y: 18 }, // kitchen - garden
];

export const OBJECT_IDS = [
  'bed',
  'wardrobe',
  'nightstand',
  'bedroom-armchair',
  'toilet',
  'bathroom-sink',
  'shower',
  'bathtub',
  'desk',
  'bookshelf',
  'reading-chair',
  'piano',
  'sofa',
  'tv',
  'coffee-table',
  'record-player',
  'yoga-mat',
  'craft-table',
  'living-plants',
  'stove',
  'fridge',
  'kitchen-sink',
  'dining-table',
  'coffee-machine',
  'washing-machine',
  'kitchen-counter',
  'garden-bed',
  'garden-bench',
  'garden-plants',
  'shed',
  'hall-closet',
] as const;
export type ObjectId = (typeof OBJECT_IDS)[number];

export interface HomeObject {
  id: ObjectId;
  name: string;
  room: RoomId;
  /** Footprint in tiles (blocked for walking unless `walkable`). */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Where a person stands or sits to use it. */
  use: Tile;
  /** Mats and rugs can be walked over. */
  walkable?: boolean;
  /** Activities that naturally happen here (the planner's default places). */
  affords: readonly ActivityKind[];
}

export const OBJECTS: readonly HomeObject[] = [
  // Bedroom: x 1-9, y 1-8
  {
    id: 'bed',
    name: 'bed',
    room: 'bedroom',
    x: 1,
    y: 1,
    w: 3,
    h: 4,
    use: { x: 4, y: 3 },
    affords: ['sleep', 'nap', 'wake-up'],
  },
  {
    id: 'nightstand',
    name: 'nightstand',
    room: 'bedroom',
    x: 4,
    y: 1,
    w: 1,
    h: 1,
    use: { x: 4, y: 2 },
    affords: ['journaling', 'reading'],
  },
  {
    id: 'wardrobe',
    name: 'wardrobe',
    room: 'bedroom',
    x: 7,
    y: 1,
    w: 3,
    h: 1,
    use: { x: 8, y: 2 },
    affords: ['dress', 'tidying', 'laundry'],
  },
  {
    id: 'bedroom-armchair',
    name: 'armchair by the window',
    room: 'bedroom',
    x: 8,
    y: 6,
    w: 2,
    h: 2,
    use: { x: 7, y: 7 },
    affords: ['reading', 'journaling', 'meditation', 'call', 'relax'],
  },
  // Bathroom: x 11-16, y 1-8
  {
    id: 'toilet',
    name: 'toilet',
    room: 'bathroom',
    x: 11,
    y: 1,
    w: 1,
    h: 1,
    use: { x: 11, y: 2 },
    affords: ['toilet'],
  },
  {
    id: 'bathroom-sink',
    name: 'bathroom sink',
    room: 'bathroom',
    x: 13,
    y: 1,
    w: 2,
    h: 1,
    use: { x: 13, y: 2 },
    affords: ['hygiene'],
  },
  {
    id: 'shower',
    name: 'shower',
    room: 'bathroom',
    x: 15,
    y: 1,
    w: 2,
    h: 2,
    use: { x: 15, y: 3 },
    affords: ['shower'],
  },
  {
    id: 'bathtub',
    name: 'bathtub',
    room: 'bathroom',
    x: 11,
    y: 6,
    w: 2,
    h: 3,
    use: { x: 13, y: 7 },
    affords: ['shower', 'relax'],
  },
  // Study: x 18-25, y 1-8
  {
    id: 'desk',
    name: 'desk',
    room: 'study',
    x: 18,
    y: 1,
    w: 3,
    h: 1,
    use: { x: 19, y: 2 },
    affords: ['work', 'study', 'writing', 'journaling', 'games'],
  },
  {
    id: 'bookshelf',
    name: 'bookshelf',
    room: 'study',
    x: 23,
    y: 1,
    w: 3,
    h: 1,
    use: { x: 24, y: 2 },
    affords: ['reading', 'study', 'tidying'],
  },
  {
    id: 'reading-chair',
    name: 'reading chair',
    room: 'study',
    x: 24,
    y: 6,
    w: 2,
    h: 2,
    use: { x: 23, y: 7 },
    affords: ['reading', 'relax', 'call'],
  },
  {
    id: 'piano',
    name: 'piano',
    room: 'study',
    x: 18,
    y: 7,
    w: 2,
    h: 2,
    use: { x: 20, y: 7 },
    affords: ['music', 'hobby'],
  },
  // Living room: x 1-12, y 13-20
  {
    id: 'sofa',
    name: 'sofa',
    room: 'living',
    x: 2,
    y: 19,
    w: 4,
    h: 2,
    use: { x: 4, y: 18 },
    affords: ['tv', 'relax', 'nap', 'call', 'reading', 'games'],
  },
  {
    id: 'tv',
    name: 'TV',
    room: 'living',
    x: 2,
    y: 13,
    w: 4,
    h: 1,
    use: { x: 6, y: 14 },
    affords: ['games'],
  },
  {
    id: 'coffee-table',
    name: 'coffee table',
    room: 'living',
    x: 3,
    y: 16,
    w: 2,
    h: 1,
    use: { x: 5, y: 16 },
    affords: ['games', 'hobby', 'snack'],
  },
  {
    id: 'record-player',
    name: 'record player',
    room: 'living',
    x: 11,
    y: 13,
    w: 2,
    h: 1,
    use: { x: 11, y: 14 },
    affords: ['music', 'relax'],
  },
  {
    id: 'yoga-mat',
    name: 'yoga mat',
    room: 'living',
    x: 8,
    y: 18,
    w: 2,
    h: 3,
    use: { x: 9, y: 19 },
    walkable: true,
    affords: ['yoga', 'exercise', 'meditation'],
  },
  {
    id: 'craft-table',
    name: 'craft table',
    room: 'living',
    x: 11,
    y: 19,
    w: 2,
    h: 2,
    use: { x: 10, y: 17 },
    affords: ['hobby', 'writing'],
  },
  {
    id: 'living-plants',
    name: 'house plants',
    room: 'living',
    x: 1,
    y: 16,
    w: 1,
    h: 2,
    use: { x: 2, y: 17 },
    affords: ['plant-care'],
  },
  // Kitchen: x 14-25, y 13-20
  {
    id: 'stove',
    name: 'stove',
    room: 'kitchen',
    x: 16,
    y: 13,
    w: 2,
    h: 1,
    use: { x: 16, y: 14 },
    affords: ['cooking'],
  },
  {
    id: 'kitchen-counter',
    name: 'kitchen counter',
    room: 'kitchen',
    x: 18,
    y: 13,
    w: 3,
    h: 1,
    use: { x: 19, y: 14 },
    affords: ['cooking', 'snack'],
  },
  {
    id: 'kitchen-sink',
    name: 'kitchen sink',
    room: 'kitchen',
    x: 21,
    y: 13,
    w: 2,
    h: 1,
    use: { x: 21, y: 14 },
    affords: ['dishes'],
  },
  {
    id: 'fridge',
    name: 'fridge',
    room: 'kitchen',
    x: 14,
    y: 13,
    w: 2,
    h: 1,
    use: { x: 14, y: 14 },
    affords: ['snack', 'cooking'],
  },
  {
    id: 'coffee-machine',
    name: 'coffee machine',
    room: 'kitchen',
    x: 23,
    y: 13,
    w: 1,
    h: 1,
    use: { x: 23, y: 14 },
    affords: ['coffee'],
  },
  {
    id: 'washing-machine',
    name: 'washing machine',
    room: 'kitchen',
    x: 25,
    y: 13,
    w: 1,
    h: 2,
    use: { x: 24, y: 14 },
    affords: ['laundry'],
  },
  {
    id: 'dining-table',
    name: 'dining table',
    room: 'kitchen',
    x: 18,
    y: 17,
    w: 4,
    h: 2,
    use: { x: 20, y: 19 },
    affords: ['breakfast', 'lunch', 'dinner', 'snack', 'coffee', 'games', 'call'],
  },
  // Garden: x 27-32, y 1-20
  {
    id: 'garden-bed',
    name: 'vegetable bed',
    room: 'garden',
    x: 29,
    y: 2,
    w: 3,
    h: 4,
    use: { x: 28, y: 4 },
    affords: ['gardening'],
  },
  {
    id: 'garden-plants',
    name: 'flower pots',
    room: 'garden',
    x: 31,
    y: 9,
    w: 2,
    h: 2,
    use: { x: 30, y: 10 },
    affords: ['plant-care', 'gardening'],
  },
  {
    id: 'garden-bench',
    name: 'garden bench',
    room: 'garden',
    x: 29,
    y: 14,
    w: 3,
    h: 1,
    use: { x: 30, y: 15 },
    affords: ['relax', 'reading', 'meditation', 'call', 'coffee'],
  },
  {
    id: 'shed',
    name: 'tool shed',
    room: 'garden',
    x: 30,
    y: 18,
    w: 3,
    h: 3,
    use: { x: 29, y: 19 },
    affords: ['gardening', 'hobby', 'tidying'],
  },
  // Hallway: x 1-25, y 10-11
  {
    id: 'hall-closet',
    name: 'hall closet',
    room: 'hallway',
    x: 1,
    y: 10,
    w: 1,
    h: 2,
    use: { x: 2, y: 11 },
    affords: ['cleaning', 'tidying'],
  },
];

const OBJECT_BY_ID = new Map<ObjectId, HomeObject>(OBJECTS.map((o) => [o.id, o]));
const ROOM_BY_ID = new Map<RoomId, Room>(ROOMS.map((r) => [r.id, r]));

export function getObject(id: ObjectId): HomeObject {
  const found = OBJECT_BY_ID.get(id);
  if (!found) throw new Error(`unknown object "${id}"`);
  return found;
}

export function getRoom(id: RoomId): Room {
  const found = ROOM_BY_ID.get(id);
  if (!found) throw new Error(`unknown room "${id}"`);
  return found;
}

export function isObjectId(value: string): value is ObjectId {
  return OBJECT_BY_ID.has(value as ObjectId);
}

/** Objects where an activity can take place, in the order listed above. */
export function objectsFor(kind: ActivityKind): HomeObject[] {
  return OBJECTS.filter((o) => o.affords.includes(kind));
}

export type TileKind = 'wall' | 'floor' | 'door' | 'grass';

/** The tile grid, row-major: grid[y][x]. Built once from the rooms and doors. */
export function buildTileGrid(): TileKind[][] {
  const grid: TileKind[][] = [];
  for (let y = 0; y < HOME_HEIGHT; y++) {
    grid.push(new Array<TileKind>(HOME_WIDTH).fill('wall'));
  }
  for (const room of ROOMS) {
    for (let y = room.y; y < room.y + room.h; y++) {
      const row = grid[y] as TileKind[];
      for (let x = room.x; x < room.x + room.w; x++) row[x] = room.outdoor ? 'grass' : 'floor';
    }
  }
  for (const door of DOORS) (grid[door.y] as TileKind[])[door.x] = 'door';
  return grid;
}

/** true where a person can stand: floor, grass or a door, not under furniture. */
export function buildWalkableGrid(): boolean[][] {
  const tiles = buildTileGrid();
  const walkable = tiles.map((row) => row.map((t) => t !== 'wall'));
  for (const o of OBJECTS) {
    if (o.walkable) continue;
    for (let y = o.y; y < o.y + o.h; y++) {
      for (let x = o.x; x < o.x + o.w; x++) (walkable[y] as boolean[])[x] = false;
    }
  }
  return walkable;
}

export function roomAt(tile: Tile): RoomId | null {
  for (const r of ROOMS) {
    if (tile.x >= r.x && tile.x < r.x + r.w && tile.y >= r.y && tile.y < r.y + r.h) return r.id;
  }
  return null;
}
