/**
 * Prompt text shared by the LLM roles: the persona's profile in prose, the
 * home's rooms and objects, and the judge's memory of today. Only the
 * persona and judge roles read these; the assistant never sees a persona.
 */
import { OBJECTS, ROOMS } from '../../core/home';
import type { JudgeMemory } from '../../core/judgeMemory';
import type { Persona } from '../../core/persona';
import { describeDay, type DayConditions } from '../../core/receptivity';
import { routineFor } from '../user/planner';
import { formatHhmm } from '../../core/time';
import { BIG_FIVE_TRAITS } from '../../core/vocab';

/** Who the person is (no rubric): the judge's and the planner's view of the persona. */
export function personaProfile(p: Persona): string {
  const traits = BIG_FIVE_TRAITS.map((t) => `${t} ${p.bigFive[t]}`).join(', ');
  return [
    `Name: ${p.name} (${p.pronouns}), ${p.age} years old.`,
    `Personality (Big Five): ${traits}.`,
    `Background: ${p.background}`,
    `Interests: ${p.interests.join('; ')}.`,
    `Lifestyle:\n${p.lifestyle.map((l) => `- ${l}`).join('\n')}`,
    `Long-term goal: ${p.longTermGoal}`,
  ].join('\n');
}

/** The persona's routine and the tasks of the day, for the planner. */
/** What kind of day it is, for a model planning or judging it: "Today is a tired Saturday." */
export function dayText(conditions: DayConditions | undefined): string {
  if (!conditions) return '';
  const kind = describeDay(conditions);
  const notes: string[] = [];
  if (conditions.weekend) notes.push('a weekend day: the weekend routine applies');
  if (conditions.mood === 'tired') notes.push('the person is tired: a slower start and a nap');
  if (conditions.mood === 'busy') notes.push('a busy day: every chore plus errands and paperwork');
  return `Today is ${kind}${notes.length ? ` (${notes.join('; ')})` : ''}.`;
}

export function routineText(p: Persona, conditions?: DayConditions): string {
  const r = routineFor(p, conditions);
  const task = (t: { label: string; minutes: number; activity: string; object: string }) =>
    `${t.label} (${t.minutes} min; activity "${t.activity}" at "${t.object}")`;
  const lines = [
    `Wakes at ${r.wake}; goes to bed at ${r.sleep}.`,
    `Meals: breakfast ${r.breakfast}, lunch ${r.lunch}, dinner ${r.dinner}.`,
  ];
  if (r.work.length) {
    lines.push(
      `Work/study: ${r.work
        .map((w) => `${w.label} ${w.start}–${w.end} (activity "${w.activity}" at "${w.object}")`)
        .join('; ')}.`,
    );
  } else lines.push('No fixed work hours.');
  lines.push(
    `Daily plan requirements (do each today):\n${p.dailyPlanRequirements
      .map((t) => `- ${task(t)}${t.preferredTime ? `, preferably around ${t.preferredTime}` : ''}`)
      .join('\n')}`,
  );
  lines.push(`Hobbies: ${r.hobbies.map(task).join('; ')}.`);
  lines.push(`Chores: ${r.chores.map(task).join('; ')}.`);
  lines.push(`Evening routine before bed: ${r.eveningRoutine.map(task).join('; ')}.`);
  return lines.join('\n');
}

/** Rooms, their objects and what each object is for. */
export function homeText(): string {
  return ROOMS.map((room) => {
    const objs = OBJECTS.filter((o) => o.room === room.id);
    if (objs.length === 0) return `${room.name}: (nothing to use)`;
    return `${room.name}: ${objs.map((o) => `${o.id} (${o.affords.join(', ')})`).join('; ')}`;
  }).join('\n');
}

const hourLabel = (h: number): string => `${String(h).padStart(2, '0')}:00`;

/**
 * The judge's memory of today in words: recommendations in each hour so far
 * (runs of empty hours merged), per 4-hour block, the last one, and the
 * latest four interactions.
 */
export function judgeMemoryText(memory: JudgeMemory, minute: number): string {
  const nowHour = Math.min(23, Math.floor(minute / 60));
  const lines: string[] = [`It is now ${formatHhmm(minute)} on day ${memory.day}.`];
  const hours: string[] = [];
  let zeroFrom: number | null = null;
  const flush = (to: number): void => {
    if (zeroFrom === null) return;
    hours.push(`${hourLabel(zeroFrom)}–${to > nowHour ? 'now' : hourLabel(to)}: 0`);
    zeroFrom = null;
  };
  for (let h = 0; h <= nowHour; h++) {
    const n = memory.hourly[h] ?? 0;
    if (n === 0) {
      if (zeroFrom === null) zeroFrom = h;
      continue;
    }
    flush(h);
    hours.push(`${hourLabel(h)}–${h === nowHour ? 'now' : hourLabel(h + 1)}: ${n}`);
  }
  flush(nowHour + 1);
  lines.push(`Recommendations per hour today: ${hours.join('; ')}.`);
  const blocks: string[] = [];
  for (let b = 0; b <= Math.floor(nowHour / 4); b++) {
    let n = 0;
    for (let h = b * 4; h < b * 4 + 4 && h <= nowHour; h++) n += memory.hourly[h] ?? 0;
    const end = b * 4 + 4 > nowHour ? 'now' : hourLabel(b * 4 + 4);
    blocks.push(`${hourLabel(b * 4)}–${end}: ${n}`);
  }
  lines.push(`Per 4-hour block: ${blocks.join('; ')}.`);
  const total = memory.recMinutes.length;
  const last = memory.recMinutes[total - 1];
  lines.push(
    total === 0
      ? 'No recommendations so far today.'
      : `${total} recommendation${total === 1 ? '' : 's'} so far today; the last at ${formatHhmm(last as number)} (${Math.round(minute - (last as number))} min ago).`,
  );
  if (memory.recent.length) {
    lines.push('Latest interactions:');
    for (const i of memory.recent) {
      lines.push(
        `- ${formatHhmm(i.minute)} while "${i.actionLabel}": ${i.recommended ? `"${i.text}"` : 'No Recommendation'}`,
      );
    }
  } else lines.push('No interactions yet today.');
  return lines.join('\n');
}
