/**
 * Simple assistants to run against: always recommend, never recommend, and
 * a coin flip. They draw their suggestions from the built-in catalogue for
 * the action they see, and learn nothing.
 */
import type { AssistantAgent, AssistantObservation } from '../../core/agents';
import { catalogueFor, type CatalogueItem } from '../../core/catalogue';
import type { Rng } from '../../core/rng';
import { SILENT, type Candidate } from '../../core/suggestion';

/** While walking the assistant only knows "walking": it falls back to general, restful tips. */
export function itemsFor(obs: AssistantObservation): readonly CatalogueItem[] {
  return obs.ctx.walking ? catalogueFor('relax') : catalogueFor(obs.ctx.action.kind);
}

export function recommendFrom(item: CatalogueItem): Candidate {
  return {
    kind: 'recommend',
    suggestion: { text: item.text, topic: item.topic, tone: item.tone, id: item.id },
  };
}

function randomSuggestion(obs: AssistantObservation, rng: Rng): Candidate {
  const items = itemsFor(obs);
  return items.length > 0 ? recommendFrom(rng.pick(items)) : SILENT;
}

type NoState = Record<string, never>;

function simple(id: string, label: string, speakProbability: number): AssistantAgent<NoState> {
  return {
    id,
    label,
    candidatesPerStep: 1,
    init: () => ({}),
    startDay: () => {},
    propose: (_s, obs, rng) => [rng.chance(speakProbability) ? randomSuggestion(obs, rng) : SILENT],
    learn: () => {},
  };
}

export const alwaysAssistant = simple('always', 'Always recommend', 1);
export const neverAssistant = simple('never', 'Never recommend', 0);
export const randomAssistant = simple('random', 'Random (speaks half the time)', 0.5);
