/**
 * The receptivity model of the simulated person: how open a moment is to a
 * suggestion, beyond the four rubric paragraphs. Every rule here comes from
 * the persona's rubric, the ProPerSim reference's judge prompts, or a finding
 * in ../shared/docs/timing-research.md, and is part of the persona schema
 * with a default, so a persona file can change it and the judge's reasons
 * name it.
 *
 * - Engagement (Fogarty et al. CHI 2003; Horvitz et al. BusyBody 2004):
 *   focused work, calls and quiet personal rituals are costly moments; idle
 *   transitions and relaxed activities are cheap.
 * - Breakpoints (Iqbal & Bailey 2005–2008; Okoshi et al. Attelia 2015–2016):
 *   between tasks beats mid-task — walking between rooms, the first minutes
 *   of a new action, and pauses (a coffee break inside a work block).
 * - Habituation (HeartSteps V1; the reference's Diversity rubric): the same
 *   topic again soon, or the same suggestion again, lands worse.
 * - Day-to-day variation (ProAgentBench 2026: real needs come in bursts,
 *   more than synthetic data shows): seeded tired, busy and weekend days
 *   shift the welcome windows and the appetite for suggestions a little.
 */
import { z } from 'zod';
import { Rng } from './rng';
import { ACTIVITY_KINDS, type ActivityKind } from './vocab';

export const ENGAGEMENTS = ['deep', 'light', 'idle'] as const;
/** How absorbed the person is: deep = focused (costly to interrupt), light = busy but interruptible, idle = a pause. */
export type Engagement = (typeof ENGAGEMENTS)[number];

/**
 * Default engagement of each activity. Focused work, calls and quiet personal
 * rituals (journaling, meditation) are deep; pauses (coffee, a snack, lounging)
 * are idle; everything else is light. A persona overrides any of them.
 */
export const DEFAULT_ENGAGEMENT: Readonly<Record<ActivityKind, Engagement>> = {
  sleep: 'deep',
  nap: 'deep',
  'wake-up': 'light',
  toilet: 'light',
  hygiene: 'light',
  shower: 'light',
  dress: 'light',
  coffee: 'idle',
  cooking: 'light',
  breakfast: 'light',
  lunch: 'light',
  dinner: 'light',
  snack: 'idle',
  dishes: 'light',
  work: 'deep',
  study: 'deep',
  reading: 'light',
  writing: 'deep',
  tv: 'light',
  music: 'light',
  exercise: 'light',
  yoga: 'light',
  meditation: 'deep',
  gardening: 'light',
  'plant-care': 'light',
  cleaning: 'light',
  laundry: 'light',
  tidying: 'light',
  hobby: 'light',
  games: 'light',
  call: 'deep',
  journaling: 'deep',
  relax: 'idle',
};

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_NAMES: Readonly<Record<Weekday, string>> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** The defaults of every receptivity setting; a persona file may override any of them. */
export const RECEPTIVITY_DEFAULTS = {
  breakpointMinutes: 5,
  sameTopicMinutes: 120,
  sameSuggestionDays: 2,
  weekendDays: ['sat', 'sun'] as Weekday[],
  tiredChance: 0.15,
  busyChance: 0.15,
  windowJitterMinutes: 15,
  weekendWindowShiftMinutes: 30,
  tiredAppetite: 0.75,
  busyAppetite: 0.75,
  weekendAppetite: 1.25,
} as const;

const D = RECEPTIVITY_DEFAULTS;

