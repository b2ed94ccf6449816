/**
 * Repairing a model's day plan: sorted, clipped to the day, gaps filled,
 * overlaps dropped, unknown objects and activities mapped to known ones
 * (synonyms, words in the label, the meal by the hour), sleep added; or the
 * reason it cannot be repaired. Pure: the planner (planner.ts) asks the
 * model and falls back to the built-in planner.
 */
import { OBJECTS, getObject, isObjectId, objectsFor, type HomeObject } from '../../core/home';
import type { Persona } from '../../core/persona';
import { scheduleProblems, withWalking, type Action } from '../../core/schedule';
import { MINUTES_PER_DAY, formatHhmm, parseHhmm } from '../../core/time';
import { ACTIVITY_KINDS, type ActivityKind } from '../../core/vocab';
import type { PlanReply } from './planner';

type Draft = Omit<Action, 'room' | 'walkSeconds'>;

/** Gaps up to this long are closed by extending the previous action. */
const SMALL_GAP = 15;
/** A plan whose gaps (outside the night) add up to more than this is not a plan. */
const MAX_FILLED_MINUTES = 180;
/** At least this many waking actions. */
const MIN_AWAKE_ACTIONS = 4;

const ACTIVITY_SET = new Set<string>(ACTIVITY_KINDS);

/** Words models use for our activities. */
const ACTIVITY_SYNONYMS: Record<string, ActivityKind | 'meal'> = {
  sleeping: 'sleep',
  bedtime: 'sleep',
  night: 'sleep',
  napping: 'nap',
  wake: 'wake-up',
  wakeup: 'wake-up',
  'waking-up': 'wake-up',
  'wake-up-routine': 'wake-up',
  bathroom: 'toilet',
  wash: 'hygiene',
  'brush-teeth': 'hygiene',
  teeth: 'hygiene',
  skincare: 'hygiene',
  grooming: 'hygiene',
  bath: 'shower',
  showering: 'shower',
  dressing: 'dress',
  'get-dressed': 'dress',
  tea: 'coffee',
  cook: 'cooking',
  'meal-prep': 'cooking',
  baking: 'cooking',
  eating: 'meal',
  eat: 'meal',
  meal: 'meal',
  food: 'meal',
  'washing-up': 'dishes',
  'wash-dishes': 'dishes',
  working: 'work',
  job: 'work',
  studying: 'study',
  learning: 'study',
  read: 'reading',
  write: 'writing',
  television: 'tv',
  'watch-tv': 'tv',
  'listen-to-music': 'music',
  piano: 'music',
  workout: 'exercise',
  exercising: 'exercise',
  stretch: 'yoga',
  stretching: 'yoga',
  meditate: 'meditation',
  garden: 'gardening',
  'water-plants': 'plant-care',
  watering: 'plant-care',
  plants: 'plant-care',
  clean: 'cleaning',
  vacuum: 'cleaning',
  tidy: 'tidying',
  crafts: 'hobby',
  crafting: 'hobby',
  knitting: 'hobby',
  play: 'games',
  gaming: 'games',
  phone: 'call',
  'phone-call': 'call',
  journal: 'journaling',
  rest: 'relax',
  relaxing: 'relax',
  break: 'relax',
  'coffee-break': 'coffee',
  snacking: 'snack',
};

const slug = (s: string): string =>
  s
    .toLowerCase()
    .trim()
    .replace(/[_\s]+/g, '-')
    .replace(/[^a-z0-9-]/g, '');

const WORDS: [string, ActivityKind | 'meal'][] = [
  ...ACTIVITY_KINDS.map((k) => [k.replace(/-/g, ' '), k] as [string, ActivityKind]),
  ...Object.entries(ACTIVITY_SYNONYMS).map(
    ([w, k]) => [w.replace(/-/g, ' '), k] as [string, ActivityKind | 'meal'],
  ),
].sort((x, y) => y[0].length - x[0].length);

/** A meal word ("eating", "meal") means the meal of that time of day. */
function mealAt(minute: number): ActivityKind {
  return minute < 11 * 60 ? 'breakfast' : minute < 16 * 60 ? 'lunch' : 'dinner';
}

/** Our activity for a model's words, or null. Exported for the tests. */
export function resolveActivity(
  activity: string,
  label: string,
  object: HomeObject | null,
  minute: number,
): ActivityKind | null {
  const known = (k: ActivityKind | 'meal'): ActivityKind => (k === 'meal' ? mealAt(minute) : k);
  const a = slug(activity);
  if (ACTIVITY_SET.has(a)) return a as ActivityKind;
  const syn = ACTIVITY_SYNONYMS[a];
  if (syn) return known(syn);
  // A known word inside the activity or the label, longest first.
  const text = ` ${slug(`${activity} ${label}`).replace(/-/g, ' ')} `;
  for (const [w, k] of WORDS) if (text.includes(` ${w} `)) return known(k);
  if (object) return object.affords[0] ?? null;
  return null;
}

