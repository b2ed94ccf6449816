/**
 * What the assistant can say at a step, and what the judge says back.
 */
import type { JudgeRuleId } from './judge-rules';
import type { Criterion, Tone, Topic } from './vocab';

/** A suggestion the judge can assess: text, a topic and a tone. */
export interface Suggestion {
  text: string;
  topic: Topic;
  tone: Tone;
  /** Catalogue id, when it came from the built-in catalogue. */
  id?: string;
}

export type Candidate = { kind: 'silent' } | { kind: 'recommend'; suggestion: Suggestion };

export const SILENT: Candidate = Object.freeze({ kind: 'silent' }) as Candidate;

export interface CriterionResult {
  pass: boolean;
  reason: string;
  /** Set when judge noise flipped this verdict. */
  flipped?: boolean;
  /** The built-in judge's rule that decided this verdict (LLM and human judges give none). */
  rule?: JudgeRuleId;
}

export interface FrequencyResult extends CriterionResult {
  tooOften: boolean;
  tooRare: boolean;
}

export interface Judgement {
  /** 0 to 4: one point per criterion passed. */
  score: number;
  criteria: Record<Exclude<Criterion, 'frequency'>, CriterionResult> & {
    frequency: FrequencyResult;
  };
}

/**
 * Which judge call gave no verdict, and why: it failed (the server broke, it
 * timed out) or its reply could not be read. A step with such a candidate is
 * recorded as *unjudged*: it has no score, no preference pair, and counts in
 * no mean. (The ProPerSim reference counts an unreadable verdict as 0; here a
 * score is only ever one somebody gave.)
 */
export interface UnjudgedReason {
  /** The call that failed, for people: "judge", "judge (timing)", … */
  call: string;
  /** What went wrong, secrets masked: "the reply could not be read: …". */
  why: string;
}

/** A judge's answer about a candidate it could not score. */
export interface Unjudged {
  unjudged: UnjudgedReason;
}

/** What a judge returns for one candidate: a judgement, or the reason there is none. */
export type Verdict = Judgement | Unjudged;

export function isUnjudged(v: Verdict): v is Unjudged {
  return (v as Partial<Unjudged>).unjudged !== undefined;
}

export function candidateText(c: Candidate): string {
  return c.kind === 'silent' ? 'No Recommendation' : c.suggestion.text;
}

export function sumScore(criteria: Judgement['criteria']): number {
  return (
    Number(criteria.preference.pass) +
    Number(criteria.timing.pass) +
    Number(criteria.frequency.pass) +
    Number(criteria.communication.pass)
  );
}