export const ReceptivitySchema = z
  .object({
    engagement: z
      .partialRecord(z.enum(ACTIVITY_KINDS), z.enum(ENGAGEMENTS))
      .optional()
      .describe(
        'How absorbed the person is in each activity, where it differs from the defaults ' +
          '(deep: work, study, writing, call, meditation, journaling; idle: coffee, snack, relax; ' +
          'light: the rest). A suggestion in the middle of a deep activity fails Timing unless it ' +
          'comes at a breakpoint (Fogarty et al. 2003; Horvitz et al. 2004).',
      ),
    breakpointMinutes: z
      .number()
      .int()
      .min(0)
      .max(30)
      .optional()
      .describe(
        `The first minutes of a new action count as a breakpoint (default ${D.breakpointMinutes}); ` +
          'walking between rooms and idle pauses are breakpoints too (Iqbal & Bailey 2005–2008; ' +
          'Okoshi et al. 2015). Silence through the breakpoint of a welcome activity misses the ' +
          'moment (fails Timing); silence after it leaves the person without what they wanted ' +
          '(fails Preference), as the reference judge scores "No Recommendation".',
      ),
    sameTopicMinutes: z
      .number()
      .int()
      .min(0)
      .max(1440)
      .optional()
      .describe(
        `A suggestion on a topic already suggested in the last N minutes today fails Preference ` +
          `as repetitive (default ${D.sameTopicMinutes}; HeartSteps V1; the reference's Diversity rubric).`,
      ),
    sameSuggestionDays: z
      .number()
      .int()
      .min(0)
      .max(14)
      .optional()
      .describe(
        `The very same suggestion heard today or on the N−1 days before fails Preference ` +
          `(default ${D.sameSuggestionDays}: today or yesterday; HeartSteps V1: repeated suggestions lose effect).`,
      ),
    days: z
      .object({
        weekendDays: z
          .array(z.enum(WEEKDAYS))
          .optional()
          .describe('Days with the weekend routine (default Saturday and Sunday).'),
        tiredChance: z
          .number()
          .min(0)
          .max(1)
          .optional()
          .describe(`Chance that a day is a tired day (default ${D.tiredChance}).`),
        busyChance: z
          .number()
          .min(0)
          .max(1)
          .optional()
          .describe(`Chance that a day is a busy day (default ${D.busyChance}).`),
        windowJitterMinutes: z
          .number()
          .int()
          .min(0)
          .max(60)
          .optional()
          .describe(
            `Each day the welcome windows move by up to this many minutes either way (default ${D.windowJitterMinutes}).`,
          ),
        weekendWindowShiftMinutes: z
          .number()
          .int()
          .min(-120)
          .max(180)
          .optional()
          .describe(
            `On weekend days the welcome windows move later by this much (default ${D.weekendWindowShiftMinutes}).`,
          ),
        tiredAppetite: z
          .number()
          .min(0.25)
          .max(2)
          .optional()
          .describe(
            `On a tired day the wanted rate is multiplied by this (default ${D.tiredAppetite}): ` +
              'a longer minimum gap and more patience before silence is "too rare".',
          ),
        busyAppetite: z
          .number()
          .min(0.25)
          .max(2)
          .optional()
          .describe(
            `On a busy day the wanted rate is multiplied by this (default ${D.busyAppetite}).`,
          ),
        weekendAppetite: z
          .number()
          .min(0.25)
          .max(2)
          .optional()
          .describe(
            `On a weekend day the wanted rate is multiplied by this (default ${D.weekendAppetite}).`,
          ),
      })
      .strict()
      .optional()
      .describe(
        'Day-to-day variation, drawn from the run seed so every assistant faces the same days ' +
          '(ProAgentBench 2026: real needs for help come in bursts).',
      ),
  })
  .strict()
  .describe(
    'How open a moment is to a suggestion, beyond the four rubric paragraphs. Every field is ' +
      'optional; the defaults are stated on each.',
  );

export type ReceptivityInput = z.infer<typeof ReceptivitySchema>;

/** Every receptivity setting of a persona, defaults filled in. */
export interface Receptivity {
  engagement: Readonly<Record<ActivityKind, Engagement>>;
  /** Activities whose engagement the persona set itself. */
  engagementOverrides: ReadonlySet<ActivityKind>;
  breakpointMinutes: number;
  sameTopicMinutes: number;
  sameSuggestionDays: number;
  weekendDays: readonly Weekday[];
  tiredChance: number;
  busyChance: number;
  windowJitterMinutes: number;
  weekendWindowShiftMinutes: number;
  tiredAppetite: number;
  busyAppetite: number;
  weekendAppetite: number;
}

const resolvedCache = new WeakMap<object, Receptivity>();

