/**
 * Exploring a run: the archive of its past, rebuilding any step, jumps in
 * the simulation worker (the same steps as the page's own), "what if",
 * travelling to a past moment, and a comparison run.
 */
import { describe, expect, it } from 'vitest';
import { replayAgents } from '../../src/agents/lineup';
import { getAssistant } from '../../src/agents/registry';
import { Rng, seedRng } from '../../src/core/rng';
import { createRun, dispatch } from '../../src/core/sim';
import { absoluteStep } from '../../src/core/run-copy';
import { playMinutes } from '../../src/state/actions/playback';
import { createGame, type Game } from '../../src/state/create-game';
import { learnedAt } from '../../src/state/learned';
import { shownMoment } from '../../src/state/moment';
import { rebuildAt, RebuildError } from '../../src/state/rebuild';
import { inProcessSimWorker } from '../../src/state/sim-worker/in-process';
import { fixturePersona } from './helpers';

const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const tick = () => new Promise((r) => setTimeout(r, 0));

function newGame(options: { assistantId?: string; worker?: boolean; days?: number } = {}): Game {
  const persona = fixturePersona();
  return createGame({
    personas: [persona],
    initial: { personaId: persona.id, assistantId: options.assistantId ?? 'propera', seed: '3' },
    runConfig: { days: options.days ?? 3 },
    ...(options.worker ? { spawnSimWorker: () => inProcessSimWorker() } : {}),
  });
}

async function runTo(game: Game, day: number, minute: number): Promise<void> {
  game.actions.jumpTo({ day, minute });
  while (game.store.getState().jump) {
    game.actions.jumpChunk(() => false);
    await tick();
  }
}

/** The same run, stepped by hand to an absolute step and begun. */
function reference(game: Game, target: number) {
  const s = game.store.getState();
  const agents = replayAgents(s.run.assistantId, null);
  const run = createRun(fixturePersona(), agents, { ...s.run.config });
  dispatch(run, agents, { type: 'advance', steps: target });
  return run;
}

describe('the archive and rebuilding a past step', () => {
  it('keeps a checkpoint and the plan of every day, and the policy each day played with', async () => {
    const game = newGame();
    await runTo(game, 3, 600);
    const { archive, run } = game.store.getState();
    expect(archive.checkpoints.map((c) => c.at)).toEqual([0, 576, 1152]);
    expect(archive.days.map((d) => d?.day)).toEqual([1, 2, 3]);
    expect(archive.days[2]?.schedule).toBe(run.schedule);
    // The policy moves with the mornings' training.
    const speak = archive.days.map(
      (d) => (d?.policy as { params: { speak: number[] } }).params.speak,
    );
    expect(speak[0]).not.toEqual(speak[2]);
    // Checkpoints are copies: the run went on, they did not.
    expect(archive.checkpoints[1]?.run.day).toBe(2);
    expect(archive.checkpoints[1]?.run.step).toBe(0);
  });

  it('rebuilds any step as the run was there, without touching the run', async () => {
    const game = newGame();
    await runTo(game, 2, 900);
    const s = game.store.getState();
    const before = json(s.run);
    for (const target of [5, 300, 575, 700, 900]) {
      const { run } = rebuildAt(s, target, { begin: false });
      const ref = reference(game, target);
      // The reference has run the step before; a rebuild stands at the target ready to begin it.
      expect(absoluteStep(run)).toBe(target);
      expect(json(run.assistant)).toEqual(json(ref.assistant));
      expect(json(run.judgeMemory)).toEqual(json(ref.judgeMemory));
    }
    expect(json(s.run)).toEqual(before);
    expect(() => rebuildAt(s, 5000)).toThrow(RebuildError);
  });

  it('replays the journal: a person’s ratings and a persona change are rebuilt too', async () => {
    const game = newGame();
    const { store, actions } = game;
    await runTo(game, 1, 600);
    actions.setLineUp({ ...store.getState().lineup, judge: 'person' });
    for (let i = 0; i < 10; i++) {
      actions.step();
      for (let k = 0; k < 4 && store.getState().busy; k++) {
        await tick();
        const waiting = store.getState().ratings[0];
        if (waiting) actions.rateQuick(waiting.id, i % 5);
      }
      await tick();
    }
    actions.setLineUp({ ...store.getState().lineup, judge: 'builtin' });
    actions.changePersona({ ...store.getState().run.persona, name: 'Someone Else' });
    await runTo(game, 2, 60);
    const s = store.getState();
    const { run } = rebuildAt(s, absoluteStep(s.run), { begin: false });
    expect(json(run)).toEqual(json(s.run));
  });
});

