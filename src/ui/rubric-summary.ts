/**
 * One-line structured summaries of a persona's rubric, shown under each
 * part's prose on the persona card, and the short words the panels use for
 * traits and rates. Pure: persona data in, strings out.
 */
import { WEEKEND_WAKE_DELAY_MINUTES, type Persona, type Rubric } from '../core/persona';
import {
  describeDay,
  resolveReceptivity,
  WEEKDAY_NAMES,
  type DayConditions,
  type Engagement,
} from '../core/receptivity';
import { BIG_FIVE_TRAITS, type BigFiveTrait } from '../core/vocab';

export const TRAIT_LABELS: Record<BigFiveTrait, string> = {
  extraversion: 'Extraversion',
  agreeableness: 'Agreeableness',
  conscientiousness: 'Conscientiousness',
  openness: 'Openness',
  neuroticism: 'Neuroticism',
};

/** The five traits in the usual order, each with its level. */
export function traitChips(
  persona: Persona,
): { trait: BigFiveTrait; label: string; high: boolean }[] {
  return BIG_FIVE_TRAITS.map((trait) => ({
    trait,
    label: `${TRAIT_LABELS[trait]} ${persona.bigFive[trait]}`,
    high: persona.bigFive[trait] === 'High',
  }));
}

/** 300 → "5 h", 90 → "90 min", 150 → "2.5 h", 60 → "1 h". */
export function durationText(minutes: number): string {
  if (minutes < 60 || (minutes < 120 && minutes % 60 !== 0)) return `${minutes} min`;
  const hours = minutes / 60;
  return `${Number.isInteger(hours) ? hours : Number(hours.toFixed(1))} h`;
}

/** "1–2 per 3 h, ≥45 min apart" (min = max: "2 per 3 h"; no gap: no "apart"). */
export function frequencySummary(f: Rubric['frequency']): string {
  const count = f.min === f.max ? `${f.max}` : `${f.min}–${f.max}`;
  const gap = f.minGapMinutes > 0 ? `, ≥${durationText(f.minGapMinutes)} apart` : '';
  return `${count} per ${durationText(f.windowMinutes)}${gap}`;
}

/** "plant-care → gardening · hobby, tv → film, self-care". */
export function preferenceSummary(p: Rubric['personalPreference']): string {
  return p.welcome.map((w) => `${w.activities.join(', ')} → ${w.topics.join(', ')}`).join(' · ');
}

/** "welcome 12:45–13:45, 17:15–22:30 · quiet: work, journaling". */
export function timingSummary(t: Rubric['timing']): string {
  const windows = t.welcomeWindows.map((w) => `${w.from}–${w.to}`).join(', ');
  const quiet = t.quietActivities.length > 0 ? t.quietActivities.join(', ') : 'none';
  return `welcome ${windows} · quiet: ${quiet}`;
}

/** "tones: calm, friendly · avoid: news, tech". */
export function communicationSummary(c: Rubric['communication']): string {
  const avoid = c.avoidTopics.length > 0 ? c.avoidTopics.join(', ') : 'nothing';
  return `tones: ${c.tones.join(', ')} · avoid: ${avoid}`;
}

export interface RubricPart {
  key: 'preference' | 'timing' | 'frequency' | 'communication';
  title: string;
  prose: string;
  summary: string;
}

/** The four rubric parts in order, as the persona card shows them. */
export function rubricParts(rubric: Rubric): RubricPart[] {
  return [
    {
      key: 'preference',
      title: 'Personal preference',
      prose: rubric.personalPreference.prose,
      summary: preferenceSummary(rubric.personalPreference),
    },
    {
      key: 'timing',
      title: 'Timing',
      prose: rubric.timing.prose,
      summary: timingSummary(rubric.timing),
    },
    {
      key: 'frequency',
      title: 'Frequency',
      prose: rubric.frequency.prose,
      summary: frequencySummary(rubric.frequency),
    },
    {
      key: 'communication',
      title: 'Communication & safety',
      prose: rubric.communication.prose,
      summary: communicationSummary(rubric.communication),
    },
  ];
}

/** The asked rate in suggestions per hour of welcome time: [min, max]. */
export function askedPerHour(f: Rubric['frequency']): [number, number] {
  return [(f.min * 60) / f.windowMinutes, (f.max * 60) / f.windowMinutes];
}

/**
 * The receptivity model in short lines, as the judge applies it: which
 * activities absorb the person (mid-task suggestions fail timing), which are
 * pauses, the breakpoint, habituation, and how days vary. Entries the persona
 * set itself are marked with "*".
 */
export function receptivitySummary(persona: Persona): string[] {
  const r = resolveReceptivity(persona);
  const byLevel = (level: Engagement): string =>
    (Object.entries(r.engagement) as [string, Engagement][])
      .filter(([k, e]) => e === level && k !== 'sleep' && k !== 'nap')
      .map(([k]) => (r.engagementOverrides.has(k as never) ? `${k}*` : k))
      .join(', ') || 'none';
  const weekend = persona.routine.weekend;
  const weekendBits = [
    r.weekendDays.length
      ? r.weekendDays.map((d) => WEEKDAY_NAMES[d].slice(0, 3)).join(', ')
      : 'none',
    weekend?.wake ? `wakes ${weekend.wake}` : `wakes ${WEEKEND_WAKE_DELAY_MINUTES} min later`,
    weekend?.work?.length
      ? `works ${weekend.work.map((w) => `${w.start}–${w.end}`).join(', ')}`
      : 'no work',
  ];
  return [
    `absorbed in: ${byLevel('deep')} (only their first ${r.breakpointMinutes} min are open)`,
    `pauses: ${byLevel('idle')}`,
    `same topic again after ${durationText(r.sameTopicMinutes)}; the same tip after ${r.sameSuggestionDays} day${r.sameSuggestionDays === 1 ? '' : 's'}`,
    `weekend: ${weekendBits.join(' · ')}; windows ${signedMinutes(r.weekendWindowShiftMinutes)}, appetite ×${r.weekendAppetite}`,
    `tired days ${Math.round(r.tiredChance * 100)}% (appetite ×${r.tiredAppetite}), busy days ${Math.round(r.busyChance * 100)}% (×${r.busyAppetite}); windows move up to ±${r.windowJitterMinutes} min a day`,
  ];
}

function signedMinutes(m: number): string {
  return m === 0 ? 'unmoved' : `${m > 0 ? '+' : '−'}${Math.abs(m)} min`;
}

/** "a tired Saturday · windows +45 min · appetite ×0.94". */
export function todaySummary(c: DayConditions): string {
  return `${describeDay(c)} · windows ${signedMinutes(c.windowShiftMinutes)} · appetite ×${c.appetite}`;
}
