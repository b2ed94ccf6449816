/**
 * The whole experiment: plan the jobs (persona × assistant), run them on
 * worker threads, aggregate in a fixed order. The CLI and the benchmark both
 * go through here.
 */
import type { Persona } from '../core/persona';
import { aggregate } from './aggregate';
import { planJobs } from './job';
import { runJobsLlm, type LlmJobsOptions, type LlmJobsOutcome } from './llm-jobs';
import { runJobs, type RunnerEvents } from './runner';
import type { ExperimentConfig, ExperimentReport, JobResult } from './types';

export interface ExperimentOptions {
  workers: number;
  focus?: string | undefined;
  reference?: string | undefined;
  events?: RunnerEvents;
}

export interface ExperimentOutcome {
  report: ExperimentReport;
  results: JobResult[];
  /** Wall time of the simulation (not of the report), in milliseconds. */
  wallMs: number;
}

export async function runExperiment(
  personas: readonly Persona[],
  assistantIds: readonly string[],
  config: ExperimentConfig,
  options: ExperimentOptions,
): Promise<ExperimentOutcome> {
  if (personas.length === 0) throw new Error('no personas to run');
  if (assistantIds.length === 0) throw new Error('no assistants to run');
  if (options.focus !== undefined && !assistantIds.includes(options.focus)) {
    throw new Error(
      `--focus "${options.focus}" is not among the assistants run (${assistantIds.join(', ')})`,
    );
  }
  if (options.reference !== undefined && !assistantIds.includes(options.reference)) {
    throw new Error(
      `--reference "${options.reference}" is not among the assistants run (${assistantIds.join(', ')})`,
    );
  }
  const jobs = planJobs(personas, assistantIds);
  const started = performance.now();
  const results = await runJobs(jobs, config, options.workers, options.events);
  const wallMs = performance.now() - started;
  const report = aggregate({
    config,
    personas,
    assistantIds,
    results,
    focus: options.focus,
    reference: options.reference,
  });
  return { report, results, wallMs };
}

export interface LlmExperimentOutcome {
  /** Null when the experiment paused or stopped at --limit-steps (no full days to report). */
  report: ExperimentReport | null;
  results: JobResult[];
  wallMs: number;
  jobs: LlmJobsOutcome['jobs'];
  paused: string | null;
  limited: boolean;
}

/** The experiment against a model server: all jobs at once in this process, with checkpoints. */
export async function runExperimentLlm(
  personas: readonly Persona[],
  assistantIds: readonly string[],
  config: ExperimentConfig,
  options: Omit<ExperimentOptions, 'workers'> & { llm: LlmJobsOptions },
): Promise<LlmExperimentOutcome> {
  if (personas.length === 0) throw new Error('no personas to run');
  if (assistantIds.length === 0) throw new Error('no assistants to run');
  const jobs = planJobs(personas, assistantIds);
  const started = performance.now();
  const outcome = await runJobsLlm(jobs, config, options.llm, options.events);
  const wallMs = performance.now() - started;
  const complete = outcome.paused === null && !outcome.limited;
  const report = complete
    ? aggregate({
        config,
        personas,
        assistantIds,
        results: outcome.results,
        focus: options.focus,
        reference: options.reference,
      })
    : null;
  return {
    report,
    results: outcome.results,
    wallMs,
    jobs: outcome.jobs,
    paused: outcome.paused,
    limited: outcome.limited,
  };
}