/** A home object for the model's words, or null. Exported for the tests. */
export function resolveObject(object: string): HomeObject | null {
  const id = slug(object);
  if (isObjectId(id)) return getObject(id);
  if (id === '') return null;
  const words = id.replace(/-/g, ' ');
  const byName = OBJECTS.find(
    (o) => o.name.toLowerCase() === words || o.id.replace(/-/g, ' ') === words,
  );
  if (byName) return byName;
  // "the kitchen stove" → stove; longest id first so "kitchen-sink" beats "sink".
  const sorted = [...OBJECTS].sort((a, b) => b.id.length - a.id.length);
  return (
    sorted.find((o) => words.includes(o.id.replace(/-/g, ' '))) ??
    sorted.find((o) => words.includes(o.name.toLowerCase())) ??
    null
  );
}

/** "07:30", "7:30", "7:30 pm", "24:00", 450 → minutes; null when unreadable. */
export function parseTime(value: string | number): number | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 && value <= MINUTES_PER_DAY
      ? Math.round(value)
      : null;
  }
  const m = /^\s*(\d{1,2})(?::|\.|h)?(\d{2})?(?::\d{2})?\s*([ap]\.?m\.?)?\s*$/i.exec(value);
  if (!m) return null;
  let h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  const ampm = m[3]?.toLowerCase().replace(/\./g, '');
  if (ampm) {
    if (h < 1 || h > 12) return null;
    if (ampm === 'pm' && h !== 12) h += 12;
    if (ampm === 'am' && h === 12) h = 0;
  }
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

interface NightWindow {
  wake: number;
  /** Bedtime in minutes; above 1440 when after midnight. */
  bed: number;
}

function nightOf(persona: Persona): NightWindow {
  const wake = parseHhmm(persona.routine.wake);
  let bed = parseHhmm(persona.routine.sleep);
  if (bed < 12 * 60) bed += MINUTES_PER_DAY;
  return { wake, bed };
}

function isNight(night: NightWindow, minute: number): boolean {
  if (night.bed > MINUTES_PER_DAY)
    return minute >= night.bed - MINUTES_PER_DAY && minute < night.wake;
  return minute < night.wake || minute >= night.bed;
}

/** The night as intervals of this date. */
function nightIntervals(night: NightWindow): [number, number][] {
  if (night.bed > MINUTES_PER_DAY) return [[night.bed - MINUTES_PER_DAY, night.wake]];
  return [
    [0, night.wake],
    [night.bed, MINUTES_PER_DAY],
  ];
}

const REST_OBJECT_BY_ROOM = new Map(
  OBJECTS.filter((o) => o.affords.includes('relax')).map((o) => [o.room, o.id] as const),
);

export interface RepairOutcome {
  /** Null when the plan cannot be repaired. */
  schedule: Action[] | null;
  /** What was repaired, or why it could not be. */
  problems: string[];
}

/**
 * Turn a model's plan into a sound schedule, or say why it cannot be one.
 * Pure: the same reply gives the same schedule.
 */
