import { describe, expect, it } from 'vitest';
import { judgeCandidate, tickJudgeMemory } from '../../src/agents/user/judge';
import { assessMoment } from '../../src/agents/user/moment';
import { JUDGE_RULES, isJudgeRuleId } from '../../src/core/judge-rules';
import {
  carryHeard,
  newJudgeMemory,
  neutralConditions,
  recordInteraction,
  type JudgeMemory,
} from '../../src/core/judgeMemory';
import type { Persona } from '../../src/core/persona';
import type { DayConditions } from '../../src/core/receptivity';
import type { Action } from '../../src/core/schedule';
import type { StepContext } from '../../src/core/step';
import type { Candidate, Judgement } from '../../src/core/suggestion';
import { parseHhmm } from '../../src/core/time';
import { CRITERIA, type ActivityKind, type Tone, type Topic } from '../../src/core/vocab';
import { fixturePersona } from './helpers';

// The fixture's rubric: recipes welcome while cooking, music while listening to music;
// open 10:00–20:00, never during work; 1–2 every 180 min, 30 min apart; friendly only; no finance.
// Receptivity defaults: study is deep, cooking and music light, relax idle; breakpoint 5 min;
// the same topic within 120 min or the same suggestion today/yesterday is stale.
const persona = fixturePersona();

function ctxAt(
  time: string,
  kind: ActivityKind,
  opts: { startedAt?: string; index?: number; walking?: boolean; day?: number } = {},
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
    day: opts.day ?? 1,
    step: minute / 2.5,
    minute,
    stepMinutes: 2.5,
    action,
    actionIndex: opts.index ?? 1,
    walking: opts.walking ?? false,
  };
}

const say = (topic: Topic, tone: Tone = 'friendly', id?: string): Candidate => ({
  kind: 'recommend',
  suggestion: { text: `a ${topic} tip${id ? ` (${id})` : ''}`, topic, tone, ...(id ? { id } : {}) },
});
const silent: Candidate = { kind: 'silent' };

/** Judge at `ctx` after ticking the memory to it, as the loop does. */
function judgeAt(m: JudgeMemory, ctx: StepContext, c: Candidate, p: Persona = persona): Judgement {
  tickJudgeMemory(p, m, ctx);
  return judgeCandidate(p, m, ctx, c);
}

/** Deliver a candidate at ctx, as the loop records it. */
function deliver(m: JudgeMemory, ctx: StepContext, c: Candidate, p: Persona = persona): Judgement {
  const j = judgeAt(m, ctx, c, p);
  recordInteraction(m, ctx.minute, ctx.action.label, c, j.score, j.criteria.preference.pass);
  return j;
}

const rules = (j: Judgement) =>
  Object.fromEntries(CRITERIA.map((c) => [c, j.criteria[c].rule])) as Record<string, unknown>;

