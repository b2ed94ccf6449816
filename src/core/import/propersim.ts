/**
 * Import of persona files written in the ProPerSim reference format: a JSON
 * object with age, a Big Five string, background, interests, lifestyle, a
 * long-term goal, daily plan requirements and four first-person rubric
 * paragraphs (`criteria`). The prose is kept verbatim; the structured parts of
 * our Persona (routine, rubric numbers, windows, topics, tones) are read from
 * the words with small keyword maps. Whatever the words do not give is filled
 * with a stated default and listed in `notDerived`, so nothing is guessed
 * silently. Pure: no Node, no clock, no randomness.
 */
import type { ObjectId } from '../home';
import { PersonaError, parsePersona, type Persona, type PlannedTask } from '../persona';
import { formatHhmm } from '../time';
import {
  BIG_FIVE_TRAITS,
  type ActivityKind,
  type BigFive,
  type BigFiveTrait,
  type Tone,
  type Topic,
} from '../vocab';

export interface ProPerSimImport {
  persona: Persona;
  /** What was read from the words, in plain sentences. */
  derived: string[];
  /** What the words did not give, and the default used instead. */
  notDerived: string[];
}

type Problem = { path: string; message: string };
/** [from, to) in minutes since 00:00 of the waking day; may run past 1440. */
type Interval = [number, number];

const SIGNATURE_KEYS = [
  'big_five_personality_traits',
  'daily_plan_req',
  'criteria',
  'current_interests',
  'long_term_goals',
] as const;

/** True for a plain object that looks like a ProPerSim persona (and not one of ours). */
export function isProPerSimPersona(data: unknown): boolean {
  if (!isRecord(data) || 'schemaVersion' in data) return false;
  return SIGNATURE_KEYS.filter((k) => k in data).length >= 2;
}

// ---------------------------------------------------------------- helpers

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Lower case, plain dashes and quotes, "a.m." → "am", single spaces. */
function norm(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\b([ap])\.\s?m\.?/g, '$1m')
    .replace(/\s+/g, ' ')
    .trim();
}

function quote(text: string, max = 70): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return `"${t.length > max ? `${t.slice(0, max - 1)}…` : t}"`;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
const hhmm = (m: number): string => formatHhmm(Math.round(m));
const round5 = (m: number): number => Math.round(m / 5) * 5;

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  single: 1,
  'a single': 1,
  once: 1,
  two: 2,
  twice: 2,
  three: 3,
  thrice: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  'forty-five': 45,
  fifty: 50,
  sixty: 60,
  ninety: 90,
};

function wordNumber(tok: string): number | null {
  const t = tok.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  return NUMBER_WORDS[t] ?? null;
}

// ---------------------------------------------------------------- clock times

/** A clock time token: "7", "7:30", "7.30 pm", "noon", "midnight". */
const T = String.raw`(?:noon|midday|midnight|\d{1,2}(?:[:.]\d{2})?(?:\s*(?:am|pm)\b)?)(?![\d:.]*\s*(?:-|to|or)?\s*\d*\s*(?:hours?|hrs?|minutes?|mins?|times?|suggestions?|per\b|a day|x\b|%))`;

/**
 * Minutes since 00:00 for a clock token. Without am/pm, `day` reads 1–6 as
 * afternoon and 7–11 as morning; `night` (bedtimes) reads 6–11 as evening
 * and 12 as midnight.
 */
function clock(tok: string, hint: 'day' | 'night' = 'day', forceMer?: 'am' | 'pm'): number | null {
  const t = tok.trim();
  if (t === 'noon' || t === 'midday') return 720;
  if (t === 'midnight') return 0;
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/.exec(t);
  if (!m) return null;
  let h = Number(m[1]);
  const min = m[2] ? Number(m[2]) : 0;
  if (min > 59 || h > 23) return null;
  const mer = (m[3] as 'am' | 'pm' | undefined) ?? (h <= 12 ? forceMer : undefined);
  if (mer === 'am') {
    if (h > 12) return null;
    if (h === 12) h = 0;
  } else if (mer === 'pm') {
    if (h > 12) return null;
    if (h < 12) h += 12;
  } else if (h <= 12) {
    if (hint === 'day') {
      if (h >= 1 && h <= 6) h += 12;
    } else if (h === 12) h = 0;
    else if (h >= 6) h += 12;
  }
  return h * 60 + min;
}

const hasMer = (tok: string): 'am' | 'pm' | undefined =>
  (/\b(am|pm)$/.exec(tok.trim())?.[1] as 'am' | 'pm' | undefined) ?? undefined;

// ---------------------------------------------------------------- durations

const DUR_RE =
  /\b(?:(\d+(?:\.\d+)?)(?:\s*(?:-|to)\s*(\d+(?:\.\d+)?))?|(half an?|an?|one|two|three|four|five|ten|fifteen|twenty|thirty|forty-five|forty|fifty|sixty|ninety))[\s-]*(minutes?|mins?|hours?|hrs?|h)\b(\s+and a half)?/;

/** The first duration in the text, in minutes ("for 10 minutes", "half an hour", "1.5 hours"). */
function parseDuration(text: string): number | null {
  const m = DUR_RE.exec(norm(text));
  if (!m) return null;
  let n: number;
  if (m[1]) {
    n = m[2] ? (Number(m[1]) + Number(m[2])) / 2 : Number(m[1]);
  } else {
    const w = m[3] as string;
    n = w.startsWith('half') ? 0.5 : (wordNumber(w) ?? 1);
  }
  if (m[5]) n += 0.5;
  const unit = m[4] as string;
  return /^h/.test(unit) ? n * 60 : n;
}

// ---------------------------------------------------------------- keyword maps

/** Words for what a person is doing → our activity kinds (rubric prose). */
const ACTIVITY_WORDS: [RegExp, ActivityKind[]][] = [
  [/\bmorning routine\b/, ['wake-up', 'toilet', 'hygiene', 'shower', 'dress']],
  [/\bbreakfast\b/, ['breakfast']],
  [/\blunch(?:time)?\b/, ['lunch']],
  [/\b(?:dinner|supper)\b/, ['dinner']],
  [/\b(?:meals?|mealtimes?|eating)\b/, ['breakfast', 'lunch', 'dinner']],
  [/\bsnack(?:s|ing)?\b/, ['snack']],
  [/\b(?:coffee|tea) (?:break|time)s?\b|\bmy (?:morning )?(?:coffee|tea)\b/, ['coffee']],
  [/\bcook(?:s|ing)?\b|\bbak(?:e|es|ing)\b|\bin the kitchen\b|\bmeal prep\b/, ['cooking']],
  [/\bwashing up\b|\b(?:doing|do) (?:the )?dishes\b/, ['dishes']],
  [
    /\bwork(?:s|ing|day)?\b(?!\s*out)|\bmeetings?\b|\bat (?:my|the) desk\b|\bon the clock\b/,
    ['work'],
  ],
  [/\bfocus(?:ed|ing)?\b|\bconcentrat\w*/, ['work', 'study', 'writing']],
  [/\bstud(?:y|ying|ies)\b|\bhomework\b/, ['study']],
  [/\bwrit(?:e|es|ing)\b/, ['writing']],
  [/\bjournal(?:s|ing)?\b|\bdiary\b/, ['journaling']],
  [/\bmeditat\w*|\bpray(?:s|ing|ers?)?\b/, ['meditation']],
  [/\byoga\b|\bstretch(?:es|ing)?\b/, ['yoga']],
  [/\bwork ?outs?\b|\bexercis\w*|\btraining\b|\bworking out\b/, ['exercise']],
  [/\b(?:phone|video) calls?\b|\bcalls?\b|\bon the phone\b|\bcalling\b/, ['call']],
  [/\bread(?:s|ing)?\b/, ['reading']],
  [/\bsleep(?:s|ing)?\b|\basleep\b/, ['sleep']],
  [/\bnap(?:s|ping)?\b/, ['nap']],
  [/\bshower(?:s|ing)?\b|\bbath(?:s|ing)?\b/, ['shower']],
  [/\bbathroom\b|\btoilet\b/, ['toilet', 'hygiene', 'shower']],
  [/\bgetting (?:ready|dressed)\b|\bdressing\b/, ['dress']],
  [
    /\b(?:tv|television)\b|\bwatch(?:es|ing)? (?:a |an |my )?(?:old )?(?:film|movie|show|series)s?\b|\b(?:film|movie) nights?\b/,
    ['tv'],
  ],
  [
    /\bwind(?:s|ing)? down\b|\bunwind(?:s|ing)?\b|\brelax(?:es|ing)?\b|\blounging\b/,
    ['relax', 'tv'],
  ],
  [
    /\bpiano\b|\bguitar\b|\bpractis(?:e|es|ing)\b|\bpractic(?:e|es|ing)\b|\bplaying music\b|\blisten(?:s|ing)? to (?:music|records)\b/,
    ['music'],
  ],
  [
    /\bwater(?:s|ing)? (?:the |my )?(?:house ?)?plants\b|\bplant[- ]care\b|\btend(?:s|ing)? (?:to )?(?:the |my )?(?:house ?)?plants\b/,
    ['plant-care'],
  ],
  [/\bgarden(?:s|ing)?\b|\bweed(?:s|ing)\b/, ['gardening']],
  [/\bclean(?:s|ing)?\b|\bvacuum\w*|\bdust(?:s|ing)\b|\bmop(?:s|ping)?\b/, ['cleaning']],
  [/\blaundry\b|\bironing\b|\bfolding\b/, ['laundry']],
  [/\btid(?:y|ies|ying)\b|\borgani[sz]\w*|\brearrang\w*|\bdeclutter\w*/, ['tidying']],
  [/\bgam(?:e|es|ing)\b|\bpuzzles?\b|\bchess\b/, ['games']],
  [
    /\bhobb(?:y|ies)\b|\bpaint(?:s|ing)\b|\bdraw(?:s|ing)\b|\bsketch\w*|\bknit\w*|\bcrafting\b|\bsew(?:s|ing)\b/,
    ['hobby'],
  ],
];

