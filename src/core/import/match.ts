/** Finding our words (activities, topics, tasks) in normalised text, with the lexicon's tables. */
import type { ObjectId } from '../home';
import type { ActivityKind, Topic } from '../vocab';
import { ACTIVITY_WORDS, TASK_MAP, TOPIC_WORDS } from './lexicon';
import { norm } from './text';

export const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

export interface Found<K> {
  kinds: K[];
  start: number;
  end: number;
  words: string;
}

function findAll<K>(table: readonly [RegExp, K[]][], text: string): Found<K>[] {
  const found: Found<K>[] = [];
  for (const [re, kinds] of table) {
    for (const m of text.matchAll(new RegExp(re.source, 'g'))) {
      const start = m.index ?? 0;
      found.push({ kinds, start, end: start + m[0].length, words: m[0] });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Activities named in the text, with the character span each match covers. */
export const findActivities = (text: string): Found<ActivityKind>[] =>
  findAll(ACTIVITY_WORDS, text);
export const findTopics = (text: string): Found<Topic>[] => findAll(TOPIC_WORDS, text);

export const activitiesIn = (text: string): ActivityKind[] =>
  uniq(findActivities(text).flatMap((f) => f.kinds));
export const topicsIn = (text: string): Topic[] => uniq(findTopics(text).flatMap((f) => f.kinds));

/** A household task or hobby → an activity, an object that affords it, usual minutes. */
export function matchTask(
  text: string,
): { activity: ActivityKind; object: ObjectId; minutes: number } | null {
  const t = norm(text);
  for (const [re, activity, object, minutes] of TASK_MAP) {
    if (re.test(t)) return { activity, object, minutes };
  }
  return null;
}

/** A clause worth reporting when nothing maps: it has a few words beyond courtesy. */
export function substantive(text: string): boolean {
  const t = text.replace(
    /\b(?:please|thanks?|thank you|i|me|my|it|they|them|the|a|an|is|are|be|to|and|or|so|too|also|just|really)\b/g,
    ' ',
  );
  return (
    t
      .replace(/[^a-z]+/g, ' ')
      .trim()
      .split(' ')
      .filter((w) => w.length > 2).length >= 2
  );
}
