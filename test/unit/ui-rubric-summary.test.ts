import { describe, expect, it } from 'vitest';
import {
  askedPerHour,
  communicationSummary,
  durationText,
  frequencySummary,
  preferenceSummary,
  rubricParts,
  timingSummary,
  traitChips,
} from '../../src/ui/rubric-summary';
import { fixturePersona } from './helpers';

describe('rubric summaries on the persona card', () => {
  const persona = fixturePersona();

  it('writes durations as people say them', () => {
    expect(durationText(45)).toBe('45 min');
    expect(durationText(60)).toBe('1 h');
    expect(durationText(90)).toBe('90 min');
    expect(durationText(150)).toBe('2.5 h');
    expect(durationText(180)).toBe('3 h');
    expect(durationText(300)).toBe('5 h');
  });

  it('summarises the frequency rule as a rate', () => {
    expect(frequencySummary(persona.rubric.frequency)).toBe('1–2 per 3 h, ≥30 min apart');
    expect(
      frequencySummary({ ...persona.rubric.frequency, min: 2, max: 2, minGapMinutes: 45 }),
    ).toBe('2 per 3 h, ≥45 min apart');
    expect(frequencySummary({ ...persona.rubric.frequency, minGapMinutes: 0 })).toBe('1–2 per 3 h');
  });

  it('lists welcome topics per activity, windows, quiet activities, tones and avoided topics', () => {
    expect(preferenceSummary(persona.rubric.personalPreference)).toBe(
      'cooking → recipes · music → music',
    );
    expect(timingSummary(persona.rubric.timing)).toBe('welcome 10:00–20:00 · quiet: work');
    expect(timingSummary({ ...persona.rubric.timing, quietActivities: [] })).toBe(
      'welcome 10:00–20:00 · quiet: none',
    );
    expect(communicationSummary(persona.rubric.communication)).toBe(
      'tones: friendly · avoid: finance',
    );
  });

  it('gives the four parts in order, with their prose', () => {
    const parts = rubricParts(persona.rubric);
    expect(parts.map((p) => p.title)).toEqual([
      'Personal preference',
      'Timing',
      'Frequency',
      'Communication & safety',
    ]);
    expect(parts[0]?.prose).toBe(persona.rubric.personalPreference.prose);
    expect(parts.every((p) => p.summary.length > 0)).toBe(true);
  });

  it('shows the Big Five as five High/Low chips', () => {
    const chips = traitChips(persona);
    expect(chips.map((c) => c.label)).toEqual([
      'Extraversion High',
      'Agreeableness High',
      'Conscientiousness Low',
      'Openness High',
      'Neuroticism Low',
    ]);
    expect(chips.filter((c) => c.high)).toHaveLength(3);
  });

  it('converts the asked rate to suggestions per hour', () => {
    expect(askedPerHour(persona.rubric.frequency)).toEqual([1 / 3, 2 / 3]);
  });
});
