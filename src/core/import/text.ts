/**
 * Splitting rubric prose into clauses and reading each clause's role and
 * polarity. compromise splits sentences and clauses and tags negation; our
 * own cue words say what a clause does to the sentence it is in:
 *
 * - a purpose or reason ("so they don't interfere with my work", "because…")
 *   explains the main clause and never flips it;
 * - a condition ("especially when I'm not deep in client work", "if…") narrows
 *   it and does not flip it either (its own negation is about the condition);
 * - an exception ("except during meals", "unless…") is a "not";
 * - a contrast ("but never during dinner") starts afresh with its own polarity;
 * - anything else continues the sentence ("around 7am, or in the evening")
 *   and keeps its polarity unless it is itself negated.
 */
import nlp from 'compromise';

export type ClauseRole =
  'main' | 'continuation' | 'contrast' | 'exception' | 'condition' | 'purpose';

export interface Clause {
  /** The clause as written (a.m./p.m. spelt am/pm), for quoting. */
  text: string;
  /** Lower case, plain dashes and quotes, single spaces: what the patterns read. */
  norm: string;
  role: ClauseRole;
  /** Whether what it says is unwelcome (after the role rules above). */
  negative: boolean;
  /** Whether the clause itself carries a negation (a negated condition, a purpose "so they don't…"). */
  ownNegation: boolean;
  /** Index of the sentence in the paragraph. */
  sentence: number;
}

/** Lower case, plain dashes and quotes, "a.m." → "am", single spaces. */
export function norm(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\b([ap])\.\s?m\.?(?=\s|$|[,;:!?)])/g, '$1m')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Spell a.m./p.m. as am/pm so the sentence splitter does not end a sentence there. */
function plainMeridiem(text: string): string {
  return text
    .replace(/\b([aApP])\.\s?[mM]\.(?=\s+[A-Z])/g, (_m, a: string) => `${a}m.`)
    .replace(/\b([aApP])\.\s?[mM]\.?(?=\s|$|[,;:!?)])/g, (_m, a: string) => `${a}m`);
}

// Cues at the start of a clause (after normalisation).
const PURPOSE =
  /^(?:so (?:that|they|it|i|as|he|she|we|you|these|those|my|our|the|there|nothing|everything|things)\b|so\s+(?:don't|do not|won't)\b|in order (?:to|that)\b|to (?:avoid|keep|make sure|help|stop|prevent)\b|that way\b|because\b|since (?:i|it|they|that)\b|as (?:i|it|they|that) (?:helps?|keeps?|lets?|gives?)\b|which (?:helps?|keeps?|lets?|means)\b)/;
const CONDITION =
  /^(?:(?:especially|particularly|mostly|ideally|preferably|only|above all)\s*,?\s*)?(?:when(?:ever)?|if|as long as|provided(?: that)?|once|assuming)\b|^(?:especially|particularly|ideally|preferably)\b/;
const EXCEPTION =
  /^(?:except(?: for| when| during| while)?|unless|other than|apart from|besides|excluding|but not|not including)\b/;
const CONTRAST = /^(?:but|however|though|although|yet|whereas|otherwise|still|on the other hand)\b/;

/** Where a clause is split further inside (compromise splits at commas and some conjunctions). */
const INNER_SPLIT =
  /\s+(?=(?:so (?:that|they|it|as|i|my|our|the|there|nothing)|because|especially (?:when|if|during|while|in|at|on)|particularly when|except(?: for| when| during| while)?|unless|but|however|though|although|whereas|as long as|provided)\b)/;

const NEG_WORDS =
  /\b(?:never|not|no|don't|dont|do not|doesn't|won't|can't|cannot|nothing|nobody|avoid\w*|hate|hates|dislike\w*|rather not|shouldn't|mustn't|off[- ]limits|unwelcome|leave me (?:alone|be)|interrupt\w*|disturb\w*|bother\w*|distract\w*|intrud\w*|pester\w*)\b/;
/** Phrases with a negative word that are not a "no": "I don't mind", "no more than two". */
const NOT_NEG =
  /\b(?:(?:don't|do not|wouldn't|would not|won't|will not) mind|not opposed|no problem|not only|no more than|not more than|no later than|not later than|no earlier than|not earlier than|not before|not after|no fewer than|no less than|not too (?:late|early|often|rare|many|few)\w*|never more than|never fewer than|not a (?:problem|bother)|not bother(?:ed)? by|never (?:a )?bother|doesn't bother|don't bother me)\b/g;

/** True when the clause says something is unwelcome. */
export function hasNegation(normText: string): boolean {
  const t = normText.replace(NOT_NEG, ' ');
  if (NEG_WORDS.test(t)) return true;
  // compromise catches negations our word list misses ("isn't", "aren't", "hardly").
  const doc = nlp(t);
  return doc.has('#Negative') && !/\b(?:mind|problem)\b/.test(t);
}

/** The clauses of a paragraph, in order, with their roles and polarity. */
export function clauses(paragraph: string): Clause[] {
  const out: Clause[] = [];
  const doc = nlp(plainMeridiem(paragraph));
  const sentences = doc
    .sentences()
    .out('array')
    .flatMap((s: string) => s.split(/\s*;\s*|\s+[-\u2013\u2014]\s+/));
  sentences.forEach((sentence: string, si: number) => {
    if (!sentence.trim()) return;
    const split = (nlp(sentence).clauses().out('array') as string[]).flatMap((c) =>
      c.split(INNER_SPLIT),
    );
    // compromise starts a clause at "until"; "from 9:30 until 11:30" is one range.
    const pieces: string[] = [];
    for (const p of split) {
      if (pieces.length > 0 && /^\s*(?:until|till|til|through|to)\b/i.test(p))
        pieces[pieces.length - 1] = `${pieces[pieces.length - 1]} ${p.trim()}`;
      else pieces.push(p);
    }
    let polarity: boolean | null = null;
    for (const piece of pieces) {
      const text = piece.trim().replace(/^[,;:\s]+|[,;:.!?\s]+$/g, '');
      if (!text) continue;
      const n = norm(text).replace(/^(?:and|or|then|also|plus|and then)\s+/, '');
      const own = hasNegation(n);
      let role: ClauseRole;
      let negative: boolean;
      if (polarity === null) {
        // The first clause of a sentence is its main clause unless it opens with a cue.
        if (EXCEPTION.test(n)) {
          role = 'exception';
          negative = true;
        } else if (PURPOSE.test(n)) {
          role = 'purpose';
          negative = false;
        } else if (CONDITION.test(n) && pieces.length > 1) {
          role = 'condition';
          negative = false;
        } else {
          role = 'main';
          negative = own;
          polarity = own;
        }
      } else if (PURPOSE.test(n)) {
        role = 'purpose';
        negative = polarity;
      } else if (EXCEPTION.test(n)) {
        role = 'exception';
        negative = !polarity;
      } else if (CONTRAST.test(n)) {
        role = 'contrast';
        negative = own;
        polarity = own;
      } else if (CONDITION.test(n)) {
        role = 'condition';
        negative = polarity;
      } else {
        role = 'continuation';
        negative = own || polarity;
        if (own) polarity = true;
      }
      out.push({ text, norm: n, role, negative, ownNegation: own, sentence: si });
    }
  });
  return out;
}