/** Words for what a suggestion is about → our topics. */
const TOPIC_WORDS: [RegExp, Topic[]][] = [
  [
    /\bnutrition\w*|\bhealthy eating\b|\bdiet(?:s|ary|ing)?\b|\bcalori\w*|\bhealthy (?:food|meals?|snacks?)\b/,
    ['nutrition'],
  ],
  [/\bweight\b/, ['nutrition', 'fitness']],
  [/\brecipes?\b|\bcooking (?:ideas|tips)\b|\bmeal ideas\b|\bdish ideas\b|\bbaking\b/, ['recipes']],
  [/\bhydrat\w*|\bdrink(?:ing)? (?:more )?water\b|\bglass of water\b/, ['hydration']],
  [/\bfitness\b|(?<!breathing )\bexercises?\b|\bwork-?outs?\b|\bstrength\b/, ['fitness']],
  [/\bstretch\w*|\bposture\b/, ['stretching']],
  [/\bsleep\b|\bbedtime habits\b|\brestful\b/, ['sleep']],
  [/\bmindful\w*|\bmeditation\b|\bbreathing\b|\bgratitude\b|\brelaxation\b/, ['mindfulness']],
  [/\bproductiv\w*|\bplanning\b|\bto-?do\b|\btime management\b/, ['productivity']],
  [/\bfocus\b|\bconcentration\b/, ['focus']],
  [/\blearn\w*|\blanguages?\b|\btrivia\b|\bhistory\b|\bscience\b|\beducational\b/, ['learning']],
  [/\bbooks?\b|\bnovels?\b|\bpoe(?:m|ms|try)\b|\bliterature\b|\bauthors?\b/, ['books']],
  [
    /\bmusic(?:al)?\b|\bsongs?\b|\bplaylists?\b|\bjazz\b|\balbums?\b|\brecords?\b|\bcomposers?\b/,
    ['music'],
  ],
  [/\bfilms?\b|\bmovies?\b|\bcinema\b|\bdocumentar\w*|\btv shows?\b|\bseries\b/, ['film']],
  [/\bd[eé]cor\b|\binterior\w*|\bfurniture\b|\bdesign ideas\b|\blayouts?\b|\bstyling\b/, ['decor']],
  [/\bgarden\w*|\bplants?\b|\bflowers?\b|\bseeds?\b|\bhouseplants?\b/, ['gardening']],
  [/\bcleaning\b|\bdeclutter\w*|\btidying (?:tips|ideas)\b|\bhousekeeping\b/, ['cleaning']],
  [
    /\bfinanc\w*|\bmoney\b|\bbudget\w*|\bsavings?\b|\binvest\w*|\bdebts?\b|\bspending\b/,
    ['finance'],
  ],
  [
    /\bsocial\b|\bfriends?\b|\bfamily\b|\brelationships?\b|\bdating\b|\bsmall talk\b|\bpersonal life\b|\bchildren\b|\bkids\b|\bmarriage\b/,
    ['social'],
  ],
  [/\bself[- ]care\b|\bskin ?care\b|\bpamper\w*|\bwell-?being\b/, ['self-care']],
  [
    /\bcreativ\w*|\bart\b|\bartistic\b|\bcraft(?:s|ing)? ideas\b|\bwriting prompts?\b|\bpainting ideas\b/,
    ['creativity'],
  ],
  [/\bnews\b|\bcurrent events\b|\bheadlines\b/, ['news']],
  [
    /\btech\b|\btechnology\b|\bgadgets?\b|\bapps?\b|\bsoftware\b|\bcoding\b|\bcomputers?\b/,
    ['tech'],
  ],
];

/** Where a topic is naturally welcome when the prose names no activity for it. */
const TOPIC_DEFAULT_ACTIVITIES: Record<Topic, ActivityKind[]> = {
  nutrition: ['breakfast', 'lunch', 'dinner', 'snack', 'cooking'],
  recipes: ['cooking'],
  hydration: ['work', 'study', 'exercise', 'yoga'],
  fitness: ['exercise', 'yoga'],
  stretching: ['work', 'study', 'yoga', 'exercise'],
  sleep: ['relax', 'reading'],
  mindfulness: ['meditation', 'relax', 'yoga'],
  productivity: ['work', 'study', 'writing'],
  focus: ['work', 'study', 'writing'],
  learning: ['study', 'reading'],
  books: ['reading', 'relax'],
  music: ['music', 'relax'],
  film: ['tv', 'relax'],
  decor: ['tidying', 'relax'],
  gardening: ['gardening', 'plant-care'],
  cleaning: ['cleaning', 'tidying', 'laundry', 'dishes'],
  finance: ['relax'],
  social: ['call', 'relax'],
  'self-care': ['relax', 'hygiene'],
  creativity: ['hobby', 'writing'],
  news: ['coffee', 'breakfast'],
  tech: ['work', 'games'],
};

/** Which topics fit an activity when the prose names no topic for it. */
const ACTIVITY_DEFAULT_TOPICS: Partial<Record<ActivityKind, Topic[]>> = {
  cooking: ['recipes', 'nutrition'],
  breakfast: ['nutrition'],
  lunch: ['nutrition'],
  dinner: ['nutrition'],
  snack: ['nutrition'],
  coffee: ['hydration'],
  work: ['productivity', 'focus'],
  study: ['learning', 'focus'],
  writing: ['creativity', 'focus'],
  reading: ['books'],
  tv: ['film'],
  music: ['music'],
  exercise: ['fitness'],
  yoga: ['stretching'],
  meditation: ['mindfulness'],
  journaling: ['mindfulness'],
  gardening: ['gardening'],
  'plant-care': ['gardening'],
  cleaning: ['cleaning'],
  tidying: ['cleaning', 'decor'],
  laundry: ['cleaning'],
  dishes: ['cleaning'],
  hobby: ['creativity'],
  call: ['social'],
  relax: ['self-care'],
  games: ['tech'],
};

const TONE_WORDS: [RegExp, Tone[]][] = [
  [
    /\bfriendly\b|\bcasual\b|\bwarm\b|\binformal\b|\bchatty\b|\bconversational\b|\blike (?:a friend|chatting)\b/,
    ['friendly'],
  ],
  [/\bcalm\b|\bgentle\b|\bsoft\b|\bsoothing\b|\bmeasured\b|\bunhurried\b/, ['calm']],
  [/\bpolite\b|\bneutral\b|\bcourteous\b/, ['calm', 'formal']],
  [/\bformal\b|\bprofessional\b|\brespectful\b/, ['formal']],
  [
    /\bconcise\b|\bbrief\b|\bshort\b|\bto the point\b|\bsuccinct\b|\bstraightforward\b|\bdirect\b|\bno-nonsense\b/,
    ['concise'],
  ],
  [
    /\bencourag\w*|\bsupportive\b|\bpositive\b|\buplifting\b|\bmotivat\w*|\bkind\b|\bcheerful\b/,
    ['encouraging'],
  ],
  [
    /\bplayful\b|\bhumou?r\w*|\bfunny\b|\bwitty\b|\blight-?hearted\b|\bjokes?\b|\bfun\b/,
    ['playful'],
  ],
];

