/**
 * What the page does for a class, apart from the browser: walks played slow
 * enough to be seen ("Watch walks"), presenter mode in the store, and the
 * moment a link asks for (day, hour), capped and checked.
 */
import { describe, expect, it } from 'vitest';
import { momentAt } from '../../src/core/schedule';
import { createGame, type Game } from '../../src/state/create-game';
import { WALK_WATCH_SPEED, effectiveSpeed } from '../../src/state/speed';
import { parseMoment } from '../../src/ui/share';
import { fixturePersona } from './helpers';

function newGame(): Game {
  const persona = fixturePersona();
  return createGame({
    personas: [persona],
    initial: { personaId: persona.id, assistantId: 'never', seed: '3' },
    runConfig: { days: 2 },
    initialSpeed: 512,
  });
}

/** Run to the start of the first walk after `fromMinute` on day 1; returns its minute. */
function toNextWalk(game: Game, fromMinute: number): number {
  const { schedule } = game.store.getState().run;
  const walk = schedule.find((a) => a.start >= fromMinute && a.walkSeconds >= 20);
  if (!walk) throw new Error('no walk in the plan');
  game.actions.jumpTo({ day: 1, minute: Math.floor(walk.start) });
  while (game.store.getState().jump) game.actions.jumpChunk(() => false);
  // The clock may land a little before the walk within the step: put it just inside the walk.
  game.store.setState({ clock: { day: 1, minute: walk.start + 0.01 } });
  expect(momentAt(schedule, walk.start + 0.01).walking).toBe(true);
  return walk.start + 0.01;
}

describe('watching walks', () => {
  it('slows the clock to 8× at most during a walk, short of turbo', () => {
    expect(WALK_WATCH_SPEED).toBe(8);
    expect(effectiveSpeed(512, true, true)).toBe(8);
    expect(effectiveSpeed(64, true, true)).toBe(8);
    expect(effectiveSpeed(1, true, true)).toBe(1);
    expect(effectiveSpeed('turbo', true, true)).toBe('turbo');
    expect(effectiveSpeed(512, false, true)).toBe(512);
    expect(effectiveSpeed(512, true, false)).toBe(512);
  });

  it('advances a walking persona 8 simulated seconds per real second at 512×, 512 when off', () => {
    const game = newGame();
    const start = toNextWalk(game, 8 * 60);
    game.actions.play();
    game.actions.advance(0.05);
    const slowed = (game.store.getState().clock.minute - start) * 60;
    expect(slowed).toBeCloseTo(0.05 * 8, 5);

    game.actions.setWatchWalks(false);
    const again = game.store.getState().clock.minute;
    game.actions.advance(0.05);
    const fast = (game.store.getState().clock.minute - again) * 60;
    expect(fast).toBeCloseTo(0.05 * 512, 3);
  });
});

describe('presenter mode in the store', () => {
  it('is off by default and set by its action', () => {
    const game = newGame();
    expect(game.store.getState().presenter).toBe(false);
    game.actions.setPresenter(true);
    expect(game.store.getState().presenter).toBe(true);
  });
});

describe('a link to a moment', () => {
  it('reads day and hour', () => {
    expect(parseMoment('?day=14&hour=23', 14)).toEqual({
      target: { day: 14, minute: 23 * 60 },
      problems: [],
    });
    expect(parseMoment('?day=3&hour=0', 14).target).toEqual({ day: 3, minute: 0 });
  });

  it('opens at the end of the day without an hour, and not at all without a day', () => {
    expect(parseMoment('?day=2', 14)).toEqual({
      target: { day: 2, minute: 23 * 60 + 59 },
      problems: [],
    });
    expect(parseMoment('?persona=x', 14)).toEqual({ target: null, problems: [] });
    const hourOnly = parseMoment('?hour=9', 14);
    expect(hourOnly.target).toBeNull();
    expect(hourOnly.problems[0]).toMatch(/an hour but no day/);
  });

  it('caps a day past the run and an hour past 23, and says so', () => {
    const late = parseMoment('?day=40&hour=99', 14);
    expect(late.target).toEqual({ day: 14, minute: 23 * 60 });
    expect(late.problems).toHaveLength(2);
    expect(late.problems[0]).toMatch(/day 40, but a run has 14 days: it opens at day 14/);
    expect(late.problems[1]).toMatch(/hour 99 is past 23/);
  });

  it('refuses what is not a whole number', () => {
    for (const bad of ['0', '-3', 'two', '1.5', '']) {
      const m = parseMoment(`?day=${encodeURIComponent(bad)}`, 14);
      expect(m.target, bad).toBeNull();
      expect(m.problems[0], bad).toMatch(/is not a day of the run \(1 to 14\)/);
    }
    const badHour = parseMoment('?day=5&hour=noon', 14);
    expect(badHour.target).toEqual({ day: 5, minute: 23 * 60 + 59 });
    expect(badHour.problems[0]).toMatch(/"noon" is not an hour from 0 to 23/);
  });
});

describe("a jump's share of a slow frame", () => {
  it('takes 12 ms a frame, or half a slow frame up to 60 ms', async () => {
    const { jumpBudget } = await import('../../src/state/driver');
    expect(jumpBudget(null)).toBe(12);
    expect(jumpBudget(16)).toBe(12);
    expect(jumpBudget(50)).toBe(25);
    expect(jumpBudget(250)).toBe(60);
  });
});
