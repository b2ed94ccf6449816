/**
 * The human rater (you are the persona): suggestions wait in a queue until a
 * person rates them; rate / rateQuick / skip become Judgements; silence goes
 * to the built-in judge; and the assistant learns from the person's ratings
 * (rating everything 0 makes ProPerAssistant speak less than rating it 4).
 */
import { describe, expect, it } from 'vitest';
import { getAssistant } from '../../src/agents/registry';
import { builtinUser } from '../../src/agents/user/builtin';
import {
  createHumanUser,
  humanJudgement,
  quickJudgement,
  type HumanUser,
} from '../../src/agents/user/human';
import { judgeCandidate } from '../../src/agents/user/judge';
import { newJudgeMemory } from '../../src/core/judgeMemory';
import { Rng } from '../../src/core/rng';
import {
  advanceAsync,
  contextAt,
  createRun,
  dispatch,
  planRng,
  type Agents,
  type StepRecord,
} from '../../src/core/sim';
import type { StepContext } from '../../src/core/step';
import { SILENT, type Candidate, type Judgement } from '../../src/core/suggestion';
import { stepsPerDay } from '../../src/core/time';
import { CRITERIA } from '../../src/core/vocab';
import { fixturePersona } from './helpers';

const persona = fixturePersona();
const speak: Candidate = {
  kind: 'recommend',
  suggestion: { text: 'How about a glass of water?', topic: 'hydration', tone: 'friendly' },
};

/** A waking context from the persona's planned day 1 (10:00). */
function wakingContext(): StepContext {
  const run = createRun(persona, { user: builtinUser, assistant: getAssistant('never') });
  const schedule = builtinUser.planDay(persona, 1, planRng(run, 1));
  dispatch(
    run,
    { user: builtinUser, assistant: getAssistant('never') },
    {
      type: 'start-day',
      schedule: schedule as never,
      source: 'builtin',
    },
  );
  return contextAt(run, (10 * 60) / 2.5);
}

