/**
 * Who plays in the store's run, at run time: the agents are built from the
 * run's line-up (plain data in the store) by the one factory
 * (src/agents/lineup.ts), with what this page has at hand — the person who
 * can rate (a human judge whose queue the store mirrors in `ratings`) and,
 * once the engine settings applied one, a model. Nothing here is state:
 * change the line-up and the next step is played by other agents.
 */
import { buildAgents, loadModelKit, needsModelKit, type ModelKit } from '../agents/lineup';
import type { LlmRole } from '../agents/llm/usage';
import { assistantEntry } from '../agents/registry';
import { createHumanUser, type HumanUser } from '../agents/user/human';
import type { LineUp, LineUpEngine } from '../core/lineup';
import type { Agents, RunState } from '../core/sim';
import type { LlmEngine } from '../llm/engine';

/** A model the page can play with (the engine controller provides it). */
export interface ModelCast {
  engine: LineUpEngine;
  kit: ModelKit;
  /** The engines one run's model roles talk to: each run has its own meter (cost panel). */
  enginesFor(run: RunState): Partial<Record<LlmRole, LlmEngine>>;
}

export interface Cast {
  /** The person at the screen, who judges when the line-up says so. */
  readonly person: HumanUser;
  /** The agents of a run with this line-up. Throws, saying what is missing, when it cannot be played here. */
  agentsFor(run: RunState, lineup: LineUp): Agents;
  /** The agents that create a run of this line-up (the assistant's fresh state), before any step. */
  starterFor(lineup: LineUp): Agents;
  setModel(model: ModelCast | null): void;
  model(): ModelCast | null;
  /** The LLM agents' code, loaded once (a run with an LLM assistant needs it even to be opened). */
  ensureKit(): Promise<ModelKit>;
  kit(): ModelKit | null;
}

/** Does this line-up wait for someone (a model or a person)? Such runs step one at a time. */
export function answersLater(lineup: LineUp): boolean {
  return (
    lineup.planner !== 'builtin' ||
    lineup.judge !== 'builtin' ||
    assistantEntry(lineup.assistant).needsModel
  );
}

/** What a step of this line-up waits for, in words (the status line shows it). */
export function waitingFor(lineup: LineUp): string {
  return lineup.judge === 'person' ? 'your rating' : 'the model';
}

function missingModel(lineup: LineUp): string {
  const entry = assistantEntry(lineup.assistant);
  if (entry.needsModel)
    return `this run's assistant (${entry.label}) needs a model: choose one in Engine, then press Play`;
  const roles = [
    lineup.planner === 'model' ? 'planner' : '',
    lineup.judge === 'model' ? 'judge' : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return `a model plays this run's ${roles}, but none is set up: choose one in Engine, or the built-in engine`;
}

export function createCast(): Cast {
  const person = createHumanUser();
  let model: ModelCast | null = null;
  let kit: ModelKit | null = null;
  let cached: { run: RunState; lineup: LineUp; model: ModelCast | null; agents: Agents } | null =
    null;

  return {
    person,
    agentsFor(run, lineup) {
      if (cached && cached.run === run && cached.lineup === lineup && cached.model === model)
        return cached.agents;
      const needsModel =
        lineup.planner === 'model' ||
        lineup.judge === 'model' ||
        assistantEntry(lineup.assistant).needsModel;
      if (needsModel && !model) throw new Error(missingModel(lineup));
      const agents = buildAgents(lineup, {
        engines: model && needsModel ? model.enginesFor(run) : {},
        person,
        kit: model?.kit ?? kit,
        explain: true,
      });
      cached = { run, lineup, model, agents };
      return agents;
    },
    starterFor(lineup) {
      const plain: LineUp = { ...lineup, planner: 'builtin', judge: 'builtin' };
      if (needsModelKit(plain) && !(model?.kit ?? kit)) throw new Error(missingModel(lineup));
      // The run records the line-up asked for; only the assistant's fresh state comes from these agents.
      return { ...buildAgents(plain, { kit: model?.kit ?? kit, explain: true }), lineup };
    },
    setModel(next) {
      model = next;
      if (next) kit = next.kit;
      cached = null;
    },
    model: () => model,
    async ensureKit() {
      kit ??= await loadModelKit();
      return kit;
    },
    kit: () => kit,
  };
}
