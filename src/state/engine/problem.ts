/** An engine failure as plain data, for the panels to put in words (src/ui/engine-errors.ts). */
import { EngineError } from '../../llm/engine';

export type EngineProblemKind = EngineError['kind'] | 'other';

export interface EngineProblem {
  kind: EngineProblemKind;
  /** The engine's own words. */
  detail: string;
}

export function engineProblem(err: unknown): EngineProblem {
  const detail = err instanceof Error ? err.message : String(err);
  return { kind: err instanceof EngineError ? err.kind : 'other', detail };
}

/** A failure the panel should not report as one: the person cancelled. */
export function isCancelled(err: unknown): boolean {
  return err instanceof EngineError && err.kind === 'aborted';
}

/** The failure to report when an engine cannot be had here (the probe said why). */
export function unavailable(message: string): Error {
  return new EngineError('unavailable', message);
}
