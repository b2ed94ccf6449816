import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  PersonaError,
  parsePersona,
  parsePersonaJson,
  personaJsonSchema,
  type Persona,
} from '../../src/core/persona';
import { routineFor } from '../../src/agents/user/planner';
import type { DayConditions } from '../../src/core/receptivity';
import { parseHhmm } from '../../src/core/time';
import { BIG_FIVE_TRAITS, type ActivityKind } from '../../src/core/vocab';
import {
  PERSONAS_DIR,
  PERSONA_SCHEMA_FILE,
  loadAllPersonas,
  loadPersonaFile,
  resolvePersona,
} from '../../src/cli/personas-node';
import { PERSONAS, personaById } from '../../src/ui/personas-browser';
import {
  ENGAGEMENT_WORDS,
  QUIET_ASK,
  mentionsCount,
  mentionsDays,
  mentionsDuration,
  mentionsTime,
  receptivityProblems,
  rubricProblems,
  sentences,
  timesIn,
  weekendProblems,
} from './persona-consistency';

const personaFiles = readdirSync(PERSONAS_DIR)
  .filter((f) => f.endsWith('.json') && f !== PERSONA_SCHEMA_FILE)
  .sort();
const personas = loadAllPersonas();

function clone(p: Persona): Record<string, unknown> {
  return JSON.parse(JSON.stringify(p)) as Record<string, unknown>;
}

/** A raw, valid persona object to break in tests. */
function rawPersona(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(PERSONAS_DIR, 'maggie-doyle.json'), 'utf8')) as Record<
    string,
    unknown
  >;
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

/** Minutes since wake-up day start; times after midnight (before waking) count as late night. */
function onDay(p: Persona, hhmm: string): number {
  const t = parseHhmm(hhmm);
  return t < parseHhmm(p.routine.wake) ? t + 24 * 60 : t;
}

function routineActivities(p: Persona): Set<ActivityKind> {
  const r = p.routine;
  return new Set<ActivityKind>([
    'breakfast',
    'lunch',
    'dinner',
    ...r.work.map((b) => b.activity),
    ...r.hobbies.map((t) => t.activity),
    ...r.chores.map((t) => t.activity),
    ...r.eveningRoutine.map((t) => t.activity),
    ...p.dailyPlanRequirements.map((t) => t.activity),
  ]);
}