describe('built-in judge: a spoken suggestion', () => {
  it('personal preference: a welcome topic in its activity passes, another topic or activity fails', () => {
    const m = newJudgeMemory(1);
    const ok = judgeAt(m, ctxAt('12:00', 'cooking'), say('recipes'));
    expect(ok.criteria.preference).toMatchObject({ pass: true, rule: 'welcome-topic' });
    const wrong = judgeAt(m, ctxAt('12:00', 'cooking'), say('tech')).criteria.preference;
    expect(wrong).toMatchObject({ pass: false, rule: 'off-topic' });
    expect(wrong.reason).toMatch(/recipes/);
    const elsewhere = judgeAt(m, ctxAt('12:00', 'dishes'), say('recipes')).criteria.preference;
    expect(elsewhere).toMatchObject({ pass: false, rule: 'not-welcome-here' });
  });

  it('timing: closed windows and quiet activities fail; deep work fails mid-task but not at a breakpoint', () => {
    const m = newJudgeMemory(1);
    const early = judgeAt(m, ctxAt('08:00', 'cooking'), say('recipes')).criteria.timing;
    expect(early).toMatchObject({ pass: false, rule: 'closed-time' });
    expect(early.reason).toMatch(/10:00–20:00/);
    expect(judgeAt(m, ctxAt('11:00', 'work'), say('recipes')).criteria.timing).toMatchObject({
      pass: false,
      rule: 'quiet-activity',
    });
    // Study is deep by default: 20 minutes in is mid-task...
    const mid = judgeAt(
      m,
      ctxAt('11:20', 'study', { startedAt: '11:00', index: 2 }),
      say('learning'),
    );
    expect(mid.criteria.timing).toMatchObject({ pass: false, rule: 'mid-focus' });
    expect(mid.criteria.timing.reason).toMatch(/20 min into study/);
    // ...its first minutes are a breakpoint, and so is walking there.
    const start = judgeAt(
      m,
      ctxAt('11:02', 'study', { startedAt: '11:00', index: 3 }),
      say('learning'),
    );
    expect(start.criteria.timing).toMatchObject({ pass: true, rule: 'breakpoint' });
    const walk = judgeAt(m, ctxAt('11:00', 'study', { walking: true, index: 4 }), say('learning'));
    expect(walk.criteria.timing).toMatchObject({ pass: true, rule: 'breakpoint' });
    // Cooking is light: interruptible mid-task.
    const cook = judgeAt(
      m,
      ctxAt('12:30', 'cooking', { startedAt: '12:00', index: 5 }),
      say('recipes'),
    );
    expect(cook.criteria.timing).toMatchObject({ pass: true, rule: 'interruptible' });
  });

  it('a persona can make an activity deep: then a mid-task suggestion fails timing', () => {
    const focused: Persona = { ...persona, receptivity: { engagement: { cooking: 'deep' } } };
    const m = newJudgeMemory(1);
    const j = judgeAt(
      m,
      ctxAt('12:30', 'cooking', { startedAt: '12:00' }),
      say('recipes'),
      focused,
    );
    expect(j.criteria.timing).toMatchObject({ pass: false, rule: 'mid-focus' });
  });

  it('frequency "too often": more than max in the window, or closer than the minimum gap', () => {
    const m = newJudgeMemory(1);
    deliver(m, ctxAt('11:00', 'cooking', { index: 1 }), say('recipes', 'friendly', 'a'));
    const gap = judgeAt(m, ctxAt('11:20', 'music', { index: 2 }), say('music')).criteria.frequency;
    expect(gap).toMatchObject({ pass: false, tooOften: true, tooRare: false, rule: 'too-soon' });
    deliver(m, ctxAt('11:40', 'music', { index: 2 }), say('music'));
    const over = judgeAt(m, ctxAt('12:30', 'cooking', { index: 3 }), say('recipes')).criteria
      .frequency;
    expect(over).toMatchObject({ tooOften: true, rule: 'too-many' });
    expect(over.reason).toMatch(/at most 2/);
    expect(
      judgeAt(m, ctxAt('14:50', 'cooking', { index: 4 }), say('recipes', 'friendly', 'b')).criteria
        .frequency.pass,
    ).toBe(true);
  });

  it('a low-appetite day stretches the minimum gap, and the reason says so', () => {
    const tired: DayConditions = { ...neutralConditions(3), mood: 'tired', appetite: 0.75 };
    const m = newJudgeMemory(3, tired);
    deliver(m, ctxAt('11:00', 'cooking', { index: 1, day: 3 }), say('recipes'));
    // 35 minutes later: fine on an ordinary day (30), too soon today (30 / 0.75 = 40).
    const f = judgeAt(m, ctxAt('11:35', 'music', { index: 2, day: 3 }), say('music')).criteria
      .frequency;
    expect(f).toMatchObject({ pass: false, rule: 'too-soon' });
    expect(f.reason).toMatch(/tired/);
    expect(f.reason).toMatch(/40 min/);
  });

  it('habituation: the same topic soon, or the same suggestion the next day, fails preference', () => {
    const m = newJudgeMemory(1);
    deliver(m, ctxAt('11:00', 'cooking', { index: 1 }), say('recipes', 'friendly', 'soup'));
    // Another recipes tip an hour later, in a new cooking session (gap and count fine).
    const again = judgeAt(
      m,
      ctxAt('12:00', 'cooking', { index: 2 }),
      say('recipes', 'friendly', 'pie'),
    );
    expect(again.criteria.preference).toMatchObject({ pass: false, rule: 'repeat-topic' });
    expect(again.criteria.preference.reason).toMatch(/11:00/);
    // Three hours later the topic is fresh again.
    const later = judgeAt(
      m,
      ctxAt('14:00', 'cooking', { index: 3 }),
      say('recipes', 'friendly', 'pie'),
    );
    expect(later.criteria.preference.pass).toBe(true);
    // The next day, the very same suggestion is stale; a different one is fine.
    const next = newJudgeMemory(2, neutralConditions(2), carryHeard(m, 2, 2));
    const same = judgeAt(
      next,
      ctxAt('11:00', 'cooking', { day: 2 }),
      say('recipes', 'friendly', 'soup'),
    );
    expect(same.criteria.preference).toMatchObject({ pass: false, rule: 'repeat-suggestion' });
    expect(same.criteria.preference.reason).toMatch(/yesterday at 11:00/);
    expect(
      judgeAt(next, ctxAt('11:00', 'cooking', { day: 2 }), say('recipes', 'friendly', 'pie'))
        .criteria.preference.pass,
    ).toBe(true);
    // Two days later it is forgotten (default: today or yesterday).
    expect(carryHeard(next, 3, 2).some((h) => h.key === 'soup')).toBe(false);
  });

  it('communication & safety: tone must be accepted and avoided topics fail', () => {
    const m = newJudgeMemory(1);
    const ctx = ctxAt('12:00', 'cooking');
    expect(judgeAt(m, ctx, say('recipes', 'friendly')).criteria.communication).toMatchObject({
      pass: true,
      rule: 'tone-fits',
    });
    const tone = judgeAt(m, ctx, say('recipes', 'playful')).criteria.communication;
    expect(tone).toMatchObject({ pass: false, rule: 'wrong-tone' });
    expect(tone.reason).toMatch(/playful/);
    expect(judgeAt(m, ctx, say('finance')).criteria.communication.rule).toBe('avoid-topic');
  });
});

