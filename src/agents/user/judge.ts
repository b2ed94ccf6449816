/**
 * The built-in judge: applies a persona's structured rubric and receptivity
 * model the way the reference's LLM judge applies its prose. Each criterion
 * is 0/1 with a one-line, first-person reason and the rule that decided it
 * (src/core/judge-rules.ts says where each rule comes from). Frequency is
 * checked twice ("too often?", "too rare?") against the judge's memory of
 * today. "No Recommendation" is scored on all four criteria and is not free:
 * at a moment the persona names as right for a kind of suggestion, silence
 * misses the moment (Timing) and leaves it without what it wanted
 * (Preference), as the reference's prompts score silence.
 */
import type { JudgeRuleId } from '../../core/judge-rules';
import { lastRecMinute, recsInTrailingWindow, type JudgeMemory } from '../../core/judgeMemory';
import type { Persona } from '../../core/persona';
import { describeDay, type DayConditions } from '../../core/receptivity';
import type { StepContext } from '../../core/step';
import type { Candidate, CriterionResult, FrequencyResult, Judgement } from '../../core/suggestion';
import { formatHhmm } from '../../core/time';
import { assessMoment, listText, minutesText, recentTopics, words, type Moment } from './moment';
import { compileRubric, todaysMinGap, todaysRareAfter, type CompiledRubric } from './rubric';

export { tickJudgeMemory } from '../../core/judgeMemory';

const verdict = (pass: boolean, rule: JudgeRuleId, reason: string): CriterionResult => ({
  pass,
  reason,
  rule,
});

/** "(a tired Saturday)" when today differs from an ordinary day; '' otherwise. */
function dayNote(day: DayConditions): string {
  return day.mood !== 'usual' || day.weekend ? ` (${describeDay(day)})` : '';
}

function whenHeard(memory: JudgeMemory, h: { day: number; minute: number }): string {
  const at = formatHhmm(h.minute);
  if (h.day === memory.day) return `earlier today at ${at}`;
  if (h.day === memory.day - 1) return `yesterday at ${at}`;
  return `${memory.day - h.day} days ago`;
}

function judgeSilence(
  rubric: CompiledRubric,
  memory: JudgeMemory,
  m: Moment,
): Omit<Judgement, 'score'> {
  const r = rubric.receptivity;
  const activity = words(m.activity);
  const topics = listText(m.freshTopics.map(words));
  const preference =
    m.wanted && m.minutesIn >= r.breakpointMinutes
      ? verdict(
          false,
          'missed-wanted',
          `${minutesText(m.minutesIn)} into ${activity} and still no ${topics} tip, which I'd welcome now.`,
        )
      : verdict(
          true,
          'nothing-wanted',
          m.wanted
            ? `I've only just started ${activity}; a ${topics} tip can still come.`
            : m.receptive && m.freshTopics.length > 0 && !m.withinRate
              ? `A ${topics} tip would be nice during ${activity}, but I had a good one not long ago; it can wait.`
              : m.welcomeTopics.length > 0 && m.receptive && m.freshTopics.length > 0
                ? `I already had a good tip during ${activity}; nothing more needed.`
                : 'Nothing I was hoping to hear about right now.',
        );
  let timing: CriterionResult;
  if (m.wanted && m.breakpoint !== null) {
    timing = verdict(
      false,
      'missed-moment',
      m.breakpoint === 'pause'
        ? `${capital(activity)} is my pause, the moment for a ${topics} idea, and it is passing in silence.`
        : `I had just started ${activity}, the moment I like a ${topics} idea, and heard nothing.`,
    );
  } else {
    const why =
      m.level === 'mid-focus'
        ? `Quiet is right: I'm deep in ${activity}.`
        : m.level === 'quiet'
          ? `Good: I keep ${activity} free of suggestions.`
          : m.level === 'closed'
            ? 'Quiet is right outside my open times.'
            : m.wanted
              ? `The first minutes of ${activity} are past; quiet doesn't interrupt me.`
              : 'Nothing was due at this moment, so quiet is fine.';
    timing = verdict(true, 'silence-fits', why);
  }
  const rareAfter = todaysRareAfter(rubric, m.day);
  const rare = m.receptive && memory.welcomeMinutesSinceRec >= rareAfter;
  const appetiteNote =
    m.day.appetite !== 1
      ? `; today${dayNote(m.day)} that stretches to about one every ${minutesText(rareAfter)}`
      : '';
  const frequency: FrequencyResult = rare
    ? {
        ...verdict(
          false,
          'too-rare',
          `No suggestion for ${minutesText(memory.welcomeMinutesSinceRec)} of my open time, and I'm free now; I'd like at least ${rubric.min} every ${minutesText(rubric.windowMinutes)}${appetiteNote}.`,
        ),
        tooOften: false,
        tooRare: true,
      }
    : {
        ...verdict(true, 'pace-ok', "Silence is fine; I'm not missing suggestions."),
        tooOften: false,
        tooRare: false,
      };
  const communication = verdict(true, 'silence-safe', 'Silence cannot cross a boundary.');
  return { criteria: { preference, timing, frequency, communication } };
}

