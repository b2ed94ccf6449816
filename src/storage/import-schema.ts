/**
 * Validation of run files at the import boundary. A file comes from outside
 * (another browser, an older version, a hand edit), so everything the run
 * needs to open and continue is checked, and a refusal names the field.
 * The original data is stored as it came (the schema only gates it), so a
 * round trip keeps every byte of the state.
 */
import { z } from 'zod';
import { JUDGE_MODES, withLineUp } from '../core/lineup';
import { PersonaSchema } from '../core/persona';
import { MAX_RUN_DAYS, MAX_SEED_CHARS } from '../core/sim';
import { stepsPerDay } from '../core/time';
import {
  MAX_RUN_FILE_BYTES,
  RunImportError,
  RUN_EXPORT_FORMAT,
  RUN_EXPORT_VERSION,
  type RunExport,
} from './types';

const int = z.number().int();
const count = int.min(0);
const probability = z.number().min(0).max(1);
/** A day of a run: 1 to one past the longest run (a finished run's day). */
const runDay = int.min(1).max(MAX_RUN_DAYS + 1);
/** A step of a day (the shortest step, 30 s, makes 2,880 a day). */
const dayStep = count.max(2_880);
/** A score the judge gives: 0 to 4 (a mean too). */
const score = z.number().min(0).max(4);
/** Names and ids: short text (a run name, a persona id, an assistant id). */
const name = z.string().max(200);
/** Longest list in a run file: every step of the longest run at the shortest step. */
const MAX_LIST = (MAX_RUN_DAYS + 1) * 2_880;
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_LIST);
/** A time stamp: milliseconds, not after the year 2200. */
const stamp = z.number().min(0).max(7.3e12);
const rngState = z.object({ a: int, b: int, c: int, d: int });

const MetaSchema = z.object({
  id: name.min(1),
  name,
  personaId: name.min(1),
  personaName: name,
  assistantId: name.min(1),
  seed: z.string().max(MAX_SEED_CHARS),
  engine: name.min(1),
  createdAt: stamp,
  updatedAt: stamp,
  day: runDay,
  step: dayStep,
  finished: z.boolean(),
});

const minuteOfDay = z
  .number()
  .min(0)
  .max(24 * 60);

const ActionSchema = z.object({
  start: minuteOfDay,
  end: minuteOfDay,
  kind: name.min(1),
  label: z.string().max(1_000),
  object: name.min(1),
  room: name.min(1),
  walkSeconds: z.number().min(0).max(3_600),
});

const ConfigSchema = z.object({
  seed: z.string().max(MAX_SEED_CHARS),
  days: int.min(1).max(MAX_RUN_DAYS),
  stepSeconds: z.number().positive(),
  judgeNoise: probability,
  forceSilentProbability: probability,
});

const present = z.custom<unknown>((v) => v !== undefined, { message: 'Required' });

const LineUpSchema = z.object({
  planner: z.enum(['builtin', 'model']),
  judge: z.enum(['builtin', 'model', 'person']),
  assistant: z.string().min(1),
  engine: z
    .object({
      kind: z.enum(['openai', 'webllm']),
      model: z.string(),
      judgeMode: z.enum(JUDGE_MODES),
    })
    .nullable(),
});

/** The snapshot's shape; which assistants are known is the app's to say. */
function snapshotSchema(
  knownAssistant: (id: string) => boolean,
  stateProblems: (id: string, state: unknown) => string[],
) {
  return z
    .object({
      format: z.literal('propersim-run/1'),
      config: ConfigSchema,
      persona: PersonaSchema,
      assistantId: z.string().superRefine((id, ctx) => {
        if (!knownAssistant(id))
          ctx.addIssue({ code: 'custom', message: `unknown assistant "${id}"` });
      }),
      // Runs saved before line-ups were recorded have none: they get the built-in one on import.
      lineup: LineUpSchema.optional(),
      rng: z.object({ judge: rngState, assistant: rngState }),
      day: runDay,
      step: dayStep,
      schedule: z.array(ActionSchema).max(1_000),
      judgeMemory: z.object({}).loose(),
      assistant: present,
      today: z.object({}).loose(),
      days: z
        .array(z.object({ day: runDay, meanScore: score.nullable().optional() }).loose())
        .max(MAX_RUN_DAYS),
      totalPairs: count.max(MAX_LIST),
      plannedDay: count.max(MAX_RUN_DAYS + 1),
      planSource: z.string().max(1_000),
      pending: z.object({}).loose().nullable(),
    })
    .superRefine((s, ctx) => {
      let perDay: number;
      try {
        perDay = stepsPerDay(s.config.stepSeconds);
      } catch (err) {
        ctx.addIssue({ code: 'custom', path: ['config', 'stepSeconds'], message: String(err) });
        return;
      }
      if (s.step >= perDay)
        ctx.addIssue({
          code: 'custom',
          path: ['step'],
          message: `must be below ${perDay} (steps per day)`,
        });
      if (s.day > s.config.days + 1)
        ctx.addIssue({ code: 'custom', path: ['day'], message: 'is after the end of the run' });
      if (s.lineup && s.lineup.assistant !== s.assistantId)
        ctx.addIssue({
          code: 'custom',
          path: ['lineup', 'assistant'],
          message: `says "${s.lineup.assistant}" but the run's assistant is "${s.assistantId}"`,
        });
      // The assistant's own state, by the registry's schema for it (handed in: storage knows no agents).
      if (knownAssistant(s.assistantId))
        for (const problem of stateProblems(s.assistantId, s.assistant))
          ctx.addIssue({ code: 'custom', path: ['assistant'], message: problem });
    });
}

const InputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('advance'), steps: count.max(MAX_LIST) }),
  z.object({
    type: z.literal('start-day'),
    schedule: z.array(ActionSchema).max(1_000),
    source: z.string().max(1_000),
  }),
  z.object({ type: z.literal('begin-step') }),
  z.object({
    type: z.literal('complete-step'),
    candidates: z.array(z.object({ kind: z.enum(['silent', 'recommend']) }).loose()).max(10),
    // A judgement, or a judge's "no verdict" (the step was recorded unjudged).
    judgements: z
      .array(
        z.union([
          z.object({ score }).loose(),
          z
            .object({
              unjudged: z.object({ call: z.string().max(200), why: z.string().max(2_000) }),
            })
            .loose(),
        ]),
      )
      .max(10),
    note: z.object({}).loose().nullable(),
  }),
  z.object({ type: z.literal('set-persona'), persona: PersonaSchema }),
  z.object({ type: z.literal('set-judge-noise'), noise: probability }),
  z.object({ type: z.literal('set-lineup'), lineup: LineUpSchema }),
]);

const StepSchema = z
  .object({
    day: runDay,
    step: dayStep,
    asleep: z.boolean(),
    decision: z.enum(['silent', 'recommend', 'asleep']),
    score: score.nullable(),
    candidates: z
      .array(z.object({ judgement: z.object({ score }).loose().optional() }).loose())
      .max(10),
  })
  .loose();

const exportSchema = (
  knownAssistant: (id: string) => boolean,
  stateProblems: (id: string, state: unknown) => string[],
) =>
  z
    .object({
      format: z.literal(RUN_EXPORT_FORMAT),
      version: z.literal(RUN_EXPORT_VERSION),
      meta: MetaSchema,
      snapshot: snapshotSchema(knownAssistant, stateProblems),
      inputs: list(InputSchema),
      steps: list(StepSchema),
    })
    .superRefine((file, ctx) => {
      if (file.meta.assistantId !== file.snapshot.assistantId)
        ctx.addIssue({
          code: 'custom',
          path: ['meta', 'assistantId'],
          message: `says "${file.meta.assistantId}" but the run's state is for "${file.snapshot.assistantId}"`,
        });
    });

/** "Required" for a missing field (zod's default words are longer than people need). */
function plainError(issue: { code: string; input?: unknown }): string | undefined {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'Required';
  return undefined;
}

/**
 * Check an import: an object, or JSON text (at most MAX_RUN_FILE_BYTES).
 * Returns the data as given (typed) or throws RunImportError naming the
 * fields. `stateProblems` checks the assistant's state (the registry's
 * schemas, handed in); without it the state is only required to exist.
 */
export function validateRunExport(
  data: unknown,
  knownAssistant: (id: string) => boolean = (id) => id.length > 0,
  stateProblems: (id: string, state: unknown) => string[] = () => [],
): RunExport {
  let value = data;
  if (typeof data === 'string') {
    // UTF-16 length is at most the UTF-8 byte count: a string over the cap is over it in bytes too.
    if (data.length > MAX_RUN_FILE_BYTES) throw runFileTooLarge(data.length);
    try {
      value = JSON.parse(data);
    } catch (err) {
      throw new RunImportError([
        { path: '', message: `not valid JSON (${(err as Error).message})` },
      ]);
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new RunImportError([{ path: '', message: 'expected a JSON object' }]);
  const format = (value as { format?: unknown }).format;
  if (format !== RUN_EXPORT_FORMAT)
    throw new RunImportError([
      {
        path: 'format',
        message: `expected "${RUN_EXPORT_FORMAT}", got ${JSON.stringify(format) ?? 'nothing'}`,
      },
    ]);
  const result = exportSchema(knownAssistant, stateProblems).safeParse(value, {
    error: plainError,
  });
  if (!result.success)
    throw new RunImportError(
      result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  const file = value as RunExport;
  // A copy with the line-up filled in (older files have none); the caller's data stays as given.
  return { ...file, snapshot: withLineUp({ ...file.snapshot }) };
}

/** The refusal of a run file over MAX_RUN_FILE_BYTES (its size in bytes or characters). */
export function runFileTooLarge(size: number): RunImportError {
  const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return new RunImportError([
    {
      path: '',
      message: `the file is ${mb(size)}, more than the ${mb(MAX_RUN_FILE_BYTES)} a run file may be`,
    },
  ]);
}

/** The meta of an imported run: a fresh id, and it counts as new in the run list. */
export function importedMeta(file: RunExport, newId: string, now: number): RunExport['meta'] {
  return { ...file.meta, id: newId, createdAt: now, updatedAt: now };
}
