/**
 * Closing a step: the verdicts become the step's record (or an unjudged one),
 * the judge's memory and the day's metrics move on, and the assistant learns.
 * Called by the step loop (sim.ts) only.
 */
import type { AssistantObservation, JudgedCandidate, StepNote } from './agents';
import { recordInteraction } from './judgeMemory';
import { accumulate, countUnjudged, summarise } from './metrics';
import { Rng } from './rng';
import { momentAt } from './schedule';
import type { StepContext } from './step';
import {
  isUnjudged,
  type Candidate,
  type Judgement,
  type UnjudgedReason,
  type Verdict,
} from './suggestion';
import { formatHhmm, stepsPerDay, stepToMinutes } from './time';
import type { Agents, PendingStep, RunState, StepRecord } from './run-state';

/** What the agents see at `step` of the run's day. */
export function contextAt(run: RunState, step: number): StepContext {
  const minute = stepToMinutes(step, run.config.stepSeconds);
  const m = momentAt(run.schedule, minute);
  return {
    day: run.day,
    step,
    minute,
    stepMinutes: run.config.stepSeconds / 60,
    action: m.action,
    actionIndex: m.index,
    walking: m.walking,
  };
}

export function completeStep<S>(
  run: RunState<S>,
  agents: Agents<S>,
  candidates: Candidate[],
  judgements: Verdict[],
  note: StepNote | null,
  memo: unknown,
): StepRecord {
  const pending = run.pending as PendingStep;
  const ctx = pending.ctx;
  const base = {
    day: run.day,
    step: run.step,
    minute: ctx.minute,
    time: formatHhmm(ctx.minute),
    actionIndex: ctx.actionIndex,
    action: ctx.action.label,
    kind: ctx.action.kind,
    room: ctx.action.room,
    object: ctx.action.object,
    walking: ctx.walking,
  };
  let record: StepRecord;
  if (!pending.obs) {
    record = {
      ...base,
      asleep: true,
      decision: 'asleep',
      suggestion: null,
      score: null,
      criteria: null,
      candidates: [],
      delivered: -1,
      pair: null,
      note: null,
      moment: null,
    };
  } else {
    if (candidates.length === 0 || candidates.length !== judgements.length) {
      throw new Error(
        `a step needs one judgement per candidate (got ${candidates.length} candidates, ${judgements.length} judgements)`,
      );
    }
    const missing = judgements.findIndex(isUnjudged);
    if (missing >= 0) {
      record = unjudgedStep(run, agents, base, candidates, judgements, missing, note, memo);
      return endStep(run, record);
    }
    const judgeRng = new Rng(run.rng.judge);
    const judged: JudgedCandidate[] = candidates.map((candidate, i) => ({
      candidate,
      judgement: applyJudgeNoise(judgements[i] as Judgement, run.config.judgeNoise, judgeRng),
    }));
    // The reference delivers the second candidate; the better of the two becomes "chosen".
    const delivered = judged.length - 1;
    let pair: StepRecord['pair'] = null;
    if (judged.length === 2) {
      const a = (judged[0] as JudgedCandidate).judgement.score;
      const b = (judged[1] as JudgedCandidate).judgement.score;
      if (a !== b) pair = a > b ? { chosen: 0, rejected: 1 } : { chosen: 1, rejected: 0 };
    }
    const final = judged[delivered] as JudgedCandidate;
    recordInteraction(
      run.judgeMemory,
      ctx.minute,
      ctx.action.label,
      final.candidate,
      final.judgement.score,
      final.judgement.criteria.preference.pass,
    );
    accumulate(run.today, final.candidate, final.judgement, pair !== null);
    if (pair) run.totalPairs++;
    agents.assistant.learn(
      run.assistant,
      { obs: pending.obs, judged, delivered, pair, memo },
      new Rng(run.rng.assistant),
    );
    record = {
      ...base,
      asleep: false,
      decision: final.candidate.kind === 'silent' ? 'silent' : 'recommend',
      suggestion: final.candidate.kind === 'recommend' ? final.candidate.suggestion : null,
      score: final.judgement.score,
      criteria: final.judgement.criteria,
      candidates: judged,
      delivered,
      pair,
      note,
      moment: pending.moment ?? null,
    };
  }
  return endStep(run, record);
}

/** Close the pending step: the next step, or the next day after the day's last. */
export function endStep(run: RunState, record: StepRecord): StepRecord {
  run.pending = null;
  run.step++;
  if (run.step >= stepsPerDay(run.config.stepSeconds)) {
    run.days.push(summarise(run.today));
    run.day++;
    run.step = 0;
  }
  return record;
}

/**
 * A step the judge could not score. What was said still happened: the
 * person heard the delivered candidate (the judge's memory records it, with
 * no score) and the assistant is told what it said (`observe`). Nothing is
 * scored: no judge noise is drawn, no pair is made, the assistant learns
 * nothing, and the day counts the step apart from its means.
 */
function unjudgedStep<S>(
  run: RunState<S>,
  agents: Agents<S>,
  base: Omit<
    StepRecord,
    | 'asleep'
    | 'decision'
    | 'suggestion'
    | 'score'
    | 'criteria'
    | 'candidates'
    | 'delivered'
    | 'pair'
    | 'note'
    | 'moment'
  >,
  candidates: Candidate[],
  verdicts: Verdict[],
  missing: number,
  note: StepNote | null,
  memo: unknown,
): StepRecord {
  const pending = run.pending as PendingStep;
  const ctx = pending.ctx;
  const delivered = candidates.length - 1;
  const said = candidates[delivered] as Candidate;
  recordInteraction(run.judgeMemory, ctx.minute, ctx.action.label, said, null, false);
  countUnjudged(run.today);
  agents.assistant.observe?.(
    run.assistant,
    { obs: pending.obs as AssistantObservation, candidates, delivered, memo },
    new Rng(run.rng.assistant),
  );
  const reason = (verdicts[missing] as { unjudged: UnjudgedReason }).unjudged;
  return {
    ...base,
    asleep: false,
    decision: said.kind === 'silent' ? 'silent' : 'recommend',
    suggestion: said.kind === 'recommend' ? said.suggestion : null,
    score: null,
    criteria: null,
    candidates: [],
    delivered: -1,
    pair: null,
    note,
    moment: pending.moment ?? null,
    unjudged: { call: reason.call, why: reason.why, candidate: missing, candidates },
  };
}

/** Flip each criterion's verdict with probability `noise` (label noise, like a noisy LLM judge). */
function applyJudgeNoise(j: Judgement, noise: number, rng: Rng): Judgement {
  if (noise <= 0) return j;
  const criteria = { ...j.criteria };
  let score = 0;
  for (const key of ['preference', 'timing', 'frequency', 'communication'] as const) {
    const c = criteria[key];
    if (rng.chance(noise)) {
      (criteria as Record<string, unknown>)[key] = {
        ...c,
        pass: !c.pass,
        flipped: true,
        reason: `${c.reason} (flipped by judge noise)`,
      };
    }
    if ((criteria[key] as { pass: boolean }).pass) score++;
  }
  return { score, criteria };
}
