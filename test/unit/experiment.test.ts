import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { getAssistant, registerAssistant } from '../../src/agents/registry';
import type { Persona } from '../../src/core/persona';
import { BIG_FIVE_TRAITS, CRITERIA, type BigFive } from '../../src/core/vocab';
import { aggregate, averageDay } from '../../src/experiment/aggregate';
import { DAY_COLUMNS, daysCsv, toCsv } from '../../src/experiment/csv';
import { runExperiment } from '../../src/experiment/experiment';
import { comparisonDays } from '../../src/experiment/goals';
import { summaryMarkdown } from '../../src/experiment/markdown';
import { planJobs } from '../../src/experiment/job';
import { runJobs } from '../../src/experiment/runner';
import { lineChart, niceTicks } from '../../src/experiment/svg';
import type { ExperimentConfig, JobResult, PersonaDay } from '../../src/experiment/types';
import { scoreChart, writeReport } from '../../src/experiment/write';
import { fixturePersona } from './helpers';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The fixture persona under another id, with the Big Five levels given by the bits of `bits`. */
function personaWith(id: string, bits: number): Persona {
  const p = structuredClone(fixturePersona());
  p.id = id;
  p.name = `Persona ${id}`;
  p.bigFive = Object.fromEntries(
    BIG_FIVE_TRAITS.map((t, i) => [t, (bits >> i) & 1 ? 'Low' : 'High']),
  ) as BigFive;
  return p;
}

const CONFIG: ExperimentConfig = {
  seed: 'exp-test',
  days: 2,
  stepSeconds: 150,
  judgeNoise: 0,
  forceSilentProbability: 0.3,
  exportPairs: false,
};

/** A synthetic day: only the fields the test sets matter. */
function day(d: number, o: Partial<PersonaDay> = {}): PersonaDay {
  return {
    day: d,
    scoredSteps: 400,
    meanScore: 2,
    recommendations: 100,
    recMeanScore: 1,
    silentSteps: 300,
    silentShare: 0.75,
    silentMeanScore: 3,
    wakingHours: 16.667,
    recsPerWakingHour: 6,
    passRate: { preference: 0.5, timing: 0.5, frequency: 0.5, communication: 0.5 },
    tooOften: 40,
    tooRare: 20,
    confusion: { spokeWelcome: 10, spokeUnwelcome: 90, silentMissed: 100, silentRight: 200 },
    pairs: 0,
    failedRules: {},
    welcomeHours: 10,
    welcomeRecs: 60,
    recsPerWelcomeHour: 6,
    unjudgedSteps: 0,
    ...o,
  };
}

function result(
  index: number,
  assistantId: string,
  personaId: string,
  days: PersonaDay[],
): JobResult {
  return {
    index,
    assistantId,
    personaId,
    days,
    steps: days.length * 576,
    unjudgedSteps: days.reduce((n, d) => n + d.unjudgedSteps, 0),
    scoredSteps: days.reduce((n, d) => n + d.scoredSteps, 0),
    totalPairs: 0,
    trainingLog: null,
    pairs: null,
  };
}

const tmp: string[] = [];
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'propersim-exp-'));
  tmp.push(d);
  return d;
};

