/**
 * What is true at one step of a run: the shared context the assistant,
 * the judge and the view all read.
 */
import type { Engagement } from './receptivity';
import type { Action } from './schedule';
import type { SimMinutes } from './time';

export interface StepContext {
  day: number;
  step: number;
  minute: SimMinutes;
  stepMinutes: number;
  action: Action;
  actionIndex: number;
  /** Walking to the action's object: the assistant sees "walking", the judge "on the way to ...". */
  walking: boolean;
}

/** Sleep is never scored (a nap is sleep too); walking to bed is. */
export function isAsleep(ctx: Pick<StepContext, 'action' | 'walking'>): boolean {
  return (ctx.action.kind === 'sleep' || ctx.action.kind === 'nap') && !ctx.walking;
}

/** The action in words, as the judge sees it. */
export function describeForJudge(ctx: StepContext): string {
  return ctx.walking ? `is on the way to ${ctx.action.label}` : `is doing: ${ctx.action.label}`;
}

/** The action in words, as the assistant sees it. */
export function describeForAssistant(ctx: StepContext): string {
  return ctx.walking ? 'walking' : ctx.action.label;
}

/** Short labels for the moment levels, for people. */
export const MOMENT_LABELS: Readonly<Record<MomentNote['level'], string>> = {
  wanted: 'good moment',
  open: 'open',
  'mid-focus': 'mid-focus',
  quiet: 'quiet',
  closed: 'closed',
};

/**
 * How receptive the person was at a step, as its user agent saw it: for the
 * game's "this moment" chip, the timeline and the inspector. Not shown to
 * the assistant.
 */
export interface MomentNote {
  /** wanted: silence costs; open: a suggestion could land; mid-focus; quiet; closed. */
  level: 'wanted' | 'open' | 'mid-focus' | 'quiet' | 'closed';
  summary: string;
  engagement: Engagement;
  breakpoint: 'walking' | 'just-started' | 'pause' | null;
  /** "Monday", "a tired Saturday". */
  day: string;
}
