import { describe, expect, it } from 'vitest';
import { getAssistant } from '../../src/agents/registry';
import { builtinUser } from '../../src/agents/user/builtin';
import type { Persona } from '../../src/core/persona';
import { createRun, dispatch, type StepRecord } from '../../src/core/sim';
import { ACTIVITY_GROUPS } from '../../src/core/vocab';
import {
  GROUP_COLOURS,
  groupOf,
  hitTest,
  hourTicks,
  labelFits,
  minuteToX,
  quietSpans,
  segmentAt,
  segmentsFromRecords,
  segmentsWithPlan,
  trailingCounts,
  welcomeSpans,
  xToMinute,
} from '../../src/ui/timeline-layout';
import { fixturePersona } from './helpers';

const STEP = 2.5;

/** A whole day of records with the random assistant (it speaks often). */
function day(): {
  persona: Persona;
  records: StepRecord[];
  schedule: ReturnType<typeof createRun>['schedule'];
} {
  const persona = fixturePersona();
  const agents = { user: builtinUser, assistant: getAssistant('random') };
  const run = createRun(persona, agents, { seed: 'ui', days: 2 });
  const records = dispatch(run, agents, { type: 'advance', steps: 576 });
  return { persona, records, schedule: run.schedule };
}

/** A minimal record for hand-made cases. */
function rec(step: number, decision: StepRecord['decision'], actionIndex = 0): StepRecord {
  return {
    day: 1,
    step,
    minute: step * STEP,
    time: '',
    actionIndex,
    action: `action ${actionIndex}`,
    kind: 'work',
    room: 'study',
    object: 'desk',
    walking: false,
    asleep: decision === 'asleep',
    decision,
    suggestion: null,
    score: decision === 'asleep' ? null : 3,
    criteria: null,
    candidates: [],
    delivered: 0,
    pair: null,
    note: null,
    moment: null,
  } as StepRecord;
}

describe('timeline layout', () => {
  it('gives every activity a group with a colour, first listed group first', () => {
    for (const kinds of Object.values(ACTIVITY_GROUPS)) {
      for (const k of kinds) expect(GROUP_COLOURS[groupOf(k)]).toMatch(/^#[0-9a-f]{6}$/);
    }
    expect(groupOf('sleep')).toBe('rest');
    expect(groupOf('dishes')).toBe('kitchen');
    expect(groupOf('meditation')).toBe('body');
  });

  it('derives contiguous bars covering the day from the records', () => {
    const { records } = day();
    const bars = segmentsFromRecords(records, STEP);
    expect(bars[0]?.start).toBe(0);
    expect(bars[bars.length - 1]?.end).toBe(1440);
    for (let i = 1; i < bars.length; i++) {
      expect(bars[i]?.start).toBeCloseTo(bars[i - 1]?.end ?? -1, 6);
      expect(bars[i]?.actionIndex).not.toBe(bars[i - 1]?.actionIndex);
    }
    expect(bars.every((b) => !b.planned)).toBe(true);
  });

  it('continues the day in progress with the rest of the plan, faded', () => {
    const { records, schedule } = day();
    const lived = records.slice(0, 300);
    const bars = segmentsWithPlan(lived, schedule, STEP);
    const firstPlanned = bars.findIndex((b) => b.planned);
    expect(firstPlanned).toBeGreaterThan(0);
    expect(bars[firstPlanned]?.start).toBeCloseTo(300 * STEP, 6);
    expect(bars[bars.length - 1]?.end).toBe(1440);
    expect(bars.slice(firstPlanned).every((b) => b.planned)).toBe(true);
  });

  it('splits welcome windows that wrap over midnight', () => {
    const p = fixturePersona();
    expect(welcomeSpans(p)).toEqual([{ from: 600, to: 1200 }]);
    const night: Persona = {
      ...p,
      rubric: {
        ...p.rubric,
        timing: { ...p.rubric.timing, welcomeWindows: [{ from: '22:00', to: '06:00' }] },
      },
    };
    expect(welcomeSpans(night)).toEqual([
      { from: 0, to: 360 },
      { from: 1320, to: 1440 },
    ]);
  });

  it('hatches the quiet activities, merging neighbours', () => {
    const p = fixturePersona();
    const spans = quietSpans(
      [
        { start: 0, end: 60, actionIndex: 0, label: 'a', kind: 'work', planned: false },
        { start: 60, end: 90, actionIndex: 1, label: 'b', kind: 'work', planned: false },
        { start: 90, end: 120, actionIndex: 2, label: 'c', kind: 'lunch', planned: false },
        { start: 120, end: 200, actionIndex: 3, label: 'd', kind: 'work', planned: false },
      ],
      p,
    );
    expect(spans).toEqual([
      { from: 0, to: 90 },
      { from: 120, to: 200 },
    ]);
  });

  it('counts suggestions in the trailing frequency window', () => {
    const records = [
      rec(0, 'recommend'),
      rec(1, 'silent'),
      rec(2, 'recommend'),
      rec(3, 'silent'),
      rec(4, 'recommend'),
    ];
    // A window of w minutes holds the suggestions at t - w < m ≤ t, as the judge counts them.
    expect(trailingCounts(records, 5).map((c) => c.count)).toEqual([1, 1, 1, 1, 1]);
    expect(trailingCounts(records, 7.5).map((c) => c.count)).toEqual([1, 1, 2, 1, 2]);
    expect(trailingCounts(records, 60).map((c) => c.count)).toEqual([1, 1, 2, 2, 3]);
  });

  it('maps minutes to pixels and back', () => {
    expect(minuteToX(720, 800)).toBe(400);
    expect(xToMinute(400, 800)).toBe(720);
    expect(xToMinute(-5, 800)).toBe(0);
    expect(xToMinute(900, 800)).toBe(1440);
  });

  it('labels hours no closer than the gap allows', () => {
    expect(hourTicks(2400, 34)).toHaveLength(25);
    expect(hourTicks(720, 40)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24]);
    expect(hourTicks(300, 40)).toEqual([0, 6, 12, 18, 24]);
  });

  it('hits the spoken mark near the pointer first, never an asleep step', () => {
    const records = [rec(0, 'asleep'), rec(1, 'silent'), rec(2, 'recommend'), rec(3, 'silent')];
    const width = 1440 * 4; // 4 px per minute: a step is 10 px wide
    const centre = (step: number): number => minuteToX(step * STEP + STEP / 2, width);
    expect(hitTest(records, centre(2) + 3, width, STEP)?.step).toBe(2);
    expect(hitTest(records, centre(3) + 1, width, STEP)?.step).toBe(3);
    expect(hitTest(records, centre(1), width, STEP)?.step).toBe(1);
    expect(hitTest(records, centre(0), width, STEP)).toBeNull();
    expect(hitTest(records, minuteToX(600, width), width, STEP)).toBeNull();
  });

  it('finds the bar under a minute and decides whether its label fits', () => {
    const bars = [
      { start: 0, end: 60, actionIndex: 0, label: 'a', kind: 'sleep' as const, planned: false },
      { start: 60, end: 90, actionIndex: 1, label: 'b', kind: 'work' as const, planned: false },
    ];
    expect(segmentAt(bars, 75)?.label).toBe('b');
    expect(segmentAt(bars, 90)).toBeNull();
    expect(labelFits(40, 52)).toBe(true);
    expect(labelFits(40, 51)).toBe(false);
  });
});