/** Household tasks and hobbies → an activity, an object that affords it, usual minutes. */
const TASK_MAP: [RegExp, ActivityKind, ObjectId, number][] = [
  [
    /\bwater\w* (?:the |my )?garden\b|\bflower ?pots?\b|\bgarden plants\b/,
    'plant-care',
    'garden-plants',
    15,
  ],
  [
    /\bgarden\w*|\bvegetables?\b|\bweed\w*|\bharvest\w*|\bcompost\w*|\blawn\b|\bmow\w*|\bprun\w*/,
    'gardening',
    'garden-bed',
    40,
  ],
  [/\bplants?\b|\bhouseplants?\b|\brepot\w*|\bsucculents?\b/, 'plant-care', 'living-plants', 10],
  [
    /\blaundry\b|\bwash(?:ing)? (?:the )?(?:clothes|sheets|towels|bedding)\b|\bwashing machine\b/,
    'laundry',
    'washing-machine',
    30,
  ],
  [/\bfold\w* (?:the )?(?:clothes|laundry)\b|\biron\w*/, 'laundry', 'wardrobe', 20],
  [/\bdishes\b|\bwash(?:ing)? up\b|\bdishwasher\b/, 'dishes', 'kitchen-sink', 15],
  [
    /\bsourdough\b|\bbak(?:e|es|ing)\b|\bbread\b|\bpastr\w*|\bcakes?\b|\bknead\w*/,
    'cooking',
    'kitchen-counter',
    30,
  ],
  [
    /\bcook\w*|\bmeal[- ]prep\w*|\bprepar\w* (?:a |the )?(?:meal|dinner|lunch|soup|food)|\brecipes?\b|\bcuisine\b|\bchef\b/,
    'cooking',
    'stove',
    40,
  ],
  [
    /\bwood ?work\w*|\bcarpentry\b|\brestor\w* (?:old )?furniture\b|\bdiy\b|\brepair\w*/,
    'hobby',
    'shed',
    60,
  ],
  [
    /\bvacuum\w*|\bmop\w*|\bdust\w*|\bscrub\w*|\bwipe\w*|\bclean\w*|\bpolish\w*|\bsweep\w*/,
    'cleaning',
    'hall-closet',
    20,
  ],
  [
    /\bbookshel(?:f|ves)\b|\b(?:organi[sz]\w*|sort\w*|arrang\w*|tidy\w*) (?:the |my )?books\b/,
    'tidying',
    'bookshelf',
    20,
  ],
  [/\b(?:wardrobe|closet)\b/, 'tidying', 'wardrobe', 20],
  [
    /\btid(?:y|ies|ying)\b|\borgani[sz]\w*|\bdeclutter\w*|\brearrang\w*|\bsort\w*|\bput away\b|\brestyl\w*|\bmake (?:the |my )?bed\b/,
    'tidying',
    'hall-closet',
    20,
  ],
  [/\byoga\b|\bpilates\b|\bstretch\w*/, 'yoga', 'yoga-mat', 30],
  [
    /\bwork ?outs?\b|\bexercis\w*|\bstrength\b|\bweights?\b|\bpush-?ups?\b|\bsit-?ups?\b|\bcardio\b|\bfitness\b|\bcalisthenics\b/,
    'exercise',
    'yoga-mat',
    30,
  ],
  [/\bmeditat\w*|\bmindful\w*|\bbreathing\b|\bpray\w*/, 'meditation', 'yoga-mat', 20],
  [/\bjournal\w*|\bdiary\b|\bgratitude (?:list|notes?)\b/, 'journaling', 'nightstand', 15],
  [/\bpiano\b|\bkeyboard\b/, 'music', 'piano', 30],
  [
    /\bmusic\b|\bguitar\b|\bviolin\b|\bsing\w*|\bjazz\b|\bvinyl\b|\brecords?\b|\bplaylists?\b|\bsongs?\b|\bpodcasts?\b|\binstrument\w*|\bcompos\w*/,
    'music',
    'record-player',
    30,
  ],
  [
    /\bread\w*|\bbooks?\b|\bnovels?\b|\bpoetry\b|\bliterature\b|\bmagazines?\b/,
    'reading',
    'reading-chair',
    40,
  ],
  [/\bwrit\w*|\bblog\w*|\bpoems?\b|\bletters?\b|\bessays?\b|\bstories\b/, 'writing', 'desk', 40],
  [
    /\bstud(?:y|ies|ying)\b|\blearn\w*|\blanguages?\b|\bcourses?\b|\bhomework\b|\bhistory\b|\bastronomy\b|\bscience\b|\bcoding\b|\bprogramm\w*/,
    'study',
    'desk',
    40,
  ],
  [
    /\bbudget\w*|\bbills?\b|\bfinanc\w*|\bpaperwork\b|\bemails?\b|\btaxes\b|\bspreadsheets?\b|\bplan\w* (?:the |next )?(?:week|day|meals|menu)\b/,
    'work',
    'desk',
    20,
  ],
  [
    /\bpaint\w*|\bdraw\w*|\bsketch\w*|\bknit\w*|\bcrochet\w*|\bsew\w*|\bcraft\w*|\bpotter\w*|\bscrapbook\w*|\bcalligraph\w*|\bphotograph\w*|\bmodels?\b|\bd[eé]cor\b|\binterior\w*|\bdesign\w*|\bcollect\w*|\bembroider\w*|\bquilt\w*/,
    'hobby',
    'craft-table',
    45,
  ],
  [
    /\bfilms?\b|\bmovies?\b|\bcinema\b|\btv\b|\btelevision\b|\bseries\b|\bshows?\b|\bdocumentar\w*|\bsitcoms?\b/,
    'tv',
    'sofa',
    60,
  ],
  [
    /\bchess\b|\bpuzzles?\b|\bcrosswords?\b|\bsudoku\b|\bboard games?\b|\bcard games?\b/,
    'games',
    'coffee-table',
    30,
  ],
  [/\bvideo games?\b|\bgaming\b|\bgames?\b/, 'games', 'sofa', 45],
  [/\bcall\w*|\bphone\b|\bvideo chat\w*|\bfriends\b|\bfamily\b/, 'call', 'sofa', 20],
  [/\bbath\b|\bsoak\w*/, 'relax', 'bathtub', 30],
  [/\bskin ?care\b|\bbrush\w* teeth\b|\bfloss\w*/, 'hygiene', 'bathroom-sink', 10],
  [/\bshower\w*/, 'shower', 'shower', 15],
  [/\bcoffee\b|\btea\b|\bespresso\b/, 'coffee', 'coffee-machine', 10],
  [/\bnap\w*/, 'nap', 'sofa', 25],
  [
    /\bbirds?\b|\bbirdwatch\w*|\bnature\b|\bstargaz\w*|\bsunsets?\b|\bfresh air\b/,
    'relax',
    'garden-bench',
    30,
  ],
  [/\brelax\w*|\bunwind\w*|\bwind\w* down\b|\brest\b/, 'relax', 'sofa', 30],
];

/** In the evening routine some things happen in the bedroom. */
const EVENING_OBJECT: Partial<Record<ActivityKind, ObjectId>> = {
  reading: 'nightstand',
  journaling: 'nightstand',
  meditation: 'bedroom-armchair',
};

function matchTask(
  text: string,
): { activity: ActivityKind; object: ObjectId; minutes: number } | null {
  const t = norm(text);
  for (const [re, activity, object, minutes] of TASK_MAP) {
    if (re.test(t)) return { activity, object, minutes };
  }
  return null;
}

/** Activities named in the text, with the character span each match covers. */
function findActivities(text: string): { kinds: ActivityKind[]; start: number; end: number }[] {
  const found: { kinds: ActivityKind[]; start: number; end: number }[] = [];
  for (const [re, kinds] of ACTIVITY_WORDS) {
    const g = new RegExp(re.source, 'g');
    for (const m of text.matchAll(g))
      found.push({ kinds, start: m.index, end: m.index + m[0].length });
  }
  return found.sort((a, b) => a.start - b.start);
}

function activitiesIn(text: string): ActivityKind[] {
  return uniq(findActivities(text).flatMap((f) => f.kinds));
}

function topicsIn(text: string): Topic[] {
  const out: Topic[] = [];
  for (const [re, topics] of TOPIC_WORDS) if (re.test(text)) out.push(...topics);
  return uniq(out);
}

// ---------------------------------------------------------------- clauses

const NEGATION =
  /\b(?:never|not|don't|dont|do not|no|avoid\w*|hate|dislike|rather not|shouldn't|mustn't|off[- ]limits|leave me (?:alone|be)|interrupt\w*|disturb\w*|bother\w*|distract\w*)\b/;
const NOT_NEGATION =
  /\b(?:don't|do not|wouldn't|would not) mind\b|\bnot opposed\b|\bno problem\b|\bnot only\b|\bno more than\b|\bnot more than\b/g;

function isNegative(text: string): boolean {
  return NEGATION.test(text.replace(NOT_NEGATION, ' '));
}

interface Clause {
  text: string;
  negative: boolean;
}

/** Sentences split at "but", "except", "unless"…; what follows "except" is a "not". */
function clauses(paragraph: string): Clause[] {
  const out: Clause[] = [];
  for (const sentence of norm(paragraph).split(/(?<=[.!?])\s+|;\s*|\s+-\s+/)) {
    const parts = sentence.split(
      /\s*,?\s*\b(but|except|unless|other than|apart from|however|although|though)\b\s*/,
    );
    let forced = false;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string;
      if (i % 2 === 1) {
        forced = /except|unless|other than|apart from/.test(part);
        continue;
      }
      const text = part.replace(/^[\s,]+|[\s,.!?]+$/g, '');
      if (text.length === 0) continue;
      out.push({ text, negative: forced || isNegative(text) });
    }
  }
  return out;
}

// ---------------------------------------------------------------- intervals

