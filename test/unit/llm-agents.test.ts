/**
 * The LLM roles (planner, judge, assistant) and the async driver, against a
 * stand-in engine that answers scripted JSON — including broken JSON, prose
 * around JSON and errors — and counts its calls.
 */
import { describe, expect, it } from 'vitest';
import { createLlmAssistant, type LlmAssistantState } from '../../src/agents/llm/assistant';
import { EnginePausedError, MAX_CONSECUTIVE_FAILURES } from '../../src/agents/llm/call';
import { driveRun } from '../../src/agents/llm/drive';
import { createLlmJudge, JUDGE_CHECKS, type JudgeCheck } from '../../src/agents/llm/judge';
import {
  createLlmPlanner,
  parseTime,
  repairPlan,
  resolveActivity,
  resolveObject,
  type PlanReply,
} from '../../src/agents/llm/planner';
import { buildRunAgents, type LlmSetup } from '../../src/agents/llm/setup';
import { createLlmUser } from '../../src/agents/llm/user';
import { createPropera } from '../../src/agents/propera/assistant';
import { planDay } from '../../src/agents/user/planner';
import type { AssistantObservation } from '../../src/core/agents';
import { newJudgeMemory, recordInteraction } from '../../src/core/judgeMemory';
import type { Persona } from '../../src/core/persona';
import { Rng } from '../../src/core/rng';
import { scheduleProblems, type Action } from '../../src/core/schedule';
import { createRun, isFinished, planRng } from '../../src/core/sim';
import type { StepContext } from '../../src/core/step';
import {
  isUnjudged,
  SILENT,
  type Candidate,
  type Judgement,
  type Verdict,
} from '../../src/core/suggestion';
import {
  EngineError,
  type ChatRequest,
  type ChatResponse,
  type LlmEngine,
} from '../../src/llm/engine';
import { fixturePersona } from './helpers';

// ------------------------------------------------------------ the stand-in engine

type Answer = string | Error | ((req: ChatRequest) => string | Error);

interface FakeEngine extends LlmEngine {
  requests: ChatRequest[];
  /** Calls by request schema name. */
  count(name?: string): number;
}

/** Candidates asked for: the request schema's `minItems`. */
function wanted(req: ChatRequest): number {
  const s = req.schema?.schema as { properties?: { candidates?: { minItems?: number } } };
  return s?.properties?.candidates?.minItems ?? 1;
}

const PASS_ALL = JSON.stringify(
  Object.fromEntries(JUDGE_CHECKS.map((c) => [c, { pass: 1, reason: `${c} is fine` }])),
);

/** A valid day for the fixture persona (wake 07:00, bed 23:00). */
const GOOD_PLAN = {
  actions: [
    { start: '00:00', end: '07:00', activity: 'sleep', label: 'sleep', object: 'bed' },
    { start: '07:00', end: '07:10', activity: 'wake-up', label: 'wake up', object: 'bed' },
    {
      start: '07:10',
      end: '07:20',
      activity: 'hygiene',
      label: 'brush teeth',
      object: 'bathroom-sink',
    },
    {
      start: '07:20',
      end: '07:45',
      activity: 'cooking',
      label: 'make breakfast',
      object: 'kitchen-counter',
    },
    {
      start: '07:45',
      end: '08:15',
      activity: 'breakfast',
      label: 'eat breakfast',
      object: 'dining-table',
    },
    {
      start: '08:15',
      end: '09:00',
      activity: 'music',
      label: 'listen to jazz records',
      object: 'record-player',
    },
    {
      start: '09:00',
      end: '12:00',
      activity: 'work',
      label: 'translate at the desk',
      object: 'desk',
    },
    { start: '12:00', end: '12:30', activity: 'cooking', label: 'cook lunch', object: 'stove' },
    { start: '12:30', end: '13:00', activity: 'lunch', label: 'eat lunch', object: 'dining-table' },
    {
      start: '13:00',
      end: '15:45',
      activity: 'gardening',
      label: 'weed the vegetable bed',
      object: 'garden-bed',
    },
    {
      start: '15:45',
      end: '16:00',
      activity: 'plant-care',
      label: 'water the flower pots',
      object: 'garden-plants',
    },
    {
      start: '16:00',
      end: '16:20',
      activity: 'laundry',
      label: 'do the laundry',
      object: 'washing-machine',
    },
    {
      start: '16:20',
      end: '16:35',
      activity: 'tidying',
      label: 'tidy the study',
      object: 'bookshelf',
    },
    {
      start: '16:35',
      end: '18:30',
      activity: 'reading',
      label: 'read a novel',
      object: 'reading-chair',
    },
    { start: '18:30', end: '19:00', activity: 'cooking', label: 'cook dinner', object: 'stove' },
    {
      start: '19:00',
      end: '19:30',
      activity: 'dinner',
      label: 'eat dinner',
      object: 'dining-table',
    },
    { start: '19:30', end: '22:30', activity: 'tv', label: 'watch a film', object: 'sofa' },
    {
      start: '22:30',
      end: '23:00',
      activity: 'reading',
      label: 'read in the armchair',
      object: 'bedroom-armchair',
    },
    { start: '23:00', end: '24:00', activity: 'sleep', label: 'sleep', object: 'bed' },
  ],
};

