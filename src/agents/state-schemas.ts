/**
 * The shape of every registered assistant's state, for run files that come
 * from outside (an import, a run saved by another version). A run whose
 * assistant state does not fit is refused before it is stored or opened,
 * with the field named: a state of `5` must never reach `propose`.
 *
 * Sizes are checked too: the policy's weight vectors have the lengths the
 * features give them, every number is finite, every list has a cap. Zod
 * only, no LLM code (the registry reads this without loading the LLM kit).
 */
import { z } from 'zod';
import { MAX_RUN_DAYS } from '../core/sim';
import { TONES, TOPICS } from '../core/vocab';
import { DENSE_SIZE, SPARSE_SIZE } from './propera/features';
import { MEMORY_LEVELS, type MemoryLevel } from './propera/memory';
import { ITEM_SIZE, SEEN_KINDS, type SeenKind } from './propera/policy';

/** Longest list an assistant's state may hold (a 100-day run makes ~58,000 steps). */
const MAX_ITEMS = 200_000;
/** Longest text in an assistant's state (a prompt with its memory). */
const MAX_TEXT = 100_000;

const finite = z.number().finite();
const whole = z.number().int().min(0);
const day = z
  .number()
  .int()
  .min(1)
  .max(MAX_RUN_DAYS + 1);
const minute = z
  .number()
  .min(0)
  .max(24 * 60 * 2);
const text = z.string().max(MAX_TEXT);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_ITEMS);
const seenKind = z.enum(SEEN_KINDS as [SeenKind, ...SeenKind[]]);

const MemoryRecordSchema = z.object({
  day,
  minute,
  action: text,
  kind: seenKind,
  suggestion: z
    .object({ text, topic: z.enum(TOPICS), tone: z.enum(TONES) })
    .nullable()
    .optional(),
  score: z.number().min(0).max(4).optional(),
  reasons: list(text).optional(),
});

const SummarySchema = z.object({
  day,
  hour: z.number().int().min(0).max(23),
  hours: z.union([z.literal(1), z.literal(4)]),
  actions: list(text),
  recommendations: whole,
  meanScore: z.number().min(0).max(4).nullable(),
});

function memorySchema(level?: MemoryLevel) {
  return z.object({
    level: level ? z.literal(level) : z.enum(MEMORY_LEVELS),
    records: list(MemoryRecordSchema),
    summaries: list(SummarySchema),
  });
}

const ParamsSchema = z.object({
  speak: z.array(finite).length(SPARSE_SIZE + DENSE_SIZE),
  item: z.array(finite).length(ITEM_SIZE),
});

const FeaturesSchema = z.object({
  sparse: list(whole),
  dense: list(finite),
  kind: seenKind,
  topicAge: list(z.tuple([whole, whole])).optional(),
  itemAge: list(z.tuple([whole, whole])).optional(),
});

const choice = z.number().int().min(-1);

const ProperaPairSchema = z.object({
  x: FeaturesSchema,
  chosen: choice,
  rejected: choice,
  day,
  ref: z.object({ day, minute, action: text, picked: list(whole), summariesEnd: whole }),
});

const TrainingSchema = z.object({
  day,
  pairs: whole,
  lossBefore: finite,
  lossAfter: finite,
  accuracy: z.number().min(0).max(1),
});

const TrackerSchema = z.object({
  day: z
    .number()
    .int()
    .min(0)
    .max(MAX_RUN_DAYS + 1),
  recMinutes: list(minute),
  action: text,
  actionStart: minute,
  actionRecs: whole,
  mine: list(z.object({ day, minute, topic: z.enum(TOPICS), key: text })),
});

/** ProPerAssistant's state (propera, no-memory, mem-*; the LLM assistant's timing gate). */
export function properaStateSchema(level?: MemoryLevel) {
  return z.object({
    memory: memorySchema(level),
    params: ParamsSchema,
    refParams: ParamsSchema,
    pairs: list(ProperaPairSchema),
    training: list(TrainingSchema),
    today: TrackerSchema,
  });
}

/** An LLM assistant's state: its memory, its pairs, the gate's state when gated, its counters. */
export function llmStateSchema(variant: { memory: MemoryLevel; gated: boolean }) {
  return z.object({
    memory: memorySchema(variant.memory),
    pairs: list(z.object({ day, prompt: text, chosen: text, rejected: text })),
    gate: variant.gated ? properaStateSchema() : z.null(),
    stats: z.object({
      proposals: whole,
      fallbacks: whole,
      gateSilent: whole,
      embedFallbacks: whole,
    }),
  });
}

/** An assistant that keeps nothing (always, never, random, the oracles): an empty object. */
export const emptyStateSchema = z.object({}).strict();

/** The problems of `state` against `schema`, as "path: message" lines; [] when it fits. */
export function problemsOf(schema: z.ZodType, state: unknown): string[] {
  const r = schema.safeParse(state);
  if (r.success) return [];
  return r.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(the state)'}: ${i.message}`);
}
