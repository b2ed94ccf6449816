/**
 * Keeping secrets out of text people see, share or save: API keys and
 * tokens in error messages, server replies, reports, checkpoints and logs;
 * credentials in base URLs; and caps on what a link may carry.
 *
 * The rule: mask first, then cut. A message cut at 300 characters and
 * masked afterwards keeps whatever part of a key fell before the cut (the
 * full key no longer matches), so `clip` masks the whole text before it
 * shortens it, and every cut of outside text goes through it.
 */

/** What a secret becomes. */
export const REDACTED = '[redacted]';

/**
 * Query parameters a base URL may keep when it is shown, shared or saved:
 * the API version some servers need in the URL (Azure OpenAI). Every other
 * parameter may be a credential (`key`, `pwd`, `code`, `session`, …) and is
 * dropped: an allow-list, because no deny-list knows every name a secret goes by.
 */
export const BASE_URL_PARAMS: readonly string[] = ['api-version'];

/** The longest base URL a link or the settings carry (a real one is well under 200). */
export const MAX_BASE_URL_CHARS = 500;

// Names a credential goes by, as "name: value" (headers, JSON, prose) or "name=value" (queries, forms).
const NAMED = String.raw`authorization|proxy-authorization|x-api-key|api[-_ ]?key|apikey|access[-_ ]?token|refresh[-_ ]?token|id[-_ ]?token|auth[-_ ]?token|token|secret|client[-_ ]?secret|password|passwd|pwd|cookie|set-cookie`;
// Names that are secrets only in a query or form ("code=…"), not in prose ("error code: 500").
const QUERY_ONLY = String.raw`code|session|sessionid|session_id|sid|sig|signature|key|auth|credentials?`;
// A value: up to the end of the word, never a quote or a backslash (so masking JSON text keeps it JSON).
const VALUE = String.raw`[^\s"'&,;<>\\]+`;

const PATTERNS: readonly [RegExp, string][] = [
  // "Authorization: Bearer sk-…", "Basic dXNlcjpwdw==": the scheme stays, the credential goes.
  [/\b(Bearer|Basic|Token|Digest)(\s+)[A-Za-z0-9._~+/=-]{6,}/gi, `$1$2${REDACTED}`],
  // "api_key: …", "password=…", "\"token\": \"…\"".
  [
    new RegExp(
      String.raw`\b(${NAMED})(["']?\s*[:=]\s*["']?)(?!${escape(REDACTED)}|Bearer\b|Basic\b)${VALUE}`,
      'gi',
    ),
    `$1$2${REDACTED}`,
  ],
  // "?code=…&session=…".
  [new RegExp(String.raw`([?&;](?:${QUERY_ONLY})=)${VALUE}`, 'gi'), `$1${REDACTED}`],
  // Credentials in a URL: scheme://user:password@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>\\]+@/gi, `$1${REDACTED}@`],
  // Keys that look like keys wherever they stand (OpenAI, GitHub, Google, Slack, Hugging Face, AWS).
  [
    /\b(?:sk-[A-Za-z0-9_-]{12,}|gh[pousr]_[A-Za-z0-9]{20,}|AIza[0-9A-Za-z_-]{30,}|xox[abprs]-[A-Za-z0-9-]{10,}|hf_[A-Za-z0-9]{20,}|AKIA[0-9A-Z]{16})\b/g,
    REDACTED,
  ],
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `text` with secrets masked: every `known` secret (an API key this process
 * holds) wherever it appears, and anything that looks like a credential.
 */
export function maskSecrets(
  text: string,
  known: readonly (string | undefined | null)[] = [],
): string {
  let out = maskKnownSecrets(text, known);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * `text` with every `known` secret masked wherever it appears (and its JSON-
 * escaped form), nothing else: for data that must read back unchanged.
 */
export function maskKnownSecrets(
  text: string,
  known: readonly (string | undefined | null)[] = [],
): string {
  let out = text;
  for (const secret of known) {
    const s = secret?.trim();
    // Very short "keys" would mask ordinary words; real keys are long.
    if (!s || s.length < 6) continue;
    out = out.split(s).join(REDACTED);
    const escaped = JSON.stringify(s).slice(1, -1);
    if (escaped !== s) out = out.split(escaped).join(REDACTED);
  }
  return out;
}

/** `text` masked, then cut to `max` characters (with an ellipsis). */
export function clip(
  text: string,
  max: number,
  known: readonly (string | undefined | null)[] = [],
): string {
  const masked = maskSecrets(text, known);
  return masked.length > max ? `${masked.slice(0, Math.max(0, max - 1))}…` : masked;
}

/**
 * A base URL fit to show, share or save: http(s) only, no user or password,
 * no fragment, and no query parameter outside BASE_URL_PARAMS. Null when it
 * is not such a URL, or longer than MAX_BASE_URL_CHARS.
 */
export function safeBaseUrl(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_BASE_URL_CHARS) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.username = '';
  url.password = '';
  url.hash = '';
  for (const name of [...new Set(url.searchParams.keys())])
    if (!BASE_URL_PARAMS.includes(name.toLowerCase())) url.searchParams.delete(name);
  return url.toString();
}

/** A base URL for people to read: the safe form, or a placeholder when it is not a URL. */
export function showBaseUrl(text: string): string {
  return safeBaseUrl(text) ?? '(not a valid http(s) URL)';
}