function defaultAnswer(req: ChatRequest): string {
  switch (req.schema?.name) {
    case 'day_plan':
      return JSON.stringify(GOOD_PLAN);
    case 'verdict':
      return '{"pass": 1, "reason": "fine by me"}';
    case 'verdicts':
      return PASS_ALL;
    case 'candidates': {
      const n = wanted(req);
      const one = {
        decision: 'recommend',
        suggestion: 'Roll your shoulders back and take three slow breaths.',
        topic: 'stretching',
        tone: 'calm',
      };
      const silent = { decision: 'silent', suggestion: null, topic: null, tone: null };
      return JSON.stringify({ candidates: n === 1 ? [one] : [silent, one] });
    }
    default:
      return '{}';
  }
}

/**
 * Answers from `script` (by schema name, in order), then from the default
 * answers. An Error is thrown as the call's failure.
 */
function fakeEngine(
  script: Partial<Record<string, Answer[]>> = {},
  options: { embeddings?: boolean; fallback?: (req: ChatRequest) => string | Error } = {},
): FakeEngine {
  const queues = Object.fromEntries(Object.entries(script).map(([k, v]) => [k, [...(v ?? [])]]));
  const requests: ChatRequest[] = [];
  const engine: FakeEngine = {
    info: { kind: 'openai', model: 'stand-in', embeddings: Boolean(options.embeddings) },
    requests,
    count: (name) =>
      name === undefined ? requests.length : requests.filter((r) => r.schema?.name === name).length,
    async chat(req: ChatRequest): Promise<ChatResponse> {
      requests.push(req);
      const q = queues[req.schema?.name ?? ''];
      const next: Answer =
        q && q.length ? (q.shift() as Answer) : (options.fallback ?? defaultAnswer);
      const a = typeof next === 'function' ? next(req) : next;
      if (a instanceof Error) throw a;
      const prompt = req.messages.reduce((n, m) => n + m.content.length, 0);
      return {
        text: a,
        usage: { promptTokens: Math.ceil(prompt / 4), completionTokens: Math.ceil(a.length / 4) },
        cached: false,
      };
    },
  };
  if (options.embeddings) {
    engine.embed = async (texts) =>
      texts.map((t) => [t.length % 7, t.includes('walk') ? 1 : 0, t.split(' ').length]);
  }
  return engine;
}

const persona: Persona = fixturePersona();

function ctxFor(schedule: Action[], minute: number, walking = false): StepContext {
  const index = schedule.findIndex((a) => a.start <= minute && minute < a.end);
  return {
    day: 1,
    step: Math.floor(minute / 2.5),
    minute,
    stepMinutes: 2.5,
    action: schedule[index] as Action,
    actionIndex: index,
    walking,
  };
}

const schedule = planDay(persona, Rng.fromSeed('schedule'));

function obsAt(minute: number, walking = false): AssistantObservation {
  const ctx = ctxFor(schedule, minute, walking);
  return {
    day: 1,
    step: ctx.step,
    minute,
    actionText: walking ? 'walking' : ctx.action.label,
    ctx,
  };
}

/** Criteria that pass for the first `score` of preference, timing, frequency, communication. */
function fullCriteria(score: number): Judgement['criteria'] {
  return {
    preference: { pass: score > 0, reason: 'pref' },
    timing: { pass: score > 1, reason: 'timing' },
    frequency: { pass: score > 2, reason: 'freq', tooOften: score <= 2, tooRare: false },
    communication: { pass: score > 3, reason: 'comm' },
  };
}

const rec = (text: string): Candidate => ({
  kind: 'recommend',
  suggestion: { text, topic: 'recipes', tone: 'friendly' },
});

// ------------------------------------------------------------ planner

