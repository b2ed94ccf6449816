/**
 * The LLM persona planner: a model plans the day from the persona's own
 * words (background, lifestyle, goals, the daily plan requirements, the
 * routine's times) and the home's objects. Its plan is validated and
 * repaired — sorted, clipped to the day, gaps filled, overlaps dropped,
 * unknown objects and activities mapped to known ones, sleep added — and
 * a day that cannot be repaired (or whose call fails) is planned by the
 * built-in planner instead. The result says which happened.
 */
import { z } from 'zod';
import { OBJECTS, type ObjectId } from '../../core/home';
import type { Persona } from '../../core/persona';
import type { DayConditions } from '../../core/receptivity';
import type { Rng } from '../../core/rng';
import type { Action } from '../../core/schedule';
import { ACTIVITY_KINDS } from '../../core/vocab';
import type { ChatMessage, LlmEngine } from '../../llm/engine';
import { planDay as builtinPlanDay } from '../user/planner';
import { askJson } from './call';
import { repairPlan } from './planner-repair';
import { dayText, homeText, personaProfile, routineText } from './prompts';

export {
  parseTime,
  repairPlan,
  resolveActivity,
  resolveObject,
  type RepairOutcome,
} from './planner-repair';

export type PlanSource = 'llm' | 'llm-repaired' | 'builtin-fallback';

export interface PlanResult {
  schedule: Action[];
  source: PlanSource;
  /** What was repaired (llm-repaired) or why the plan was dropped (builtin-fallback). */
  problems: string[];
}

/** What the model is asked to reply (sent as the request's JSON Schema). */
export const PlanRequestSchema = z.object({
  actions: z
    .array(
      z.object({
        start: z.string().describe('HH:MM, 24-hour'),
        end: z.string().describe('HH:MM, 24-hour; "24:00" for the end of the day'),
        activity: z.enum(ACTIVITY_KINDS),
        label: z.string(),
        object: z.enum(OBJECTS.map((o) => o.id) as [ObjectId, ...ObjectId[]]),
      }),
    )
    .min(1),
});

/** What is accepted from the model: loose, because the repair step maps the rest. */
export const PlanReplySchema = z.object({
  actions: z
    .array(
      z.object({
        start: z.union([z.string(), z.number()]),
        end: z.union([z.string(), z.number()]),
        activity: z.string().optional().default(''),
        label: z.string().optional().default(''),
        object: z.string().optional().default(''),
      }),
    )
    .min(1),
});
export type PlanReply = z.infer<typeof PlanReplySchema>;
export type RawAction = PlanReply['actions'][number];

export interface LlmPlannerOptions {
  temperature: number;
  maxTokens: number;
  /** Model calls per day before falling back (a second asks again, naming the problems). */
  attempts: number;
  signal?: AbortSignal;
}

const DEFAULTS: LlmPlannerOptions = { temperature: 0.7, maxTokens: 4096, attempts: 2 };

export function planMessages(
  persona: Persona,
  day: number,
  conditions?: DayConditions,
): ChatMessage[] {
  const calm = persona.bigFive.conscientiousness === 'High';
  return [
    {
      role: 'system',
      content:
        'You plan realistic days for a person who spends the whole day at home. ' +
        'Reply with one JSON object only, no other text.',
    },
    {
      role: 'user',
      content: [
        `Plan day ${day} for this person, from 00:00 to 24:00.${conditions ? ` ${dayText(conditions)}` : ''}`,
        '',
        personaProfile(persona),
        '',
        routineText(persona, conditions),
        '',
        'The home, by room (object id, then the activities it is for):',
        homeText(),
        '',
        'Rules:',
        '- The actions cover the whole day without gaps or overlaps: the first starts at 00:00, each starts when the previous one ends, the last ends at 24:00.',
        '- Times are "HH:MM", 24-hour.',
        `- "activity" is one of: ${ACTIVITY_KINDS.join(', ')}.`,
        '- "object" is an object id from the list above that is for that activity.',
        '- "label" says what the person does in a few plain words, e.g. "water the plants".',
        '- Sleep at night (activity "sleep" at "bed"). Include meals with cooking, the toilet, washing up, short breaks, and every daily plan requirement. Most actions last 5 to 120 minutes.',
        `- Real days drift a little from the routine${calm ? '' : ', and this person drifts more than most'}; vary the details from other days.`,
        '',
        'Reply like this: {"actions":[{"start":"00:00","end":"07:00","activity":"sleep","label":"sleep","object":"bed"}, …]}',
      ].join('\n'),
    },
  ];
}

// ---------------------------------------------------------------- repair

export interface LlmPlanner {
  plan(persona: Persona, day: number, rng: Rng, conditions?: DayConditions): Promise<PlanResult>;
}

/**
 * Plan with the model; fall back to the built-in planner (with the same
 * day's generator, so the fallback day is the built-in user's day).
 * Throws EnginePausedError when the engine is gone.
 */
export function createLlmPlanner(
  engine: LlmEngine,
  options: Partial<LlmPlannerOptions> = {},
): LlmPlanner {
  const opts = { ...DEFAULTS, ...options };
  return {
    async plan(persona, day, rng, conditions) {
      const messages = planMessages(persona, day, conditions);
      const why: string[] = [];
      for (let attempt = 0; attempt < Math.max(1, opts.attempts); attempt++) {
        const got = await askJson({
          engine,
          messages,
          schema: PlanReplySchema,
          requestSchema: PlanRequestSchema,
          name: 'day_plan',
          what: 'the day plan',
          temperature: opts.temperature,
          maxTokens: opts.maxTokens,
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        if (!got.ok) {
          why.push(
            got.failure === 'unreadable'
              ? `the plan could not be read: ${got.error}`
              : `the planner call failed: ${got.error}`,
          );
          if (got.failure === 'call-failed') break;
          continue;
        }
        const repaired = repairPlan(persona, got.value);
        if (repaired.schedule) {
          return {
            schedule: repaired.schedule,
            source: repaired.problems.length ? 'llm-repaired' : 'llm',
            problems: repaired.problems,
          };
        }
        why.push(`the plan could not be repaired: ${repaired.problems.slice(0, 3).join('; ')}`);
        messages.push(
          { role: 'assistant', content: JSON.stringify(got.value) },
          {
            role: 'user',
            content: `That plan cannot be used: ${repaired.problems.slice(0, 5).join('; ')}. Plan the whole day again, following the rules, as one JSON object.`,
          },
        );
      }
      return {
        schedule: builtinPlanDay(persona, rng, { conditions }),
        source: 'builtin-fallback',
        problems: why,
      };
    },
  };
}
