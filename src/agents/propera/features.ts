/**
 * What the built-in assistant can observe at a step, as features of its
 * policy. Only what an assistant in the home could know: the clock, the
 * calendar, the action it sees, and — by memory level — how long the action
 * has been going on and what it said before. Never the persona or its rubric
 * (a test checks the saved state).
 *
 *   always   bias, hour, weekday, activity seen
 *   A+       minutes into the action as first seen (the first step is a
 *            transition), activity × minutes in
 *   AS+      my suggestions: minutes since the last, counts in the last
 *            hour / 3 hours / today, whether I spoke during this action,
 *            crosses with the time of day and the activity; the age of my
 *            recent topics and items (for variety)
 *   ASC+     the share of well / badly scored retrieved records
 *   ASCR+    the share of retrieved records whose reasons say "too often",
 *            "bad moment", or "missed"
 */
import { weekdayOf, WEEKDAYS } from '../../core/receptivity';
import { TOPICS, type Topic } from '../../core/vocab';
import { atLeast, type MemoryLevel, type MemoryRecord } from './memory';
import { itemsForSeen, kindIndex, SEEN_KINDS, type Features, type SeenKind } from './policy';

/** Sizes of the one-hot groups, in order; offsets are computed, so the vocabulary can grow. */
const K = SEEN_KINDS.length;
const INTO_EDGES = [2.5, 5, 15, 30] as const; // first step seen / <5 / <15 / <30 / 30+ minutes
const SINCE_EDGES = [10, 20, 40, 60, 120, 240] as const; // 7 buckets + "none today"
const INTO = INTO_EDGES.length + 1;
const SINCE = SINCE_EDGES.length + 2;

const GROUPS = [
  ['bias', 1],
  ['hour', 24],
  ['weekday', 7],
  ['kind', K],
  ['into', INTO],
  ['kindInto', K * INTO],
  ['since', SINCE],
  ['last60', 4],
  ['last180', 5],
  ['today', 5],
  ['inAction', 2],
  ['blockSince', 6 * SINCE],
  ['kindSpoken', K * 2],
] as const;
type Group = (typeof GROUPS)[number][0];

const OFFSET = {} as Record<Group, number>;
let total = 0;
for (const [name, size] of GROUPS) {
  OFFSET[name] = total;
  total += size;
}
export const SPARSE_SIZE = total;
export const DENSE_SIZE = 6;

export const bucket = (v: number, edges: readonly number[]): number => {
  let i = 0;
  while (i < edges.length && v >= (edges[i] as number)) i++;
  return i;
};

/** One of my own suggestions, as AS memory and up remembers it. */
export interface MySuggestion {
  day: number;
  minute: number;
  topic: Topic;
  /** Catalogue id (or text). */
  key: string;
}

/** Counters kept from what the assistant saw and said, for the features. */
export interface Tracker {
  day: number;
  /** Minutes of today at which I spoke. */
  recMinutes: number[];
  /** The action text as last seen, when it was first seen, and my suggestions during it. */
  action: string;
  actionStart: number;
  actionRecs: number;
  /** My suggestions of the last few days (AS and up), oldest first. */
  mine: MySuggestion[];
}

export function newTracker(day: number, mine: MySuggestion[] = []): Tracker {
  return { day, recMinutes: [], action: '', actionStart: 0, actionRecs: 0, mine };
}

/** How many days of my own suggestions the tracker keeps (for the item-age features). */
export const MINE_DAYS = 3;

/** Age buckets of my own suggestions: topics (< 1 h, 1–3 h, 3–6 h today) and items (today, yesterday, 2 days ago). */
const itemIndexCache = new Map<SeenKind, Map<string, number>>();

/** Each item's index in itemsForSeen(kind), by id and by text (the keys of MySuggestion). */
function itemIndexFor(kind: SeenKind): Map<string, number> {
  let index = itemIndexCache.get(kind);
  if (!index) {
    index = new Map();
    const items = itemsForSeen(kind);
    // Ids first, so an id wins over another item's identical text; the first item wins a tie.
    for (let j = items.length - 1; j >= 0; j--) index.set(items[j]!.text, j);
    for (let j = items.length - 1; j >= 0; j--) index.set(items[j]!.id, j);
    itemIndexCache.set(kind, index);
  }
  return index;
}

