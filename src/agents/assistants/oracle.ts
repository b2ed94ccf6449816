/**
 * The oracle and the two baselines that split its lead into timing and
 * content. All three read the person's side (the persona and the judge's
 * memory of today, through `obs.peek`): they are upper bounds and
 * yardsticks, not competitors.
 *
 * - `oracle`: at each step, says whatever the built-in judge would score
 *   best — silence on ties, unless that silence is already "too rare" — so
 *   it speaks at the moments the receptivity model calls wanted (and when
 *   silence has gone on too long), with the best-scoring suggestion.
 * - `oracle-anytime` (content right, timing random): the oracle's best
 *   suggestion for the moment, delivered at random waking moments at the
 *   rate the persona asked for.
 * - `oracle-anything` (timing right, content random): speaks exactly when
 *   the oracle would, with a random catalogue item for the action.
 *
 * oracle − oracle-anytime is what timing is worth; oracle − oracle-anything
 * is what content is worth.
 */
import type { AssistantAgent, AssistantObservation } from '../../core/agents';
import type { JudgeMemory } from '../../core/judgeMemory';
import type { Persona } from '../../core/persona';
import type { Rng } from '../../core/rng';
import { SILENT, type Candidate } from '../../core/suggestion';
import { MINUTES_PER_DAY, parseHhmm } from '../../core/time';
import { judgeCandidate } from '../user/judge';
import { assessMoment } from '../user/moment';
import { askedRatePerHour, compileRubric } from '../user/rubric';
import { itemsFor, recommendFrom } from './simple';

type NoState = Record<string, never>;

function peekOf(obs: AssistantObservation): { persona: Persona; memory: JudgeMemory } {
  if (!obs.peek)
    throw new Error('the oracle baselines need obs.peek (set peeksAtPerson on the agent)');
  return obs.peek;
}

interface Choice {
  /** The best suggestion for this moment, and its score. */
  best: Candidate | null;
  bestScore: number;
  /** The score of staying silent. */
  silentScore: number;
  /** Silence now is judged "too rare". */
  silenceTooRare: boolean;
}

/** Judge silence and every catalogue item for this moment, as the person would. */
function judgeAll(obs: AssistantObservation): Choice {
  const { persona, memory } = peekOf(obs);
  const moment = assessMoment(persona, memory, obs.ctx);
  const silence = judgeCandidate(persona, memory, obs.ctx, SILENT, moment);
  const silentScore = silence.score;
  let best: Candidate | null = null;
  let bestScore = -1;
  for (const item of itemsFor(obs)) {
    const c = recommendFrom(item);
    const s = judgeCandidate(persona, memory, obs.ctx, c, moment).score;
    // The first best in catalogue order: deterministic.
    if (s > bestScore) {
      best = c;
      bestScore = s;
    }
  }
  return { best, bestScore, silentScore, silenceTooRare: silence.criteria.frequency.tooRare };
}

/**
 * The oracle's decision: speak when the best suggestion beats silence, or
 * ties with a silence that is already "too rare" — a suggestion resets the
 * person's count of time without one, so the steps after score higher (a
 * one-step look ahead; judging each step greedily would wait forever there).
 */
function oracleSpeaks(choice: Choice): boolean {
  if (choice.best === null) return false;
  return (
    choice.bestScore > choice.silentScore ||
    (choice.bestScore === choice.silentScore && choice.silenceTooRare)
  );
}

const baseline = {
  candidatesPerStep: 1 as const,
  peeksAtPerson: true,
  init: (): NoState => ({}),
  startDay: () => {},
  learn: () => {},
};

export const oracleAssistant: AssistantAgent<NoState> = {
  ...baseline,
  id: 'oracle',
  label: 'Oracle (reads the rubric)',
  propose(_state, obs) {
    const choice = judgeAll(obs);
    return [oracleSpeaks(choice) ? (choice.best as Candidate) : SILENT];
  },
};

export const oracleAnythingAssistant: AssistantAgent<NoState> = {
  ...baseline,
  id: 'oracle-anything',
  label: "Oracle's timing, random content",
  propose(_state, obs, rng) {
    if (!oracleSpeaks(judgeAll(obs))) return [SILENT];
    const items = itemsFor(obs);
    return [items.length ? recommendFrom(rng.pick(items)) : SILENT];
  },
};

const rateCache = new WeakMap<Persona, number>();

/**
 * The chance per waking step that spreads the persona's asked number of
 * suggestions a day (asked rate × hours of welcome windows) evenly over its
 * waking day.
 */
export function anytimeChancePerStep(persona: Persona, stepMinutes: number): number {
  let perMinute = rateCache.get(persona);
  if (perMinute === undefined) {
    const rubric = compileRubric(persona);
    const welcomeMinutes = rubric.windows.reduce(
      (sum, w) => sum + (w.to > w.from ? w.to - w.from : MINUTES_PER_DAY - w.from + w.to),
      0,
    );
    const askedPerDay = (askedRatePerHour(persona) * welcomeMinutes) / 60;
    const wake = parseHhmm(persona.routine.wake);
    let sleep = parseHhmm(persona.routine.sleep);
    if (sleep <= wake) sleep += MINUTES_PER_DAY;
    perMinute = askedPerDay / (sleep - wake);
    rateCache.set(persona, perMinute);
  }
  return Math.min(1, perMinute * stepMinutes);
}

export const oracleAnytimeAssistant: AssistantAgent<NoState> = {
  ...baseline,
  id: 'oracle-anytime',
  label: "Oracle's content, random timing",
  propose(_state, obs, rng: Rng) {
    const { persona } = peekOf(obs);
    if (!rng.chance(anytimeChancePerStep(persona, obs.ctx.stepMinutes))) return [SILENT];
    return [judgeAll(obs).best ?? SILENT];
  },
};
