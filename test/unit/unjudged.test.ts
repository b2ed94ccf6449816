/**
 * Steps nobody scored: a judge that gives no verdict (a model's call failed
 * or its reply could not be read) leaves its step *unjudged*. The step has
 * no score and no pair, counts in no mean, teaches the assistant nothing,
 * and a run rebuilt from its inputs comes back the same.
 */
import { describe, expect, it } from 'vitest';
import { buildAgents } from '../../src/agents/lineup';
import type { ProperaState } from '../../src/agents/propera/assistant';
import { builtinUser } from '../../src/agents/user/builtin';
import type { UserAgent } from '../../src/core/agents';
import { builtinLineUp } from '../../src/core/lineup';
import { summarise, newAccumulator } from '../../src/core/metrics';
import {
  advanceAsync,
  createRun,
  dispatch,
  isFinished,
  type Agents,
  type RunInput,
  type StepRecord,
} from '../../src/core/sim';
import { isUnjudged, type Verdict } from '../../src/core/suggestion';
import { stepsPerDay } from '../../src/core/time';
import { fixturePersona } from './helpers';

const NO_VERDICT: Verdict = {
  unjudged: { call: 'judge', why: 'the reply could not be read: it was prose' },
};

/** The built-in user, except that its judge gives no verdict when `fails(step)` says so. */
function failingJudge(fails: (step: number) => boolean): UserAgent {
  return {
    ...builtinUser,
    judge: (persona, memory, ctx, candidate) =>
      fails(ctx.step) ? NO_VERDICT : builtinUser.judge(persona, memory, ctx, candidate),
  };
}

function agentsWith(user: UserAgent): Agents {
  return { ...buildAgents(builtinLineUp('propera')), user };
}

describe('an unjudged step', () => {
  it('has no score, no criteria and no pair, and says which call failed and why', () => {
    const agents = agentsWith(failingJudge((step) => step % 3 === 0));
    const run = createRun(fixturePersona(), agents, { seed: 'u', days: 1 });
    const records = dispatch(run, agents, { type: 'advance', steps: stepsPerDay(150) });
    const unjudged = records.filter((r) => r.unjudged);
    const waking = records.filter((r) => !r.asleep);
    expect(unjudged.length).toBeGreaterThan(50);
    for (const r of unjudged) {
      expect(r.step % 3).toBe(0);
      expect(r.asleep).toBe(false);
      expect(r.score).toBeNull();
      expect(r.criteria).toBeNull();
      expect(r.pair).toBeNull();
      expect(r.candidates).toEqual([]);
      expect(r.delivered).toBe(-1);
      expect(r.unjudged).toMatchObject({ call: 'judge', why: NO_VERDICT.unjudged.why });
      // What was said is still known (the person heard it).
      expect(r.unjudged?.candidates.length).toBe(2);
      expect(r.decision).toBe(
        r.unjudged?.candidates[1]?.kind === 'silent' ? 'silent' : 'recommend',
      );
    }
    // Scored steps carry no `unjudged` field at all (their records are as before).
    for (const r of waking.filter((x) => x.score !== null)) expect('unjudged' in r).toBe(false);

    const day = run.days[0]!;
    expect(day.unjudgedSteps).toBe(unjudged.length);
    expect(day.scoredSteps).toBe(waking.length - unjudged.length);
    const scored = waking.filter((r) => r.score !== null);
    const mean = scored.reduce((s, r) => s + (r.score as number), 0) / scored.length;
    expect(day.meanScore).toBeCloseTo(mean, 3);
    expect(day.pairs).toBe(scored.filter((r) => r.pair).length);
    expect(run.totalPairs).toBe(day.pairs);
  });

  it('teaches the assistant nothing: no memory record and no pair, but it knows what it said', () => {
    const everyStep = agentsWith(failingJudge(() => true));
    const run = createRun(fixturePersona(), everyStep, { seed: 'u', days: 1 });
    const records = dispatch(run, everyStep, { type: 'advance', steps: stepsPerDay(150) });
    const state = run.assistant as ProperaState;
    expect(state.memory.records).toEqual([]);
    expect(state.pairs).toEqual([]);
    const said = records.filter((r) => r.decision === 'recommend').length;
    expect(said).toBeGreaterThan(0);
    // Its own counters follow what it delivered (the features read them).
    expect(state.today.recMinutes.length).toBe(said);
    // The person heard it too: the judge's memory counts the suggestions, with no score.
    expect(run.judgeMemory.recent.every((i) => i.score === null)).toBe(true);
  });

  it('a day nobody scored has no mean (null, never 0)', () => {
    const everyStep = agentsWith(failingJudge(() => true));
    const run = createRun(fixturePersona(), everyStep, { seed: 'u', days: 1 });
    const records = dispatch(run, everyStep, { type: 'advance', steps: stepsPerDay(150) });
    expect(isFinished(run)).toBe(true);
    const day = run.days[0]!;
    expect(day.scoredSteps).toBe(0);
    expect(day.meanScore).toBeNull();
    expect(day.unjudgedSteps).toBe(records.filter((r) => !r.asleep).length);
    expect(day.pairs).toBe(0);
  });

  it('a fully judged day carries no unjudged field (summaries stay byte for byte as before)', () => {
    const acc = newAccumulator(1, 2.5);
    expect('unjudgedSteps' in summarise(acc)).toBe(false);
    expect(summarise(acc).meanScore).toBeNull();
  });

  it('replays from its recorded inputs to the same run', async () => {
    const agents = agentsWith(failingJudge((step) => step % 5 === 1));
    const run = createRun(fixturePersona(), agents, { seed: 'r', days: 1 });
    const start = structuredClone(run);
    const inputs: RunInput[] = [];
    const records: StepRecord[] = [];
    await advanceAsync(
      run,
      agents,
      400,
      (r) => records.push(r),
      undefined,
      (i) => inputs.push(i),
    );
    const completes = inputs.filter((i) => i.type === 'complete-step');
    expect(completes.some((i) => i.type === 'complete-step' && i.judgements.some(isUnjudged))).toBe(
      true,
    );
    // Replayed with agents that judge everything: the inputs carry the missing verdicts.
    const replay = buildAgents(builtinLineUp('propera'));
    const again = structuredClone(start);
    const replayed = inputs.flatMap((i) => dispatch(again, replay, i));
    expect(JSON.stringify(again)).toBe(JSON.stringify(run));
    expect(JSON.stringify(replayed)).toBe(JSON.stringify(records));
  });
});