export function repairPlan(persona: Persona, reply: PlanReply): RepairOutcome {
  const problems: string[] = [];
  const note = (s: string): void => {
    if (problems.length < 40) problems.push(s);
  };
  const night = nightOf(persona);
  let drafts: Draft[] = [];

  reply.actions.forEach((raw, i) => {
    const name = `action ${i + 1}${raw.label ? ` ("${raw.label}")` : ''}`;
    const start = parseTime(raw.start);
    const end = parseTime(raw.end);
    if (start === null || end === null) {
      note(`${name}: unreadable time "${String(start === null ? raw.start : raw.end)}"; dropped`);
      return;
    }
    const named = resolveObject(raw.object);
    const kind = resolveActivity(raw.activity, raw.label, named, start);
    if (!kind) {
      note(`${name}: unknown activity "${raw.activity}"; dropped`);
      return;
    }
    if (kind !== slug(raw.activity)) note(`${name}: activity "${raw.activity}" read as "${kind}"`);
    let object: HomeObject | null = named && named.affords.includes(kind) ? named : null;
    if (!object) {
      const options = objectsFor(kind);
      object = (named && options.find((o) => o.room === named.room)) || options[0] || null;
      if (!object) {
        note(`${name}: no object in the home is for "${kind}"; dropped`);
        return;
      }
      note(
        named
          ? `${name}: "${named.id}" is not for ${kind}; moved to "${object.id}"`
          : `${name}: unknown object "${raw.object}"; placed at "${object.id}"`,
      );
    } else if (object.id !== slug(raw.object)) {
      note(`${name}: object "${raw.object}" read as "${object.id}"`);
    }
    const label = (raw.label.trim() || kind.replace(/-/g, ' ')).slice(0, 80);
    const base = { kind, label, object: object.id };
    if (end > start) {
      drafts.push({ ...base, start, end });
    } else if (end < start && start >= 18 * 60 && end <= 12 * 60) {
      // Over midnight: the evening part belongs to today, the morning part too (same routine).
      drafts.push({ ...base, start, end: MINUTES_PER_DAY });
      if (end > 0) drafts.push({ ...base, start: 0, end });
    } else {
      note(`${name}: ends (${formatHhmm(end)}) before it starts (${formatHhmm(start)}); dropped`);
    }
  });

  // Sleep: a plan without any gets the routine's night.
  if (!drafts.some((d) => d.kind === 'sleep')) {
    note('no sleep in the plan; added the night from the routine');
    for (const [from, to] of nightIntervals(night)) {
      if (to <= from) continue;
      const kept: Draft[] = [];
      for (const d of drafts) {
        if (d.end <= from || d.start >= to) kept.push(d);
        else {
          if (d.start < from) kept.push({ ...d, end: from });
          if (d.end > to) kept.push({ ...d, start: to });
        }
      }
      kept.push({ start: from, end: to, kind: 'sleep', label: 'sleep', object: 'bed' });
      drafts = kept;
    }
  }

  // Sort (longer first on a tie, so a nested action is the one dropped), then drop overlaps.
  const order = drafts.map((d, i) => ({ d, i }));
  order.sort((a, b) => a.d.start - b.d.start || b.d.end - a.d.end || a.i - b.i);
  if (order.some((o, k) => o.i !== k)) note('actions were out of order; sorted');
  const sorted: Draft[] = [];
  for (const { d } of order) {
    const prev = sorted[sorted.length - 1];
    if (prev && d.start < prev.end) {
      if (d.end <= prev.end) {
        note(`"${d.label}" (${formatHhmm(d.start)}) overlaps "${prev.label}"; dropped`);
        continue;
      }
      note(`"${d.label}" overlapped "${prev.label}"; now starts at ${formatHhmm(prev.end)}`);
      sorted.push({ ...d, start: prev.end });
      continue;
    }
    sorted.push({ ...d });
  }

  // Gaps: short ones extend the previous action; long ones are sleep at night, rest by day.
  const out: Draft[] = [];
  let filled = 0;
  const fillGap = (from: number, to: number): void => {
    const prev = out[out.length - 1];
    const length = to - from;
    if (prev && length <= SMALL_GAP) {
      prev.end = to;
      return;
    }
    const nightShare = [...Array(length).keys()].filter((k) => isNight(night, from + k)).length;
    if (nightShare * 2 >= length) {
      if (prev && prev.kind === 'sleep') prev.end = to;
      else out.push({ start: from, end: to, kind: 'sleep', label: 'sleep', object: 'bed' });
      note(`no plan ${formatHhmm(from)}–${formatHhmm(to)}; filled with sleep`);
      return;
    }
    const room = prev ? getObject(prev.object).room : 'living';
    const object = REST_OBJECT_BY_ROOM.get(room) ?? 'sofa';
    out.push({ start: from, end: to, kind: 'relax', label: 'rest', object });
    filled += length;
    note(`no plan ${formatHhmm(from)}–${formatHhmm(to)}; filled with rest`);
  };
  let cursor = 0;
  for (const d of sorted) {
    if (d.start > cursor) fillGap(cursor, d.start);
    const prev = out[out.length - 1];
    if (prev && prev.kind === d.kind && prev.object === d.object && prev.label === d.label) {
      prev.end = d.end;
    } else out.push(d);
    cursor = d.end;
  }
  if (cursor < MINUTES_PER_DAY) fillGap(cursor, MINUTES_PER_DAY);

  const awake = out.filter((d) => d.kind !== 'sleep' && d.kind !== 'nap').length;
  const failures: string[] = [];
  if (awake < MIN_AWAKE_ACTIONS)
    failures.push(`only ${awake} waking action${awake === 1 ? '' : 's'} could be used`);
  if (filled > MAX_FILLED_MINUTES)
    failures.push(
      `${filled} minutes of the waking day had no plan (at most ${MAX_FILLED_MINUTES})`,
    );
  if (failures.length) return { schedule: null, problems: [...failures, ...problems] };

  const schedule = withWalking(out, (out[0] as Draft).object);
  const unsound = scheduleProblems(schedule);
  if (unsound.length) return { schedule: null, problems: [...unsound, ...problems] };
  return { schedule, problems };
}

// ---------------------------------------------------------------- planner