function high(p: Persona, trait: (typeof BIG_FIVE_TRAITS)[number]): boolean {
  return p.bigFive[trait] === 'High';
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** The most suggestions a persona asks for per hour. */
function maxRate(p: Persona): number {
  return (p.rubric.frequency.max * 60) / p.rubric.frequency.windowMinutes;
}

describe('persona library', () => {
  it('has exactly 32 persona files and every one is valid', () => {
    expect(personaFiles).toHaveLength(32);
    for (const f of personaFiles) {
      expect(() => loadPersonaFile(join(PERSONAS_DIR, f)), f).not.toThrow();
    }
    expect(personas).toHaveLength(32);
  });

  it('covers each of the 32 Big Five combinations exactly once', () => {
    const keys = personas.map((p) => BIG_FIVE_TRAITS.map((t) => p.bigFive[t][0]).join(''));
    expect(new Set(keys).size).toBe(32);
    for (let i = 0; i < 32; i++) {
      const key = BIG_FIVE_TRAITS.map((_, bit) => ((i >> (4 - bit)) & 1 ? 'H' : 'L')).join('');
      expect(
        keys.filter((k) => k === key),
        key,
      ).toHaveLength(1);
    }
  });

  it('names each file after its persona id; ids are unique', () => {
    for (const f of personaFiles) {
      const p = loadPersonaFile(join(PERSONAS_DIR, f));
      expect(`${p.id}.json`).toBe(f);
    }
    expect(new Set(personas.map((p) => p.id)).size).toBe(personas.length);
    expect(new Set(personas.map((p) => p.name)).size).toBe(personas.length);
  });

  it('loads sorted by id, in Node and in the browser bundle alike', () => {
    const ids = personas.map((p) => p.id);
    expect(ids).toEqual([...ids].sort());
    expect(PERSONAS.map((p) => p.id)).toEqual(ids);
    expect(personaById('maggie-doyle')).toEqual(personas.find((p) => p.id === 'maggie-doyle'));
    expect(personaById('nobody')).toBeUndefined();
  });

  it('varies ages from 29 to 62 with at least 20 distinct ages', () => {
    const ages = personas.map((p) => p.age);
    expect(Math.min(...ages)).toBeLessThanOrEqual(29);
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(62);
    expect(new Set(ages).size).toBeGreaterThanOrEqual(20);
  });

  it('varies people: backgrounds all differ, pronouns mixed, 20+ occupations', () => {
    expect(new Set(personas.map((p) => p.background)).size).toBe(32);
    const pronouns = new Set(personas.map((p) => p.pronouns));
    expect(pronouns).toEqual(new Set(['she/her', 'he/him', 'they/them']));
    // The occupation's head noun: the last word of "<age>-year-old ... <job>" before
    // "who", "from", "in" or "on" ("a 30-year-old ... PhD student in linguistics").
    const occupations = personas.map((p) => {
      const m = /\d+-year-old (.+?)(?: who | from | in | on |,)/.exec(p.background);
      expect(m, p.id).not.toBeNull();
      return (m?.[1] ?? '').split(' ').pop()?.toLowerCase();
    });
    expect(new Set(occupations).size).toBeGreaterThanOrEqual(20);
    for (const p of personas) expect(p.background, p.id).toContain(String(p.age));
  });

  it('gives everyone 3 interests, 3 lifestyle habits (one naming the wake time) and 3 home tasks', () => {
    for (const p of personas) {
      expect(p.interests, p.id).toHaveLength(3);
      expect(p.lifestyle, p.id).toHaveLength(3);
      expect(p.dailyPlanRequirements, p.id).toHaveLength(3);
      expect(
        p.lifestyle.some((l) => mentionsTime(l, p.routine.wake)),
        `${p.id}: lifestyle should state the wake time ${p.routine.wake}`,
      ).toBe(true);
    }
  });

  it('keeps every routine coherent', () => {
    for (const p of personas) {
      const r = p.routine;
      const wake = parseHhmm(r.wake);
      const sleep = onDay(p, r.sleep);
      expect(wake, p.id).toBeGreaterThanOrEqual(5 * 60);
      expect(wake, p.id).toBeLessThanOrEqual(10 * 60);
      expect(sleep, p.id).toBeGreaterThanOrEqual(21 * 60 + 30);
      expect(sleep, p.id).toBeLessThanOrEqual(25 * 60 + 30);
      const meals = [r.breakfast, r.lunch, r.dinner].map((t) => onDay(p, t));
      expect(meals, p.id).toEqual([...meals].sort((a, b) => a - b));
      expect(meals[0], p.id).toBeGreaterThanOrEqual(wake);
      expect(meals[2], p.id).toBeLessThan(sleep);

      expect(r.work.length, p.id).toBeLessThanOrEqual(3);
      expect(r.hobbies.length, p.id).toBeGreaterThanOrEqual(2);
      expect(r.hobbies.length, p.id).toBeLessThanOrEqual(4);
      expect(r.chores.length, p.id).toBeLessThanOrEqual(3);
      expect(r.eveningRoutine.length, p.id).toBeLessThanOrEqual(3);

      let lastEnd = wake;
      for (const b of r.work) {
        const [start, end] = [onDay(p, b.start), onDay(p, b.end)];
        expect(start, `${p.id} ${b.label}`).toBeGreaterThanOrEqual(lastEnd);
        expect(end, `${p.id} ${b.label}`).toBeLessThanOrEqual(sleep);
        for (const meal of meals) {
          expect(meal >= start && meal < end, `${p.id}: a meal inside "${b.label}"`).toBe(false);
        }
        lastEnd = end;
      }
      for (const t of p.dailyPlanRequirements) {
        if (!t.preferredTime) continue;
        const at = onDay(p, t.preferredTime);
        expect(at, `${p.id} ${t.label}`).toBeLessThan(sleep);
        for (const b of r.work) {
          const inside = at >= onDay(p, b.start) && at < onDay(p, b.end);
          expect(inside, `${p.id}: "${t.label}" falls in "${b.label}"`).toBe(false);
        }
      }
    }
  });

  it('keeps every weekend routine coherent: work blocks after waking, before bed, clear of meals', () => {
    const saturday: DayConditions = {
      day: 6,
      weekday: 'sat',
      weekend: true,
      mood: 'usual',
      windowShiftMinutes: 30,
      appetite: 1.25,
    };
    for (const p of personas.filter((q) => q.routine.weekend)) {
      const r = routineFor(p, saturday);
      const wake = parseHhmm(r.wake);
      const sleep = onDay(p, r.sleep);
      const meals = [r.breakfast, r.lunch, r.dinner].map((t) => onDay(p, t));
      expect(meals, p.id).toEqual([...meals].sort((a, b) => a - b));
      expect(meals[0], p.id).toBeGreaterThanOrEqual(wake);
      expect(r.work, p.id).toEqual(p.routine.weekend?.work ?? []);
      let lastEnd = wake;
      for (const b of r.work) {
        const [start, end] = [onDay(p, b.start), onDay(p, b.end)];
        expect(start, `${p.id} weekend ${b.label}`).toBeGreaterThanOrEqual(lastEnd);
        expect(end, `${p.id} weekend ${b.label}`).toBeLessThanOrEqual(sleep);
        for (const meal of meals) {
          expect(meal >= start && meal < end, `${p.id}: a meal inside "${b.label}"`).toBe(false);
        }
        lastEnd = end;
      }
    }
  });

  it('sets welcome windows inside waking hours and never welcomes a quiet activity', () => {
    for (const p of personas) {
      const sleep = onDay(p, p.routine.sleep);
      for (const w of p.rubric.timing.welcomeWindows) {
        const from = onDay(p, w.from);
        let to = parseHhmm(w.to);
        while (to <= from) to += 24 * 60;
        expect(to, `${p.id} window ${w.from}-${w.to}`).toBeLessThanOrEqual(sleep);
      }
      const quiet = new Set(p.rubric.timing.quietActivities);
      for (const entry of p.rubric.personalPreference.welcome) {
        for (const a of entry.activities) expect(quiet.has(a), `${p.id}: ${a}`).toBe(false);
        for (const t of entry.topics) {
          expect(p.rubric.communication.avoidTopics, `${p.id}: ${t}`).not.toContain(t);
        }
      }
    }
  });

  it('gives every persona welcome topics for activities that fill its day', () => {
    for (const p of personas) {
      const done = routineActivities(p);
      const usable = p.rubric.personalPreference.welcome.filter((e) =>
        e.activities.some((a) => done.has(a)),
      );
      expect(usable.length, p.id).toBeGreaterThanOrEqual(1);
      for (const e of p.rubric.personalPreference.welcome) {
        expect(
          e.activities.some((a) => done.has(a) || a === 'coffee' || a === 'snack'),
          `${p.id}: welcome entry for activities that never happen: ${e.activities.join(', ')}`,
        ).toBe(true);
      }
    }
  });

  it('spreads frequencies from about one an hour to about two a day, with reachable maxima', () => {
    const rates = personas.map(maxRate);
    expect(Math.max(...rates)).toBeCloseTo(1, 5);
    expect(Math.min(...rates)).toBeLessThanOrEqual(2 / 12);
    expect(new Set(personas.map((p) => p.rubric.frequency.windowMinutes)).size).toBeGreaterThan(6);
    for (const p of personas) {
      const f = p.rubric.frequency;
      expect(f.min, p.id).toBeLessThanOrEqual(f.max);
      expect(f.minGapMinutes * f.max, `${p.id}: gap makes max unreachable`).toBeLessThanOrEqual(
        f.windowMinutes,
      );
    }
  });
});

describe('traits shape the routine and the rubric', () => {
  const by = (trait: (typeof BIG_FIVE_TRAITS)[number], level: boolean) =>
    personas.filter((p) => high(p, trait) === level);

  it('low conscientiousness: later wake-up, less scheduled work', () => {
    const wake = (ps: Persona[]) => mean(ps.map((p) => parseHhmm(p.routine.wake)));
    const work = (ps: Persona[]) =>
      mean(
        ps.map((p) =>
          p.routine.work.reduce((sum, b) => sum + parseHhmm(b.end) - parseHhmm(b.start), 0),
        ),
      );
    expect(wake(by('conscientiousness', false))).toBeGreaterThan(
      wake(by('conscientiousness', true)) + 60,
    );
    expect(work(by('conscientiousness', false))).toBeLessThan(work(by('conscientiousness', true)));
  });

  it('high extraversion: calls, games or music in every day', () => {
    for (const p of by('extraversion', true)) {
      const done = routineActivities(p);
      expect(
        ['call', 'games', 'music'].some((a) => done.has(a as ActivityKind)),
        p.id,
      ).toBe(true);
    }
  });

  it('high openness: creativity or learning is welcome', () => {
    for (const p of by('openness', true)) {
      const topics = p.rubric.personalPreference.welcome.flatMap((e) => e.topics);
      expect(topics.includes('creativity') || topics.includes('learning'), p.id).toBe(true);
    }
  });

  it('high neuroticism: calm tone, news or finance avoided, quiet times protected', () => {
    for (const p of by('neuroticism', true)) {
      const c = p.rubric.communication;
      expect(c.tones, p.id).toContain('calm');
      expect(c.avoidTopics.includes('news') || c.avoidTopics.includes('finance'), p.id).toBe(true);
      expect(p.rubric.timing.quietActivities.length, p.id).toBeGreaterThan(0);
    }
  });

  it('low agreeableness: concise or formal tone, fewer suggestions', () => {
    for (const p of by('agreeableness', false)) {
      const tones = p.rubric.communication.tones;
      expect(tones.includes('concise') || tones.includes('formal'), p.id).toBe(true);
    }
    expect(mean(by('agreeableness', false).map(maxRate))).toBeLessThan(
      mean(by('agreeableness', true).map(maxRate)),
    );
  });
});

describe('rubric prose agrees with the structured rubric', () => {
  it.each(personaFiles)('%s', (f) => {
    const p = loadPersonaFile(join(PERSONAS_DIR, f));
    expect(rubricProblems(p)).toEqual([]);
  });

  it('helpers read times, counts and durations', () => {
    expect(mentionsTime('from 7 am to noon', '07:00')).toBe(true);
    expect(mentionsTime('from 7 am to noon', '12:00')).toBe(true);
    expect(mentionsTime('from 07:00', '07:00')).toBe(true);
    expect(mentionsTime('from 7:00 pm', '07:00')).toBe(false);
    expect(mentionsTime('from 7:00 pm', '19:00')).toBe(true);
    expect(mentionsTime('until 17:30', '07:30')).toBe(false);
    expect(mentionsTime('until 12:30 am', '00:30')).toBe(true);
    expect(mentionsTime('until midnight', '00:00')).toBe(true);
    expect(timesIn('from 9:30 am to 2 pm, then 18:00 to midnight; two hours')).toEqual([
      570, 840, 1080, 0,
    ]);
    expect(mentionsCount('one or two suggestions', 1, 2)).toBe(true);
    expect(mentionsCount('one or three suggestions', 1, 2)).toBe(false);
    expect(mentionsCount('about one suggestion every hour', 1, 1)).toBe(true);
    expect(mentionsCount('at most two, and none is fine', 0, 2)).toBe(true);
    expect(mentionsDuration('every three hours', 180)).toBe(true);
    expect(mentionsDuration('every 90 minutes', 90)).toBe(true);
    expect(mentionsDuration('every hour', 60)).toBe(true);
    expect(mentionsDuration('every two hours', 180)).toBe(false);
  });

  it('reads durations written as words and numbers of days', () => {
    expect(mentionsDuration('a good ten minutes to settle', 10)).toBe(true);
    expect(mentionsDuration('a good 10-minute start', 10)).toBe(true);
    expect(mentionsDuration('a good ten minutes to settle', 15)).toBe(false);
    expect(mentionsDays('not the same tip twice in a week', 7)).toBe(true);
    expect(mentionsDays('not within seven days', 7)).toBe(true);
    expect(mentionsDays('not within 3 days', 3)).toBe(true);
    expect(mentionsDays('not within a fortnight', 14)).toBe(true);
    expect(mentionsDays('not within a week', 3)).toBe(false);
    expect(mentionsDays('for two weekends', 2)).toBe(false);
  });

  it('splits prose into sentences', () => {
    expect(sentences('From 9 am to 5:30 pm. Never at work! Fine? Yes.')).toEqual([
      'From 9 am to 5:30 pm.',
      'Never at work!',
      'Fine?',
      'Yes.',
    ]);
  });

  it('has level words that tell deep, idle and light apart', () => {
    const deep = ["I'm absorbed", 'I am lost in it', 'it takes all my concentration'];
    const idle = ['it is my pause', 'my break', 'a breather', 'I unwind'];
    const light = ["I don't mind", 'interrupt me whenever', 'a word is fine'];
    for (const t of deep) expect([t, ENGAGEMENT_WORDS.deep.test(t)]).toEqual([t, true]);
    for (const t of idle) expect([t, ENGAGEMENT_WORDS.idle.test(t)]).toEqual([t, true]);
    for (const t of light) expect([t, ENGAGEMENT_WORDS.light.test(t)]).toEqual([t, true]);
    for (const t of [...idle, ...light])
      expect([t, ENGAGEMENT_WORDS.deep.test(t)]).toEqual([t, false]);
    for (const t of [...deep, ...light])
      expect([t, ENGAGEMENT_WORDS.idle.test(t)]).toEqual([t, false]);
    expect(ENGAGEMENT_WORDS.idle.test('at breakfast')).toBe(false);
    expect(QUIET_ASK.test('Please never interrupt my writing.')).toBe(true);
    expect(QUIET_ASK.test("Don't interrupt a call.")).toBe(true);
    expect(QUIET_ASK.test("I don't mind being interrupted.")).toBe(false);
  });

  it('finds a persona whose prose and structure disagree', () => {
    const p = clone(personas[0] as Persona) as unknown as Persona;
    p.rubric.frequency.max = 5;
    p.rubric.timing.welcomeWindows = [{ from: '05:15', to: '06:00' }];
    p.rubric.communication.tones = ['formal'];
    const problems = rubricProblems(p).join('\n');
    expect(problems).toMatch(/count/);
    expect(problems).toMatch(/05:15/);
    expect(problems).toMatch(/tone "formal"/);
  });
});

describe('receptivity and weekend routine agree with the prose', () => {
  it.each(personaFiles)('%s', (f) => {
    const p = loadPersonaFile(join(PERSONAS_DIR, f));
    expect(receptivityProblems(p)).toEqual([]);
    expect(weekendProblems(p)).toEqual([]);
  });

  it('about half the personas depart from the default receptivity, in varied ways', () => {
    const departing = personas.filter(
      (p) =>
        Object.keys(p.receptivity?.engagement ?? {}).length > 0 ||
        p.receptivity?.breakpointMinutes !== undefined ||
        p.receptivity?.sameTopicMinutes !== undefined ||
        p.receptivity?.sameSuggestionDays !== undefined,
    );
    expect(departing.length).toBeGreaterThanOrEqual(12);
    expect(departing.length).toBeLessThanOrEqual(20);
    const levels = new Set(personas.flatMap((p) => Object.values(p.receptivity?.engagement ?? {})));
    expect(levels).toEqual(new Set(['deep', 'idle', 'light']));
    const weekend = personas.filter((p) => p.routine.weekend);
    expect(weekend.length).toBeGreaterThanOrEqual(6);
    expect(weekend.some((p) => (p.routine.weekend?.work ?? []).length > 0)).toBe(true);
  });

  /** A persona with no receptivity block and no weekend routine, to change in each test. */
  function plain(id = 'dale-henderson'): Persona {
    const p = clone(personas.find((q) => q.id === id) as Persona) as unknown as Persona;
    expect(p.receptivity).toBeUndefined();
    expect(p.routine.weekend).toBeUndefined();
    return p;
  }

  it('holds an engagement override to a timing sentence naming the activity and its level', () => {
    const p = plain();
    p.receptivity = { engagement: { hobby: 'deep' } };
    expect(receptivityProblems(p)).toEqual(['timing prose has no sentence saying "hobby" is deep']);
    // The activity and a level word in different sentences do not count.
    p.rubric.timing.prose += ' I like my hobby. I concentrate hard.';
    expect(receptivityProblems(p)).toHaveLength(1);
    p.rubric.timing.prose += ' With an engine apart, that hobby has my full concentration.';
    expect(receptivityProblems(p)).toEqual([]);
    // A level word of another level does not count either.
    p.receptivity = { engagement: { hobby: 'idle' } };
    expect(receptivityProblems(p)).toEqual(['timing prose has no sentence saying "hobby" is idle']);
  });

  it('does not take a request for quiet as saying an activity is light', () => {
    const p = plain('nikolai-petrov');
    p.receptivity = { engagement: { writing: 'light' } };
    p.rubric.timing.prose += ' Please never interrupt my writing.';
    expect(receptivityProblems(p)).toEqual([
      'timing prose has no sentence saying "writing" is light',
    ]);
    p.rubric.timing.prose += " While I'm writing I don't mind an interruption.";
    expect(receptivityProblems(p)).toEqual([]);
  });

  it('reports overrides that change nothing: the default level, or a quiet activity', () => {
    const p = plain();
    p.receptivity = { engagement: { cooking: 'light', call: 'idle' } };
    p.rubric.timing.prose +=
      " Cooking is fine to interrupt. On a call with my daughter it's my break.";
    expect(receptivityProblems(p)).toEqual([
      'engagement of "cooking" is set to its default "light"',
      'engagement of "call" is set, but "call" is quiet (never open) anyway',
    ]);
  });

  it('reports a welcome activity that is deep and can never be open', () => {
    const p = plain('nikolai-petrov');
    p.receptivity = { breakpointMinutes: 0 };
    p.rubric.timing.prose += ' I settle in within 0 minutes.';
    const problems = receptivityProblems(p);
    expect(problems).toContain(
      '"writing" is welcome but deep, and with breakpointMinutes 0 never open',
    );
    expect(problems).toContain(
      '"work" is welcome but deep, and with breakpointMinutes 0 never open',
    );
  });

  it('holds breakpointMinutes to a timing sentence about settling in', () => {
    const p = plain();
    p.receptivity = { breakpointMinutes: 10 };
    expect(receptivityProblems(p)).toEqual([
      'timing prose does not say it takes 10 minutes to settle into something',
    ]);
    p.rubric.timing.prose += ' Never two within 10 minutes.';
    expect(receptivityProblems(p)).toHaveLength(1);
    p.rubric.timing.prose += ' I need ten minutes to settle into anything.';
    expect(receptivityProblems(p)).toEqual([]);
  });

  it('holds sameTopicMinutes and sameSuggestionDays to a sentence about repetition', () => {
    const p = plain();
    expect(p.rubric.frequency.prose).toMatch(/never two within 45 minutes/);
    p.receptivity = { sameTopicMinutes: 45, sameSuggestionDays: 7 };
    // "Never two within 45 minutes" is the gap between suggestions, not repetition.
    expect(receptivityProblems(p)).toEqual([
      'rubric prose does not say the same topic within 45 minutes is unwelcome',
      'rubric prose does not say the same suggestion within 7 days is unwelcome',
    ]);
    p.rubric.personalPreference.prose += ' Not the same subject again within 45 minutes.';
    p.rubric.frequency.prose += ' And never the same suggestion twice in a week.';
    expect(receptivityProblems(p)).toEqual([]);
  });

  it('holds the weekend window shift to a timing sentence naming the weekend', () => {
    const p = plain();
    p.receptivity = { days: { weekendWindowShiftMinutes: 0 } };
    expect(receptivityProblems(p)).toEqual([
      'timing prose does not say the hours are the same at weekends',
    ]);
    p.rubric.timing.prose += ' The same hours at weekends.';
    expect(receptivityProblems(p)).toEqual([]);
    p.receptivity = { days: { weekendWindowShiftMinutes: 60 } };
    expect(receptivityProblems(p)).toEqual([
      'timing prose does not say the hours move by 60 minutes at weekends',
    ]);
    p.rubric.timing.prose += ' At weekends everything is an hour later.';
    expect(receptivityProblems(p)).toEqual([]);
  });

  it('reports a receptivity setting it does not know how to check', () => {
    const p = plain();
    p.receptivity = { days: { tiredChance: 0.5 } };
    expect(receptivityProblems(p)).toEqual([
      'receptivity.days.tiredChance is set, but this check does not hold it to the prose',
    ]);
  });

  it('holds routine.weekend to the lifestyle: the weekend, its wake time and its work', () => {
    const p = plain();
    p.routine.weekend = { wake: '10:00' };
    expect(weekendProblems(p)).toEqual([
      'routine.weekend is set, but lifestyle never mentions the weekend',
    ]);
    // The wake time outside the weekend sentence does not count.
    p.lifestyle[1] = 'Sleeps until 10:00 on his days off. At weekends he sleeps in.';
    expect(weekendProblems(p)).toEqual(['lifestyle does not state the weekend wake time 10:00']);
    p.lifestyle[1] = 'At weekends he sleeps in until 10:00.';
    expect(weekendProblems(p)).toEqual([]);
    p.routine.weekend.work = [
      { label: 'fix the mower', activity: 'hobby', object: 'shed', start: '11:00', end: '12:00' },
    ];
    expect(weekendProblems(p)).toEqual([
      'lifestyle does not say the weekend has hobby ("fix the mower")',
    ]);
    p.lifestyle[1] = 'At weekends he sleeps in until 10:00, then gets his hobby projects done.';
    expect(weekendProblems(p)).toEqual([]);
  });
});

describe('broken persona files are refused with the field named', () => {
  it('a wake time outside the day', () => {
    const raw = rawPersona();
    (raw.routine as Record<string, unknown>).wake = '11:30';
    expect(() => parsePersona(raw, 'late.json')).toThrow(/routine\.wake/);
  });

  it('a wake time that is not HH:MM', () => {
    const raw = rawPersona();
    (raw.routine as Record<string, unknown>).wake = '7am';
    const err = errorOf(() => parsePersona(raw, 'bad-time.json'));
    expect(err).toBeInstanceOf(PersonaError);
    expect(err.message).toContain('bad-time.json');
    expect(err.message).toContain('routine.wake');
  });

  it('an object that does not afford the activity', () => {
    const raw = rawPersona();
    const tasks = raw.dailyPlanRequirements as Record<string, unknown>[];
    (tasks[1] as Record<string, unknown>).object = 'toilet';
    const err = errorOf(() => parsePersona(raw, 'toilet.json'));
    expect(err.message).toContain('dailyPlanRequirements.1.object');
    expect(err.message).toContain('"toilet" is not a place for "plant-care"');
  });

  it('a missing rubric.timing', () => {
    const raw = rawPersona();
    delete (raw.rubric as Record<string, unknown>).timing;
    expect(() => parsePersona(raw, 'no-timing.json')).toThrow(/rubric\.timing/);
  });

  it('frequency min above max', () => {
    const raw = rawPersona();
    const f = (raw.rubric as Record<string, Record<string, unknown>>).frequency as Record<
      string,
      unknown
    >;
    f.min = 3;
    f.max = 2;
    expect(() => parsePersona(raw, 'freq.json')).toThrow(/rubric\.frequency\.min/);
  });

  it('an unknown topic and an unknown field', () => {
    const raw = rawPersona();
    const comm = (raw.rubric as Record<string, Record<string, unknown>>).communication as Record<
      string,
      unknown
    >;
    comm.avoidTopics = ['politics'];
    raw.favouriteColour = 'green';
    const err = errorOf(() => parsePersona(raw, 'extra.json'));
    expect(err.message).toContain('rubric.communication.avoidTopics.0');
    expect(err.message).toContain('favouriteColour');
  });

  it('text that is not JSON names the source file', () => {
    const err = errorOf(() => parsePersonaJson('{ "id": "half', 'half-written.json'));
    expect(err).toBeInstanceOf(PersonaError);
    expect(err.message).toContain('half-written.json');
    expect(err.message).toMatch(/not valid JSON/);
  });
});

describe('Node loader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'personas-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the path when a file cannot be read', () => {
    const missing = join(dir, 'does-not-exist.json');
    expect(() => loadPersonaFile(missing)).toThrow(missing);
  });

  it('names the file when its JSON is broken', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "schemaVersion": 1, ');
    expect(() => loadPersonaFile(file)).toThrow(/broken\.json.*\n.*not valid JSON/);
  });

  it('resolves an id from the library or a path to any file', () => {
    expect(resolvePersona('walter-nakamura').name).toBe('Walter Nakamura');
    const copy = join(dir, 'my-walter.json');
    const raw = JSON.parse(readFileSync(join(PERSONAS_DIR, 'walter-nakamura.json'), 'utf8'));
    raw.id = 'my-walter';
    writeFileSync(copy, JSON.stringify(raw));
    expect(resolvePersona(copy).id).toBe('my-walter');
  });

  it('lists known ids for an unknown one', () => {
    expect(() => resolvePersona('nobody-at-all')).toThrow(
      /unknown persona "nobody-at-all".*amara-okafor/,
    );
    expect(() => resolvePersona('walter')).toThrow(/Did you mean: walter-nakamura/);
    expect(() => resolvePersona('persona.schema')).toThrow(/unknown persona/);
  });

  it('skips the schema file and sorts by id', () => {
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ ...rawPersona(), id: 'b-person' }));
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ ...rawPersona(), id: 'zed-person' }));
    writeFileSync(join(dir, PERSONA_SCHEMA_FILE), '{}');
    rmSync(join(dir, 'broken.json'), { force: true });
    rmSync(join(dir, 'my-walter.json'), { force: true });
    expect(loadAllPersonas(dir).map((p) => p.id)).toEqual(['b-person', 'zed-person']);
  });
});

describe('generated JSON Schema', () => {
  it('personas/persona.schema.json is up to date (npm run schema)', () => {
    const onDisk: unknown = JSON.parse(
      readFileSync(join(PERSONAS_DIR, PERSONA_SCHEMA_FILE), 'utf8'),
    );
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(personaJsonSchema())));
  });
});