describe('LLM planner', () => {
  it('uses a sound plan as it is, with walking added', async () => {
    const engine = fakeEngine();
    const result = await createLlmPlanner(engine).plan(persona, 1, Rng.fromSeed('p'));
    expect(result.source).toBe('llm');
    expect(result.problems).toEqual([]);
    expect(scheduleProblems(result.schedule)).toEqual([]);
    expect(result.schedule.some((a) => a.walkSeconds > 0)).toBe(true);
    expect(engine.count('day_plan')).toBe(1);
    // The prompt is built from the persona's own words and the home's objects.
    const prompt = engine.requests[0]!.messages.map((m) => m.content).join('\n');
    for (const words of [
      persona.background,
      persona.longTermGoal,
      persona.lifestyle[0]!,
      'water the flower pots',
      'preferably around 16:00',
      'Wakes at 07:00',
      'record-player (music, relax)',
    ])
      expect(prompt).toContain(words);
    expect(engine.requests[0]!.schema?.name).toBe('day_plan');
  });

  it('repairs order, gaps, overlaps, unknown objects and activities, and missing sleep', () => {
    const reply: PlanReply = {
      actions: [
        // out of order, no sleep at all, a 07:00 start
        {
          start: '12:00',
          end: '12:30',
          activity: 'eating',
          label: 'have lunch',
          object: 'kitchen table',
        },
        {
          start: '07:00',
          end: '08:00',
          activity: 'breakfast',
          label: 'breakfast',
          object: 'dining-table',
        },
        // overlaps and is inside the work block: dropped
        {
          start: '09:30',
          end: '10:00',
          activity: 'coffee',
          label: 'coffee',
          object: 'coffee-machine',
        },
        { start: '08:00', end: '11:50', activity: 'work', label: 'translate', object: 'desk' },
        // a 10-minute gap (11:50–12:00) is closed by extending the work
        // unknown activity word mapped from the label; object that does not afford it moved
        {
          start: '12:30',
          end: '14:00',
          activity: 'Gardening',
          label: 'weed the beds',
          object: 'sofa',
        },
        // unreadable time: dropped
        { start: 'later', end: '15:00', activity: 'relax', label: 'nap', object: 'sofa' },
        {
          start: '14:00',
          end: '18:00',
          activity: 'reading',
          label: 'read',
          object: 'the reading chair',
        },
        // a long gap 18:00–19:00 filled with rest
        { start: '19:00', end: '22:00', activity: 'watch TV', label: 'watch a film', object: 'tv' },
        {
          start: '22:00',
          end: '23:00',
          activity: 'journaling',
          label: 'journal',
          object: 'nightstand',
        },
      ],
    };
    const { schedule: fixed, problems } = repairPlan(persona, reply);
    expect(fixed).not.toBeNull();
    const s = fixed as Action[];
    expect(scheduleProblems(s)).toEqual([]);
    const text = problems.join('\n');
    expect(text).toMatch(/sorted/);
    expect(text).toMatch(/no sleep in the plan/);
    expect(text).toMatch(/"coffee".*overlaps.*dropped/);
    expect(text).toMatch(/unreadable time "later"/);
    expect(text).toMatch(/"sofa" is not for gardening/);
    expect(text).toMatch(/filled with rest/);
    // Sleep from the routine: 00:00–07:00 and 23:00–24:00.
    expect(s[0]).toMatchObject({ start: 0, end: 7 * 60, kind: 'sleep', object: 'bed' });
    expect(s[s.length - 1]).toMatchObject({ end: 24 * 60, kind: 'sleep' });
    const at = (m: number) => s.find((a) => a.start <= m && m < a.end) as Action;
    expect(at(12 * 60 + 10)).toMatchObject({ kind: 'lunch', object: 'dining-table' });
    expect(at(11 * 60 + 55)).toMatchObject({ kind: 'work' });
    expect(at(13 * 60)).toMatchObject({ kind: 'gardening', room: 'garden' });
    expect(at(15 * 60)).toMatchObject({ kind: 'reading', object: 'reading-chair' });
    expect(at(18 * 60 + 30)).toMatchObject({ kind: 'relax', label: 'rest' });
    expect(at(20 * 60)).toMatchObject({ kind: 'tv' });
  });

  it('reads times, activities and objects the way models write them', () => {
    expect(parseTime('7:30')).toBe(450);
    expect(parseTime('07:30 PM')).toBe(19 * 60 + 30);
    expect(parseTime('12:00 am')).toBe(0);
    expect(parseTime('24:00')).toBe(1440);
    expect(parseTime(600)).toBe(600);
    expect(parseTime('25:00')).toBeNull();
    expect(parseTime('soon')).toBeNull();
    expect(resolveActivity('Sleep', '', null, 0)).toBe('sleep');
    expect(resolveActivity('meal', '', null, 8 * 60)).toBe('breakfast');
    expect(resolveActivity('meal', '', null, 19 * 60)).toBe('dinner');
    expect(resolveActivity('chill', 'water the plants', null, 0)).toBe('plant-care');
    expect(resolveActivity('???', '', resolveObject('piano'), 0)).toBe('music');
    expect(resolveObject('Kitchen Sink')?.id).toBe('kitchen-sink');
    expect(resolveObject('the stove in the kitchen')?.id).toBe('stove');
    expect(resolveObject('spaceship')).toBeNull();
  });

  it('splits a night written over midnight', () => {
    const actions = GOOD_PLAN.actions.filter((a) => a.activity !== 'sleep');
    actions.push({
      start: '23:00',
      end: '07:00',
      activity: 'sleep',
      label: 'sleep',
      object: 'bed',
    });
    const { schedule: fixed } = repairPlan(persona, { actions });
    expect(fixed?.[0]).toMatchObject({ start: 0, end: 420, kind: 'sleep' });
    expect(fixed?.[fixed.length - 1]).toMatchObject({ start: 1380, end: 1440, kind: 'sleep' });
  });

  it('asks again after an unreadable reply (prose and broken JSON), then uses the answer', async () => {
    const engine = fakeEngine({
      day_plan: [
        'Sure! Here is the plan: {"actions": [{"start": "00:00", "end": ',
        JSON.stringify(GOOD_PLAN),
      ],
    });
    const result = await createLlmPlanner(engine).plan(persona, 2, Rng.fromSeed('p'));
    expect(result.source).toBe('llm');
    expect(engine.count('day_plan')).toBe(2);
    const retry = engine.requests[1]!.messages;
    expect(retry[retry.length - 1]!.content).toMatch(/could not be used/);
  });

  it('accepts JSON in code fences with prose around it', async () => {
    const engine = fakeEngine({
      day_plan: [
        'Here you go:\n```json\n' + JSON.stringify(GOOD_PLAN, null, 1) + '\n```\nEnjoy your day!',
      ],
    });
    const result = await createLlmPlanner(engine).plan(persona, 1, Rng.fromSeed('p'));
    expect(result.source).toBe('llm');
    expect(engine.count()).toBe(1);
  });

  it('falls back to the built-in planner (the same day) when the plan cannot be repaired', async () => {
    const tiny = JSON.stringify({
      actions: [{ start: '09:00', end: '10:00', activity: 'work', label: 'work', object: 'desk' }],
    });
    const engine = fakeEngine({ day_plan: [tiny, tiny] });
    const result = await createLlmPlanner(engine).plan(persona, 3, Rng.fromSeed('day-3'));
    expect(result.source).toBe('builtin-fallback');
    expect(result.problems.join(' ')).toMatch(/could not be repaired/);
    expect(result.schedule).toEqual(planDay(persona, Rng.fromSeed('day-3')));
    expect(engine.count('day_plan')).toBe(2); // asked again, naming the problems
    expect(engine.requests[1]!.messages.at(-1)!.content).toMatch(/cannot be used/);
  });

  it('falls back when the call fails, and pauses when the engine is gone', async () => {
    const failing = fakeEngine({ day_plan: [new EngineError('timeout', 'too slow')] });
    const r = await createLlmPlanner(failing).plan(persona, 1, Rng.fromSeed('x'));
    expect(r.source).toBe('builtin-fallback');
    expect(r.problems[0]).toMatch(/call failed.*too slow/);
    const gone = fakeEngine({ day_plan: [new EngineError('network', 'connection refused')] });
    await expect(createLlmPlanner(gone).plan(persona, 1, Rng.fromSeed('x'))).rejects.toBeInstanceOf(
      EnginePausedError,
    );
  });
});

