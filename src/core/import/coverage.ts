/**
 * Which welcome (activity, topic) pairs of a persona the catalogue can meet:
 * a pair is met when at least two items are about the topic, fit the
 * activity and use a tone the persona accepts (the same bar the catalogue
 * test holds our own personas to).
 */
import { CATALOGUE } from '../catalogue';
import type { Persona } from '../persona';
import type { ActivityKind, Topic } from '../vocab';

export interface PairCoverage {
  activity: ActivityKind;
  topic: Topic;
  /** Items that fit the pair in an accepted tone. */
  items: number;
}

/** Every welcome pair with its count of fitting items, in the order the rubric lists them. */
export function welcomeCoverage(persona: Persona): PairCoverage[] {
  const tones = persona.rubric.communication.tones;
  const out: PairCoverage[] = [];
  const seen = new Set<string>();
  for (const w of persona.rubric.personalPreference.welcome) {
    for (const activity of w.activities) {
      for (const topic of w.topics) {
        const key = `${activity}|${topic}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const items = CATALOGUE.filter(
          (c) => c.topic === topic && c.activities.includes(activity) && tones.includes(c.tone),
        ).length;
        out.push({ activity, topic, items });
      }
    }
  }
  return out;
}

/** The pairs fewer than `min` items can meet. */
export function unmetWelcome(persona: Persona, min = 2): PairCoverage[] {
  return welcomeCoverage(persona).filter((p) => p.items < min);
}
