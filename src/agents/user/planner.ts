/**
 * The built-in user agent's planner: turns a persona's routine into a full
 * day of actions. Anchored blocks (meals, work, the daily plan requirements,
 * the morning and evening routines) are placed near their times; the gaps
 * between them are filled with hobbies, chores and rest. Every day varies
 * with the seed, and more for people low in conscientiousness.
 */
import type { ObjectId } from '../../core/home';
import { WEEKEND_WAKE_DELAY_MINUTES, type Persona, type PlannedTask } from '../../core/persona';
import type { DayConditions } from '../../core/receptivity';
import type { Rng } from '../../core/rng';
import { withWalking, type Action } from '../../core/schedule';
import { formatHhmm, MINUTES_PER_DAY, parseHhmm } from '../../core/time';
import type { ActivityKind } from '../../core/vocab';

type Draft = Omit<Action, 'room' | 'walkSeconds'>;

interface Block {
  /** Intended start (minutes); blocks are placed in this order. */
  at: number;
  /** May this block start later than `at` if something runs over? */
  items: PlannedTask[];
}

const task = (
  label: string,
  activity: ActivityKind,
  object: ObjectId,
  minutes: number,
): PlannedTask => ({
  label,
  activity,
  object,
  minutes,
});

/** Round to whole minutes so schedules stay exact across machines. */
const whole = (m: number): number => Math.round(m);

export interface PlanOptions {
  /** The object where the previous day ended (for the first walk). */
  startObject?: ObjectId;
  /** What kind of day it is; an ordinary weekday when absent. */
  conditions?: DayConditions | undefined;
}

/**
 * The routine as it applies today: on weekend days the persona wakes later
 * (its `routine.weekend.wake`, or an hour later) and works only the blocks
 * its `routine.weekend.work` lists (none by default); breakfast moves with
 * the wake time.
 */
export function routineFor(persona: Persona, conditions?: DayConditions): Persona['routine'] {
  const r = persona.routine;
  if (!conditions?.weekend) return r;
  const weekdayWake = parseHhmm(r.wake);
  const wake = r.weekend?.wake
    ? parseHhmm(r.weekend.wake)
    : Math.min(11 * 60, weekdayWake + WEEKEND_WAKE_DELAY_MINUTES);
  const delay = Math.max(0, wake - weekdayWake);
  return {
    ...r,
    wake: formatHhmm(wake),
    breakfast: formatHhmm(parseHhmm(r.breakfast) + delay),
    work: r.weekend?.work ?? [],
  };
}

