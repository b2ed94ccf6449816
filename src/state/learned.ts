/**
 * What the assistant has learned, for the view: its wish to speak (0–1) by
 * hour × activity, read from the policy it played a day with (kept in the
 * archive, src/state/archive.ts) by asking it about made-up moments that
 * hold only what it observes (SyntheticMoment) — never the persona. For an
 * assistant with no policy (a fixed rule, a yardstick, a model) it says why.
 */
import { assistantEntry, getAssistant } from '../agents/registry';
import type { SyntheticMoment } from '../core/agents';
import type { ActivityKind } from '../core/vocab';
import { scheduleOf } from './moment';
import type { GameState } from './store';

/** The made-up moments: this long into the activity, an hour after its last suggestion. */
export const PROBE_MINUTES_IN = 5;
export const PROBE_SINCE_LAST = 60;
export const PROBE_SPOKEN_TODAY = 2;

export interface LearnedGrid {
  day: number;
  /** The rows: the activities the persona's plans hold, and walking. */
  kinds: (ActivityKind | 'walking')[];
  /** wish[row][hour]: π(speak) at hour:30 of that day, 0–1. */
  wish: number[][];
}

export type Learned =
  { ok: true; days: number[]; grid: LearnedGrid } | { ok: false; reason: string };

type Source = Pick<GameState, 'run' | 'history' | 'archive'>;

/** Why an assistant has no policy to show, or null when it has one. */
export function noPolicyReason(assistantId: string): string | null {
  const entry = assistantEntry(assistantId);
  if (entry.needsModel)
    return `${entry.label} asks a language model at every step: it has no policy of its own to read here.`;
  const agent = entry.agent;
  if (agent.wishToSpeak && agent.policySnapshot) return null;
  if (agent.peeksAtPerson)
    return `${entry.label} is a yardstick: it reads the person directly, so it has no policy and learns nothing.`;
  return `${entry.label} follows a fixed rule and learns nothing: there is no policy to show.`;
}

/** The days whose policy was kept (a reopened run keeps only what it ran in this page). */
export function policyDays(s: Source): number[] {
  const out: number[] = [];
  s.archive.days.forEach((d, i) => {
    if (d && d.policy !== null && d.policy !== undefined) out.push(i + 1);
  });
  return out;
}

export function learnedAt(s: Source, day: number): Learned {
  const reason = noPolicyReason(s.run.assistantId);
  if (reason) return { ok: false, reason };
  const days = policyDays(s);
  if (days.length === 0)
    return {
      ok: false,
      reason:
        'No policy was kept yet in this page (a reopened run keeps the days it runs from here): play or jump a little.',
    };
  const chosen = days.includes(day) ? day : (days[days.length - 1] as number);
  const policy = s.archive.days[chosen - 1]?.policy;
  const agent = getAssistant(s.run.assistantId);
  const kinds = kindsOf(s, days);
  const wish = kinds.map((kind) =>
    Array.from({ length: 24 }, (_, hour) => {
      const moment: SyntheticMoment = {
        day: chosen,
        minute: hour * 60 + 30,
        kind,
        minutesIn: PROBE_MINUTES_IN,
        sinceLastMinutes: PROBE_SINCE_LAST,
        spokenToday: PROBE_SPOKEN_TODAY,
      };
      return agent.wishToSpeak?.(policy, moment) ?? Number.NaN;
    }),
  );
  return { ok: true, days, grid: { day: chosen, kinds, wish } };
}

/** The activities in the persona's plans of those days (sleep aside), then walking. */
function kindsOf(s: Source, days: readonly number[]): (ActivityKind | 'walking')[] {
  const seen = new Set<ActivityKind>();
  for (const d of days) for (const a of scheduleOf(s, d)) seen.add(a.kind);
  seen.delete('sleep');
  return [...seen, 'walking'];
}
