/**
 * The persona schema: one zod schema validates every persona file and is
 * exported as a JSON Schema (personas/persona.schema.json) for people writing
 * their own. The rubric comes twice: as first-person prose (what people and
 * LLM judges read) and as structured fields the built-in judge applies.
 */
import { z } from 'zod';
import { OBJECT_IDS, getObject, type ObjectId } from './home';
import { ReceptivitySchema } from './receptivity';
import { DerivationSchema } from './import/evidence';
import { parseHhmm } from './time';
import { ACTIVITY_KINDS, BIG_FIVE_TRAITS, TONES, TOPICS } from './vocab';

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time "HH:MM"')
  .describe('24-hour time, HH:MM');
const level = z.enum(['High', 'Low']);
const activity = z.enum(ACTIVITY_KINDS);
const topic = z.enum(TOPICS);
const tone = z.enum(TONES);
const objectId = z.enum(OBJECT_IDS);
const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like "#a1b2c3"');
const sentence = z.string().trim().min(3);

export const PlannedTaskSchema = z
  .object({
    label: sentence.describe('What the persona does, e.g. "water the plants"'),
    activity,
    object: objectId,
    minutes: z.number().int().min(5).max(240),
  })
  .strict();

export const DailyRequirementSchema = PlannedTaskSchema.extend({
  /** When the persona likes to do it; the planner may shift it. */
  preferredTime: hhmm.optional(),
}).strict();

export const WorkBlockSchema = z
  .object({
    label: sentence,
    activity: z.enum(['work', 'study', 'writing', 'hobby']),
    object: objectId,
    start: hhmm,
    end: hhmm,
  })
  .strict();

/** Default for how much later the person wakes on weekend days. */
export const WEEKEND_WAKE_DELAY_MINUTES = 60;

const windowSchema = z.object({ from: hhmm, to: hhmm }).strict();

export const RubricSchema = z
  .object({
    personalPreference: z
      .object({
        prose: sentence,
        /** Which topics are welcome during which activities. */
        welcome: z
          .array(
            z
              .object({
                activities: z.array(activity).min(1),
                topics: z.array(topic).min(1),
              })
              .strict(),
          )
          .min(1),
      })
      .strict(),
    timing: z
      .object({
        prose: sentence,
        /** Times of day when suggestions are welcome at all. */
        welcomeWindows: z.array(windowSchema).min(1),
        /** Activities during which a suggestion is never welcome. */
        quietActivities: z.array(activity),
      })
      .strict(),
    frequency: z
      .object({
        prose: sentence,
        /** The rate asked for: between `min` and `max` suggestions per `windowMinutes` of welcome time. */
        windowMinutes: z.number().int().min(30).max(1440),
        min: z.number().int().min(0),
        max: z.number().int().min(1),
        /** Never two suggestions closer than this. */
        minGapMinutes: z.number().int().min(0).max(720),
      })
      .strict(),
    communication: z
      .object({
        prose: sentence,
        /** Tones the persona accepts. */
        tones: z.array(tone).min(1),
        /** Topics that cross a boundary (privacy, values, emotional safety). */
        avoidTopics: z.array(topic),
      })
      .strict(),
  })
  .strict();

