/**
 * The built-in judge: applies a persona's structured rubric the way the
 * reference's LLM judge applies its prose. Each criterion is 0/1 with a
 * one-line, first-person reason. Frequency is checked twice ("too often?",
 * "too rare?") against the judge's memory of today; "No Recommendation" is
 * scored on all four criteria. Optional label noise flips verdicts to mimic
 * a noisy judge.
 */
import type { Persona } from '../../core/persona';
import { lastRecMinute, recsInTrailingWindow, type JudgeMemory } from '../../core/judgeMemory';

export { tickJudgeMemory } from '../../core/judgeMemory';
import type { StepContext } from '../../core/step';
import type { Candidate, CriterionResult, FrequencyResult, Judgement } from '../../core/suggestion';
import { formatHhmm } from '../../core/time';
import { compileRubric, inWelcomeWindow } from './rubric';

/** After this long in a welcome activity without a suggestion, silence counts as a missed chance. */
export const WANTED_AFTER_MINUTES = 30;

const words = (s: string): string => s.replace(/-/g, ' ');

function minutesText(m: number): string {
  const h = Math.floor(m / 60);
  const rest = Math.round(m % 60);
  return h > 0 ? `${h} h ${rest} min` : `${rest} min`;
}

/** Judge one candidate at this step. Pure: memory is read, not changed. */
export function judgeCandidate(
  persona: Persona,
  memory: JudgeMemory,
  ctx: StepContext,
  candidate: Candidate,
): Judgement {
  const rubric = compileRubric(persona);
  const kind = ctx.action.kind;
  const activity = words(kind);
  const welcomeHere = rubric.welcomeTopics.get(kind);
  const inWindow = inWelcomeWindow(rubric, ctx.minute);
  const quiet = rubric.quiet.has(kind);
  const time = formatHhmm(ctx.minute);

  let preference: CriterionResult;
  let timing: CriterionResult;
  let frequency: FrequencyResult;
  let communication: CriterionResult;

  if (candidate.kind === 'silent') {
    const minutesIn = ctx.minute - ctx.action.start;
    const wanted =
      welcomeHere !== undefined &&
      inWindow &&
      !quiet &&
      memory.actionRecs === 0 &&
      minutesIn >= WANTED_AFTER_MINUTES;
    preference = wanted
      ? {
          pass: false,
          reason: `${minutesText(minutesIn)} into ${activity} and no tip on ${[...welcomeHere].map(words).join(' or ')}, which I'd welcome now.`,
        }
      : { pass: true, reason: 'Nothing I was hoping to hear about right now.' };
    timing = { pass: true, reason: 'Staying quiet never interrupts me.' };
    const rare = inWindow && memory.welcomeMinutesSinceRec >= rubric.rareAfterMinutes;
    frequency = rare
      ? {
          pass: false,
          tooOften: false,
          tooRare: true,
          reason: `No suggestion for ${minutesText(memory.welcomeMinutesSinceRec)} of my open time; I'd like at least ${rubric.min} every ${minutesText(rubric.windowMinutes)}.`,
        }
      : {
          pass: true,
          tooOften: false,
          tooRare: false,
          reason: 'Silence is fine; I am not missing suggestions.',
        };
    communication = { pass: true, reason: 'Silence cannot cross a boundary.' };
  } else {
    const s = candidate.suggestion;
    const topic = words(s.topic);
    preference =
      welcomeHere?.has(s.topic) === true
        ? { pass: true, reason: `A ${topic} tip during ${activity} is the kind I like.` }
        : welcomeHere
          ? {
              pass: false,
              reason: `During ${activity} I'd rather hear about ${[...welcomeHere].map(words).join(' or ')}, not ${topic}.`,
            }
          : {
              pass: false,
              reason: `I don't look for ${topic} tips while ${ctx.walking ? 'on my way to ' : ''}${activity}.`,
            };
    timing = quiet
      ? { pass: false, reason: `I keep ${activity} free of suggestions.` }
      : !inWindow
        ? {
            pass: false,
            reason: `At ${time} I don't want suggestions; my open times are ${rubric.windowsText}.`,
          }
        : {
            pass: true,
            reason: `${time} is one of my open times and ${activity} can be interrupted.`,
          };
    const last = lastRecMinute(memory);
    const countWithThis = recsInTrailingWindow(memory, ctx.minute, rubric.windowMinutes) + 1;
    const gap = last === null ? Infinity : ctx.minute - last;
    if (countWithThis > rubric.max) {
      frequency = {
        pass: false,
        tooOften: true,
        tooRare: false,
        reason: `That makes ${countWithThis} suggestions in ${minutesText(rubric.windowMinutes)}; I asked for at most ${rubric.max}.`,
      };
    } else if (gap < rubric.minGapMinutes) {
      frequency = {
        pass: false,
        tooOften: true,
        tooRare: false,
        reason: `Only ${minutesText(gap)} since the last one; I want ${minutesText(rubric.minGapMinutes)} between suggestions.`,
      };
    } else {
      frequency = {
        pass: true,
        tooOften: false,
        tooRare: false,
        reason: 'A reasonable pace of suggestions.',
      };
    }
    communication = rubric.avoid.has(s.topic)
      ? { pass: false, reason: `${topic} is a subject I don't want an assistant to raise.` }
      : !rubric.tones.has(s.tone)
        ? {
            pass: false,
            reason: `A ${s.tone} tone doesn't suit me; I prefer ${[...rubric.tones].join(' or ')}.`,
          }
        : { pass: true, reason: `The ${s.tone} tone suits me and the subject is fine.` };
  }
  const criteria = { preference, timing, frequency, communication };
  return {
    score:
      Number(preference.pass) +
      Number(timing.pass) +
      Number(frequency.pass) +
      Number(communication.pass),
    criteria,
  };
}