export function planDay(persona: Persona, rng: Rng, options: PlanOptions = {}): Action[] {
  const conditions = options.conditions;
  const r = routineFor(persona, conditions);
  const tired = conditions?.mood === 'tired';
  const busy = conditions?.mood === 'busy';
  const tidy = persona.bigFive.conscientiousness === 'High';
  const social = persona.bigFive.extraversion === 'High';
  const curious = persona.bigFive.openness === 'High';
  const anxious = persona.bigFive.neuroticism === 'High';
  // How far a day drifts from the routine, in minutes (standard deviation).
  const drift = tidy ? 8 : 30;
  const jitter = (sd: number): number => rng.normal(sd);

  // A tired day starts a little later.
  let wake = whole(parseHhmm(r.wake) + jitter(drift) + (tired ? 20 : 0));
  wake = Math.max(240, Math.min(690, wake));
  let bed = parseHhmm(r.sleep);
  if (bed < 12 * 60) bed += MINUTES_PER_DAY;
  bed = whole(bed + jitter(drift));
  bed = Math.max(wake + 12 * 60, Math.min(MINUTES_PER_DAY + 150, bed));

  const blocks: Block[] = [];
  // Morning routine, straight after waking.
  const morning: PlannedTask[] = [
    task('wake up and stretch in bed', 'wake-up', 'bed', whole(4 + rng.int(0, tidy ? 2 : 12))),
  ];
  morning.push(task('use the toilet', 'toilet', 'toilet', 5));
  if (rng.chance(tidy ? 0.8 : 0.55))
    morning.push(task('take a shower', 'shower', 'shower', rng.int(10, 18)));
  morning.push(task('brush teeth and wash up', 'hygiene', 'bathroom-sink', rng.int(6, 10)));
  morning.push(task('get dressed', 'dress', 'wardrobe', rng.int(5, 10)));
  blocks.push({ at: wake, items: morning });

  const meal = (
    time: string,
    kind: 'breakfast' | 'lunch' | 'dinner',
    cookMinutes: [number, number],
    eatMinutes: [number, number],
  ): void => {
    const at = whole(parseHhmm(time) + jitter(drift * 0.8));
    const cook = rng.int(cookMinutes[0], cookMinutes[1]);
    const items: PlannedTask[] = [];
    if (kind === 'breakfast' && rng.chance(0.6))
      items.push(task('make a coffee', 'coffee', 'coffee-machine', 5));
    items.push(
      task(
        kind === 'breakfast'
          ? 'prepare breakfast'
          : kind === 'lunch'
            ? 'cook lunch'
            : 'cook dinner',
        'cooking',
        kind === 'breakfast' ? 'kitchen-counter' : 'stove',
        cook,
      ),
    );
    items.push(task(`eat ${kind}`, kind, 'dining-table', rng.int(eatMinutes[0], eatMinutes[1])));
    if (kind !== 'breakfast' && (tidy || rng.chance(0.5)))
      items.push(task('wash the dishes', 'dishes', 'kitchen-sink', rng.int(8, 15)));
    blocks.push({ at: Math.max(at - cook, wake + 20), items });
  };
  meal(r.breakfast, 'breakfast', [8, 14], [15, 25]);
  meal(r.lunch, 'lunch', [12, 25], [20, 35]);
  meal(r.dinner, 'dinner', [25, 45], [25, 40]);

  // Work or study blocks, with short breaks every hour and a half or so.
  for (const w of r.work) {
    const start = whole(parseHhmm(w.start) + jitter(tidy ? 5 : 25));
    const end = whole(parseHhmm(w.end) + jitter(tidy ? 5 : 25));
    let cursor = start;
    const items: PlannedTask[] = [];
    while (end - cursor >= 20) {
      const stint = Math.min(end - cursor, rng.int(tidy ? 80 : 45, tidy ? 110 : 90));
      items.push(task(w.label, w.activity, w.object, stint));
      cursor += stint;
      if (end - cursor >= 30) {
        const br = rng.pick([
          task('take a coffee break', 'coffee', 'coffee-machine', rng.int(5, 10)),
          task('grab a snack', 'snack', 'fridge', rng.int(5, 10)),
          task('use the toilet', 'toilet', 'toilet', 5),
          task('stretch for a moment', 'yoga', 'yoga-mat', 5),
        ]);
        items.push(br);
        cursor += br.minutes;
      }
    }
    if (items.length > 0) blocks.push({ at: start, items });
  }

  // The daily plan requirements: at their preferred times, or somewhere free.
  const floating: PlannedTask[] = [];
  for (const req of persona.dailyPlanRequirements) {
    const t: PlannedTask = {
      label: req.label,
      activity: req.activity,
      object: req.object,
      minutes: req.minutes,
    };
    if (req.preferredTime)
      blocks.push({ at: whole(parseHhmm(req.preferredTime) + jitter(drift)), items: [t] });
    else floating.push(t);
  }

  // A busy day: every chore must get done, and errands and paperwork pile on.
  if (busy) {
    for (const c of r.chores) floating.push({ ...c });
    floating.push(task('sort out errands and paperwork', 'work', 'desk', rng.int(40, 60)));
  }
  // A tired day: an afternoon nap.
  if (tired) {
    blocks.push({
      at: whole(14 * 60 + 30 + rng.int(0, 60)),
      items: [task('take a nap', 'nap', 'sofa', rng.int(25, 40))],
    });
  }

  // Evening routine ends at bedtime, with teeth brushed last.
  const evening: PlannedTask[] = r.eveningRoutine.map((t) => ({
    ...t,
    minutes: whole(t.minutes * (0.8 + rng.next() * 0.4)),
  }));
  evening.push(task('brush teeth before bed', 'hygiene', 'bathroom-sink', rng.int(5, 8)));
  const eveningMinutes = evening.reduce((s, t) => s + t.minutes, 0);
  blocks.push({ at: bed - eveningMinutes, items: evening });

  blocks.sort((a, b) => a.at - b.at);

  // Fillers for the gaps between blocks.
  const choresLeft = rng.shuffle(r.chores.map((c) => ({ ...c })));
  const floatingLeft = tidy ? floating : rng.shuffle(floating);
  const leisure: PlannedTask[] = [
    task('relax on the sofa', 'relax', 'sofa', 30),
    task('read a book', 'reading', 'reading-chair', 40),
    task(social ? 'watch a show with friends on a video call' : 'watch TV', 'tv', 'sofa', 45),
  ];
  if (social) leisure.push(task('call a friend', 'call', 'sofa', 25));
  if (anxious) leisure.push(task('sit quietly in the garden', 'relax', 'garden-bench', 20));
  const hobbyWeight = curious ? 3 : 2;

  const pickFiller = (room: number, at: number): PlannedTask => {
    // Floating requirements first, then chores in working hours, then free time.
    const req = floatingLeft.shift();
    if (req) return req;
    const options: { t: PlannedTask; w: number }[] = [];
    for (const h of r.hobbies) options.push({ t: h, w: hobbyWeight });
    for (const l of leisure) options.push({ t: l, w: 1.2 });
    if (choresLeft.length > 0 && at < 19 * 60)
      options.push({ t: choresLeft[0] as PlannedTask, w: tidy ? 3 : 1.2 });
    options.push({ t: task('have a snack', 'snack', 'fridge', 8), w: 0.4 });
    options.push({ t: task('use the toilet', 'toilet', 'toilet', 5), w: 0.5 });
    options.push({ t: task('water the house plants', 'plant-care', 'living-plants', 10), w: 0.2 });
    if (!tidy && at > 13 * 60 && at < 17 * 60)
      options.push({ t: task('take a nap', 'nap', 'sofa', 25), w: 0.5 });
    const chosen = (options[rng.weighted(options.map((o) => o.w))] as { t: PlannedTask }).t;
    if (choresLeft[0] === chosen) choresLeft.shift();
    const length = Math.max(5, Math.min(room, whole(chosen.minutes * (0.7 + rng.next() * 0.6))));
    return { ...chosen, minutes: length };
  };

  const drafts: Draft[] = [];
  let cursor = wake;
  const push = (t: PlannedTask, start: number): void => {
    drafts.push({
      start,
      end: start + t.minutes,
      kind: t.activity,
      label: t.label,
      object: t.object,
    });
  };
  const fill = (until: number): void => {
    while (until - cursor >= 10) {
      const t = pickFiller(until - cursor, cursor);
      const minutes = Math.min(t.minutes, until - cursor);
      push({ ...t, minutes }, cursor);
      cursor += minutes;
    }
    // A sliver left over: the previous action runs a little long.
    const prev = drafts[drafts.length - 1];
    if (prev && until > cursor) {
      prev.end = until;
      cursor = until;
    }
  };
  for (const block of blocks) {
    if (block.at > cursor) fill(Math.min(block.at, bed));
    for (const t of block.items) {
      if (cursor >= bed) break;
      const minutes = Math.min(t.minutes, bed - cursor);
      if (minutes < 3) break;
      push({ ...t, minutes }, cursor);
      cursor += minutes;
    }
  }
  if (cursor < bed) fill(bed);

  // Night: asleep before waking and after bedtime. A bedtime after midnight
  // means the first minutes of this date are the end of last evening.
  const lateMinutes = bed > MINUTES_PER_DAY ? bed - MINUTES_PER_DAY : 0;
  const result: Draft[] = [];
  if (lateMinutes > 0) {
    const lastEvening = evening[Math.max(0, evening.length - 2)] as PlannedTask;
    result.push({
      start: 0,
      end: lateMinutes,
      kind: lastEvening.activity,
      label: lastEvening.label,
      object: lastEvening.object,
    });
  }
  result.push({ start: lateMinutes, end: wake, kind: 'sleep', label: 'sleep', object: 'bed' });
  for (const d of drafts) {
    if (d.start >= MINUTES_PER_DAY) break;
    result.push({ ...d, end: Math.min(d.end, MINUTES_PER_DAY) });
  }
  if (bed < MINUTES_PER_DAY)
    result.push({ start: bed, end: MINUTES_PER_DAY, kind: 'sleep', label: 'sleep', object: 'bed' });

  return withWalking(normalise(result), lateMinutes > 0 ? (result[0] as Draft).object : 'bed');
}

/** Close gaps and overlaps, drop empty actions and merge repeats of the same action. */
function normalise(drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const d of drafts) {
    const prev = out[out.length - 1];
    const start = prev ? prev.end : 0;
    const end = Math.max(d.end, start);
    if (end - start <= 0) continue;
    if (prev && prev.kind === d.kind && prev.object === d.object && prev.label === d.label) {
      prev.end = end;
      continue;
    }
    out.push({ ...d, start, end });
  }
  const last = out[out.length - 1];
  if (last) last.end = MINUTES_PER_DAY;
  return out;
}