describe('built-in judge: silence is scored, and it is not free', () => {
  it('at a wanted moment silence misses it: timing fails at the breakpoint, preference after it', () => {
    const m = newJudgeMemory(1);
    // Cooking (welcome: recipes) has just begun at 12:00, inside the window.
    const atStart = judgeAt(m, ctxAt('12:02', 'cooking', { startedAt: '12:00' }), silent);
    expect(atStart.criteria.timing).toMatchObject({ pass: false, rule: 'missed-moment' });
    expect(atStart.criteria.timing.reason).toMatch(/just started cooking.*recipes.*heard nothing/);
    expect(atStart.criteria.preference.pass).toBe(true);
    expect(atStart.criteria.communication).toMatchObject({ pass: true, rule: 'silence-safe' });
    expect(atStart.score).toBe(3);
    const later = judgeAt(m, ctxAt('12:15', 'cooking', { startedAt: '12:00' }), silent);
    expect(later.criteria.preference).toMatchObject({ pass: false, rule: 'missed-wanted' });
    expect(later.criteria.preference.reason).toMatch(/15 min into cooking.*recipes/);
    expect(later.criteria.timing.pass).toBe(true);
    expect(later.score).toBe(3);
    // The right suggestion at that moment scores 4.
    expect(
      judgeAt(m, ctxAt('12:15', 'cooking', { startedAt: '12:00' }), say('recipes')).score,
    ).toBe(4);
  });

  it('after a suggestion that gave what was wanted, silence is right again', () => {
    const m = newJudgeMemory(1);
    deliver(m, ctxAt('12:02', 'cooking', { startedAt: '12:00' }), say('recipes'));
    const j = judgeAt(m, ctxAt('12:20', 'cooking', { startedAt: '12:00' }), silent);
    expect(j.score).toBe(4);
    expect(rules(j)).toMatchObject({ preference: 'nothing-wanted', timing: 'silence-fits' });
  });

  it('an off-topic suggestion does not give what was wanted: the wish remains', () => {
    const m = newJudgeMemory(1);
    deliver(m, ctxAt('12:02', 'cooking', { startedAt: '12:00' }), say('tech'));
    const j = judgeAt(m, ctxAt('12:20', 'cooking', { startedAt: '12:00' }), silent);
    expect(j.criteria.preference).toMatchObject({ pass: false, rule: 'missed-wanted' });
  });

  it("the wish is bounded by the persona's own rate: soon after a good suggestion nothing is awaited", () => {
    const m = newJudgeMemory(1);
    deliver(m, ctxAt('11:50', 'music', { index: 1 }), say('music'));
    // Cooking starts 10 minutes later: a recipe would be "too soon" by the persona's own words.
    const ctx = ctxAt('12:10', 'cooking', { startedAt: '12:00', index: 2 });
    const j = judgeAt(m, ctx, silent);
    expect(j.score).toBe(4);
    expect(j.criteria.preference.reason).toMatch(/it can wait/);
    expect(assessMoment(persona, m, ctx)).toMatchObject({ level: 'open', withinRate: false });
  });

  it('silence is right when it is not the moment: closed, quiet, mid-focus, or nothing welcome', () => {
    const m = newJudgeMemory(1);
    for (const ctx of [
      ctxAt('08:00', 'cooking', { index: 1 }),
      ctxAt('11:00', 'work', { index: 2 }),
      ctxAt('11:30', 'study', { startedAt: '11:00', index: 3 }),
      ctxAt('12:00', 'dishes', { index: 4 }),
    ]) {
      const j = judgeAt(m, ctx, silent);
      expect(j.score, ctx.action.kind).toBe(4);
      for (const c of CRITERIA) expect(j.criteria[c].reason.length).toBeGreaterThan(5);
    }
  });

  it('an idle pause is a breakpoint throughout: a welcome pause passing in silence fails both', () => {
    const loungy: Persona = {
      ...persona,
      rubric: {
        ...persona.rubric,
        personalPreference: {
          ...persona.rubric.personalPreference,
          welcome: [
            ...persona.rubric.personalPreference.welcome,
            { activities: ['relax'], topics: ['books'] },
          ],
        },
      },
    };
    const m = newJudgeMemory(1);
    const j = judgeAt(m, ctxAt('15:20', 'relax', { startedAt: '15:00' }), silent, loungy);
    expect(rules(j)).toMatchObject({ preference: 'missed-wanted', timing: 'missed-moment' });
    expect(j.score).toBe(2);
  });

  it('"too rare": silence fails after window/min of open time, but only at a free moment', () => {
    const m = newJudgeMemory(1);
    for (let t = parseHhmm('07:00'); t < parseHhmm('10:00'); t += 2.5)
      tickJudgeMemory(persona, m, { ...ctxAt('07:00', 'relax'), minute: t });
    expect(m.welcomeMinutesSinceRec).toBe(0);
    for (let t = parseHhmm('10:00'); t < parseHhmm('13:00'); t += 2.5)
      tickJudgeMemory(persona, m, { ...ctxAt('10:00', 'relax'), minute: t });
    expect(m.welcomeMinutesSinceRec).toBe(180);
    const rare = judgeAt(m, ctxAt('13:00', 'relax'), silent).criteria.frequency;
    expect(rare).toMatchObject({ pass: false, tooRare: true, tooOften: false, rule: 'too-rare' });
    // At work (quiet) the person does not blame silence.
    expect(judgeAt(m, ctxAt('13:05', 'work', { index: 9 }), silent).criteria.frequency.pass).toBe(
      true,
    );
    // A suggestion resets it.
    deliver(m, ctxAt('13:07', 'relax', { index: 10 }), say('music'));
    expect(judgeAt(m, ctxAt('13:10', 'relax', { index: 10 }), silent).criteria.frequency.pass).toBe(
      true,
    );
  });
});

