/**
 * Which model plays in the game, and what it costs. The engine settings
 * (src/ui/engine-settings.ts) hand this controller their choices; it makes
 * the engine (a server's, or the WebLLM model loaded in webllm.ts), gives it
 * to the cast as the page's model, and sets the line-up of the run:
 *
 *   - only the persona planner and/or the judge from a model: the current
 *     run goes on with them from the next step (`setLineUp`);
 *   - an LLM assistant: it is a different assistant from the built-in one,
 *     so a new run starts with it (`newRun`).
 *
 * Runs started or opened later keep the page's players (see carryLineUp),
 * so nothing here follows the store for that. It does follow the store to
 * count: every run has its own usage meter and ledger (calls and tokens per
 * role, per day), published in the store's `engine` slice for the cost panel
 * (src/ui/cost.ts). The daily call budget and the price estimate come from a
 * metering wrapper around the engine (src/llm/metered.ts); its day window
 * follows the simulated day.
 * A call that fails after the engine's retries pauses the run (applied.ts).
 */
import type { RunUsageRecord } from '../../agents/llm/drive';
import type { LlmRole } from '../../agents/llm/usage';
import { isLlmAssistantId } from '../../agents/registry';
import { builtinLineUp, type LineUp } from '../../core/lineup';
import type { RunState } from '../../core/sim';
import { EngineError, type LlmEngine } from '../../llm/engine';
import { showBaseUrl } from '../../shared/secrets';
import type { ModelCast } from '../cast';
import type { Game } from '../create-game';
import type { Platform } from '../ports';
import type { GameState } from '../store';
import { hasRememberedKey, readApiKey, storeApiKey, type KeyStores } from './api-key';
import { applyEngine, type Applied } from './applied';
import { serverChoice, serverEngine, testEngine, type ConnectionTest } from './server';
import {
  assistantVariantFor,
  loadSettings,
  normaliseSettings,
  rolesOf,
  saveSettings,
  type EngineSettings,
} from './settings';
import { countChange, newBinding, rolesIn, usageView, type Binding } from './usage';
import { NO_ENGINE, type ActiveEngine } from './view';
import { createWebLlmModels, type WebLlmModels } from './webllm';

/** What applying the settings did, for the panel to say. */
export interface ApplyOutcome {
  kind: 'builtin' | 'llm';
  /** A new run started (its assistant changed). */
  newRun: boolean;
  /** The model's name, for a model. */
  model: string | null;
  /** The roles the model plays from now on. */
  roles: LlmRole[];
  /** The run's assistant. */
  assistantId: string;
}

export interface EngineController {
  /**
   * Use these settings: the built-in engine, a server (the key is kept as
   * the settings say) or the WebLLM model loaded with `webllm`. Starts a new
   * run when the assistant changes, else switches the current run from its
   * next step. Throws (an EngineError) when no engine can be made.
   */
  apply(settings: EngineSettings, secrets?: { apiKey?: string }): Promise<ApplyOutcome>;
  /** The settings in use (the built-in engine when none were applied). */
  settings(): EngineSettings;
  /** The settings saved on this device, and keeping them. */
  savedSettings(): EngineSettings;
  saveSettings(settings: EngineSettings): void;
  /** The API key for a server, kept for this tab or remembered on this device. */
  keys: {
    read(baseUrl: string): { key: string; remembered: boolean } | null;
    store(key: string, baseUrl: string, remember: boolean): void;
    hasRemembered(): boolean;
  };
  /** The models a server offers. */
  listServerModels(settings: EngineSettings, apiKey: string): Promise<string[]>;
  /** One tiny call to the server's model. */
  testServer(settings: EngineSettings, apiKey: string): Promise<ConnectionTest>;
  /** WebLLM models in this browser. */
  readonly webllm: WebLlmModels;
  /** Per-day usage of the current run (for its saved record), when the model plays in it. */
  usageRecord(): RunUsageRecord | null;
  /** Stop following the store. */
  dispose(): void;
}

export interface EngineControllerOptions {
  platform: Pick<Platform, 'local' | 'session' | 'clock'>;
  /** WebLLM in this browser (tests pass their own). */
  webllm?: WebLlmModels;
}

/** The built-in assistant a run falls back to when it leaves an LLM assistant. */
export const FALLBACK_ASSISTANT = 'propera';

