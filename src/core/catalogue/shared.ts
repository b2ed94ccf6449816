/** Suggestions that fit many activities at once: water, posture, breaks. */
import type { CatalogueItem } from '../catalogue';
import { item } from './item';

export const SHARED: readonly CatalogueItem[] = [
  item(
    ['work', 'study', 'writing', 'reading', 'hobby', 'games', 'exercise', 'gardening', 'cleaning'],
    'hydration',
    'concise',
    1,
    'Take a few sips of water now.',
  ),
  item(
    ['work', 'study', 'writing', 'reading', 'hobby', 'games'],
    'hydration',
    'friendly',
    1,
    "How about keeping a glass of water within reach? You'll sip without even thinking about it.",
  ),
  item(
    ['work', 'study', 'writing'],
    'hydration',
    'playful',
    1,
    'Your brain is mostly water. Top it up before it starts making puddle-level decisions.',
  ),
  item(
    ['work', 'study', 'writing', 'hobby'],
    'hydration',
    'formal',
    1,
    'A glass of water every hour or so may help to sustain your concentration during long stretches of work.',
  ),
  item(
    ['work', 'study', 'writing', 'reading', 'hobby', 'games', 'tv'],
    'stretching',
    'calm',
    1,
    'Sit back, let your feet rest flat on the floor, and slowly lengthen through the top of your head.',
  ),
  item(
    ['work', 'study', 'writing', 'hobby'],
    'fitness',
    'friendly',
    1,
    'How about a quick walk to the end of the street and back? A few minutes outside can reset the whole afternoon.',
  ),
  item(
    ['work', 'study', 'writing'],
    'mindfulness',
    'calm',
    1,
    'Before starting the next task, take one slow breath in and a longer one out.',
  ),
  item(
    ['work', 'study', 'writing', 'hobby', 'cleaning'],
    'productivity',
    'encouraging',
    2,
    "One step at a time is still progress, and you've already taken plenty today.",
  ),
  item(
    ['breakfast', 'lunch', 'dinner', 'snack', 'cooking'],
    'nutrition',
    'playful',
    1,
    'Eat the rainbow: the more colours on the plate, the happier your body. Beige does not count as a colour.',
  ),
  item(
    ['breakfast', 'lunch', 'dinner', 'cooking'],
    'nutrition',
    'encouraging',
    1,
    'Choosing whole grains over white bread or rice is an easy win, and you are already eating well.',
  ),
  item(
    ['wake-up', 'dress', 'hygiene', 'shower'],
    'self-care',
    'calm',
    1,
    'There is no need to rush this morning; a few unhurried minutes now make the rest of the day gentler.',
  ),
  item(
    ['relax', 'journaling', 'meditation'],
    'self-care',
    'friendly',
    1,
    'How about making a warm caffeine-free tea to go with this quiet moment?',
  ),
];