describe('aggregation', () => {
  it('averages each metric over personas, each persona weighing the same', () => {
    const a = day(1, {
      scoredSteps: 400,
      meanScore: 2,
      recsPerWakingHour: 6,
      recMeanScore: 1,
      silentMeanScore: null,
      passRate: { preference: 0.2, timing: 1, frequency: 0.5, communication: 0.9 },
      tooOften: 40,
      confusion: { spokeWelcome: 40, spokeUnwelcome: 0, silentMissed: 0, silentRight: 360 },
    });
    const b = day(1, {
      scoredSteps: 200,
      meanScore: 3,
      recsPerWakingHour: 1,
      recMeanScore: null,
      silentMeanScore: 3.5,
      passRate: { preference: 0.6, timing: 0.5, frequency: 0.25, communication: 0.1 },
      tooOften: 0,
      confusion: { spokeWelcome: 0, spokeUnwelcome: 20, silentMissed: 100, silentRight: 80 },
    });
    const avg = averageDay(1, [a, b]);
    expect(avg.personas).toBe(2);
    expect(avg.meanScore).toBe(2.5); // not weighted by scored steps (that would be 2.3333)
    expect(avg.scoredSteps).toBe(300);
    expect(avg.recsPerWakingHour).toBe(3.5);
    expect(avg.recMeanScore).toBe(1); // nulls are left out
    expect(avg.silentMeanScore).toBe(3.5);
    expect(avg.passRate).toEqual({
      preference: 0.4,
      timing: 0.75,
      frequency: 0.375,
      communication: 0.5,
    });
    expect(avg.tooOften).toBe(20);
    expect(avg.tooOftenShare).toBe(0.05); // (40/400 + 0/200) / 2
    expect(avg.confusion.silentMissed).toBe(50);
    expect(avg.confusionShare.silentMissed).toBe(0.25); // (0 + 100/200) / 2
    expect(avg.confusionShare.silentRight).toBe(0.65); // (360/400 + 80/200) / 2
    expect(
      averageDay(1, [day(1, { recMeanScore: null }), day(1, { recMeanScore: null })]).recMeanScore,
    ).toBeNull();
  });

  it('builds per-assistant days, persona summaries and goals from job results', () => {
    const personas = [personaWith('p-a', 0), personaWith('p-b', 31)];
    const scores: Record<string, [number, number][]> = {
      // assistant -> per persona [day1, day2]
      propera: [
        [1, 3],
        [2, 3.5],
      ],
      never: [
        [3, 3],
        [3, 3],
      ],
      oracle: [
        [4, 4],
        [3.5, 3.5],
      ],
    };
    const results: JobResult[] = [];
    for (const [id, rows] of Object.entries(scores)) {
      rows.forEach(([d1, d2], i) => {
        const pid = (personas[i] as Persona).id;
        const recs = id === 'propera' ? [12, 2] : [0, 0];
        const silentShare = id === 'never' ? 1 : 0.75;
        results.push(
          result(results.length, id, pid, [
            day(1, {
              meanScore: d1,
              silentShare,
              recsPerWakingHour: recs[0] as number,
              recsPerWelcomeHour: recs[0] as number,
            }),
            day(2, {
              meanScore: d2,
              silentShare,
              recsPerWakingHour: recs[1] as number,
              recsPerWelcomeHour: (recs[1] as number) * (i + 1),
            }),
          ]),
        );
      });
    }
    const report = aggregate({
      config: CONFIG,
      personas,
      assistantIds: ['propera', 'never', 'oracle'],
      results,
    });
    const propera = report.assistants.propera!;
    expect(propera.days.map((d) => d.meanScore)).toEqual([1.5, 3.25]);
    expect(report.assistants.oracle!.days.map((d) => d.meanScore)).toEqual([3.75, 3.75]);
    expect(propera.personas.map((p) => [p.id, p.firstDay.meanScore, p.lastDay.meanScore])).toEqual([
      ['p-a', 1, 3],
      ['p-b', 2, 3.5],
    ]);
    // gap closed = (3.25 - 1.5) / (3.75 - 1.5)
    expect(report.goals.gapClosed.value).toBeCloseTo(1.75 / 2.25, 4);
    // A drop in rate is reported, but it is no goal by itself.
    expect(report.goals.recsDrop).toMatchObject({ firstDay: 12, lastDay: 2, pass: null });
    // The comparison window of a 2-day run is its second half: day 2. 3.25 > 3.
    expect(report.goals.beatsBaselines.days).toEqual([2]);
    expect(report.goals.beatsBaselines.pass).toBe(true);
    expect(report.goals.beatsBaselines.comparisons).toEqual([
      { assistant: 'never', daysWon: 1, of: 1, meanMargin: 0.25 },
    ]);
    // delivered ÷ asked on the last day; the median of two is their mean.
    const ratios = propera.personas.map((p) => p.deliveredToAsked);
    expect(report.goals.deliveredToAsked.median).toBeCloseTo(
      ((ratios[0] as number) + (ratios[1] as number)) / 2,
      4,
    );
    // Ratios 2/asked and 4/asked: the check passes only inside ×0.67–1.5.
    const med = report.goals.deliveredToAsked.median as number;
    expect(report.goals.deliveredToAsked.pass).toBe(med >= 0.67 && med <= 1.5);
    expect(report.goals.deliveredToAsked.band).toEqual([0.67, 1.5]);
    expect(report.goals.deliveredToAsked.underOnePerDay).toBe(0);
    // Day 2: p-a 3 vs never 3 (a tie is no win), p-b 3.5 vs 3.
    expect(report.goals.beatsNeverPerPersona).toMatchObject({ day: 2, won: 1, of: 2 });
    // oracle − never on day 2: 3.75 − 3.
    expect(report.goals.silenceCost).toMatchObject({ value: 0.75, pass: true, threshold: 0.4 });
    // The split needs oracle-anytime and oracle-anything.
    expect(report.goals.timingContent).toMatchObject({ timing: null, content: null, pass: null });
    expect(report.baselines.find((b) => b.assistant === 'never')!.text).toMatch(/never speaks/);
  });

  it("splits the oracle's lead into timing and content, and counts personas under one suggestion a day", () => {
    const personas = [personaWith('s-a', 0), personaWith('s-b', 1)];
    const lastDay: Record<string, [number, number]> = {
      propera: [3.5, 3.6],
      never: [3, 3],
      oracle: [4, 4],
      'oracle-anytime': [3.6, 3.7],
      'oracle-anything': [3.8, 3.9],
    };
    const results: JobResult[] = [];
    for (const [id, [a, b]] of Object.entries(lastDay)) {
      [a, b].forEach((score, i) =>
        results.push(
          result(results.length, id, (personas[i] as Persona).id, [
            day(1, { meanScore: 2 }),
            day(2, {
              meanScore: score,
              recommendations: id === 'propera' && i === 0 ? 0 : 3,
            }),
          ]),
        ),
      );
    }
    const report = aggregate({
      config: CONFIG,
      personas,
      assistantIds: Object.keys(lastDay),
      results,
    });
    // oracle 4 − anytime 3.65 = 0.35 (timing); oracle 4 − anything 3.85 = 0.15 (content).
    expect(report.goals.timingContent.timing).toBeCloseTo(0.35, 4);
    expect(report.goals.timingContent.content).toBeCloseTo(0.15, 4);
    expect(report.goals.timingContent.pass).toBe(false);
    // The oracle family are yardsticks, not baselines to beat.
    expect(report.goals.beatsBaselines.comparisons.map((c) => c.assistant)).toEqual(['never']);
    expect(report.goals.deliveredToAsked.underOnePerDay).toBe(1);
    expect(report.goals.deliveredToAsked.underOnePerDayIds).toEqual(['s-a']);
  });

  it('leaves unjudged steps out of every mean, counts them per day and per assistant, and warns first', () => {
    const personas = [personaWith('u-a', 0), personaWith('u-b', 1)];
    const results = [
      // u-a: day 1 partly unjudged, day 2 nobody scored (no mean, never 0).
      result(0, 'never', 'u-a', [
        day(1, { meanScore: 2, scoredSteps: 300, unjudgedSteps: 100 }),
        day(2, { meanScore: null, scoredSteps: 0, unjudgedSteps: 400, recsPerWakingHour: 0 }),
      ]),
      result(1, 'never', 'u-b', [day(1, { meanScore: 3 }), day(2, { meanScore: 3.5 })]),
    ];
    const report = aggregate({ config: CONFIG, personas, assistantIds: ['never'], results });
    const never = report.assistants.never!;
    expect(never.days.map((d) => d.meanScore)).toEqual([2.5, 3.5]); // day 2: u-b only
    expect(never.days[1]!.recsPerWakingHour).toBe(6); // u-a's empty day drags no rate to 0
    expect(never.days.map((d) => d.unjudgedSteps)).toEqual([100, 400]);
    expect(never.days[1]!.unjudgedShare).toBe(0.5);
    expect(never.unjudgedSteps).toBe(500);
    expect(never.unjudgedShare).toBeCloseTo(500 / 1600, 4);
    expect(never.personas[0]).toMatchObject({ id: 'u-a', unjudgedSteps: 500, meanScore: 2 });
    expect(never.personas[0]!.lastDay.meanScore).toBeNull();
    expect(report.totals).toMatchObject({ scoredSteps: 1100, unjudgedSteps: 500 });

    const md = summaryMarkdown(report);
    const firstLines = md.split('\n').slice(0, 4).join('\n');
    expect(firstLines).toMatch(
      /\*\*Warning: 500 of 1,600 waking steps \(31%\) were not scored\.\*\*/,
    );
    expect(firstLines).toContain('exited with code 4');
    expect(md).not.toMatch(/\| 2 \| 0\.00 \|/); // no invented 0.00 for the empty day
    const csv = daysCsv(report).split('\n');
    expect(csv[0]).toContain('scoredSteps,unjudgedSteps,meanScore');
    // u-a day 2: no scored step, so an empty mean cell.
    expect(csv[2]).toMatch(/^never,u-a,2,0,400,,/);
    // A report with every step scored has no warning.
    const clean = aggregate({
      config: CONFIG,
      personas: [personas[1]!],
      assistantIds: ['never'],
      results: [results[1]!],
    });
    expect(summaryMarkdown(clean)).not.toContain('Warning');
  });

  it('uses days 8–14 for the comparison when the run is long enough', () => {
    expect(comparisonDays(14)).toEqual([8, 9, 10, 11, 12, 13, 14]);
    expect(comparisonDays(20)).toEqual([8, 9, 10, 11, 12, 13, 14]);
    expect(comparisonDays(4)).toEqual([3, 4]);
    expect(comparisonDays(1)).toEqual([1]);
  });

  it('splits personas by each Big Five trait and averages the last day over each group', () => {
    // bits: 0 = all High; 1 = Low extraversion; 3 = Low extraversion and agreeableness; 31 = all Low.
    const personas = [
      personaWith('q-0', 0),
      personaWith('q-1', 1),
      personaWith('q-3', 3),
      personaWith('q-31', 31),
    ];
    const last: Record<string, number> = { 'q-0': 4, 'q-1': 3, 'q-3': 2, 'q-31': 1 };
    const results = personas.map((p, i) =>
      result(i, 'never', p.id, [
        day(1, { meanScore: 2 }),
        day(2, { meanScore: last[p.id] as number }),
      ]),
    );
    const report = aggregate({ config: CONFIG, personas, assistantIds: ['never'], results });
    const row = (trait: string, level: string) =>
      report.traits.find((t) => t.trait === trait && t.level === level)!;
    expect(report.traits).toHaveLength(10);
    expect(row('extraversion', 'High').personas).toEqual(['q-0']);
    expect(row('extraversion', 'Low').personas).toEqual(['q-1', 'q-3', 'q-31']);
    expect(row('agreeableness', 'High').personas).toEqual(['q-0', 'q-1']);
    expect(row('agreeableness', 'Low').personas).toEqual(['q-3', 'q-31']);
    expect(row('neuroticism', 'Low').personas).toEqual(['q-31']);
    expect(row('extraversion', 'Low').byAssistant.never!.lastDayMean).toBe(2); // (3 + 2 + 1) / 3
    expect(row('agreeableness', 'High').byAssistant.never!.lastDayMean).toBe(3.5);
    expect(row('openness', 'High').byAssistant.never!.lastDayMean).toBe(3); // (4 + 3 + 2) / 3
    expect(row('openness', 'High').byAssistant.never!.firstDayMean).toBe(2);
    for (const t of report.traits) {
      const other = row(t.trait, t.level === 'High' ? 'Low' : 'High');
      expect([...t.personas, ...other.personas].sort()).toEqual(['q-0', 'q-1', 'q-3', 'q-31']);
    }
  });

  it('plans jobs in a fixed order, assistant then persona, and rejects duplicates and unknown assistants', () => {
    const personas = [personaWith('zed', 0), personaWith('amy', 1)];
    const jobs = planJobs(personas, ['random', 'never']);
    expect(jobs.map((j) => `${j.index}:${j.assistantId}:${j.persona.id}`)).toEqual([
      '0:never:amy',
      '1:never:zed',
      '2:random:amy',
      '3:random:zed',
    ]);
    expect(() => planJobs([personas[0]!, personas[0]!], ['never'])).toThrow(/twice/);
    expect(() => planJobs(personas, ['no-such-assistant'])).toThrow(/unknown assistant/);
  });
});

