/**
 * Daily metrics, as the reference reports them and beyond: mean score,
 * recommendations per waking hour, silent steps, each criterion's pass rate
 * and a confusion matrix of speaking against what the person wanted.
 */
import type { JudgeRuleId } from './judge-rules';
import type { Candidate, Judgement } from './suggestion';
import { CRITERIA, type Criterion } from './vocab';

export interface Confusion {
  /** Spoke, and the moment and subject were welcome (timing and preference passed). */
  spokeWelcome: number;
  /** Spoke when it was not welcome. */
  spokeUnwelcome: number;
  /** Stayed silent when the person wanted a suggestion (missed the moment, what it wanted, or too rare). */
  silentMissed: number;
  /** Stayed silent, and that was right. */
  silentRight: number;
}

export interface DaySummary {
  day: number;
  /** Waking steps the judge scored; every rate and mean below is over these. */
  scoredSteps: number;
  /** null when no step of the day was scored (never an invented 0). */
  meanScore: number | null;
  recommendations: number;
  recMeanScore: number | null;
  silentSteps: number;
  silentShare: number;
  silentMeanScore: number | null;
  wakingHours: number;
  recsPerWakingHour: number;
  passRate: Record<Criterion, number>;
  tooOften: number;
  tooRare: number;
  confusion: Confusion;
  /** Preference pairs produced today (ties dropped). */
  pairs: number;
  /** How many delivered judgements failed by each of the built-in judge's rules. */
  failedRules: Partial<Record<JudgeRuleId, number>>;
  /**
   * Waking steps the judge could not score (a model's call failed or its
   * reply could not be read): in no mean, no rate and no pair. Present only
   * when there were some, so a fully judged day's summary is byte for byte
   * what it was before the field existed (the golden runs pin it).
   */
  unjudgedSteps?: number;
}

export interface DayAccumulator {
  day: number;
  stepMinutes: number;
  scored: number;
  scoreSum: number;
  recs: number;
  recScoreSum: number;
  silentScoreSum: number;
  pass: Record<Criterion, number>;
  tooOften: number;
  tooRare: number;
  confusion: Confusion;
  pairs: number;
  failedRules: Partial<Record<JudgeRuleId, number>>;
  /** Unjudged waking steps; absent until the first (runs saved before it existed have none). */
  unjudged?: number;
}

export function newAccumulator(day: number, stepMinutes: number): DayAccumulator {
  return {
    day,
    stepMinutes,
    scored: 0,
    scoreSum: 0,
    recs: 0,
    recScoreSum: 0,
    silentScoreSum: 0,
    pass: { preference: 0, timing: 0, frequency: 0, communication: 0 },
    tooOften: 0,
    tooRare: 0,
    confusion: { spokeWelcome: 0, spokeUnwelcome: 0, silentMissed: 0, silentRight: 0 },
    pairs: 0,
    failedRules: {},
  };
}

/** A waking step the judge could not score: counted apart, in no mean. */
export function countUnjudged(acc: DayAccumulator): void {
  acc.unjudged = (acc.unjudged ?? 0) + 1;
}

/** Unjudged steps of a day's summary (0 when the field is absent). */
export function unjudgedOf(d: Pick<DaySummary, 'unjudgedSteps'>): number {
  return d.unjudgedSteps ?? 0;
}

export function accumulate(
  acc: DayAccumulator,
  delivered: Candidate,
  j: Judgement,
  pair: boolean,
): void {
  acc.scored++;
  acc.scoreSum += j.score;
  for (const c of CRITERIA) {
    const v = j.criteria[c];
    if (v.pass) acc.pass[c]++;
    else if (v.rule) {
      // An accumulator restored from a run saved before rules existed has none yet.
      acc.failedRules ??= {};
      acc.failedRules[v.rule] = (acc.failedRules[v.rule] ?? 0) + 1;
    }
  }
  if (j.criteria.frequency.tooOften) acc.tooOften++;
  if (j.criteria.frequency.tooRare) acc.tooRare++;
  if (pair) acc.pairs++;
  if (delivered.kind === 'recommend') {
    acc.recs++;
    acc.recScoreSum += j.score;
    if (j.criteria.timing.pass && j.criteria.preference.pass) acc.confusion.spokeWelcome++;
    else acc.confusion.spokeUnwelcome++;
  } else {
    acc.silentScoreSum += j.score;
    if (!j.criteria.preference.pass || !j.criteria.timing.pass || j.criteria.frequency.tooRare)
      acc.confusion.silentMissed++;
    else acc.confusion.silentRight++;
  }
}

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function summarise(acc: DayAccumulator): DaySummary {
  const silent = acc.scored - acc.recs;
  const wakingHours = (acc.scored * acc.stepMinutes) / 60;
  const passRate = Object.fromEntries(
    CRITERIA.map((c) => [c, acc.scored ? round(acc.pass[c] / acc.scored) : 0]),
  ) as Record<Criterion, number>;
  return {
    day: acc.day,
    scoredSteps: acc.scored,
    meanScore: acc.scored ? round(acc.scoreSum / acc.scored) : null,
    recommendations: acc.recs,
    recMeanScore: acc.recs ? round(acc.recScoreSum / acc.recs) : null,
    silentSteps: silent,
    silentShare: acc.scored ? round(silent / acc.scored) : 0,
    silentMeanScore: silent ? round(acc.silentScoreSum / silent) : null,
    wakingHours: round(wakingHours, 3),
    recsPerWakingHour: wakingHours ? round(acc.recs / wakingHours) : 0,
    passRate,
    tooOften: acc.tooOften,
    tooRare: acc.tooRare,
    confusion: { ...acc.confusion },
    pairs: acc.pairs,
    failedRules: { ...(acc.failedRules ?? {}) },
    ...(acc.unjudged ? { unjudgedSteps: acc.unjudged } : {}),
  };
}