function mergeIntervals(list: Interval[]): Interval[] {
  const sorted = list.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function intersect(list: Interval[], [lo, hi]: Interval): Interval[] {
  return mergeIntervals(list.map(([a, b]) => [Math.max(a, lo), Math.min(b, hi)] as Interval));
}

function subtract(list: Interval[], [lo, hi]: Interval): Interval[] {
  const out: Interval[] = [];
  for (const [a, b] of list) {
    if (hi <= a || lo >= b) out.push([a, b]);
    else {
      if (lo > a) out.push([a, lo]);
      if (hi < b) out.push([hi, b]);
    }
  }
  return mergeIntervals(out);
}

const showIntervals = (list: Interval[]): string =>
  list.map(([a, b]) => `${hhmm(a)}–${hhmm(b)}`).join(', ');

// ---------------------------------------------------------------- day context

interface Day {
  /** Wake time, minutes. */
  W: number;
  /** Bedtime, minutes, past 1440 when after midnight. */
  S: number;
  B: number;
  L: number;
  D: number;
  workEnd: number;
}

/** Named parts of the day, most specific first. */
const PERIODS: [RegExp, (d: Day) => Interval][] = [
  [
    /\b(?:the )?(?:last )?(?:hour|half hour|hour or so) before (?:bed|bedtime|sleep|i go to bed|going to bed)\b|\bbefore (?:bed|bedtime|sleep|sleeping|going to bed|i go to bed|turning in|lights out)\b|\b(?:at )?bedtime\b/,
    (d) => [d.S - 60, d.S],
  ],
  [/\bearly (?:in the )?mornings?\b|\bfirst thing\b/, (d) => [d.W, Math.max(d.W + 60, 540)]],
  [/\bmid-?mornings?\b/, () => [570, 690]],
  [/\blate (?:in the )?mornings?\b/, () => [600, 720]],
  [/\bafter breakfast\b/, (d) => [d.B + 30, Math.max(d.B + 90, 720)]],
  [/\bmornings?\b/, (d) => [d.W, 720]],
  [/\bafter lunch\b/, (d) => [d.L + 45, 1020]],
  [/\b(?:around |at |during )?lunch ?(?:time|break|hour)?s?\b/, (d) => [d.L, d.L + 60]],
  [/\bmidday\b|\baround noon\b/, () => [690, 810]],
  [/\bearly afternoons?\b/, () => [780, 900]],
  [/\blate afternoons?\b/, () => [900, 1080]],
  [/\bafternoons?\b/, () => [780, 1020]],
  [
    /\bafter (?:work|my workday|the workday|office hours|work hours)\b|\bonce (?:i'm|i am) done with work\b/,
    (d) => [d.workEnd, d.workEnd + 180],
  ],
  [/\bafter dinner\b/, (d) => [d.D + 45, Math.min(d.S, d.D + 210)]],
  [/\bearly evenings?\b/, () => [1020, 1140]],
  [/\blate evenings?\b/, () => [1200, 1320]],
  [/\bevenings?\b|\btonight\b/, () => [1080, 1260]],
  [/\b(?:at )?night(?:s|time)?\b/, (d) => [1200, d.S]],
  [/\bduring the day\b|\bdaytime\b/, (d) => [d.W, 1080]],
  [/\bany ?time\b|\ball day\b|\bwhole day\b|\bthroughout the day\b/, (d) => [d.W, d.S]],
];

/** Clock times found in a clause: ranges, bounds ("after 7 am"), points and named periods. */
function timesIn(
  text: string,
  d: Day,
): { spans: Interval[]; lower: number | null; upper: number | null; found: string[] } {
  let rest = ` ${text} `;
  const spans: Interval[] = [];
  const found: string[] = [];
  let lower: number | null = null;
  let upper: number | null = null;
  const toDay = (m: number): number => (m < d.W - 120 ? m + 1440 : m);
  const consume = (m: RegExpExecArray): void => {
    rest = rest.slice(0, m.index) + ' '.repeat(m[0].length) + rest.slice(m.index + m[0].length);
    found.push(m[0].trim());
  };
  const rangeRe = new RegExp(
    String.raw`\b(?:between|from)\s+(${T})\s*(?:and|to|-|until|till)\s*(${T})|\b(${T})\s*(?:-|to)\s*(${T})`,
    'g',
  );
  for (const m of [...rest.matchAll(rangeRe)]) {
    const a = (m[1] ?? m[3]) as string;
    const b = (m[2] ?? m[4]) as string;
    // A bare "9-11" needs am/pm or minutes to count as clock times.
    if (!m[1] && !/am|pm|:/.test(a + b)) continue;
    const end = clock(b);
    let start = clock(a, 'day', hasMer(a) ? undefined : hasMer(b));
    if (start !== null && end !== null && start >= end) start = clock(a);
    if (start === null || end === null) continue;
    let e = toDay(end);
    const s = toDay(start);
    if (e <= s) e += 720;
    spans.push([s, e]);
    consume(m as unknown as RegExpExecArray);
  }
  const boundRe = new RegExp(
    String.raw`\b(after|past|from|starting at|starting|since|before|until|till|up to|no later than|not later than)\s+(${T})`,
    'g',
  );
  for (const m of [...rest.matchAll(boundRe)]) {
    const at = clock(m[2] as string);
    if (at === null) continue;
    if (/after|past|from|start|since/.test(m[1] as string)) lower = toDay(at);
    else upper = toDay(at);
    consume(m as unknown as RegExpExecArray);
  }
  const pointRe = new RegExp(String.raw`\b(?:at|around|about)\s+(${T})`, 'g');
  for (const m of [...rest.matchAll(pointRe)]) {
    const tok = m[1] as string;
    if (!/am|pm|:|noon|midday/.test(tok)) continue;
    const at = clock(tok);
    if (at === null) continue;
    spans.push([toDay(at) - 30, toDay(at) + 30]);
    consume(m as unknown as RegExpExecArray);
  }
  for (const [re, make] of PERIODS) {
    const g = new RegExp(re.source, 'g');
    for (const m of [...rest.matchAll(g)]) {
      spans.push(make(d));
      consume(m as unknown as RegExpExecArray);
    }
  }
  return { spans, lower, upper, found };
}

// ---------------------------------------------------------------- input

function readString(obj: Record<string, unknown>, keys: string[], problems: Problem[]): string {
  const key = keys.find((k) => k in obj) ?? (keys[0] as string);
  const v = obj[key];
  if (typeof v === 'string' && v.trim().length >= 3) return v.trim();
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) {
    const joined = (v as string[]).map((s) => s.trim()).join(' ');
    if (joined.length >= 3) return joined;
  }
  problems.push({
    path: key,
    message: v === undefined ? 'missing (a text is required)' : 'must be a non-empty text',
  });
  return '';
}

/** A list given as an array of strings or as one string (split at sentences, then commas). */
function readList(
  obj: Record<string, unknown>,
  keys: string[],
  min: number,
  problems: Problem[],
): string[] {
  const key = keys.find((k) => k in obj) ?? (keys[0] as string);
  const v = obj[key];
  let items: string[] = [];
  if (v === undefined) {
    problems.push({ path: key, message: `missing (at least ${min} items are required)` });
    return [];
  }
  if (typeof v === 'string') {
    items = v
      .split(/(?<=[.!?])\s+|\s*[;\n]\s*/)
      .map((s) => s.trim().replace(/[.]$/, ''))
      .filter((s) => s.length > 0);
    if (items.length < min) {
      items = items
        .flatMap((s) => s.split(/\s*,\s*/))
        .map((s) => s.replace(/^and\s+/i, '').trim())
        .filter((s) => s.length > 0);
    }
  } else if (Array.isArray(v)) {
    v.forEach((x, i) => {
      if (typeof x !== 'string') problems.push({ path: `${key}.${i}`, message: 'must be a text' });
      else items.push(x.trim());
    });
  } else {
    problems.push({ path: key, message: 'must be a list of texts or one text' });
    return [];
  }
  items.forEach((s, i) => {
    if (s.length < 3) problems.push({ path: `${key}.${i}`, message: 'too short (3+ characters)' });
  });
  if (items.length < min) {
    problems.push({
      path: key,
      message: `needs at least ${min} items, found ${items.length}`,
    });
  }
  return items;
}

const TRAIT_NAMES: Record<BigFiveTrait, string> = {
  extraversion: 'Extraversion',
  agreeableness: 'Agreeableness',
  conscientiousness: 'Conscientiousness',
  openness: 'Openness',
  neuroticism: 'Neuroticism',
};
const TRAIT_RE: Record<BigFiveTrait, string> = {
  extraversion: 'extr[ao]version',
  agreeableness: 'agreeableness',
  conscientiousness: 'conscientiousness',
  openness: 'openness(?: to experience)?',
  neuroticism: 'neuroticism',
};

function readBigFive(v: unknown, problems: Problem[]): BigFive | null {
  const key = 'big_five_personality_traits';
  if (v === undefined) {
    problems.push({ path: key, message: 'missing (e.g. "High in Extraversion, Low in …")' });
    return null;
  }
  let text: string;
  if (typeof v === 'string') text = v;
  else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) text = v.join(', ');
  else if (isRecord(v)) {
    text = Object.entries(v)
      .map(([k, val]) => `${String(val)} in ${k}`)
      .join(', ');
  } else {
    problems.push({ path: key, message: 'must be a text such as "High in Extraversion, …"' });
    return null;
  }
  const t = norm(text);
  const out: Partial<BigFive> = {};
  const missing: string[] = [];
  for (const trait of BIG_FIVE_TRAITS) {
    const name = TRAIT_RE[trait];
    const m =
      new RegExp(String.raw`\b(high|low)\b(?:\s+(?:in|on))?\s+${name}\b`).exec(t) ??
      new RegExp(String.raw`\b${name}\b\s*(?:[:=-]|is)?\s*\b(high|low)\b`).exec(t);
    if (m) out[trait] = m[1] === 'high' ? 'High' : 'Low';
    else if (trait === 'neuroticism') {
      const es = /\b(high|low)\b(?:\s+(?:in|on))?\s+emotional stability\b/.exec(t);
      if (es) out.neuroticism = es[1] === 'high' ? 'Low' : 'High';
      else missing.push(TRAIT_NAMES[trait]);
    } else missing.push(TRAIT_NAMES[trait]);
  }
  if (missing.length > 0) {
    problems.push({
      path: key,
      message: `no High/Low level found for ${missing.join(', ')}`,
    });
    return null;
  }
  return out as BigFive;
}

const CRITERIA_KEYS = {
  preference: 'Personal_Preference',
  timing: 'Timing',
  frequency: 'Frequency',
  communication: 'Communication_&_Safety',
} as const;
type CriterionKey = keyof typeof CRITERIA_KEYS;

