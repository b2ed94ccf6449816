/**
 * Reading JSON out of a model's reply. Small models wrap JSON in code fences,
 * put prose around it, leave trailing commas or use single quotes; this finds
 * the JSON, repairs it (jsonrepair), validates it with a zod schema and, when
 * that fails, says which field is wrong in words a retry prompt can use.
 */
import { jsonrepair } from 'jsonrepair';
import type { z } from 'zod';
import { clip } from '../shared/secrets';
import type { ChatMessage } from './engine';

/** Why a reply could not be used. */
export type JsonReplyProblem = 'empty' | 'not-json' | 'invalid';

export type JsonReplyResult<T> =
  | { ok: true; value: T; repaired: boolean }
  | {
      ok: false;
      /** One line that names what is wrong (and the field, for schema errors). */
      error: string;
      problem: JsonReplyProblem;
      /** Dotted path of the first field that failed validation, when there is one. */
      field?: string;
    };

const MAX_QUOTE = 80;

/**
 * Parse and validate the JSON in `text`. `what` names the reply in errors
 * ("the judge's timing verdict").
 */
export function parseJsonReply<T>(
  text: string,
  schema: z.ZodType<T>,
  what: string,
): JsonReplyResult<T> {
  const cleaned = stripThinking(text).trim();
  if (cleaned === '') {
    return { ok: false, problem: 'empty', error: `${what}: the reply was empty` };
  }
  const candidate = extractJsonText(cleaned);
  if (candidate === null) {
    return {
      ok: false,
      problem: 'not-json',
      error: `${what}: the reply has no JSON object in it (it began "${quote(cleaned)}")`,
    };
  }
  let value: unknown;
  let repaired = false;
  try {
    value = JSON.parse(candidate);
  } catch {
    try {
      value = JSON.parse(jsonrepair(candidate));
      repaired = true;
    } catch {
      return {
        ok: false,
        problem: 'not-json',
        error: `${what}: the reply is not valid JSON, even after repair (it began "${quote(candidate)}")`,
      };
    }
  }
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data, repaired };
  const issue = parsed.error.issues[0];
  if (!issue) {
    return { ok: false, problem: 'invalid', error: `${what}: the JSON does not match the schema` };
  }
  const field = issue.path.map(String).join('.');
  const more = parsed.error.issues.length - 1;
  const extra = more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : '';
  const failure: JsonReplyResult<T> = {
    ok: false,
    problem: 'invalid',
    error: `${what}: ${describeIssue(issue, field)}${extra}`,
  };
  if (field !== '') failure.field = field;
  return failure;
}

/**
 * The message to append (after the model's bad reply) when asking again.
 * `error` is the `error` of a failed `parseJsonReply`.
 */
export function repairPrompt(error: string): ChatMessage {
  return {
    role: 'user',
    content:
      `Your previous reply could not be used: ${error}. ` +
      'Reply again with only the JSON object: no code fences, no text before or after it, ' +
      'double-quoted keys and strings, no trailing commas, and every required field filled in.',
  };
}

/** Remove `<think>…</think>` blocks that reasoning models put before the answer. */
function stripThinking(text: string): string {
  return text.replace(/<think>[\s\S]*?<\/think>/gi, '').replace(/^[\s\S]*<\/think>/i, '');
}

/**
 * The JSON part of a reply: the first code-fenced block that holds JSON, or
 * the first balanced `{…}` / `[…]` in the text (to the end when it is cut
 * off, so jsonrepair can close it). Null when there is no `{` or `[` at all.
 */
export function extractJsonText(text: string): string | null {
  const fence = /```[a-zA-Z0-9_-]*[ \t]*\r?\n?([\s\S]*?)(?:```|$)/g;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    const inner = m[1]?.trim() ?? '';
    if (/^[[{]/.test(inner)) return balanced(inner, 0) ?? inner;
    if (m[0].length === 0) break;
  }
  const start = text.search(/[[{]/);
  if (start < 0) return null;
  // Prefer an object: a "[1]" footnote in the prose before the JSON should not win.
  const brace = text.indexOf('{');
  const from =
    brace >= 0 && text[start] === '[' && !looksLikeArrayStart(text, start) ? brace : start;
  return balanced(text, from) ?? text.slice(from);
}

function looksLikeArrayStart(text: string, at: number): boolean {
  return /^\[\s*[{["\]]/.test(text.slice(at, at + 40));
}

/** The balanced bracket span starting at `start` (strings respected), or null when it never closes. */
function balanced(text: string, start: number): string | null {
  const stack: string[] = [];
  let inString: string | null = null;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === inString) inString = null;
      continue;
    }
    if (ch === '"') inString = ch;
    else if (ch === '{') stack.push('}');
    else if (ch === '[') stack.push(']');
    else if (ch === '}' || ch === ']') {
      if (stack.pop() !== ch) return null;
      if (stack.length === 0) return text.slice(start, i + 1);
    }
  }
  return null;
}

function describeIssue(issue: z.core.$ZodIssue, field: string): string {
  const name = field === '' ? 'the reply' : `field "${field}"`;
  const input = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return `${name} is missing (expected ${issue.expected})`;
      return `${name} should be ${article(issue.expected)}, got ${show(input)}`;
    case 'invalid_value':
      return `${name} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${show(input)}`;
    case 'unrecognized_keys':
      return `${name} has unexpected field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return `${name}: ${issue.message}${input !== undefined ? `, got ${show(input)}` : ''}`;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

// A model's reply is outside text: masked before it is cut (src/shared/secrets.ts).
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  return clip(JSON.stringify(value) ?? String(value), 41);
}

function quote(text: string): string {
  return clip(text.replace(/\s+/g, ' '), MAX_QUOTE + 1);
}
