/**
 * Which engine plays which role in the game, and what it costs. The
 * settings dialog (src/ui/engine-settings.ts) edits `EngineSettings`; this
 * module turns them and an engine into a run's agents (src/agents/llm
 * setup) and hands them to the store:
 *
 *   - only the persona planner and/or the judge from a model: the current
 *     run goes on with them from the next step (`useAgents`);
 *   - an LLM assistant: it is a different assistant from the built-in one,
 *     so a new run starts with it (`newRunWith`).
 *
 * Every run bound to the engine has its own usage meter and ledger (calls
 * and tokens per role, per day), read by the cost panel (src/ui/cost.ts).
 * The daily call budget and the price estimate come from a metering
 * wrapper around the engine (src/llm/metered.ts); its day window follows the
 * simulated day.
 *
 * In the game a call that still fails after the engine's own retries (a
 * server error, a timeout, a rate limit) pauses the run at once, before the
 * step is recorded: the person is watching, and a step scored 0 because the
 * server broke would look like the persona's verdict. (Batch runs from the
 * CLI absorb such calls instead, and pause after several in a row.)
 *
 * The API key is kept apart from the other settings: in sessionStorage for
 * the tab, or in localStorage when the person asks to be remembered, tied to
 * the server's origin so a link to another server never receives it. It is
 * never put in a URL, an export or a log.
 *
 * Nothing here loads WebLLM: its engine is made by src/ui/engine-webllm.ts
 * with a dynamic import and handed in like any other engine. The LLM agents
 * themselves (prompts, JSON repair, schemas) are loaded on the first Apply
 * of a model, so a first visit with the built-in engine does not fetch them.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type * as CallModule from '../agents/llm/call';
import type { RunUsageRecord, UsageLedger } from '../agents/llm/drive';
import type { JudgeMode } from '../agents/llm/judge';
import type * as SetupModule from '../agents/llm/setup';
import {
  diffByRole,
  LLM_ROLES,
  sumRoles,
  type LlmRole,
  type Usage,
  type UsageByRole,
  type UsageMeter,
} from '../agents/llm/usage';
import { assistantLabel as labelOf, getAssistant, isLlmAssistantId } from '../agents/registry';
import { builtinUser } from '../agents/user/builtin';
import { isFinished, type Agents, type RunState } from '../core/sim';
import { EngineError, type LlmEngine } from '../llm/engine';
import { withMeter, type MeteredEngine, type TokenPrice } from '../llm/metered';
import type { GameState, GameStore } from './store';

export type EngineKind = 'builtin' | 'openai' | 'webllm';

/** The assistant's memory level, or the reference setup (AS memory, two calls per step). */
export type AssistantMemoryChoice = 'none' | 'A' | 'AS' | 'ASC' | 'ASCR' | 'reference';

export interface EngineSettings {
  kind: EngineKind;
  roles: Record<LlmRole, boolean>;
  judgeMode: JudgeMode;
  assistantMemory: AssistantMemoryChoice;
  /** The built-in policy decides when to speak; the model writes the words (AS memory only). */
  gate: boolean;
  openai: {
    baseUrl: string;
    model: string;
    /** Per million tokens, for the estimate; null: no estimate. */
    inputPrice: number | null;
    outputPrice: number | null;
    /** Model calls per simulated day; null: no limit. */
    dailyCallBudget: number | null;
    concurrency: number;
  };
  webllm: { modelKey: string | null };
}

export const DEFAULT_SETTINGS: EngineSettings = {
  kind: 'builtin',
  roles: { persona: false, judge: true, assistant: false },
  judgeMode: 'compact',
  assistantMemory: 'AS',
  gate: false,
  openai: {
    baseUrl: 'http://localhost:11434/v1',
    model: '',
    inputPrice: null,
    outputPrice: null,
    dailyCallBudget: null,
    concurrency: 2,
  },
  webllm: { modelKey: null },
};