function readCriteria(v: unknown, problems: Problem[]): Record<CriterionKey, string> {
  const out: Record<CriterionKey, string> = {
    preference: '',
    timing: '',
    frequency: '',
    communication: '',
  };
  if (!isRecord(v)) {
    problems.push({
      path: 'criteria',
      message:
        v === undefined
          ? 'missing (needs Personal_Preference, Timing, Frequency, Communication_&_Safety)'
          : 'must be an object of four paragraphs',
    });
    return out;
  }
  const byLoose = new Map<string, [string, unknown]>();
  for (const [k, val] of Object.entries(v))
    byLoose.set(k.toLowerCase().replace(/[^a-z]/g, ''), [k, val]);
  const aliases: Record<CriterionKey, string[]> = {
    preference: ['personalpreference', 'preference', 'personalpreferences'],
    timing: ['timing'],
    frequency: ['frequency'],
    communication: [
      'communicationsafety',
      'communicationandsafety',
      'communication',
      'communicationsafetyvalues',
    ],
  };
  for (const c of Object.keys(CRITERIA_KEYS) as CriterionKey[]) {
    const hit = aliases[c].map((a) => byLoose.get(a)).find((x) => x !== undefined);
    const path = `criteria.${hit ? hit[0] : CRITERIA_KEYS[c]}`;
    const val = hit?.[1];
    if (typeof val === 'string' && val.trim().length >= 3) out[c] = val.trim();
    else
      problems.push({
        path,
        message:
          val === undefined
            ? 'missing (a first-person paragraph is required)'
            : 'must be a paragraph of text',
      });
  }
  return out;
}

// ---------------------------------------------------------------- the importer

/**
 * Convert a ProPerSim persona object into our Persona. Throws a PersonaError
 * naming `source` and the offending field when the input is not usable.
 */
export function importProPerSimPersona(data: unknown, source: string): ProPerSimImport {
  const problems: Problem[] = [];
  const derived: string[] = [];
  const notDerived: string[] = [];
  if (!isRecord(data)) {
    throw new PersonaError(source, [
      { path: '', message: 'a ProPerSim persona must be a JSON object' },
    ]);
  }

  // -- plain fields
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
  if (problems.length > 0 || !bigFive) {
    throw new PersonaError(`${source} (ProPerSim format)`, problems);
  }

  const hash = fnv1a(`${typeof rawName === 'string' ? rawName : ''}|${background}`)
    .toString(16)
    .padStart(8, '0');

  derived.push(
    `Big Five: ${BIG_FIVE_TRAITS.map((t) => `${TRAIT_NAMES[t]} ${bigFive[t]}`).join(', ')}`,
  );

  // -- name, id, pronouns, avatar
  let name: string;
  if (typeof rawName === 'string') {
    name = rawName.trim();
  } else {
    const m =
      /^(?:i am |i'm )?(?:an?|the)\s+(.+?)(?:\s+(?:who|with|that|living|based|from|in|at|whose|working|and)\b|[,.;]|$)/i.exec(
        background,
      );
    const phrase = m?.[1]?.trim();
    if (phrase && phrase.length <= 48) {
      name = phrase.charAt(0).toUpperCase() + phrase.slice(1);
      notDerived.push(`name: not given; used ${quote(name)} from the background`);
    } else {
      name = `ProPerSim persona ${hash.slice(0, 6)}`;
      notDerived.push(`name: not given; used ${quote(name)}`);
    }
  }
  let id = typeof rawName === 'string' ? slug(rawName) : '';
  if (!id) id = `propersim-${hash}`;

  const aboutText = norm([background, ...interests, ...lifestyle, longTermGoal].join(' '));
  let pronouns: Persona['pronouns'] = 'they/them';
  const gender = typeof data.gender === 'string' ? norm(data.gender) : '';
  if (/^(?:f|female|woman)$/.test(gender)) pronouns = 'she/her';
  else if (/^(?:m|male|man)$/.test(gender)) pronouns = 'he/him';
  if (gender && pronouns !== 'they/them') derived.push(`pronouns: ${pronouns} from "gender"`);
  else {
    const she = (aboutText.match(/\b(?:she|her|hers|herself)\b/g) ?? []).length;
    const he = (aboutText.match(/\b(?:he|him|his|himself)\b/g) ?? []).length;
    if (she > he) pronouns = 'she/her';
    else if (he > she) pronouns = 'he/him';
    if (pronouns === 'they/them') {
      notDerived.push('pronouns: no he/she in the background or lifestyle; used they/them');
    } else derived.push(`pronouns: ${pronouns} from the words of the background and lifestyle`);
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
  const hairs = age >= 58 ? GREY : HAIR;
  const avatar = {
    skin: SKIN[hash.charCodeAt(0) % SKIN.length] as string,
    hair: hairs[parseInt(hash.slice(2, 4), 16) % hairs.length] as string,
    outfit: OUTFIT[parseInt(hash.slice(4, 6), 16) % OUTFIT.length] as string,
  };
  notDerived.push(
    'avatar colours: not in the ProPerSim format; picked from a hash of the name and background',
  );

  // -- routine: wake, sleep, meals
  const lifeText = norm(lifestyle.join('. '));
  const allText = norm([background, ...lifestyle].join('. '));
  let wake = 7 * 60;
  const wakeM = new RegExp(
    String.raw`\b(?:wakes?|waking|woke|gets? up|getting up|rises?|rising|up|alarm(?: goes off)?)(?:\s+up)?\s+(?:at|around|by|before|about)\s+(?:about\s+|around\s+)?(${T})`,
  ).exec(lifeText);
  const wakeAt = wakeM
    ? clock(wakeM[1] as string, 'day', hasMer(wakeM[1] as string) ?? 'am')
    : null;
  if (wakeAt !== null && wakeAt >= 240 && wakeAt <= 660) {
    wake = wakeAt;
    derived.push(`wake ${hhmm(wake)} from lifestyle ${quote(wakeM?.[0] ?? '')}`);
  } else if (/\bearly (?:riser|bird)\b/.test(allText)) {
    wake = 6 * 60;
    derived.push('wake 06:00 from "early riser"');
  } else if (/\b(?:night owl|late riser)\b/.test(allText)) {
    wake = 9 * 60;
    derived.push('wake 09:00 from "night owl"/"late riser"');
  } else {
    notDerived.push(
      wakeAt !== null
        ? `wake time ${quote(wakeM?.[0] ?? '')} is outside 04:00–11:00; used 07:00`
        : 'wake time: not stated in the lifestyle; used 07:00',
    );
  }

  let sleepExt: number;
  const bedM = new RegExp(
    String.raw`\b(?:goes to bed|go to bed|going to bed|in bed|bed|bedtime(?: is)?|sleeps?|asleep|turns? in|turning in|lights out)\s+(?:is\s+)?(?:at|around|by|before|about|no later than)\s+(?:about\s+|around\s+)?(${T})`,
  ).exec(lifeText);
  const bedAt = bedM ? clock(bedM[1] as string, 'night') : null;
  const bedExt = bedAt === null ? null : bedAt < 12 * 60 ? bedAt + 1440 : bedAt;
  if (bedExt !== null && bedExt >= 20 * 60 && bedExt < 26 * 60) {
    sleepExt = bedExt;
    derived.push(`bedtime ${hhmm(sleepExt)} from lifestyle ${quote(bedM?.[0] ?? '')}`);
  } else {
    sleepExt = Math.min(Math.max(wake + 16 * 60, 20 * 60), 25 * 60 + 30);
    notDerived.push(
      bedExt !== null
        ? `bedtime ${quote(bedM?.[0] ?? '')} is outside 20:00–01:59; used ${hhmm(sleepExt)} (16 hours after waking)`
        : `bedtime: not stated; used ${hhmm(sleepExt)} (16 hours after waking)`,
    );
  }

  const mealAt = (word: string): number | null => {
    const m = new RegExp(String.raw`\b${word}\s+(?:at|around|by|about)\s+(${T})`).exec(lifeText);
    return m ? clock(m[1] as string) : null;
  };
  const bStated = mealAt('breakfast');
  const lStated = mealAt('lunch');
  const dStated = mealAt('(?:dinner|supper)');
  const breakfast = bStated ?? round5(wake + 45);
  const lunch = lStated ?? Math.max(750, breakfast + 180);
  const dinner = dStated ?? Math.max(1110, lunch + 300);
  const mealWords: string[] = [];
  if (bStated !== null) derived.push(`breakfast ${hhmm(breakfast)} from lifestyle`);
  else mealWords.push(`breakfast ${hhmm(breakfast)} (45 min after waking)`);
  if (lStated !== null) derived.push(`lunch ${hhmm(lunch)} from lifestyle`);
  else mealWords.push(`lunch ${hhmm(lunch)}`);
  if (dStated !== null) derived.push(`dinner ${hhmm(dinner)} from lifestyle`);
  else mealWords.push(`dinner ${hhmm(dinner)}`);
  if (mealWords.length > 0) notDerived.push(`meal times: not stated; used ${mealWords.join(', ')}`);

  // -- work blocks
  const bg = norm(background);
  const homeWork =
    /\b(?:works?|working) (?:remotely )?from home\b|\bworks remotely\b|\bremote (?:worker|job|work|employee)\b|\bhome office\b|\bhome[- ]based\b|\bfreelanc\w*|\bself-employed\b/.test(
      allText,
    ) ||
    /\bstud(?:y|ies|ying) (?:from|at) home\b|\bonline (?:classes|courses|degree)\b/.test(allText);
  const work: Persona['routine']['work'] = [];
  let workEnd = 17 * 60;
  if (homeWork) {
    const kind: 'work' | 'study' | 'writing' =
      /\b(?:writer|novelist|author|journalist|copywriter|blogger|translator)\b/.test(bg)
        ? 'writing'
        : /\bstudent\b|\bstud(?:y|ies|ying)\b/.test(bg)
          ? 'study'
          : 'work';
    const label =
      kind === 'work'
        ? 'work at the desk'
        : kind === 'study'
          ? 'study at the desk'
          : 'write at the desk';
    const startM = new RegExp(
      String.raw`\b(?:at (?:his|her|their|my|the) desk|starts? work(?:ing)?|logs? on|work starts?)\s+(?:by|at|around)\s+(${T})`,
    ).exec(lifeText);
    const endM = new RegExp(
      String.raw`\b(?:finish(?:es)? work(?:ing)?|logs? off|stops? work(?:ing)?|work ends?)\s+(?:by|at|around)\s+(${T})`,
    ).exec(lifeText);
    const sAt = startM ? clock(startM[1] as string) : null;
    const eAt = endM ? clock(endM[1] as string) : null;
    const start = sAt ?? Math.max(9 * 60, Math.ceil((breakfast + 40) / 15) * 15);
    workEnd = eAt !== null && eAt > lunch + 60 ? eAt : 17 * 60 + 30;
    if (lunch - 15 - start >= 30) {
      work.push({
        label,
        activity: kind,
        object: 'desk',
        start: hhmm(start),
        end: hhmm(lunch - 15),
      });
    }
    if (workEnd - (lunch + 60) >= 30) {
      work.push({
        label,
        activity: kind,
        object: 'desk',
        start: hhmm(lunch + 60),
        end: hhmm(workEnd),
      });
    }
    const blocks = work.map((w) => `${w.start}–${w.end}`).join(' and ');
    derived.push(`works at home (${kind}) from the background/lifestyle`);
    if (sAt === null || eAt === null) {
      notDerived.push(
        `work hours: not fully stated; used ${blocks} at the desk${sAt !== null ? ' (start from lifestyle)' : ''}`,
      );
    } else derived.push(`work hours ${blocks} from lifestyle`);
  } else {
    notDerived.push(
      'work: the background does not say they work from home; no work blocks at home',
    );
  }

  // -- daily plan requirements
  const day: Day = { W: wake, S: sleepExt, B: breakfast, L: lunch, D: dinner, workEnd };
  const dailyPlanRequirements: Persona['dailyPlanRequirements'] = planReqs.map((req) => {
    const t = norm(req);
    const hit = matchTask(t);
    const task = hit ?? {
      activity: 'tidying' as const,
      object: 'hall-closet' as const,
      minutes: 20,
    };
    const dur = parseDuration(t);
    const minutes = Math.min(240, Math.max(5, Math.round(dur ?? task.minutes)));
    const label = req.replace(/[.\s]+$/, '');
    const out: Persona['dailyPlanRequirements'][number] = {
      label,
      activity: task.activity,
      object: task.object,
      minutes,
    };
    const at = new RegExp(String.raw`\bat\s+(${T})`).exec(t);
    const atMin = at && /am|pm|:|noon/.test(at[1] as string) ? clock(at[1] as string) : null;
    if (atMin !== null) out.preferredTime = hhmm(atMin);
    else if (/\b(?:in the|every|each) morning\b/.test(t))
      out.preferredTime = hhmm(Math.max(wake + 60, 540));
    else if (/\b(?:in the|every|each) afternoon\b/.test(t)) out.preferredTime = '15:00';
    else if (/\b(?:in the|every|each) evening\b/.test(t)) out.preferredTime = '19:30';
    if (hit) {
      derived.push(
        `daily task ${quote(label, 50)} → ${task.activity} at ${task.object}, ${minutes} min${out.preferredTime ? ` around ${out.preferredTime}` : ''}`,
      );
    } else {
      notDerived.push(
        `daily task ${quote(label, 50)}: no activity matches its words; used tidying at hall-closet`,
      );
    }
    if (dur === null) {
      notDerived.push(`daily task ${quote(label, 50)}: no duration stated; used ${minutes} min`);
    }
    return out;
  });

  // -- hobbies from interests
  const hobbies: PlannedTask[] = [];
  for (const interest of interests) {
    const hit = matchTask(interest);
    if (hit) {
      hobbies.push({
        label: interest,
        activity: hit.activity,
        object: hit.object,
        minutes: hit.minutes,
      });
      derived.push(`hobby ${quote(interest, 50)} → ${hit.activity} at ${hit.object}`);
    } else {
      notDerived.push(
        `interest ${quote(interest, 50)}: no home activity matches; not planned as a hobby`,
      );
    }
  }
  const fillers: PlannedTask[] = [
    { label: 'read a book', activity: 'reading', object: 'reading-chair', minutes: 40 },
    { label: 'listen to records', activity: 'music', object: 'record-player', minutes: 30 },
    { label: 'potter at the craft table', activity: 'hobby', object: 'craft-table', minutes: 45 },
  ];
  for (const f of fillers) {
    if (hobbies.length >= 2) break;
    if (hobbies.some((h) => h.activity === f.activity)) continue;
    hobbies.push(f);
    notDerived.push(`hobbies: fewer than two found in the interests; added ${quote(f.label)}`);
  }

  // -- evening routine and chores from the lifestyle
  const eveningRoutine: PlannedTask[] = [];
  const chores: PlannedTask[] = [];
  for (const item of lifestyle) {
    const t = norm(item);
    const evening =
      /\b(?:evenings?|night|nightly|bed|bedtime|before sleep|wind(?:s|ing)? down|unwind\w*|turns? in|turning in)\b/.test(
        t,
      );
    const hit = matchTask(t);
    if (!hit) continue;
    const dur = parseDuration(t);
    const minutes = Math.min(90, Math.max(5, Math.round(dur ?? Math.min(hit.minutes, 45))));
    if (evening) {
      const object = EVENING_OBJECT[hit.activity] ?? hit.object;
      eveningRoutine.push({
        label: item.replace(/[.\s]+$/, ''),
        activity: hit.activity,
        object,
        minutes,
      });
      derived.push(
        `evening routine ${quote(item, 50)} → ${hit.activity} at ${object}, ${minutes} min`,
      );
    } else if (['cleaning', 'tidying', 'laundry', 'dishes'].includes(hit.activity)) {
      chores.push({
        label: item.replace(/[.\s]+$/, ''),
        activity: hit.activity,
        object: hit.object,
        minutes,
      });
      derived.push(`chore ${quote(item, 50)} → ${hit.activity} at ${hit.object}`);
    }
  }
  if (eveningRoutine.length === 0) {
    eveningRoutine.push({
      label: 'read a little in bed',
      activity: 'reading',
      object: 'nightstand',
      minutes: 20,
    });
    notDerived.push(
      'evening routine: none recognised in the lifestyle; used "read a little in bed" (20 min)',
    );
  }
  if (chores.length === 0) {
    chores.push(
      { label: 'tidy up the living room', activity: 'tidying', object: 'hall-closet', minutes: 20 },
      { label: 'do the laundry', activity: 'laundry', object: 'washing-machine', minutes: 30 },
    );
    notDerived.push(
      'chores: the ProPerSim format has none; used "tidy up the living room" and "do the laundry"',
    );
  }

  // -- rubric
  const timing = deriveTiming(criteria.timing, day, derived, notDerived);
  const frequency = deriveFrequency(criteria.frequency, sleepExt - wake, derived, notDerived);
  const welcome = derivePreference(criteria.preference, interests, derived, notDerived);
  const communication = deriveCommunication(criteria.communication, derived, notDerived);

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
    routine: {
      wake: hhmm(wake),
      sleep: hhmm(sleepExt),
      breakfast: hhmm(breakfast),
      lunch: hhmm(lunch),
      dinner: hhmm(dinner),
      work,
      hobbies,
      chores,
      eveningRoutine,
    },
    rubric: {
      personalPreference: { prose: criteria.preference, welcome },
      timing: { prose: criteria.timing, ...timing },
      frequency: { prose: criteria.frequency, ...frequency },
      communication: { prose: criteria.communication, ...communication },
    },
  };
  const persona = parsePersona(candidate, `${source} (converted from ProPerSim format)`);
  return { persona, derived, notDerived };
}

