/**
 * You are the persona: a user agent whose judge is a person. Every candidate
 * that speaks waits in a queue until the person rates it; silence ("No
 * Recommendation") is scored at once by the base judge (the built-in judge
 * by default) from the persona's rubric, so the person rates suggestions
 * only. The day is planned by the base user too.
 *
 * A rating becomes the step's Judgement exactly as a simulated judge's would,
 * so the assistant learns from it the same way (judgements → preference pair
 * → the next day's DPO training).
 *
 * Ratings:
 * - `rate(id, {preference, timing, frequency, communication})`: each 0 or 1,
 *   with optional reasons. Each reason ends in "(rated by you)"; an empty
 *   reason reads "Fine by me" (1) or "Not for me" (0).
 * - `rateQuick(id, n)` with n = 0..4: n criteria pass. The failed ones are
 *   the LAST 4 − n in the order preference, timing, frequency,
 *   communication (3 → communication fails; 2 → frequency and communication
 *   fail; 1 → only preference passes; 0 → all fail). Every reason reads
 *   "rated n/4 by you".
 * - `skip(id)`: the base judge decides, as if the person were not there.
 *
 * A failed frequency verdict on a suggestion means "too often" (a suggestion
 * cannot make them too rare). Nothing here reads a clock or the DOM.
 */
import type { UserAgent } from '../../core/agents';
import { cloneJudgeMemory, type JudgeMemory } from '../../core/judgeMemory';
import type { Persona } from '../../core/persona';
import { describeForJudge, type StepContext } from '../../core/step';
import type {
  Candidate,
  CriterionResult,
  Judgement,
  Suggestion,
  Verdict,
} from '../../core/suggestion';
import { formatHhmm } from '../../core/time';
import { CRITERIA, type ActivityKind, type Criterion } from '../../core/vocab';
import { builtinUser } from './builtin';

/** One suggestion waiting for the person's rating. */
export interface PendingRating {
  readonly id: number;
  readonly day: number;
  readonly step: number;
  readonly minute: number;
  /** "HH:MM". */
  readonly time: string;
  /** The action's label ("make breakfast"). */
  readonly action: string;
  readonly activity: ActivityKind;
  readonly walking: boolean;
  /** The action as the judge sees it: "is doing: make breakfast" / "is on the way to ...". */
  readonly doing: string;
  /** Position among the step's candidates (0-based); with two, the first is explored, not said. */
  readonly candidateIndex: number;
  readonly suggestion: Suggestion;
  readonly personaName: string;
  /** The persona's rubric in its own words, for reference while rating. */
  readonly rubric: Readonly<Record<Criterion, string>>;
}

export type Bit = 0 | 1;

/** A per-criterion rating: 1 passes, 0 fails; reasons are optional. */
export type HumanRating = Record<Criterion, Bit> & {
  reasons?: Partial<Record<Criterion, string>>;
};

export interface HumanUser extends UserAgent {
  /** The suggestions waiting for a rating, oldest first. */
  pending(): readonly PendingRating[];
  /** Rate each criterion; returns the judgement handed to the run. */
  rate(id: number, rating: HumanRating): Judgement;
  /** Rate 0–4 in one go (see the file comment for which criteria fail). */
  rateQuick(id: number, score: number): Judgement;
  /** Let the base judge decide this one. */
  skip(id: number): void;
  /** Let the base judge decide every waiting one (turning the rater off). */
  skipAll(): void;
  /** Called with the queue whenever it changes; returns an unsubscribe. */
  subscribe(listener: (pending: readonly PendingRating[]) => void): () => void;
}

export const RATED_BY_YOU = 'rated by you';

function isBit(v: unknown): v is Bit {
  return v === 0 || v === 1;
}

/** The judgement of a per-criterion rating. */
export function humanJudgement(rating: HumanRating): Judgement {
  const result = (k: Criterion): CriterionResult => {
    const v = rating[k];
    if (!isBit(v)) throw new RangeError(`${k} must be rated 0 or 1, got ${String(v)}`);
    const given = rating.reasons?.[k]?.trim() ?? '';
    const text = given || (v === 1 ? 'Fine by me' : 'Not for me');
    return { pass: v === 1, reason: `${text} (${RATED_BY_YOU})` };
  };
  const preference = result('preference');
  const timing = result('timing');
  const f = result('frequency');
  const communication = result('communication');
  const frequency = { ...f, tooOften: !f.pass, tooRare: false };
  return {
    score: [preference, timing, frequency, communication].filter((c) => c.pass).length,
    criteria: { preference, timing, frequency, communication },
  };
}