describe('built-in judge: the day shapes the moment', () => {
  it("today's windows move with the day's shift, and the reason names the day", () => {
    const saturday: DayConditions = {
      day: 6,
      weekday: 'sat',
      weekend: true,
      mood: 'usual',
      windowShiftMinutes: 30,
      appetite: 1.25,
    };
    const m = newJudgeMemory(6, saturday);
    const early = judgeAt(m, ctxAt('10:10', 'cooking', { day: 6 }), say('recipes'));
    expect(early.criteria.timing).toMatchObject({ pass: false, rule: 'closed-time' });
    expect(early.criteria.timing.reason).toMatch(/10:30–20:30/);
    expect(early.criteria.timing.reason).toMatch(/Saturday/);
    expect(
      judgeAt(m, ctxAt('20:10', 'cooking', { day: 6, index: 2 }), say('recipes')).criteria.timing
        .pass,
    ).toBe(true);
  });
});

describe('the judge rules', () => {
  it('every verdict of the built-in judge names a known rule of its criterion', () => {
    const m = newJudgeMemory(1);
    const cands = [silent, say('recipes'), say('tech', 'formal'), say('finance', 'playful')];
    for (const ctx of [
      ctxAt('08:00', 'cooking'),
      ctxAt('12:02', 'cooking', { startedAt: '12:00' }),
      ctxAt('12:30', 'study', { startedAt: '12:00' }),
      ctxAt('15:00', 'work'),
      ctxAt('16:00', 'music', { walking: true }),
    ]) {
      for (const c of cands) {
        const j = judgeAt(m, ctx, c);
        for (const crit of CRITERIA) {
          const v = j.criteria[crit];
          expect(isJudgeRuleId(v.rule), `${crit} ${v.rule}`).toBe(true);
          const rule = JUDGE_RULES[v.rule as keyof typeof JUDGE_RULES];
          expect(rule.criterion).toBe(crit);
          expect(rule.pass).toBe(v.pass);
          expect(
            rule.applies === 'both' ||
              rule.applies === (c.kind === 'silent' ? 'silence' : 'suggestion'),
          ).toBe(true);
        }
      }
    }
  });

  it('every rule names its source', () => {
    for (const [id, r] of Object.entries(JUDGE_RULES)) {
      expect(r.source.length, id).toBeGreaterThan(10);
      expect(r.summary.length, id).toBeGreaterThan(5);
    }
  });
});