// ---------------------------------------------------------------- rubric parts

function deriveTiming(
  prose: string,
  d: Day,
  derived: string[],
  notDerived: string[],
): { welcomeWindows: { from: string; to: string }[]; quietActivities: ActivityKind[] } {
  const welcome: Interval[] = [];
  const removals: Interval[] = [];
  const quiet: ActivityKind[] = [];
  const whole: Interval = [d.W, d.S];
  for (const c of clauses(prose)) {
    const acts = activitiesIn(c.text);
    const times = timesIn(c.text, d);
    const bound: Interval = [times.lower ?? d.W, times.upper ?? d.S];
    const hasBound = times.lower !== null || times.upper !== null;
    if (c.negative) {
      if (acts.length > 0) {
        quiet.push(...acts);
        derived.push(`Timing: quiet during ${acts.join(', ')} from ${quote(c.text)}`);
      }
      // "never before 8 am" removes time; named parts of the day only when no activity is named
      // ("my evening journaling" is about journaling, not the evening).
      const cut: Interval[] = [];
      if (times.lower !== null) cut.push([times.lower, d.S]);
      if (times.upper !== null) cut.push([d.W, times.upper]);
      if (acts.length === 0) cut.push(...times.spans);
      if (cut.length > 0) {
        removals.push(...cut);
        derived.push(
          `Timing: not welcome ${showIntervals(mergeIntervals(cut))} from ${quote(c.text)}`,
        );
      }
      if (
        acts.length === 0 &&
        cut.length === 0 &&
        /\b(?:suggest|recommend|interrupt|disturb|bother)/.test(c.text)
      ) {
        notDerived.push(
          `Timing: ${quote(c.text)} names no activity or time we can map; kept in prose only`,
        );
      }
    } else {
      // "mornings after 7 am" narrows the mornings; "between 9 and 11, and after 7 pm" is two windows.
      let got: Interval[];
      if (hasBound) {
        const overlaps = times.spans.filter(([a, b]) => a < bound[1] && b > bound[0]);
        const apart = times.spans.filter(([a, b]) => !(a < bound[1] && b > bound[0]));
        got = [...intersect(overlaps, bound), ...apart];
        if (overlaps.length === 0) got.push(bound);
      } else got = times.spans;
      got = intersect(mergeIntervals(got), whole);
      if (got.length > 0) {
        welcome.push(...got);
        derived.push(`Timing: welcome ${showIntervals(got)} from ${quote(c.text)}`);
      }
    }
  }
  if (/\bweekends?\b|\bweekdays?\b/.test(norm(prose))) {
    notDerived.push('Timing: weekday/weekend differences are not modelled (every day is the same)');
  }
  let windows: Interval[];
  if (welcome.length === 0) {
    windows = [whole];
    if (removals.length === 0) {
      notDerived.push(
        `Timing: no welcome times found; used the whole waking day ${showIntervals([whole])}`,
      );
    } else {
      derived.push(
        'Timing: no welcome times stated, so the whole waking day minus the times ruled out',
      );
    }
  } else windows = mergeIntervals(welcome);
  for (const r of removals) windows = subtract(windows, r);
  windows = windows.filter(([a, b]) => b - a >= 5);
  if (windows.length === 0) {
    windows = [whole];
    notDerived.push(
      `Timing: the times ruled out leave no welcome time; used the whole waking day ${showIntervals([whole])}`,
    );
  }
  if (quiet.length === 0)
    notDerived.push('Timing: no "never during …" activities found; no quiet activities');
  return {
    welcomeWindows: windows.map(([a, b]) => ({ from: hhmm(a), to: hhmm(b) })),
    quietActivities: uniq(quiet),
  };
}

