/**
 * The engine settings (src/ui/engine-settings.ts edits them): which engine,
 * which roles the model plays, how it judges, which LLM assistant, the
 * server's address and limits. Saved on this device without the API key
 * (api-key.ts keeps that apart).
 */
import { LLM_ROLES, type LlmRole } from '../../agents/llm/usage';
import type { JudgeMode } from '../../core/lineup';
import { safeBaseUrl } from '../../shared/secrets';
import type { KeyValueStore } from '../ports';

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

const SETTINGS_KEY = 'propersim.engine.settings';

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

/**
 * The settings as kept on a device: the base URL without user, password or
 * query parameters outside the allow-list (src/shared/secrets.ts). A URL
 * that needs a secret in it works for the page that typed it, and is not
 * written down.
 */
function forDevice(settings: EngineSettings): EngineSettings {
  const baseUrl = safeBaseUrl(settings.openai.baseUrl) ?? DEFAULT_SETTINGS.openai.baseUrl;
  return { ...settings, openai: { ...settings.openai, baseUrl } };
}

/** The settings saved on this device (never the API key). */
export function loadSettings(local: KeyValueStore | null): EngineSettings {
  try {
    const text = local?.get(SETTINGS_KEY);
    // Cleaned on the way in too: a copy saved by an older version may hold a secret in its URL.
    return forDevice(normaliseSettings(text ? JSON.parse(text) : null));
  } catch {
    return normaliseSettings(null);
  }
}

/** Keep the settings on this device (a full or blocked storage keeps them for this page only). */
export function saveSettings(local: KeyValueStore | null, settings: EngineSettings): void {
  local?.set(SETTINGS_KEY, JSON.stringify(forDevice(normaliseSettings(settings))));
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

/** The roles the settings give the model (none for the built-in engine). */
export function rolesOf(settings: EngineSettings): LlmRole[] {
  if (settings.kind === 'builtin') return [];
  return LLM_ROLES.filter((r) => settings.roles[r]);
}