describe('running', () => {
  it('gives identical results.json with 1 thread (in-process) and 2 worker threads', async () => {
    const personas = [personaWith('r-one', 0), personaWith('r-two', 21)];
    const serial = await runExperiment(personas, ['random', 'never'], CONFIG, { workers: 1 });
    const days: string[] = [];
    const parallel = await runExperiment(personas, ['random', 'never'], CONFIG, {
      workers: 2,
      events: { onDay: (index, d) => days.push(`${index}:${d}`) },
    });
    expect(days.sort()).toEqual(['0:1', '0:2', '1:1', '1:2', '2:1', '2:2', '3:1', '3:2']);
    const a = tempDir();
    const b = tempDir();
    writeReport(a, serial.report, serial.results);
    writeReport(b, parallel.report, parallel.results);
    const ja = readFileSync(join(a, 'results.json'), 'utf8');
    expect(readFileSync(join(b, 'results.json'), 'utf8')).toBe(ja);
    expect(readFileSync(join(b, 'summary.md'), 'utf8')).toBe(
      readFileSync(join(a, 'summary.md'), 'utf8'),
    );
    const json = JSON.parse(ja);
    expect(json.totals).toEqual({
      jobs: 4,
      steps: 4 * 2 * 576,
      scoredSteps: expect.any(Number),
      // The built-in judge scores every waking step.
      unjudgedSteps: 0,
      unjudgedShare: 0,
    });
    expect(json.assistants.never.days).toHaveLength(2);
    expect(json.assistants.never.days[0].silentShare).toBe(1);
    expect(json.assistants.random.days[0].recsPerWakingHour).toBeGreaterThan(0);
  }, 60_000);
  it('reports a failing job from a worker thread instead of hanging', async () => {
    // Registered in this thread only: the worker's registry does not know it, so its job fails there.
    registerAssistant({ ...getAssistant('never'), id: 'main-thread-only' });
    const personas = [personaWith('e-one', 0), personaWith('e-two', 1)];
    const jobs = planJobs(personas, ['never', 'main-thread-only']);
    await expect(runJobs(jobs, CONFIG, 2)).rejects.toThrow(
      /main-thread-only × e-(one|two) failed: unknown assistant/,
    );
  }, 60_000);
});

