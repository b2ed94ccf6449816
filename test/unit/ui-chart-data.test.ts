import { describe, expect, it } from 'vitest';
import { getAssistant } from '../../src/agents/registry';
import { builtinUser } from '../../src/agents/user/builtin';
import { createRun, dispatch } from '../../src/core/sim';
import type { DaySummary } from '../../src/core/metrics';
import {
  confusionColumns,
  lossColumns,
  meanScoreColumns,
  passRateColumns,
  rateColumns,
  trendText,
  welcomeMinutesPerDay,
} from '../../src/ui/chart-data';
import { fixturePersona } from './helpers';

function twoDays(): DaySummary[] {
  const persona = fixturePersona();
  const agents = { user: builtinUser, assistant: getAssistant('random') };
  const run = createRun(persona, agents, { seed: 'charts', days: 2 });
  dispatch(run, agents, { type: 'advance', steps: 2 * 576 });
  return run.days;
}

describe('learning chart data', () => {
  const days = twoDays();
  const persona = fixturePersona();

  it('has one point per finished day', () => {
    expect(days).toHaveLength(2);
    const [x, mean] = meanScoreColumns(days);
    expect(x).toEqual([1, 2]);
    expect(mean).toEqual(days.map((d) => d.meanScore));
  });

  it('spreads the asked rate over the waking hours', () => {
    expect(welcomeMinutesPerDay(persona)).toBe(600);
    const [, made, min, max] = rateColumns(days, persona);
    expect(made).toEqual(days.map((d) => d.recsPerWakingHour));
    const d = days[0] as DaySummary;
    // 1–2 per 180 min of welcome time, 600 welcome minutes a day.
    expect(min?.[0]).toBeCloseTo(600 / 180 / d.wakingHours, 9);
    expect(max?.[0]).toBeCloseTo((2 * 600) / 180 / d.wakingHours, 9);
  });

  it('gives a pass-rate column per criterion', () => {
    const cols = passRateColumns(days);
    expect(cols).toHaveLength(5);
    expect(cols[1]).toEqual(days.map((d) => d.passRate.preference));
    expect(cols[4]).toEqual(days.map((d) => d.passRate.communication));
  });

  it('stacks the confusion matrix to the day’s scored steps', () => {
    const { stacked, raw } = confusionColumns(days);
    expect(raw).toHaveLength(4);
    expect(stacked[1]).toEqual(raw[0]);
    const total = stacked[4] as number[];
    expect(total).toEqual(days.map((d) => d.scoredSteps));
    // Running totals never go down.
    for (let i = 2; i <= 4; i++) {
      (stacked[i] as number[]).forEach((v, j) =>
        expect(v).toBeGreaterThanOrEqual((stacked[i - 1] as number[])[j] as number),
      );
    }
  });

  it('takes the losses from the training log', () => {
    const cols = lossColumns([
      { day: 2, pairs: 10, lossBefore: 0.69, lossAfter: 0.5, accuracy: 0.8 },
      { day: 3, pairs: 20, lossBefore: 0.6, lossAfter: 0.4, accuracy: 0.9 },
    ]);
    expect(cols).toEqual([
      [2, 3],
      [0.69, 0.6],
      [0.5, 0.4],
    ]);
  });

  it('reads the trend in words', () => {
    expect(trendText([], (d) => d.meanScore)).toBe('');
    expect(trendText(days.slice(0, 1), () => 2)).toBe('day 1: 2.00');
    expect(trendText(days, (d) => d.day)).toBe('day 1 → day 2: 1.00 → 2.00');
  });
});
