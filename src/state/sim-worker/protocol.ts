/**
 * What the page and the simulation worker say to each other. The page sends
 * one request (a copy of a run, where to take it, what to send back); the
 * worker answers with progress and batches of records as it goes, then the
 * run where it stopped, with the checkpoints and day plans it kept
 * (src/state/archive.ts). Everything is plain data (structured clone).
 */
import type { RunState, StepRecord } from '../../core/sim';
import type { Checkpoint, DayInfo } from '../archive';
import type { JumpTarget } from '../jump';

/**
 * What to send back of each step: 'full' records (with the assistant's
 * explanation, as the page's own steps have), 'light' ones (no
 * explanation: a comparison run), or only a signature of each (checking a
 * re-simulation against saved records).
 */
export type RecordKeep = 'full' | 'light' | 'signature';

export interface SimRequest {
  type: 'run';
  run: RunState;
  /** Stop once the step holding this moment has run (or the run is over). */
  target: JumpTarget;
  keep: RecordKeep;
  /** Keep checkpoints and day plans (time travel, what if, the policy by day). */
  archive: boolean;
}

export interface SimProgress {
  type: 'progress';
  /** Steps run of `total`. */
  done: number;
  total: number;
  day: number;
  minute: number;
  /** The records run since the last message ('full' or 'light'). */
  records: StepRecord[];
  /** Their signatures ('signature'). */
  signatures: string[];
}

export interface SimDone {
  type: 'done';
  /** The run where it stopped. */
  run: RunState;
  /** The run's position when the request came (steps from day 1 00:00). */
  startAt: number;
  steps: number;
  /** Checkpoints (their journal position is the page's to set) and day plans. */
  checkpoints: Omit<Checkpoint, 'journal'>[];
  days: DayInfo[];
  records: StepRecord[];
  signatures: string[];
}

export interface SimFailed {
  type: 'error';
  message: string;
}

export type SimReply = SimProgress | SimDone | SimFailed;

/** What identifies a step's outcome, to compare a re-simulated step with a saved one. */
export function recordSignature(r: StepRecord): string {
  const said = r.suggestion ? (r.suggestion.id ?? r.suggestion.text) : '';
  return `${r.day}:${r.step}:${r.action}:${r.decision}:${r.score ?? ''}:${said}`;
}
