/**
 * The line-up of a run: who plans the persona's day, who judges each step,
 * which assistant speaks, and which model (if any) plays the roles a model
 * can play. It is plain data: it lives in the run (`RunState.lineup`),
 * changes only through a `set-lineup` input, and is saved and replayed with
 * the run. The agents themselves are built from it by one factory
 * (src/agents/lineup.ts); nothing here knows how.
 */

/** How a model judges: five calls per candidate as the reference does, or one. */
export const JUDGE_MODES = ['reference', 'compact'] as const;
export type JudgeMode = (typeof JUDGE_MODES)[number];

/** Who plans the persona's day. */
export type PlannerChoice = 'builtin' | 'model';
/** Who scores each step: the rubric rules, a model, or a person at the screen. */
export type JudgeChoice = 'builtin' | 'model' | 'person';

/** The model the `model` roles (and an assistant that needs one) talk to. */
export interface LineUpEngine {
  /** A server speaking the OpenAI API, or WebLLM in the browser. */
  kind: 'openai' | 'webllm';
  /** The model's name, for the record (never a URL or a key: runs are exported and shared). */
  model: string;
  /** How the model judges when it plays the judge. */
  judgeMode: JudgeMode;
}

export interface LineUp {
  planner: PlannerChoice;
  judge: JudgeChoice;
  /** An assistant id of the registry (src/agents/registry.ts). */
  assistant: string;
  /** Null: no model plays in this run. */
  engine: LineUpEngine | null;
}

/** Everything played by the built-in rules: the line-up of every run unless chosen otherwise. */
export function builtinLineUp(assistant: string): LineUp {
  return { planner: 'builtin', judge: 'builtin', assistant, engine: null };
}

export function copyLineUp(lineup: LineUp): LineUp {
  return { ...lineup, engine: lineup.engine ? { ...lineup.engine } : null };
}

/** True when a role waits for a model or a person (the run is then driven one step at a time). */
export function answersLater(lineup: LineUp, assistantNeedsModel: boolean): boolean {
  return lineup.planner !== 'builtin' || lineup.judge !== 'builtin' || assistantNeedsModel;
}

/** The model roles of a line-up, in the order the engine settings list them. */
export function modelRoles(
  lineup: LineUp,
  assistantNeedsModel: boolean,
): ('persona' | 'judge' | 'assistant')[] {
  const roles: ('persona' | 'judge' | 'assistant')[] = [];
  if (lineup.planner === 'model') roles.push('persona');
  if (lineup.judge === 'model') roles.push('judge');
  if (assistantNeedsModel) roles.push('assistant');
  return roles;
}

export function sameLineUp(a: LineUp, b: LineUp): boolean {
  return (
    a.planner === b.planner &&
    a.judge === b.judge &&
    a.assistant === b.assistant &&
    (a.engine === b.engine ||
      (a.engine !== null &&
        b.engine !== null &&
        a.engine.kind === b.engine.kind &&
        a.engine.model === b.engine.model &&
        a.engine.judgeMode === b.engine.judgeMode))
  );
}

/** What is wrong with a line-up, in words; [] when it can be played. */
export function lineUpProblems(lineup: LineUp): string[] {
  const problems: string[] = [];
  if (!['builtin', 'model'].includes(lineup.planner))
    problems.push(`planner must be "builtin" or "model", got "${String(lineup.planner)}"`);
  if (!['builtin', 'model', 'person'].includes(lineup.judge))
    problems.push(`judge must be "builtin", "model" or "person", got "${String(lineup.judge)}"`);
  if (typeof lineup.assistant !== 'string' || lineup.assistant === '')
    problems.push('assistant must name an assistant');
  const wantsModel = lineup.planner === 'model' || lineup.judge === 'model';
  if (wantsModel && lineup.engine === null)
    problems.push('a model plays a role, but the line-up names no engine');
  return problems;
}

/**
 * A saved run from before line-ups were recorded: everything it ran with
 * was replayed by the built-in agents, so that is its line-up.
 */
export function withLineUp<R extends { assistantId: string; lineup?: LineUp }>(
  run: R,
): R & { lineup: LineUp } {
  if (!run.lineup) run.lineup = builtinLineUp(run.assistantId);
  return run as R & { lineup: LineUp };
}
