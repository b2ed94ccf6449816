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
