import { describeMoment } from '../../src/agents/user/moment';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getAssistant } from '../../src/agents/registry';
import { builtinUser } from '../../src/agents/user/builtin';
import { planDay } from '../../src/agents/user/planner';
import { OBJECTS, buildWalkableGrid, getObject } from '../../src/core/home';
import { findPath, walkSeconds } from '../../src/core/paths';
import { Rng, seedRng } from '../../src/core/rng';
import { scheduleProblems, momentAt } from '../../src/core/schedule';
import { advanceAsync, createRun, dispatch, isFinished, phase, planRng } from '../../src/core/sim';
import { formatHhmm, parseHhmm, stepsPerDay } from '../../src/core/time';
import { fixturePersona } from './helpers';

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('clock', () => {
  it('has 576 steps of 150 s a day and rejects step lengths that do not divide a day', () => {
    expect(stepsPerDay(150)).toBe(576);
    expect(stepsPerDay(300)).toBe(288);
    expect(() => stepsPerDay(7)).toThrow(/divisor/);
  });
  it('parses and formats HH:MM', () => {
    expect(parseHhmm('07:30')).toBe(450);
    expect(formatHhmm(450)).toBe('07:30');
    expect(formatHhmm(1440 + 5)).toBe('00:05');
    expect(() => parseHhmm('25:00')).toThrow(/HH:MM/);
  });
});

describe('seeded random generator', () => {
  it('replays exactly from its state and differs across seeds', () => {
    const a = Rng.fromSeed('x');
    const b = new Rng({ ...a.state });
    const seqA = Array.from({ length: 5 }, () => a.nextUint32());
    const seqB = Array.from({ length: 5 }, () => b.nextUint32());
    expect(seqA).toEqual(seqB);
    const c = Rng.fromSeed('y');
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(seqA);
    expect(seedRng(1)).toEqual(seedRng('1'));
  });
  it('draws integers in range and weighted picks by weight', () => {
    const r = Rng.fromSeed(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) {
      const v = r.int(2, 4);
      expect(v).toBeGreaterThanOrEqual(2);
      expect(v).toBeLessThanOrEqual(4);
      counts[r.weighted([0, 1, 3])]!++;
    }
    expect(counts[0]).toBe(0);
    expect(counts[2]! / counts[1]!).toBeGreaterThan(2.3);
    expect(counts[2]! / counts[1]!).toBeLessThan(3.9);
  });
});

describe('home and path-finding', () => {
  it('every object can be used from a walkable tile and reached from every other object', () => {
    const walk = buildWalkableGrid();
    for (const o of OBJECTS) expect(walk[o.use.y]![o.use.x], `${o.id} use tile`).toBe(true);
    for (const a of OBJECTS) {
      for (const b of OBJECTS) {
        if (a.id === b.id) continue;
        const path = findPath(a.use, b.use);
        expect(path.length, `${a.id} -> ${b.id}`).toBeGreaterThan(0);
      }
    }
  });
  it('paths are four-way moves over walkable tiles and pass through doors between rooms', () => {
    const walk = buildWalkableGrid();
    const path = findPath(getObject('bed').use, getObject('stove').use);
    for (let i = 1; i < path.length; i++) {
      const d = Math.abs(path[i]!.x - path[i - 1]!.x) + Math.abs(path[i]!.y - path[i - 1]!.y);
      expect(d).toBe(1);
      expect(walk[path[i]!.y]![path[i]!.x]).toBe(true);
    }
    expect(path.some((t) => t.x === 5 && t.y === 9)).toBe(true); // the bedroom door
  });
  it('walking takes realistic time: seconds to under a minute indoors', () => {
    expect(walkSeconds('bed', 'bed')).toBe(0);
    const s = walkSeconds('bed', 'garden-bed');
    expect(s).toBeGreaterThan(20);
    expect(s).toBeLessThan(60);
  });
});

describe('planner', () => {
  const persona = fixturePersona();
  it('covers the whole day without gaps or overlaps, each action at an object in its room', () => {
    for (let seed = 0; seed < 20; seed++) {
      const plan = planDay(persona, Rng.fromSeed(seed));
      expect(scheduleProblems(plan)).toEqual([]);
      expect(plan.some((a) => a.kind === 'lunch')).toBe(true);
      for (const req of persona.dailyPlanRequirements)
        expect(plan.some((a) => a.label === req.label)).toBe(true);
    }
  });
  it('varies with the seed', () => {
    const a = planDay(persona, Rng.fromSeed(1));
    const b = planDay(persona, Rng.fromSeed(2));
    expect(digest(a)).not.toBe(digest(b));
  });
  it('marks the start of an action at a new object as walking', () => {
    const plan = planDay(persona, Rng.fromSeed(5));
    const moved = plan.find((a, i) => i > 0 && a.walkSeconds > 0)!;
    expect(momentAt(plan, moved.start).walking).toBe(true);
    expect(momentAt(plan, moved.start + moved.walkSeconds / 60 + 0.01).walking).toBe(false);
  });
});

