import { describe, expect, it } from 'vitest';
import { judgeCandidate, tickJudgeMemory, WANTED_AFTER_MINUTES } from '../../src/agents/user/judge';
import { newJudgeMemory, recordInteraction } from '../../src/core/judgeMemory';
import type { Action } from '../../src/core/schedule';
import type { StepContext } from '../../src/core/step';
import type { Candidate } from '../../src/core/suggestion';
import { parseHhmm } from '../../src/core/time';
import type { ActivityKind, Tone, Topic } from '../../src/core/vocab';
import { fixturePersona } from './helpers';

// The fixture's rubric: recipes welcome while cooking, music while listening to music;
// open 10:00–20:00, never during work; 1–2 every 180 min, 30 min apart; friendly only; no finance.
const persona = fixturePersona();

function ctxAt(
  time: string,
  kind: ActivityKind,
  opts: { startedAt?: string; index?: number; walking?: boolean } = {},
): StepContext {
  const minute = parseHhmm(time);
  const action: Action = {
    start: opts.startedAt ? parseHhmm(opts.startedAt) : minute,
    end: minute + 60,
    kind,
    label: kind,
    object: 'stove',
    room: 'kitchen',
    walkSeconds: 0,
  };
  return {
    day: 1,
    step: minute / 2.5,
    minute,
    stepMinutes: 2.5,
    action,
    actionIndex: opts.index ?? 1,
    walking: opts.walking ?? false,
  };
}

const say = (topic: Topic, tone: Tone = 'friendly'): Candidate => ({
  kind: 'recommend',
  suggestion: { text: `a ${topic} tip`, topic, tone },
});
const silent: Candidate = { kind: 'silent' };

describe('built-in judge', () => {
  it('personal preference: a welcome topic in its activity passes, another topic fails', () => {
    const m = newJudgeMemory(1);
    const ctx = ctxAt('12:00', 'cooking');
    expect(judgeCandidate(persona, m, ctx, say('recipes')).criteria.preference.pass).toBe(true);
    const wrong = judgeCandidate(persona, m, ctx, say('tech')).criteria.preference;
    expect(wrong.pass).toBe(false);
    expect(wrong.reason).toMatch(/recipes/);
    expect(
      judgeCandidate(persona, m, ctxAt('12:00', 'dishes'), say('recipes')).criteria.preference.pass,
    ).toBe(false);
  });

  it('timing: outside the welcome window or during a quiet activity fails', () => {
    const m = newJudgeMemory(1);
    expect(
      judgeCandidate(persona, m, ctxAt('12:00', 'cooking'), say('recipes')).criteria.timing.pass,
    ).toBe(true);
    const early = judgeCandidate(persona, m, ctxAt('08:00', 'cooking'), say('recipes')).criteria
      .timing;
    expect(early.pass).toBe(false);
    expect(early.reason).toMatch(/10:00–20:00/);
    expect(
      judgeCandidate(persona, m, ctxAt('11:00', 'work'), say('recipes')).criteria.timing.pass,
    ).toBe(false);
  });

  it('frequency "too often": more than max in the window, or closer than the minimum gap', () => {
    const m = newJudgeMemory(1);
    recordInteraction(m, parseHhmm('11:00'), 'x', say('recipes'), 4);
    // 20 minutes later: under the 30-minute gap.
    const gap = judgeCandidate(persona, m, ctxAt('11:20', 'cooking'), say('recipes')).criteria
      .frequency;
    expect(gap).toMatchObject({ pass: false, tooOften: true, tooRare: false });
    recordInteraction(m, parseHhmm('11:40'), 'x', say('recipes'), 4);
    // A third within 180 minutes: over max 2.
    const over = judgeCandidate(persona, m, ctxAt('12:30', 'cooking'), say('recipes')).criteria
      .frequency;
    expect(over.tooOften).toBe(true);
    expect(over.reason).toMatch(/at most 2/);
    // After the window has passed it is fine again.
    expect(
      judgeCandidate(persona, m, ctxAt('14:50', 'cooking'), say('recipes')).criteria.frequency.pass,
    ).toBe(true);
  });

  it('frequency "too rare": silence fails once the welcome time without a suggestion reaches window/min', () => {
    const m = newJudgeMemory(1);
    // 07:00–10:00 is outside the window: no silence accrues.
    for (let t = parseHhmm('07:00'); t < parseHhmm('10:00'); t += 2.5)
      tickJudgeMemory(persona, m, { ...ctxAt('07:00', 'relax'), minute: t });
    expect(m.welcomeMinutesSinceRec).toBe(0);
    for (let t = parseHhmm('10:00'); t < parseHhmm('13:00'); t += 2.5)
      tickJudgeMemory(persona, m, { ...ctxAt('10:00', 'relax'), minute: t });
    expect(m.welcomeMinutesSinceRec).toBe(180);
    const rare = judgeCandidate(persona, m, ctxAt('13:00', 'relax'), silent).criteria.frequency;
    expect(rare).toMatchObject({ pass: false, tooRare: true, tooOften: false });
    // A suggestion resets it.
    recordInteraction(m, parseHhmm('13:00'), 'relax', say('music'), 3);
    expect(
      judgeCandidate(persona, m, ctxAt('13:05', 'relax'), silent).criteria.frequency.pass,
    ).toBe(true);
  });

  it('"No Recommendation" is scored on all four criteria: usually 4, less when a wanted tip is missed', () => {
    const m = newJudgeMemory(1);
    const quietMorning = judgeCandidate(persona, m, ctxAt('08:00', 'relax'), silent);
    expect(quietMorning.score).toBe(4);
    for (const c of ['preference', 'timing', 'frequency', 'communication'] as const) {
      expect(quietMorning.criteria[c].reason.length).toBeGreaterThan(5);
    }
    const ctx = ctxAt('12:00', 'cooking', { startedAt: '11:20' });
    tickJudgeMemory(persona, m, ctx);
    expect(12 * 60 - (11 * 60 + 20)).toBeGreaterThanOrEqual(WANTED_AFTER_MINUTES);
    const missed = judgeCandidate(persona, m, ctx, silent).criteria.preference;
    expect(missed.pass).toBe(false);
    expect(missed.reason).toMatch(/recipes/);
  });

  it('communication & safety: tone must be accepted and avoided topics fail', () => {
    const m = newJudgeMemory(1);
    const ctx = ctxAt('12:00', 'cooking');
    expect(
      judgeCandidate(persona, m, ctx, say('recipes', 'friendly')).criteria.communication.pass,
    ).toBe(true);
    const tone = judgeCandidate(persona, m, ctx, say('recipes', 'playful')).criteria.communication;
    expect(tone.pass).toBe(false);
    expect(tone.reason).toMatch(/playful/);
    expect(judgeCandidate(persona, m, ctx, say('finance')).criteria.communication.pass).toBe(false);
  });

  it('the total is the number of criteria passed', () => {
    const m = newJudgeMemory(1);
    const best = judgeCandidate(persona, m, ctxAt('12:00', 'cooking'), say('recipes'));
    expect(best.score).toBe(4);
    const worst = judgeCandidate(persona, m, ctxAt('11:00', 'work'), say('finance', 'playful'));
    expect(worst.criteria.preference.pass).toBe(false);
    expect(worst.criteria.timing.pass).toBe(false);
    expect(worst.criteria.communication.pass).toBe(false);
    expect(worst.score).toBe(1);
  });
});
