/**
 * A day's schedule: actions with [start, end) times in minutes of the day,
 * covering 00:00 to 24:00 without gaps or overlaps, each at a named object.
 */
import { getObject, type ObjectId, type RoomId } from './home';
import { walkSeconds } from './paths';
import { formatHhmm, MINUTES_PER_DAY, type SimMinutes } from './time';
import type { ActivityKind } from './vocab';

export interface Action {
  start: SimMinutes;
  end: SimMinutes;
  kind: ActivityKind;
  /** Human words for the action, e.g. "water the plants". */
  label: string;
  object: ObjectId;
  room: RoomId;
  /** Simulated seconds spent walking to the object at the start of the action. */
  walkSeconds: number;
}

export type Schedule = readonly Action[];

/** Where the person is at a moment: doing an action, or walking to it. */
export interface Moment {
  action: Action;
  index: number;
  walking: boolean;
}

export function momentAt(schedule: Schedule, minute: SimMinutes): Moment {
  // Binary search: schedules are sorted and contiguous.
  let lo = 0;
  let hi = schedule.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((schedule[mid] as Action).start <= minute) lo = mid;
    else hi = mid - 1;
  }
  const action = schedule[lo] as Action;
  return { action, index: lo, walking: minute < action.start + action.walkSeconds / 60 };
}

/** Fill in rooms and walking times from the sequence of objects. */
export function withWalking(
  actions: readonly Omit<Action, 'room' | 'walkSeconds'>[],
  startObject: ObjectId,
): Action[] {
  let at = startObject;
  return actions.map((a) => {
    const secs = walkSeconds(at, a.object);
    at = a.object;
    // A walk never takes more than half of a short action.
    const capped = Math.min(secs, ((a.end - a.start) * 60) / 2);
    return { ...a, room: getObject(a.object).room, walkSeconds: capped };
  });
}

/** Problems with a schedule, in words; [] when it is sound. */
export function scheduleProblems(schedule: Schedule): string[] {
  const problems: string[] = [];
  if (schedule.length === 0) return ['the schedule is empty'];
  const first = schedule[0] as Action;
  const last = schedule[schedule.length - 1] as Action;
  if (first.start !== 0) problems.push(`the day starts at ${formatHhmm(first.start)}, not 00:00`);
  if (last.end !== MINUTES_PER_DAY)
    problems.push(`the day ends at ${formatHhmm(last.end)}, not 24:00`);
  schedule.forEach((a, i) => {
    if (!(a.end > a.start)) problems.push(`action ${i} (${a.label}) has no length`);
    const next = schedule[i + 1];
    if (next && next.start !== a.end) {
      problems.push(
        `${next.start > a.end ? 'gap' : 'overlap'} between "${a.label}" and "${next.label}" at ${formatHhmm(a.end)}`,
      );
    }
    const obj = getObject(a.object);
    if (obj.room !== a.room)
      problems.push(`action ${i} (${a.label}) is in ${a.room} but ${a.object} is in ${obj.room}`);
  });
  return problems;
}
