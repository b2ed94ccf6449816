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
 *
 * In the game a call that still fails after the engine's own retries (a
 * server error, a timeout, a rate limit) pauses the run at once, before the
 * step is recorded: the person is watching, and a step scored 0 because the
 * server broke would look like the persona's verdict. (Batch runs from the
 * CLI absorb such calls instead, and pause after several in a row.)
 */
import type { ModelKit } from '../../agents/lineup';
import { assistantNeedsModel } from '../../agents/lineup';
import type { RunUsageRecord, UsageLedger } from '../../agents/llm/drive';
import {
  diffByRole,
  LLM_ROLES,
  sumRoles,
  UsageMeter,
  type LlmRole,
  type Usage,
  type UsageByRole,
} from '../../agents/llm/usage';
import { isLlmAssistantId } from '../../agents/registry';
import { builtinLineUp, modelRoles, type LineUp, type LineUpEngine } from '../../core/lineup';
import { isFinished, type RunState } from '../../core/sim';
import { EngineError, type LlmEngine } from '../../llm/engine';
import { withMeter, type MeteredEngine, type TokenPrice } from '../../llm/metered';
import type { ModelCast } from '../cast';
import type { Game } from '../create-game';
import type { Platform } from '../ports';
import type { GameState } from '../store';
import { hasRememberedKey, readApiKey, storeApiKey, type KeyStores } from './api-key';
import { serverChoice, serverEngine, testEngine, type ConnectionTest } from './server';
import {
  assistantVariantFor,
  loadSettings,
  normaliseSettings,
  rolesOf,
  saveSettings,
  type EngineSettings,
} from './settings';
import { NO_ENGINE, type ActiveEngine, type UsageCounts, type UsageView } from './view';
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

interface Applied {
  settings: EngineSettings;
  engine: LlmEngine;
  /** Budget and price over every call of the engine. */
  metered: MeteredEngine;
  /** What the roles talk to: `metered`, pausing the run on a failed call. */
  guarded: LlmEngine;
  /** The judge's view: a prompt cache over `guarded` (it answers at temperature 0). */
  judge: MeteredEngine;
  price: TokenPrice | null;
  ref: LineUpEngine;
  kit: ModelKit;
}

/** The engine's part in one run. */
interface Binding {
  meter: UsageMeter;
  ledger: UsageLedger;
  /** The meter at the start of the step in flight. */
  before: UsageByRole | null;
  lastStep: Usage | null;
}

/** Failures the engine already retried: in the game they pause the run rather than score 0. */
const PAUSE_KINDS = new Set<EngineError['kind']>(['server', 'timeout', 'rate-limit']);

/** The built-in assistant a run falls back to when it leaves an LLM assistant. */
export const FALLBACK_ASSISTANT = 'propera';

/** The engine, but a call that failed after the engine's retries pauses the run. */
function pausingOnFailure(engine: LlmEngine, kit: ModelKit): LlmEngine {
  const wrapped: LlmEngine = {
    info: engine.info,
    async chat(request) {
      try {
        return await engine.chat(request);
      } catch (err) {
        if (err instanceof EngineError && PAUSE_KINDS.has(err.kind)) {
          throw new kit.EnginePausedError(`the model server failed: ${err.message}`, err.kind, {
            cause: err,
          });
        }
        throw err;
      }
    },
  };
  if (engine.embed) wrapped.embed = engine.embed.bind(engine);
  return wrapped;
}

/** Model calls of the judge and the assistant per scored step (cache hits are not calls). */
function perScoredStep(byRole: UsageByRole, scoredSteps: number): number | null {
  if (scoredSteps <= 0) return null;
  const u = sumRoles(byRole, ['judge', 'assistant']);
  return Math.round(((u.calls - u.cachedCalls) / scoredSteps) * 1000) / 1000;
}

const counts = (u: Usage): UsageCounts => ({
  calls: u.calls - u.cachedCalls,
  promptTokens: u.promptTokens,
  completionTokens: u.completionTokens,
  failedCalls: u.failedCalls,
  cachedCalls: u.cachedCalls,
});