// ------------------------------------------------------------ judge

/** The judgement of a verdict that must have one (fails the test on an unjudged one). */
function scored(v: Verdict): Judgement {
  if (isUnjudged(v)) throw new Error(`expected a score, got none: ${v.unjudged.why}`);
  return v;
}

describe('LLM judge', () => {
  const memory = newJudgeMemory(1);
  recordInteraction(memory, 600, 'translate at the desk', rec('A recipe idea'), 2);
  recordInteraction(memory, 640, 'cook lunch', SILENT, 4);
  const cooking = ctxFor(
    schedule,
    schedule.find((a) => a.kind === 'cooking' && a.start > 600)!.start + 5,
  );

  it('reference mode: five calls per candidate, each with one rubric paragraph', async () => {
    const engine = fakeEngine();
    const judge = createLlmJudge(engine, { mode: 'reference' });
    const j = scored(await judge(persona, memory, cooking, rec('Try lemon zest in the sauce.')));
    expect(engine.count()).toBe(5);
    expect(j.score).toBe(4);
    await judge(persona, memory, cooking, SILENT);
    expect(engine.count()).toBe(10);
    const texts = engine.requests.map((r) => r.messages.map((m) => m.content).join('\n'));
    // Each call: the profile, today's memory, the action, the recommendation and one paragraph.
    for (const t of texts) {
      expect(t).toContain(persona.name);
      expect(t).toContain(persona.background);
      expect(t).toMatch(/Recommendations per hour today: .*10:00–11:00: 1/);
      expect(t).toContain('Per 4-hour block');
      expect(t).toContain('while "translate at the desk": "A recipe idea"');
      expect(t).toContain(`${persona.name} is doing: ${cooking.action.label} (for `);
    }
    const timing = texts.filter((t) => t.includes(persona.rubric.timing.prose));
    expect(timing).toHaveLength(2);
    for (const t of timing) expect(t).not.toContain(persona.rubric.communication.prose);
    expect(texts.filter((t) => t.includes(persona.rubric.frequency.prose))).toHaveLength(4);
    expect(texts.filter((t) => /too often\?/.test(t))).toHaveLength(2);
    expect(texts.filter((t) => /too rare\?/.test(t))).toHaveLength(2);
    expect(texts.filter((t) => t.includes('recommendation: No Recommendation'))).toHaveLength(5);
  });

  it('shows the walk as "on the way to"', async () => {
    const engine = fakeEngine();
    await createLlmJudge(engine, { mode: 'compact' })(
      persona,
      memory,
      { ...cooking, walking: true },
      SILENT,
    );
    expect(engine.requests[0]!.messages[1]!.content).toContain(
      `${persona.name} is on the way to ${cooking.action.label}.`,
    );
  });

  it('frequency passes only when both checks do', async () => {
    const answers = (fail: JudgeCheck) =>
      JSON.stringify(
        Object.fromEntries(
          JUDGE_CHECKS.map((c) => [c, { pass: c === fail ? 0 : 1, reason: `${c} reason` }]),
        ),
      );
    const engine = fakeEngine({ verdicts: [answers('too_rare'), answers('too_often')] });
    const judge = createLlmJudge(engine, { mode: 'compact' });
    const a = scored(await judge(persona, memory, cooking, SILENT));
    expect(a.score).toBe(3);
    expect(a.criteria.frequency).toMatchObject({ pass: false, tooRare: true, tooOften: false });
    expect(a.criteria.frequency.reason).toBe('too_rare reason');
    const b = scored(await judge(persona, memory, cooking, rec('x')));
    expect(b.criteria.frequency).toMatchObject({ pass: false, tooRare: false, tooOften: true });
    expect(engine.count()).toBe(2); // compact: one call per candidate
  });

  it('compact mode: one call per candidate, with all four paragraphs', async () => {
    const engine = fakeEngine();
    const j = scored(await createLlmJudge(engine)(persona, memory, cooking, rec('Try basil.')));
    expect(engine.count()).toBe(1);
    expect(j.score).toBe(4);
    const t = engine.requests[0]!.messages[1]!.content;
    for (const prose of [
      persona.rubric.personalPreference.prose,
      persona.rubric.timing.prose,
      persona.rubric.frequency.prose,
      persona.rubric.communication.prose,
    ])
      expect(t).toContain(prose);
  });

  it('reads lenient replies: booleans, strings, code fences, prose around the JSON', async () => {
    const engine = fakeEngine({
      verdict: [
        'Verdict: {"pass": true, "reason": "nice"}',
        '```json\n{"pass": "0", "reason": "not now"}\n```',
        "{'pass': 1, 'reason': 'single quotes',}",
        '{"pass": 1}',
        '{"pass": 1, "reason": "ok"}',
      ],
    });
    const j = scored(
      await createLlmJudge(engine, { mode: 'reference' })(persona, memory, cooking, rec('x')),
    );
    expect(engine.count()).toBe(5);
    expect(j.criteria.preference).toMatchObject({ pass: true, reason: 'nice' });
    expect(j.criteria.timing).toMatchObject({ pass: false, reason: 'not now' });
    expect(j.score).toBe(3);
  });

  it('a reply unreadable after the repair retry gives no score: the candidate is unjudged, naming the call', async () => {
    // The timing question is answered in prose, twice (the first reply and the repair retry).
    const engine = fakeEngine(
      {},
      {
        fallback: (req) =>
          req.messages.some((m) => m.content.includes('Question. Timing'))
            ? 'I think it is fine.'
            : defaultAnswer(req),
      },
    );
    const j = await createLlmJudge(engine, { mode: 'reference' })(
      persona,
      memory,
      cooking,
      rec('x'),
    );
    expect(engine.count()).toBe(6); // 5 + one repair retry
    expect(isUnjudged(j)).toBe(true);
    expect(j).not.toHaveProperty('score');
    expect(j).toMatchObject({
      unjudged: {
        call: 'judge (timing)',
        why: expect.stringMatching(/^the reply could not be read/),
      },
    });
    // Compact: a reply missing fields, after its repair retry, is unjudged too (not 0/4).
    const compact = fakeEngine({ verdicts: ['no', '{"preference": {"pass": 1}}'] });
    const c = await createLlmJudge(compact)(persona, memory, cooking, rec('x'));
    expect(compact.count()).toBe(2);
    expect(c).toMatchObject({ unjudged: { call: 'judge' } });
    expect(c).not.toHaveProperty('score');
  });

  it('a failed call gives no score and says why; an engine that is gone pauses', async () => {
    const engine = fakeEngine({ verdicts: [new EngineError('server', 'HTTP 500')] });
    const j = await createLlmJudge(engine)(persona, memory, cooking, rec('x'));
    expect(j).not.toHaveProperty('score');
    expect(j).toMatchObject({
      unjudged: { call: 'judge', why: expect.stringMatching(/^the call failed: .*HTTP 500/) },
    });
    const gone = fakeEngine({ verdicts: [new EngineError('auth', 'bad key')] });
    await expect(createLlmJudge(gone)(persona, memory, cooking, SILENT)).rejects.toBeInstanceOf(
      EnginePausedError,
    );
  });
});

