import { describe, expect, it } from 'vitest';
import { getAssistant } from '../../src/agents/registry';
import { builtinUser } from '../../src/agents/user/builtin';
import type { UserAgent } from '../../src/core/agents';
import { createGameStore } from '../../src/state/store';
import { fixturePersona } from './helpers';

function storeWith() {
  const persona = fixturePersona();
  return createGameStore({
    personas: [persona],
    assistants: [getAssistant('always')],
    user: builtinUser,
    initial: { personaId: persona.id, assistantId: 'always', seed: '1' },
  });
}

describe('the store with agents that answer later', () => {
  it('runs one step at a time, says what it waits for, and records the answer', async () => {
    const store = storeWith();
    let release: (() => void) | null = null;
    const slowJudge: UserAgent = {
      id: 'slow',
      planDay: builtinUser.planDay,
      judge: (...args) =>
        new Promise((resolve) => {
          release = () => resolve(builtinUser.judge(...args));
        }),
    };
    const s0 = store.getState();
    s0.useAgents(
      { ...s0.agents, user: slowJudge },
      { asyncAgents: true, waitingFor: 'your rating' },
    );
    // Jump forward to a waking step first is not allowed with such agents.
    store.getState().jumpTo({ day: 1, minute: 600 });
    expect(store.getState().error).toMatch(/answer at once/);
    // Night steps need no judge; step until one waits.
    for (let i = 0; i < 400 && !store.getState().busy; i++) {
      store.getState().step();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(store.getState().busy).toBe('your rating');
    const before = store.getState().version;
    (release as unknown as () => void)();
    await new Promise((r) => setTimeout(r, 0));
    const s = store.getState();
    expect(s.busy).toBeNull();
    expect(s.version).toBe(before + 1);
    expect(s.latest?.decision).toBe('recommend');
    expect(s.latest?.score).toBeGreaterThanOrEqual(0);
  });

  it('pauses with the reason when an agent fails, leaving the run as it was', async () => {
    const store = storeWith();
    const failing: UserAgent = {
      id: 'down',
      planDay: builtinUser.planDay,
      judge: () => Promise.reject(new Error('the server went away')),
    };
    const s0 = store.getState();
    s0.useAgents({ ...s0.agents, user: failing }, { asyncAgents: true, waitingFor: 'the model' });
    for (let i = 0; i < 400 && !store.getState().error; i++) {
      store.getState().step();
      await new Promise((r) => setTimeout(r, 0));
    }
    const s = store.getState();
    expect(s.error).toMatch(/paused: the server went away/);
    expect(s.playback.playing).toBe(false);
    expect(s.run.pending).not.toBeNull(); // the begun step waits to be completed
  });

  it('refuses agents that bring another assistant', () => {
    const store = storeWith();
    store
      .getState()
      .useAgents({ user: builtinUser, assistant: getAssistant('never') }, { asyncAgents: false });
    expect(store.getState().error).toMatch(/start a new run/);
  });
});
