import { describe, expect, it } from 'vitest';
import { planDay, routineFor } from '../../src/agents/user/planner';
import { loadAllPersonas } from '../../src/cli/personas-node';
import { getObject } from '../../src/core/home';
import { findPath } from '../../src/core/paths';
import type { DayConditions } from '../../src/core/receptivity';
import { Rng } from '../../src/core/rng';
import { scheduleProblems } from '../../src/core/schedule';
import { parseHhmm } from '../../src/core/time';

const personas = loadAllPersonas();
const SEEDS = [1, 2, 3, 4, 5];

describe('planner invariants for all 32 personas over several seeds', () => {
  it.each(personas.map((p) => [p.id, p] as const))('%s', (_id, persona) => {
    for (const seed of SEEDS) {
      const plan = planDay(persona, Rng.fromSeed(`${seed}:${persona.id}`));
      // Whole day, no gaps, no overlaps, every action at an object in its room.
      expect(scheduleProblems(plan)).toEqual([]);
      // Every action is at a reachable object.
      for (let i = 1; i < plan.length; i++) {
        const a = getObject(plan[i - 1]!.object);
        const b = getObject(plan[i]!.object);
        if (a.id !== b.id) expect(findPath(a.use, b.use).length).toBeGreaterThan(0);
      }
      // Meals, hygiene and the daily plan requirements happen.
      for (const kind of ['breakfast', 'lunch', 'dinner', 'hygiene', 'sleep'] as const) {
        expect(
          plan.some((a) => a.kind === kind),
          `${kind} on seed ${seed}`,
        ).toBe(true);
      }
      for (const req of persona.dailyPlanRequirements) {
        expect(
          plan.some((a) => a.label === req.label),
          `${req.label} on seed ${seed}`,
        ).toBe(true);
      }
      // Work blocks where the persona has them.
      for (const w of persona.routine.work)
        expect(plan.some((a) => a.label === w.label)).toBe(true);
      // Awake from roughly the routine's wake time.
      const wake = plan.find((a) => a.kind !== 'sleep' && a.start >= 4 * 60)!;
      expect(Math.abs(wake.start - parseHhmm(persona.routine.wake))).toBeLessThan(150);
    }
  });

  const sunday: DayConditions = {
    day: 7,
    weekday: 'sun',
    weekend: true,
    mood: 'usual',
    windowShiftMinutes: 30,
    appetite: 1.25,
  };

  it.each(personas.map((p) => [p.id, p] as const))('%s on a weekend day', (_id, persona) => {
    // Expected from the persona file itself: its weekend work blocks (none by
    // default) and its weekend wake time (an hour later by default).
    const weekendWork = persona.routine.weekend?.work ?? [];
    const weekendLabels = new Set(weekendWork.map((w) => w.label));
    const weekendWake = persona.routine.weekend?.wake
      ? parseHhmm(persona.routine.weekend.wake)
      : Math.min(11 * 60, parseHhmm(persona.routine.wake) + 60);
    expect(parseHhmm(routineFor(persona, sunday).wake)).toBe(weekendWake);
    for (const seed of SEEDS) {
      const plan = planDay(persona, Rng.fromSeed(`${seed}:${persona.id}:sun`), {
        conditions: sunday,
      });
      expect(scheduleProblems(plan)).toEqual([]);
      for (const req of persona.dailyPlanRequirements) {
        expect(
          plan.some((a) => a.label === req.label),
          `${req.label} on seed ${seed}`,
        ).toBe(true);
      }
      // The weekend's own work blocks happen; weekday-only ones do not.
      for (const w of weekendWork) expect(plan.some((a) => a.label === w.label)).toBe(true);
      for (const w of persona.routine.work) {
        if (!weekendLabels.has(w.label)) {
          expect(
            plan.some((a) => a.label === w.label),
            `${w.label} on a Sunday`,
          ).toBe(false);
        }
      }
      const wake = plan.find((a) => a.kind !== 'sleep' && a.start >= 4 * 60)!;
      expect(Math.abs(wake.start - weekendWake)).toBeLessThan(150);
    }
  });

  it('varies more from day to day for people low in conscientiousness', () => {
    const spread = (level: 'High' | 'Low') => {
      const group = personas.filter((p) => p.bigFive.conscientiousness === level);
      let total = 0;
      for (const p of group) {
        const wakes = SEEDS.map(
          (s) =>
            planDay(p, Rng.fromSeed(`${s}:${p.id}`)).find(
              (a) => a.kind !== 'sleep' && a.start >= 240,
            )!.start,
        );
        const mean = wakes.reduce((a, b) => a + b, 0) / wakes.length;
        total += Math.sqrt(wakes.reduce((a, b) => a + (b - mean) ** 2, 0) / wakes.length);
      }
      return total / group.length;
    };
    expect(spread('Low')).toBeGreaterThan(2 * spread('High'));
  });
});
