/**
 * The data an experiment passes around: its configuration, the jobs
 * (one persona with one assistant), what each job returns, and the
 * aggregated report the writers turn into files.
 */
import type { RunUsageRecord } from '../agents/llm/drive';
import type { DaySummary } from '../core/metrics';
import type { Persona } from '../core/persona';
import type { ImportSummary } from './imports';
import type { BigFiveTrait, Criterion, TraitLevel } from '../core/vocab';

export interface ExperimentConfig {
  /** Every job uses this seed, so every assistant sees the same days. */
  seed: string;
  days: number;
  stepSeconds: number;
  judgeNoise: number;
  forceSilentProbability: number;
  /** Collect the DPO pairs of assistants that can export them. */
  exportPairs: boolean;
}

/** One independent run: one persona with one assistant. */
export interface Job {
  /** Position in the fixed (assistant, persona) order; results are stored by it. */
  index: number;
  assistantId: string;
  persona: Persona;
}

/** A day's metrics plus the rate of suggestions inside the persona's open (welcome) windows. */
export interface PersonaDay extends DaySummary {
  /** Waking steps the judge could not score (0 when every step was scored). */
  unjudgedSteps: number;
  /** Scored hours that fall in the persona's welcome windows. */
  welcomeHours: number;
  /** Suggestions delivered inside those windows. */
  welcomeRecs: number;
  /** welcomeRecs / welcomeHours: comparable to the rate the persona asked for. */
  recsPerWelcomeHour: number;
}

export interface DpoPair {
  prompt: string;
  chosen: string;
  rejected: string;
}

/** One daily training of a learning assistant (its `trainingLog` hook). */
export interface TrainingLogEntry {
  day: number;
  /** Pairs trained on (the replay sample). */
  pairs: number;
  lossBefore: number;
  lossAfter: number;
  /** Share of the sampled pairs the model ranks right after training. */
  accuracy: number;
}

export interface JobResult {
  index: number;
  assistantId: string;
  personaId: string;
  days: PersonaDay[];
  /** Every step simulated, asleep ones included. */
  steps: number;
  scoredSteps: number;
  /** Waking steps the judge could not score: in no mean and no pair. */
  unjudgedSteps: number;
  totalPairs: number;
  trainingLog: TrainingLogEntry[] | null;
  /** Only with `exportPairs` and an assistant that exports them. */
  pairs: DpoPair[] | null;
  /** Model calls and tokens, for runs driven by an LLM engine. */
  usage?: RunUsageRecord;
}

/**
 * One day averaged over personas (each persona weighs the same). Means and
 * rates are over the personas with at least one scored step that day (a
 * persona whose every step went unjudged has no score to average).
 */
export interface AveragedDay {
  day: number;
  personas: number;
  scoredSteps: number;
  /** null when no persona had a scored step that day. */
  meanScore: number | null;
  /** Unjudged waking steps that day, summed over personas (a count, not a mean). */
  unjudgedSteps: number;
  /** Their share of the day's waking steps, over all personas. */
  unjudgedShare: number;
  recommendations: number;
  /** Mean over the personas that got at least one suggestion that day; null if none did. */
  recMeanScore: number | null;
  silentSteps: number;
  silentShare: number;
  silentMeanScore: number | null;
  wakingHours: number;
  recsPerWakingHour: number;
  recsPerWelcomeHour: number;
  passRate: Record<Criterion, number>;
  tooOften: number;
  tooRare: number;
  /** Share of scored steps judged too often / too rare. */
  tooOftenShare: number;
  tooRareShare: number;
  /** Mean counts per persona. */
  confusion: ConfusionCounts;
  /** Mean share of scored steps in each cell. */
  confusionShare: ConfusionCounts;
  pairs: number;
  /** Mean share of scored steps failed by each of the built-in judge's rules. */
  failedRuleShare: Record<string, number>;
  /** Mean DPO loss after that day's training, for assistants that log training. */
  trainingLoss: number | null;
  /** Mean pair accuracy after that day's training. */
  trainingAccuracy: number | null;
}

export interface ConfusionCounts {
  spokeWelcome: number;
  spokeUnwelcome: number;
  silentMissed: number;
  silentRight: number;
}

export interface PersonaSummary {
  id: string;
  name: string;
  bigFive: Record<BigFiveTrait, TraitLevel>;
  /** A day with no scored step has a null mean. */
  firstDay: { meanScore: number | null; recsPerWakingHour: number };
  lastDay: { meanScore: number | null; recsPerWakingHour: number; recsPerWelcomeHour: number };
  /** Mean score over the days with a score; null when none had one. */
  meanScore: number | null;
  /** Waking steps the judge could not score, over all days. */
  unjudgedSteps: number;
  /** The rate the persona asked for, per hour of welcome time. */
  askedPerHour: number;
  /** lastDay.recsPerWelcomeHour / askedPerHour. */
  deliveredToAsked: number;
}