/** The roles a model plays in a run of this line-up. */
function rolesIn(lineup: LineUp): LlmRole[] {
  return modelRoles(lineup, assistantNeedsModel(lineup));
}

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
    if (!b) {
      const meter = new UsageMeter();
      const roles = rolesIn(run.lineup);
      const setup: Pick<RunUsageRecord, 'engine' | 'roles' | 'judgeMode'> = {
        engine: { kind: a.engine.info.kind, model: a.engine.info.model },
        roles: LLM_ROLES.filter((r) => roles.includes(r)),
        judgeMode: roles.includes('judge') ? a.settings.judgeMode : null,
      };
      b = { meter, ledger: new a.kit.UsageLedger(meter, setup), before: null, lastStep: null };
      bindings.set(run, b);
    }
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

  const cost = (u: Usage): number | null => {
    const p = applied?.price;
    if (!p) return null;
    return (u.promptTokens * p.inputPerMillion + u.completionTokens * p.outputPerMillion) / 1e6;
  };

  function activeFor(s: GameState, a: Applied): ActiveEngine {
    const info = a.engine.info;
    return {
      kind: info.kind === 'webllm' ? 'webllm' : 'openai',
      model: info.model,
      baseUrl: info.kind === 'webllm' ? null : a.settings.openai.baseUrl,
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
    const record = b.ledger.record();
    const now = b.meter.snapshot();
    const current = record.days.find((d) => d.day === s.run.day && !d.complete);
    const todayByRole = current?.byRole ?? diffByRole(now, now);
    const today = sumRoles(todayByRole);
    const total = sumRoles(now);
    // While a step runs, "last step" shows the one in flight once it has called the model.
    const inFlight = b.before ? sumRoles(diffByRole(now, b.before)) : null;
    const last = inFlight && inFlight.calls + inFlight.failedCalls > 0 ? inFlight : b.lastStep;
    const lastCost = last ? cost(last) : null;
    const todayCost = cost(today);
    const totalCost = cost(total);
    const usage: UsageView = {
      lastStep: last ? counts(last) : null,
      day: s.run.day,
      today: counts(today),
      total: counts(total),
      callsPerScoredStep: perScoredStep(todayByRole, current?.scoredSteps ?? 0),
      cost:
        lastCost === null || todayCost === null || totalCost === null
          ? null
          : { lastStep: lastCost, today: todayCost, total: totalCost },
      budget: a.metered.meter.snapshot().budget,
    };
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
      if (!prev.busy && s.busy) {
        b.ledger.ensureDay(s.run.day);
        b.before = b.meter.snapshot();
        startTicker();
      }
      if (s.latest && s.latest !== prev.latest) {
        b.ledger.step(s.latest);
        if (s.run.day !== s.latest.day || isFinished(s.run)) {
          b.ledger.endDay(true);
          applied?.metered.meter.reset('day');
        }
      }
      if (prev.busy && !s.busy) {
        // Asleep steps call nobody: "last step" keeps the last one that called the model.
        const step = b.before ? sumRoles(diffByRole(b.meter.snapshot(), b.before)) : null;
        if (step && step.calls + step.failedCalls > 0) b.lastStep = step;
        b.before = null;
        stopTicker();
      }
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
      const price: TokenPrice | null =
        wanted.kind === 'openai' &&
        wanted.openai.inputPrice !== null &&
        wanted.openai.outputPrice !== null
          ? {
              inputPerMillion: wanted.openai.inputPrice,
              outputPerMillion: wanted.openai.outputPrice,
            }
          : null;
      const budget = wanted.kind === 'openai' ? wanted.openai.dailyCallBudget : null;
      const metered = withMeter(engine, {
        cache: false,
        ...(price ? { price } : {}),
        ...(budget !== null ? { dailyCallBudget: Math.floor(budget) } : {}),
      });
      const guarded = pausingOnFailure(metered, kit);
      const judge = withMeter(guarded, { cache: { maxEntries: 5_000 } });
      const ref: LineUpEngine = {
        kind: wanted.kind === 'webllm' ? 'webllm' : 'openai',
        model: engine.info.model,
        judgeMode: wanted.judgeMode,
      };
      const a: Applied = { settings: wanted, engine, metered, guarded, judge, price, ref, kit };
      applied = a;
      cast.setModel(modelCast(a));

      const s = store.getState();
      const players = (assistant: string): LineUp => ({
        planner: roles.includes('persona') ? 'model' : 'builtin',
        judge: roles.includes('judge') ? 'model' : 'builtin',
        assistant,
        engine: ref,
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
        metered.meter.reset('day');
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
