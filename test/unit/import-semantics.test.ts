/**
 * Sentence semantics of the ProPerSim importer, pattern by pattern, each with
 * many phrasings (all our own). The base persona wakes at 07:00, has
 * breakfast at 07:45, lunch at 12:30, dinner at 18:30 and goes to bed at 22:30.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importProPerSimPersona } from '../../src/core/import/propersim';
import { parseHhmm } from '../../src/core/time';

const BASE = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'propersim', 'decor-retiree.json'), 'utf8'),
) as Record<string, unknown>;

type Key = 'Personal_Preference' | 'Timing' | 'Frequency' | 'Communication_&_Safety';
function imported(criteria: Partial<Record<Key, string>>) {
  const data = structuredClone(BASE);
  data.criteria = { ...(data.criteria as Record<string, string>), ...criteria };
  return importProPerSimPersona(data, 'semantics.json');
}
const timing = (text: string) => imported({ Timing: text });
const welcomeAt = (text: string, at: string): boolean => {
  const m = parseHhmm(at);
  return timing(text).persona.rubric.timing.welcomeWindows.some(
    (w) => m >= parseHhmm(w.from) && m < parseHhmm(w.to),
  );
};

describe('a purpose or reason clause does not flip the main clause', () => {
  it.each([
    "I'd like suggestions early in the morning, around 7:30am, or in the evening after 8pm, so they don't get in the way of my work.",
    'Early morning around 7:30 or after 8 pm in the evening, so that nothing distracts me during the day.',
    "Send them first thing, around 7:30 am, or in the evening after 8 pm, because my days are packed and I can't be disturbed.",
    'Please keep them to early mornings (around 7:30am) and evenings after 8pm, so I am not interrupted at work.',
    'Mornings around half past seven and evenings after 8pm are good, so they never clash with client calls.',
  ])('%s', (text) => {
    expect(welcomeAt(text, '07:30')).toBe(true);
    expect(welcomeAt(text, '20:30')).toBe(true);
    expect(welcomeAt(text, '14:00')).toBe(false);
  });
});

describe('a negated condition narrows, never flips, and is kept as a note', () => {
  it.each([
    "Late morning or during my creative breaks in the afternoon, especially when I'm not deep in client work.",
    'Late mornings and afternoon breaks work, particularly when I am not in the middle of a deadline.',
    "I welcome them in the late morning and the afternoon, especially if I'm not concentrating hard.",
    'Late in the morning or in the afternoon is good, ideally when I am not on a call.',
  ])('%s', (text) => {
    const r = timing(text);
    expect(welcomeAt(text, '11:00')).toBe(true);
    expect(welcomeAt(text, '15:00')).toBe(true);
    expect(welcomeAt(text, '08:00')).toBe(false);
    expect(welcomeAt(text, '21:00')).toBe(false);
    expect(r.persona.rubric.timing.quietActivities).toEqual([]);
    expect(r.evidence.some((e) => e.how === 'note' && /condition/.test(e.note ?? ''))).toBe(true);
  });
});

describe('a moment named in a welcome sentence is welcome, not quiet', () => {
  it.each([
    ['I prefer them in the morning while I have my quiet breakfast.', 'breakfast', '07:50'],
    ['The best time is while I eat breakfast.', 'breakfast', '08:00'],
    ['Over lunch is ideal, when I finally sit down.', 'lunch', '12:45'],
    ['I enjoy a nudge during dinner, while I am eating.', 'dinner', '18:45'],
    ['Suggestions are nice with my morning coffee.', 'coffee', '07:30'],
  ])('%s', (text, activity, at) => {
    const r = timing(text);
    expect(r.persona.rubric.timing.quietActivities).not.toContain(activity);
    expect(welcomeAt(text, at)).toBe(true);
  });

  it('a moment in a "never" sentence is quiet', () => {
    for (const text of [
      'Never while I have my breakfast.',
      'Please do not interrupt my breakfast.',
      'Breakfast is off limits.',
      "I don't want anything during breakfast.",
    ])
      expect(timing(text).persona.rubric.timing.quietActivities, text).toContain('breakfast');
  });
});

describe('bounds and ranges', () => {
  it.each([
    ['Between 9 and 11 am.', ['09:30', '10:30'], ['08:30', '11:30']],
    ['From 2 to 4 pm.', ['14:30', '15:30'], ['13:30', '16:30']],
    ['Any time after 8 am, but not after 9 pm.', ['08:30', '20:30'], ['07:30', '21:30']],
    ['Only after 2 pm.', ['14:30', '20:00'], ['10:00', '13:00']],
    ['Mornings before 10 are fine.', ['08:00', '09:30'], ['10:30', '15:00']],
    ['Around noon and again around 6:30 pm.', ['12:00', '18:30'], ['09:00', '15:00']],
    [
      'From 9:30 am until 11:30 am, and between 7 and 9 in the evening.',
      ['10:00', '20:00'],
      ['12:00', '16:00'],
    ],
    ['Never before 9 a.m. Afternoons are great.', ['14:00'], ['08:00']],
  ])('%s', (text, yes, no) => {
    for (const t of yes) expect(welcomeAt(text, t), `${t} welcome`).toBe(true);
    for (const t of no) expect(welcomeAt(text, t), `${t} not welcome`).toBe(false);
  });
});

describe('exceptions and contrasts', () => {
  it.each([
    ['Any time after 8 am except during meals.', ['breakfast', 'lunch', 'dinner']],
    ['Evenings are best, but never during dinner or phone calls.', ['dinner', 'call']],
    ['Afternoons work well unless I am exercising.', ['exercise']],
    ['Mornings are fine; however, please leave me alone while I meditate.', ['meditation']],
    ['Whenever you like, apart from when I am working.', ['work']],
  ])('%s', (text, quiet) => {
    expect(timing(text).persona.rubric.timing.quietActivities).toEqual(
      expect.arrayContaining(quiet),
    );
  });
});

describe('frequency: occasions become a count and times, spacing is read', () => {
  const freq = (text: string) => imported({ Frequency: text }).persona.rubric.frequency;
  // A count per day is per the day's welcome time (the schema's window is of welcome
  // time): the minutes of the imported persona's welcome windows.
  const welcomeMinutes = (text: string): number => {
    const windows = imported({ Frequency: text }).persona.rubric.timing.welcomeWindows;
    const total = windows.reduce((sum, w) => {
      const [a, b] = [parseHhmm(w.from), parseHhmm(w.to)];
      return sum + (b > a ? b - a : 1440 - a + b);
    }, 0);
    return Math.max(30, Math.min(1440, total));
  };
  it.each([
    ['Once every morning and once before bed.', 2, 2, null],
    ['Once every morning and once before going to bed.', 2, 2, null],
    ['One in the morning, one after lunch and one in the evening.', 3, 3, null],
    [
      'Once every morning and once in the early afternoon, then a third time in the evening, at least three hours apart.',
      3,
      3,
      180,
    ],
    ['Twice in the morning and once in the evening.', 3, 3, null],
    ['Just once in the afternoon.', 1, 1, null],
    ['Once at lunchtime and once after dinner, no closer than two hours apart.', 2, 2, 120],
    ['A single suggestion each evening.', 1, 1, null],
  ])('%s', (text, min, max, gap) => {
    const f = freq(text);
    expect([f.windowMinutes, f.min, f.max]).toEqual([welcomeMinutes(text), min, max]);
    expect(f.windowMinutes).toBeLessThan(930); // not the 07:00–22:30 waking day
    if (gap !== null) expect(f.minGapMinutes).toBe(gap);
  });

  it.each([
    ['3-4 times a day, at least 45 minutes apart.', ['day', 3, 4, 45]],
    ['Two or three suggestions per day, spaced at least 2 hours apart.', ['day', 2, 3, 120]],
    ['About twice every 2 to 3 hours.', [150, 1, 2, 38]],
    ['No more than one every hour.', [60, 0, 1, 30]],
    ['At most five a day, with a gap of at least an hour between them.', ['day', 0, 5, 60]],
    ['Roughly four a day.', ['day', 3, 4, 116]],
    ['Every couple of hours is enough.', [120, 1, 1, 60]],
    ['Three times daily, never closer than 90 minutes.', ['day', 3, 3, 90]],
  ] as [string, (number | 'day')[]][])('%s', (text, expected) => {
    const f = freq(text);
    const want = expected.map((x) => (x === 'day' ? welcomeMinutes(text) : x));
    expect([f.windowMinutes, f.min, f.max, f.minGapMinutes]).toEqual(want);
  });

  it('when Timing names no time, the occasions are the welcome times', () => {
    const r = imported({
      Frequency: 'Once every morning and once before bed.',
      Timing: 'Whenever suits you.',
    });
    expect(r.persona.rubric.timing.welcomeWindows).toEqual([
      { from: '07:00', to: '12:00' },
      { from: '21:30', to: '22:30' },
    ]);
  });
});

describe('tones: negations exclude, casual is friendly only', () => {
  const tones = (text: string) =>
    [...imported({ 'Communication_&_Safety': text }).persona.rubric.communication.tones].sort();
  it.each([
    ['Friendly and casual, please.', ['friendly']],
    ['Keep it friendly and casual, like a chat over the fence.', ['friendly']],
    ['Polite but not overly formal.', ['calm']],
    ['Warm, never too formal.', ['friendly']],
    ['Calm and polite, not formal.', ['calm']],
    ['Concise and to the point, without jokes or humour.', ['concise']],
    ['Encouraging but not pushy, and never playful about my health.', ['encouraging']],
    ['Professional and brief.', ['concise', 'formal']],
    ['Gentle, supportive and a little funny.', ['calm', 'encouraging', 'playful']],
    ['Nothing formal; casual and upbeat is best.', ['encouraging', 'friendly']],
  ])('%s', (text, expected) => {
    expect(tones(text)).toEqual(expected);
  });
});

describe('preference pairs, and what is not mapped is reported', () => {
  const pairs = (text: string) => {
    const r = imported({ Personal_Preference: text });
    return {
      pairs: r.persona.rubric.personalPreference.welcome.flatMap((w) =>
        w.activities.flatMap((a) => w.topics.map((t) => `${a}|${t}`)),
      ),
      unmapped: r.evidence.filter((e) => e.how === 'unmapped').map((e) => e.quote),
    };
  };
  it.each([
    ["Video game recommendations when I'm preparing to play before bed.", 'games|games'],
    ['Suggestions for coffee blends while I make my morning coffee.', 'coffee|coffee'],
    ['Finance advice while I relax.', 'relax|finance'],
    ['Ideas for hosting gatherings while I cook.', 'cooking|hosting'],
    ['Decor ideas while I rearrange the furniture.', 'tidying|decor'],
    ['Trip ideas when I unwind in the evening.', 'relax|travel'],
    ['Outfit ideas while I get dressed.', 'dress|style'],
    ['When I am studying, learning tips are welcome.', 'study|learning'],
  ])('%s', (text, pair) => {
    expect(pairs(text).pairs).toContain(pair);
  });

  it('reports a clause it cannot map, quoted', () => {
    const r = pairs(
      'Recipes while I cook. I also like hearing about astrophysics podcasts from distant lands.',
    );
    expect(r.pairs).toContain('cooking|recipes');
    expect(r.unmapped.some((q) => q?.includes('astrophysics'))).toBe(true);
  });

  it('every derived rubric field has evidence with a quote from the paragraph', () => {
    const r = imported({});
    for (const field of [
      'rubric.timing.welcomeWindows',
      'rubric.timing.quietActivities',
      'rubric.frequency',
      'rubric.communication.tones',
      'rubric.personalPreference.welcome.0',
    ]) {
      const e = r.evidence.find((x) => x.field === field && x.how === 'derived');
      expect(e, field).toBeDefined();
      expect(e?.quote, field).toBeTruthy();
      const source = Object.values(BASE.criteria as Record<string, string>).join(' ');
      expect(source.includes(e?.quote ?? '#'), `${field}: ${e?.quote}`).toBe(true);
    }
  });
});
