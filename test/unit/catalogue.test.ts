import { describe, expect, it } from 'vitest';
import { loadAllPersonas } from '../../src/cli/personas-node';
import { CATALOGUE, catalogueFor, catalogueItem } from '../../src/core/catalogue';
import { resolveReceptivity } from '../../src/core/receptivity';
import type { CatalogueItem } from '../../src/core/catalogue';
import { ACTIVITY_KINDS, TONES, TOPICS } from '../../src/core/vocab';
import type { ActivityKind } from '../../src/core/vocab';

/** Words are whitespace-separated tokens holding a letter or digit (so a dash is not one). */
function wordCount(text: string): number {
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

const SPEAKING_KINDS = ACTIVITY_KINDS.filter((kind) => kind !== 'sleep');
const RARELY_SPOKEN_TO: readonly ActivityKind[] = ['nap', 'toilet'];

function countBy<K extends string>(items: readonly CatalogueItem[], key: (i: CatalogueItem) => K) {
  const counts = new Map<K, number>();
  for (const entry of items) counts.set(key(entry), (counts.get(key(entry)) ?? 0) + 1);
  return counts;
}

describe('CATALOGUE', () => {
  it('holds about three hundred items', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(280);
  });

  it('has unique ids of the form <activity>-<topic>-<tone>-<n>', () => {
    const ids = CATALOGUE.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of CATALOGUE) {
      const prefix = `${entry.activities[0]}-${entry.topic}-${entry.tone}-`;
      expect(entry.id.startsWith(prefix), entry.id).toBe(true);
      expect(entry.id.slice(prefix.length), entry.id).toMatch(/^[1-9]\d*$/);
    }
  });

  it('has unique texts', () => {
    const texts = CATALOGUE.map((entry) => entry.text.toLowerCase().trim());
    const dupes = texts.filter((text, i) => texts.indexOf(text) !== i);
    expect(dupes).toEqual([]);
  });

  it('uses only known topics, tones and activities, never sleep, without repeats', () => {
    for (const entry of CATALOGUE) {
      expect(TOPICS).toContain(entry.topic);
      expect(TONES).toContain(entry.tone);
      expect(entry.activities.length).toBeGreaterThan(0);
      expect(new Set(entry.activities).size).toBe(entry.activities.length);
      for (const kind of entry.activities) expect(ACTIVITY_KINDS).toContain(kind);
      expect(entry.activities).not.toContain('sleep');
    }
  });

  it('writes each item as one or two short sentences', () => {
    for (const entry of CATALOGUE) {
      expect(wordCount(entry.text), entry.id).toBeLessThanOrEqual(30);
      expect(entry.text, entry.id).toMatch(/^[A-Z]/);
      expect(entry.text, entry.id).toMatch(/[.?!]$/);
      expect(entry.text, entry.id).toBe(entry.text.trim());
      expect(entry.text, entry.id).not.toMatch(/\s{2}/);
    }
  });

  it('keeps concise items to ten words or fewer', () => {
    const concise = CATALOGUE.filter((entry) => entry.tone === 'concise');
    expect(concise.length).toBeGreaterThan(0);
    for (const entry of concise) {
      expect(wordCount(entry.text), entry.id).toBeLessThanOrEqual(10);
      expect(entry.text, entry.id).not.toMatch(/\?/);
    }
  });

  it('writes formal items without contractions or apostrophes', () => {
    const formal = CATALOGUE.filter((entry) => entry.tone === 'formal');
    expect(formal.length).toBeGreaterThan(0);
    for (const entry of formal) {
      expect(entry.text, entry.id).not.toMatch(/['’]/);
      expect(entry.text, entry.id).not.toMatch(/\b(gonna|wanna|ok|okay)\b/i);
    }
  });

  it('words most friendly items as an invitation', () => {
    const friendly = CATALOGUE.filter((entry) => entry.tone === 'friendly');
    const inviting = friendly.filter((entry) => /how about|\?/i.test(entry.text));
    expect(inviting.length / friendly.length).toBeGreaterThan(0.9);
  });

  it('covers every topic at least six times', () => {
    const counts = countBy(CATALOGUE, (entry) => entry.topic);
    for (const topic of TOPICS) expect(counts.get(topic) ?? 0, topic).toBeGreaterThanOrEqual(6);
  });

  it('uses every tone widely', () => {
    const counts = countBy(CATALOGUE, (entry) => entry.tone);
    for (const tone of TONES) expect(counts.get(tone) ?? 0, tone).toBeGreaterThanOrEqual(30);
  });

  it.each(SPEAKING_KINDS)('offers %s enough items, topics and tones', (kind) => {
    const items = catalogueFor(kind);
    const minimum = RARELY_SPOKEN_TO.includes(kind) ? 4 : 8;
    expect(items.length).toBeGreaterThanOrEqual(minimum);
    expect(new Set(items.map((entry) => entry.topic)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(items.map((entry) => entry.tone)).size).toBeGreaterThanOrEqual(4);
  });

  it('offers nothing during sleep', () => {
    expect(catalogueFor('sleep')).toEqual([]);
  });
});

describe('persona coverage', () => {
  const personas = loadAllPersonas();

  it('loads the personas', () => {
    expect(personas.length).toBeGreaterThanOrEqual(30);
  });

  it.each(personas.map((persona) => [persona.id, persona] as const))(
    'offers %s at least two fitting items for every welcomed activity and topic',
    (_id, persona) => {
      const tones = persona.rubric.communication.tones;
      const gaps: string[] = [];
      let combos = 0;
      for (const welcome of persona.rubric.personalPreference.welcome) {
        for (const kind of welcome.activities) {
          for (const topic of welcome.topics) {
            combos++;
            const fitting = CATALOGUE.filter(
              (entry) =>
                entry.topic === topic &&
                entry.activities.includes(kind) &&
                tones.includes(entry.tone),
            );
            if (fitting.length < 2) gaps.push(`${kind} × ${topic}: ${fitting.length}`);
          }
        }
      }
      expect(combos).toBeGreaterThan(0);
      expect(gaps).toEqual([]);
    },
  );

  it.each(personas.map((persona) => [persona.id, persona] as const))(
    'offers %s a fresh item per welcomed activity for each day habituation remembers',
    (_id, persona) => {
      // The same suggestion within `sameSuggestionDays` days fails Preference; one
      // welcome suggestion a day per activity must still find a fresh item.
      const days = resolveReceptivity(persona).sameSuggestionDays;
      const tones = persona.rubric.communication.tones;
      const short: string[] = [];
      for (const kind of new Set(
        persona.rubric.personalPreference.welcome.flatMap((w) => w.activities),
      )) {
        const topics = persona.rubric.personalPreference.welcome
          .filter((w) => w.activities.includes(kind))
          .flatMap((w) => w.topics);
        const fitting = CATALOGUE.filter(
          (entry) =>
            topics.includes(entry.topic) &&
            entry.activities.includes(kind) &&
            tones.includes(entry.tone),
        );
        if (fitting.length < days) short.push(`${kind}: ${fitting.length} < ${days}`);
      }
      expect(short).toEqual([]);
    },
  );
});

describe('catalogueFor', () => {
  it('returns exactly the items whose activities include the kind, in catalogue order', () => {
    for (const kind of ACTIVITY_KINDS) {
      const got = catalogueFor(kind);
      for (const entry of got) expect(entry.activities).toContain(kind);
      expect(got).toEqual(CATALOGUE.filter((entry) => entry.activities.includes(kind)));
    }
  });

  it('returns the same precomputed, frozen list each time', () => {
    const first = catalogueFor('cooking');
    expect(catalogueFor('cooking')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('includes shared items under every activity they list', () => {
    const shared = CATALOGUE.find((entry) => entry.activities.length > 3);
    expect(shared).toBeDefined();
    for (const kind of shared?.activities ?? []) expect(catalogueFor(kind)).toContain(shared);
  });
});

describe('catalogueItem', () => {
  it('finds every item by id', () => {
    for (const entry of CATALOGUE) expect(catalogueItem(entry.id)).toBe(entry);
  });

  it('finds a known example', () => {
    const entry = catalogueItem('cooking-recipes-friendly-1');
    expect(entry.topic).toBe('recipes');
    expect(entry.tone).toBe('friendly');
    expect(entry.activities).toContain('cooking');
  });

  it('throws on an unknown id, naming it', () => {
    expect(() => catalogueItem('no-such-item-1')).toThrow(/no-such-item-1/);
    expect(() => catalogueItem('')).toThrow();
  });
});
