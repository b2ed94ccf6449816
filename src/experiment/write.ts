/** Writes an experiment's report files into a folder. */
import { mkdirSync } from 'node:fs';
import { CRITERIA, CRITERION_LABELS } from '../core/vocab';
import { daysCsv, personasCsv, traitsCsv } from './csv';
import { summaryMarkdown } from './markdown';
import { maskKnownSecrets } from '../shared/secrets';
import { writeFilesAtomically } from './out-dir';
import { lineChart } from './svg';
import type { AssistantResult, ExperimentReport, JobResult } from './types';

export function scoreChart(r: ExperimentReport): string {
  return lineChart({
    title: 'Mean score by day',
    xLabel: 'day',
    yLabel: 'mean score (0–4)',
    yMin: 0,
    yMax: 4,
    series: r.assistantOrder.map((id) => ({
      name: id,
      // A day nobody scored has no point (the line skips it).
      points: (r.assistants[id] as AssistantResult).days.flatMap((d) =>
        d.meanScore === null ? [] : [[d.day, d.meanScore] as const],
      ),
    })),
  });
}

export function recsChart(r: ExperimentReport): string {
  return lineChart({
    title: 'Suggestions per waking hour by day',
    xLabel: 'day',
    yLabel: 'suggestions per waking hour',
    yMin: 0,
    series: r.assistantOrder.map((id) => ({
      name: id,
      points: (r.assistants[id] as AssistantResult).days.map(
        (d) => [d.day, d.recsPerWakingHour] as const,
      ),
    })),
  });
}

/** Pass rate of each criterion by day, for one assistant. */
export function criteriaChart(r: ExperimentReport, id: string): string {
  const a = r.assistants[id] as AssistantResult;
  return lineChart({
    title: `Pass rate per criterion: ${id}`,
    xLabel: 'day',
    yLabel: 'pass rate',
    yMin: 0,
    yMax: 1,
    yFormat: (v) => `${Math.round(v * 100)}%`,
    series: CRITERIA.map((c) => ({
      name: CRITERION_LABELS[c],
      points: a.days.map((d) => [d.day, d.passRate[c]] as const),
    })),
  });
}

/** What --json prints: the averages and per-persona summaries, without per-persona days. */
export function jsonSummary(r: ExperimentReport) {
  return {
    seed: r.seed,
    days: r.days,
    stepSeconds: r.stepSeconds,
    judgeNoise: r.judgeNoise,
    forceSilentProbability: r.forceSilentProbability,
    personas: r.personas.map((p) => p.id),
    assistants: Object.fromEntries(
      r.assistantOrder.map((id) => {
        const a = r.assistants[id] as AssistantResult;
        return [
          id,
          {
            label: a.label,
            unjudgedSteps: a.unjudgedSteps,
            unjudgedShare: a.unjudgedShare,
            days: a.days,
            personas: a.personas.map(({ days: _days, trainingLog: _log, ...summary }) => summary),
          },
        ];
      }),
    ),
    traits: r.traits,
    baselines: r.baselines,
    goals: r.goals,
    totals: r.totals,
    ...(r.imports ? { imports: r.imports } : {}),
  };
}

/** The files written, relative to `dir`. */
export function writeReport(
  dir: string,
  r: ExperimentReport,
  results: readonly JobResult[],
  options: {
    maxUnjudged?: number;
    /** Secrets this process holds (the API key): masked in every file (a server may echo it). */
    secrets?: readonly (string | undefined)[];
  } = {},
): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    ['summary.md', summaryMarkdown(r, options)],
    ['days.csv', daysCsv(r)],
    ['personas.csv', personasCsv(r)],
    ['traits.csv', traitsCsv(r)],
    ['results.json', JSON.stringify(r, null, 2) + '\n'],
    ['chart-score.svg', scoreChart(r)],
    ['chart-recs.svg', recsChart(r)],
  ];
  const focus = r.goals.focus ?? r.assistantOrder[0];
  if (focus) files.push(['chart-criteria.svg', criteriaChart(r, focus)]);
  for (const id of r.assistantOrder) {
    const own = results.filter((x) => x.assistantId === id && x.pairs !== null);
    if (own.length === 0) continue;
    const lines = own.flatMap((x) =>
      (x.pairs ?? []).map((p) =>
        JSON.stringify({
          prompt: p.prompt,
          chosen: p.chosen,
          rejected: p.rejected,
          persona: x.personaId,
        }),
      ),
    );
    files.push([`pairs-${id}.jsonl`, lines.length ? lines.join('\n') + '\n' : '']);
  }
  // All or nothing: a report is the old one or the new one, never half of each.
  writeFilesAtomically(
    dir,
    files.map(([name, text]) => [name, maskKnownSecrets(text, options.secrets ?? [])]),
  );
  return files.map(([name]) => name);
}
