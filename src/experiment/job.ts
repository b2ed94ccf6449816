/**
 * Running one job (one persona with one assistant for all days) and
 * planning the jobs of an experiment. Pure apart from the assistant's own
 * work: the same job and config give the same result in any thread.
 */
import type { AssistantAgent } from '../core/agents';
import { unjudgedOf, type DaySummary } from '../core/metrics';
import type { Persona } from '../core/persona';
import { createRun, finishDay, isFinished, type RunState, type StepRecord } from '../core/sim';
import { stepsPerDay } from '../core/time';
import { assistantInfo, getAssistant } from '../agents/registry';
import { builtinUser } from '../agents/user/builtin';
import { compileRubric, inWelcomeWindow } from '../agents/user/rubric';
import type { ExperimentConfig, Job, JobResult, PersonaDay } from './types';

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Jobs in a fixed order: assistant id, then persona id. Results are stored
 * by this index, so the report does not depend on which job ends first.
 */
export function planJobs(personas: readonly Persona[], assistantIds: readonly string[]): Job[] {
  const ids = new Set<string>();
  for (const p of personas) {
    if (ids.has(p.id)) throw new Error(`persona "${p.id}" is listed twice`);
    ids.add(p.id);
  }
  if (new Set(assistantIds).size !== assistantIds.length)
    throw new Error('an assistant is listed twice');
  for (const id of assistantIds) assistantInfo(id); // throws with the list of known ids
  const sortedPersonas = [...personas].sort((a, b) => cmp(a.id, b.id));
  const sortedAssistants = [...assistantIds].sort(cmp);
  const jobs: Job[] = [];
  for (const assistantId of sortedAssistants) {
    for (const persona of sortedPersonas) jobs.push({ index: jobs.length, assistantId, persona });
  }
  return jobs;
}

/** Code-point order, the same on every machine (no locale). */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Run one job to the end. `onDay` is called after each finished day. */
export function runJob(
  job: Job,
  config: ExperimentConfig,
  onDay?: (day: number) => void,
): JobResult {
  const assistant = getAssistant(job.assistantId);
  const agents = { user: builtinUser, assistant };
  const run = createRun(job.persona, agents, {
    seed: config.seed,
    days: config.days,
    stepSeconds: config.stepSeconds,
    judgeNoise: config.judgeNoise,
    forceSilentProbability: config.forceSilentProbability,
  });
  const rubric = compileRubric(run.persona);
  const stepMinutes = config.stepSeconds / 60;
  const days: PersonaDay[] = [];
  let welcomeSteps = 0;
  let welcomeRecs = 0;
  while (!isFinished(run)) {
    const day = run.day;
    welcomeSteps = 0;
    welcomeRecs = 0;
    finishDay(run, agents, (r) => {
      if (
        !countsInRates(r) ||
        !inWelcomeWindow(rubric, r.minute, run.conditions?.windowShiftMinutes)
      )
        return;
      welcomeSteps++;
      if (r.decision === 'recommend') welcomeRecs++;
    });
    const summary = run.days[run.days.length - 1];
    if (!summary || summary.day !== day) throw new Error(`day ${day} ended without a summary`);
    days.push(personaDay(summary, welcomeSteps, welcomeRecs, stepMinutes));
    onDay?.(day);
  }
  return jobResult(job, config, days, run, assistant);
}

/** Does a step count in a day's rates? Only a scored one: not asleep, and not unjudged. */
export function countsInRates(r: Pick<StepRecord, 'asleep' | 'unjudged'>): boolean {
  return !r.asleep && r.unjudged === undefined;
}

/** A finished day's metrics plus the rate of suggestions inside the persona's welcome windows. */
export function personaDay(
  summary: DaySummary,
  welcomeSteps: number,
  welcomeRecs: number,
  stepMinutes: number,
): PersonaDay {
  const welcomeHours = (welcomeSteps * stepMinutes) / 60;
  return {
    ...summary,
    unjudgedSteps: unjudgedOf(summary),
    welcomeHours: round(welcomeHours, 3),
    welcomeRecs,
    recsPerWelcomeHour: welcomeHours > 0 ? round(welcomeRecs / welcomeHours) : 0,
  };
}

/** The result of a finished job (used by the built-in and the LLM drivers alike). */
export function jobResult<S>(
  job: Job,
  config: ExperimentConfig,
  days: PersonaDay[],
  run: RunState<S>,
  assistant: AssistantAgent<S>,
): JobResult {
  // Optional hooks of learning assistants: use them when present.
  const trainingLog = assistant.trainingLog ? assistant.trainingLog(run.assistant) : null;
  const pairs =
    config.exportPairs && assistant.exportPairs ? assistant.exportPairs(run.assistant) : null;
  return {
    index: job.index,
    assistantId: job.assistantId,
    personaId: job.persona.id,
    days,
    steps: config.days * stepsPerDay(config.stepSeconds),
    scoredSteps: days.reduce((n, d) => n + d.scoredSteps, 0),
    unjudgedSteps: days.reduce((n, d) => n + d.unjudgedSteps, 0),
    totalPairs: run.totalPairs,
    trainingLog: trainingLog
      ? trainingLog.map((e) => ({
          day: e.day,
          pairs: e.pairs,
          lossBefore: e.lossBefore,
          lossAfter: e.lossAfter,
          accuracy: e.accuracy,
        }))
      : null,
    pairs: pairs
      ? pairs.map((p) => ({ prompt: p.prompt, chosen: p.chosen, rejected: p.rejected }))
      : null,
  };
}