interface Count {
  min: number;
  max: number;
  vague: boolean;
}

function parseCount(tok: string): Count | null {
  const t = tok.trim();
  if (/^(?:a couple(?: of)?|couple of)$/.test(t)) return { min: 1, max: 2, vague: true };
  if (/^(?:a few|few|a handful of)$/.test(t)) return { min: 2, max: 3, vague: true };
  if (t === 'several') return { min: 3, max: 4, vague: true };
  const range = /^(.+?)\s*(?:-|to|or)\s*(.+)$/.exec(t);
  if (range) {
    const a = wordNumber(range[1] as string);
    const b = wordNumber(range[2] as string);
    if (a === null || b === null) return null;
    return { min: Math.min(a, b), max: Math.max(a, b), vague: false };
  }
  const n = wordNumber(t);
  return n === null ? null : { min: n, max: n, vague: false };
}

function hoursSpan(tok: string): number | null {
  const t = tok.trim();
  if (/^(?:a )?few$/.test(t)) return 180;
  if (/^(?:a )?couple(?: of)?$/.test(t)) return 120;
  if (t === 'several') return 240;
  const c = parseCount(t);
  return c ? Math.round(((c.min + c.max) / 2) * 60) : null;
}

const NUM = String.raw`(?:\d+|once|twice|thrice|one|two|three|four|five|six|seven|eight|nine|ten|a single|single|an|a)`;
const COUNT = String.raw`(?:a couple(?: of)?|couple of|a few|a handful of|several|${NUM}(?:\s*(?:-|to|or)\s*${NUM})?)`;
const NOUN = String.raw`(?:\s+(?:more\s+)?(?:times?|suggestions?|recommendations?|nudges?|tips?|ideas?|check-ins?|prompts?|messages?|reminders?|ones?|interactions?|pings?|notifications?))?`;
const HOURS = String.raw`(?:\d+(?:\.\d+)?(?:\s*(?:-|to|or)\s*\d+(?:\.\d+)?)?|(?:two|three|four|five|six)(?:\s*(?:-|to|or)\s*(?:three|four|five|six))?|a few|few|a couple of|couple of|several)`;
const QUAL = String.raw`(?:no more than|not more than|at most|up to|a maximum of|maximum of|max(?:imum)?|never more than|fewer than|less than|about|around|roughly|approximately|maybe|~|at least|no fewer than|no less than|a minimum of|minimum of)`;

function deriveFrequency(
  prose: string,
  wakingSpan: number,
  derived: string[],
  notDerived: string[],
): { windowMinutes: number; min: number; max: number; minGapMinutes: number } {
  const t = norm(prose);
  const span = Math.max(30, Math.min(1440, Math.round(wakingSpan)));
  interface Rate {
    text: string;
    count: Count;
    window: number;
    kind: 'day' | 'hours' | 'daypart';
    qual: string;
  }
  const rates: Rate[] = [];
  const rateRe = new RegExp(
    String.raw`(?:\b(${QUAL})\s+)?\b(${COUNT})\b${NOUN}(\s+or so)?\s*,?\s*(?:(?:a|an|per|each|every|in an?|in each|within an?|over an?|across|throughout|during|in)\s+(?:the\s+)?(?:whole\s+|entire\s+|waking\s+)?(day|daytime|hour|(${HOURS})\s+hours?)\b|(daily|hourly)\b)`,
    'g',
  );
  for (const m of t.matchAll(rateRe)) {
    const count = parseCount(m[2] as string);
    if (!count) continue;
    const period = (m[4] ?? m[6]) as string;
    let window: number;
    let kind: Rate['kind'];
    if (period === 'day' || period === 'daytime' || period === 'daily') {
      window = span;
      kind = 'day';
    } else if (period === 'hour' || period === 'hourly') {
      window = 60;
      kind = 'hours';
    } else {
      const h = hoursSpan(m[5] as string);
      if (h === null) continue;
      window = h;
      kind = 'hours';
    }
    const qual = `${m[1] ?? ''}${m[3] ? ' or so' : ''}`.trim();
    rates.push({ text: m[0], count, window, kind, qual });
  }
  // "every 2 to 3 hours" with no count: one per that span.
  if (rates.length === 0) {
    const every = new RegExp(String.raw`\bevery\s+(?:(${HOURS})\s+hours?|(hour))\b`).exec(t);
    if (every) {
      const window = every[2] ? 60 : hoursSpan(every[1] as string);
      if (window !== null) {
        rates.push({
          text: every[0],
          count: { min: 1, max: 1, vague: false },
          window,
          kind: 'hours',
          qual: '',
        });
      }
    }
  }
  // "once every morning and once before bed": counts tied to parts of the day.
  const dayparts: { text: string; count: Count }[] = [];
  const partRe = new RegExp(
    String.raw`\b(${COUNT})\b${NOUN}\s+(?:every|each|in the|at|before|after|around|during|by|with|first thing in the)\s+(?:the\s+|my\s+)?(?:morning|afternoon|evening|night|bed|bedtime|lunch|lunchtime|noon|midday|dinner|breakfast)s?\b`,
    'g',
  );
  for (const m of t.matchAll(partRe)) {
    const count = parseCount(m[1] as string);
    if (count && !/^an?$/.test((m[1] as string).trim())) dayparts.push({ text: m[0], count });
    else if (count) dayparts.push({ text: m[0], count: { min: 1, max: 1, vague: false } });
  }

  let chosen: Rate | null = rates.find((r) => r.kind === 'day') ?? rates[0] ?? null;
  if (!chosen && dayparts.length > 0) {
    chosen = {
      text: dayparts.map((p) => p.text).join(' and '),
      count: {
        min: dayparts.reduce((s, p) => s + p.count.min, 0),
        max: dayparts.reduce((s, p) => s + p.count.max, 0),
        vague: false,
      },
      window: span,
      kind: 'daypart',
      qual: '',
    };
  }

  let windowMinutes: number;
  let min: number;
  let max: number;
  let what: string;
  if (!chosen) {
    windowMinutes = 180;
    min = 1;
    max = 2;
    notDerived.push('Frequency: no rate found in the words; used 1–2 suggestions per 180 min');
    what = '';
  } else {
    windowMinutes = Math.max(30, Math.min(1440, chosen.window));
    const { count, qual } = chosen;
    const q = qual.replace(/\s*or so$/, '');
    if (/no more than|not more than|at most|up to|maximum|max|never more than/.test(q)) {
      min = 0;
      max = count.max;
    } else if (/fewer than|less than/.test(q)) {
      min = 0;
      max = Math.max(1, count.max - 1);
    } else if (/at least|no fewer than|no less than|minimum/.test(q)) {
      min = count.min;
      max = count.max + 1;
      notDerived.push(
        `Frequency: only a lower bound is stated; used at most ${max} per ${windowMinutes} min`,
      );
    } else if (!count.vague && count.min === count.max && (q !== '' || /or so/.test(qual))) {
      // "about twice" allows one fewer, never more.
      min = Math.max(1, count.max - 1);
      max = count.max;
    } else {
      min = count.min;
      max = count.max;
    }
    max = Math.max(1, max);
    what = chosen.text.trim();
    derived.push(
      `Frequency: ${quote(what)} → ${min === max ? max : `${min}–${max}`} per ${windowMinutes} min${chosen.kind !== 'hours' ? ' (the waking day)' : ''}`,
    );
    const others = [
      ...rates.map((r) => r.text),
      ...(chosen.kind === 'daypart' ? [] : dayparts.map((p) => p.text)),
    ]
      .map((s) => s.trim())
      .filter((s) => s !== what);
    if (others.length > 0) {
      derived.push(
        `Frequency: also mentioned ${others.map((o) => quote(o)).join(', ')}; the rate above is the one used`,
      );
    }
  }

  // A stated gap: "at least 30 minutes apart", "no closer than an hour".
  let minGapMinutes: number | null = null;
  const gapRe =
    /\b(?:at least|no less than|minimum of|no closer than|leave|gap of(?: at least)?)\s+((?:\d+(?:\.\d+)?|half an?|an?|one|two|three|four|five|ten|fifteen|twenty|thirty|forty-five|forty|fifty|sixty|ninety)[\s-]*(?:minutes?|mins?|hours?|hrs?)(?: and a half)?)(?:\s+(?:apart|between|in between|of (?:space|quiet)|gap))?|\b((?:\d+|half an?|an?|one|two|three|thirty|twenty|fifteen|forty-five|ninety)[\s-]*(?:minutes?|mins?|hours?|hrs?))\s+apart\b/;
  const gm = gapRe.exec(t);
  if (gm) {
    const g = parseDuration((gm[1] ?? gm[2]) as string);
    if (
      g !== null &&
      (gm[2] !== undefined || /apart|between|gap|closer|leave|space|quiet/.test(gm[0]))
    ) {
      minGapMinutes = Math.round(g);
      derived.push(`Frequency: minimum gap ${minGapMinutes} min from ${quote(gm[0])}`);
    }
  }
  if (minGapMinutes === null) {
    minGapMinutes = Math.round(windowMinutes / max / 2);
    (what ? derived : notDerived).push(
      `Frequency: no gap stated; minimum gap ${minGapMinutes} min (window ÷ max ÷ 2)`,
    );
  }
  return { windowMinutes, min, max, minGapMinutes: Math.min(720, minGapMinutes) };
}

