/**
 * The engine flags shared by `npm run sim` and `npm run experiment`:
 *   --engine builtin|openai   --base-url URL   --model NAME   --concurrency N
 *   --limit-steps N           --judge-mode reference|compact
 *   --llm-roles persona,judge,assistant        --timeout S    --max-retries N
 *   --embedding-model NAME    --max-unjudged SHARE
 * The API key comes from the environment (OPENAI_API_KEY), never a flag.
 * With the built-in engine nothing here changes how a run goes.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { JUDGE_MODES, type JudgeMode } from '../agents/llm/judge';
import type { LlmSetup } from '../agents/llm/setup';
import { LLM_ROLES, type LlmRole } from '../agents/llm/usage';
import type { LlmEngine } from '../llm/engine';
import { withMeter } from '../llm/metered';
import { createOpenAiEngine, type OpenAiEngineOptions } from '../llm/openai';
import { clip, showBaseUrl } from '../shared/secrets';
import { DEFAULT_MAX_UNJUDGED } from './exit-codes';
import { probability, seconds, splitList, wholeNumber } from './flags';

export const ENGINE_KINDS = ['builtin', 'openai'] as const;
export type EngineKind = (typeof ENGINE_KINDS)[number];

/** A mistake in the engine flags: the CLI reports it without a stack and exits 2. */
export class EngineOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineOptionError';
  }
}

/** What commander hands over (before checks that span several flags). */
export interface RawEngineOptions {
  engine: EngineKind;
  baseUrl?: string;
  model?: string;
  concurrency: number;
  limitSteps?: number;
  judgeMode: JudgeMode;
  llmRoles: LlmRole[];
  timeout: number;
  maxRetries: number;
  embeddingModel?: string;
  maxUnjudged: number;
}

export interface EngineConfig {
  engine: EngineKind;
  /** Set with --engine openai. */
  openai: {
    baseUrl: string;
    model: string;
    concurrency: number;
    timeoutMs: number;
    maxRetries: number;
    embeddingModel?: string;
  } | null;
  limitSteps: number | null;
  judgeMode: JudgeMode;
  roles: LlmRole[];
  /** The share of waking steps that may go unjudged before the command exits with code 4. */
  maxUnjudged: number;
}

/** "persona,judge" → ['persona', 'judge']; rejects unknown or repeated roles. */
export function parseRoles(value: string): LlmRole[] {
  const items = splitList(value);
  if (items.length === 0)
    throw new InvalidArgumentError(`give at least one of ${LLM_ROLES.join(', ')}`);
  const bad = items.filter((r) => !(LLM_ROLES as readonly string[]).includes(r));
  if (bad.length)
    throw new InvalidArgumentError(
      `unknown role${bad.length > 1 ? 's' : ''} ${bad.map((b) => `"${b}"`).join(', ')}; choose from ${LLM_ROLES.join(', ')}`,
    );
  const dup = items.find((r, i) => items.indexOf(r) !== i);
  if (dup) throw new InvalidArgumentError(`role "${dup}" is listed twice`);
  return LLM_ROLES.filter((r) => items.includes(r));
}

/** Add the engine flags to a command. */
export function addEngineOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        '--engine <name>',
        'who plays the LLM roles: the built-in rules, or an OpenAI-compatible server',
      )
        .choices(ENGINE_KINDS)
        .default('builtin'),
    )
    .option(
      '--base-url <url>',
      'server URL up to the version, e.g. http://localhost:11434/v1 (--engine openai)',
    )
    .option(
      '--model <name>',
      'model name on the server (--engine openai); the key comes from OPENAI_API_KEY',
    )
    .option(
      '--concurrency <n>',
      'model calls in flight at once (shared by all runs)',
      wholeNumber('--concurrency', 1),
      4,
    )
    .option('--limit-steps <n>', 'stop after N scored steps', wholeNumber('--limit-steps', 1))
    .addOption(
      new Option(
        '--judge-mode <mode>',
        'LLM judge: reference (5 calls per candidate) or compact (1 call)',
      )
        .choices(JUDGE_MODES)
        .default('compact'),
    )
    .option(
      '--llm-roles <roles>',
      `roles the model plays, comma-separated: ${LLM_ROLES.join(', ')}`,
      parseRoles,
      [...LLM_ROLES],
    )
    .option('--timeout <seconds>', 'time limit per model call', seconds, 60)
    .option(
      '--max-retries <n>',
      'retries of a failed call (timeouts, 429, 5xx)',
      wholeNumber('--max-retries', 0),
      3,
    )
    .option('--embedding-model <name>', "embedding model for the assistant's retrieval (else BM25)")
    .option(
      '--max-unjudged <share>',
      'share of waking steps the judge may leave unscored (a failed or unreadable call) before the command exits with code 4',
      probability,
      DEFAULT_MAX_UNJUDGED,
    );
}

