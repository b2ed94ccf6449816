import { describe, expect, it } from 'vitest';
import type { RunState, StepRecord } from '../../src/core/sim';
import { jumpArrived, jumpIsBehind, targetStep } from '../../src/state/jump';
import { latestStep, neighbourStep, recordAt } from '../../src/state/selectors';

function rec(day: number, step: number, decision: StepRecord['decision']): StepRecord {
  return {
    day,
    step,
    minute: step * 2.5,
    decision,
    score: decision === 'asleep' ? null : 2,
  } as StepRecord;
}

// Day 1: asleep, silent, spoken, asleep; day 2: asleep, asleep, spoken, silent.
const history: StepRecord[][] = [
  [rec(1, 0, 'asleep'), rec(1, 1, 'silent'), rec(1, 2, 'recommend'), rec(1, 3, 'asleep')],
  [rec(2, 0, 'asleep'), rec(2, 1, 'asleep'), rec(2, 2, 'recommend'), rec(2, 3, 'silent')],
];

describe('history selectors for the inspector', () => {
  it('finds a step by day and step', () => {
    expect(recordAt(history, { day: 2, step: 2 })?.decision).toBe('recommend');
    expect(recordAt(history, { day: 3, step: 0 })).toBeUndefined();
    expect(recordAt(history, null)).toBeUndefined();
  });

  it('walks scored steps across days, skipping sleep', () => {
    expect(neighbourStep(history, { day: 1, step: 2 }, 1)).toMatchObject({ day: 2, step: 2 });
    expect(neighbourStep(history, { day: 2, step: 2 }, -1)).toMatchObject({ day: 1, step: 2 });
    expect(neighbourStep(history, { day: 1, step: 2 }, -1)).toMatchObject({ day: 1, step: 1 });
    expect(neighbourStep(history, { day: 1, step: 1 }, -1)).toBeNull();
    expect(neighbourStep(history, { day: 2, step: 3 }, 1)).toBeNull();
  });

  it('walks spoken steps only when asked', () => {
    expect(neighbourStep(history, { day: 2, step: 3 }, -1, 'spoken')).toMatchObject({
      day: 2,
      step: 2,
    });
    expect(neighbourStep(history, { day: 2, step: 2 }, -1, 'spoken')).toMatchObject({
      day: 1,
      step: 2,
    });
  });

  it('starts from a step that is not in the history yet', () => {
    expect(neighbourStep(history, { day: 2, step: 9 }, -1)).toMatchObject({ day: 2, step: 3 });
  });

  it('finds the latest spoken step', () => {
    expect(latestStep(history)).toMatchObject({ day: 2, step: 2 });
    expect(latestStep(history, 'scored')).toMatchObject({ day: 2, step: 3 });
    expect(latestStep([])).toBeNull();
  });
});

describe('jump arithmetic', () => {
  const config = { days: 14, stepSeconds: 150 } as RunState['config'];

  it('finds the step that holds the target minute', () => {
    expect(targetStep({ config }, { day: 3, minute: 0 })).toBe(0);
    expect(targetStep({ config }, { day: 3, minute: 12 * 60 + 1 })).toBe(288);
    expect(targetStep({ config }, { day: 3, minute: 1439 })).toBe(575);
  });

  it('arrives once the target step has run', () => {
    const target = { day: 2, minute: 60 };
    expect(jumpArrived({ config, day: 2, step: 24 }, target)).toBe(false);
    expect(jumpArrived({ config, day: 2, step: 25 }, target)).toBe(true);
    expect(jumpArrived({ config, day: 3, step: 0 }, target)).toBe(true);
    expect(jumpArrived({ config, day: 15, step: 0 }, { day: 14, minute: 1439 })).toBe(true);
  });

  it('refuses targets at or behind the clock', () => {
    const at = { latest: rec(2, 24, 'silent'), run: { config } };
    expect(jumpIsBehind(at, { day: 2, minute: 60 })).toBe(true);
    expect(jumpIsBehind(at, { day: 2, minute: 62 })).toBe(true);
    expect(jumpIsBehind(at, { day: 2, minute: 62.5 })).toBe(false);
    expect(jumpIsBehind(at, { day: 1, minute: 1000 })).toBe(true);
    expect(jumpIsBehind(at, { day: 3, minute: 0 })).toBe(false);
  });
});
