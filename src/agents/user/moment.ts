/**
 * How receptive the simulated person is at one moment: the receptivity
 * model (src/core/receptivity.ts) applied to a step. The built-in judge, the
 * oracle baselines and the game's "this moment" panel all read it, so what
 * the person shows and how it judges cannot drift apart.
 */
import { wantedSoFar, type JudgeMemory } from '../../core/judgeMemory';
import type { Persona } from '../../core/persona';
import { describeDay, type DayConditions, type Engagement } from '../../core/receptivity';
import type { MomentNote, StepContext } from '../../core/step';
import { formatHhmm } from '../../core/time';
import type { ActivityKind, Topic } from '../../core/vocab';
import {
  compileRubric,
  inWelcomeWindow,
  todaysMinGap,
  todaysWindowsText,
  type CompiledRubric,
} from './rubric';

/**
 * - wanted: a fitting suggestion would pass all four criteria now — a
 *   welcome activity at an open, interruptible moment, nothing it wanted has
 *   come yet during it, and one more suggestion keeps to the persona's own
 *   asked rate — so silence here costs;
 * - open: a suggestion could land, but nothing in particular is awaited;
 * - mid-focus: deep in focused work, away from a breakpoint;
 * - quiet: an activity the persona keeps free of suggestions;
 * - closed: outside today's welcome windows.
 */
export type MomentLevel = 'wanted' | 'open' | 'mid-focus' | 'quiet' | 'closed';

/** walking between rooms; the first minutes of a new action; an idle activity (a pause). */
export type Breakpoint = 'walking' | 'just-started' | 'pause';

export interface Moment {
  time: string;
  day: DayConditions;
  activity: ActivityKind;
  walking: boolean;
  inWindow: boolean;
  /** Today's welcome windows in words. */
  windowsText: string;
  quiet: boolean;
  engagement: Engagement;
  /** Minutes since the person arrived and began the action (0 while walking). */
  minutesIn: number;
  breakpoint: Breakpoint | null;
  /** Topics the persona welcomes during this activity. */
  welcomeTopics: Topic[];
  /** Of those, the ones not suggested in the last `sameTopicMinutes` (habituation). */
  freshTopics: Topic[];
  /** A suggestion could be welcome on timing: open window, not quiet, not mid-focus. */
  receptive: boolean;
  /**
   * The person has not yet had its asked rate of suggestions it wanted: one
   * more wanted one now would be neither too many in the window nor too soon.
   */
  withinRate: boolean;
  /** Silence costs: see MomentLevel. */
  wanted: boolean;
  level: MomentLevel;
  /** One line for people: "a good moment: just started lunch; nutrition tips welcome". */
  summary: string;
}

export const words = (s: string): string => s.replace(/-/g, ' ');

export function minutesText(m: number): string {
  const h = Math.floor(m / 60);
  const rest = Math.round(m % 60);
  return h > 0 ? (rest > 0 ? `${h} h ${rest} min` : `${h} h`) : `${rest} min`;
}

