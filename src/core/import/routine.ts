/**
 * The routine from the background, lifestyle and daily plan: wake and bed
 * times (chrono-node reads the clock times after our cue words), meals, work
 * blocks at home, daily tasks, hobbies, chores and the evening routine. What
 * the words do not give is filled with a stated default.
 */
import type { Persona, PlannedTask } from '../persona';
import type { ActivityKind } from '../vocab';
import type { EvidenceLog } from './evidence';
import { EVENING_OBJECT } from './lexicon';
import { matchTask } from './match';
import { parseDuration } from './numbers';
import { norm } from './text';
import { clockTimes, hhmm, timeAfter, type Day } from './times';

const round5 = (m: number): number => Math.round(m / 5) * 5;
const short = (s: string, max = 50): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export interface RoutineResult {
  day: Day;
  routine: Persona['routine'];
  dailyPlanRequirements: Persona['dailyPlanRequirements'];
}

const WAKE_CUE =
  /\b(?:wakes?|waking|woke|gets? up|getting up|rises?|rising|up|alarm(?: goes off)?|starts? (?:the|her|his|their|my) day)(?:\s+up)?\s+(?:at|around|by|before|about)(?:\s+about|\s+around)?\b/;
const BED_CUE =
  /\b(?:goes to bed|go to bed|going to bed|in bed|bed|bedtime(?: is)?|sleeps?|asleep|turns? in|turning in|lights out|retires?)\s+(?:is\s+)?(?:at|around|by|before|about|no later than)(?:\s+about|\s+around)?\b/;

