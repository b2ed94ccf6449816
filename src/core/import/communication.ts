/**
 * Communication & safety: accepted tones and topics to avoid. A tone word
 * under a negation ("not overly formal", "never preachy", "without jokes")
 * excludes its tone, even when another word would have allowed it ("polite
 * but not formal" is calm only). Remarks with no field (privacy, values,
 * emotional boundaries) are reported, quoted.
 */
import type { Tone, Topic } from '../vocab';
import type { EvidenceLog } from './evidence';
import { TONE_WORDS } from './lexicon';
import { topicsIn, uniq } from './match';
import { clauses } from './text';

const FROM = 'criteria.Communication_&_Safety';
const C = 'rubric.communication';

const AVOID_RE =
  /\b(?:(?:please )?(?:don't|do not|never|no need to)\s+(?:ever\s+)?(?:bring up|bring|mention|ask (?:me )?about|talk about|comment on|discuss|lecture me (?:on|about)|pry into|push|suggest anything about|give (?:me )?advice (?:on|about))|avoid\w*|stay away from|steer clear of|skip|no (?:talk|mention|questions|comments|lectures|advice)\s+(?:of|about|on)|keep\b.{1,40}\bout of)\b(.*)$/;
const PROSE_ONLY =
  /\b(?:privacy|private|personal (?:data|information|details)|emotion\w*|feelings|values?|judg\w*|lectur\w*|preach\w*|pushy|safety|medical|boundar\w*|consent|respect\w*)\b/g;
const TONE_NEGATOR =
  /\b(?:not|never|no|don't|without|nothing|avoid|too|overly|less|un|rather than|instead of|never too|not too)\s+(?:\w+\s+){0,2}$/;

export function deriveCommunication(
  prose: string,
  log: EvidenceLog,
): { tones: Tone[]; avoidTopics: Topic[] } {
  const allowed: Tone[] = [];
  const excluded: Tone[] = [];
  const avoid: Topic[] = [];
  for (const c of clauses(prose)) {
    const t = c.norm;
    const here: Tone[] = [];
    const notHere: Tone[] = [];
    for (const [re, ts] of TONE_WORDS) {
      for (const m of t.matchAll(new RegExp(re.source, 'g'))) {
        const before = t.slice(0, m.index ?? 0);
        const negated =
          TONE_NEGATOR.test(before) ||
          (c.negative && !AVOID_RE.test(t) && /^(?:but )?(?:not|never|no|nothing)\b/.test(t));
        (negated ? notHere : here).push(...ts);
      }
    }
    if (here.length) log.derived(`${C}.tones`, uniq(here).join(', '), FROM, c.text);
    if (notHere.length)
      log.derived(
        `${C}.tones`,
        `not ${uniq(notHere).join(', ')}`,
        FROM,
        c.text,
        'a negated tone is excluded',
      );
    allowed.push(...here);
    excluded.push(...notHere);

    const m = AVOID_RE.exec(t);
    if (m) {
      // The avoided things run to the end of the clause ("…, and please respect my privacy" is not one).
      const phrase = ((m[1] ?? '').split(/\s+\band please\b|\s+\bbecause\b/)[0] as string)
        .replace(/[.!?]+$/, '')
        .trim();
      const said = `${m[0].slice(0, m[0].length - (m[1] ?? '').length)} ${phrase}`;
      const topics = topicsIn(said);
      if (topics.length > 0) {
        avoid.push(...topics);
        log.derived(`${C}.avoidTopics`, topics.join(', '), FROM, c.text);
      }
      const parts = phrase.split(/\s*,\s*|\s+\bor\b\s+|\s+\band\b\s+/).filter((p) => p.length > 0);
      const unmapped = parts.filter((p) => topicsIn(p).length === 0);
      if (unmapped.length > 0)
        log.unmapped(
          `${C}.avoidTopics`,
          FROM,
          c.text,
          `${unmapped.map((u) => `"${u}"`).join(', ')} match no topic of ours`,
        );
    }
    const proseOnly = uniq([...t.matchAll(PROSE_ONLY)].map((x) => x[0]));
    if (proseOnly.length > 0 && !m && here.length === 0 && notHere.length === 0)
      log.unmapped(C, FROM, c.text, `remarks on ${proseOnly.join(', ')} have no structured field`);
    else if (proseOnly.length > 0)
      log.note(
        C,
        FROM,
        c.text,
        `remarks on ${proseOnly.join(', ')} have no structured field (kept in prose)`,
      );
  }
  let tones = uniq(allowed).filter((x) => !excluded.includes(x));
  if (tones.length === 0) {
    const fallback: Tone[] = (['friendly', 'calm'] as Tone[]).filter((x) => !excluded.includes(x));
    tones = fallback.length ? fallback : ['concise'];
    log.defaulted(
      `${C}.tones`,
      tones.join(', '),
      FROM,
      'no tone words found (or all were negated)',
    );
  }
  return { tones, avoidTopics: uniq(avoid) };
}