/** The judgement of a quick 0–4 rating: the last 4 − n criteria (in CRITERIA order) fail. */
export function quickJudgement(score: number): Judgement {
  if (!Number.isInteger(score) || score < 0 || score > 4) {
    throw new RangeError(`a quick rating is a whole number from 0 to 4, got ${score}`);
  }
  const reason = `rated ${score}/4 by you`;
  const bit = (i: number): Bit => (i < score ? 1 : 0);
  const rating = Object.fromEntries(CRITERIA.map((k, i) => [k, bit(i)])) as Record<Criterion, Bit>;
  const j = humanJudgement(rating);
  for (const k of CRITERIA) j.criteria[k].reason = reason;
  return j;
}

interface Waiting {
  item: PendingRating;
  resolve(j: Verdict | Promise<Verdict>): void;
  /** The base judge's verdict on demand (skip), from the memory as it was when asked. */
  fallback(): Verdict | Promise<Verdict>;
}

export interface HumanUserOptions {
  /** Plans the day, scores silence and skipped suggestions (default: the built-in user). */
  base?: UserAgent;
}

export function createHumanUser(options: HumanUserOptions = {}): HumanUser {
  const base = options.base ?? builtinUser;
  const queue: Waiting[] = [];
  const listeners = new Set<(pending: readonly PendingRating[]) => void>();
  let nextId = 1;
  // The candidates of a step share its context object: count them to know each one's position.
  const seen = new WeakMap<StepContext, number>();

  const pending = (): PendingRating[] => queue.map((w) => w.item);
  const notify = (): void => {
    const now = pending();
    for (const l of [...listeners]) l(now);
  };
  const take = (id: number): Waiting => {
    const i = queue.findIndex((w) => w.item.id === id);
    const w = queue[i];
    if (!w) throw new Error(`no suggestion #${id} is waiting for a rating`);
    queue.splice(i, 1);
    return w;
  };
  const settle = (id: number, judgement: Judgement): Judgement => {
    take(id).resolve(judgement);
    notify();
    return judgement;
  };

  return {
    id: base === builtinUser ? 'builtin-planner+human-judge' : `${base.id}+human-judge`,
    planDay: (persona, day, rng, conditions) => base.planDay(persona, day, rng, conditions),
    ...(base.describeMoment ? { describeMoment: base.describeMoment } : {}),
    judge(persona: Persona, memory: JudgeMemory, ctx: StepContext, candidate: Candidate) {
      const index = seen.get(ctx) ?? 0;
      seen.set(ctx, index + 1);
      if (candidate.kind === 'silent') return base.judge(persona, memory, ctx, candidate);
      const frozen = cloneJudgeMemory(memory);
      const r = persona.rubric;
      const item: PendingRating = {
        id: nextId++,
        day: ctx.day,
        step: ctx.step,
        minute: ctx.minute,
        time: formatHhmm(ctx.minute),
        action: ctx.action.label,
        activity: ctx.action.kind,
        walking: ctx.walking,
        doing: describeForJudge(ctx),
        candidateIndex: index,
        suggestion: candidate.suggestion,
        personaName: persona.name,
        rubric: {
          preference: r.personalPreference.prose,
          timing: r.timing.prose,
          frequency: r.frequency.prose,
          communication: r.communication.prose,
        },
      };
      return new Promise<Verdict>((resolve) => {
        queue.push({
          item,
          resolve,
          fallback: () => base.judge(persona, frozen, ctx, candidate),
        });
        notify();
      });
    },
    pending,
    rate: (id, rating) => settle(id, humanJudgement(rating)),
    rateQuick: (id, score) => settle(id, quickJudgement(score)),
    skip(id) {
      const w = take(id);
      w.resolve(w.fallback());
      notify();
    },
    skipAll() {
      if (queue.length === 0) return;
      for (const w of queue.splice(0)) w.resolve(w.fallback());
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
