/**
 * What is true at one step of a run: the shared context the assistant,
 * the judge and the view all read.
 */
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