export const BASE_URL_PRESETS: readonly { id: string; label: string; url: string }[] = [
  { id: 'ollama', label: 'Ollama', url: 'http://localhost:11434/v1' },
  { id: 'llamacpp', label: 'llama.cpp server', url: 'http://localhost:8080/v1' },
  { id: 'vllm', label: 'vLLM', url: 'http://localhost:8000/v1' },
  { id: 'openai', label: 'OpenAI', url: 'https://api.openai.com/v1' },
];

export const ROLE_LABELS: Record<LlmRole, string> = {
  persona: 'persona planner',
  judge: 'judge',
  assistant: 'assistant',
};

const SETTINGS_KEY = 'propersim.engine.settings';
const API_KEY_KEY = 'propersim.engine.apiKey';

// ---- Settings ----------------------------------------------------------------------------------

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const numberOrNull = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null;

/** Settings from anything (a saved copy, a future version): unknown or bad fields take defaults. */
export function normaliseSettings(raw: unknown): EngineSettings {
  const d = DEFAULT_SETTINGS;
  const r = isRecord(raw) ? raw : {};
  const roles = isRecord(r.roles) ? r.roles : {};
  const o = isRecord(r.openai) ? r.openai : {};
  const w = isRecord(r.webllm) ? r.webllm : {};
  const memories: AssistantMemoryChoice[] = ['none', 'A', 'AS', 'ASC', 'ASCR', 'reference'];
  const concurrency = Number(o.concurrency);
  return {
    kind: r.kind === 'openai' || r.kind === 'webllm' ? r.kind : 'builtin',
    roles: {
      persona: typeof roles.persona === 'boolean' ? roles.persona : d.roles.persona,
      judge: typeof roles.judge === 'boolean' ? roles.judge : d.roles.judge,
      assistant: typeof roles.assistant === 'boolean' ? roles.assistant : d.roles.assistant,
    },
    judgeMode: r.judgeMode === 'reference' ? 'reference' : 'compact',
    assistantMemory: memories.includes(r.assistantMemory as AssistantMemoryChoice)
      ? (r.assistantMemory as AssistantMemoryChoice)
      : d.assistantMemory,
    gate: r.gate === true,
    openai: {
      baseUrl: typeof o.baseUrl === 'string' && o.baseUrl ? o.baseUrl : d.openai.baseUrl,
      model: typeof o.model === 'string' ? o.model : d.openai.model,
      inputPrice: numberOrNull(o.inputPrice),
      outputPrice: numberOrNull(o.outputPrice),
      dailyCallBudget: numberOrNull(o.dailyCallBudget),
      concurrency:
        Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 16
          ? concurrency
          : d.openai.concurrency,
    },
    webllm: { modelKey: typeof w.modelKey === 'string' ? w.modelKey : null },
  };
}

function localStore(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage blocked (privacy settings)
  }
}

