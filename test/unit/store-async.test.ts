import { describe, expect, it } from 'vitest';
import { loadModelKit } from '../../src/agents/lineup';
import { EngineError, type LlmEngine } from '../../src/llm/engine';
import { createGame } from '../../src/state/create-game';
import { fixturePersona } from './helpers';

function gameWith() {
  const persona = fixturePersona();
  return createGame({
    personas: [persona],
    initial: { personaId: persona.id, assistantId: 'always', seed: '1' },
  });
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the store with agents that answer later', () => {
  it('runs one step at a time, says what it waits for, and records the answer', async () => {
    const { store, actions } = gameWith();
    actions.setLineUp({ ...store.getState().lineup, judge: 'person' });
    // Jump forward to a waking step first is not allowed with such agents.
    actions.jumpTo({ day: 1, minute: 600 });
    expect(store.getState().error).toMatch(/answer at once/);
    // Night steps need no judge; step until one waits.
    for (let i = 0; i < 400 && !store.getState().busy; i++) {
      actions.step();
      await tick();
    }
    expect(store.getState().busy).toBe('your rating');
    const before = store.getState().version;
    const waiting = store.getState().ratings[0];
    expect(waiting).toBeDefined();
    actions.rateQuick(waiting!.id, 3);
    await tick();
    const s = store.getState();
    expect(s.busy).toBeNull();
    expect(s.version).toBe(before + 1);
    expect(s.latest?.decision).toBe('recommend');
    expect(s.latest?.score).toBeGreaterThanOrEqual(0);
  });

  it('pauses with the reason when an agent fails, leaving the run as it was', async () => {
    const game = gameWith();
    const { store, actions, cast } = game;
    const kit = await loadModelKit();
    const down: LlmEngine = {
      info: { kind: 'openai', model: 'down', embeddings: false },
      chat: () =>
        Promise.reject(
          new kit.EnginePausedError('the server went away', 'server', {
            cause: new EngineError('server', '502'),
          }),
        ),
    };
    const engine = { kind: 'openai', model: 'down', judgeMode: 'compact' } as const;
    cast.setModel({ engine, kit, enginesFor: () => ({ judge: down }) });
    actions.setLineUp({ ...store.getState().lineup, judge: 'model', engine });
    for (let i = 0; i < 400 && !store.getState().error; i++) {
      actions.step();
      await tick();
    }
    const s = store.getState();
    expect(s.error).toMatch(/paused: the server went away/);
    expect(s.playback.playing).toBe(false);
    expect(s.run.pending).not.toBeNull(); // the begun step waits to be completed
  });

  it('refuses agents that bring another assistant', () => {
    const { store, actions } = gameWith();
    actions.setLineUp({ ...store.getState().lineup, assistant: 'never' });
    expect(store.getState().error).toMatch(/start a new run/);
  });
});
