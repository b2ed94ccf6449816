import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnyPersonaFile } from '../../src/cli/load-any-persona';
import { importProPerSimPersona, isProPerSimPersona } from '../../src/core/import/propersim';
import { PersonaError, parsePersona, type Persona } from '../../src/core/persona';
import { parseHhmm } from '../../src/core/time';

const FIXTURES = join(__dirname, '..', 'fixtures', 'propersim');
const fixturePath = (name: string): string => join(FIXTURES, `${name}.json`);
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(fixturePath(name), 'utf8')) as Record<string, unknown>;

/** A copy of a fixture with some criteria paragraphs replaced. */
function withCriteria(
  name: string,
  criteria: Partial<
    Record<'Personal_Preference' | 'Timing' | 'Frequency' | 'Communication_&_Safety', string>
  >,
): Record<string, unknown> {
  const data = fixture(name);
  data.criteria = { ...(data.criteria as Record<string, string>), ...criteria };
  return data;
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

/** A count per day is per the day's welcome time: the minutes of the persona's welcome windows. */
function welcomeMinutesOf(p: Persona): number {
  const total = p.rubric.timing.welcomeWindows.reduce((sum, w) => {
    const [a, b] = [parseHhmm(w.from), parseHhmm(w.to)];
    return sum + (b > a ? b - a : 1440 - a + b);
  }, 0);
  return Math.max(30, Math.min(1440, total));
}

describe('isProPerSimPersona', () => {
  it('recognises the reference format, even with a field missing', () => {
    expect(isProPerSimPersona(fixture('decor-retiree'))).toBe(true);
    expect(isProPerSimPersona(fixture('missing-frequency'))).toBe(true);
  });

  it('rejects our own format and non-objects', () => {
    const ours = importProPerSimPersona(fixture('decor-retiree'), 'x').persona;
    expect(isProPerSimPersona(ours)).toBe(false);
    expect(isProPerSimPersona(null)).toBe(false);
    expect(isProPerSimPersona([fixture('decor-retiree')])).toBe(false);
    expect(isProPerSimPersona('{"age": 3}')).toBe(false);
    expect(isProPerSimPersona({ age: 40, background: 'A baker.' })).toBe(false);
  });
});

describe('decor-loving retiree ("about twice every 2 to 3 hours")', () => {
  const data = fixture('decor-retiree');
  const { persona, derived, notDerived, evidence } = importProPerSimPersona(
    data,
    'decor-retiree.json',
  );
  const criteria = data.criteria as Record<string, string>;

  it('is a valid Persona with the prose kept verbatim', () => {
    expect(() => parsePersona(persona, 'again')).not.toThrow();
    expect(persona.id).toBe('margaret-ellison');
    expect(persona.name).toBe('Margaret Ellison');
    expect(persona.age).toBe(62);
    expect(persona.pronouns).toBe('she/her');
    expect(persona.background).toBe(data.background);
    expect(persona.interests).toEqual(data.current_interests);
    expect(persona.lifestyle).toEqual(data.lifestyle);
    expect(persona.longTermGoal).toBe(data.long_term_goals);
    expect(persona.rubric.personalPreference.prose).toBe(criteria.Personal_Preference);
    expect(persona.rubric.timing.prose).toBe(criteria.Timing);
    expect(persona.rubric.frequency.prose).toBe(criteria.Frequency);
    expect(persona.rubric.communication.prose).toBe(criteria['Communication_&_Safety']);
  });

  it('reads the Big Five', () => {
    expect(persona.bigFive).toEqual({
      extraversion: 'High',
      agreeableness: 'High',
      conscientiousness: 'Low',
      openness: 'High',
      neuroticism: 'Low',
    });
  });

  it('derives the frequency numbers', () => {
    const f = persona.rubric.frequency;
    expect([f.windowMinutes, f.min, f.max, f.minGapMinutes]).toEqual([150, 1, 2, 38]);
  });

  it('derives welcome windows and quiet activities', () => {
    expect(persona.rubric.timing.welcomeWindows).toEqual([
      { from: '10:00', to: '12:00' },
      { from: '13:00', to: '17:00' },
    ]);
    expect(persona.rubric.timing.quietActivities).toEqual(['breakfast', 'journaling']);
  });

  it('pairs topics with activities', () => {
    expect(persona.rubric.personalPreference.welcome).toEqual([
      { activities: ['tidying'], topics: ['decor'] },
      { activities: ['relax', 'tv'], topics: ['film'] },
      { activities: ['plant-care'], topics: ['gardening'] },
    ]);
  });

  it('derives tones and topics to avoid, and reports what stays prose', () => {
    expect(persona.rubric.communication.tones).toEqual(['friendly']);
    expect(persona.rubric.communication.avoidTopics).toEqual(['finance']);
    expect(
      notDerived.some((n) => n.includes("late husband's health") && n.includes('no topic')),
    ).toBe(true);
    expect(notDerived.some((n) => n.includes('privacy') && n.includes('prose only'))).toBe(true);
  });

  it('derives the routine from the lifestyle and daily plan', () => {
    expect(persona.routine.wake).toBe('07:00');
    expect(persona.routine.sleep).toBe('22:30');
    expect(persona.routine.work).toEqual([]);
    expect(persona.dailyPlanRequirements).toEqual([
      {
        label: 'Water the plants for 10 minutes',
        activity: 'plant-care',
        object: 'living-plants',
        minutes: 10,
      },
      {
        label: 'Dust the shelves for 20 minutes',
        activity: 'cleaning',
        object: 'hall-closet',
        minutes: 20,
      },
      {
        label: 'Sketch a new room layout for 30 minutes',
        activity: 'hobby',
        object: 'craft-table',
        minutes: 30,
      },
    ]);
    expect(persona.routine.hobbies.map((h) => [h.activity, h.object])).toEqual([
      ['tidying', 'hall-closet'],
      ['tv', 'sofa'],
      ['plant-care', 'living-plants'],
    ]);
    expect(persona.routine.eveningRoutine.map((t) => t.activity)).toEqual(['tv']);
    expect(evidence.find((e) => e.field === 'routine.wake')).toMatchObject({
      how: 'derived',
      value: '07:00',
      quote: 'wakes up at 7:00 am',
    });
    expect(derived.length).toBeGreaterThan(5);
  });

  it('lists the defaults it used', () => {
    const defaults = evidence.filter((e) => e.how === 'default');
    expect(defaults.map((e) => `${e.field}=${e.value}`)).toEqual(
      expect.arrayContaining([
        'routine.breakfast=07:45',
        'routine.lunch=12:30',
        'routine.dinner=18:30',
        'routine.work=(none)',
        'avatar=colours from a hash of the name and background',
      ]),
    );
    expect(notDerived.some((n) => n.startsWith('routine.breakfast'))).toBe(true);
    // The wake time and the frequency were stated, so they are not defaults.
    expect(defaults.some((e) => e.field === 'routine.wake')).toBe(false);
    expect(defaults.some((e) => e.field === 'rubric.frequency')).toBe(false);
  });
});

describe('remote analyst ("3–4 per day", string-valued lists)', () => {
  const data = fixture('remote-analyst');
  const { persona, evidence } = importProPerSimPersona(data, 'remote-analyst.json');

  it("derives a per-day frequency over the day's welcome time", () => {
    const f = persona.rubric.frequency;
    // The default gap spreads the day: 06:30 → 22:30 is 960 minutes; 960 / 4 / 2 = 120.
    expect([f.windowMinutes, f.min, f.max, f.minGapMinutes]).toEqual([
      welcomeMinutesOf(persona),
      3,
      4,
      120,
    ]);
    expect(f.windowMinutes).toBeLessThan(960);
  });

  it('derives windows, quiet activities and a time ruled out', () => {
    expect(persona.rubric.timing.welcomeWindows).toEqual([
      { from: '12:30', to: '13:30' },
      { from: '17:00', to: '19:00' },
    ]);
    expect(persona.rubric.timing.quietActivities).toEqual(['work', 'call']);
  });

  it('derives tones (polite → calm + formal) and topics to avoid', () => {
    expect(new Set(persona.rubric.communication.tones)).toEqual(
      new Set(['concise', 'calm', 'formal']),
    );
    expect(new Set(persona.rubric.communication.avoidTopics)).toEqual(
      new Set(['social', 'nutrition', 'fitness']),
    );
  });

  it('pairs topics with activities named first or last', () => {
    expect(persona.rubric.personalPreference.welcome).toEqual([
      { activities: ['work'], topics: ['productivity'] },
      { activities: ['cooking'], topics: ['nutrition'] },
    ]);
  });

  it('splits string lists verbatim and joins the goals', () => {
    expect(persona.interests).toEqual([
      'spreadsheets and budgeting apps',
      'strength training',
      'podcasts about economics',
    ]);
    expect(persona.longTermGoal).toBe(
      'Pay off the mortgage five years early. Become lead analyst on his team.',
    );
    expect(persona.dailyPlanRequirements.map((r) => [r.activity, r.object, r.minutes])).toEqual([
      ['exercise', 'yoga-mat', 30],
      ['dishes', 'kitchen-sink', 15],
      ['work', 'desk', 20],
    ]);
  });

  it('works from home: work blocks at the desk, start time from the lifestyle', () => {
    expect(persona.pronouns).toBe('he/him');
    expect(persona.routine.wake).toBe('06:30');
    expect(persona.routine.sleep).toBe('22:30');
    expect(persona.routine.work).toEqual([
      { label: 'work at the desk', activity: 'work', object: 'desk', start: '09:00', end: '12:15' },
      { label: 'work at the desk', activity: 'work', object: 'desk', start: '13:30', end: '17:30' },
    ]);
    expect(evidence.find((e) => e.field === 'routine.work')?.how).toBe('default');
    expect(persona.routine.eveningRoutine).toEqual([
      {
        label: 'Reads for half an hour and is in bed by 10:30 pm',
        activity: 'reading',
        object: 'nightstand',
        minutes: 30,
      },
    ]);
  });
});

describe('unnamed music teacher ("once every morning and once before bed")', () => {
  const data = fixture('music-teacher-unnamed');
  const { persona, evidence } = importProPerSimPersona(data, 'music-teacher-unnamed.json');
  const defaultOf = (field: string) =>
    evidence.find((e) => e.field === field && e.how === 'default');

  it('counts one per part of the day: 2 a day', () => {
    const f = persona.rubric.frequency;
    // Two a day, over the day's welcome time; the default gap halves the 07:00–23:00 day.
    expect([f.windowMinutes, f.min, f.max, f.minGapMinutes]).toEqual([
      welcomeMinutesOf(persona),
      2,
      2,
      240,
    ]);
  });

  it('narrows "mornings after 7 am" and adds the hour before bed', () => {
    expect(persona.rubric.timing.welcomeWindows).toEqual([
      { from: '07:00', to: '12:00' },
      { from: '22:00', to: '23:00' },
    ]);
    expect(persona.rubric.timing.quietActivities).toEqual(['meditation', 'music']);
    expect(persona.rubric.communication.tones).toEqual(['calm', 'formal']);
    expect(persona.rubric.communication.avoidTopics).toEqual(['social']);
  });

  it('reads the Big Five in any order and case', () => {
    expect(persona.bigFive).toEqual({
      extraversion: 'Low',
      agreeableness: 'High',
      conscientiousness: 'High',
      openness: 'High',
      neuroticism: 'Low',
    });
  });

  it('makes a hashed id, a name from the background, and says so', () => {
    expect(persona.id).toMatch(/^propersim-[0-9a-f]{8}$/);
    expect(persona.name).toBe('High-school music teacher');
    expect(persona.pronouns).toBe('they/them');
    const again = importProPerSimPersona(fixture('music-teacher-unnamed'), 'other.json').persona;
    expect(again.id).toBe(persona.id);
    expect(again.avatar).toEqual(persona.avatar);
    expect(defaultOf('name')?.value).toBe('High-school music teacher');
    expect(defaultOf('pronouns')?.value).toBe('they/them');
    expect(defaultOf('routine.wake')?.value).toBe('07:00');
    expect(
      evidence.some((e) => e.how === 'unmapped' && /"politics" match no topic/.test(e.note ?? '')),
    ).toBe(true);
    expect(persona.routine.sleep).toBe('23:00');
  });

  it('maps hobbies and tasks to objects that afford them', () => {
    expect(persona.routine.hobbies.map((h) => [h.activity, h.object])).toEqual([
      ['music', 'piano'],
      ['meditation', 'yoga-mat'],
      ['cooking', 'kitchen-counter'],
    ]);
    expect(persona.routine.eveningRoutine.map((t) => [t.activity, t.object])).toEqual([
      ['journaling', 'nightstand'],
    ]);
  });
});

describe('frequency phrases', () => {
  const freq = (text: string) => {
    const r = importProPerSimPersona(withCriteria('decor-retiree', { Frequency: text }), 'f.json');
    const f = r.persona.rubric.frequency;
    const perDay = welcomeMinutesOf(r.persona);
    return {
      n: [f.windowMinutes === perDay ? 'day' : f.windowMinutes, f.min, f.max, f.minGapMinutes],
      notDerived: r.notDerived,
    };
  };
  // The retiree is awake 07:00–22:30: 930 minutes (the default gaps spread those);
  // a count per day is over the day's welcome time ('day').
  it.each([
    ['No more than one per hour, please.', [60, 0, 1, 30]],
    ['One or two every few hours is right.', [180, 1, 2, 45]],
    ['A couple of times a day.', ['day', 1, 2, 233]],
    ['3-4 times a day, at least 30 minutes apart.', ['day', 3, 4, 30]],
    ['Twice a day at most.', ['day', 2, 2, 233]],
    ['Once an hour or so.', [60, 1, 1, 30]],
    ['A suggestion every 2 hours is enough.', [120, 1, 1, 60]],
    ['Three suggestions a day, no closer than an hour.', ['day', 3, 3, 60]],
  ])('%s', (text, expected) => {
    expect(freq(text).n).toEqual(expected);
  });

  it('falls back to a stated default when no rate is given', () => {
    const r = freq('Whatever feels natural to you.');
    expect(r.n).toEqual([180, 1, 2, 45]);
    expect(r.notDerived).toContain(
      'rubric.frequency: no rate or occasions found in the words; used 1–2 per 180 min',
    );
  });
});

describe('timing phrases', () => {
  const timing = (text: string) => {
    const r = importProPerSimPersona(withCriteria('decor-retiree', { Timing: text }), 't.json');
    return { ...r.persona.rubric.timing, notDerived: r.notDerived };
  };

  it('"any time after 8 am except during meals"', () => {
    const t = timing('Any time after 8 am except during meals.');
    expect(t.welcomeWindows).toEqual([{ from: '08:00', to: '22:30' }]);
    expect(t.quietActivities).toEqual(['breakfast', 'lunch', 'dinner']);
  });

  it('a range and a bound in one sentence are two windows', () => {
    const t = timing('Between 9 and 11, and after 7 pm.');
    expect(t.welcomeWindows).toEqual([
      { from: '09:00', to: '11:00' },
      { from: '19:00', to: '22:30' },
    ]);
  });

  it('evenings, but never during dinner or phone calls', () => {
    const t = timing('Evenings are best, but never during dinner or phone calls.');
    expect(t.welcomeWindows).toEqual([{ from: '18:00', to: '21:00' }]);
    expect(t.quietActivities).toEqual(['dinner', 'call']);
  });

  it('"never before 9 am" removes time from the waking day', () => {
    const t = timing('Never before 9 am.');
    expect(t.welcomeWindows).toEqual([{ from: '09:00', to: '22:30' }]);
    expect(t.quietActivities).toEqual([]);
  });

  it('nothing derivable: the whole waking day, and it says so', () => {
    const t = timing('I am happy to hear from you.');
    expect(t.welcomeWindows).toEqual([{ from: '07:00', to: '22:30' }]);
    expect(t.notDerived).toContain(
      'rubric.timing.welcomeWindows: no welcome times found; the whole waking day; used 07:00–22:30',
    );
  });
});

describe('communication and preference phrases', () => {
  it('ignores negated tone words', () => {
    const r = importProPerSimPersona(
      withCriteria('decor-retiree', {
        'Communication_&_Safety': 'Not too formal; warm and playful, with a dash of humour.',
      }),
      'c.json',
    );
    expect(r.persona.rubric.communication.tones).toEqual(['friendly', 'playful']);
    expect(r.persona.rubric.communication.avoidTopics).toEqual([]);
  });

  it('reads avoid phrases and encouraging tones', () => {
    const r = importProPerSimPersona(
      withCriteria('decor-retiree', {
        'Communication_&_Safety': 'Encouraging and supportive. Never mention money or the news.',
      }),
      'c.json',
    );
    expect(r.persona.rubric.communication.tones).toEqual(['encouraging']);
    expect(r.persona.rubric.communication.avoidTopics).toEqual(['finance', 'news']);
  });

  it('defaults the tone and says so', () => {
    const r = importProPerSimPersona(
      withCriteria('decor-retiree', {
        'Communication_&_Safety': 'Respect my privacy at all times.',
      }),
      'c.json',
    );
    expect(r.persona.rubric.communication.tones).toEqual(['friendly', 'calm']);
    expect(r.notDerived).toContain(
      'rubric.communication.tones: no tone words found (or all were negated); used friendly, calm',
    );
  });

  it('pairs a topic with no activity to its usual activities', () => {
    const r = importProPerSimPersona(
      withCriteria('decor-retiree', {
        Personal_Preference:
          'Recipes while cooking, and book ideas when I am reading. I also enjoy music.',
      }),
      'p.json',
    );
    expect(r.persona.rubric.personalPreference.welcome).toEqual([
      { activities: ['cooking'], topics: ['recipes'] },
      { activities: ['reading'], topics: ['books'] },
      { activities: ['music', 'relax'], topics: ['music'] },
    ]);
  });
});

describe('bad input', () => {
  it('names the source and the missing criterion', () => {
    const err = errorOf(() =>
      importProPerSimPersona(fixture('missing-frequency'), 'missing-frequency.json'),
    );
    expect(err).toBeInstanceOf(PersonaError);
    expect(err.message).toContain('missing-frequency.json');
    expect(err.message).toContain('criteria.Frequency');
  });

  it('names a Big Five trait that has no level', () => {
    const data = fixture('decor-retiree');
    data.big_five_personality_traits =
      'High in Extraversion, High in Agreeableness, Low in Conscientiousness, Low in Neuroticism';
    const err = errorOf(() => importProPerSimPersona(data, 'p.json'));
    expect(err.message).toContain('p.json');
    expect(err.message).toContain('big_five_personality_traits');
    expect(err.message).toContain('Openness');
  });

  it('names bad age, short lists and non-objects', () => {
    const data = fixture('decor-retiree');
    data.age = 'old';
    data.daily_plan_req = ['Water the plants for 10 minutes', 'Dust for 5 minutes'];
    delete data.background;
    const err = errorOf(() => importProPerSimPersona(data, 'p.json'));
    expect(err.message).toMatch(/- age: must be a whole number/);
    expect(err.message).toMatch(/- daily_plan_req: needs at least 3 items, found 2/);
    expect(err.message).toMatch(/- background: missing/);
    expect(errorOf(() => importProPerSimPersona([], 'list.json')).message).toContain('list.json');
  });
});

describe('loadAnyPersonaFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'propersim-import-'));

  it('imports a ProPerSim file with its notes', async () => {
    const path = fixturePath('music-teacher-unnamed');
    const { persona, notes } = await loadAnyPersonaFile(path);
    const direct = importProPerSimPersona(fixture('music-teacher-unnamed'), path, {
      id: 'music-teacher-unnamed',
    });
    expect(persona).toEqual(direct.persona);
    expect(persona.id).toBe('music-teacher-unnamed');
    expect(notes).toEqual(direct.notDerived);
  });

  it('reads our own format with no notes', async () => {
    const ours = importProPerSimPersona(fixture('decor-retiree'), 'x').persona;
    const file = join(dir, 'ours.json');
    writeFileSync(file, JSON.stringify(ours));
    const plain: Record<string, unknown> = { ...ours };
    delete plain.derivation;
    writeFileSync(file, JSON.stringify(plain));
    expect(await loadAnyPersonaFile(file)).toEqual({ persona: plain, notes: [], evidence: [] });
  });

  it('names the file in every error', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    await expect(loadAnyPersonaFile(bad)).rejects.toThrow(bad);
    await expect(loadAnyPersonaFile(join(dir, 'nope.json'))).rejects.toThrow(
      join(dir, 'nope.json'),
    );
    const missing = fixturePath('missing-frequency');
    await expect(loadAnyPersonaFile(missing)).rejects.toThrow(
      /missing-frequency\.json.*\n.*criteria\.Frequency/,
    );
    const oursBroken = join(dir, 'ours-broken.json');
    writeFileSync(oursBroken, JSON.stringify({ schemaVersion: 1, id: 'x' }));
    await expect(loadAnyPersonaFile(oursBroken)).rejects.toThrow(oursBroken);
  });
});
