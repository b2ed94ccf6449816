/** The CSV tables of an experiment: days, personas, traits. */
import { BIG_FIVE_TRAITS, CRITERIA } from '../core/vocab';
import type { AssistantResult, ExperimentReport, PersonaDay } from './types';

type Cell = string | number | boolean | null;

export function csvCell(v: Cell): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

const assistantsOf = (r: ExperimentReport): AssistantResult[] =>
  r.assistantOrder.map((id) => r.assistants[id] as AssistantResult);

export const DAY_COLUMNS = [
  'assistant',
  'persona',
  'day',
  'scoredSteps',
  'unjudgedSteps',
  'meanScore',
  'recommendations',
  'recMeanScore',
  'silentSteps',
  'silentShare',
  'silentMeanScore',
  'wakingHours',
  'recsPerWakingHour',
  'welcomeHours',
  'welcomeRecs',
  'recsPerWelcomeHour',
  ...CRITERIA.map((c) => `pass_${c}`),
  'tooOften',
  'tooRare',
  'spokeWelcome',
  'spokeUnwelcome',
  'silentMissed',
  'silentRight',
  'pairs',
  'trainingPairs',
  'trainingLossBefore',
  'trainingLossAfter',
  'trainingAccuracy',
] as const;

/** One row per (assistant, persona, day), every metric flattened. */
export function daysCsv(r: ExperimentReport): string {
  const rows: Cell[][] = [];
  for (const a of assistantsOf(r)) {
    for (const p of a.personas) {
      for (const d of p.days as PersonaDay[]) {
        const t = p.trainingLog?.find((e) => e.day === d.day) ?? null;
        rows.push([
          a.id,
          p.id,
          d.day,
          d.scoredSteps,
          d.unjudgedSteps,
          d.meanScore,
          d.recommendations,
          d.recMeanScore,
          d.silentSteps,
          d.silentShare,
          d.silentMeanScore,
          d.wakingHours,
          d.recsPerWakingHour,
          d.welcomeHours,
          d.welcomeRecs,
          d.recsPerWelcomeHour,
          ...CRITERIA.map((c) => d.passRate[c]),
          d.tooOften,
          d.tooRare,
          d.confusion.spokeWelcome,
          d.confusion.spokeUnwelcome,
          d.confusion.silentMissed,
          d.confusion.silentRight,
          d.pairs,
          t ? t.pairs : null,
          t ? t.lossBefore : null,
          t ? t.lossAfter : null,
          t ? t.accuracy : null,
        ]);
      }
    }
  }
  return toCsv(DAY_COLUMNS, rows);
}

export function personasCsv(r: ExperimentReport): string {
  const header = [
    'assistant',
    'persona',
    'name',
    ...BIG_FIVE_TRAITS,
    'firstDayMeanScore',
    'lastDayMeanScore',
    'meanScore',
    'firstDayRecsPerWakingHour',
    'lastDayRecsPerWakingHour',
    'lastDayRecsPerWelcomeHour',
    'askedPerHour',
    'deliveredToAsked',
    'totalPairs',
    'unjudgedSteps',
  ];
  const rows: Cell[][] = [];
  for (const a of assistantsOf(r)) {
    for (const p of a.personas) {
      rows.push([
        a.id,
        p.id,
        p.name,
        ...BIG_FIVE_TRAITS.map((t) => p.bigFive[t]),
        p.firstDay.meanScore,
        p.lastDay.meanScore,
        p.meanScore,
        p.firstDay.recsPerWakingHour,
        p.lastDay.recsPerWakingHour,
        p.lastDay.recsPerWelcomeHour,
        p.askedPerHour,
        p.deliveredToAsked,
        p.totalPairs,
        p.unjudgedSteps,
      ]);
    }
  }
  return toCsv(header, rows);
}

export function traitsCsv(r: ExperimentReport): string {
  const rows: Cell[][] = [];
  for (const t of r.traits) {
    for (const id of r.assistantOrder) {
      const v = t.byAssistant[id];
      if (v) rows.push([t.trait, t.level, t.personas.length, id, v.firstDayMean, v.lastDayMean]);
    }
  }
  return toCsv(
    ['trait', 'level', 'personas', 'assistant', 'firstDayMeanScore', 'lastDayMeanScore'],
    rows,
  );
}
