/**
 * Import of persona files written in the ProPerSim reference format: a JSON
 * object with age, a Big Five string, background, interests, lifestyle, a
 * long-term goal, daily plan requirements and four first-person rubric
 * paragraphs (`criteria`). The prose is kept verbatim; the structured parts of
 * our Persona are read from the words (routine.ts, timing.ts, frequency.ts,
 * preference.ts, communication.ts), and every field records its evidence: the
 * clause it came from, quoted, or the default used and why. A clause that maps
 * to nothing is reported, never dropped. Pure: the language libraries it uses
 * are deterministic given the fixed reference date (times.ts).
 */
import { PersonaError, parsePersona, type Persona } from '../persona';
import { parseHhmm } from '../time';
import { BIG_FIVE_TRAITS } from '../vocab';
import { deriveCommunication } from './communication';
import { isProPerSimPersona } from './detect';
import { EvidenceLog, evidenceLine, type Evidence } from './evidence';
import {
  TRAIT_NAMES,
  isRecord,
  readBigFive,
  readCriteria,
  readList,
  readString,
  type Problem,
} from './fields';
import { deriveFrequency } from './frequency';
import { derivePreference } from './preference';
import { deriveRoutine } from './routine';
import { norm } from './text';
import { slug } from './slug';
import { deriveTiming } from './timing';

export { isProPerSimPersona };

export interface ProPerSimImport {
  persona: Persona;
  /** Every field's evidence (also on `persona.derivation`). */
  evidence: Evidence[];
  /** What was read from the words, in plain sentences. */
  derived: string[];
  /** What the words did not give (the default used) and clauses that map to no field. */
  notDerived: string[];
}