function judgeSuggestion(
  rubric: CompiledRubric,
  memory: JudgeMemory,
  ctx: StepContext,
  m: Moment,
  candidate: Extract<Candidate, { kind: 'recommend' }>,
): Omit<Judgement, 'score'> {
  const r = rubric.receptivity;
  const s = candidate.suggestion;
  const topic = words(s.topic);
  const activity = words(m.activity);

  let preference: CriterionResult;
  const welcome = rubric.welcomeTopics.get(m.activity);
  if (m.walking || !welcome) {
    preference = verdict(
      false,
      'not-welcome-here',
      `I don't look for ${topic} tips while ${m.walking ? 'on my way to ' : ''}${activity}.`,
    );
  } else if (!welcome.has(s.topic)) {
    preference = verdict(
      false,
      'off-topic',
      `During ${activity} I'd rather hear about ${listText([...welcome].map(words))}, not ${topic}.`,
    );
  } else {
    const key = s.id ?? s.text;
    const repeat = findLast(
      memory.heard,
      (h) => h.key === key && h.day > memory.day - r.sameSuggestionDays,
    );
    if (repeat) {
      preference = verdict(
        false,
        'repeat-suggestion',
        `I heard exactly this ${whenHeard(memory, repeat)}; the same tip again falls flat.`,
      );
    } else if (recentTopics(memory, ctx.minute, r.sameTopicMinutes).has(s.topic)) {
      const last = findLast(memory.heard, (h) => h.day === memory.day && h.topic === s.topic);
      preference = verdict(
        false,
        'repeat-topic',
        `Another ${topic} tip already, after the one at ${formatHhmm(last?.minute ?? ctx.minute)}; I'd like some variety.`,
      );
    } else {
      preference = verdict(
        true,
        'welcome-topic',
        `A ${topic} tip during ${activity} is just the kind I like.`,
      );
    }
  }

  let timing: CriterionResult;
  if (!m.inWindow) {
    timing = verdict(
      false,
      'closed-time',
      `At ${m.time} I don't want suggestions; today${dayNote(m.day)} my open times are ${m.windowsText}.`,
    );
  } else if (m.quiet) {
    timing = verdict(false, 'quiet-activity', `I keep ${activity} free of suggestions.`);
  } else if (!m.receptive) {
    timing = verdict(
      false,
      'mid-focus',
      `I'm ${minutesText(m.minutesIn)} into ${activity} and deep in it; catch me between tasks instead.`,
    );
  } else if (m.breakpoint === 'walking') {
    timing = verdict(true, 'breakpoint', "I'm between rooms: a good moment for a quick word.");
  } else if (m.breakpoint === 'just-started') {
    timing = verdict(
      true,
      'breakpoint',
      `I've just started ${activity}: a natural break to hear something.`,
    );
  } else if (m.breakpoint === 'pause') {
    timing = verdict(true, 'breakpoint', `${capital(activity)} is a pause for me, so now is fine.`);
  } else {
    timing = verdict(
      true,
      'interruptible',
      `${m.time} is one of my open times and ${activity} can be interrupted.`,
    );
  }

  const last = lastRecMinute(memory);
  const countWithThis = recsInTrailingWindow(memory, ctx.minute, rubric.windowMinutes) + 1;
  const gap = last === null ? Infinity : ctx.minute - last;
  const minGap = todaysMinGap(rubric, m.day);
  let frequency: FrequencyResult;
  if (countWithThis > rubric.max) {
    frequency = {
      ...verdict(
        false,
        'too-many',
        `That makes ${countWithThis} suggestions in ${minutesText(rubric.windowMinutes)}; I asked for at most ${rubric.max}.`,
      ),
      tooOften: true,
      tooRare: false,
    };
  } else if (gap < minGap) {
    const stretched =
      minGap !== rubric.minGapMinutes
        ? `; today${dayNote(m.day)} I want ${minutesText(minGap)}`
        : '';
    frequency = {
      ...verdict(
        false,
        'too-soon',
        `Only ${minutesText(gap)} since the last one; I asked for ${minutesText(rubric.minGapMinutes)} between suggestions${stretched}.`,
      ),
      tooOften: true,
      tooRare: false,
    };
  } else {
    frequency = {
      ...verdict(true, 'pace-ok', 'A reasonable pace of suggestions.'),
      tooOften: false,
      tooRare: false,
    };
  }

  const communication = rubric.avoid.has(s.topic)
    ? verdict(
        false,
        'avoid-topic',
        `${capital(topic)} is a subject I don't want an assistant to raise.`,
      )
    : !rubric.tones.has(s.tone)
      ? verdict(
          false,
          'wrong-tone',
          `A ${s.tone} tone doesn't suit me; I prefer ${listText([...rubric.tones])}.`,
        )
      : verdict(true, 'tone-fits', `The ${s.tone} tone suits me and the subject is fine.`);
  return { criteria: { preference, timing, frequency, communication } };
}

/**
 * Judge one candidate at this step. Pure: memory is read, not changed.
 * `moment` may be passed when already assessed for this step (the oracle
 * judges many candidates at one moment).
 */
export function judgeCandidate(
  persona: Persona,
  memory: JudgeMemory,
  ctx: StepContext,
  candidate: Candidate,
  moment?: Moment,
): Judgement {
  const rubric = compileRubric(persona);
  const m = moment ?? assessMoment(persona, memory, ctx, rubric);
  const { criteria } =
    candidate.kind === 'silent'
      ? judgeSilence(rubric, memory, m)
      : judgeSuggestion(rubric, memory, ctx, m, candidate);
  return {
    score:
      Number(criteria.preference.pass) +
      Number(criteria.timing.pass) +
      Number(criteria.frequency.pass) +
      Number(criteria.communication.pass),
    criteria,
  };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function findLast<T>(xs: readonly T[], test: (x: T) => boolean): T | undefined {
  for (let i = xs.length - 1; i >= 0; i--) {
    const x = xs[i] as T;
    if (test(x)) return x;
  }
  return undefined;
}
