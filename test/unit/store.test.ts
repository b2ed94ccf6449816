/**
 * The store and its actions: the journal of inputs rebuilds the run
 * whoever played it, runs keep the page's players, playback and jumps.
 */
import { describe, expect, it } from 'vitest';
import { replayAgents } from '../../src/agents/lineup';
import { builtinLineUp } from '../../src/core/lineup';
import { createRun, dispatch } from '../../src/core/sim';
import { createGame, type Game } from '../../src/state/create-game';
import { fixturePersona } from './helpers';

const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const tick = () => new Promise((r) => setTimeout(r, 0));

function newGame(assistantId = 'propera', seed = '2'): Game {
  const persona = fixturePersona();
  return createGame({
    personas: [persona],
    initial: { personaId: persona.id, assistantId, seed },
    runConfig: { days: 2 },
  });
}

function runTo(game: Game, day: number, minute: number): void {
  game.actions.jumpTo({ day, minute });
  while (game.store.getState().jump) game.actions.jumpChunk(() => false);
}

/** Replay the store's journal on a fresh run of the same persona, assistant and seed. */
function replayJournal(game: Game) {
  const s = game.store.getState();
  const agents = replayAgents(s.run.assistantId, null);
  const run = createRun(fixturePersona(), agents, { seed: s.run.config.seed, days: 2 });
  for (const input of s.journal) dispatch(run, agents, input);
  return run;
}

describe('the journal', () => {
  it('rebuilds the run from its inputs: built-in steps, a person rating, a persona change', async () => {
    const game = newGame();
    const { store, actions } = game;
    runTo(game, 1, 560);
    actions.setLineUp({ ...store.getState().lineup, judge: 'person' });
    for (let i = 0; i < 60; i++) {
      actions.step();
      for (let k = 0; k < 4 && store.getState().busy; k++) {
        await tick();
        const waiting = store.getState().ratings[0];
        if (waiting) actions.rateQuick(waiting.id, (i + k) % 5);
      }
      await tick();
    }
    actions.setLineUp(builtinLineUp('propera'));
    actions.changePersona({ ...store.getState().run.persona, name: 'Someone Else' });
    runTo(game, 2, 100);
    expect(json(replayJournal(game))).toEqual(json(store.getState().run));
  });
});

describe('runs and line-ups', () => {
  it('starts a new run with the page’s players and its own assistant', () => {
    const game = newGame();
    const { store, actions } = game;
    actions.setLineUp({ ...store.getState().lineup, judge: 'person' });
    actions.newRun({
      personaId: store.getState().selection.personaId,
      assistantId: 'never',
      seed: 'x',
    });
    const s = store.getState();
    expect(s.run.assistantId).toBe('never');
    expect(s.lineup).toEqual({ ...builtinLineUp('never'), judge: 'person' });
    expect(s.run.lineup).toEqual(s.lineup);
    // A person judges: the first step waits to be started one at a time (none ran yet).
    expect(s.history).toEqual([]);
  });

  it('runs the first step of a built-in run at once, so the view has a schedule', () => {
    const game = newGame('always', '5');
    const s = game.store.getState();
    expect(s.latest?.step).toBe(0);
    expect(s.history[0]).toHaveLength(1);
    expect(s.journal).toEqual([{ type: 'advance', steps: 1 }]);
    expect(s.version).toBe(0);
  });

  it('refuses an unknown persona or assistant, keeping the run', () => {
    const game = newGame();
    const before = game.store.getState().run;
    game.actions.newRun({ personaId: 'nobody', assistantId: 'propera', seed: '1' });
    expect(game.store.getState().error).toMatch(/unknown persona/);
    game.actions.newRun({ personaId: fixturePersona().id, assistantId: 'hal', seed: '1' });
    expect(game.store.getState().error).toMatch(/unknown assistant/);
    expect(game.store.getState().run).toBe(before);
  });

  it('says what is missing when a run needs a model the page does not have', () => {
    const game = newGame();
    const { store, actions } = game;
    actions.newRun({
      personaId: store.getState().selection.personaId,
      assistantId: 'llm',
      seed: '1',
    });
    expect(store.getState().error).toMatch(/needs a model/);
  });

  it('reads the assistant’s training log into the state at each new day', () => {
    const game = newGame();
    expect(game.store.getState().training).toEqual([]);
    runTo(game, 2, 60);
    expect(game.store.getState().training).toHaveLength(1);
    const never = newGame('never');
    expect(never.store.getState().training).toBeNull();
  });
});

describe('playback', () => {
  it('plays through the last step, then stops as finished', () => {
    const persona = fixturePersona();
    const game = createGame({
      personas: [persona],
      initial: { personaId: persona.id, assistantId: 'never', seed: '1' },
      runConfig: { days: 1 },
    });
    const { store, actions } = game;
    runTo(game, 1, 1439);
    expect(store.getState().finished).toBe(true);
    actions.play();
    expect(store.getState().playback.playing).toBe(false);
  });

  it('advances the clock by real time at the chosen speed, a bounded number of steps a frame', () => {
    const game = newGame('never');
    const { store, actions } = game;
    actions.setFastSleep(false);
    actions.setSpeed(64);
    actions.play();
    actions.advance(0.05); // 3.2 simulated seconds
    expect(store.getState().clock.minute).toBeCloseTo(3.2 / 60, 6);
    actions.setSpeed('turbo');
    actions.advance(1);
    expect(store.getState().stats.stepsTotal).toBeLessThanOrEqual(1 + 16);
  });

  it('refuses to jump back in time, unless asked to start again', () => {
    const game = newGame('never');
    runTo(game, 1, 600);
    game.actions.jumpTo({ day: 1, minute: 60 });
    expect(game.store.getState().error).toMatch(/only runs forward/);
    game.actions.jumpTo({ day: 1, minute: 60 }, { restart: true });
    while (game.store.getState().jump) game.actions.jumpChunk(() => false);
    expect(game.store.getState().latest?.minute).toBeLessThanOrEqual(60);
  });
});
