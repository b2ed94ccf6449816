/**
 * "What if" for one step: the run rebuilt as it stood at that step
 * (src/state/rebuild.ts), then the alternatives scored by the built-in
 * judge with the person's memory of that moment — staying silent, every
 * catalogue suggestion for the activity, and the same suggestion 5, 10 or
 * 20 minutes later (the person's day runs on as planned, the assistant
 * silent until then). Nothing here changes the run: it all happens on a copy.
 */
import type { ModelKit } from '../agents/lineup';
import { builtinUser } from '../agents/user/builtin';
import { catalogueFor } from '../core/catalogue';
import { dispatch, type PendingStep, type RunState, type StepRecord } from '../core/sim';
import type { MomentNote } from '../core/step';
import { SILENT, type Candidate, type Judgement } from '../core/suggestion';
import { stepsPerDay } from '../core/time';
import { rebuildAt, type RebuildSource } from './rebuild';
import type { StepRef } from './selectors';

/** One alternative, scored at its moment (or why it cannot be). */
export interface WhatIfOption {
  label: string;
  candidate: Candidate;
  /** The step it is scored at. */
  step: number;
  minute: number;
  /** What the person was doing then. */
  action: string;
  walking: boolean;
  judgement: Judgement | null;
  moment: MomentNote | null;
  /** Why it could not be scored (asleep, the day over). */
  unavailable?: string;
}

export interface WhatIfResult {
  ref: StepRef;
  /** What happened: the delivered candidate as the run's judge scored it. */
  actual: WhatIfOption;
  silent: WhatIfOption;
  /** Every catalogue suggestion for the activity, best first. */
  items: WhatIfOption[];
  /** The suggestion re-timed: what it is, and 5, 10 and 20 minutes later. */
  retimed: { candidate: Candidate; why: string; options: WhatIfOption[] };
  /** Who scored the run (the alternatives are always scored by the built-in judge). */
  runJudge: string;
}

/** The delays offered, in minutes. */
export const LATER_MINUTES = [5, 10, 20] as const;

function optionAt(run: RunState, label: string, candidate: Candidate): WhatIfOption {
  const pending = run.pending as PendingStep;
  const ctx = pending.ctx;
  const base = {
    label,
    candidate,
    step: ctx.step,
    minute: ctx.minute,
    action: ctx.action.label,
    walking: ctx.walking,
    moment: pending.moment ?? null,
  };
  if (!pending.obs)
    return { ...base, judgement: null, unavailable: 'asleep: nothing is proposed or scored' };
  return {
    ...base,
    judgement: builtinUser.judge(run.persona, run.judgeMemory, ctx, candidate) as Judgement,
  };
}

/** Let a begun step pass in silence and begin the next (false: the day ended). */
function passInSilence(run: RunState, agents: Parameters<typeof dispatch>[1]): boolean {
  const pending = run.pending as PendingStep;
  const day = run.day;
  const judged = pending.obs
    ? [builtinUser.judge(run.persona, run.judgeMemory, pending.ctx, SILENT) as Judgement]
    : [];
  dispatch(run, agents, {
    type: 'complete-step',
    candidates: pending.obs ? [SILENT] : [],
    judgements: judged,
    note: null,
  });
  if (run.day !== day || run.step >= stepsPerDay(run.config.stepSeconds)) return false;
  dispatch(run, agents, { type: 'begin-step' });
  return true;
}

function quoted(c: Candidate): string {
  return c.kind === 'silent' ? 'stay silent' : `“${c.suggestion.text}”`;
}

export function whatIf(
  source: RebuildSource & { lineup: { judge: string } },
  record: StepRecord,
  kit: ModelKit | null = null,
): WhatIfResult {
  const perDay = stepsPerDay(source.run.config.stepSeconds);
  const target = (record.day - 1) * perDay + record.step;
  const { run, agents } = rebuildAt(source, target, { begin: true, kit });
  const delivered = record.candidates[record.delivered];
  const actual: WhatIfOption = {
    ...optionAt(run, 'What happened', delivered?.candidate ?? SILENT),
    judgement: delivered?.judgement ?? null,
  };
  if (record.asleep) actual.unavailable = 'asleep: nothing is proposed or scored';
  const silent = optionAt(run, 'Stay silent', SILENT);
  const ctx = (run.pending as PendingStep).ctx;
  // What the assistant could have said: walking, it sees no activity (as src/agents/propera/policy.ts).
  const items = catalogueFor(ctx.walking ? 'relax' : ctx.action.kind)
    .map((item) =>
      optionAt(run, `Say “${item.text}”`, {
        kind: 'recommend',
        suggestion: { text: item.text, topic: item.topic, tone: item.tone, id: item.id },
      }),
    )
    .sort((a, b) => (b.judgement?.score ?? -1) - (a.judgement?.score ?? -1));
  // The suggestion to re-time: what it said; else what it weighed; else the best one now.
  const explored = record.candidates.find((c) => c.candidate.kind === 'recommend');
  const said = delivered?.candidate.kind === 'recommend' ? delivered.candidate : null;
  const candidate = said ?? explored?.candidate ?? items[0]?.candidate ?? SILENT;
  const why = said
    ? 'what it said'
    : explored
      ? 'the suggestion it weighed but did not say'
      : 'the best-scoring suggestion at this step';
  const options: WhatIfOption[] = [];
  let steps = 0;
  let alive = true;
  const stepMinutes = run.config.stepSeconds / 60;
  for (const minutes of LATER_MINUTES) {
    const label = `${quoted(candidate)} ${minutes} minutes later`;
    const wanted = Math.round(minutes / stepMinutes);
    while (alive && steps < wanted) {
      alive = passInSilence(run, agents);
      steps++;
    }
    if (!alive) {
      options.push({
        label,
        candidate,
        step: record.step + wanted,
        minute: record.minute + minutes,
        action: '',
        walking: false,
        judgement: null,
        moment: null,
        unavailable: 'the day is over by then',
      });
      continue;
    }
    options.push(optionAt(run, label, candidate));
  }
  return {
    ref: { day: record.day, step: record.step },
    actual,
    silent,
    items,
    retimed: { candidate, why, options },
    runJudge: source.lineup.judge,
  };
}