export function deriveRoutine(
  input: { background: string; lifestyle: string[]; planReqs: string[]; interests: string[] },
  log: EvidenceLog,
): RoutineResult {
  const { background, lifestyle, planReqs, interests } = input;
  const lifeText = norm(lifestyle.join('. '));
  const allText = norm([background, ...lifestyle].join('. '));

  // Wake and bed.
  let wake = 7 * 60;
  const wakeHit = timeAfter(lifeText, WAKE_CUE, 'morning');
  if (wakeHit && wakeHit.at >= 240 && wakeHit.at <= 660) {
    wake = wakeHit.at;
    log.derived('routine.wake', hhmm(wake), 'lifestyle', wakeHit.words);
  } else if (/\bearly (?:riser|bird)\b/.test(allText)) {
    wake = 6 * 60;
    log.derived('routine.wake', '06:00', 'lifestyle', 'early riser');
  } else if (/\b(?:night owl|late riser)\b/.test(allText)) {
    wake = 9 * 60;
    log.derived('routine.wake', '09:00', 'lifestyle', 'night owl / late riser');
  } else {
    log.defaulted(
      'routine.wake',
      '07:00',
      'lifestyle',
      wakeHit ? `"${wakeHit.words}" is outside 04:00–11:00` : 'no wake time stated',
    );
  }
  let sleep: number;
  const bedHit = timeAfter(lifeText, BED_CUE, 'night');
  const bedExt = bedHit === null ? null : bedHit.at < 12 * 60 ? bedHit.at + 1440 : bedHit.at;
  if (bedExt !== null && bedExt >= 20 * 60 && bedExt < 26 * 60) {
    sleep = bedExt;
    log.derived('routine.sleep', hhmm(sleep), 'lifestyle', bedHit?.words ?? null);
  } else {
    sleep = Math.min(Math.max(wake + 16 * 60, 20 * 60), 25 * 60 + 30);
    log.defaulted(
      'routine.sleep',
      hhmm(sleep),
      'lifestyle',
      `${bedHit ? `"${bedHit.words}" is outside 20:00–01:59` : 'no bedtime stated'}; 16 hours after waking`,
    );
  }

  // Meals.
  const mealAt = (word: string): { at: number; words: string } | null =>
    timeAfter(lifeText, new RegExp(String.raw`\b${word}\s+(?:at|around|by|about)\b`), 'day');
  const b = mealAt('breakfast');
  const l = mealAt('lunch');
  const dn = mealAt('(?:dinner|supper)');
  const breakfast = b?.at ?? round5(wake + 45);
  const lunch = l?.at ?? Math.max(750, breakfast + 180);
  const dinner = dn?.at ?? Math.max(1110, lunch + 300);
  for (const [field, hit, value, why] of [
    ['routine.breakfast', b, breakfast, '45 min after waking'],
    ['routine.lunch', l, lunch, 'the usual time'],
    ['routine.dinner', dn, dinner, 'the usual time'],
  ] as const) {
    if (hit) log.derived(field, hhmm(value), 'lifestyle', hit.words);
    else log.defaulted(field, hhmm(value), 'lifestyle', `not stated; ${why}`);
  }

  // Work blocks at home.
  const bg = norm(background);
  const homeWork =
    /\b(?:works?|working) (?:remotely )?from home\b|\bworks remotely\b|\bremote (?:worker|job|work|employee)\b|\bhome office\b|\bhome[- ]based\b|\bfreelanc\w*|\bself-employed\b|\bfrom (?:her|his|their|my) (?:home )?studio\b/.test(
      allText,
    ) ||
    /\bstud(?:y|ies|ying) (?:from|at) home\b|\bonline (?:classes|courses|degree)\b/.test(allText);
  const work: Persona['routine']['work'] = [];
  let workEnd = 17 * 60;
  if (homeWork) {
    const kind: 'work' | 'study' | 'writing' =
      /\b(?:writer|novelist|author|journalist|copywriter|blogger|translator)\b/.test(bg)
        ? 'writing'
        : /\bstudent\b|\bstud(?:y|ies|ying)\b/.test(bg)
          ? 'study'
          : 'work';
    const label =
      kind === 'work'
        ? 'work at the desk'
        : kind === 'study'
          ? 'study at the desk'
          : 'write at the desk';
    const s = timeAfter(
      lifeText,
      /\b(?:at (?:his|her|their|my|the) desk|starts? work(?:ing)?|logs? on|work starts?|begins? work(?:ing)?)\s+(?:by|at|around)\b/,
      'morning',
    );
    const e = timeAfter(
      lifeText,
      /\b(?:finish(?:es)? work(?:ing)?|logs? off|stops? work(?:ing)?|work ends?|wraps? up work)\s+(?:by|at|around)\b/,
      'day',
    );
    const start = s?.at ?? Math.max(9 * 60, Math.ceil((breakfast + 40) / 15) * 15);
    workEnd = e && e.at > lunch + 60 ? e.at : 17 * 60 + 30;
    if (lunch - 15 - start >= 30)
      work.push({
        label,
        activity: kind,
        object: 'desk',
        start: hhmm(start),
        end: hhmm(lunch - 15),
      });
    if (workEnd - (lunch + 60) >= 30)
      work.push({
        label,
        activity: kind,
        object: 'desk',
        start: hhmm(lunch + 60),
        end: hhmm(workEnd),
      });
    const blocks = work.map((w) => `${w.start}–${w.end}`).join(' and ');
    if (s && e)
      log.derived(
        'routine.work',
        blocks,
        'lifestyle',
        `${s.words}; ${e.words}`,
        `works at home (${kind})`,
      );
    else
      log.defaulted(
        'routine.work',
        blocks,
        'background',
        `works at home (${kind}); hours not fully stated${s ? ' (start from lifestyle)' : ''}`,
      );
  } else {
    log.defaulted(
      'routine.work',
      '(none)',
      'background',
      'the background does not say they work from home',
    );
  }

  const day: Day = { W: wake, S: sleep, B: breakfast, L: lunch, D: dinner, workEnd };

  // Daily plan requirements.
  const dailyPlanRequirements: Persona['dailyPlanRequirements'] = planReqs.map((req, i) => {
    const t = norm(req);
    const hit = matchTask(t);
    const task = hit ?? {
      activity: 'tidying' as const,
      object: 'hall-closet' as const,
      minutes: 20,
    };
    const dur = parseDuration(t);
    const minutes = Math.min(240, Math.max(5, Math.round(dur ?? task.minutes)));
    const label = req.replace(/[.\s]+$/, '');
    const out: Persona['dailyPlanRequirements'][number] = {
      label,
      activity: task.activity,
      object: task.object,
      minutes,
    };
    const at = clockTimes(t).find((h) => h.certain || /[:.]/.test(h.text));
    if (at) out.preferredTime = hhmm(at.at);
    else if (/\b(?:in the|every|each) morning\b/.test(t))
      out.preferredTime = hhmm(Math.max(wake + 60, 540));
    else if (/\b(?:in the|every|each) afternoon\b/.test(t)) out.preferredTime = '15:00';
    else if (/\b(?:in the|every|each) evening\b/.test(t)) out.preferredTime = '19:30';
    const field = `dailyPlanRequirements.${i}`;
    const value = `${task.activity} at ${task.object}, ${minutes} min${out.preferredTime ? ` around ${out.preferredTime}` : ''}`;
    if (hit)
      log.derived(
        field,
        value,
        `daily_plan_req.${i}`,
        req,
        dur === null ? 'no duration stated: the usual minutes' : undefined,
      );
    else
      log.defaulted(field, value, `daily_plan_req.${i}`, `no activity matches "${short(label)}"`);
    return out;
  });

  // Hobbies from the interests.
  const hobbies: PlannedTask[] = [];
  interests.forEach((interest, i) => {
    const hit = matchTask(interest);
    if (hit) {
      hobbies.push({
        label: interest,
        activity: hit.activity,
        object: hit.object,
        minutes: hit.minutes,
      });
      log.derived(
        `routine.hobbies.${hobbies.length - 1}`,
        `${hit.activity} at ${hit.object}`,
        `current_interests.${i}`,
        interest,
      );
    } else {
      log.unmapped(
        'routine.hobbies',
        `current_interests.${i}`,
        interest,
        'no home activity matches; not planned as a hobby',
      );
    }
  });
  const fillers: PlannedTask[] = [
    { label: 'read a book', activity: 'reading', object: 'reading-chair', minutes: 40 },
    { label: 'listen to records', activity: 'music', object: 'record-player', minutes: 30 },
    { label: 'potter at the craft table', activity: 'hobby', object: 'craft-table', minutes: 45 },
  ];
  for (const f of fillers) {
    if (hobbies.length >= 2) break;
    if (hobbies.some((h) => h.activity === f.activity)) continue;
    hobbies.push(f);
    log.defaulted(
      `routine.hobbies.${hobbies.length - 1}`,
      f.label,
      'current_interests',
      'fewer than two hobbies found in the interests',
    );
  }

  // Evening routine and chores from the lifestyle.
  const eveningRoutine: PlannedTask[] = [];
  const chores: PlannedTask[] = [];
  const CHORES: readonly ActivityKind[] = ['cleaning', 'tidying', 'laundry', 'dishes'];
  lifestyle.forEach((item, i) => {
    const t = norm(item);
    const evening =
      /\b(?:evenings?|night|nightly|bed|bedtime|before sleep|wind(?:s|ing)? down|unwind\w*|turns? in|turning in)\b/.test(
        t,
      );
    const hit = matchTask(t);
    if (!hit) return;
    const dur = parseDuration(t);
    const minutes = Math.min(90, Math.max(5, Math.round(dur ?? Math.min(hit.minutes, 45))));
    const label = item.replace(/[.\s]+$/, '');
    if (evening) {
      const object = EVENING_OBJECT[hit.activity] ?? hit.object;
      eveningRoutine.push({ label, activity: hit.activity, object, minutes });
      log.derived(
        `routine.eveningRoutine.${eveningRoutine.length - 1}`,
        `${hit.activity} at ${object}, ${minutes} min`,
        `lifestyle.${i}`,
        item,
      );
    } else if (CHORES.includes(hit.activity)) {
      chores.push({ label, activity: hit.activity, object: hit.object, minutes });
      log.derived(
        `routine.chores.${chores.length - 1}`,
        `${hit.activity} at ${hit.object}`,
        `lifestyle.${i}`,
        item,
      );
    }
  });
  if (eveningRoutine.length === 0) {
    eveningRoutine.push({
      label: 'read a little in bed',
      activity: 'reading',
      object: 'nightstand',
      minutes: 20,
    });
    log.defaulted(
      'routine.eveningRoutine',
      'read a little in bed (20 min)',
      'lifestyle',
      'no evening routine recognised',
    );
  }
  if (chores.length === 0) {
    chores.push(
      { label: 'tidy up the living room', activity: 'tidying', object: 'hall-closet', minutes: 20 },
      { label: 'do the laundry', activity: 'laundry', object: 'washing-machine', minutes: 30 },
    );
    log.defaulted(
      'routine.chores',
      'tidy up the living room; do the laundry',
      'lifestyle',
      'the ProPerSim format has no chores',
    );
  }

  return {
    day,
    dailyPlanRequirements,
    routine: {
      wake: hhmm(wake),
      sleep: hhmm(sleep),
      breakfast: hhmm(breakfast),
      lunch: hhmm(lunch),
      dinner: hhmm(dinner),
      work,
      hobbies,
      chores,
      eveningRoutine,
    },
  };
}