describe('jumps in the simulation worker', () => {
  it('land on the very run, records and archive the page would have made itself', async () => {
    const here = newGame();
    await runTo(here, 2, 720);
    const there = newGame({ worker: true });
    there.actions.jumpTo({ day: 2, minute: 720 });
    expect(there.store.getState().jump).not.toBeNull();
    for (let i = 0; i < 2000 && there.store.getState().jump; i++) await tick();
    const a = here.store.getState();
    const b = there.store.getState();
    expect(b.jump).toBeNull();
    expect(b.jumpProgress).toBeNull();
    expect(json(b.run)).toEqual(json(a.run));
    expect(json(b.history)).toEqual(json(a.history));
    expect(b.clock).toEqual(a.clock);
    expect(b.archive.checkpoints.map((c) => c.at)).toEqual(a.archive.checkpoints.map((c) => c.at));
    // The journal rebuilds it, and a step rebuilt through the worker's checkpoints is the same.
    const { run } = rebuildAt(b, 600, { begin: false });
    expect(json(run)).toEqual(json(rebuildAt(a, 600, { begin: false }).run));
    // And the run goes on from there.
    there.actions.step();
    here.actions.step();
    expect(json(there.store.getState().run)).toEqual(json(here.store.getState().run));
  });

  it('falls back to running the jump here when the worker fails', async () => {
    const persona = fixturePersona();
    const game = createGame({
      personas: [persona],
      initial: { personaId: persona.id, assistantId: 'propera', seed: '3' },
      runConfig: { days: 3 },
      spawnSimWorker: () => {
        const w = inProcessSimWorker();
        w.postMessage = () => setTimeout(() => w.onerror?.({ message: 'no workers here' }), 0);
        return w;
      },
    });
    game.actions.jumpTo({ day: 1, minute: 600 });
    await tick();
    await tick();
    expect(game.store.getState().jump).not.toBeNull();
    game.actions.jumpChunk(() => false);
    const s = game.store.getState();
    expect(s.jump).toBeNull();
    expect(s.error).toBeNull();
    expect(s.clock.day).toBe(1);
    expect(s.latest?.step).toBe(240);
  });

  it('cancels: nothing changes', async () => {
    const game = newGame({ worker: true });
    const before = json(game.store.getState().run);
    game.actions.jumpTo({ day: 3, minute: 600 });
    await tick();
    game.actions.cancelJump();
    for (let i = 0; i < 50; i++) await tick();
    expect(game.store.getState().jump).toBeNull();
    expect(json(game.store.getState().run)).toEqual(before);
  });
});

describe('what if', () => {
  it('scores silence, every catalogue item and the same suggestion later, on a copy', async () => {
    const game = newGame();
    await runTo(game, 1, 900);
    const s = game.store.getState();
    const spoken = s.history[0]!.filter(
      (r) => r.decision === 'recommend' && r.minute < 800 && !r.walking,
    );
    const silentSteps = s.history[0]!.filter((r) => r.decision === 'silent');
    const before = json(s.run);
    game.actions.whatIf({ day: 1, step: spoken[3]!.step });
    const w = game.store.getState().whatIf;
    expect(w?.error).toBeNull();
    const r = w!.result!;
    expect(r.actual.judgement?.score).toBe(spoken[3]!.score);
    expect(r.silent.judgement).not.toBeNull();
    expect(r.items.length).toBeGreaterThan(1);
    const scores = r.items.map((o) => o.judgement?.score ?? -1);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(r.retimed.why).toBe('what it said');
    expect(r.retimed.options.map((o) => o.minute - spoken[3]!.minute)).toEqual([5, 10, 20]);
    // The delivered item scored again at the same moment matches what happened.
    const same = r.items.find(
      (o) =>
        o.candidate.kind === 'recommend' && o.candidate.suggestion.id === spoken[3]!.suggestion?.id,
    );
    expect(same?.judgement?.score).toBe(spoken[3]!.score);
    // A silent step: staying silent is what happened.
    game.actions.whatIf({ day: 1, step: silentSteps[0]!.step });
    const quiet = game.store.getState().whatIf!.result!;
    expect(quiet.silent.judgement?.score).toBe(silentSteps[0]!.score);
    expect(json(game.store.getState().run)).toEqual(before);
  });
});

describe('time travel', () => {
  it('shows a past moment from the archive; playing replays it until it meets the present', async () => {
    const game = newGame();
    await runTo(game, 2, 600);
    const { actions, store } = game;
    actions.travelTo({ day: 1, minute: 630 });
    let s = store.getState();
    expect(s.travel).toEqual({ day: 1, minute: 630 });
    let m = shownMoment(s);
    expect(m.travelling).toBe(true);
    expect(m.schedule).toBe(s.archive.days[0]?.schedule);
    expect(m.latest?.step).toBe(252);
    expect(m.lastSpoken?.day).toBe(1);
    expect(m.stats.stepsTotal).toBe(253);
    actions.setSpeed('turbo');
    actions.setFastSleep(false);
    actions.play();
    for (let i = 0; i < 400 && store.getState().travel; i++) actions.advance(0.1);
    s = store.getState();
    expect(s.travel).toBeNull();
    m = shownMoment(s);
    expect(m.travelling).toBe(false);
    // A moment in the future is now.
    actions.pause();
    actions.travelTo({ day: 3, minute: 0 });
    expect(store.getState().travel).toBeNull();
  });

  it('gives the robot’s memory as it was, and the persona’s plan', async () => {
    const game = newGame();
    await runTo(game, 2, 600);
    game.actions.travelTo({ day: 1, minute: 700 });
    game.actions.showWho('robot');
    const robot = game.store.getState().who!;
    expect(robot.lines[0]).toMatch(/What it remembers at day 1 11:40/);
    expect(robot.lines.join('\n')).toMatch(/Memory level AS: \d+ steps remembered/);
    const then = Number(/AS: (\d+) steps/.exec(robot.lines.join('\n'))?.[1]);
    expect(then).toBeLessThan(
      game.store
        .getState()
        .history.flat()
        .filter((r) => !r.asleep).length,
    );
    game.actions.showWho('persona');
    const persona = game.store.getState().who!;
    expect(persona.plan.length).toBeGreaterThan(5);
    expect(persona.plan.filter((p) => p.now)).toHaveLength(1);
  });
});

