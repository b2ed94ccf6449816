/**
 * Steps nobody scored. A judge call that failed, or whose reply could not
 * be read, leaves its step *unjudged* (src/core/sim.ts): it is in no mean,
 * no rate and no pair. The reports count such steps and say so first, and
 * the CLI fails a run where more than a small share of steps went unjudged
 * (src/cli/exit-codes.ts), because its means then stand on fewer steps than
 * it had, and on the ones the model happened to answer.
 */
import { unjudgedOf } from '../core/metrics';
import type { RunState } from '../core/sim';
import type { AssistantResult, ExperimentReport } from './types';

/**
 * The share of waking steps that may go unjudged before the CLI exits with
 * code 4 (`--max-unjudged` changes it). 1%: a few unreadable replies from a
 * small local model are normal and leave the means sound; more than that
 * and the means stand on the steps the model happened to answer.
 */
export const DEFAULT_MAX_UNJUDGED = 0.01;

export interface UnjudgedCount {
  scored: number;
  unjudged: number;
  /** unjudged / (scored + unjudged); 0 when the run had no waking step. */
  share: number;
}

export function unjudgedCount(scored: number, unjudged: number): UnjudgedCount {
  const waking = scored + unjudged;
  return { scored, unjudged, share: waking ? unjudged / waking : 0 };
}

/** A run's scored and unjudged waking steps so far: its finished days and the day in progress. */
export function runUnjudged(run: Pick<RunState, 'days' | 'today'>): UnjudgedCount {
  let scored = 0;
  let unjudged = 0;
  for (const d of run.days) {
    scored += d.scoredSteps;
    unjudged += unjudgedOf(d);
  }
  // `today` is the day in progress until its summary is pushed (then it is counted above).
  if (!run.days.some((d) => d.day === run.today.day)) {
    scored += run.today.scored;
    unjudged += run.today.unjudged ?? 0;
  }
  return unjudgedCount(scored, unjudged);
}

/** Is the share of unjudged steps above the limit (`--max-unjudged`)? */
export function overLimit(count: UnjudgedCount, limit: number): boolean {
  return count.unjudged > 0 && count.share > limit;
}

const pct = (x: number): string =>
  x > 0 && x < 0.001 ? '<0.1%' : `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;

/** One line for people: "12 of 1,759 waking steps (0.7%) were not scored". */
export function unjudgedSentence(count: UnjudgedCount): string {
  const waking = count.scored + count.unjudged;
  return `${count.unjudged.toLocaleString('en-US')} of ${waking.toLocaleString('en-US')} waking step${waking === 1 ? '' : 's'} (${pct(count.share)}) ${count.unjudged === 1 ? 'was' : 'were'} not scored`;
}

/**
 * The warning summary.md opens with when any step went unjudged (empty
 * otherwise): how many, for which assistants, and what that means.
 */
export function unjudgedWarning(r: ExperimentReport, limit: number): string[] {
  const t = r.totals;
  if (t.unjudgedSteps === 0) return [];
  const count = unjudgedCount(t.scoredSteps, t.unjudgedSteps);
  const by = r.assistantOrder
    .map((id) => r.assistants[id] as AssistantResult)
    .filter((a) => a.unjudgedSteps > 0)
    .map((a) => `\`${a.id}\` ${a.unjudgedSteps.toLocaleString('en-US')} (${pct(a.unjudgedShare)})`);
  return [
    `> **Warning: ${unjudgedSentence(count)}.** A judge call failed or its reply could not be read, ` +
      'so nobody gave these steps a score. They count in no mean, no rate and no preference pair, and ' +
      'the assistants learned nothing from them: the means below stand on the scored steps only. ' +
      `By assistant: ${by.join(', ')}. ` +
      (overLimit(count, limit)
        ? `That is more than the ${pct(limit)} allowed (--max-unjudged), so the command exited with code 4.`
        : `That is within the ${pct(limit)} allowed (--max-unjudged).`) +
      ' `days.csv` and `results.json` count them per day (`unjudgedSteps`); `llm-usage.json` counts the failed and unreadable calls.',
    '',
  ];
}