export interface ImportOptions {
  /** The id to give the persona (from its folder or file name); default: from its name. */
  id?: string;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const SKIN = [
  '#f5d0b5',
  '#e8b896',
  '#d69f7e',
  '#c68863',
  '#a86b4c',
  '#8d5524',
  '#6b4226',
  '#f1c8a6',
];
const HAIR = ['#2b1b14', '#4a2f1f', '#6d4c33', '#a0703f', '#d9b26f', '#7a2e1f'];
const GREY = ['#b0b0b0', '#d6d6d6', '#8c8c8c'];
const OUTFIT = [
  '#3b6ea5',
  '#a53b54',
  '#3ba57a',
  '#a5833b',
  '#6b3ba5',
  '#3b9aa5',
  '#d0743c',
  '#5a6b3b',
];

/**
 * Convert a ProPerSim persona object into our Persona. Throws a PersonaError
 * naming `source` and the offending field when the input is not usable.
 */
export function importProPerSimPersona(
  data: unknown,
  source: string,
  options: ImportOptions = {},
): ProPerSimImport {
  const problems: Problem[] = [];
  const log = new EvidenceLog();
  if (!isRecord(data)) {
    throw new PersonaError(source, [
      { path: '', message: 'a ProPerSim persona must be a JSON object' },
    ]);
  }

  let age = 0;
  const rawAge = data.age;
  const ageNum = typeof rawAge === 'string' && /^\s*\d+\s*$/.test(rawAge) ? Number(rawAge) : rawAge;
  if (typeof ageNum !== 'number' || !Number.isInteger(ageNum) || ageNum < 18 || ageNum > 100) {
    problems.push({
      path: 'age',
      message:
        rawAge === undefined ? 'missing (a whole number 18–100)' : 'must be a whole number 18–100',
    });
  } else age = ageNum;
  const bigFive = readBigFive(data.big_five_personality_traits, problems);
  const background = readString(data, ['background'], problems);
  const interests = readList(data, ['current_interests', 'interests'], 3, problems);
  const lifestyle = readList(data, ['lifestyle'], 3, problems);
  const longTermGoal = readString(data, ['long_term_goals', 'long_term_goal'], problems);
  const planReqs = readList(data, ['daily_plan_req', 'daily_plan_requirements'], 3, problems);
  const criteria = readCriteria(data.criteria, problems);
  const rawName = data.name;
  if (rawName !== undefined && (typeof rawName !== 'string' || rawName.trim() === '')) {
    problems.push({ path: 'name', message: 'must be a non-empty text when given' });
  }
  if (problems.length > 0 || !bigFive)
    throw new PersonaError(`${source} (ProPerSim format)`, problems);

  const hash = fnv1a(`${typeof rawName === 'string' ? rawName : ''}|${background}`)
    .toString(16)
    .padStart(8, '0');
  log.derived(
    'bigFive',
    BIG_FIVE_TRAITS.map((t) => `${TRAIT_NAMES[t]} ${bigFive[t]}`).join(', '),
    'big_five_personality_traits',
    null,
  );

  // Name, id, pronouns, avatar.
  let name: string;
  if (typeof rawName === 'string') {
    name = rawName.trim();
    log.derived('name', name, 'name', rawName);
  } else {
    const m =
      /^(?:i am |i'm )?(?:an?|the)\s+(.+?)(?:\s+(?:who|with|that|living|based|from|in|at|whose|working|and)\b|[,.;]|$)/i.exec(
        background,
      );
    const phrase = m?.[1]?.trim();
    if (phrase && phrase.length <= 48) {
      name = phrase.charAt(0).toUpperCase() + phrase.slice(1);
      log.defaulted('name', name, 'background', 'no name given; a phrase from the background');
    } else {
      name = `ProPerSim persona ${hash.slice(0, 6)}`;
      log.defaulted('name', name, 'name', 'no name given');
    }
  }
  const id =
    options.id || (typeof rawName === 'string' ? slug(rawName) : '') || `propersim-${hash}`;
  if (options.id) log.derived('id', id, 'file', null, 'from the file’s folder or name');

  const aboutText = norm([background, ...interests, ...lifestyle, longTermGoal].join(' '));
  let pronouns: Persona['pronouns'] = 'they/them';
  const gender = typeof data.gender === 'string' ? norm(data.gender) : '';
  if (/^(?:f|female|woman)$/.test(gender)) pronouns = 'she/her';
  else if (/^(?:m|male|man)$/.test(gender)) pronouns = 'he/him';
  if (gender && pronouns !== 'they/them')
    log.derived('pronouns', pronouns, 'gender', data.gender as string);
  else {
    const she = (aboutText.match(/\b(?:she|her|hers|herself)\b/g) ?? []).length;
    const he = (aboutText.match(/\b(?:he|him|his|himself)\b/g) ?? []).length;
    if (she > he) pronouns = 'she/her';
    else if (he > she) pronouns = 'he/him';
    if (pronouns === 'they/them')
      log.defaulted(
        'pronouns',
        'they/them',
        'background',
        'no he/she in the background or lifestyle',
      );
    else
      log.derived(
        'pronouns',
        pronouns,
        'background',
        null,
        'from the words of the background and lifestyle',
      );
  }
  const hairs = age >= 58 ? GREY : HAIR;
  const avatar = {
    skin: SKIN[hash.charCodeAt(0) % SKIN.length] as string,
    hair: hairs[parseInt(hash.slice(2, 4), 16) % hairs.length] as string,
    outfit: OUTFIT[parseInt(hash.slice(4, 6), 16) % OUTFIT.length] as string,
  };
  log.defaulted(
    'avatar',
    'colours from a hash of the name and background',
    'avatar',
    'not in the ProPerSim format',
  );

  // Routine, then the rubric (frequency first: its occasions are welcome times too).
  const { day, routine, dailyPlanRequirements } = deriveRoutine(
    { background, lifestyle, planReqs, interests },
    log,
  );
  const frequency = deriveFrequency(criteria.frequency, day, log);
  const timing = deriveTiming(criteria.timing, day, log, frequency.occasionTimes);
  if (frequency.perDay) {
    // The schema's frequency window is welcome time ("per N minutes of welcome
    // time": "too rare" counts only minutes in the windows), so a count per
    // day is a count per the day's welcome minutes.
    const welcomeMinutes = timing.welcomeWindows.reduce((sum, w) => {
      const from = parseHhmm(w.from);
      const to = parseHhmm(w.to);
      return sum + (to > from ? to - from : 1440 - from + to);
    }, 0);
    const windowMinutes = Math.max(30, Math.min(1440, welcomeMinutes));
    if (windowMinutes !== frequency.windowMinutes) {
      log.note(
        'rubric.frequency.windowMinutes',
        'criteria.Frequency',
        null,
        `a count per day is per the day's welcome time: ${windowMinutes} min of welcome windows, not the ${frequency.windowMinutes}-minute waking day`,
        `${windowMinutes} min`,
      );
      frequency.windowMinutes = windowMinutes;
    }
  }
  const welcome = derivePreference(criteria.preference, interests, log);
  const communication = deriveCommunication(criteria.communication, log);

  const candidate = {
    schemaVersion: 1,
    id,
    name,
    age,
    pronouns,
    avatar,
    bigFive,
    background,
    interests,
    lifestyle,
    longTermGoal,
    dailyPlanRequirements,
    routine,
    rubric: {
      personalPreference: { prose: criteria.preference, welcome },
      timing: {
        prose: criteria.timing,
        welcomeWindows: timing.welcomeWindows,
        quietActivities: timing.quietActivities,
      },
      frequency: {
        prose: criteria.frequency,
        windowMinutes: frequency.windowMinutes,
        min: frequency.min,
        max: frequency.max,
        minGapMinutes: frequency.minGapMinutes,
      },
      communication: { prose: criteria.communication, ...communication },
    },
    derivation: { format: 'propersim', source, evidence: log.items },
  };
  const persona = parsePersona(candidate, `${source} (converted from ProPerSim format)`);
  return {
    persona,
    evidence: log.items,
    derived: log.items.filter((e) => e.how === 'derived').map(evidenceLine),
    notDerived: log.items
      .filter((e) => e.how === 'default' || e.how === 'unmapped')
      .map(evidenceLine),
  };
}
