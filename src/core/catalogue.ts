/**
 * The built-in catalogue of suggestions, written by us: for each kind of
 * activity, useful suggestions in several tones, each tagged with a topic.
 * The simple assistants and the built-in ProPerAssistant draw from it; the
 * built-in judge reads the topic and tone.
 */
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

export const CATALOGUE: readonly CatalogueItem[] = [];