export function listText(items: readonly string[], conj = 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conj} ${items[items.length - 1]}`;
}

/** Topics heard today within the last `minutes` before `minute`. */
export function recentTopics(memory: JudgeMemory, minute: number, minutes: number): Set<Topic> {
  const out = new Set<Topic>();
  for (let i = memory.heard.length - 1; i >= 0; i--) {
    const h = memory.heard[i];
    if (!h || h.day !== memory.day) break;
    if (h.minute > minute - minutes && h.minute <= minute) out.add(h.topic);
  }
  return out;
}

export function assessMoment(
  persona: Persona,
  memory: JudgeMemory,
  ctx: StepContext,
  rubric: CompiledRubric = compileRubric(persona),
): Moment {
  const r = rubric.receptivity;
  const day = memory.conditions;
  const kind = ctx.action.kind;
  const walking = ctx.walking;
  const inWindow = inWelcomeWindow(rubric, ctx.minute, day.windowShiftMinutes);
  // On the way somewhere the person is between tasks, not yet doing the one it keeps quiet.
  const quiet = !walking && rubric.quiet.has(kind);
  const engagement: Engagement = walking ? 'idle' : r.engagement[kind];
  const arrived = ctx.action.start + ctx.action.walkSeconds / 60;
  const minutesIn = walking ? 0 : Math.max(0, ctx.minute - arrived);
  const breakpoint: Breakpoint | null = walking
    ? 'walking'
    : engagement === 'idle'
      ? 'pause'
      : minutesIn < r.breakpointMinutes
        ? 'just-started'
        : null;
  const welcomeTopics = walking ? [] : [...(rubric.welcomeTopics.get(kind) ?? [])];
  const stale = welcomeTopics.length
    ? recentTopics(memory, ctx.minute, r.sameTopicMinutes)
    : new Set<Topic>();
  const freshTopics = welcomeTopics.filter((t) => !stale.has(t));
  const receptive = inWindow && !quiet && (engagement !== 'deep' || breakpoint !== null);
  const sameAction = memory.actionIndex === ctx.actionIndex;
  const alreadyGot = sameAction && memory.actionWelcomeRecs > 0;
  // The persona's own frequency paragraph bounds what it wants: after a suggestion
  // that gave it what it wanted, it awaits no other until its asked rate allows.
  // A suggestion that missed does not fill that want (it still counts against
  // "too often" when the frequency criterion is judged).
  const had = wantedSoFar(memory, ctx.minute, rubric.windowMinutes);
  const withinRate =
    had.inWindow + 1 <= rubric.max &&
    (had.last === null || ctx.minute - had.last >= todaysMinGap(rubric, day));
  const wanted = receptive && freshTopics.length > 0 && !alreadyGot && withinRate;
  const level: MomentLevel = !inWindow
    ? 'closed'
    : quiet
      ? 'quiet'
      : !receptive
        ? 'mid-focus'
        : wanted
          ? 'wanted'
          : 'open';
  const activity = words(kind);
  const windowsText = todaysWindowsText(rubric, day);
  const summary = (() => {
    switch (level) {
      case 'closed':
        return `closed: outside today's open times (${windowsText})`;
      case 'quiet':
        return `quiet: ${activity} is kept free of suggestions`;
      case 'mid-focus':
        return `mid-focus: deep in ${activity}, ${minutesText(minutesIn)} in; wait for a break`;
      case 'wanted':
        return `a good moment: ${
          breakpoint === 'just-started'
            ? `just started ${activity}`
            : breakpoint === 'pause'
              ? `${activity} is a pause`
              : activity
        }; ${listText(freshTopics.map(words))} welcome`;
      case 'open':
        return walking
          ? 'open: between rooms, nothing in particular awaited'
          : alreadyGot
            ? `open: already had a good tip during ${activity}`
            : !withinRate && freshTopics.length > 0
              ? `open: ${activity} is welcome, but the last suggestion was recent`
              : `open: ${activity} can be interrupted, nothing in particular awaited`;
    }
  })();
  return {
    time: formatHhmm(ctx.minute),
    day,
    activity: kind,
    walking,
    inWindow,
    windowsText,
    quiet,
    engagement,
    minutesIn,
    breakpoint,
    welcomeTopics,
    freshTopics,
    receptive,
    withinRate,
    wanted,
    level,
    summary,
  };
}

/** The moment as a note for the view (the built-in user agent's `describeMoment`). */
export function describeMoment(
  persona: Persona,
  memory: JudgeMemory,
  ctx: StepContext,
): MomentNote {
  const m = assessMoment(persona, memory, ctx);
  return {
    level: m.level,
    summary: m.summary,
    engagement: m.engagement,
    breakpoint: m.breakpoint,
    day: describeDay(m.day),
  };
}