// ------------------------------------------------------------ assistant

describe('LLM assistant', () => {
  const rng = () => Rng.fromSeed('a');
  const cook = obsAt(schedule.find((a) => a.kind === 'cooking' && a.start > 600)!.start + 5);

  it('prompts [MEMORY] then [ACTION], and asks for two candidates in one call', async () => {
    const engine = fakeEngine();
    const a = createLlmAssistant(engine);
    const s = a.init(rng());
    const { candidates: cands } = await a.propose(s, cook, rng(), 2);
    expect(engine.count()).toBe(1);
    expect(cands).toHaveLength(2);
    expect(cands[0]).toEqual(SILENT);
    expect(cands[1]).toMatchObject({
      kind: 'recommend',
      suggestion: { topic: 'stretching', tone: 'calm' },
    });
    const user = engine.requests[0]!.messages[1]!.content;
    expect(user.indexOf('[MEMORY]')).toBe(0);
    expect(user.indexOf('[ACTION]')).toBeGreaterThan(0);
    expect(user).toMatch(new RegExp(`\\[ACTION\\]\\nDay 1 \\d\\d:\\d\\d: ${cook.actionText}$`));
    expect(engine.requests[0]!.schema?.name).toBe('candidates');
    const { candidates: walking } = await a.propose(s, obsAt(cook.minute, true), rng(), 2);
    expect(walking).toHaveLength(2);
    expect(engine.requests[1]!.messages[1]!.content).toMatch(
      /\[ACTION\]\nDay 1 \d\d:\d\d: walking$/,
    );
  });

  it('two-calls mode samples each candidate from the same prompt', async () => {
    const engine = fakeEngine();
    const a = createLlmAssistant(engine, { candidates: 'two-calls' });
    const s = a.init(rng());
    const { candidates: cands } = await a.propose(s, cook, rng(), 2);
    expect(engine.count()).toBe(2);
    expect(engine.requests[0]!.messages).toEqual(engine.requests[1]!.messages);
    expect(cands.every((c) => c.kind === 'recommend')).toBe(true);
  });

  it('falls back to silence when the reply cannot be read or the call fails', async () => {
    const engine = fakeEngine({
      candidates: ['no idea', 'still prose', new EngineError('timeout', 'slow')],
    });
    const a = createLlmAssistant(engine);
    const s = a.init(rng());
    const first = await a.propose(s, cook, rng(), 2);
    expect(first.candidates).toEqual([SILENT, SILENT]);
    expect(first.memo.source).toBe('fallback');
    expect(engine.count()).toBe(2); // one repair retry
    const second = await a.propose(s, cook, rng(), 2);
    expect(second.candidates).toEqual([SILENT, SILENT]);
    expect(second.memo.source).toBe('fallback');
    const j = { score: 4, criteria: fullCriteria(4) };
    a.learn(
      s,
      {
        obs: cook,
        judged: [{ candidate: SILENT, judgement: j }],
        delivered: 0,
        pair: null,
        memo: second.memo,
      },
      rng(),
    );
    expect(s.stats).toMatchObject({ proposals: 1, fallbacks: 1 });
  });

  it('maps free-form topics and tones onto the vocabulary, and "No Recommendation" to silence', async () => {
    const engine = fakeEngine({
      candidates: [
        JSON.stringify({
          candidates: [
            { decision: 'recommend', suggestion: 'No Recommendation', topic: null, tone: null },
            {
              decision: 'Recommend',
              suggestion: 'Add fresh herbs to the pan.',
              topic: 'Cooking recipes',
              tone: 'warm and friendly',
            },
          ],
        }),
        // one bare candidate instead of the wrapper: read as one, silence first
        JSON.stringify({
          decision: 'recommend',
          suggestion: 'Drink a glass of water.',
          topic: 'water',
          tone: 'x',
        }),
      ],
    });
    const a = createLlmAssistant(engine);
    const s = a.init(rng());
    const [c1, c2] = (await a.propose(s, cook, rng(), 2)).candidates;
    expect(c1).toEqual(SILENT);
    expect(c2).toMatchObject({ suggestion: { topic: 'recipes', tone: 'friendly' } });
    const [d1, d2] = (await a.propose(s, cook, rng(), 2)).candidates;
    expect(d1).toEqual(SILENT);
    expect(d2).toMatchObject({ suggestion: { text: 'Drink a glass of water.', tone: 'friendly' } });
  });

  it('remembers across steps, and from ASC shows the best and worst rated moments like this one', async () => {
    const engine = fakeEngine();
    const a = createLlmAssistant(engine, { memory: 'ASCR' });
    const s: LlmAssistantState = a.init(rng());
    const judged = (score: number, c: Candidate) => ({
      candidate: c,
      judgement: {
        score,
        criteria: {
          preference: { pass: score > 0, reason: 'pref' },
          timing: { pass: score > 1, reason: 'I keep cooking free of suggestions.' },
          frequency: { pass: score > 2, reason: 'freq', tooOften: false, tooRare: false },
          communication: { pass: score > 3, reason: 'comm' },
        },
      },
    });
    // Ten earlier cooking moments: a great one and a bad one among them.
    for (let k = 0; k < 10; k++) {
      const o = { ...cook, minute: 300 + k * 10, step: 120 + k * 4 };
      const cand =
        k === 1
          ? rec('Toast the spices first.')
          : k === 2
            ? rec('Check your bank balance.')
            : SILENT;
      const score = k === 1 ? 4 : k === 2 ? 0 : 3;
      a.learn(s, { obs: o, judged: [judged(score, cand)], delivered: 0, pair: null }, rng());
    }
    expect(s.memory.records).toHaveLength(10);
    await a.propose(s, cook, rng(), 2);
    const user = engine.requests[0]!.messages[1]!.content;
    const system = engine.requests[0]!.messages[0]!.content;
    expect(system).toMatch(/scored \(0–4, with the reasons\)/);
    expect(user).toMatch(
      /Best rated in moments like this:\n- Day 1 \d\d:\d\d .*"Toast the spices first." \[score 4\/4\]/,
    );
    expect(user).toMatch(
      /Worst rated in moments like this:\n- Day 1 .*"Check your bank balance." \[score 0\/4\] \(pref/,
    );
    expect(user.indexOf('Best rated')).toBeLessThan(user.indexOf('[ACTION]'));
  });

  it('uses embeddings for relevance when the engine has them', async () => {
    const engine = fakeEngine({}, { embeddings: true });
    let embedded = 0;
    const embed = engine.embed!;
    engine.embed = async (t, sig) => {
      embedded += t.length;
      return embed(t, sig);
    };
    const a = createLlmAssistant(engine);
    const s = a.init(rng());
    for (let k = 0; k < 8; k++) {
      const o = { ...cook, minute: 300 + k * 10, actionText: k % 2 ? 'walking' : cook.actionText };
      a.learn(
        s,
        {
          obs: o,
          judged: [{ candidate: SILENT, judgement: { score: 4, criteria: fullCriteria(4) } }],
          delivered: 0,
          pair: null,
        },
        rng(),
      );
    }
    await a.propose(s, cook, rng(), 2);
    expect(embedded).toBe(2); // the two distinct texts, embedded once
    expect(a.explain!(s, cook)).toMatchObject({ retrieval: 'embeddings' });
  });

  it('keeps preference pairs in the form DPO trainers read', async () => {
    const engine = fakeEngine();
    const a = createLlmAssistant(engine);
    const s = a.init(rng());
    const { candidates: cands, memo } = await a.propose(s, cook, rng(), 2);
    const j = (score: number) => ({ score, criteria: fullCriteria(score) });
    a.learn(
      s,
      {
        obs: cook,
        judged: [
          { candidate: cands[0]!, judgement: j(4) },
          {
            candidate: cands[1]!,
            judgement: {
              score: 2,
              criteria: {
                preference: { pass: true, reason: '' },
                timing: { pass: false, reason: '' },
                frequency: { pass: false, reason: '', tooOften: true, tooRare: false },
                communication: { pass: true, reason: '' },
              },
            },
          },
        ],
        delivered: 1,
        pair: { chosen: 0, rejected: 1 },
        memo,
      },
      rng(),
    );
    const pairs = a.exportPairs!(s);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.prompt).toMatch(/^\[MEMORY\][\s\S]*\[ACTION\]/);
    expect(JSON.parse(pairs[0]!.chosen)).toMatchObject({ decision: 'silent' });
    expect(JSON.parse(pairs[0]!.rejected)).toMatchObject({
      decision: 'recommend',
      topic: 'stretching',
    });
  });

  it('with a timing gate: the learned policy decides when, the model writes the words', async () => {
    const quiet = createPropera({
      id: 'gate-quiet',
      label: 'g',
      memory: 'AS',
      initialSpeakLogit: -6,
      exploreSpeak: 0,
    });
    const engine = fakeEngine();
    const a = createLlmAssistant(engine, { gate: { agent: quiet } });
    const s = a.init(rng());
    const { candidates: c, memo: m } = await a.propose(s, cook, rng(), 2);
    expect(c).toEqual([SILENT, SILENT]);
    expect(engine.count()).toBe(0); // nothing to write: no call
    expect(m).toMatchObject({ source: 'gate' });
    expect(m.pSpeak!).toBeLessThan(0.5);

    const chatty = createPropera({
      id: 'gate-chatty',
      label: 'g',
      memory: 'AS',
      initialSpeakLogit: 6,
    });
    const engine2 = fakeEngine();
    const b = createLlmAssistant(engine2, { gate: { agent: chatty } });
    const t = b.init(rng());
    const { candidates: d, memo: dm } = await b.propose(t, cook, rng(), 2);
    expect(dm.pSpeak!).toBeGreaterThan(0.5);
    expect(engine2.count()).toBe(1);
    expect(d[1]).toMatchObject({
      kind: 'recommend',
      suggestion: { text: expect.stringMatching(/breaths/) },
    });
    const sys = engine2.requests[0]!.messages[0]!.content;
    expect(sys).toMatch(/good moment to speak/);
    // The gate learns from the judged candidates (a pair), mapped onto its own choices.
    const judged = d.map((cand, i) => ({
      candidate: cand,
      judgement: {
        score: i === 1 ? 4 : 1,
        criteria: {
          preference: { pass: true, reason: '' },
          timing: { pass: true, reason: '' },
          frequency: { pass: true, reason: '', tooOften: false, tooRare: false },
          communication: { pass: true, reason: '' },
        },
      },
    }));
    b.learn(
      t,
      { obs: cook, judged, delivered: 1, pair: { chosen: 1, rejected: 0 }, memo: dm },
      rng(),
    );
    // Both spoke (the probe explores, the policy is chatty); the model said silence for the probe.
    expect(d[0]).toEqual(SILENT);
    expect(t.gate!.pairs).toHaveLength(1);
    expect(t.gate!.pairs[0]).toMatchObject({ rejected: -1 });
    expect(t.gate!.pairs[0]!.chosen).toBeGreaterThanOrEqual(0);
    b.startDay(t, 2, rng());
    expect(b.trainingLog!(t)).toHaveLength(1);
  });
});