export function createEngineController(
  game: Game,
  options: EngineControllerOptions,
): EngineController {
  const { store, cast, actions } = game;
  const { platform } = options;
  const keyStores: KeyStores = { local: platform.local, session: platform.session };
  const webllm = options.webllm ?? createWebLlmModels();
  let settings: EngineSettings = normaliseSettings(null);
  let applied: Applied | null = null;
  /** Each run's meter and ledger, made when the run first asks for the model. */
  const bindings = new WeakMap<RunState, Binding>();
  let ticker: ReturnType<typeof setInterval> | null = null;

  const bindingFor = (run: RunState, a: Applied): Binding => {
    let b = bindings.get(run);
    if (!b) bindings.set(run, (b = newBinding(run, a)));
    return b;
  };

  /** The applied engine as the page's model: each run's roles talk through the run's own meter. */
  const modelCast = (a: Applied): ModelCast => ({
    engine: a.ref,
    kit: a.kit,
    enginesFor(run) {
      const { meter } = bindingFor(run, a);
      return {
        persona: meter.engineFor('persona', a.guarded),
        judge: meter.engineFor('judge', a.judge),
        assistant: meter.engineFor('assistant', a.guarded),
      };
    },
  });

  function activeFor(s: GameState, a: Applied): ActiveEngine {
    const info = a.engine.info;
    return {
      kind: info.kind === 'webllm' ? 'webllm' : 'openai',
      model: info.model,
      // Shown in the cost line: never with the credentials or secret parameters it may carry.
      baseUrl: info.kind === 'webllm' ? null : showBaseUrl(a.settings.openai.baseUrl),
      roles: s.lineup.engine ? rolesIn(s.lineup) : [],
      chosen: rolesOf(a.settings),
      judgeMode: a.settings.judgeMode,
      assistantId: s.run.assistantId,
    };
  }

  function publish(): void {
    const s = store.getState();
    const a = applied;
    const b = a ? bindings.get(s.run) : undefined;
    if (!a || !b) {
      store.setState({ engine: a ? { active: activeFor(s, a), usage: null } : NO_ENGINE });
      return;
    }
    const usage = usageView(b, s.run.day, a);
    store.setState({ engine: { active: activeFor(s, a), usage } });
  }

  function startTicker(): void {
    if (ticker === null) ticker = setInterval(publish, 400);
  }

  function stopTicker(): void {
    if (ticker !== null) clearInterval(ticker);
    ticker = null;
  }

  // Count each run's calls per step and per day, and keep the view current.
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.run !== prev.run) {
      stopTicker();
      // A new run: its own day window for the daily budget.
      applied?.metered.meter.reset('day');
    }
    const b = applied ? bindings.get(s.run) : undefined;
    if (b) {
      const change = countChange(b, s, prev);
      // While a step waits for the model, the view follows its calls as they come.
      if (change.began) startTicker();
      if (change.ended) stopTicker();
      if (change.dayEnded) applied?.metered.meter.reset('day');
    }
    if (
      applied &&
      (s.busy !== prev.busy ||
        s.latest !== prev.latest ||
        s.run !== prev.run ||
        s.lineup !== prev.lineup)
    )
      publish();
  });

  function toBuiltin(): ApplyOutcome {
    const s = store.getState();
    applied = null;
    cast.setModel(null);
    stopTicker();
    if (isLlmAssistantId(s.run.assistantId)) {
      const { personaId, seed } = s.selection;
      actions.newRun({
        personaId,
        seed,
        assistantId: FALLBACK_ASSISTANT,
        lineup: builtinLineUp(FALLBACK_ASSISTANT),
      });
      publish();
      return {
        kind: 'builtin',
        newRun: true,
        model: null,
        roles: [],
        assistantId: FALLBACK_ASSISTANT,
      };
    }
    actions.setLineUp(builtinLineUp(s.run.assistantId));
    publish();
    return {
      kind: 'builtin',
      newRun: false,
      model: null,
      roles: [],
      assistantId: s.run.assistantId,
    };
  }

  async function engineFor(next: EngineSettings, apiKey: string): Promise<LlmEngine> {
    if (next.kind === 'openai') return serverEngine(serverChoice(next, apiKey));
    const engine = webllm.engine();
    if (!engine) throw new EngineError('unavailable', 'load a WebLLM model first');
    return engine;
  }

  return {
    webllm,
    settings: () => settings,
    savedSettings: () => loadSettings(platform.local),
    saveSettings: (s) => saveSettings(platform.local, s),
    keys: {
      read: (baseUrl) => readApiKey(keyStores, baseUrl),
      store: (key, baseUrl, remember) => storeApiKey(keyStores, key, baseUrl, remember),
      hasRemembered: () => hasRememberedKey(keyStores),
    },
    async listServerModels(s, apiKey) {
      return (await serverEngine(serverChoice(s, apiKey), true)).listModels();
    },
    async testServer(s, apiKey) {
      const engine = await serverEngine(serverChoice(s, apiKey), true);
      return testEngine(engine, () => platform.clock.monotonic());
    },
    usageRecord: () => {
      const b = applied ? bindings.get(store.getState().run) : undefined;
      return b ? b.ledger.record() : null;
    },
    async apply(next, secrets = {}) {
      const wanted = normaliseSettings(next);
      const roles = rolesOf(wanted);
      if (wanted.kind === 'builtin' || roles.length === 0) {
        settings = wanted;
        return toBuiltin();
      }
      const engine = await engineFor(wanted, secrets.apiKey ?? '');
      // The LLM agents' code is fetched on the first Apply of a model (its own chunk).
      const kit = await cast.ensureKit();
      settings = wanted;
      const a = applyEngine(wanted, engine, kit);
      applied = a;
      cast.setModel(modelCast(a));

      const s = store.getState();
      const players = (assistant: string): LineUp => ({
        planner: roles.includes('persona') ? 'model' : 'builtin',
        judge: roles.includes('judge') ? 'model' : 'builtin',
        assistant,
        engine: a.ref,
      });
      const outcome = (newRun: boolean, assistantId: string): ApplyOutcome => ({
        kind: 'llm',
        newRun,
        model: engine.info.model,
        roles,
        assistantId,
      });
      const wantedAssistant = roles.includes('assistant')
        ? assistantVariantFor(wanted)
        : isLlmAssistantId(s.run.assistantId)
          ? FALLBACK_ASSISTANT
          : s.run.assistantId;
      if (wantedAssistant !== s.run.assistantId) {
        a.metered.meter.reset('day');
        actions.newRun({
          personaId: s.selection.personaId,
          seed: s.selection.seed,
          assistantId: wantedAssistant,
          lineup: players(wantedAssistant),
          pause: true,
        });
        publish();
        return outcome(true, wantedAssistant);
      }
      actions.setLineUp(players(s.run.assistantId));
      publish();
      return outcome(false, s.run.assistantId);
    },
    dispose() {
      stopTicker();
      unsubscribe();
    },
  };
}
