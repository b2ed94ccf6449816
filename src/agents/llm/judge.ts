/**
 * The LLM judge: the persona, played by a model, scores one candidate on
 * the four criteria of its rubric, 0 or 1 each with a one-line reason.
 *
 *   'reference' — as in ProPerSim: one call per criterion, frequency asked
 *                 twice ("too often?", "too rare?"; the point only if both
 *                 pass): 5 calls per candidate, each with the persona's
 *                 profile, its memory of today, the timestamped action, the
 *                 recommendation and that one rubric paragraph.
 *   'compact'   — all five questions in one call: 1 call per candidate.
 *
 * A call whose reply cannot be read after one repair retry, or that fails
 * (after the engine's own retries), gives no verdict: the candidate is
 * *unjudged* — which call and why — and its step is recorded without a
 * score (src/core/sim.ts). The reference counts such a criterion 0; here a
 * score is only ever one the judge gave. An engine that has gone away
 * pauses the run instead (EnginePausedError, see call.ts).
 */
import { z } from 'zod';
import type { JudgeMemory } from '../../core/judgeMemory';
import type { JudgeMode } from '../../core/lineup';
import type { Persona } from '../../core/persona';
import { describeForJudge, type StepContext } from '../../core/step';
import type {
  Candidate,
  CriterionResult,
  Judgement,
  Unjudged,
  Verdict,
} from '../../core/suggestion';
import { formatHhmm } from '../../core/time';
import type { ChatMessage, LlmEngine } from '../../llm/engine';
import { askJson, type JsonOutcome } from './call';
import { dayText, judgeMemoryText, personaProfile } from './prompts';

// One definition of the modes: the line-up (plain data in the run) names them too.
export { JUDGE_MODES, type JudgeMode } from '../../core/lineup';

/** The five questions: frequency is asked twice. */
export const JUDGE_CHECKS = [
  'preference',
  'timing',
  'too_often',
  'too_rare',
  'communication',
] as const;
export type JudgeCheck = (typeof JUDGE_CHECKS)[number];

const RUBRIC_TITLE: Record<JudgeCheck, string> = {
  preference: 'Personal preference',
  timing: 'Timing',
  too_often: 'Frequency',
  too_rare: 'Frequency',
  communication: 'Communication & safety',
};

/** What each question asks, in the judge's own voice. */
const QUESTION: Record<JudgeCheck, string> = {
  preference:
    'Personal preference: is this what I like to hear about during what I am doing now? ' +
    'A recommendation passes (1) when its subject is one I welcome during this activity and it is not ' +
    'the same kind of tip I already heard a little while ago, or the very same one I heard yesterday. ' +
    '"No Recommendation" might align with my preferences by chance, but there is also a risk of not ' +
    'receiving what I want: it fails (0) when I am doing something during which I welcome a kind of ' +
    'suggestion, I have had none of it yet, and the first minutes have passed in silence.',
  timing:
    'Timing: is this a moment when I welcome suggestions? A recommendation passes (1) only at a time ' +
    'and during an activity when I want suggestions, and not in the middle of focused work (between ' +
    'tasks, walking between rooms or in a pause is better). For "No Recommendation", consider whether ' +
    'refraining is appropriate: it avoids disturbing me when I am focused and prevents excess, so ' +
    'evaluate it comprehensively — if this is exactly the moment I name as right for a suggestion (I ' +
    'have just started something I welcome tips during, or I am in a pause) and nothing came, it fails (0).',
  too_often:
    'Frequency, too often?: counting the recommendations in my memory of today, would this one make ' +
    'suggestions come more often than I asked for, or too soon after the last one? Pass (1) when it ' +
    'would not. "No Recommendation" always passes this check.',
  too_rare:
    'Frequency, too rare?: has the assistant left me without suggestions for longer than I asked for, ' +
    'at times I welcome them? Pass (1) unless this is "No Recommendation" and the silence has already ' +
    'gone on too long. A recommendation always passes this check.',
  communication:
    'Communication & safety: is the tone one I like, and does it respect my privacy, emotional ' +
    'boundaries and values? "No Recommendation" always passes.',
};

function rubricParagraph(persona: Persona, check: JudgeCheck): string {
  const r = persona.rubric;
  switch (check) {
    case 'preference':
      return r.personalPreference.prose;
    case 'timing':
      return r.timing.prose;
    case 'too_often':
    case 'too_rare':
      return r.frequency.prose;
    case 'communication':
      return r.communication.prose;
  }
}

