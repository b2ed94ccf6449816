/**
 * How the store's run fields follow the run: once when a run is started or
 * opened (`runFields`), and after every batch of step records
 * (`afterRecords`). Written once here, whichever action ran the steps.
 */
import type { LineUp } from '../core/lineup';
import { isFinished, type RunInput, type RunState, type StepRecord } from '../core/sim';
import { emptyArchive } from './archive';
import { EMPTY_STATS, appendHistory, foldStats, lastRecommendation } from './history';
import type { TrainingEntry } from './selectors';
import type { GameState, SimClock } from './store';

/** The store's fields for a run just started or opened, with the records it has so far. */
export function runFields(
  run: RunState,
  history: StepRecord[][] = [],
  journal: RunInput[] = [],
): Pick<
  GameState,
  | 'run'
  | 'lineup'
  | 'journal'
  | 'history'
  | 'archive'
  | 'latest'
  | 'lastSpoken'
  | 'stats'
  | 'training'
  | 'finished'
  | 'clock'
  | 'selected'
  | 'jump'
  | 'jumpProgress'
  | 'travel'
  | 'whatIf'
  | 'compare'
  | 'who'
  | 'busy'
> {
  const all = history.flat();
  const latest = all[all.length - 1] ?? null;
  return {
    run,
    lineup: run.lineup,
    journal,
    history,
    archive: emptyArchive(),
    latest,
    lastSpoken: lastRecommendation(all),
    stats: foldStats(EMPTY_STATS, all, 1),
    training: null,
    finished: isFinished(run),
    clock: { day: latest?.day ?? run.day, minute: latest?.minute ?? 0 },
    selected: null,
    jump: null,
    jumpProgress: null,
    travel: null,
    whatIf: null,
    compare: null,
    who: null,
    busy: null,
  };
}

/**
 * The fields after `records` ran (they are appended to the history in
 * place). The clock goes to the start of the last record's step unless
 * given; the training log is read again when a day began (training
 * happens at the start of each day). Whether the run is `finished` is the
 * caller's to say: during playback the clock first runs through the last step.
 */
export function afterRecords(
  s: Pick<GameState, 'history' | 'latest' | 'lastSpoken' | 'stats' | 'clock' | 'version'>,
  records: readonly StepRecord[],
  training: () => readonly TrainingEntry[] | null,
  clock?: SimClock,
): Partial<GameState> {
  const last = records[records.length - 1];
  if (!last) return {};
  appendHistory(s.history, records);
  const dayBegan = s.latest === null || last.day !== s.latest.day;
  return {
    clock: clock ?? { day: last.day, minute: last.minute },
    latest: last,
    lastSpoken: lastRecommendation(records) ?? s.lastSpoken,
    stats: foldStats(s.stats, records, s.clock.day),
    version: s.version + 1,
    ...(dayBegan ? { training: training() } : {}),
  };
}

/** The line-up a run gets when started or opened here: the page's players, its own assistant. */
export function carryLineUp(current: LineUp, assistant: string): LineUp {
  return { ...current, assistant, engine: current.engine ? { ...current.engine } : null };
}
