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
import { stepsPerDay } from '../core/time';
import { RunImportError, RUN_EXPORT_FORMAT, RUN_EXPORT_VERSION, type RunExport } from './types';

const int = z.number().int();
const count = int.min(0);
const probability = z.number().min(0).max(1);
const rngState = z.object({ a: int, b: int, c: int, d: int });

const MetaSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  personaId: z.string().min(1),
  personaName: z.string(),
  assistantId: z.string().min(1),
  seed: z.string(),
  engine: z.string().min(1),
  createdAt: z.number(),
  updatedAt: z.number(),
  day: int.min(1),
  step: count,
  finished: z.boolean(),
});

const ActionSchema = z.object({
  start: z.number().min(0),
  end: z.number().min(0),
  kind: z.string().min(1),
  label: z.string(),
  object: z.string().min(1),
  room: z.string().min(1),
  walkSeconds: z.number().min(0),
});

const ConfigSchema = z.object({
  seed: z.string(),
  days: int.min(1),
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
function snapshotSchema(knownAssistant: (id: string) => boolean) {
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
      day: int.min(1),
      step: count,
      schedule: z.array(ActionSchema),
      judgeMemory: z.object({}).loose(),
      assistant: present,
      today: z.object({}).loose(),
      days: z.array(z.object({ day: int.min(1) }).loose()),
      totalPairs: count,
      plannedDay: count,
      planSource: z.string(),
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
    });
}

const InputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('advance'), steps: count }),
  z.object({ type: z.literal('start-day'), schedule: z.array(ActionSchema), source: z.string() }),
  z.object({ type: z.literal('begin-step') }),
  z.object({
    type: z.literal('complete-step'),
    candidates: z.array(z.object({ kind: z.enum(['silent', 'recommend']) }).loose()),
    // A judgement, or a judge's "no verdict" (the step was recorded unjudged).
    judgements: z.array(
      z.union([
        z.object({ score: z.number() }).loose(),
        z.object({ unjudged: z.object({ call: z.string(), why: z.string() }) }).loose(),
      ]),
    ),
    note: z.object({}).loose().nullable(),
  }),
  z.object({ type: z.literal('set-persona'), persona: PersonaSchema }),
  z.object({ type: z.literal('set-judge-noise'), noise: probability }),
  z.object({ type: z.literal('set-lineup'), lineup: LineUpSchema }),
]);

const StepSchema = z
  .object({
    day: int.min(1),
    step: count,
    asleep: z.boolean(),
    decision: z.enum(['silent', 'recommend', 'asleep']),
    candidates: z.array(z.unknown()),
  })
  .loose();

const exportSchema = (knownAssistant: (id: string) => boolean) =>
  z
    .object({
      format: z.literal(RUN_EXPORT_FORMAT),
      version: z.literal(RUN_EXPORT_VERSION),
      meta: MetaSchema,
      snapshot: snapshotSchema(knownAssistant),
      inputs: z.array(InputSchema),
      steps: z.array(StepSchema),
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
 * Check an import: an object, or JSON text. Returns the data as given (typed)
 * or throws RunImportError naming the fields.
 */
export function validateRunExport(
  data: unknown,
  knownAssistant: (id: string) => boolean = (id) => id.length > 0,
): RunExport {
  let value = data;
  if (typeof data === 'string') {
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
  const result = exportSchema(knownAssistant).safeParse(value, { error: plainError });
  if (!result.success)
    throw new RunImportError(
      result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  const file = value as RunExport;
  // A copy with the line-up filled in (older files have none); the caller's data stays as given.
  return { ...file, snapshot: withLineUp({ ...file.snapshot }) };
}

/** The meta of an imported run: a fresh id, and it counts as new in the run list. */
export function importedMeta(file: RunExport, newId: string, now: number): RunExport['meta'] {
  return { ...file.meta, id: newId, createdAt: now, updatedAt: now };
}
