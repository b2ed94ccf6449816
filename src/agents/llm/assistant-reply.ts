/**
 * The LLM assistant's reply: what the model is asked for (exactly n
 * candidates, our topics and tones), what is accepted (a lenient reading
 * of what models write), and a candidate as the model would have written it
 * (for the preference pairs).
 */
import { z } from 'zod';
import { SILENT, type Candidate } from '../../core/suggestion';
import { TONES, TOPICS, type Tone, type Topic } from '../../core/vocab';

/** Candidates as the model writes them: lenient, mapped onto our vocabulary afterwards. */
const LenientCandidate = z.object({
  decision: z.string().optional().default(''),
  suggestion: z.string().nullable().optional(),
  topic: z.string().nullable().optional(),
  tone: z.string().nullable().optional(),
});
export const AssistantReplySchema = z.preprocess(
  (v) => {
    if (Array.isArray(v)) return { candidates: v };
    if (
      v &&
      typeof v === 'object' &&
      !('candidates' in v) &&
      ('decision' in v || 'suggestion' in v)
    )
      return { candidates: [v] };
    return v;
  },
  z.object({ candidates: z.array(LenientCandidate).min(1) }),
);
export type LenientCandidate = z.infer<typeof LenientCandidate>;

const requestSchemas = new Map<number, z.ZodType>();
/** What the model is asked for: exactly `n` candidates. */
export function assistantRequestSchema(n: number): z.ZodType {
  let s = requestSchemas.get(n);
  if (!s) {
    s = z.object({
      candidates: z
        .array(
          z.object({
            decision: z.enum(['recommend', 'silent']),
            suggestion: z.string().nullable(),
            topic: z.enum(TOPICS).nullable(),
            tone: z.enum(TONES).nullable(),
          }),
        )
        .min(n)
        .max(n),
    });
    requestSchemas.set(n, s);
  }
  return s;
}

const TOPIC_SET = new Set<string>(TOPICS);
const TONE_SET = new Set<string>(TONES);

function pickWord<T extends string>(
  value: string | null | undefined,
  set: Set<string>,
  all: readonly T[],
  fallbackText: string,
  fallback: T,
): T {
  const v = (value ?? '').toLowerCase().trim().replace(/\s+/g, '-');
  if (set.has(v)) return v as T;
  const inValue = all.find((w) => v.includes(w));
  if (inValue) return inValue;
  const text = fallbackText.toLowerCase();
  return all.find((w) => new RegExp(`\\b${w.replace('-', '[- ]')}\\b`).test(text)) ?? fallback;
}

/** A model's candidate as ours: silence unless it says what to recommend. */
export function toCandidate(c: LenientCandidate): Candidate {
  const text = (c.suggestion ?? '').trim().replace(/\s+/g, ' ');
  const d = c.decision.toLowerCase();
  const speaks = /recommend|speak|suggest/.test(d) || (d.trim() === '' && text !== '');
  if (!speaks || /silen/.test(d) || text === '' || /^no recommendation\.?$/i.test(text))
    return SILENT;
  return {
    kind: 'recommend',
    suggestion: {
      text: text.slice(0, 300),
      topic: pickWord<Topic>(c.topic, TOPIC_SET, TOPICS, text, 'self-care'),
      tone: pickWord<Tone>(c.tone, TONE_SET, TONES, '', 'friendly'),
    },
  };
}

export function candidateJson(c: Candidate): string {
  return c.kind === 'silent'
    ? JSON.stringify({ decision: 'silent', suggestion: null, topic: null, tone: null })
    : JSON.stringify({
        decision: 'recommend',
        suggestion: c.suggestion.text,
        topic: c.suggestion.topic,
        tone: c.suggestion.tone,
      });
}
