/**
 * `--derive-with-llm`: ask a model for the structured rubric of an imported
 * persona, against the JSON Schema of our rubric fields; validate it (schema,
 * then the whole persona); and list where it differs from the rule-based
 * derivation. The rule-based rubric stays the default and the fallback: when
 * the model's answer cannot be used, the caller keeps the rules' one.
 */
import { z } from 'zod';
import { PersonaError, RubricSchema, parsePersona, type Persona } from '../core/persona';
import { ACTIVITY_KINDS, TONES, TOPICS } from '../core/vocab';
import { chatJson } from './chat-json';
import type { LlmEngine, TokenUsage } from './engine';

/** The rubric's structured fields (no prose: the prose is the input). */
export const DerivedRubricSchema = z
  .object({
    personalPreference: RubricSchema.shape.personalPreference.omit({ prose: true }),
    timing: RubricSchema.shape.timing.omit({ prose: true }),
    frequency: RubricSchema.shape.frequency.omit({ prose: true }),
    communication: RubricSchema.shape.communication.omit({ prose: true }),
  })
  .strict();
export type DerivedRubric = z.infer<typeof DerivedRubricSchema>;

export function rubricPrompt(p: Persona): { role: 'system' | 'user'; content: string }[] {
  const r = p.routine;
  return [
    {
      role: 'system',
      content: [
        "You turn a person's four rubric paragraphs (what suggestions an assistant at home may make, when, how often, how) into structured fields.",
        'Answer with one JSON object that follows the schema. Use only these words:',
        `- activities: ${ACTIVITY_KINDS.join(', ')}`,
        `- topics: ${TOPICS.join(', ')}`,
        `- tones: ${TONES.join(', ')}`,
        'Rules: welcomeWindows are the times of day (HH:MM, 24-hour) when suggestions are welcome at all; quietActivities are activities never to interrupt.',
        'frequency: between min and max suggestions per windowMinutes of welcome time, never two closer than minGapMinutes.',
        'A purpose clause ("so they don\'t interfere with my work") does not make the times it follows unwelcome.',
        'A tone said with "not" ("not overly formal") is not accepted.',
      ].join('\n'),
    },
    {
      role: 'user',
      content: [
        `Routine: wakes ${r.wake}, breakfast ${r.breakfast}, lunch ${r.lunch}, dinner ${r.dinner}, bed ${r.sleep}${r.work.length ? `, works ${r.work.map((w) => `${w.start}–${w.end}`).join(' and ')}` : ''}.`,
        `Personal preference: ${p.rubric.personalPreference.prose}`,
        `Timing: ${p.rubric.timing.prose}`,
        `Frequency: ${p.rubric.frequency.prose}`,
        `Communication & safety: ${p.rubric.communication.prose}`,
      ].join('\n'),
    },
  ];
}

export type LlmRubricResult =
  | { ok: true; rubric: DerivedRubric; persona: Persona; differences: string[]; usage: TokenUsage }
  | { ok: false; error: string; usage: TokenUsage };

const sortedJoin = (xs: readonly string[]): string => [...xs].sort().join(', ') || '(none)';
const windows = (ws: readonly { from: string; to: string }[]): string =>
  ws.map((w) => `${w.from}–${w.to}`).join(', ');
const welcome = (ws: DerivedRubric['personalPreference']['welcome']): string[] =>
  [
    ...new Set(ws.flatMap((w) => w.activities.flatMap((a) => w.topics.map((t) => `${a} × ${t}`)))),
  ].sort();

/** Field by field, where the model's rubric differs from the rules' one. */
export function rubricDifferences(rules: Persona['rubric'], model: DerivedRubric): string[] {
  const out: string[] = [];
  const cmp = (field: string, a: string, b: string): void => {
    if (a !== b) out.push(`${field}: rules ${a} · model ${b}`);
  };
  const ra = welcome(rules.personalPreference.welcome);
  const ma = welcome(model.personalPreference.welcome);
  const onlyRules = ra.filter((x) => !ma.includes(x));
  const onlyModel = ma.filter((x) => !ra.includes(x));
  if (onlyRules.length || onlyModel.length)
    out.push(
      `personalPreference.welcome: only the rules ${onlyRules.join(', ') || '(none)'} · only the model ${onlyModel.join(', ') || '(none)'}`,
    );
  cmp(
    'timing.welcomeWindows',
    windows(rules.timing.welcomeWindows),
    windows(model.timing.welcomeWindows),
  );
  cmp(
    'timing.quietActivities',
    sortedJoin(rules.timing.quietActivities),
    sortedJoin(model.timing.quietActivities),
  );
  for (const k of ['windowMinutes', 'min', 'max', 'minGapMinutes'] as const)
    cmp(`frequency.${k}`, String(rules.frequency[k]), String(model.frequency[k]));
  cmp(
    'communication.tones',
    sortedJoin(rules.communication.tones),
    sortedJoin(model.communication.tones),
  );
  cmp(
    'communication.avoidTopics',
    sortedJoin(rules.communication.avoidTopics),
    sortedJoin(model.communication.avoidTopics),
  );
  return out;
}

/** Ask the model; validate its rubric as part of the whole persona; compare with the rules. */
export async function deriveRubricWithLlm(
  engine: LlmEngine,
  persona: Persona,
  signal?: AbortSignal,
): Promise<LlmRubricResult> {
  const reply = await chatJson(
    engine,
    { messages: rubricPrompt(persona), temperature: 0, ...(signal ? { signal } : {}) },
    DerivedRubricSchema,
    { what: 'the structured rubric', attempts: 2 },
  );
  if (!reply.ok) return { ok: false, error: reply.error, usage: reply.usage };
  const m = reply.value;
  const rubric = {
    personalPreference: { prose: persona.rubric.personalPreference.prose, ...m.personalPreference },
    timing: { prose: persona.rubric.timing.prose, ...m.timing },
    frequency: { prose: persona.rubric.frequency.prose, ...m.frequency },
    communication: { prose: persona.rubric.communication.prose, ...m.communication },
  };
  let checked: Persona;
  try {
    checked = parsePersona({ ...persona, rubric }, "the model's rubric");
  } catch (err) {
    const msg =
      err instanceof PersonaError
        ? err.problems.map((p) => `${p.path}: ${p.message}`).join('; ')
        : String(err);
    return { ok: false, error: msg, usage: reply.usage };
  }
  return {
    ok: true,
    rubric: m,
    persona: checked,
    differences: rubricDifferences(persona.rubric, m),
    usage: reply.usage,
  };
}