export interface PersonaResult extends PersonaSummary {
  days: PersonaDay[];
  totalPairs: number;
  trainingLog: TrainingLogEntry[] | null;
}

export interface AssistantResult {
  id: string;
  label: string;
  candidatesPerStep: 1 | 2;
  days: AveragedDay[];
  personas: PersonaResult[];
  /** Waking steps the judge could not score, over every persona and day. */
  unjudgedSteps: number;
  /** Their share of this assistant's waking steps. */
  unjudgedShare: number;
}

export interface TraitRow {
  trait: BigFiveTrait;
  level: TraitLevel;
  personas: string[];
  /** Per assistant: mean score on day 1 and on the last day over the personas at this level. */
  byAssistant: Record<string, { firstDayMean: number | null; lastDayMean: number | null }>;
}

export interface CriterionFailure {
  criterion: Criterion;
  failRate: number;
}

export interface BaselineProfile {
  assistant: string;
  firstDayMean: number | null;
  lastDayMean: number | null;
  recsPerWakingHour: number;
  silentShare: number;
  /** The days the profile averages over (the comparison days). */
  days: number[];
  /** Criteria sorted from most to least failed (averaged over `days`). */
  failures: CriterionFailure[];
  tooOftenShare: number;
  tooRareShare: number;
  spokeUnwelcomeShare: number;
  silentMissedShare: number;
  /** The judge's rules that cost it most, as shares of scored steps (largest first). */
  topRules: { rule: string; share: number }[];
  /** Generated explanation, one paragraph. */
  text: string;
}

export interface Goals {
  focus: string | null;
  reference: string | null;
  gapClosed: {
    value: number | null;
    firstDay: number | null;
    lastDay: number | null;
    referenceLastDay: number | null;
    note: string;
  };
  beatsBaselines: {
    days: number[];
    pass: boolean | null;
    comparisons: { assistant: string; daysWon: number; of: number; meanMargin: number }[];
    ablations: { assistant: string; daysWon: number; of: number; meanMargin: number }[];
    note: string;
  };
  /** Suggestions per waking hour, day 1 → last day (information, no pass: a drop alone proves nothing). */
  recsDrop: {
    firstDay: number | null;
    lastDay: number | null;
    pass: null;
    note: string;
  };
  /** On the last day: each persona's delivered rate ÷ the rate it asked for. */
  deliveredToAsked: {
    median: number | null;
    /** The band the median should fall in. */
    band: [number, number];
    pass: boolean | null;
    personas: number;
    /** Personas that got fewer than one suggestion on the last day, and their number. */
    underOnePerDay: number;
    underOnePerDayIds: string[];
    note: string;
  };
  /** On the last day, in how many personas the focus assistant out-scores `never`. */
  beatsNeverPerPersona: {
    day: number | null;
    won: number;
    of: number;
    note: string;
  };
  /** Is silence costly? The reference's lead over `never`, mean of the comparison days. */
  silenceCost: {
    value: number | null;
    pass: boolean | null;
    threshold: number;
    note: string;
  };
  /**
   * How much of the reference's lead comes from timing and how much from
   * content: reference − oracle-anytime (content right, timing random) and
   * reference − oracle-anything (timing right, content random).
   */
  timingContent: {
    timing: number | null;
    content: number | null;
    threshold: number;
    pass: boolean | null;
    note: string;
  };
}

export interface ExperimentReport {
  format: 'propersim-experiment/1';
  seed: string;
  days: number;
  stepSeconds: number;
  judgeNoise: number;
  forceSilentProbability: number;
  personas: {
    id: string;
    name: string;
    bigFive: Record<BigFiveTrait, TraitLevel>;
    askedPerHour: number;
  }[];
  /** In the order given on the command line. */
  assistantOrder: string[];
  assistants: Record<string, AssistantResult>;
  traits: TraitRow[];
  baselines: BaselineProfile[];
  goals: Goals;
  /**
   * `scoredSteps` had a score; `unjudgedSteps` are waking steps the judge
   * could not score, and `unjudgedShare` their share of all waking steps.
   */
  totals: {
    jobs: number;
    steps: number;
    scoredSteps: number;
    unjudgedSteps: number;
    unjudgedShare: number;
  };
  /** Personas imported from the ProPerSim format: what was not derived, unmet welcome pairs. */
  imports?: ImportSummary[];
}
