/**
 * What the OpenAI-compatible engine (openai.ts) needs to read HTTP answers
 * and explain failures: the server's error text, Retry-After, the CORS
 * advice, Node's connection error codes in words.
 */
import { clip } from '../shared/secrets';

/** The words a user needs when the browser blocked a cross-origin call (or nothing listens). */
export function corsAdvice(baseUrl: string, pageOrigin: string): string {
  const lines = [
    `The browser could not reach ${baseUrl} from this page (${pageOrigin}).`,
    'Either the server is not running, or it does not allow calls from this page (CORS).',
    `Ollama: start it with OLLAMA_ORIGINS=${pageOrigin} ollama serve` +
      ' (on Windows or macOS set OLLAMA_ORIGINS as an environment variable and restart Ollama).',
    'LM Studio: turn on "Enable CORS" in the server settings.',
    `vLLM: start it with --allowed-origins '["${pageOrigin}"]'.`,
    'llama.cpp llama-server allows other origins by default; check that it is running.',
  ];
  if (pageOrigin.startsWith('https:') && baseUrl.startsWith('http:')) {
    lines.push(
      'This page is https and the server is http: browsers block that unless the server is on localhost.',
    );
  }
  return lines.join(' ');
}

/** Does a 400 body say the server does not accept our response_format? */
export function refusesFormat(body: string): boolean {
  return /response_format|json_schema|json_object|structured output|grammar/i.test(body);
}

/** Milliseconds to wait from a Retry-After header (seconds or an HTTP date). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export function browserOrigin(): string | null {
  const g = globalThis as { document?: unknown; location?: { origin?: string } };
  return g.document !== undefined && typeof g.location?.origin === 'string'
    ? g.location.origin
    : null;
}

/** The OpenAI API wants schema names of letters, digits, _ and -, at most 64. */
export function safeName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'reply';
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The error text a server sent, in one short line. */
export function serverMessage(body: string): string {
  const data = parseJson(body);
  if (isRecord(data)) {
    const error = data.error;
    if (typeof error === 'string') return snippet(error, 300);
    if (isRecord(error) && typeof error.message === 'string') return snippet(error.message, 300);
    if (typeof data.message === 'string') return snippet(data.message, 300);
    if (typeof data.detail === 'string') return snippet(data.detail, 300);
  }
  return snippet(body, 200);
}

/** One line of outside text, secrets masked before it is cut (a key past the cut would otherwise survive in part). */
export function snippet(text: string, max: number): string {
  return clip(text.replace(/\s+/g, ' ').trim(), max + 1);
}

/** "connection refused", "connection reset", … from Node's fetch error causes. */
export function describeCause(error: unknown): string {
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown }) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host not found',
    UND_ERR_SOCKET: 'the connection closed before an answer',
    UND_ERR_CONNECT_TIMEOUT: 'connect timeout',
  };
  if (code && known[code]) return known[code];
  if (code) return code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : '';
}