describe('report files', () => {
  it('days.csv has a header and one row per (assistant, persona, day)', async () => {
    const personas = [personaWith('c-one', 2), personaWith('c-two', 9), personaWith('c-three', 30)];
    const { report } = await runExperiment(personas, ['never', 'always'], CONFIG, { workers: 1 });
    const lines = daysCsv(report).trimEnd().split('\n');
    expect(lines[0]).toBe(DAY_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 2 * 3 * 2);
    const keys = lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','));
    expect(new Set(keys).size).toBe(12);
    for (const a of ['never', 'always'])
      for (const p of ['c-one', 'c-two', 'c-three'])
        for (const d of [1, 2]) expect(keys).toContain(`${a},${p},${d}`);
    const header = lines[0]!.split(',');
    const first = lines[1]!.split(',');
    expect(first).toHaveLength(header.length);
    expect(header).toEqual(expect.arrayContaining(CRITERIA.map((c) => `pass_${c}`)));
  });

  it('quotes CSV cells that need it', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          [null, 1.5],
        ],
      ),
    ).toBe('a,b\n"x,y","say ""hi"""\n,1.5\n');
  });

  it('draws a well-formed SVG line chart with one polyline per series', () => {
    const svg = lineChart({
      title: 'Mean score <by> day & "assistant"',
      xLabel: 'day',
      yLabel: 'score',
      yMin: 0,
      yMax: 4,
      series: [
        {
          name: 'a',
          points: [
            [1, 1],
            [2, 2],
            [3, 3],
          ],
        },
        {
          name: 'b & c',
          points: [
            [1, 3],
            [2, 3],
            [3, 3.5],
          ],
        },
        { name: 'single', points: [[1, 2]] },
      ],
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg.match(/<polyline /g)).toHaveLength(3);
    expect(svg).not.toMatch(/<path /);
    expect(svg).toContain('b &amp; c');
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    expectBalancedXml(svg);
    // Axis ticks: 0..4 on y, days 1..3 on x.
    for (const t of ['>0<', '>1<', '>2<', '>3<', '>4<']) expect(svg).toContain(t);
    expect(niceTicks(0, 4, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('charts one line per assistant for the mean score', async () => {
    const personas = [personaWith('s-one', 0)];
    const { report } = await runExperiment(
      personas,
      ['never', 'always', 'random'],
      { ...CONFIG, days: 1 },
      { workers: 1 },
    );
    const svg = scoreChart(report);
    expect(svg.match(/<polyline /g)).toHaveLength(3);
    expectBalancedXml(svg);
  });
});

describe('CLI', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/experiment.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('rejects an unknown assistant with a clear message and a non-zero exit', () => {
    const r = cli('--assistants', 'never,no-such-bot', '--days', '1', '--out', tempDir());
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('unknown assistant "no-such-bot"');
    expect(r.stderr).toMatch(/choose from: .*never/);
  }, 60_000);

  it('rejects an unknown persona with a clear message and a non-zero exit', () => {
    const r = cli(
      '--personas',
      'nobody-at-all',
      '--assistants',
      'never',
      '--days',
      '1',
      '--out',
      tempDir(),
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/unknown persona "nobody-at-all"/);
  }, 60_000);

  it('rejects bad flags with a non-zero exit', () => {
    const r = cli('--days', '0');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--days must be a whole number/);
    const noise = cli('--judge-noise', '2');
    expect(noise.status).not.toBe(0);
    expect(noise.stderr).toMatch(/between 0 and 1/);
  }, 60_000);

  it('runs a persona file end to end and writes the report folder', () => {
    const out = tempDir();
    const file = join(ROOT, 'test/fixtures/persona-test.json');
    const r = cli(
      '--personas',
      file,
      '--assistants',
      'never,random',
      '--days',
      '1',
      '--workers',
      '2',
      '--out',
      out,
      '--json',
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('wrote');
    const json = JSON.parse(r.stdout);
    expect(json.personas).toEqual(['test-mara']);
    expect(Object.keys(json.assistants)).toEqual(['never', 'random']);
    expect(json.assistants.never.days[0]).toMatchObject({
      day: 1,
      silentShare: 1,
      recsPerWakingHour: 0,
    });
    expect(json.goals.focus).toBeNull();
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(md).toContain('## How each baseline scores and why');
    for (const f of [
      'days.csv',
      'personas.csv',
      'traits.csv',
      'results.json',
      'chart-score.svg',
      'chart-recs.svg',
      'chart-criteria.svg',
    ]) {
      expect(readFileSync(join(out, f), 'utf8').length).toBeGreaterThan(0);
    }
  }, 60_000);
});

/** Every opened tag is closed in order (enough to catch broken SVG from a string builder). */
function expectBalancedXml(xml: string): void {
  const stack: string[] = [];
  for (const m of xml.matchAll(/<(\/?)([a-zA-Z][\w:-]*)([^>]*?)(\/?)>/g)) {
    const [, closing, name, , selfClosing] = m;
    if (selfClosing) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name as string);
  }
  expect(stack).toEqual([]);
  expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
}