// ------------------------------------------------------------ whole runs

/** A run with every role played by the stand-in, through advanceAsync. */
async function oneDay(setup: Omit<LlmSetup, 'engine'>, assistantId: string, engine = fakeEngine()) {
  const { agents, ledger } = buildRunAgents({ ...setup, engine }, assistantId);
  const run = createRun(persona, agents, { seed: 'llm', days: 1 });
  const outcome = await driveRun(run, agents, ledger);
  return { run, outcome, usage: ledger.record(), engine };
}

const ALL = ['persona', 'judge', 'assistant'] as const;

describe('runs with all three LLM roles', () => {
  it('default (compact judge, one assistant call for two candidates): a day completes, ≤ 4 calls per scored step', async () => {
    const { run, outcome, usage } = await oneDay({ roles: ALL, judgeMode: 'compact' }, 'llm');
    expect(outcome.status).toBe('finished');
    expect(isFinished(run)).toBe(true);
    expect(run.planSource).toBe('llm');
    const d = usage.days[0]!;
    expect(d.complete).toBe(true);
    expect(d.plan).toEqual({ source: 'llm', problems: [] });
    const scored = run.days[0]!.scoredSteps;
    expect(d.scoredSteps).toBe(scored);
    expect(d.byRole.persona.calls).toBe(1);
    expect(d.byRole.assistant.calls).toBe(scored);
    expect(d.byRole.judge.calls).toBe(2 * scored);
    expect(d.callsPerScoredStep).toBe(3);
    expect(d.promptTokens).toBeGreaterThan(0);
    expect(d.completionTokens).toBeGreaterThan(0);
    expect(usage.total.calls).toBe(1 + 3 * scored);
    expect(usage.engine).toEqual({ kind: 'openai', model: 'stand-in' });
    console.info(`calls per scored step, default (compact + one call): ${d.callsPerScoredStep}`);
  });

  it('reference setup (5 judge calls per candidate, two assistant calls): 12 calls per scored step', async () => {
    const { usage, run } = await oneDay({ roles: ALL, judgeMode: 'reference' }, 'llm-reference');
    const d = usage.days[0]!;
    expect(d.byRole.judge.calls).toBe(10 * run.days[0]!.scoredSteps);
    expect(d.callsPerScoredStep).toBe(12);
    console.info(`calls per scored step, reference: ${d.callsPerScoredStep}`);
    const mixed = await oneDay({ roles: ALL, judgeMode: 'reference' }, 'llm');
    console.info(
      `calls per scored step, reference judge + one assistant call: ${mixed.usage.total.callsPerScoredStep}`,
    );
    expect(mixed.usage.total.callsPerScoredStep).toBe(11);
    const two = await oneDay({ roles: ALL, judgeMode: 'compact' }, 'llm-reference');
    console.info(
      `calls per scored step, compact judge + two assistant calls: ${two.usage.total.callsPerScoredStep}`,
    );
    expect(two.usage.total.callsPerScoredStep).toBe(4);
  });

  it('gated assistant: the model is called only when someone speaks', async () => {
    const { usage } = await oneDay({ roles: ALL, judgeMode: 'compact' }, 'llm-gated');
    const t = usage.total;
    expect(t.byRole.assistant.calls).toBeLessThanOrEqual(t.scoredSteps);
    expect(t.callsPerScoredStep!).toBeLessThanOrEqual(3);
    console.info(`calls per scored step, gated: ${t.callsPerScoredStep}`);
  });

  it('the assistant never sees the persona: no name, no rubric in any of its prompts', async () => {
    const { engine } = await oneDay({ roles: ALL, judgeMode: 'compact' }, 'llm-ascr');
    const prompts = engine.requests
      .filter((r) => r.schema?.name === 'candidates')
      .map((r) => r.messages.map((m) => m.content).join('\n'));
    expect(prompts.length).toBeGreaterThan(100);
    const secrets = [
      persona.name,
      persona.name.split(' ')[0]!,
      persona.background,
      persona.longTermGoal,
      persona.rubric.personalPreference.prose,
      persona.rubric.timing.prose,
      persona.rubric.frequency.prose,
      persona.rubric.communication.prose,
    ];
    for (const p of prompts) for (const s of secrets) expect(p).not.toContain(s);
    // Judge prompts do carry the persona.
    expect(
      engine.requests.find((r) => r.schema?.name === 'verdicts')!.messages[0]!.content,
    ).toContain(persona.name);
  });

  it('mixes roles: LLM judge with the built-in planner and assistant', async () => {
    const { usage, run } = await oneDay({ roles: ['judge'], judgeMode: 'compact' }, 'propera');
    expect(run.planSource).toBe('builtin');
    expect(usage.total.byRole.persona.calls).toBe(0);
    expect(usage.total.byRole.assistant.calls).toBe(0);
    expect(usage.total.callsPerScoredStep).toBe(2);
  });

  it('a plan that falls back is recorded as the day plan source', async () => {
    const engine = fakeEngine({ day_plan: ['nonsense', 'more nonsense', 'x', 'y'] });
    const { run, usage } = await oneDay({ roles: ALL, judgeMode: 'compact' }, 'llm', engine);
    expect(run.planSource).toBe('builtin-fallback');
    expect(usage.days[0]!.plan!.source).toBe('builtin-fallback');
    expect(run.schedule).toEqual(planDay(persona, planRng(run, 1)));
  });

  it('an engine that goes away pauses the run at a step boundary; it resumes with a new engine', async () => {
    let calls = 0;
    const flaky = fakeEngine(
      {},
      {
        fallback: (req) =>
          ++calls > 40 ? new EngineError('network', 'connection refused') : defaultAnswer(req),
      },
    );
    const setup: LlmSetup = { engine: flaky, roles: ALL, judgeMode: 'compact' };
    const first = buildRunAgents(setup, 'llm');
    const run = createRun(persona, first.agents, { seed: 'pause', days: 1 });
    const out = await driveRun(run, first.agents, first.ledger);
    expect(out.status).toBe('paused');
    expect(out.message).toMatch(/cannot be reached.*connection refused/);
    const saved = JSON.parse(JSON.stringify({ run, ledger: first.ledger.toJSON() }));
    const before = first.ledger.record().total.calls;
    expect(before).toBe(40);
    // Resume from the saved data with an engine that works.
    const second = buildRunAgents({ ...setup, engine: fakeEngine() }, 'llm', {
      ledger: saved.ledger,
    });
    const resumed = await driveRun(saved.run, second.agents, second.ledger);
    expect(resumed.status).toBe('finished');
    const usage = second.ledger.record();
    expect(usage.days).toHaveLength(1);
    expect(usage.days[0]!.complete).toBe(true);
    expect(usage.total.calls).toBeGreaterThan(before);
    expect(usage.days[0]!.scoredSteps).toBe(
      saved.run.days?.[0]?.scoredSteps ?? usage.days[0]!.scoredSteps,
    );
  });

  it('an engine failing call after call pauses instead of scoring zeros forever', async () => {
    const broken = fakeEngine({}, { fallback: () => new EngineError('server', 'HTTP 502') });
    const { outcome, usage } = await oneDay(
      { roles: ['judge'], judgeMode: 'compact' },
      'never',
      broken,
    );
    expect(outcome.status).toBe('paused');
    expect(outcome.message).toMatch(
      new RegExp(`failed ${MAX_CONSECUTIVE_FAILURES} calls in a row.*HTTP 502`),
    );
    expect(usage.total.byRole.judge.failedCalls).toBe(MAX_CONSECUTIVE_FAILURES);
  });

  it('stops after --limit-steps scored steps', async () => {
    const engine = fakeEngine();
    const { agents, ledger } = buildRunAgents({ engine, roles: ALL, judgeMode: 'compact' }, 'llm');
    const run = createRun(persona, agents, { seed: 'limit', days: 2 });
    const costs: number[] = [];
    const out = await driveRun(run, agents, ledger, {
      limitSteps: 7,
      onStep: (r, c) => {
        if (!r.asleep) costs.push(c.calls);
      },
    });
    expect(out).toMatchObject({ status: 'limit', scoredSteps: 7 });
    expect(costs).toEqual([3, 3, 3, 3, 3, 3, 3]);
    expect(ledger.record().days[0]).toMatchObject({
      complete: false,
      scoredSteps: 7,
      callsPerScoredStep: 3,
    });
  });

  it('the user agent plans and judges through the same interface as the built-in one', async () => {
    const engine = fakeEngine();
    const user = createLlmUser({ planner: engine, judge: engine, judgeMode: 'compact' });
    expect(user.id).toBe('llm-planner+llm-judge-compact');
    const plan = await user.planDay(persona, 1, Rng.fromSeed('u'));
    expect(scheduleProblems(plan)).toEqual([]);
  });
});
