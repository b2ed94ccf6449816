/**
 * Running an experiment's jobs against a model server: every job (persona ×
 * assistant) runs at once in this process, driven by `driveRun`, and the
 * engine's concurrency limit (shared by all jobs) decides how many calls
 * are in flight. Worker threads would only multiply connections.
 *
 * After each finished day a job writes a checkpoint (run, cost ledger, its
 * days so far), so a crashed or paused experiment resumes with `--resume`.
 * When the engine goes away, every job stops at a step boundary, saves,
 * and the outcome says why.
 */
import { join } from 'node:path';
import type { RunUsageRecord } from '../agents/llm/drive';
import { driveRun } from '../agents/llm/drive';
import { buildRunAgents, type LlmSetup } from '../agents/llm/setup';
import { compileRubric, inWelcomeWindow } from '../agents/user/rubric';
import { createRun, isFinished, type RunState } from '../core/sim';
import { checkpointFile as checkpointAt } from './checkpoint';
import { countsInRates, jobResult, personaDay } from './job';
import type { RunnerEvents } from './runner';
import type { ExperimentConfig, Job, JobResult, PersonaDay } from './types';

export interface LlmJobsOptions {
  /** The engine and the roles it plays (the signal is added here). */
  setup: Omit<LlmSetup, 'signal'>;
  /** Folder for the per-job checkpoints. */
  checkpointDir: string;
  /** Continue from the checkpoints in `checkpointDir`. */
  resume: boolean;
  /** Stop each job after this many scored steps (a cost probe; no report). */
  limitSteps: number | null;
  /** Settings beyond the experiment config that a checkpoint must match (model, roles, judge mode). */
  engineKey: Record<string, unknown>;
  /** Stop every job (each saves its checkpoint). */
  signal?: AbortSignal;
  /** Secrets this process holds (the API key): masked in every checkpoint before it is written. */
  secrets?: readonly (string | undefined)[];
}

interface JobExtra {
  days: PersonaDay[];
  welcome: { steps: number; recs: number };
  result?: JobResult;
}

export interface LlmJobOutcome {
  job: Job;
  status: 'finished' | 'limit' | 'paused';
  result: JobResult | null;
  usage: RunUsageRecord;
  message: string | null;
}

export interface LlmJobsOutcome {
  jobs: LlmJobOutcome[];
  /** The finished results, in job order; complete only when nothing paused or stopped at a limit. */
  results: JobResult[];
  /** Why the experiment paused (the first job's reason), or null. */
  paused: string | null;
  limited: boolean;
}

export function checkpointFile(dir: string, job: Job): string {
  return join(dir, `${job.assistantId}--${job.persona.id}.json`);
}

export async function runJobsLlm(
  jobs: readonly Job[],
  config: ExperimentConfig,
  options: LlmJobsOptions,
  events: RunnerEvents = {},
): Promise<LlmJobsOutcome> {
  const controller = new AbortController();
  const stopAll = (): void => controller.abort();
  options.signal?.addEventListener('abort', stopAll, { once: true });
  let firstPause: string | null = null;

  const runOne = async (job: Job): Promise<LlmJobOutcome> => {
    const file = checkpointFile(options.checkpointDir, job);
    const key = {
      assistant: job.assistantId,
      persona: job.persona.id,
      seed: config.seed,
      days: config.days,
      stepSeconds: config.stepSeconds,
      judgeNoise: config.judgeNoise,
      forceSilentProbability: config.forceSilentProbability,
      ...options.engineKey,
    };
    const checkpoint = checkpointAt<JobExtra>(file, key, options.secrets ?? []);
    const resumed = (): ReturnType<typeof checkpoint.load> => {
      try {
        return checkpoint.load();
      } catch (err) {
        throw new Error(`${(err as Error).message}; remove it or run without --resume`, {
          cause: err,
        });
      }
    };
    const saved = options.resume ? resumed() : null;
    const { agents, ledger } = buildRunAgents(
      { ...options.setup, signal: controller.signal },
      job.assistantId,
      saved ? { ledger: saved.ledger } : undefined,
    );
    if (saved?.finished && saved.extra.result) {
      for (const d of saved.extra.days) events.onDay?.(job.index, d.day);
      events.onJobDone?.(saved.extra.result);
      return {
        job,
        status: 'finished',
        result: saved.extra.result,
        usage: ledger.record(),
        message: null,
      };
    }
    const run: RunState =
      saved?.run ??
      createRun(structuredClone(job.persona), agents, {
        seed: config.seed,
        days: config.days,
        stepSeconds: config.stepSeconds,
        judgeNoise: config.judgeNoise,
        forceSilentProbability: config.forceSilentProbability,
      });
    const extra: JobExtra = saved?.extra ?? { days: [], welcome: { steps: 0, recs: 0 } };
    for (const d of extra.days) events.onDay?.(job.index, d.day);
    const save = (finished: boolean): void => checkpoint.save(finished, run, ledger, extra);
    const rubric = compileRubric(run.persona);
    const stepMinutes = config.stepSeconds / 60;

    const outcome = await driveRun(run, agents, ledger, {
      signal: controller.signal,
      ...(options.limitSteps !== null ? { limitSteps: options.limitSteps } : {}),
      onStep: (r) => {
        if (
          !countsInRates(r) ||
          !inWelcomeWindow(rubric, r.minute, run.conditions?.windowShiftMinutes)
        )
          return;
        extra.welcome.steps++;
        if (r.decision === 'recommend') extra.welcome.recs++;
      },
      onDayEnd: (day) => {
        const summary = run.days[run.days.length - 1];
        if (!summary || summary.day !== day) throw new Error(`day ${day} ended without a summary`);
        extra.days.push(personaDay(summary, extra.welcome.steps, extra.welcome.recs, stepMinutes));
        extra.welcome = { steps: 0, recs: 0 };
        if (!isFinished(run)) save(false);
        events.onDay?.(job.index, day);
      },
    });
    if (outcome.status === 'paused') {
      firstPause ??= outcome.message;
      save(false);
      stopAll(); // the engine is gone for every job
      return {
        job,
        status: 'paused',
        result: null,
        usage: ledger.record(),
        message: outcome.message,
      };
    }
    if (outcome.status !== 'finished') {
      save(false);
      return { job, status: 'limit', result: null, usage: ledger.record(), message: null };
    }
    const result: JobResult = {
      ...jobResult(job, config, extra.days, run, agents.assistant),
      usage: ledger.record(),
    };
    extra.result = result;
    save(true);
    events.onJobDone?.(result);
    return {
      job,
      status: 'finished',
      result,
      usage: result.usage as RunUsageRecord,
      message: null,
    };
  };

  try {
    const settled = await Promise.allSettled(
      jobs.map((job) =>
        runOne(job).catch((err: unknown) => {
          stopAll(); // a bug in one job: stop the others at a step boundary, then report it
          throw err;
        }),
      ),
    );
    const failure = settled.find((s) => s.status === 'rejected');
    if (failure) throw failure.reason;
    const outcomes = settled.map((s) => (s as PromiseFulfilledResult<LlmJobOutcome>).value);
    const done = outcomes.every((o) => o.status === 'finished');
    return {
      jobs: outcomes,
      results: done ? outcomes.map((o) => o.result as JobResult) : [],
      paused: firstPause ?? (options.signal?.aborted ? 'the experiment was stopped' : null),
      limited: outcomes.some((o) => o.status === 'limit'),
    };
  } finally {
    options.signal?.removeEventListener('abort', stopAll);
  }
}