const CONNECTOR =
  /\b(?:while|when|whenever|during|as i(?:'m| am)?|in the middle of|once i(?:'m| am)?|if i(?:'m| am))\b/g;

function derivePreference(
  prose: string,
  interests: string[],
  derived: string[],
  notDerived: string[],
): { activities: ActivityKind[]; topics: Topic[] }[] {
  const entries: { activities: ActivityKind[]; topics: Topic[] }[] = [];
  const add = (activities: ActivityKind[], topics: Topic[], from: string, how: string): void => {
    if (activities.length === 0 || topics.length === 0) return;
    entries.push({ activities: uniq(activities), topics: uniq(topics) });
    derived.push(
      `Preference: ${uniq(topics).join(', ')} during ${uniq(activities).join(', ')} ${how} ${quote(from)}`,
    );
  };
  const paired = (topics: Topic[]): ActivityKind[] =>
    uniq(topics.flatMap((tp) => TOPIC_DEFAULT_ACTIVITIES[tp]));
  for (const sentence of norm(prose).split(/(?<=[.!?])\s+/)) {
    let pendingTopics: Topic[] = [];
    let pendingActs: ActivityKind[] = [];
    let pendingText = '';
    for (const raw of sentence.split(/\s*[,;:]\s*|\s+\bbut\b\s+/)) {
      const text = raw.replace(/[.!?]+$/, '').trim();
      if (!text) continue;
      if (isNegative(text)) {
        notDerived.push(`Preference: ${quote(text)} says what is not wanted; kept in prose only`);
        continue;
      }
      // Activities come after a connector ("while rearranging the room"); topics are the rest.
      let acts: ActivityKind[] = [];
      let topicText = text;
      const conns = [...text.matchAll(CONNECTOR)];
      for (const c of conns) {
        const after = text.slice(c.index + c[0].length, c.index + c[0].length + 60);
        const found = findActivities(after);
        if (found.length === 0) continue;
        acts.push(...found.flatMap((f) => f.kinds));
        const end = c.index + c[0].length + Math.max(...found.map((f) => f.end));
        topicText = topicText.slice(0, c.index) + ' '.repeat(end - c.index) + topicText.slice(end);
      }
      acts = uniq(acts);
      const topics = topicsIn(topicText);
      const combinedText = pendingText ? `${pendingText}, ${text}` : text;
      if (acts.length > 0 && topics.length > 0) {
        add(acts, [...pendingTopics, ...topics], combinedText, 'from');
        pendingTopics = [];
        pendingText = '';
      } else if (acts.length > 0) {
        if (pendingTopics.length > 0) {
          add(acts, pendingTopics, combinedText, 'from');
          pendingTopics = [];
          pendingText = '';
        } else {
          pendingActs.push(...acts);
          pendingText = combinedText;
        }
      } else if (topics.length > 0) {
        if (pendingActs.length > 0) {
          add(pendingActs, topics, combinedText, 'from');
          pendingActs = [];
          pendingText = '';
        } else {
          pendingTopics.push(...topics);
          pendingText = combinedText;
        }
      }
    }
    if (pendingTopics.length > 0) {
      add(
        paired(pendingTopics),
        pendingTopics,
        pendingText,
        '(no activity named; usual activities for the topic) from',
      );
    }
    if (pendingActs.length > 0) {
      const topics = uniq(pendingActs.flatMap((a) => ACTIVITY_DEFAULT_TOPICS[a] ?? []));
      add(pendingActs, topics, pendingText, '(no topic named; usual topics for the activity) from');
    }
  }
  if (entries.length === 0) {
    const fromInterests = uniq(interests.flatMap((i) => topicsIn(norm(i))));
    if (fromInterests.length > 0) {
      entries.push({ activities: paired(fromInterests), topics: fromInterests });
      notDerived.push(
        `Preference: no topic/activity pairs in the paragraph; used the interests' topics (${fromInterests.join(', ')}) during their usual activities`,
      );
    } else {
      entries.push({ activities: ['relax'], topics: ['self-care'] });
      notDerived.push(
        'Preference: nothing mappable in the paragraph or interests; used self-care while relaxing',
      );
    }
  }
  return entries;
}

const AVOID_RE =
  /\b(?:(?:please )?(?:don't|do not|never|no need to)\s+(?:ever\s+)?(?:bring up|bring|mention|ask (?:me )?about|talk about|comment on|discuss|lecture me (?:on|about)|pry into|push)|avoid\w*|stay away from|steer clear of|skip|no (?:talk|mention|questions|comments|lectures)\s+(?:of|about|on)|keep\b.{1,40}\bout of)\b(.*)$/;
const PROSE_ONLY =
  /\b(?:privacy|private|personal (?:data|information|details)|emotion\w*|feelings|values?|judg\w*|lectur\w*|preach\w*|pushy|safety|medical|boundar\w*|consent|respect\w*)\b/g;

function deriveCommunication(
  prose: string,
  derived: string[],
  notDerived: string[],
): { tones: Tone[]; avoidTopics: Topic[] } {
  const t = norm(prose);
  const tones: Tone[] = [];
  const toneWords: string[] = [];
  for (const [re, ts] of TONE_WORDS) {
    for (const m of t.matchAll(new RegExp(re.source, 'g'))) {
      const before = (
        t
          .slice(Math.max(0, m.index - 30), m.index)
          .split(/[;,.!?]/)
          .pop() ?? ''
      )
        .split(/\s+/)
        .filter((w) => w.length > 0)
        .slice(-3);
      if (
        before.some((w) =>
          /^(?:not|never|no|don't|without|nothing|avoid|too|overly|less|un)$/.test(w),
        )
      )
        continue;
      tones.push(...ts);
      toneWords.push(m[0]);
    }
  }
  let outTones = uniq(tones);
  if (outTones.length > 0) {
    derived.push(
      `Communication: tones ${outTones.join(', ')} from ${uniq(toneWords)
        .map((w) => quote(w))
        .join(', ')}`,
    );
  } else {
    outTones = ['friendly', 'calm'];
    notDerived.push('Communication: no tone words found; used friendly, calm');
  }
  const avoid: Topic[] = [];
  for (const sentence of t.split(/(?<=[.!?])\s+|;\s*/)) {
    const m = AVOID_RE.exec(sentence);
    if (!m) continue;
    // The avoided things run to the end of the clause ("…, and please respect my privacy" is not one).
    const phrase = (
      (m[1] ?? '').split(
        /,\s*(?:and|but|so|though|because)\b|\s+\band please\b|\s+\bbecause\b/,
      )[0] as string
    )
      .replace(/[.!?]+$/, '')
      .trim();
    const said = m[0].slice(0, m[0].length - (m[1] ?? '').length) + ' ' + phrase;
    const topics = topicsIn(said);
    const parts = phrase.split(/\s*,\s*|\s+\bor\b\s+|\s+\band\b\s+/).filter((p) => p.length > 0);
    if (topics.length > 0) {
      avoid.push(...topics);
      derived.push(`Communication: avoid ${topics.join(', ')} from ${quote(said)}`);
    }
    const unmapped = parts.filter((p) => topicsIn(p).length === 0);
    if (unmapped.length > 0) {
      notDerived.push(
        `Communication: ${unmapped.map((u) => quote(u, 40)).join(', ')} (in ${quote(said, 60)}) match no topic of ours; kept in prose only`,
      );
    }
  }
  const proseOnly = uniq([...t.matchAll(PROSE_ONLY)].map((m) => m[0]));
  if (proseOnly.length > 0) {
    notDerived.push(
      `Communication: remarks on ${proseOnly.join(', ')} have no structured field; kept in prose only (tones and topics are checked)`,
    );
  }
  return { tones: outTones, avoidTopics: uniq(avoid) };
}
