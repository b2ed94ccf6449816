/**
 * The one way catalogue entries are written: the id is derived from the first
 * (primary) activity, the topic, the tone and a hand-assigned number, so ids
 * stay stable when entries are added or reordered.
 */
import type { CatalogueItem } from '../catalogue';
import type { ActivityKind, Tone, Topic } from '../vocab';

export function item(
  activities: readonly [ActivityKind, ...ActivityKind[]],
  topic: Topic,
  tone: Tone,
  n: number,
  text: string,
): CatalogueItem {
  return Object.freeze({
    id: `${activities[0]}-${topic}-${tone}-${n}`,
    text,
    topic,
    tone,
    activities: Object.freeze([...activities]),
  });
}