describe('watch walks', () => {
  it('stop the clock at the next walk, then play it at the walking speed', () => {
    const persona = fixturePersona();
    const game = newGame();
    const schedule = game.store.getState().run.schedule;
    const i = schedule.findIndex((a, i) => i > 0 && a.walkSeconds > 0 && a.start > 400);
    const walk = schedule[i]!;
    const prev = schedule[i - 1]!;
    const from = Math.max(prev.start + prev.walkSeconds / 60 + 0.01, walk.start - 30);
    // 4 s at 512× is 34 simulated minutes: past the walk's start, so the clock stops there.
    expect(playMinutes(schedule, from, 4, 512, true)).toBe(walk.start);
    expect(playMinutes(schedule, walk.start, 1, 512, true)).toBeCloseTo(walk.start + 8 / 60, 9);
    expect(playMinutes(schedule, from, 4, 512, false)).toBeCloseTo(from + (4 * 512) / 60, 9);
    expect(playMinutes(schedule, from, 4, 'turbo', true)).toBeGreaterThan(walk.start + 60);
    expect(persona.id).toBeTruthy();
  });
});

describe('what it has learned', () => {
  it('asks the policy about made-up moments, never the persona', () => {
    const propera = getAssistant('propera');
    const state = propera.init(new Rng(seedRng('x')));
    const policy = propera.policySnapshot?.(state);
    const p = propera.wishToSpeak?.(policy, {
      day: 1,
      minute: 600,
      kind: 'cooking',
      minutesIn: 10,
      sinceLastMinutes: 60,
      spokenToday: 2,
    });
    // Untrained: σ(2.2).
    expect(p).toBeCloseTo(1 / (1 + Math.exp(-2.2)), 6);
    expect(Number.isNaN(propera.wishToSpeak?.({ nonsense: true }, {} as never))).toBe(true);
    expect(getAssistant('always').wishToSpeak).toBeUndefined();
  });
});

describe('the policy view', () => {
  it('reads the wish to speak by hour × activity from each day’s policy', async () => {
    const game = newGame();
    await runTo(game, 3, 600);
    const s = game.store.getState();
    const early = learnedAt(s, 1);
    const late = learnedAt(s, 3);
    if (!early.ok || !late.ok) throw new Error('propera has a policy');
    expect(early.days).toEqual([1, 2, 3]);
    expect(early.grid.day).toBe(1);
    expect(late.grid.day).toBe(3);
    expect(late.grid.kinds).toContain('walking');
    expect(late.grid.kinds).not.toContain('sleep');
    const all = late.grid.wish.flat();
    expect(all).toHaveLength(late.grid.kinds.length * 24);
    expect(all.every((p) => p >= 0 && p <= 1)).toBe(true);
    // Two nights of training changed what it wants.
    expect(late.grid.wish).not.toEqual(early.grid.wish);
  });

  it('says why an assistant without a policy has none', () => {
    for (const [id, words] of [
      ['always', /fixed rule/],
      ['oracle', /yardstick/],
    ] as const) {
      const learned = learnedAt(newGame({ assistantId: id }).store.getState(), 1);
      expect(learned.ok).toBe(false);
      if (!learned.ok) expect(learned.reason).toMatch(words);
    }
  });
});

describe('side by side', () => {
  it('runs a second assistant on the same persona, seed and days', async () => {
    const game = newGame({ worker: true });
    await runTo(game, 2, 300);
    game.actions.compareWith('never');
    for (let i = 0; i < 3000 && game.store.getState().compare?.progress; i++) await tick();
    const s = game.store.getState();
    const c = s.compare!;
    expect(c.error).toBeNull();
    expect(c.history.length).toBe(2);
    // The same days: the same actions step by step.
    expect(c.history[0]!.map((r) => r.action)).toEqual(s.history[0]!.map((r) => r.action));
    expect(c.history[1]!.length).toBe(s.history[1]!.length);
    expect(c.history[0]!.every((r) => r.decision !== 'recommend')).toBe(true);
    expect(c.days).toHaveLength(1);
  });
});
