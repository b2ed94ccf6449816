/**
 * The engine controller as a subscriber of the store: applying settings
 * sets the run's line-up (or starts a run with an LLM assistant), the page's
 * model plays through each run's own meter, and the cost view follows the
 * steps. A WebLLM stand-in holds the "loaded" model, so no server is needed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LlmEngine } from '../../src/llm/engine';
import type { ModelChoice } from '../../src/llm/webllm/models';
import type { WebGpuProbe } from '../../src/llm/webllm/probe';
import { createEngineController, type EngineController } from '../../src/state/engine/controller';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../src/state/engine/settings';
import type { WebLlmModels } from '../../src/state/engine/webllm';
import { createGame, type Game } from '../../src/state/create-game';
import { answeringEngine } from '../support/answering-engine';
import { testPlatform } from '../support/platform';
import { fixturePersona } from './helpers';

const tick = () => new Promise((r) => setTimeout(r, 0));

/** WebLLM with one model already "loaded": the given engine. */
function loadedWebLlm(engine: LlmEngine): WebLlmModels {
  return {
    probe: () => Promise.resolve({ usable: true } as WebGpuProbe),
    load: (_c: ModelChoice) => Promise.resolve(),
    cancel: () => undefined,
    loading: () => false,
    loadedModel: () => 'answering',
    engine: () => engine,
    release: () => Promise.resolve(),
    remove: () => Promise.resolve(),
  };
}

const controllers: EngineController[] = [];
afterEach(() => {
  for (const c of controllers.splice(0)) c.dispose();
});

function setup(): {
  game: Game;
  controller: EngineController;
  engine: ReturnType<typeof answeringEngine>;
} {
  const persona = fixturePersona();
  const game = createGame({
    personas: [persona],
    initial: { personaId: persona.id, assistantId: 'propera', seed: '3' },
  });
  const engine = answeringEngine();
  const controller = createEngineController(game, {
    platform: testPlatform(),
    webllm: loadedWebLlm(engine),
  });
  controllers.push(controller);
  return { game, controller, engine };
}

const webllm = (roles: Partial<EngineSettings['roles']>): EngineSettings => ({
  ...DEFAULT_SETTINGS,
  kind: 'webllm',
  roles: { persona: false, judge: false, assistant: false, ...roles },
});

describe('the engine controller', () => {
  it('puts the model in the judge’s seat of the run in progress, and counts its calls', async () => {
    const { game, controller, engine } = setup();
    const { store, actions } = game;
    const run = store.getState().run;
    const outcome = await controller.apply(webllm({ judge: true }));
    expect(outcome).toMatchObject({ kind: 'llm', newRun: false, roles: ['judge'] });
    expect(store.getState().run).toBe(run);
    expect(store.getState().lineup).toMatchObject({
      judge: 'model',
      planner: 'builtin',
      engine: { kind: 'webllm', model: 'answering', judgeMode: 'compact' },
    });
    expect(store.getState().engine.active).toMatchObject({ model: 'answering', roles: ['judge'] });
    // Into the morning: the model judges each waking step.
    for (let i = 0; i < 300 && engine.calls() < 3; i++) {
      actions.step();
      while (store.getState().busy) await tick();
    }
    expect(engine.calls()).toBeGreaterThanOrEqual(3);
    const usage = store.getState().engine.usage;
    expect(usage?.total.calls).toBe(engine.calls());
    expect(controller.usageRecord()?.total.calls).toBe(engine.calls());
  });

  it('starts a new run for an LLM assistant, and one with the built-in assistant on leaving it', async () => {
    const { game, controller } = setup();
    const { store } = game;
    const outcome = await controller.apply(webllm({ assistant: true }));
    expect(outcome).toMatchObject({ newRun: true, assistantId: 'llm' });
    expect(store.getState().run.assistantId).toBe('llm');
    expect(store.getState().playback.playing).toBe(false);
    const back = await controller.apply(DEFAULT_SETTINGS);
    expect(back).toMatchObject({ kind: 'builtin', newRun: true, assistantId: 'propera' });
    expect(store.getState().lineup).toEqual({
      planner: 'builtin',
      judge: 'builtin',
      assistant: 'propera',
      engine: null,
    });
    expect(store.getState().engine.active).toBeNull();
  });

  it('keeps the page’s model in runs started afterwards', async () => {
    const { game, controller } = setup();
    await controller.apply(webllm({ judge: true, persona: true }));
    const { store, actions } = game;
    actions.newRun({
      personaId: store.getState().selection.personaId,
      assistantId: 'never',
      seed: '9',
    });
    expect(store.getState().lineup).toMatchObject({
      planner: 'model',
      judge: 'model',
      assistant: 'never',
    });
    expect(store.getState().engine.active?.roles).toEqual(['persona', 'judge']);
  });

  it('keeps settings and keys apart: the key only for its own server', () => {
    const { controller } = setup();
    const settings = { ...DEFAULT_SETTINGS, kind: 'openai' as const };
    controller.saveSettings(settings);
    expect(controller.savedSettings().kind).toBe('openai');
    controller.keys.store('sk-test', 'http://localhost:11434/v1', false);
    expect(controller.keys.read('http://localhost:11434/v1/')).toEqual({
      key: 'sk-test',
      remembered: false,
    });
    expect(controller.keys.read('http://elsewhere:8000/v1')).toBeNull();
    expect(controller.keys.hasRemembered()).toBe(false);
    controller.keys.store('sk-test', 'http://localhost:11434/v1', true);
    expect(controller.keys.hasRemembered()).toBe(true);
  });
});
