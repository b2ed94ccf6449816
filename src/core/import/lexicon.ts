/**
 * Our own word lists: what words in a persona file mean in our vocabulary
 * (activities, topics, tones) and which household task goes where in the
 * home. Data tables, kept apart from the code that reads sentences.
 */
import type { ObjectId } from '../home';
import type { ActivityKind, Tone, Topic } from '../vocab';

/** Words for what a person is doing → our activity kinds (rubric prose). */
export const ACTIVITY_WORDS: [RegExp, ActivityKind[]][] = [
  [/\bmorning routine\b/, ['wake-up', 'toilet', 'hygiene', 'shower', 'dress']],
  [/\bbreakfast\b/, ['breakfast']],
  [/\blunch(?:time)?\b/, ['lunch']],
  [/\b(?:dinner|supper)\b/, ['dinner']],
  [/\b(?:meals?|mealtimes?|eating)\b/, ['breakfast', 'lunch', 'dinner']],
  [/\bsnack(?:s|ing)?\b/, ['snack']],
  [
    /\b(?:coffee|tea) (?:break|time)s?\b|\bmy (?:morning |afternoon )?(?:coffee|tea|espresso|brew|cuppa)\b|\b(?:brew|brewing|make|making|have|having|drink|drinking|sip|sipping|enjoy|enjoying) (?:a |my |some )?(?:cup of )?(?:coffee|tea|espresso|latte)\b/,
    ['coffee'],
  ],
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
  [
    /\bgetting (?:ready|dressed)\b|\bdressing\b|\bget dressed\b|\bpick(?:ing)? (?:an |my )?outfits?\b/,
    ['dress'],
  ],
  [
    /\b(?:tv|television)\b|\bwatch(?:es|ing)? (?:a |an |my )?(?:old )?(?:film|movie|show|series)s?\b|\b(?:film|movie) nights?\b/,
    ['tv'],
  ],
  [
    /\bwind(?:s|ing)? down\b|\bunwind(?:s|ing)?\b|\brelax(?:es|ing|ed)?\b|\blounging\b|\bdown ?time\b|\bput(?:ting)? my feet up\b|\btak(?:e|ing) it easy\b|\bkick(?:ing)? back\b|\bbreaks?\b|\bpauses?\b/,
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
  [
    /\btid(?:y|ies|ying)\b|\borgani[sz]\w*|\brearrang\w*|\bdeclutter\w*|\brestyl\w*|\bredecorat\w*|\bmov(?:e|es|ing) (?:the )?furniture\b/,
    ['tidying'],
  ],
  [
    /\bgam(?:e|es|ing)\b|\bplay(?:s|ing)? (?:a |some |my |video |board |card )?(?:games?|chess|cards)\b|\bpreparing to play\b|\bpuzzles?\b|\bchess\b|\bcrosswords?\b/,
    ['games'],
  ],
  [
    /\bhobb(?:y|ies)\b|\bpaint(?:s|ing)\b|\bdraw(?:s|ing)\b|\bsketch\w*|\bknit\w*|\bcrafting\b|\bsew(?:s|ing)\b/,
    ['hobby'],
  ],
];

/** Words for what a suggestion is about → our topics. */
export const TOPIC_WORDS: [RegExp, Topic[]][] = [
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
  [
    /\bd[eé]cor(?:ating|ation)?\b|\binterior\w*|\bfurniture\b|\bdesign ideas\b|\blayouts?\b|\bstyling\b|\bhome (?:design|styling|improvement)\b|\bcolou?r (?:schemes?|palettes?)\b|\bredecorat\w*/,
    ['decor'],
  ],
  [/\bgarden\w*|\bplants?\b|\bflowers?\b|\bseeds?\b|\bhouseplants?\b/, ['gardening']],
  [/\bcleaning\b|\bdeclutter\w*|\btidying (?:tips|ideas)\b|\bhousekeeping\b/, ['cleaning']],
  [
    /\bfinanc\w*|\bmoney\b|\bbudget\w*|\bsavings?\b|\binvest\w*|\bdebts?\b|\bspending\b|\bstocks?\b|\bportfolio\b|\bretirement fund\b/,
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
    /\bvideo ?games?\b|\bgam(?:e|es|ing)\b|\bboard games?\b|\bpuzzles?\b|\bchess\b|\bcrosswords?\b|\bsudoku\b|\bconsoles?\b/,
    ['games'],
  ],
  [
    /\bcoffee\b|\bespresso\b|\blattes?\b|\bbrew(?:s|ing)?\b|\bblends?\b|\broast(?:s|ing)?\b|\btea(?:s)?\b(?! time)/,
    ['coffee'],
  ],
  [
    /\bgatherings?\b|\bhost(?:s|ing)?\b|\bparty\b|\bparties\b|\bentertain(?:ing)? (?:guests|friends)\b|\bdinner part(?:y|ies)\b|\bget-togethers?\b|\bguests\b|\bpotlucks?\b/,
    ['hosting'],
  ],
  [
    /\btravel\w*|\btrips?\b|\bholidays?\b|\bvacations?\b|\bdestinations?\b|\bgetaways?\b/,
    ['travel'],
  ],
  [
    /\bfashion\b|\boutfits?\b|\bwardrobe ideas\b|\bstyle tips\b|\bclothes\b|\bclothing\b|\bwhat to wear\b|\baccessor\w*/,
    ['style'],
  ],
  [
    /\btech\b|\btechnology\b|\bgadgets?\b|\bapps?\b|\bsoftware\b|\bcoding\b|\bcomputers?\b/,
    ['tech'],
  ],
];

/** Where a topic is naturally welcome when the prose names no activity for it. */
export const TOPIC_DEFAULT_ACTIVITIES: Record<Topic, ActivityKind[]> = {
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
  games: ['games', 'relax'],
  coffee: ['coffee', 'breakfast'],
  hosting: ['cooking', 'relax'],
  travel: ['relax', 'reading'],
  style: ['dress', 'relax'],
};

/** Which topics fit an activity when the prose names no topic for it. */
export const ACTIVITY_DEFAULT_TOPICS: Partial<Record<ActivityKind, Topic[]>> = {
  cooking: ['recipes', 'nutrition'],
  breakfast: ['nutrition'],
  lunch: ['nutrition'],
  dinner: ['nutrition'],
  snack: ['nutrition'],
  coffee: ['coffee'],
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
  games: ['games'],
  dress: ['style'],
};

export const TONE_WORDS: [RegExp, Tone[]][] = [
  [
    /\bfriendly\b|\bcasual\b|\bwarm\b|\binformal\b|\bchatty\b|\bconversational\b|\blike (?:a friend|chatting)\b/,
    ['friendly'],
  ],
  [
    /\bcalm\b|\bgentle\b|\bsoothing\b|\bmeasured\b|\bunhurried\b|\bquiet(?:ly)? spoken\b|\blow-key\b/,
    ['calm'],
  ],
  [/\bpolite\b|\bneutral\b|\bcourteous\b/, ['calm', 'formal']],
  [/\bformal\b|\bprofessional\b|\bbusiness-?like\b/, ['formal']],
  [
    /\bconcise\b|\bbrief\b|\bshort\b|\bto the point\b|\bsuccinct\b|\bstraightforward\b|\bdirect\b|\bno-nonsense\b/,
    ['concise'],
  ],
  [
    /\bencourag\w*|\bsupportive\b|\bpositive\b|\buplifting\b|\bmotivat\w*|\bkind\b|\bcheerful\b|\bupbeat\b|\bcheery\b|\boptimistic\b|\breassuring\b/,
    ['encouraging'],
  ],
  [
    /\bplayful\b|\bhumou?r\w*|\bfunny\b|\bwitty\b|\blight-?hearted\b|\bjokes?\b|\bfun\b/,
    ['playful'],
  ],
];

/** Household tasks and hobbies → an activity, an object that affords it, usual minutes. */
export const TASK_MAP: [RegExp, ActivityKind, ObjectId, number][] = [
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
export const EVENING_OBJECT: Partial<Record<ActivityKind, ObjectId>> = {
  reading: 'nightstand',
  journaling: 'nightstand',
  meditation: 'bedroom-armchair',
};
