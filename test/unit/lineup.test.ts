/**
 * The line-up: one plain value in the run, one registry of assistants
 * (built-in and LLM), one factory of agents — and the import of a run with
 * an LLM assistant, which failed while LLM assistants had a registry of
 * their own.
 */
import { describe, expect, it } from 'vitest';
import { buildAgents, loadModelKit, replayAgents } from '../../src/agents/lineup';
import {
  assistantEntries,
  assistantIds,
  hasAssistant,
  isLlmAssistantId,
  llmAssistantIds,
} from '../../src/agents/registry';
import { createHumanUser } from '../../src/agents/user/human';
import { builtinLineUp, type LineUp } from '../../src/core/lineup';
import { advanceAsync, createRun, dispatch, type RunInput } from '../../src/core/sim';
import { MemoryRunStore } from '../../src/storage/memory-store';
import { restoreRun } from '../../src/storage/restore';
import { answeringEngine, SAID } from '../support/answering-engine';
import { fixturePersona } from './helpers';

const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('the registry', () => {
  it('holds every assistant, built-in and LLM, once', () => {
    const ids = assistantEntries().map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(assistantIds()).toContain('propera');
    expect(llmAssistantIds()).toEqual(expect.arrayContaining(['llm', 'llm-gated']));
    expect(isLlmAssistantId('llm')).toBe(true);
    expect(isLlmAssistantId('propera')).toBe(false);
    for (const id of ids) expect(hasAssistant(id)).toBe(true);
    expect(hasAssistant('hal')).toBe(false);
  });
});

describe('the factory', () => {
  it('builds the built-in line-up from the registry alone', () => {
    const agents = buildAgents(builtinLineUp('propera'));
    expect(agents.user.id).toBe('builtin');
    expect(agents.assistant.id).toBe('propera');
    expect(agents.lineup).toEqual(builtinLineUp('propera'));
  });

  it('says what is missing rather than building half a line-up', () => {
    const withModel: LineUp = {
      ...builtinLineUp('propera'),
      judge: 'model',
      engine: { kind: 'openai', model: 'm', judgeMode: 'compact' },
    };
    expect(() => buildAgents(withModel)).toThrow(/needs the LLM agents/);
    expect(() => buildAgents({ ...builtinLineUp('propera'), judge: 'person' })).toThrow(
      /nobody is there to rate/,
    );
  });

  it('puts a person in the judge’s seat, and a model in the assistant’s', async () => {
    const kit = await loadModelKit();
    const person = createHumanUser();
    const rated = buildAgents({ ...builtinLineUp('never'), judge: 'person' }, { person });
    expect(rated.user).toBe(person);
    const llm = buildAgents(
      {
        ...builtinLineUp('llm'),
        engine: { kind: 'openai', model: 'answering', judgeMode: 'compact' },
      },
      { kit, engines: { assistant: answeringEngine() } },
    );
    expect(llm.assistant.id).toBe('llm');
    expect(llm.assistant.candidatesPerStep).toBe(2);
  });
});

describe('the line-up in the run', () => {
  it('is recorded at creation and changed only by a set-lineup input', () => {
    const persona = fixturePersona();
    const agents = buildAgents(builtinLineUp('never'));
    const run = createRun(persona, agents, { seed: '1', days: 1 });
    expect(run.lineup).toEqual(builtinLineUp('never'));
    const rated: LineUp = { ...builtinLineUp('never'), judge: 'person' };
    dispatch(run, agents, { type: 'set-lineup', lineup: rated });
    expect(run.lineup).toEqual(rated);
    expect(() =>
      dispatch(run, agents, { type: 'set-lineup', lineup: builtinLineUp('always') }),
    ).toThrow(/start a new run/);
    expect(() =>
      dispatch(run, agents, { type: 'set-lineup', lineup: { ...rated, judge: 'model' } }),
    ).toThrow(/names no engine/);
  });
});

describe('a run with an LLM assistant', () => {
  async function llmRun() {
    const kit = await loadModelKit();
    const engine = answeringEngine();
    const lineup: LineUp = {
      ...builtinLineUp('llm'),
      engine: { kind: 'openai', model: 'answering', judgeMode: 'compact' },
    };
    const agents = buildAgents(lineup, { kit, engines: { assistant: engine } });
    const run = createRun(fixturePersona(), agents, { seed: '3', days: 1 });
    const initial = json(run);
    const inputs: RunInput[] = [];
    // Night steps, then into the morning, where the model speaks.
    await advanceAsync(run, agents, 330, undefined, undefined, (i) => inputs.push(i));
    return { kit, engine, run, initial, inputs };
  }

  it('rebuilds from its recorded inputs without the model', async () => {
    const { kit, engine, run, initial, inputs } = await llmRun();
    expect(engine.calls()).toBeGreaterThan(0);
    const calls = engine.calls();
    const rebuilt = restoreRun(
      {
        meta: { name: 'llm run' } as never,
        snapshot: initial as never,
        inputsAfterSnapshot: inputs,
      },
      replayAgents('llm', kit),
    );
    expect(json(rebuilt)).toEqual(json(run));
    expect(engine.calls()).toBe(calls); // replay asked the model nothing
    expect(JSON.stringify(run.assistant)).toContain(SAID);
  });

  it('exports and imports (the file names an LLM assistant the registry knows)', async () => {
    const { kit, run, initial, inputs } = await llmRun();
    const store = new MemoryRunStore({ now: () => 1, knownAssistant: hasAssistant });
    const meta = {
      id: 'llm-1',
      name: 'with a model',
      personaId: run.persona.id,
      personaName: run.persona.name,
      assistantId: 'llm',
      seed: '3',
      engine: 'openai',
      createdAt: 1,
      updatedAt: 1,
      day: 1,
      step: 0,
      finished: false,
    };
    await store.createRun(meta, initial as never);
    await store.appendSteps('llm-1', { inputs, records: [] });
    const file = await store.exportRun('llm-1');
    const imported = await store.importRun(JSON.stringify(file), 'llm-2', 2);
    expect(imported.assistantId).toBe('llm');
    const restored = restoreRun(await store.loadRun('llm-2'), replayAgents('llm', kit));
    expect(json(restored)).toEqual(json(run));
  });
});
