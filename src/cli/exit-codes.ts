/**
 * The exit codes of `npm run sim` and `npm run experiment` (README.md lists
 * them for people and scripts):
 *
 *   0  done
 *   1  something went wrong (the message says what)
 *   2  a mistake on the command line, or an output folder that cannot be used
 *   3  paused: the model server went away; the checkpoints are saved, continue with --resume
 *   4  done, but more than --max-unjudged (default 1%) of the waking steps were not scored:
 *      a judge call failed or its reply could not be read. The report says so at the top;
 *      its means leave those steps out, so they stand on fewer steps than the run had.
 */
export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;
export const EXIT_PAUSED = 3;
export const EXIT_UNJUDGED = 4;

import type { ExperimentReport } from '../experiment/types';
import { overLimit, unjudgedCount, unjudgedSentence } from '../experiment/unjudged';

/** The share of waking steps that may go unjudged before a run exits with EXIT_UNJUDGED. */
export { DEFAULT_MAX_UNJUDGED } from '../experiment/unjudged';

/**
 * Say how many steps went unscored, if any; EXIT_UNJUDGED when more than
 * `limit` of the waking steps did (summary.md opens with the same warning).
 */
export function unjudgedExit(
  report: ExperimentReport | null,
  limit: number,
  say: (s: string) => void,
): number {
  if (!report || report.totals.unjudgedSteps === 0) return EXIT_OK;
  const count = unjudgedCount(report.totals.scoredSteps, report.totals.unjudgedSteps);
  say(
    `warning: ${unjudgedSentence(count)}: a judge call failed or its reply could not be read; ` +
      'those steps are in no mean and no pair (summary.md says so first)\n',
  );
  if (!overLimit(count, limit)) return EXIT_OK;
  say(
    `more than ${(limit * 100).toFixed(1)}% of the waking steps were not scored (--max-unjudged): exit code ${EXIT_UNJUDGED}\n`,
  );
  return EXIT_UNJUDGED;
}