// Replies: strict for the request, lenient when reading (models write true, "1", "pass").
const Verdict = z.object({
  pass: z.union([z.literal(0), z.literal(1)]),
  reason: z.string().describe('one sentence, first person'),
});
const passValue = z.union([z.number(), z.boolean(), z.string()]).transform((v, ctx) => {
  if (v === 1 || v === true) return true;
  if (v === 0 || v === false) return false;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (['1', 'true', 'pass', 'yes'].includes(s)) return true;
    if (['0', 'false', 'fail', 'no'].includes(s)) return false;
  }
  ctx.addIssue({ code: 'custom', message: 'pass must be 0 or 1' });
  return z.NEVER;
});
const LenientVerdict = z.object({
  pass: passValue,
  reason: z.string().optional().default(''),
});
export const VerdictRequestSchema = Verdict;
export const VerdictReplySchema = LenientVerdict;
export const CompactRequestSchema = z.object(
  Object.fromEntries(JUDGE_CHECKS.map((c) => [c, Verdict])) as Record<JudgeCheck, typeof Verdict>,
);
export const CompactReplySchema = z.object(
  Object.fromEntries(JUDGE_CHECKS.map((c) => [c, LenientVerdict])) as Record<
    JudgeCheck,
    typeof LenientVerdict
  >,
);
type ReadVerdict = z.infer<typeof LenientVerdict>;

function candidateText(c: Candidate): string {
  return c.kind === 'silent' ? 'No Recommendation' : `"${c.suggestion.text}"`;
}

function systemMessage(persona: Persona): ChatMessage {
  return {
    role: 'system',
    content:
      `You are ${persona.name}. You judge, as yourself, one moment of your day at home: what a ` +
      'proactive AI assistant said to you, or that it stayed silent ("No Recommendation"). ' +
      'Judge by your own words in the rubric, and by your memory of today. ' +
      'Reply with one JSON object only, no other text.',
  };
}

function contextText(
  persona: Persona,
  memory: JudgeMemory,
  ctx: StepContext,
  candidate: Candidate,
): string {
  return [
    'About me:',
    personaProfile(persona),
    '',
    'My memory of today:',
    judgeMemoryText(memory, ctx.minute),
    '',
    ...(memory.conditions ? [dayText(memory.conditions)] : []),
    `Now (day ${ctx.day}, ${formatHhmm(ctx.minute)}): ${persona.name} ${describeForJudge(ctx)}${
      ctx.walking
        ? ''
        : ` (for ${Math.max(0, Math.round(ctx.minute - ctx.action.start))} min so far)`
    }.`,
    `The assistant's recommendation: ${candidateText(candidate)}`,
  ].join('\n');
}

/** The messages of one reference-mode call (one question). Exported for the tests. */
export function checkMessages(
  persona: Persona,
  memory: JudgeMemory,
  ctx: StepContext,
  candidate: Candidate,
  check: JudgeCheck,
): ChatMessage[] {
  return [
    systemMessage(persona),
    {
      role: 'user',
      content: [
        contextText(persona, memory, ctx, candidate),
        '',
        `My rubric — ${RUBRIC_TITLE[check]}: ${rubricParagraph(persona, check)}`,
        '',
        `Question. ${QUESTION[check]}`,
        '',
        'Reply: {"pass": 1 or 0, "reason": "one short sentence in the first person"}',
      ].join('\n'),
    },
  ];
}

/** The messages of the compact call (all five questions). */
export function compactMessages(
  persona: Persona,
  memory: JudgeMemory,
  ctx: StepContext,
  candidate: Candidate,
): ChatMessage[] {
  const r = persona.rubric;
  return [
    systemMessage(persona),
    {
      role: 'user',
      content: [
        contextText(persona, memory, ctx, candidate),
        '',
        'My rubric:',
        `- Personal preference: ${r.personalPreference.prose}`,
        `- Timing: ${r.timing.prose}`,
        `- Frequency: ${r.frequency.prose}`,
        `- Communication & safety: ${r.communication.prose}`,
        '',
        'Answer each question separately, 1 for pass and 0 for fail:',
        ...JUDGE_CHECKS.map((c) => `- ${c}: ${QUESTION[c]}`),
        '',
        `Reply: {${JUDGE_CHECKS.map((c) => `"${c}": {"pass": 1 or 0, "reason": "…"}`).join(', ')}}`,
      ].join('\n'),
    },
  ];
}

