/** Reading JSON out of model replies: fences, prose, repairs, and errors that name the field. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { extractJsonText, parseJsonReply, repairPrompt } from '../../src/llm/json';

const Verdict = z.object({
  decision: z.enum(['recommend', 'silent']),
  reason: z.string(),
  score: z.number().int().min(0).max(1).optional(),
});

const ok = (text: string) => parseJsonReply(text, Verdict, 'the verdict');

describe('parseJsonReply', () => {
  it('reads plain JSON without repair', () => {
    expect(ok('{"decision":"silent","reason":"busy"}')).toEqual({
      ok: true,
      value: { decision: 'silent', reason: 'busy' },
      repaired: false,
    });
  });

  it.each([
    ['a json fence', '```json\n{"decision": "silent", "reason": "busy"}\n```'],
    ['a bare fence', '```\n{"decision": "silent", "reason": "busy"}\n```'],
    ['an unclosed fence', '```json\n{"decision": "silent", "reason": "busy"}'],
    [
      'prose before and after',
      'Here is my answer:\n{"decision": "silent", "reason": "busy"}\nLet me know!',
    ],
    [
      'prose then a fence',
      'Sure.\n\n```JSON\n{"decision": "silent", "reason": "busy"}\n```\nDone.',
    ],
    [
      'a footnote before the object',
      'Per rule [1] I answer {"decision": "silent", "reason": "busy"}',
    ],
    [
      'a thinking block',
      '<think>The user is {busy}.</think>{"decision": "silent", "reason": "busy"}',
    ],
    ['braces inside strings', 'x {"decision": "silent", "reason": "busy } really"} y'],
  ])('finds the JSON in %s', (_label, text) => {
    const result = ok(text);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.decision).toBe('silent');
  });

  it.each([
    ['trailing commas', '{"decision": "silent", "reason": "busy",}'],
    ['single quotes', "{'decision': 'silent', 'reason': 'busy'}"],
    ['unquoted keys', '{decision: "silent", reason: "busy"}'],
    ['a cut-off reply', '{"decision": "silent", "reason": "busy'],
    [
      'a fenced reply with single quotes and a trailing comma',
      "```json\n{'decision': 'silent', 'reason': 'busy',}\n```",
    ],
    ['a comment', '{"decision": "silent", // quiet\n "reason": "busy"}'],
  ])('repairs %s', (_label, text) => {
    const result = ok(text);
    expect(result).toMatchObject({ ok: true, value: { decision: 'silent', reason: 'busy' } });
  });

  it('marks repaired replies', () => {
    expect(ok("{'decision': 'silent', 'reason': 'x'}")).toMatchObject({ ok: true, repaired: true });
  });

  it('says an empty reply is empty', () => {
    expect(ok('  \n ')).toEqual({
      ok: false,
      problem: 'empty',
      error: 'the verdict: the reply was empty',
    });
  });

  it('says when there is no JSON at all', () => {
    const result = ok('I think the assistant should stay silent.');
    expect(result).toMatchObject({ ok: false, problem: 'not-json' });
    if (!result.ok)
      expect(result.error).toMatch(/^the verdict: the reply has no JSON object in it/);
  });

  it('names a field with a value outside the enum', () => {
    const result = ok('{"decision": "maybe", "reason": "x"}');
    expect(result).toMatchObject({ ok: false, problem: 'invalid', field: 'decision' });
    if (!result.ok) {
      expect(result.error).toBe(
        'the verdict: field "decision" must be one of "recommend", "silent", got "maybe"',
      );
    }
  });

  it('names a missing field', () => {
    const result = ok('{"decision": "silent"}');
    expect(result).toMatchObject({ ok: false, field: 'reason' });
    if (!result.ok)
      expect(result.error).toBe('the verdict: field "reason" is missing (expected string)');
  });

  it('names a field of the wrong type, and counts further problems', () => {
    const result = ok('{"decision": "silent", "reason": 3, "score": 7}');
    expect(result).toMatchObject({ ok: false, field: 'reason' });
    if (!result.ok) {
      expect(result.error).toBe(
        'the verdict: field "reason" should be a string, got 3 (and 1 more problem)',
      );
    }
  });

  it('names nested fields by their path', () => {
    const Plan = z.object({ steps: z.array(z.object({ minutes: z.number() })) });
    const result = parseJsonReply(
      '{"steps": [{"minutes": 5}, {"minutes": "ten"}]}',
      Plan,
      'the plan',
    );
    expect(result).toMatchObject({ ok: false, field: 'steps.1.minutes' });
  });

  it('reads a top-level array when the schema wants one', () => {
    const List = z.array(z.object({ id: z.number() }));
    expect(parseJsonReply('Result: [{"id": 1}, {"id": 2}] ok', List, 'the list')).toMatchObject({
      ok: true,
      value: [{ id: 1 }, { id: 2 }],
    });
  });
});

describe('extractJsonText', () => {
  it('returns null without braces', () => {
    expect(extractJsonText('no json here')).toBeNull();
  });

  it('returns the first balanced object', () => {
    expect(extractJsonText('a {"x": {"y": 1}} b {"z": 2}')).toBe('{"x": {"y": 1}}');
  });
});

describe('repairPrompt', () => {
  it('is a user message that quotes the error and asks for bare JSON', () => {
    const message = repairPrompt('the verdict: field "reason" is missing (expected string)');
    expect(message.role).toBe('user');
    expect(message.content).toContain('field "reason" is missing');
    expect(message.content).toMatch(/only the JSON object/);
    expect(message.content).toMatch(/no code fences/);
  });
});
