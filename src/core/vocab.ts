/**
 * The shared vocabulary of the simulation: what a person can be doing, what a
 * suggestion can be about and how it can sound. Personas, the planner, the
 * judge, the catalogue and the assistants all speak in these words, so a
 * rubric written against them can be applied without a model.
 */

export const ACTIVITY_KINDS = [
  'sleep',
  'nap',
  'wake-up',
  'toilet',
  'hygiene',
  'shower',
  'dress',
  'coffee',
  'cooking',
  'breakfast',
  'lunch',
  'dinner',
  'snack',
  'dishes',
  'work',
  'study',
  'reading',
  'writing',
  'tv',
  'music',
  'exercise',
  'yoga',
  'meditation',
  'gardening',
  'plant-care',
  'cleaning',
  'laundry',
  'tidying',
  'hobby',
  'games',
  'call',
  'journaling',
  'relax',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Broad groups that rubric prose and the timeline use ("meals", "chores"...). */
export const ACTIVITY_GROUPS = {
  rest: ['sleep', 'nap'],
  morning: ['wake-up', 'dress'],
  bathroom: ['toilet', 'hygiene', 'shower'],
  meals: ['breakfast', 'lunch', 'dinner', 'snack', 'coffee'],
  kitchen: ['cooking', 'dishes'],
  focus: ['work', 'study', 'writing'],
  leisure: ['reading', 'tv', 'music', 'games', 'hobby', 'relax', 'call'],
  body: ['exercise', 'yoga', 'meditation'],
  garden: ['gardening', 'plant-care'],
  chores: ['cleaning', 'laundry', 'tidying', 'dishes'],
  reflection: ['journaling', 'meditation'],
} as const satisfies Record<string, readonly ActivityKind[]>;

export const TOPICS = [
  'nutrition',
  'recipes',
  'hydration',
  'fitness',
  'stretching',
  'sleep',
  'mindfulness',
  'productivity',
  'focus',
  'learning',
  'books',
  'music',
  'film',
  'decor',
  'gardening',
  'cleaning',
  'finance',
  'social',
  'self-care',
  'creativity',
  'news',
  'tech',
  // Asked for by personas in the ProPerSim reference format (issue 10).
  'games',
  'coffee',
  'hosting',
  'travel',
  'style',
] as const;
export type Topic = (typeof TOPICS)[number];

export const TONES = ['friendly', 'calm', 'concise', 'playful', 'encouraging', 'formal'] as const;
export type Tone = (typeof TONES)[number];

export const BIG_FIVE_TRAITS = [
  'extraversion',
  'agreeableness',
  'conscientiousness',
  'openness',
  'neuroticism',
] as const;
export type BigFiveTrait = (typeof BIG_FIVE_TRAITS)[number];
export type TraitLevel = 'High' | 'Low';
export type BigFive = Record<BigFiveTrait, TraitLevel>;

export const CRITERIA = ['preference', 'timing', 'frequency', 'communication'] as const;
export type Criterion = (typeof CRITERIA)[number];

export const CRITERION_LABELS: Record<Criterion, string> = {
  preference: 'Personal preference',
  timing: 'Timing',
  frequency: 'Frequency',
  communication: 'Communication & safety',
};