/** The persona's receptivity settings with defaults filled in (cached per persona object). */
export function resolveReceptivity(persona: {
  receptivity?: ReceptivityInput | undefined;
}): Receptivity {
  const hit = resolvedCache.get(persona);
  if (hit) return hit;
  const r = persona.receptivity ?? {};
  const days = r.days ?? {};
  const overrides = r.engagement ?? {};
  const resolved: Receptivity = {
    engagement: { ...DEFAULT_ENGAGEMENT, ...overrides },
    engagementOverrides: new Set(Object.keys(overrides) as ActivityKind[]),
    breakpointMinutes: r.breakpointMinutes ?? D.breakpointMinutes,
    sameTopicMinutes: r.sameTopicMinutes ?? D.sameTopicMinutes,
    sameSuggestionDays: r.sameSuggestionDays ?? D.sameSuggestionDays,
    weekendDays: days.weekendDays ?? D.weekendDays,
    tiredChance: days.tiredChance ?? D.tiredChance,
    busyChance: days.busyChance ?? D.busyChance,
    windowJitterMinutes: days.windowJitterMinutes ?? D.windowJitterMinutes,
    weekendWindowShiftMinutes: days.weekendWindowShiftMinutes ?? D.weekendWindowShiftMinutes,
    tiredAppetite: days.tiredAppetite ?? D.tiredAppetite,
    busyAppetite: days.busyAppetite ?? D.busyAppetite,
    weekendAppetite: days.weekendAppetite ?? D.weekendAppetite,
  };
  resolvedCache.set(persona, resolved);
  return resolved;
}

export type DayMood = 'usual' | 'tired' | 'busy';

/** What kind of day it is for the person: the same for every assistant (drawn from the seed, persona and day). */
export interface DayConditions {
  day: number;
  weekday: Weekday;
  weekend: boolean;
  mood: DayMood;
  /** Today's welcome windows are moved by this many minutes (later when positive). */
  windowShiftMinutes: number;
  /** Today's wanted rate relative to the rate the persona asked for (1 = as asked). */
  appetite: number;
}

/** The weekday of a run day, day 1 falling on `firstWeekday`. */
export function weekdayOf(day: number, firstWeekday: Weekday = 'mon'): Weekday {
  const first = WEEKDAYS.indexOf(firstWeekday);
  return WEEKDAYS[(((first + day - 1) % 7) + 7) % 7] as Weekday;
}

/**
 * Today's conditions for a persona, derived from the seed, the persona and
 * the day alone (its own stream), so every assistant faces the same days and
 * a run replays exactly.
 */
export function dayConditions(
  seed: string,
  persona: { id: string; receptivity?: ReceptivityInput | undefined },
  day: number,
  firstWeekday: Weekday = 'mon',
): DayConditions {
  const r = resolveReceptivity(persona);
  const rng = Rng.fromSeed(`${seed}:day:${persona.id}:${day}`);
  const weekday = weekdayOf(day, firstWeekday);
  const weekend = r.weekendDays.includes(weekday);
  const roll = rng.next();
  const mood: DayMood =
    roll < r.tiredChance ? 'tired' : roll < r.tiredChance + r.busyChance ? 'busy' : 'usual';
  // Jitter in whole 5-minute steps, so windows stay readable ("17:20", not "17:23").
  const steps = Math.floor(r.windowJitterMinutes / 5);
  const jitter = steps > 0 ? rng.int(-steps, steps) * 5 : 0;
  const appetite =
    (weekend ? r.weekendAppetite : 1) *
    (mood === 'tired' ? r.tiredAppetite : mood === 'busy' ? r.busyAppetite : 1);
  return {
    day,
    weekday,
    weekend,
    mood,
    windowShiftMinutes: jitter + (weekend ? r.weekendWindowShiftMinutes : 0),
    appetite: Math.round(appetite * 1000) / 1000,
  };
}

/** "a tired Saturday", "a busy Tuesday", "Monday". */
export function describeDay(c: DayConditions): string {
  const name = WEEKDAY_NAMES[c.weekday];
  return c.mood === 'usual' ? name : `a ${c.mood} ${name}`;
}
