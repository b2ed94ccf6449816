/**
 * Personal preference: which topics are welcome during which activities.
 * Topics come from the words before a connector ("decor ideas"), activities
 * from the words after it ("while I'm rearranging the room"); a clause with
 * one and not the other pairs with its neighbour in the same sentence. A
 * clause that says what is not wanted, or names nothing we know, is reported.
 */
import type { ActivityKind, Topic } from '../vocab';
import type { EvidenceLog } from './evidence';
import { ACTIVITY_DEFAULT_TOPICS, TOPIC_DEFAULT_ACTIVITIES } from './lexicon';
import { findActivities, substantive, topicsIn, uniq } from './match';
import { clauses, norm } from './text';
import { PERIODS } from './times';

const FROM = 'criteria.Personal_Preference';
const W = 'rubric.personalPreference.welcome';

const CONNECTOR =
  /\b(?:while|when|whenever|during|as i(?:'m| am)?|in the middle of|once i(?:'m| am)?|if i(?:'m| am)|with my|over (?:my )?|at)\b/g;

/** The moment words a period names, as activities ("before bed" → winding down). */
const PERIOD_ACTIVITY: Record<string, ActivityKind[]> = {
  'the hour before bed': ['relax', 'reading'],
  'after dinner': ['relax', 'tv'],
  'after work': ['relax'],
  lunch: ['lunch'],
};

export type Welcome = { activities: ActivityKind[]; topics: Topic[] }[];

export function derivePreference(prose: string, interests: string[], log: EvidenceLog): Welcome {
  const entries: Welcome = [];
  const add = (activities: ActivityKind[], topics: Topic[], quote: string, note?: string): void => {
    if (activities.length === 0 || topics.length === 0) return;
    const entry = { activities: uniq(activities), topics: uniq(topics) };
    entries.push(entry);
    log.derived(
      `${W}.${entries.length - 1}`,
      `${entry.topics.join(', ')} during ${entry.activities.join(', ')}`,
      FROM,
      quote,
      note,
    );
  };
  const paired = (topics: Topic[]): ActivityKind[] =>
    uniq(topics.flatMap((tp) => TOPIC_DEFAULT_ACTIVITIES[tp]));
  const all = clauses(prose);
  let sentence = -1;
  let pendingTopics: Topic[] = [];
  let pendingActs: ActivityKind[] = [];
  let pendingText: string[] = [];
  const flush = (): void => {
    const quote = pendingText.join(', ');
    if (pendingTopics.length > 0)
      add(
        paired(pendingTopics),
        pendingTopics,
        quote,
        'no activity named: the usual activities for the topic',
      );
    if (pendingActs.length > 0) {
      const topics = uniq(pendingActs.flatMap((a) => ACTIVITY_DEFAULT_TOPICS[a] ?? []));
      add(pendingActs, topics, quote, 'no topic named: the usual topics for the activity');
    }
    pendingTopics = [];
    pendingActs = [];
    pendingText = [];
  };
  for (const c of all) {
    if (c.sentence !== sentence) {
      flush();
      sentence = c.sentence;
    }
    if (c.role === 'purpose' || (c.role === 'condition' && c.ownNegation)) {
      log.note(
        'rubric.personalPreference',
        FROM,
        c.text,
        'a reason or condition: kept as a note (for receptivity)',
      );
      continue;
    }
    if (c.negative) {
      const t = topicsIn(c.norm);
      log.unmapped(
        W,
        FROM,
        c.text,
        t.length
          ? `says ${t.join(', ')} is not wanted here (no field for unwanted pairs)`
          : 'says what is not wanted',
      );
      continue;
    }
    // Activities come after a connector; a named part of the day is a moment too.
    let acts: ActivityKind[] = [];
    let topicText = c.norm;
    for (const m of [...c.norm.matchAll(CONNECTOR)]) {
      const from = (m.index ?? 0) + m[0].length;
      const after = c.norm.slice(from, from + 70);
      // "after dinner", "before bed" say when, not what: the activity is the other words.
      const when = after.replace(
        /\b(?:after|before) (?:dinner|supper|lunch|breakfast|work|bed(?:time)?)\b/g,
        (w) => ' '.repeat(w.length),
      );
      const found = findActivities(when).filter((f) => f.start <= 30);
      const end = found.length ? Math.max(...found.map((f) => f.end)) : 0;
      acts.push(...found.flatMap((f) => f.kinds));
      if (end > 0)
        topicText =
          topicText.slice(0, m.index) +
          ' '.repeat(from + end - (m.index ?? 0)) +
          topicText.slice(from + end);
    }
    // A part of the day stands for its usual activities only when no activity is named
    // ("film picks before bed" → winding down; "while I play before bed" is about playing).
    if (acts.length === 0) {
      for (const [re, name] of PERIODS) {
        const p = new RegExp(re.source).exec(topicText);
        const mapped = PERIOD_ACTIVITY[name];
        if (!p || !mapped) continue;
        acts.push(...mapped);
        topicText =
          topicText.slice(0, p.index) +
          ' '.repeat(p[0].length) +
          topicText.slice(p.index + p[0].length);
      }
    }
    acts = uniq(acts);
    const topics = topicsIn(topicText);
    if (acts.length > 0 && topics.length > 0) {
      add(acts, [...pendingTopics, ...topics], [...pendingText, c.text].join(', '));
      pendingTopics = [];
      pendingText = [];
    } else if (acts.length > 0) {
      if (pendingTopics.length > 0) {
        add(acts, pendingTopics, [...pendingText, c.text].join(', '));
        pendingTopics = [];
        pendingText = [];
      } else {
        pendingActs.push(...acts);
        pendingText.push(c.text);
      }
    } else if (topics.length > 0) {
      if (pendingActs.length > 0) {
        add(pendingActs, topics, [...pendingText, c.text].join(', '));
        pendingActs = [];
        pendingText = [];
      } else {
        pendingTopics.push(...topics);
        pendingText.push(c.text);
      }
    } else if (substantive(c.norm)) {
      log.unmapped(W, FROM, c.text, 'names no topic or activity we know');
    }
  }
  flush();
  if (entries.length === 0) {
    const fromInterests = uniq(interests.flatMap((i) => topicsIn(norm(i))));
    if (fromInterests.length > 0) {
      entries.push({ activities: paired(fromInterests), topics: fromInterests });
      log.defaulted(
        W,
        `${fromInterests.join(', ')} during their usual activities`,
        'current_interests',
        "no topic/activity pairs in the paragraph; the interests' topics",
      );
    } else {
      entries.push({ activities: ['relax'], topics: ['self-care'] });
      log.defaulted(
        W,
        'self-care during relax',
        FROM,
        'nothing mappable in the paragraph or interests',
      );
    }
  }
  return entries;
}
