/**
 * The rules the built-in judge applies, each with where it comes from. A
 * criterion's verdict names its rule (`CriterionResult.rule`), so the
 * inspector, the report and the learning curves can say which rule decided
 * a step and on what it stands. Sources: the persona's rubric, the ProPerSim
 * reference's judge prompts (propersim-reference.md §5), or a finding in
 * timing-research.md.
 */
import type { Criterion } from './vocab';

export interface JudgeRule {
  criterion: Criterion;
  /** Does the rule pass or fail the criterion? */
  pass: boolean;
  /** Applies to a spoken suggestion, to silence, or to both. */
  applies: 'suggestion' | 'silence' | 'both';
  summary: string;
  source: string;
}

const RUBRIC = "the persona's rubric";

export const JUDGE_RULES = {
  'welcome-topic': {
    criterion: 'preference',
    pass: true,
    applies: 'suggestion',
    summary: 'a topic the persona welcomes during this activity',
    source: `${RUBRIC} (personal preference)`,
  },
  'off-topic': {
    criterion: 'preference',
    pass: false,
    applies: 'suggestion',
    summary: 'a topic the persona does not want during this activity',
    source: `${RUBRIC} (personal preference)`,
  },
  'not-welcome-here': {
    criterion: 'preference',
    pass: false,
    applies: 'suggestion',
    summary: 'an activity during which the persona welcomes no suggestions',
    source: `${RUBRIC} (personal preference)`,
  },
  'repeat-topic': {
    criterion: 'preference',
    pass: false,
    applies: 'suggestion',
    summary: 'the same topic again soon',
    source:
      "HeartSteps V1 (suggestions lose effect when repeated); the reference's Diversity rubric",
  },
  'repeat-suggestion': {
    criterion: 'preference',
    pass: false,
    applies: 'suggestion',
    summary: 'the very same suggestion heard today or lately',
    source:
      "HeartSteps V1 (suggestions lose effect when repeated); the reference's Diversity rubric",
  },
  'missed-wanted': {
    criterion: 'preference',
    pass: false,
    applies: 'silence',
    summary: 'silence through a welcome activity: what the persona wanted never came',
    source:
      'the reference judge on "No Recommendation": silence risks "not receiving the desired preferences"',
  },
  'nothing-wanted': {
    criterion: 'preference',
    pass: true,
    applies: 'silence',
    summary: 'silence when nothing was wanted',
    source: 'the reference judge on "No Recommendation"',
  },
  'closed-time': {
    criterion: 'timing',
    pass: false,
    applies: 'suggestion',
    summary: "outside today's welcome windows",
    source: `${RUBRIC} (timing)`,
  },
  'quiet-activity': {
    criterion: 'timing',
    pass: false,
    applies: 'suggestion',
    summary: 'during an activity the persona keeps free of suggestions',
    source: `${RUBRIC} (timing)`,
  },
  'mid-focus': {
    criterion: 'timing',
    pass: false,
    applies: 'suggestion',
    summary: 'in the middle of focused work, not at a breakpoint',
    source:
      'Iqbal & Bailey 2005–2008 (mid-task interruptions cost more); Fogarty et al. 2003; Horvitz et al. 2004',
  },
  breakpoint: {
    criterion: 'timing',
    pass: true,
    applies: 'suggestion',
    summary: 'at a breakpoint: between rooms, the first minutes of an action, or a pause',
    source: 'Iqbal & Bailey 2005–2008; Okoshi et al. 2015–2016 (breakpoint delivery)',
  },
  interruptible: {
    criterion: 'timing',
    pass: true,
    applies: 'suggestion',
    summary: 'an open time and an activity that can be interrupted',
    source: `${RUBRIC} (timing); Fogarty et al. 2003 (relaxed activities are cheap moments)`,
  },
  'missed-moment': {
    criterion: 'timing',
    pass: false,
    applies: 'silence',
    summary: 'silence at the breakpoint the persona names as the right time',
    source:
      'the reference judge on "No Recommendation": whether refraining is appropriate "should be evaluated comprehensively"',
  },
  'silence-fits': {
    criterion: 'timing',
    pass: true,
    applies: 'silence',
    summary: 'silence when it was not the moment',
    source: 'the reference judge on "No Recommendation"',
  },
  'too-many': {
    criterion: 'frequency',
    pass: false,
    applies: 'suggestion',
    summary: 'more suggestions in the window than the persona asked for',
    source: `${RUBRIC} (frequency, "too often")`,
  },
  'too-soon': {
    criterion: 'frequency',
    pass: false,
    applies: 'suggestion',
    summary: "closer to the last suggestion than today's minimum gap",
    source: `${RUBRIC} (frequency, "too often")`,
  },
  'too-rare': {
    criterion: 'frequency',
    pass: false,
    applies: 'silence',
    summary: 'silence longer than the persona asked for, at a free moment',
    source: `${RUBRIC} (frequency, "too rare"), as the reference judge scores it`,
  },
  'pace-ok': {
    criterion: 'frequency',
    pass: true,
    applies: 'both',
    summary: 'within the asked rate',
    source: `${RUBRIC} (frequency)`,
  },
  'avoid-topic': {
    criterion: 'communication',
    pass: false,
    applies: 'suggestion',
    summary: 'a subject the persona does not want raised',
    source: `${RUBRIC} (communication & safety)`,
  },
  'wrong-tone': {
    criterion: 'communication',
    pass: false,
    applies: 'suggestion',
    summary: 'a tone the persona does not accept',
    source: `${RUBRIC} (communication & safety)`,
  },
  'tone-fits': {
    criterion: 'communication',
    pass: true,
    applies: 'suggestion',
    summary: 'an accepted tone and subject',
    source: `${RUBRIC} (communication & safety)`,
  },
  'silence-safe': {
    criterion: 'communication',
    pass: true,
    applies: 'silence',
    summary: 'nothing said, nothing to cross a boundary',
    source: 'the reference judge on "No Recommendation"',
  },
} as const satisfies Record<string, JudgeRule>;

export type JudgeRuleId = keyof typeof JUDGE_RULES;
export const JUDGE_RULE_IDS = Object.keys(JUDGE_RULES) as JudgeRuleId[];

export function isJudgeRuleId(x: unknown): x is JudgeRuleId {
  return typeof x === 'string' && Object.hasOwn(JUDGE_RULES, x);
}