describe('simulation loop', () => {
  const persona = fixturePersona();
  const runDigest = (seed: string, assistantId = 'random') => {
    const agents = { user: builtinUser, assistant: getAssistant(assistantId) };
    const run = createRun(persona, agents, { seed, days: 2 });
    const records = dispatch(run, agents, { type: 'advance', steps: 2 * 576 });
    expect(isFinished(run)).toBe(true);
    return { hash: digest({ records, days: run.days }), run, records };
  };
  it('gives the same run byte for byte for the same seed, and another for another seed', () => {
    const a = runDigest('7');
    const b = runDigest('7');
    const c = runDigest('8');
    expect(a.hash).toBe(b.hash);
    expect(c.hash).not.toBe(a.hash);
  });
  it('golden day: the first day of seed 42 with the random assistant', () => {
    const agents = { user: builtinUser, assistant: getAssistant('random') };
    const run = createRun(persona, agents, { seed: '42', days: 1 });
    const records = dispatch(run, agents, { type: 'advance', steps: 576 });
    const day = run.days[0]!;
    // Pinned outputs: change them only when a change to the simulation is intended.
    // (mean 2.3665 → 2.3786 when the catalogue grew for imported personas: the random
    // assistant draws other items from the longer per-activity lists.)
    expect({
      scored: day.scoredSteps,
      recs: day.recommendations,
      mean: day.meanScore,
      first: records.find((r) => !r.asleep)!.time,
      actions: run.schedule.length,
    }).toMatchInlineSnapshot(`
      {
        "actions": 41,
        "first": "06:35",
        "mean": 2.3471,
        "recs": 205,
        "scored": 412,
      }
    `);
  });
  it('does not score sleep and scores every waking step', () => {
    const { records } = runDigest('3');
    for (const r of records) {
      if (r.asleep) {
        expect(r.score).toBeNull();
        expect(['sleep', 'nap']).toContain(r.kind);
      } else {
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(4);
      }
    }
  });
  it('takes a persona change mid-run through dispatch', () => {
    const agents = { user: builtinUser, assistant: getAssistant('never') };
    const run = createRun(persona, agents, { seed: '1', days: 1 });
    dispatch(run, agents, { type: 'advance', steps: 10 });
    const changed = { ...persona, name: 'Changed' };
    dispatch(run, agents, { type: 'set-persona', persona: changed });
    expect(run.persona.name).toBe('Changed');
    expect(() => dispatch(run, agents, { type: 'set-judge-noise', noise: 2 })).toThrow(/noise/);
  });
});

describe('run phases and the asynchronous driver', () => {
  const persona = fixturePersona();
  it('advanceAsync with agents that answer later gives the same run as advance', async () => {
    const sync = { user: builtinUser, assistant: getAssistant('propera') };
    const a = createRun(persona, sync, { seed: '9', days: 2 });
    const recA = dispatch(a, sync, { type: 'advance', steps: 2 * 576 });
    const later = <T>(v: T | Promise<T>) =>
      new Promise<T>((resolve) => setTimeout(() => resolve(v), 0));
    const asyncAgents = {
      user: {
        id: 'builtin',
        planDay: (...args: Parameters<typeof builtinUser.planDay>) =>
          later(builtinUser.planDay(...args)),
        judge: (...args: Parameters<typeof builtinUser.judge>) => later(builtinUser.judge(...args)),
        describeMoment,
      },
      assistant: {
        ...sync.assistant,
        propose: (...args: Parameters<typeof sync.assistant.propose>) =>
          later(sync.assistant.propose(...args)),
      },
    };
    const b = createRun(persona, asyncAgents, { seed: '9', days: 2 });
    const recB = await advanceAsync(b, asyncAgents, 2 * 576);
    expect(digest(recB)).toBe(digest(recA));
    expect(digest(b.days)).toBe(digest(a.days));
    // The synchronous dispatcher refuses agents that answer later, with a clear message.
    const c = createRun(persona, asyncAgents, { seed: '9', days: 1 });
    expect(() => dispatch(c, asyncAgents, { type: 'advance', steps: 1 })).toThrow(/advanceAsync/);
  });

  it('steps go plan → begin → complete, and inputs out of order are refused', () => {
    const agents = { user: builtinUser, assistant: getAssistant('always') };
    const run = createRun(persona, agents, { seed: '1', days: 1 });
    expect(phase(run)).toBe('plan');
    expect(() => dispatch(run, agents, { type: 'begin-step' })).toThrow(/needs "plan"/);
    const schedule = builtinUser.planDay(persona, 1, planRng(run, 1)) as ReturnType<typeof planDay>;
    dispatch(run, agents, { type: 'start-day', schedule, source: 'builtin' });
    expect(phase(run)).toBe('begin');
    dispatch(run, agents, { type: 'begin-step' });
    expect(phase(run)).toBe('complete');
    const [rec] = dispatch(run, agents, {
      type: 'complete-step',
      candidates: [],
      judgements: [],
      note: null,
    });
    expect(rec!.asleep).toBe(true); // 00:00 is night
    expect(run.step).toBe(1);
    // A broken schedule is refused with the problem named.
    const other = createRun(persona, agents, { seed: '1', days: 1 });
    expect(() =>
      dispatch(other, agents, { type: 'start-day', schedule: schedule.slice(1), source: 'llm' }),
    ).toThrow(/starts at/);
  });
});
