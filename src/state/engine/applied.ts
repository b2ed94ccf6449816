/**
 * An engine put to work in the game: metered for the daily call budget and
 * the price estimate (src/llm/metered.ts), pausing the run when a call fails
 * after the engine's own retries, and with a prompt cache for the judge
 * (it answers at temperature 0).
 */
import type { ModelKit } from '../../agents/lineup';
import type { LineUpEngine } from '../../core/lineup';
import { EngineError, type LlmEngine } from '../../llm/engine';
import { withMeter, type MeteredEngine, type TokenPrice } from '../../llm/metered';
import type { EngineSettings } from './settings';

export interface Applied {
  settings: EngineSettings;
  engine: LlmEngine;
  /** Budget and price over every call of the engine. */
  metered: MeteredEngine;
  /** What the roles talk to: `metered`, pausing the run on a failed call. */
  guarded: LlmEngine;
  /** The judge's view: a prompt cache over `guarded`. */
  judge: MeteredEngine;
  price: TokenPrice | null;
  /** The engine as a line-up names it. */
  ref: LineUpEngine;
  kit: ModelKit;
}

/**
 * Failures the engine already retried: in the game they pause the run at
 * once, before the step is recorded — the person is watching, and a step
 * scored 0 because the server broke would look like the persona's verdict.
 * (Batch runs from the CLI absorb such calls instead, and pause after
 * several in a row.)
 */
const PAUSE_KINDS = new Set<EngineError['kind']>(['server', 'timeout', 'rate-limit']);

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

export function applyEngine(settings: EngineSettings, engine: LlmEngine, kit: ModelKit): Applied {
  const server = settings.kind === 'openai' ? settings.openai : null;
  const price: TokenPrice | null =
    server && server.inputPrice !== null && server.outputPrice !== null
      ? { inputPerMillion: server.inputPrice, outputPerMillion: server.outputPrice }
      : null;
  const budget = server?.dailyCallBudget ?? null;
  const metered = withMeter(engine, {
    cache: false,
    ...(price ? { price } : {}),
    ...(budget !== null ? { dailyCallBudget: Math.floor(budget) } : {}),
  });
  const guarded = pausingOnFailure(metered, kit);
  const judge = withMeter(guarded, { cache: { maxEntries: 5_000 } });
  return {
    settings,
    engine,
    metered,
    guarded,
    judge,
    price,
    ref: {
      kind: settings.kind === 'webllm' ? 'webllm' : 'openai',
      model: engine.info.model,
      judgeMode: settings.judgeMode,
    },
    kit,
  };
}

/** What the usage cost, with the applied prices; null without prices. */
export function costOf(
  a: Pick<Applied, 'price'>,
  u: { promptTokens: number; completionTokens: number },
): number | null {
  const p = a.price;
  if (!p) return null;
  return (u.promptTokens * p.inputPerMillion + u.completionTokens * p.outputPerMillion) / 1e6;
}