const flush = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('the human judge', () => {
  it('answers silence at once with the built-in judge', () => {
    const human = createHumanUser();
    const ctx = wakingContext();
    const memory = newJudgeMemory(1);
    const j = human.judge(persona, memory, ctx, SILENT);
    expect(j).not.toBeInstanceOf(Promise);
    expect(j).toEqual(judgeCandidate(persona, memory, ctx, SILENT));
    expect(human.pending()).toHaveLength(0);
  });

  it('queues a suggestion with its context and the rubric, and resolves it with a rating', async () => {
    const human = createHumanUser();
    const ctx = wakingContext();
    const seen: number[] = [];
    human.subscribe((q) => seen.push(q.length));
    const answer = human.judge(persona, newJudgeMemory(1), ctx, speak) as Promise<Judgement>;
    expect(answer).toBeInstanceOf(Promise);
    const [item] = human.pending();
    expect(item).toMatchObject({
      day: 1,
      step: ctx.step,
      time: '10:00',
      action: ctx.action.label,
      candidateIndex: 0,
      suggestion: speak.kind === 'recommend' ? speak.suggestion : null,
      personaName: persona.name,
    });
    expect(item?.rubric.frequency).toBe(persona.rubric.frequency.prose);
    const j = human.rate(item!.id, {
      preference: 1,
      timing: 0,
      frequency: 1,
      communication: 1,
      reasons: { timing: 'I was busy' },
    });
    expect(await answer).toBe(j);
    expect(j.score).toBe(3);
    expect(j.criteria.timing).toEqual({ pass: false, reason: 'I was busy (rated by you)' });
    expect(j.criteria.preference.reason).toBe('Fine by me (rated by you)');
    expect(j.criteria.frequency).toMatchObject({ pass: true, tooOften: false, tooRare: false });
    expect(human.pending()).toHaveLength(0);
    expect(seen).toEqual([1, 0]);
    expect(() => human.rateQuick(item!.id, 2)).toThrow(/no suggestion #/);
  });

  it('maps a quick n/4 to the first n criteria passing, the last ones failing', () => {
    const passes = (j: Judgement): boolean[] => CRITERIA.map((k) => j.criteria[k].pass);
    expect(passes(quickJudgement(4))).toEqual([true, true, true, true]);
    expect(passes(quickJudgement(3))).toEqual([true, true, true, false]);
    expect(passes(quickJudgement(2))).toEqual([true, true, false, false]);
    expect(passes(quickJudgement(1))).toEqual([true, false, false, false]);
    expect(passes(quickJudgement(0))).toEqual([false, false, false, false]);
    for (let n = 0; n <= 4; n++) {
      const j = quickJudgement(n);
      expect(j.score).toBe(n);
      for (const k of CRITERIA) expect(j.criteria[k].reason).toBe(`rated ${n}/4 by you`);
    }
    expect(quickJudgement(0).criteria.frequency.tooOften).toBe(true);
    expect(() => quickJudgement(5)).toThrow(RangeError);
    expect(() => quickJudgement(1.5)).toThrow(RangeError);
    expect(() =>
      humanJudgement({ preference: 2 as never, timing: 1, frequency: 1, communication: 1 }),
    ).toThrow(/preference must be rated 0 or 1/);
  });

  it('rateQuick and skip resolve the right pending item; skip asks the built-in judge', async () => {
    const human = createHumanUser();
    const ctx = wakingContext();
    const memory = newJudgeMemory(1);
    const other: Candidate = {
      kind: 'recommend',
      suggestion: { text: 'Check the news?', topic: 'news', tone: 'formal' },
    };
    const a = human.judge(persona, memory, ctx, speak) as Promise<Judgement>;
    const b = human.judge(persona, memory, ctx, other) as Promise<Judgement>;
    const [first, second] = human.pending();
    expect(first?.candidateIndex).toBe(0);
    expect(second?.candidateIndex).toBe(1);
    // The memory the built-in judge would read is the one at the time of asking.
    const expected = judgeCandidate(persona, memory, ctx, other);
    memory.recMinutes.push(ctx.minute - 5);
    human.skip(second!.id);
    human.rateQuick(first!.id, 0);
    expect((await a).score).toBe(0);
    expect(await b).toEqual(expected);
  });

  it('skipAll hands every waiting rating to the built-in judge', async () => {
    const human = createHumanUser();
    const ctx = wakingContext();
    const memory = newJudgeMemory(1);
    const answers = [
      human.judge(persona, memory, ctx, speak),
      human.judge(persona, memory, ctx, speak),
    ];
    human.skipAll();
    expect(human.pending()).toHaveLength(0);
    const expected = judgeCandidate(persona, memory, ctx, speak);
    expect(await Promise.all(answers)).toEqual([expected, expected]);
  });

  it('plans the day with the built-in planner', () => {
    const human = createHumanUser();
    expect(human.planDay(persona, 1, Rng.fromSeed('x'))).toEqual(
      builtinUser.planDay(persona, 1, Rng.fromSeed('x')),
    );
  });
});

/** Rate every suggestion `score`/4 as soon as it waits. */
function autoRate(human: HumanUser, score: number): void {
  human.subscribe((queue) => {
    for (const item of queue) human.rateQuick(item.id, score);
  });
}

async function runRated(score: number): Promise<{ day2: StepRecord[]; rated: number }> {
  const human = createHumanUser();
  let rated = 0;
  human.subscribe((q) => {
    if (q.length > 0) rated++;
  });
  autoRate(human, score);
  const agents: Agents = { user: human, assistant: getAssistant('propera'), explain: true };
  const run = createRun(persona, agents, { seed: '1', days: 2 });
  const perDay = stepsPerDay(run.config.stepSeconds);
  // Day 1 rated by the person, then the first half of day 2 (after the night's training).
  const records = await advanceAsync(run, agents, perDay + perDay / 2);
  return { day2: records.filter((r) => r.day === 2), rated };
}

const meanPSpeak = (records: StepRecord[]): number => {
  const ps = records.map((r) => r.note?.pSpeak).filter((p): p is number => typeof p === 'number');
  return ps.reduce((a, b) => a + b, 0) / ps.length;
};

describe('learning from the person', () => {
  it('a day rated 0 makes the assistant less keen to speak than a day rated 4', async () => {
    const zero = await runRated(0);
    const four = await runRated(4);
    expect(zero.rated).toBeGreaterThan(20);
    expect(four.rated).toBeGreaterThan(20);
    const pZero = meanPSpeak(zero.day2);
    const pFour = meanPSpeak(four.day2);
    expect(pZero).toBeLessThan(pFour - 0.3);
    // The ratings reached the records: every suggestion of day 2 carries "by you" reasons.
    const spoken = zero.day2.filter((r) => r.decision === 'recommend');
    for (const r of spoken) expect(r.criteria?.timing.reason).toBe('rated 0/4 by you');
    await flush();
  }, 60_000);
});