/** Check the flags together; throws EngineOptionError with a message for people. */
export function resolveEngineOptions(raw: RawEngineOptions): EngineConfig {
  if (raw.engine === 'builtin') {
    for (const [flag, v] of [
      ['--base-url', raw.baseUrl],
      ['--model', raw.model],
      ['--embedding-model', raw.embeddingModel],
    ] as const) {
      if (v !== undefined) throw new EngineOptionError(`${flag} only applies with --engine openai`);
    }
    return {
      engine: 'builtin',
      openai: null,
      limitSteps: raw.limitSteps ?? null,
      judgeMode: raw.judgeMode,
      roles: raw.llmRoles,
      maxUnjudged: raw.maxUnjudged,
    };
  }
  if (!raw.baseUrl) {
    throw new EngineOptionError(
      '--engine openai needs --base-url, the server URL up to the version (e.g. http://localhost:11434/v1 for Ollama)',
    );
  }
  let url: URL;
  try {
    url = new URL(raw.baseUrl);
  } catch {
    throw new EngineOptionError(
      `--base-url "${clip(raw.baseUrl, 200)}" is not a URL (e.g. http://localhost:11434/v1)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new EngineOptionError(
      `--base-url must start with http:// or https://, not ${url.protocol}//`,
    );
  if (!raw.model?.trim())
    throw new EngineOptionError('--engine openai needs --model, the model name on the server');
  return {
    engine: 'openai',
    openai: {
      baseUrl: raw.baseUrl,
      model: raw.model.trim(),
      concurrency: raw.concurrency,
      timeoutMs: Math.round(raw.timeout * 1000),
      maxRetries: raw.maxRetries,
      ...(raw.embeddingModel ? { embeddingModel: raw.embeddingModel } : {}),
    },
    limitSteps: raw.limitSteps ?? null,
    judgeMode: raw.judgeMode,
    roles: raw.llmRoles,
    maxUnjudged: raw.maxUnjudged,
  };
}

/** Make an engine (tests pass their own). */
export type EngineFactory = (
  config: NonNullable<EngineConfig['openai']>,
  apiKey: string | undefined,
) => LlmEngine;

export const openAiFactory: EngineFactory = (c, apiKey) => {
  const options: OpenAiEngineOptions = {
    baseUrl: c.baseUrl,
    model: c.model,
    concurrency: c.concurrency,
    timeoutMs: c.timeoutMs,
    maxRetries: c.maxRetries,
    pageOrigin: null,
  };
  if (apiKey) options.apiKey = apiKey;
  if (c.embeddingModel) options.embeddingModel = c.embeddingModel;
  return createOpenAiEngine(options);
};

/**
 * The setup the agents are built from: null engine for the built-in path.
 * The judge (temperature 0) gets a prompt cache; the planner and the
 * assistant sample, so they are never cached.
 */
export function createLlmSetup(
  config: EngineConfig,
  env: Record<string, string | undefined> = process.env,
  factory: EngineFactory = openAiFactory,
  signal?: AbortSignal,
): LlmSetup {
  if (!config.openai) return { engine: null, roles: [], judgeMode: config.judgeMode };
  const engine = factory(config.openai, env.OPENAI_API_KEY?.trim() || undefined);
  const judge = withMeter(engine, { cache: { maxEntries: 20_000 } });
  return {
    engine,
    engines: { judge },
    roles: config.roles,
    judgeMode: config.judgeMode,
    ...(signal ? { signal } : {}),
  };
}

/** One line about the engine, for the top of a report. */
export function describeEngine(config: EngineConfig): string {
  if (!config.openai) return 'built-in engine (rules, no model)';
  return (
    `model "${config.openai.model}" at ${showBaseUrl(config.openai.baseUrl)} playing ${config.roles.join(', ')}` +
    (config.roles.includes('judge') ? `; ${config.judgeMode} judge` : '') +
    `; ${config.openai.concurrency} calls at once`
  );
}
