/**
 * What the LLM roles cost: calls and tokens per role, counted by wrapping
 * the engine each role talks to. A run (or an experiment job) owns one
 * meter, so runs sharing one server are still counted apart. Snapshots
 * taken before and after a step or a day give that step's or day's cost.
 */
import { EngineError, type ChatRequest, type ChatResponse, type LlmEngine } from '../../llm/engine';

export const LLM_ROLES = ['persona', 'judge', 'assistant'] as const;
export type LlmRole = (typeof LLM_ROLES)[number];

export interface Usage {
  /** Chat calls answered (cached answers included). */
  calls: number;
  promptTokens: number;
  completionTokens: number;
  /** Answers served from the engine's prompt cache (no model work). */
  cachedCalls: number;
  /** Calls the engine failed (after its own retries). */
  failedCalls: number;
  /** Extra calls made to ask for a readable reply after one could not be parsed. */
  repairCalls: number;
  /** Replies that stayed unreadable after the repair retry (the role fell back). */
  unreadable: number;
  /** Embedding requests. */
  embedCalls: number;
}

export type UsageByRole = Record<LlmRole, Usage>;

export function emptyUsage(): Usage {
  return {
    calls: 0,
    promptTokens: 0,
    completionTokens: 0,
    cachedCalls: 0,
    failedCalls: 0,
    repairCalls: 0,
    unreadable: 0,
    embedCalls: 0,
  };
}

export function emptyByRole(): UsageByRole {
  return { persona: emptyUsage(), judge: emptyUsage(), assistant: emptyUsage() };
}

const KEYS = Object.keys(emptyUsage()) as (keyof Usage)[];

export function addUsage(a: Usage, b: Usage): Usage {
  const out = emptyUsage();
  for (const k of KEYS) out[k] = a[k] + b[k];
  return out;
}

export function subUsage(a: Usage, b: Usage): Usage {
  const out = emptyUsage();
  for (const k of KEYS) out[k] = a[k] - b[k];
  return out;
}

export function sumRoles(u: UsageByRole, roles: readonly LlmRole[] = LLM_ROLES): Usage {
  return roles.reduce((acc, r) => addUsage(acc, u[r]), emptyUsage());
}

export function diffByRole(after: UsageByRole, before: UsageByRole): UsageByRole {
  return {
    persona: subUsage(after.persona, before.persona),
    judge: subUsage(after.judge, before.judge),
    assistant: subUsage(after.assistant, before.assistant),
  };
}

/** An engine that reports its calls to a meter; agents see an ordinary LlmEngine. */
export interface MeteredEngine extends LlmEngine {
  readonly role: LlmRole;
  readonly meter: UsageMeter;
}

export function isMetered(engine: LlmEngine): engine is MeteredEngine {
  return (engine as Partial<MeteredEngine>).meter instanceof UsageMeter;
}

/** Calls and tokens per role for one run. Plain numbers: saved with a checkpoint. */
export class UsageMeter {
  readonly byRole: UsageByRole;

  constructor(initial?: UsageByRole) {
    this.byRole = initial ? structuredClone(initial) : emptyByRole();
  }

  snapshot(): UsageByRole {
    return structuredClone(this.byRole);
  }

  /** Count a note against a role (repair calls, unreadable replies). */
  note(role: LlmRole, key: 'repairCalls' | 'unreadable'): void {
    this.byRole[role][key]++;
  }

  /** The engine as one role sees it: every call is counted for that role. */
  engineFor(role: LlmRole, engine: LlmEngine): MeteredEngine {
    const usage = (): Usage => this.byRole[role];
    const wrapped: MeteredEngine = {
      role,
      meter: this,
      info: engine.info,
      async chat(request: ChatRequest): Promise<ChatResponse> {
        let res: ChatResponse;
        try {
          res = await engine.chat(request);
        } catch (err) {
          if (!(err instanceof EngineError && err.kind === 'aborted')) usage().failedCalls++;
          throw err;
        }
        const u = usage();
        u.calls++;
        if (res.cached) {
          u.cachedCalls++; // answered from the prompt cache: no tokens spent
        } else {
          u.promptTokens += res.usage.promptTokens;
          u.completionTokens += res.usage.completionTokens;
        }
        return res;
      },
    };
    if (engine.embed) {
      const embed = engine.embed.bind(engine);
      (wrapped as { embed?: LlmEngine['embed'] }).embed = async (texts, signal) => {
        usage().embedCalls++;
        return embed(texts, signal);
      };
    }
    return wrapped;
  }
}