function sessionStore(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** The settings saved on this device (never the API key). */
export function loadSettings(): EngineSettings {
  try {
    const text = localStore()?.getItem(SETTINGS_KEY);
    return normaliseSettings(text ? JSON.parse(text) : null);
  } catch {
    return normaliseSettings(null);
  }
}

export function saveSettings(settings: EngineSettings): void {
  try {
    localStore()?.setItem(SETTINGS_KEY, JSON.stringify(normaliseSettings(settings)));
  } catch {
    // Full or blocked storage: the settings last for this page.
  }
}

/** The LLM assistant (by id) the settings ask for. */
export function assistantVariantFor(
  settings: Pick<EngineSettings, 'assistantMemory' | 'gate'>,
): string {
  switch (settings.assistantMemory) {
    case 'none':
      return 'llm-none';
    case 'A':
      return 'llm-a';
    case 'ASC':
      return 'llm-asc';
    case 'ASCR':
      return 'llm-ascr';
    case 'reference':
      return 'llm-reference';
    case 'AS':
      return settings.gate ? 'llm-gated' : 'llm';
  }
}

export function assistantLabel(id: string): string {
  return labelOf(id);
}

/** The roles the settings give the model (none for the built-in engine). */
export function rolesOf(settings: EngineSettings): LlmRole[] {
  if (settings.kind === 'builtin') return [];
  return LLM_ROLES.filter((r) => settings.roles[r]);
}

// ---- The API key -------------------------------------------------------------------------------

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

interface SavedKey {
  origin: string;
  key: string;
}

function readSaved(storage: Storage | null): SavedKey | null {
  try {
    const text = storage?.getItem(API_KEY_KEY);
    if (!text) return null;
    const v = JSON.parse(text) as unknown;
    return isRecord(v) && typeof v.origin === 'string' && typeof v.key === 'string'
      ? { origin: v.origin, key: v.key }
      : null;
  } catch {
    return null;
  }
}

/**
 * The key kept for the server at `baseUrl` (same origin only), and whether
 * it is remembered on this device.
 */
export function readApiKey(baseUrl: string): { key: string; remembered: boolean } | null {
  const origin = originOf(baseUrl);
  if (!origin) return null;
  const session = readSaved(sessionStore());
  if (session && session.origin === origin) return { key: session.key, remembered: false };
  const local = readSaved(localStore());
  if (local && local.origin === origin) return { key: local.key, remembered: true };
  return null;
}

/** Is a key remembered on this device (for any server)? */
export function hasRememberedKey(): boolean {
  return readSaved(localStore()) !== null;
}

/**
 * Keep the key for this tab (sessionStorage), or on this device when
 * `remember` (localStorage); an empty key forgets it. Unticking "remember"
 * removes it from the device.
 */
export function storeApiKey(key: string, baseUrl: string, remember: boolean): void {
  const origin = originOf(baseUrl);
  const trimmed = key.trim();
  try {
    if (!remember) localStore()?.removeItem(API_KEY_KEY);
    if (!trimmed || !origin) {
      sessionStore()?.removeItem(API_KEY_KEY);
      if (remember) localStore()?.removeItem(API_KEY_KEY);
      return;
    }
    const value = JSON.stringify({ origin, key: trimmed } satisfies SavedKey);
    if (remember) {
      localStore()?.setItem(API_KEY_KEY, value);
      sessionStore()?.removeItem(API_KEY_KEY);
    } else {
      sessionStore()?.setItem(API_KEY_KEY, value);
    }
  } catch {
    // Blocked storage: the key lives only in the field.
  }
}

export function forgetApiKey(): void {
  try {
    localStore()?.removeItem(API_KEY_KEY);
    sessionStore()?.removeItem(API_KEY_KEY);
  } catch {
    // nothing kept
  }
}

// ---- Errors in plain words ---------------------------------------------------------------------

export interface PlainError {
  kind: EngineError['kind'] | 'other';
  /** One sentence: what happened. */
  headline: string;
  /** What to do, when we know. */
  fix: string | null;
  /** A command to copy, when the fix is one (the Ollama CORS setting). */
  command: string | null;
  /** The engine's own words. */
  detail: string;
}

/** What an engine failure means and what to do, in words for people. */
export function explainEngineError(err: unknown, pageOrigin: string): PlainError {
  const detail = err instanceof Error ? err.message : String(err);
  if (!(err instanceof EngineError)) {
    return { kind: 'other', headline: 'Something went wrong.', fix: null, command: null, detail };
  }
  const base = { kind: err.kind, detail, command: null as string | null };
  switch (err.kind) {
    case 'cors':
      return {
        ...base,
        headline:
          'The browser could not reach the server from this page: it is not running, or it does not allow calls from this page (CORS).',
        fix: `For Ollama, allow this page and restart it: OLLAMA_ORIGINS=${pageOrigin} ollama serve (on Windows or macOS set OLLAMA_ORIGINS as an environment variable, then restart Ollama). LM Studio: turn on "Enable CORS". vLLM: --allowed-origins '["${pageOrigin}"]'.`,
        command: `OLLAMA_ORIGINS=${pageOrigin} ollama serve`,
      };
    case 'auth':
      return {
        ...base,
        headline: 'The server refused the API key.',
        fix: 'Check the key (OpenAI keys start with "sk-"). Local servers such as Ollama need none: leave the field empty.',
      };
    case 'timeout':
      return {
        ...base,
        headline: 'The server did not answer in time.',
        fix: 'The model may still be loading: try again in a minute, or choose a smaller model.',
      };
    case 'network':
      return {
        ...base,
        headline: 'The server could not be reached.',
        fix: 'Is it running? Check the base URL: it usually ends in /v1.',
      };
    case 'rate-limit':
      return {
        ...base,
        headline: 'The server is limiting how fast it is called (rate limit).',
        fix: 'Wait a little, lower the concurrency, or set a daily budget.',
      };
    case 'server':
      return {
        ...base,
        headline: 'The server failed while answering.',
        fix: "Look at the server's log: a model too large for the memory often fails like this.",
      };
    case 'bad-request':
      return {
        ...base,
        headline: 'The server refused the request.',
        fix: 'Check the base URL and the model name ("List models" shows what the server has).',
      };
    case 'budget':
      return {
        ...base,
        headline: "Today's call budget is spent.",
        fix: 'Raise the daily budget in the Engine settings and apply, or leave it empty for no limit.',
      };
    case 'quota':
      return {
        ...base,
        headline: 'Out of quota or storage.',
        fix: 'Check the account (or free storage) and try again.',
      };
    case 'out-of-memory':
      return {
        ...base,
        headline: 'The model ran out of memory.',
        fix: 'Choose a smaller model and close other tabs that use the graphics card.',
      };
    case 'unavailable':
      return { ...base, headline: 'The engine is not available.', fix: null };
    case 'aborted':
      return { ...base, headline: 'Cancelled.', fix: null };
  }
}

// ---- The controller ----------------------------------------------------------------------------

/** Calls and tokens over some window. */
export interface UsageCounts {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  failedCalls: number;
  cachedCalls: number;
}

export interface UsageView {
  /** Calls and tokens of the last step that called the model (the one in flight, once it has). */
  lastStep: UsageCounts | null;
  /** The simulated day in progress. */
  day: number;
  today: UsageCounts;
  total: UsageCounts;
  /** Judge and assistant calls per scored step today (the reference makes about 12). */
  callsPerScoredStep: number | null;
  /** Estimated cost in the price's currency (null without prices). */
  cost: { lastStep: number; today: number; total: number } | null;
  budget: { limit: number; used: number; left: number } | null;
}

export interface ActiveEngine {
  kind: 'openai' | 'webllm';
  model: string;
  /** Base URL or "this browser". */
  where: string;
  /** The roles the model plays in the current run (may be fewer than chosen: see `note`). */
  roles: LlmRole[];
  judgeMode: JudgeMode;
  /** The LLM assistant's id, when the model plays the assistant in this run. */
  assistantId: string | null;
  /** Why some chosen roles do not apply to this run, if so. */
  note: string | null;
}

export interface EngineViewState {
  active: ActiveEngine | null;
  usage: UsageView | null;
  /** What a step waits for now (mirrors the store's busy while the model is active). */
  busy: string | null;
}

export type ApplyOutcome =
  | { kind: 'builtin'; newRun: boolean; message: string }
  | { kind: 'llm'; newRun: boolean; message: string };

export interface EngineController {
  readonly view: StoreApi<EngineViewState>;
  /**
   * Use these settings with `engine` (null for the built-in engine). Starts a
   * new run when the assistant changes, else switches the current run from
   * its next step.
   */
  apply(settings: EngineSettings, engine: LlmEngine | null): Promise<ApplyOutcome>;
  /** The settings in use (the built-in engine when none were applied). */
  settings(): EngineSettings;
  /** The engine in use, if any. */
  engine(): LlmEngine | null;
  /** Per-day usage of the current run (for its saved record), when the model plays in it. */
  usageRecord(): RunUsageRecord | null;
  /** Stop following the store. */
  dispose(): void;
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
}

/** The engine's part in one run. */
interface Binding {
  run: RunState;
  meter: UsageMeter;
  ledger: UsageLedger;
  roles: LlmRole[];
  assistantId: string | null;
  note: string | null;
  /** The meter at the start of the step in flight. */
  before: UsageByRole | null;
  lastStep: Usage | null;
}

/** Failures the engine already retried: in the game they pause the run rather than score 0. */
const PAUSE_KINDS = new Set<EngineError['kind']>(['server', 'timeout', 'rate-limit']);

interface LlmAgentsCode {
  buildRunAgents: typeof SetupModule.buildRunAgents;
  EnginePausedError: typeof CallModule.EnginePausedError;
}

let llmCode: LlmAgentsCode | null = null;

/** The LLM agents' code, fetched once (its own chunk). */
async function loadLlmAgents(): Promise<LlmAgentsCode> {
  if (!llmCode) {
    const [setup, call] = await Promise.all([
      import('../agents/llm/setup'),
      import('../agents/llm/call'),
    ]);
    llmCode = { buildRunAgents: setup.buildRunAgents, EnginePausedError: call.EnginePausedError };
  }
  return llmCode;
}

/** The engine, but a call that failed after the engine's retries pauses the run. */
function pausingOnFailure(
  engine: LlmEngine,
  EnginePausedError: LlmAgentsCode['EnginePausedError'],
): LlmEngine {
  const wrapped: LlmEngine = {
    info: engine.info,
    async chat(request) {
      try {
        return await engine.chat(request);
      } catch (err) {
        if (err instanceof EngineError && PAUSE_KINDS.has(err.kind)) {
          throw new EnginePausedError(`the model server failed: ${err.message}`, err.kind, {
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

/** The built-in assistant a run falls back to when it leaves an LLM assistant. */
const FALLBACK_ASSISTANT = 'propera';

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

export function createEngineController(store: GameStore): EngineController {
  const view = createStore<EngineViewState>()(() => ({ active: null, usage: null, busy: null }));
  let settings: EngineSettings = { ...DEFAULT_SETTINGS };
  let applied: Applied | null = null;
  let binding: Binding | null = null;
  /** Set while this module changes the run, so the change is not taken for the person's. */
  let pendingBinding: Omit<Binding, 'run'> | null = null;
  let ticker: ReturnType<typeof setInterval> | null = null;

  const cost = (u: Usage): number | null => {
    const p = applied?.price;
    if (!p) return null;
    return (u.promptTokens * p.inputPerMillion + u.completionTokens * p.outputPerMillion) / 1e6;
  };

  function publish(): void {
    const s = store.getState();
    if (!applied || !binding || binding.run !== s.run) {
      view.setState({
        active: applied ? activeInfo(null) : null,
        usage: null,
        busy: null,
      });
      return;
    }
    const b = binding;
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
    view.setState({
      active: activeInfo(b),
      busy: s.busy,
      usage: {
        lastStep: last ? counts(last) : null,
        day: s.run.day,
        today: counts(today),
        total: counts(total),
        callsPerScoredStep: perScoredStep(todayByRole, current?.scoredSteps ?? 0),
        cost:
          lastCost === null || todayCost === null || totalCost === null
            ? null
            : { lastStep: lastCost, today: todayCost, total: totalCost },
        budget: applied.metered.meter.snapshot().budget,
      },
    });
  }

  function activeInfo(b: Binding | null): ActiveEngine | null {
    if (!applied) return null;
    const info = applied.engine.info;
    return {
      kind: info.kind === 'webllm' ? 'webllm' : 'openai',
      model: info.model,
      where: info.kind === 'webllm' ? 'this browser (WebLLM)' : applied.settings.openai.baseUrl,
      roles: b?.roles ?? [],
      judgeMode: applied.settings.judgeMode,
      assistantId: b?.assistantId ?? null,
      note:
        b?.note ??
        (b ? null : 'The model plays no role in this run: its assistant is a built-in one.'),
    };
  }

  function startTicker(): void {
    if (ticker === null) ticker = setInterval(publish, 400);
  }

  function stopTicker(): void {
    if (ticker !== null) clearInterval(ticker);
    ticker = null;
  }

  /** The agents for `assistantId` with the applied engine playing `roles`. */
  function agentsFor(
    assistantId: string,
    roles: LlmRole[],
    current: Agents,
  ): { agents: Agents; binding: Omit<Binding, 'run'> } {
    if (!applied || !llmCode) throw new Error('no engine applied');
    const built = llmCode.buildRunAgents(
      {
        engine: applied.guarded,
        engines: { judge: applied.judge },
        roles,
        judgeMode: applied.settings.judgeMode,
      },
      assistantId,
    );
    // A built-in assistant stays the very object the store knows.
    const assistant = isLlmAssistantId(assistantId)
      ? built.agents.assistant
      : current.assistant.id === assistantId
        ? current.assistant
        : built.agents.assistant;
    return {
      agents: { user: built.agents.user, assistant, explain: true },
      binding: {
        meter: built.meter,
        ledger: built.ledger,
        roles,
        assistantId: isLlmAssistantId(assistantId) ? assistantId : null,
        note: null,
        before: null,
        lastStep: null,
      },
    };
  }

  function startRun(assistantId: string, roles: LlmRole[], note: string | null = null): void {
    const s = store.getState();
    const { agents, binding: next } = agentsFor(assistantId, roles, s.agents);
    applied?.metered.meter.reset('day');
    pendingBinding = { ...next, note };
    try {
      store
        .getState()
        .newRunWith(
          { personaId: s.selection.personaId, assistantId, seed: s.selection.seed },
          agents,
          { asyncAgents: true, waitingFor: 'the model' },
        );
    } finally {
      pendingBinding = null;
    }
  }

  function switchCurrent(roles: LlmRole[], note: string | null = null): void {
    const s = store.getState();
    const { agents, binding: next } = agentsFor(s.run.assistantId, roles, s.agents);
    store.getState().useAgents(agents, { asyncAgents: true, waitingFor: 'the model' });
    binding = { ...next, note, run: s.run };
  }

  function toBuiltin(): ApplyOutcome {
    const s = store.getState();
    applied = null;
    binding = null;
    stopTicker();
    if (isLlmAssistantId(s.run.assistantId)) {
      const { personaId, seed } = s.selection;
      store.getState().newRun(personaId, FALLBACK_ASSISTANT, seed);
      publish();
      return {
        kind: 'builtin',
        newRun: true,
        message: `Built-in engine: a new run started with the built-in ${getAssistant(FALLBACK_ASSISTANT).label}.`,
      };
    }
    store
      .getState()
      .useAgents(
        { user: builtinUser, assistant: s.agents.assistant, explain: true },
        { asyncAgents: false },
      );
    publish();
    return {
      kind: 'builtin',
      newRun: false,
      message: 'Built-in engine: the rules play every role again, from the next step.',
    };
  }

  /** Bind the applied engine to the store's current run, after a run the person started. */
  function followNewRun(s: GameState): void {
    if (!applied) return;
    const roles = rolesOf(applied.settings);
    const userRoles = roles.filter((r) => r !== 'assistant');
    const wantsAssistant = roles.includes('assistant');
    const note = wantsAssistant
      ? `The model does not play this run's assistant (${s.agents.assistant.label}); apply the engine settings again for a run with the LLM assistant.`
      : null;
    binding = null;
    if (userRoles.length === 0) {
      publish();
      return;
    }
    const run = s.run;
    // After the store has finished starting the run.
    queueMicrotask(() => {
      if (!applied || store.getState().run !== run) return;
      switchCurrent(userRoles, note);
      publish();
    });
  }

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.run !== prev.run) {
      stopTicker();
      if (pendingBinding) {
        binding = { ...pendingBinding, run: s.run };
        pendingBinding = null;
      } else if (applied) {
        // A run started elsewhere (the controls, a saved run): a fresh account.
        applied.metered.meter.reset('day');
        followNewRun(s);
      }
    }
    const b = binding;
    if (!b || b.run !== s.run) {
      if (s.busy !== prev.busy && applied) publish();
      return;
    }
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
    if (s.busy !== prev.busy || s.latest !== prev.latest || s.run !== prev.run) publish();
  });

  return {
    view,
    settings: () => settings,
    engine: () => applied?.engine ?? null,
    usageRecord: () => {
      const b = binding;
      return b && b.run === store.getState().run ? b.ledger.record() : null;
    },
    async apply(next, engine) {
      const roles = rolesOf(normaliseSettings(next));
      if (!engine || next.kind === 'builtin' || roles.length === 0) {
        settings = normaliseSettings(next);
        return toBuiltin();
      }
      const code = await loadLlmAgents();
      settings = normaliseSettings(next);
      const price: TokenPrice | null =
        settings.kind === 'openai' &&
        settings.openai.inputPrice !== null &&
        settings.openai.outputPrice !== null
          ? {
              inputPerMillion: settings.openai.inputPrice,
              outputPerMillion: settings.openai.outputPrice,
            }
          : null;
      const budget = settings.kind === 'openai' ? settings.openai.dailyCallBudget : null;
      const metered = withMeter(engine, {
        cache: false,
        ...(price ? { price } : {}),
        ...(budget !== null ? { dailyCallBudget: Math.floor(budget) } : {}),
      });
      const guarded = pausingOnFailure(metered, code.EnginePausedError);
      const judge = withMeter(guarded, { cache: { maxEntries: 5_000 } });
      applied = { settings, engine, metered, guarded, judge, price };

      const s = store.getState();
      const model = `"${engine.info.model}"`;
      const played = roles.map((r) => ROLE_LABELS[r]).join(', ');
      if (roles.includes('assistant')) {
        const wanted = assistantVariantFor(settings);
        if (s.run.assistantId !== wanted) {
          startRun(wanted, roles);
          publish();
          return {
            kind: 'llm',
            newRun: true,
            message: `A new run started: the model ${model} plays the ${played} (${assistantLabel(wanted)}).`,
          };
        }
        switchCurrent(roles);
        publish();
        return {
          kind: 'llm',
          newRun: false,
          message: `The model ${model} plays the ${played} in this run from the next step.`,
        };
      }
      if (isLlmAssistantId(s.run.assistantId)) {
        startRun(FALLBACK_ASSISTANT, roles);
        publish();
        return {
          kind: 'llm',
          newRun: true,
          message: `A new run started with the built-in ${getAssistant(FALLBACK_ASSISTANT).label}; the model ${model} plays the ${played}.`,
        };
      }
      switchCurrent(roles);
      publish();
      return {
        kind: 'llm',
        newRun: false,
        message: `The model ${model} plays the ${played} in this run from the next step.`,
      };
    },
    dispose() {
      stopTicker();
      unsubscribe();
    },
  };
}

/** One tiny chat call: does the model answer? Resolves with what it said and how long it took. */
export async function testEngine(
  engine: LlmEngine,
  signal?: AbortSignal,
): Promise<{ text: string; ms: number; promptTokens: number; completionTokens: number }> {
  const started = performance.now();
  const reply = await engine.chat({
    messages: [
      { role: 'system', content: 'You are a connection test. Answer with one word.' },
      { role: 'user', content: 'Reply with the word OK.' },
    ],
    temperature: 0,
    maxTokens: 8,
    ...(signal ? { signal } : {}),
  });
  return {
    text: reply.text.trim(),
    ms: Math.round(performance.now() - started),
    promptTokens: reply.usage.promptTokens,
    completionTokens: reply.usage.completionTokens,
  };
}
