/**
 * The engine in words for people: role names, what an engine failure means
 * and what to do, what applying the settings did, and why the model plays
 * fewer roles than chosen. The state layer hands over plain data
 * (src/state/engine/).
 */
import type { LlmRole } from '../agents/llm/usage';
import { assistantLabel } from '../agents/registry';
import type { ApplyOutcome } from '../state/engine/controller';
import type { EngineProblem } from '../state/engine/problem';
import type { ActiveEngine } from '../state/engine/view';

export const ROLE_LABELS: Record<LlmRole, string> = {
  persona: 'persona planner',
  judge: 'judge',
  assistant: 'assistant',
};

export interface PlainError {
  kind: EngineProblem['kind'];
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
export function explainEngineError(problem: EngineProblem, pageOrigin: string): PlainError {
  const { detail } = problem;
  const base = { kind: problem.kind, detail, command: null as string | null };
  switch (problem.kind) {
    case 'other':
      return { ...base, headline: 'Something went wrong.', fix: null };
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

/** What applying the engine settings did, in one sentence. */
export function applyMessage(o: ApplyOutcome): string {
  if (o.kind === 'builtin') {
    return o.newRun
      ? `Built-in engine: a new run started with the built-in ${assistantLabel(o.assistantId)}.`
      : 'Built-in engine: the rules play every role again, from the next step.';
  }
  const model = `"${o.model ?? ''}"`;
  const played = o.roles.map((r) => ROLE_LABELS[r]).join(', ');
  if (!o.newRun) return `The model ${model} plays the ${played} in this run from the next step.`;
  return o.roles.includes('assistant')
    ? `A new run started: the model ${model} plays the ${played} (${assistantLabel(o.assistantId)}).`
    : `A new run started with the built-in ${assistantLabel(o.assistantId)}; the model ${model} plays the ${played}.`;
}

/** Why the model plays fewer roles in this run than the settings chose; null when it plays them all. */
export function activeNote(active: ActiveEngine): string | null {
  if (active.roles.length === 0)
    return 'The model plays no role in this run: its assistant is a built-in one.';
  if (active.chosen.includes('assistant') && !active.roles.includes('assistant'))
    return `The model does not play this run's assistant (${assistantLabel(active.assistantId)}); apply the engine settings again for a run with the LLM assistant.`;
  return null;
}