function ageFeatures(
  kind: SeenKind,
  t: Tracker,
  day: number,
  minute: number,
): Pick<Features, 'topicAge' | 'itemAge'> {
  const topicAge: [number, number][] = [];
  const itemAge: [number, number][] = [];
  const itemIndex = itemIndexFor(kind);
  const seenTopic = new Set<Topic>();
  const seenItem = new Set<string>();
  for (let i = t.mine.length - 1; i >= 0; i--) {
    const s = t.mine[i] as MySuggestion;
    if (s.day === day && !seenTopic.has(s.topic)) {
      const age = minute - s.minute;
      if (age < 360) {
        seenTopic.add(s.topic);
        topicAge.push([TOPICS.indexOf(s.topic), bucket(age, [60, 180])]);
      }
    }
    if (!seenItem.has(s.key) && day - s.day < MINE_DAYS) {
      seenItem.add(s.key);
      const j = itemIndex.get(s.key);
      if (j !== undefined) itemAge.push([j, day - s.day]);
    }
  }
  return { topicAge, itemAge };
}

export function buildFeatures(
  level: MemoryLevel,
  t: Tracker,
  obs: { day: number; minute: number; actionText: string },
  kind: SeenKind,
  retrieved: readonly MemoryRecord[] | null,
): Features {
  const k = kindIndex(kind);
  const sparse = [
    OFFSET.bias,
    OFFSET.hour + Math.min(23, Math.floor(obs.minute / 60)),
    OFFSET.weekday + WEEKDAYS.indexOf(weekdayOf(obs.day)),
    OFFSET.kind + k,
  ];
  const dense = new Array<number>(DENSE_SIZE).fill(0);
  let ages: Pick<Features, 'topicAge' | 'itemAge'> = {};
  if (level !== 'none') {
    const into = t.action === obs.actionText ? obs.minute - t.actionStart : 0;
    const b = bucket(into, INTO_EDGES);
    sparse.push(OFFSET.into + b, OFFSET.kindInto + k * INTO + b);
  }
  if (atLeast(level, 'AS')) {
    const last = t.recMinutes[t.recMinutes.length - 1];
    const since = last === undefined ? -1 : obs.minute - last;
    const sinceBucket = since < 0 ? SINCE - 1 : bucket(since, SINCE_EDGES);
    const within = (w: number) => t.recMinutes.filter((m) => m > obs.minute - w).length;
    const spoken = t.action === obs.actionText && t.actionRecs > 0 ? 1 : 0;
    sparse.push(
      OFFSET.since + sinceBucket,
      OFFSET.last60 + Math.min(3, within(60)),
      OFFSET.last180 + Math.min(4, within(180)),
      OFFSET.today + bucket(t.recMinutes.length, [1, 3, 6, 11]),
      OFFSET.inAction + spoken,
      OFFSET.blockSince + Math.floor(obs.minute / 240) * SINCE + sinceBucket,
      OFFSET.kindSpoken + k * 2 + spoken,
    );
    ages = ageFeatures(kind, t, obs.day, obs.minute);
  }
  if (retrieved && atLeast(level, 'ASC')) {
    const n = retrieved.length || 1;
    const share = (test: (r: MemoryRecord) => boolean) => retrieved.filter(test).length / n;
    dense[0] = share((r) => !!r.suggestion && (r.score ?? 0) >= 3);
    dense[1] = share((r) => !!r.suggestion && (r.score ?? 4) <= 2);
    dense[2] = share((r) => !r.suggestion && (r.score ?? 4) <= 3);
    if (atLeast(level, 'ASCR')) {
      const says = (re: RegExp) => share((r) => (r.reasons ?? []).some((s) => re.test(s)));
      // Read the judge's words as a person would: too often, a bad moment, a missed one.
      dense[3] = says(/at most|since the last one|already, after|heard exactly this/i);
      dense[4] = says(/free of suggestions|don't want suggestions|deep in it/i);
      dense[5] = says(/No suggestion for|still no|heard nothing|in silence/i);
    }
  }
  return { sparse, dense, kind, ...ages };
}