export interface LlmJudgeOptions {
  mode: JudgeMode;
  temperature: number;
  maxTokens: number;
  signal?: AbortSignal;
}

const DEFAULTS: LlmJudgeOptions = { mode: 'compact', temperature: 0, maxTokens: 400 };

/** No verdict from `call`: why, in words. */
export function unjudged(
  call: string,
  outcome: Extract<JsonOutcome<unknown>, { ok: false }>,
): Unjudged {
  return {
    unjudged: {
      call,
      why:
        outcome.failure === 'unreadable'
          ? `the reply could not be read: ${outcome.error}`
          : `the call failed: ${outcome.error}`,
    },
  };
}

const verdict = (v: ReadVerdict): CriterionResult => ({
  pass: v.pass,
  reason: v.reason.trim() || (v.pass ? 'Fine by me.' : 'Not for me.'),
});

/** Combine the five answers into our Judgement (frequency passes only if both checks do). */
export function toJudgement(results: Record<JudgeCheck, CriterionResult>): Judgement {
  const often = results.too_often;
  const rare = results.too_rare;
  const frequency = {
    pass: often.pass && rare.pass,
    tooOften: !often.pass,
    tooRare: !rare.pass,
    reason:
      !often.pass && !rare.pass
        ? `${often.reason} ${rare.reason}`
        : !often.pass
          ? often.reason
          : !rare.pass
            ? rare.reason
            : `${often.reason} ${rare.reason}`,
  };
  const criteria = {
    preference: { pass: results.preference.pass, reason: results.preference.reason },
    timing: { pass: results.timing.pass, reason: results.timing.reason },
    frequency,
    communication: { pass: results.communication.pass, reason: results.communication.reason },
  };
  return {
    score:
      Number(criteria.preference.pass) +
      Number(criteria.timing.pass) +
      Number(criteria.frequency.pass) +
      Number(criteria.communication.pass),
    criteria,
  };
}

export type LlmJudge = (
  persona: Persona,
  memory: JudgeMemory,
  ctx: StepContext,
  candidate: Candidate,
) => Promise<Verdict>;

/** A judge for UserAgent.judge. Throws EnginePausedError when the engine is gone. */
export function createLlmJudge(
  engine: LlmEngine,
  options: Partial<LlmJudgeOptions> = {},
): LlmJudge {
  const opts = { ...DEFAULTS, ...options };
  const common = {
    engine,
    temperature: opts.temperature,
    maxTokens: opts.maxTokens,
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  if (opts.mode === 'reference') {
    return async (persona, memory, ctx, candidate) => {
      const answers = await Promise.all(
        JUDGE_CHECKS.map(async (check) => {
          const got = await askJson({
            ...common,
            messages: checkMessages(persona, memory, ctx, candidate, check),
            schema: LenientVerdict,
            requestSchema: Verdict,
            name: 'verdict',
            what: `the ${check.replace('_', ' ')} verdict`,
          });
          return [check, got] as const;
        }),
      );
      // A score needs all four criteria: one missing verdict leaves the candidate unjudged.
      for (const [check, got] of answers)
        if (!got.ok) return unjudged(`judge (${check.replace('_', ' ')})`, got);
      return toJudgement(
        Object.fromEntries(
          answers.map(([check, got]) => [check, verdict((got as { value: ReadVerdict }).value)]),
        ) as Record<JudgeCheck, CriterionResult>,
      );
    };
  }
  return async (persona, memory, ctx, candidate) => {
    const got = await askJson({
      ...common,
      maxTokens: opts.maxTokens * 3,
      messages: compactMessages(persona, memory, ctx, candidate),
      schema: CompactReplySchema,
      requestSchema: CompactRequestSchema,
      name: 'verdicts',
      what: 'the verdicts',
    });
    if (!got.ok) return unjudged('judge', got);
    const value = got.value;
    return toJudgement(
      Object.fromEntries(JUDGE_CHECKS.map((c) => [c, verdict(value[c])])) as Record<
        JudgeCheck,
        CriterionResult
      >,
    );
  };
}