export const PersonaSchema = z
  .object({
    schemaVersion: z.literal(1),
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by "-"'),
    name: z.string().trim().min(1),
    age: z.number().int().min(18).max(100),
    pronouns: z.enum(['she/her', 'he/him', 'they/them']),
    avatar: z.object({ skin: hexColor, hair: hexColor, outfit: hexColor }).strict(),
    bigFive: z
      .object(
        Object.fromEntries(BIG_FIVE_TRAITS.map((t) => [t, level])) as Record<
          (typeof BIG_FIVE_TRAITS)[number],
          typeof level
        >,
      )
      .strict(),
    background: sentence,
    interests: z.array(sentence).min(3),
    lifestyle: z.array(sentence).min(3),
    longTermGoal: sentence,
    dailyPlanRequirements: z.array(DailyRequirementSchema).min(3),
    routine: z
      .object({
        wake: hhmm,
        /** Bedtime; between 20:00 and 01:59 (after midnight means the night of the next date). */
        sleep: hhmm,
        breakfast: hhmm,
        lunch: hhmm,
        dinner: hhmm,
        work: z.array(WorkBlockSchema),
        hobbies: z.array(PlannedTaskSchema).min(2),
        chores: z.array(PlannedTaskSchema).min(1),
        eveningRoutine: z.array(PlannedTaskSchema).min(1),
        weekend: z
          .object({
            wake: hhmm
              .optional()
              .describe(
                `Wake time on weekend days (default: ${WEEKEND_WAKE_DELAY_MINUTES} minutes after the weekday wake, at most 11:00).`,
              ),
            work: z
              .array(WorkBlockSchema)
              .optional()
              .describe('Work blocks on weekend days (default: none).'),
          })
          .strict()
          .optional()
          .describe('How weekend days differ from the routine above.'),
      })
      .strict(),
    rubric: RubricSchema,
    receptivity: ReceptivitySchema.optional(),
    /** Set by an importer: how each field was derived from the source words (shown in the editor). */
    derivation: DerivationSchema.optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    // zod runs refinements even when a field failed its own check: skip
    // comparisons of times that are not HH:MM (already reported by the field).
    const time = (s: string): number | null =>
      /^([01]\d|2[0-3]):[0-5]\d$/.test(s) ? parseHhmm(s) : null;
    const wake = time(p.routine.wake);
    const sleep = time(p.routine.sleep);
    if (wake !== null && (wake < 4 * 60 || wake > 11 * 60)) {
      ctx.addIssue({
        code: 'custom',
        path: ['routine', 'wake'],
        message: 'wake must be between 04:00 and 11:00',
      });
    }
    if (sleep !== null && !(sleep >= 20 * 60 || sleep < 2 * 60)) {
      ctx.addIssue({
        code: 'custom',
        path: ['routine', 'sleep'],
        message: 'sleep must be between 20:00 and 01:59',
      });
    }
    const blocks: [(string | number)[], { start: string; end: string }][] = [
      ...p.routine.work.map(
        (b, i) => [['routine', 'work', i], b] as [(string | number)[], typeof b],
      ),
      ...(p.routine.weekend?.work ?? []).map(
        (b, i) => [['routine', 'weekend', 'work', i], b] as [(string | number)[], typeof b],
      ),
    ];
    for (const [where, b] of blocks) {
      const start = time(b.start);
      const end = time(b.end);
      if (start !== null && end !== null && end <= start) {
        ctx.addIssue({
          code: 'custom',
          path: [...where, 'end'],
          message: 'end must be after start',
        });
      }
    }
    const weekendWake = p.routine.weekend?.wake === undefined ? null : time(p.routine.weekend.wake);
    if (weekendWake !== null && (weekendWake < 4 * 60 || weekendWake > 11 * 60)) {
      ctx.addIssue({
        code: 'custom',
        path: ['routine', 'weekend', 'wake'],
        message: 'wake must be between 04:00 and 11:00',
      });
    }
    const f = p.rubric.frequency;
    if (f.min > f.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['rubric', 'frequency', 'min'],
        message: 'min must not exceed max',
      });
    }
    const tasks: [string, { activity: string; object: ObjectId }][] = [
      ...p.dailyPlanRequirements.map(
        (t, i) => [`dailyPlanRequirements.${i}`, t] as [string, typeof t],
      ),
      ...p.routine.hobbies.map((t, i) => [`routine.hobbies.${i}`, t] as [string, typeof t]),
      ...p.routine.chores.map((t, i) => [`routine.chores.${i}`, t] as [string, typeof t]),
      ...p.routine.eveningRoutine.map(
        (t, i) => [`routine.eveningRoutine.${i}`, t] as [string, typeof t],
      ),
      ...p.routine.work.map((t, i) => [`routine.work.${i}`, t] as [string, typeof t]),
      ...(p.routine.weekend?.work ?? []).map(
        (t, i) => [`routine.weekend.work.${i}`, t] as [string, typeof t],
      ),
    ];
    for (const [where, t] of tasks) {
      const obj = getObject(t.object);
      if (!obj.affords.includes(t.activity as never)) {
        ctx.addIssue({
          code: 'custom',
          path: [...where.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)), 'object'],
          message: `"${t.object}" is not a place for "${t.activity}" (it affords: ${obj.affords.join(', ')})`,
        });
      }
    }
  });

export type Persona = z.infer<typeof PersonaSchema>;
export type PlannedTask = z.infer<typeof PlannedTaskSchema>;
export type Rubric = z.infer<typeof RubricSchema>;

export class PersonaError extends Error {
  constructor(
    public readonly source: string,
    public readonly problems: { path: string; message: string }[],
  ) {
    super(
      `${source}: invalid persona\n` +
        problems.map((p) => `  - ${p.path || '(root)'}: ${p.message}`).join('\n'),
    );
    this.name = 'PersonaError';
  }
}

/** Validate unknown data as a persona; `source` (a file name) is named in errors. */
export function parsePersona(data: unknown, source: string): Persona {
  const result = PersonaSchema.safeParse(data);
  if (result.success) return result.data;
  throw new PersonaError(
    source,
    result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  );
}

/** Parse persona JSON text; a JSON syntax error is reported with the source too. */
export function parsePersonaJson(text: string, source: string): Persona {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new PersonaError(source, [
      { path: '', message: `not valid JSON: ${(err as Error).message}` },
    ]);
  }
  return parsePersona(data, source);
}

/** The JSON Schema for persona files (draft 2020-12), generated from the zod schema. */
export function personaJsonSchema(): unknown {
  return z.toJSONSchema(PersonaSchema, { target: 'draft-2020-12', unrepresentable: 'any' });
}
