/**
 * Turns job results into the experiment report: per-day averages over
 * personas, per-persona summaries, the Big Five breakdown, each
 * assistant's failure profile and the goal checks. Pure and order-stable.
 */
import type { Persona } from '../core/persona';
import { BIG_FIVE_TRAITS, CRITERIA, type Criterion, type TraitLevel } from '../core/vocab';
import { assistantInfo } from '../agents/registry';
import { askedRatePerHour } from '../agents/user/rubric';
import { explainProfile } from './explain';
import { comparisonDays, computeGoals } from './goals';
import type {
  AssistantResult,
  AveragedDay,
  BaselineProfile,
  ConfusionCounts,
  ExperimentConfig,
  ExperimentReport,
  JobResult,
  PersonaDay,
  PersonaResult,
  TraitRow,
} from './types';

export const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Mean of the numbers; 0 for none. */
export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Mean of the non-null values; null when all are null. */
export function meanOrNull(xs: readonly (number | null)[]): number | null {
  const present = xs.filter((x): x is number => x !== null);
  return present.length ? round(mean(present)) : null;
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const CONFUSION_KEYS = ['spokeWelcome', 'spokeUnwelcome', 'silentMissed', 'silentRight'] as const;

/**
 * Average one day over personas. Every persona weighs the same, whatever
 * its number of waking steps (the reference reports per-persona means).
 */
export function averageDay(
  day: number,
  all: readonly PersonaDay[],
  training: readonly ({ lossAfter: number; accuracy: number } | null)[] = [],
): AveragedDay {
  // A persona-day with no scored step has nothing to average: it counts only as unjudged.
  const rows = all.filter((d) => d.scoredSteps > 0);
  const unjudged = all.reduce((n, d) => n + d.unjudgedSteps, 0);
  const waking = unjudged + all.reduce((n, d) => n + d.scoredSteps, 0);
  const m = (f: (d: PersonaDay) => number): number => round(mean(rows.map(f)));
  const share = (n: number, d: PersonaDay): number => (d.scoredSteps ? n / d.scoredSteps : 0);
  const confusion = {} as ConfusionCounts;
  const confusionShare = {} as ConfusionCounts;
  for (const k of CONFUSION_KEYS) {
    confusion[k] = m((d) => d.confusion[k]);
    confusionShare[k] = m((d) => share(d.confusion[k], d));
  }
  return {
    day,
    personas: all.length,
    scoredSteps: m((d) => d.scoredSteps),
    meanScore: meanOrNull(rows.map((d) => d.meanScore)),
    unjudgedSteps: unjudged,
    unjudgedShare: waking ? round(unjudged / waking) : 0,
    recommendations: m((d) => d.recommendations),
    recMeanScore: meanOrNull(rows.map((d) => d.recMeanScore)),
    silentSteps: m((d) => d.silentSteps),
    silentShare: m((d) => d.silentShare),
    silentMeanScore: meanOrNull(rows.map((d) => d.silentMeanScore)),
    wakingHours: m((d) => d.wakingHours),
    recsPerWakingHour: m((d) => d.recsPerWakingHour),
    recsPerWelcomeHour: m((d) => d.recsPerWelcomeHour),
    passRate: Object.fromEntries(CRITERIA.map((c) => [c, m((d) => d.passRate[c])])) as Record<
      Criterion,
      number
    >,
    tooOften: m((d) => d.tooOften),
    tooRare: m((d) => d.tooRare),
    tooOftenShare: m((d) => share(d.tooOften, d)),
    tooRareShare: m((d) => share(d.tooRare, d)),
    confusion,
    confusionShare,
    pairs: m((d) => d.pairs),
    failedRuleShare: ruleShares(rows),
    trainingLoss: meanOrNull(training.map((t) => (t ? t.lossAfter : null))),
    trainingAccuracy: meanOrNull(training.map((t) => (t ? t.accuracy : null))),
  };
}

/** Mean over personas of each rule's share of scored steps (rules no persona failed are left out). */
function ruleShares(rows: readonly PersonaDay[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const d of rows) {
    if (!d.scoredSteps) continue;
    for (const [rule, n] of Object.entries(d.failedRules ?? {}))
      sums[rule] = (sums[rule] ?? 0) + (n ?? 0) / d.scoredSteps;
  }
  const out: Record<string, number> = {};
  for (const rule of Object.keys(sums).sort())
    out[rule] = round((sums[rule] as number) / rows.length);
  return out;
}

function personaResult(persona: Persona, r: JobResult): PersonaResult {
  const first = r.days[0];
  const last = r.days[r.days.length - 1];
  if (!first || !last) throw new Error(`job ${r.assistantId} × ${r.personaId} has no days`);
  const asked = askedRatePerHour(persona);
  return {
    id: persona.id,
    name: persona.name,
    bigFive: { ...persona.bigFive },
    unjudgedSteps: r.unjudgedSteps,
    firstDay: { meanScore: first.meanScore, recsPerWakingHour: first.recsPerWakingHour },
    lastDay: {
      meanScore: last.meanScore,
      recsPerWakingHour: last.recsPerWakingHour,
      recsPerWelcomeHour: last.recsPerWelcomeHour,
    },
    meanScore: meanOrNull(r.days.map((d) => d.meanScore)),
    askedPerHour: round(asked),
    deliveredToAsked: round(last.recsPerWelcomeHour / asked),
    days: r.days,
    totalPairs: r.totalPairs,
    trainingLog: r.trainingLog,
  };
}

export interface AggregateInput {
  config: ExperimentConfig;
  personas: readonly Persona[];
  /** In the order to present them. */
  assistantIds: readonly string[];
  results: readonly JobResult[];
  /** The assistant the goal checks are about (default: propera when present). */
  focus?: string | undefined;
  /** The upper bound it is measured against (default: oracle when present). */
  reference?: string | undefined;
}

export function aggregate(input: AggregateInput): ExperimentReport {
  const { config, assistantIds, results } = input;
  const personas = [...input.personas].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byKey = new Map<string, JobResult>();
  for (const r of results) byKey.set(`${r.assistantId}\u0000${r.personaId}`, r);

  const assistants: Record<string, AssistantResult> = {};
  for (const id of assistantIds) {
    const agent = assistantInfo(id);
    const rows = personas.map((p) => {
      const r = byKey.get(`${id}\u0000${p.id}`);
      if (!r) throw new Error(`missing result for ${id} × ${p.id}`);
      if (r.days.length !== config.days)
        throw new Error(`${id} × ${p.id} has ${r.days.length} days, expected ${config.days}`);
      return personaResult(p, r);
    });
    const days: AveragedDay[] = [];
    for (let i = 0; i < config.days; i++) {
      const day = i + 1;
      const training = rows.map((p) => p.trainingLog?.find((e) => e.day === day) ?? null);
      days.push(
        averageDay(
          day,
          rows.map((p) => p.days[i] as PersonaDay),
          training,
        ),
      );
    }
    const unjudged = rows.reduce((n, p) => n + p.unjudgedSteps, 0);
    const waking = unjudged + rows.reduce((n, p) => n + sumScored(p.days), 0);
    assistants[id] = {
      id,
      label: agent.label,
      candidatesPerStep: agent.candidatesPerStep,
      days,
      personas: rows,
      unjudgedSteps: unjudged,
      unjudgedShare: waking ? round(unjudged / waking) : 0,
    };
  }

  const traits: TraitRow[] = [];
  for (const trait of BIG_FIVE_TRAITS) {
    for (const level of ['High', 'Low'] as TraitLevel[]) {
      const ids = personas.filter((p) => p.bigFive[trait] === level).map((p) => p.id);
      const byAssistant: TraitRow['byAssistant'] = {};
      for (const id of assistantIds) {
        const rows = (assistants[id] as AssistantResult).personas.filter(
          (p) => p.bigFive[trait] === level,
        );
        byAssistant[id] = {
          firstDayMean: meanOrNull(rows.map((p) => p.firstDay.meanScore)),
          lastDayMean: meanOrNull(rows.map((p) => p.lastDay.meanScore)),
        };
      }
      traits.push({ trait, level, personas: ids, byAssistant });
    }
  }

  const window = comparisonDays(config.days);
  const baselines: BaselineProfile[] = assistantIds.map((id) =>
    profile(assistants[id] as AssistantResult, window),
  );
  const focus = input.focus ?? (assistantIds.includes('propera') ? 'propera' : null);
  const reference = input.reference ?? (assistantIds.includes('oracle') ? 'oracle' : null);
  const goals = computeGoals(assistants, assistantIds, focus, reference, config.days);

  return {
    format: 'propersim-experiment/1',
    seed: config.seed,
    days: config.days,
    stepSeconds: config.stepSeconds,
    judgeNoise: config.judgeNoise,
    forceSilentProbability: config.forceSilentProbability,
    personas: personas.map((p) => ({
      id: p.id,
      name: p.name,
      bigFive: { ...p.bigFive },
      askedPerHour: round(askedRatePerHour(p)),
    })),
    assistantOrder: [...assistantIds],
    assistants,
    traits,
    baselines,
    goals,
    totals: totalsOf(results),
  };
}

const sumScored = (days: readonly PersonaDay[]): number =>
  days.reduce((n, d) => n + d.scoredSteps, 0);

function totalsOf(results: readonly JobResult[]): ExperimentReport['totals'] {
  const scored = results.reduce((n, r) => n + r.scoredSteps, 0);
  const unjudged = results.reduce((n, r) => n + r.unjudgedSteps, 0);
  return {
    jobs: results.length,
    steps: results.reduce((n, r) => n + r.steps, 0),
    scoredSteps: scored,
    unjudgedSteps: unjudged,
    unjudgedShare: scored + unjudged ? round(unjudged / (scored + unjudged)) : 0,
  };
}

function topRules(days: readonly AveragedDay[]): { rule: string; share: number }[] {
  const rules = new Set(days.flatMap((d) => Object.keys(d.failedRuleShare ?? {})));
  return [...rules]
    .map((rule) => ({ rule, share: round(mean(days.map((d) => d.failedRuleShare[rule] ?? 0))) }))
    .filter((r) => r.share >= 0.001)
    .sort((a, b) => b.share - a.share || (a.rule < b.rule ? -1 : 1));
}

/**
 * Where an assistant loses points, averaged over personas and the comparison
 * days (days 8–14, or the second half of a shorter run): for a learning
 * assistant that is where it has settled, for the others it is any day.
 */
function profile(a: AssistantResult, window: readonly number[]): BaselineProfile {
  const inWindow = a.days.filter((d) => window.includes(d.day));
  const all = (f: (d: AveragedDay) => number): number => round(mean(inWindow.map(f)));
  const failures = CRITERIA.map((criterion) => ({
    criterion,
    failRate: all((d) => 1 - d.passRate[criterion]),
  })).sort(
    (x, y) =>
      y.failRate - x.failRate || CRITERIA.indexOf(x.criterion) - CRITERIA.indexOf(y.criterion),
  );
  const p: Omit<BaselineProfile, 'text'> = {
    assistant: a.id,
    days: [...window],
    firstDayMean: (a.days[0] as AveragedDay).meanScore,
    lastDayMean: (a.days[a.days.length - 1] as AveragedDay).meanScore,
    recsPerWakingHour: all((d) => d.recsPerWakingHour),
    silentShare: all((d) => d.silentShare),
    failures,
    tooOftenShare: all((d) => d.tooOftenShare),
    tooRareShare: all((d) => d.tooRareShare),
    spokeUnwelcomeShare: all((d) => d.confusionShare.spokeUnwelcome),
    silentMissedShare: all((d) => d.confusionShare.silentMissed),
    topRules: topRules(inWindow),
  };
  return { ...p, text: explainProfile(a, p) };
}
