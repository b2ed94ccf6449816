/**
 * The built-in catalogue of suggestions, written by us: for each kind of
 * activity, useful suggestions in several tones, each tagged with a topic.
 * The simple assistants and the built-in ProPerAssistant draw from it; the
 * built-in judge reads the topic and tone.
 *
 * The entries live in `./catalogue/*.ts`, one file per group of activities;
 * this module joins them and indexes them by activity and by id.
 */
import { ASKED } from './catalogue/asked';
import { BODY } from './catalogue/body';
import { FOCUS } from './catalogue/focus';
import { HOME } from './catalogue/home';
import { LEISURE } from './catalogue/leisure';
import { MEALS } from './catalogue/meals';
import { REST_AND_BATHROOM } from './catalogue/rest-bathroom';
import { SHARED } from './catalogue/shared';
import { TOPPED_UP } from './catalogue/topped-up';
import { ACTIVITY_KINDS } from './vocab';
import type { ActivityKind, Tone, Topic } from './vocab';

export interface CatalogueItem {
  /** Stable id, e.g. "cooking-recipes-friendly-1". */
  id: string;
  text: string;
  topic: Topic;
  tone: Tone;
  /** Activities this suggestion fits. */
  activities: readonly ActivityKind[];
}

export const CATALOGUE: readonly CatalogueItem[] = Object.freeze([
  ...REST_AND_BATHROOM,
  ...MEALS,
  ...FOCUS,
  ...LEISURE,
  ...BODY,
  ...HOME,
  ...SHARED,
  ...ASKED,
  ...TOPPED_UP,
]);

const BY_ID: ReadonlyMap<string, CatalogueItem> = (() => {
  const map = new Map<string, CatalogueItem>();
  for (const entry of CATALOGUE) {
    if (map.has(entry.id)) throw new Error(`Duplicate catalogue id "${entry.id}"`);
    map.set(entry.id, entry);
  }
  return map;
})();

const BY_ACTIVITY: ReadonlyMap<ActivityKind, readonly CatalogueItem[]> = (() => {
  const lists = new Map<ActivityKind, CatalogueItem[]>(ACTIVITY_KINDS.map((kind) => [kind, []]));
  for (const entry of CATALOGUE) {
    for (const kind of new Set(entry.activities)) lists.get(kind)?.push(entry);
  }
  const frozen = new Map<ActivityKind, readonly CatalogueItem[]>();
  for (const [kind, list] of lists) frozen.set(kind, Object.freeze(list));
  return frozen;
})();

const NONE: readonly CatalogueItem[] = Object.freeze([]);

/** The suggestions that fit `kind`, in catalogue order (empty for 'sleep'). */
export function catalogueFor(kind: ActivityKind): readonly CatalogueItem[] {
  return BY_ACTIVITY.get(kind) ?? NONE;
}

/** The catalogue entry with this id; throws if there is none. */
export function catalogueItem(id: string): CatalogueItem {
  const entry = BY_ID.get(id);
  if (!entry) throw new Error(`Unknown catalogue item "${id}"`);
  return entry;
}
