/**
 * The one factory of a run's agents: from a line-up (plain data, see
 * src/core/lineup.ts) and what the page or the command line has at hand —
 * the engines a model plays through, the person who judges, the LLM agents'
 * code — it builds the user agent (planner + judge) and the assistant.
 * The CLI, the experiment runner, the browser store and replay all build
 * agents here, so "who plays which role" has one owner.
 *
 * An assistant that needs a model is still built without one (its engine
 * then refuses every call): replaying a saved run only needs its `init`,
 * `startDay` and `learn`, never its words.
 */
import type { AssistantAgent, UserAgent } from '../core/agents';
import { copyLineUp, type LineUp } from '../core/lineup';
import type { Agents } from '../core/sim';
import { EngineError, type LlmEngine } from '../llm/engine';
import type { ModelKit } from './llm/kit';
import type { LlmRole } from './llm/usage';
import { assistantEntry } from './registry';
import { builtinUser } from './user/builtin';

export type { ModelKit } from './llm/kit';

/** What the line-up's players need beyond the line-up itself. */
export interface Cast {
  /** The engine each model role talks to (metered or guarded by the caller); absent: none. */
  engines?: Partial<Record<LlmRole, LlmEngine>>;
  /** Who judges when the line-up says "person" (src/agents/user/human.ts). */
  person?: UserAgent | null;
  /** The LLM agents' code: needed when the line-up has a model role or an LLM assistant. */
  kit?: ModelKit | null;
  /** Ask the assistant to explain each step (the inspector). */
  explain?: boolean;
  signal?: AbortSignal;
}

/** The LLM agents' code, loaded once (in the browser, its own chunk). */
export function loadModelKit(): Promise<ModelKit> {
  return import('./llm/kit').then((m) => m.modelKit);
}

/** True when building this line-up needs the LLM agents' code. */
export function needsModelKit(lineup: LineUp): boolean {
  return (
    lineup.planner === 'model' ||
    lineup.judge === 'model' ||
    assistantEntry(lineup.assistant).needsModel
  );
}

/** True when the line-up's assistant talks to a model. */
export function assistantNeedsModel(lineup: Pick<LineUp, 'assistant'>): boolean {
  return assistantEntry(lineup.assistant).needsModel;
}

/** An engine for a role nobody set up: every call fails with a reason people can act on. */
export function missingEngine(role: LlmRole): LlmEngine {
  return {
    info: { kind: 'builtin', model: 'none', embeddings: false },
    chat: () =>
      Promise.reject(
        new EngineError('unavailable', `no model is set up to play the ${role}: choose an engine`),
      ),
  };
}

function requireKit(cast: Cast, lineup: LineUp): ModelKit {
  if (!cast.kit)
    throw new Error(
      `the line-up (${describeLineUp(lineup)}) needs the LLM agents: load them first (loadModelKit)`,
    );
  return cast.kit;
}

function buildUser(lineup: LineUp, cast: Cast): UserAgent {
  const signal = cast.signal ? { signal: cast.signal } : {};
  const judgeMode = lineup.engine?.judgeMode ?? 'compact';
  let base: UserAgent = builtinUser;
  if (lineup.planner === 'model' || lineup.judge === 'model') {
    const kit = requireKit(cast, lineup);
    base = kit.createLlmUser({
      planner:
        lineup.planner === 'model' ? (cast.engines?.persona ?? missingEngine('persona')) : null,
      judge: lineup.judge === 'model' ? (cast.engines?.judge ?? missingEngine('judge')) : null,
      judgeMode,
      ...signal,
    });
  }
  if (lineup.judge !== 'person') return base;
  const person = cast.person;
  if (!person) throw new Error('the line-up says a person judges, but nobody is there to rate');
  if (base === builtinUser) return person;
  // A model plans, the person judges: keep the planner's details (drivers record the plan's source).
  const planner = base;
  return { ...planner, id: `${planner.id.split('+')[0]}+human-judge`, judge: person.judge };
}

function buildAssistant(lineup: LineUp, cast: Cast): AssistantAgent<unknown> {
  const entry = assistantEntry(lineup.assistant);
  if (!entry.needsModel) return entry.agent;
  const kit = requireKit(cast, lineup);
  return kit.createLlmAssistant(cast.engines?.assistant ?? missingEngine('assistant'), {
    id: entry.id,
    label: entry.label,
    memory: entry.variant.memory,
    candidates: entry.variant.candidates,
    ...(entry.variant.gated ? { gate: { agent: kit.gateAgent } } : {}),
    ...(cast.signal ? { signal: cast.signal } : {}),
  }) as AssistantAgent<unknown>;
}

/** The agents of a line-up. Throws when something it names is not at hand (say which). */
export function buildAgents(lineup: LineUp, cast: Cast = {}): Agents {
  return {
    user: buildUser(lineup, cast),
    assistant: buildAssistant(lineup, cast),
    lineup: copyLineUp(lineup),
    ...(cast.explain ? { explain: true } : {}),
  };
}

/** The agents that rebuild a saved run from its recorded inputs (no model, nobody rating). */
export function replayAgents(assistantId: string, kit: ModelKit | null): Agents {
  return buildAgents(
    { planner: 'builtin', judge: 'builtin', assistant: assistantId, engine: null },
    { kit },
  );
}

/** The line-up in a few words, for messages. */
export function describeLineUp(lineup: LineUp): string {
  const who = (c: string) =>
    c === 'model' ? 'a model' : c === 'person' ? 'a person' : 'the rules';
  return `${lineup.assistant}; planner: ${who(lineup.planner)}; judge: ${who(lineup.judge)}${
    lineup.engine ? `; model "${lineup.engine.model}" (${lineup.engine.kind})` : ''
  }`;
}
