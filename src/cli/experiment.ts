/**
 * The experiment runner: every persona with every assistant for N days, on
 * worker threads, then a report folder (summary.md, CSV, JSON, SVG charts).
 *   npm run experiment -- --personas all --days 14 --assistants propera,no-memory,always,never,oracle --seed 1 --out DIR
 *   [--json] [--workers N] [--judge-noise p] [--force-silent p] [--export-pairs] [--focus ID] [--reference ID]
 * With a model server (flags in engine-options.ts), every job runs at once in this process,
 * sharing --concurrency, with a checkpoint per finished day per job:
 *   npm run experiment -- --engine openai --base-url URL --model NAME [--llm-roles …] [--judge-mode …]
 *     [--limit-steps N] [--resume] [--checkpoints DIR]
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { DEFAULT_STEP_SECONDS } from '../core/time';
import { assistantIds, getAssistant, isLlmAssistantId, llmAssistantIds } from '../agents/registry';
import type { RunUsageRecord } from '../agents/llm/drive';
import { addUsage, emptyUsage, type LlmRole } from '../agents/llm/usage';
import {
  runExperiment,
  runExperimentLlm,
  type LlmExperimentOutcome,
} from '../experiment/experiment';
import { createProgress } from '../experiment/progress';
import type { ExperimentConfig, ExperimentReport } from '../experiment/types';
import { jsonSummary, writeReport } from '../experiment/write';
import { OutDirError, prepareOutDir, writeFileAtomically } from '../experiment/out-dir';
import { MAX_RUN_DAYS, MAX_SEED_CHARS } from '../core/sim';
import { maskKnownSecrets, maskSecrets } from '../shared/secrets';
import { EXIT_ERROR, EXIT_PAUSED, EXIT_USAGE, unjudgedExit } from './exit-codes';
import { FileRefusedError } from './read-file';
import {
  addEngineOptions,
  createLlmSetup,
  describeEngine,
  EngineOptionError,
  resolveEngineOptions,
  type EngineConfig,
  type EngineFactory,
  type RawEngineOptions,
} from './engine-options';
import { loadPersonaSpec, type PersonaSet } from './persona-sources';
import { importSummary } from '../experiment/imports';
import {
  daysFlag,
  interruptible,
  parseArguments,
  positiveInt,
  probability,
  seedText,
  splitList,
} from './flags';

/** A mistake in the command line: reported without a stack, exit code 2. */
class UsageError extends Error {}

export function parseAssistants(
  spec: string | undefined,
  llm: { roles: readonly LlmRole[] } | null = null,
): string[] {
  const llmAssistant = llm !== null && llm.roles.includes('assistant');
  const ids =
    spec === undefined
      ? llm
        ? [llmAssistant ? 'llm' : 'propera']
        : assistantIds()
      : spec === 'all'
        ? [...assistantIds(), ...(llmAssistant ? llmAssistantIds() : [])]
        : splitList(spec);
  if (ids.length === 0) throw new UsageError('--assistants is empty');
  const needModel = ids.filter((id) => isLlmAssistantId(id));
  if (needModel.length && !llmAssistant) {
    throw new UsageError(
      `assistant "${needModel[0]}" needs a model playing the assistant: use --engine openai with "assistant" in --llm-roles`,
    );
  }
  const known = new Set([...assistantIds(), ...(llmAssistant ? llmAssistantIds() : [])]);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new UsageError(
      `unknown assistant${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; choose from: ${[...known].join(', ')}`,
    );
  }
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new UsageError(`assistant "${dup}" is listed twice`);
  for (const id of ids) if (!isLlmAssistantId(id)) getAssistant(id);
  return ids;
}

/** `--personas`: all, ids, files, folders (recursive) and globs; see persona-sources.ts. */
export async function parsePersonas(spec: string): Promise<PersonaSet> {
  const items = splitList(spec);
  if (items.length === 0) throw new UsageError('--personas is empty');
  const dup = items.find((x, i) => items.indexOf(x) !== i);
  if (dup) throw new UsageError(`persona "${dup}" is listed twice`);
  let set: PersonaSet;
  try {
    set = await loadPersonaSpec(items);
  } catch (err) {
    throw new UsageError(`--personas: ${(err as Error).message}`);
  }
  if (set.personas.length === 0) throw new UsageError('no personas found in personas/');
  return set;
}

/** Attach what the import could not derive to the report (summary.md lists it). */
function withImports(report: ExperimentReport, set: PersonaSet): void {
  if (set.imported.length === 0) return;
  report.imports = set.imported.map((l) => importSummary(l.persona, l.path, l.evidence));
}

interface Options extends RawEngineOptions {
  personas: string;
  days: number;
  assistants?: string;
  seed: string;
  out: string;
  json?: boolean;
  workers: number;
  judgeNoise: number;
  forceSilent: number;
  exportPairs?: boolean;
  focus?: string;
  reference?: string;
  resume?: boolean;
  checkpoints?: string;
  force?: boolean;
}

export interface ExperimentDeps {
  /** Makes the model engine (tests pass a stand-in). */
  engineFactory?: EngineFactory;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

export { EXIT_PAUSED, EXIT_UNJUDGED } from './exit-codes';

export async function main(argv: string[], deps: ExperimentDeps = {}): Promise<number> {
  const program = new Command()
    .name('experiment')
    .description(
      'Run every persona with every assistant for N days on worker threads, and write a report folder.',
    )
    .option(
      '--personas <all|ids|files|folders|globs>',
      'all, or a comma-separated list of persona ids, persona JSON files (ours or ProPerSim format), folders (searched recursively) or globs',
      'all',
    )
    .option('--days <n>', `days to simulate (at most ${MAX_RUN_DAYS})`, daysFlag, 14)
    .option(
      '--assistants <ids>',
      `comma-separated assistants (default: all): ${assistantIds().join(', ')}`,
    )
    .option(
      '--seed <seed>',
      `random seed (any text, at most ${MAX_SEED_CHARS} characters); every run uses it, so every assistant sees the same days`,
      seedText,
      '1',
    )
    .option('--out <dir>', 'folder for the report', join('out', 'experiment'))
    .option(
      '--force',
      'replace an earlier run in --out (its report, pairs and checkpoints are removed first)',
    )
    .option('--json', 'also print the summary as JSON on stdout')
    .option(
      '--workers <n>',
      'worker threads (1 runs in-process)',
      positiveInt('--workers'),
      availableParallelism(),
    )
    .option('--judge-noise <p>', 'probability that the judge flips each verdict', probability, 0)
    .option(
      '--force-silent <p>',
      'probability that candidate 1 is forced to "No Recommendation"',
      probability,
      0.3,
    )
    .option(
      '--export-pairs',
      'write the DPO preference pairs of learning assistants (pairs-<assistant>.jsonl)',
    )
    .option('--focus <id>', 'assistant the goal checks are about (default: propera when run)')
    .option('--reference <id>', 'upper bound for the "gap closed" check (default: oracle when run)')
    .option('--resume', 'with a model: continue from the checkpoints of an earlier run')
    .option(
      '--checkpoints <dir>',
      'with a model: folder for the per-job checkpoints (default: OUT/checkpoints)',
    );
  // Everything said on stderr is masked: a server's error may echo the key (src/shared/secrets.ts).
  const env = deps.env ?? process.env;
  const say = (s: string): void => void process.stderr.write(maskSecrets(s, [env.OPENAI_API_KEY]));
  addEngineOptions(program).configureOutput({ writeErr: say });
  const exit = parseArguments(program, argv);
  if (exit !== null) return exit;
  const opts = program.opts<Options>();
  try {
    if (program.args.length) throw new UsageError(`unexpected argument "${program.args[0]}"`);
    const engine = resolveEngineOptions(opts);
    if (engine.engine === 'builtin' && (opts.resume || opts.checkpoints))
      throw new UsageError('--resume and --checkpoints apply with --engine openai');
    if (engine.engine === 'builtin' && engine.limitSteps !== null)
      throw new UsageError('--limit-steps applies with --engine openai (built-in runs are cheap)');
    const ids = parseAssistants(opts.assistants, engine.openai ? engine : null);
    for (const [flag, id] of [
      ['--focus', opts.focus],
      ['--reference', opts.reference],
    ] as const) {
      if (id !== undefined && !ids.includes(id))
        throw new UsageError(`${flag} "${id}" is not among --assistants (${ids.join(', ')})`);
    }
    const set = await parsePersonas(opts.personas);
    const personas = set.personas;
    for (const s of set.skipped) say(`skipped ${s.path}: ${s.reason}\n`);
    for (const r of set.renamed) say(`${r}\n`);
    if (set.imported.length)
      say(
        `imported ${set.imported.length} persona${set.imported.length === 1 ? '' : 's'} from the ProPerSim format (summary.md lists what was not derived)\n`,
      );
    const config: ExperimentConfig = {
      seed: opts.seed,
      days: opts.days,
      stepSeconds: DEFAULT_STEP_SECONDS,
      judgeNoise: opts.judgeNoise,
      forceSilentProbability: opts.forceSilent,
      exportPairs: Boolean(opts.exportPairs),
    };
    // The folder is checked (and an earlier run's files cleared) before any step runs.
    const dir = resolve(opts.out);
    const checkpointDir = engine.openai
      ? resolve(opts.checkpoints ?? join(dir, 'checkpoints'))
      : null;
    const plan = prepareOutDir(dir, {
      force: Boolean(opts.force),
      resume: Boolean(opts.resume),
      checkpointDir,
    });
    if (plan.removed.length)
      say(`removed the earlier run's files from ${dir}: ${plan.removed.join(', ')}\n`);
    if (engine.openai && checkpointDir)
      return await runWithModel(set, ids, config, opts, engine, deps, dir, checkpointDir, say);
    const jobs = personas.length * ids.length;
    const progress = createProgress(jobs * config.days, jobs);
    const outcome = await runExperiment(personas, ids, config, {
      workers: opts.workers,
      focus: opts.focus,
      reference: opts.reference,
      events: { onDay: () => progress.tick(), onJobDone: () => progress.jobDone() },
    });
    progress.done();
    withImports(outcome.report, set);
    const files = writeReport(dir, outcome.report, outcome.results, {
      maxUnjudged: engine.maxUnjudged,
    });
    const { steps, scoredSteps } = outcome.report.totals;
    const seconds = outcome.wallMs / 1000;
    const threads = Math.min(opts.workers, jobs);
    say(
      `${jobs} runs (${personas.length} personas × ${ids.length} assistants × ${config.days} days), ` +
        `${steps.toLocaleString('en-US')} steps in ${seconds.toFixed(1)} s on ${threads} ${threads === 1 ? 'thread' : 'worker threads'} ` +
        `(${Math.round(steps / seconds).toLocaleString('en-US')} steps/s, ${Math.round(scoredSteps / seconds).toLocaleString('en-US')} scored/s)\n` +
        `wrote ${files.length} files to ${dir}: ${files.join(', ')}\n`,
    );
    if (opts.json)
      process.stdout.write(JSON.stringify(jsonSummary(outcome.report), null, 2) + '\n');
    return unjudgedExit(outcome.report, engine.maxUnjudged, say);
  } catch (err) {
    say(`error: ${(err as Error).message}\n`);
    return err instanceof UsageError ||
      err instanceof EngineOptionError ||
      err instanceof OutDirError ||
      err instanceof FileRefusedError
      ? EXIT_USAGE
      : EXIT_ERROR;
  }
}

async function runWithModel(
  set: PersonaSet,
  ids: string[],
  config: ExperimentConfig,
  opts: Options,
  engine: EngineConfig,
  deps: ExperimentDeps,
  dir: string,
  checkpointDir: string,
  say: (s: string) => void,
): Promise<number> {
  const personas = set.personas;
  const env = deps.env ?? process.env;
  const stop = interruptible(deps.signal, '\nstopping: every run saves its checkpoint…\n', say);
  try {
    const setup = createLlmSetup(engine, env, deps.engineFactory);
    const jobs = personas.length * ids.length;
    say(`${jobs} runs at once against ${describeEngine(engine)}\n`);
    const progress = createProgress(jobs * config.days, jobs);
    const outcome = await runExperimentLlm(personas, ids, config, {
      focus: opts.focus,
      reference: opts.reference,
      events: { onDay: () => progress.tick(), onJobDone: () => progress.jobDone() },
      llm: {
        setup,
        checkpointDir,
        resume: Boolean(opts.resume),
        limitSteps: engine.limitSteps,
        engineKey: {
          model: engine.openai?.model ?? null,
          roles: engine.roles,
          judgeMode: engine.judgeMode,
        },
        signal: stop.signal,
        secrets: [env.OPENAI_API_KEY],
      },
    });
    progress.done();
    const usage = usageReport(outcome, engine);
    writeFileAtomically(
      join(dir, 'llm-usage.json'),
      maskKnownSecrets(JSON.stringify(usage, null, 2) + '\n', [env.OPENAI_API_KEY]),
    );
    const files = ['llm-usage.json'];
    if (outcome.report) {
      withImports(outcome.report, set);
      files.push(
        ...writeReport(dir, outcome.report, outcome.results, {
          maxUnjudged: engine.maxUnjudged,
          secrets: [env.OPENAI_API_KEY],
        }),
      );
    }
    const t = usage.total;
    say(
      `${t.calls.toLocaleString('en-US')} model calls (persona ${t.byRole.persona}, judge ${t.byRole.judge}, assistant ${t.byRole.assistant}), ` +
        `${t.promptTokens.toLocaleString('en-US')} prompt + ${t.completionTokens.toLocaleString('en-US')} completion tokens, ` +
        `${t.callsPerScoredStep === null ? '–' : t.callsPerScoredStep.toFixed(2)} calls per scored step over ${t.scoredSteps} scored steps ` +
        `in ${(outcome.wallMs / 1000).toFixed(1)} s\nwrote ${files.length} files to ${dir}: ${files.join(', ')}\n`,
    );
    if (outcome.paused !== null) {
      say(
        `paused: ${outcome.paused}\ncheckpoints are in ${checkpointDir}; continue with the same flags and --resume\n`,
      );
      return EXIT_PAUSED;
    }
    if (outcome.limited) {
      say(
        `stopped each run after ${engine.limitSteps} scored steps (--limit-steps): no report; ` +
          `continue with --resume (without --limit-steps) to finish\n`,
      );
    }
    if (opts.json && outcome.report)
      process.stdout.write(
        JSON.stringify({ ...jsonSummary(outcome.report), llmUsage: usage }, null, 2) + '\n',
      );
    else if (opts.json) process.stdout.write(JSON.stringify({ llmUsage: usage }, null, 2) + '\n');
    return unjudgedExit(outcome.report, engine.maxUnjudged, say);
  } finally {
    stop.dispose();
  }
}

/** The cost of the experiment: per job and in total. */
function usageReport(outcome: LlmExperimentOutcome, engine: EngineConfig) {
  const perJob = outcome.jobs.map((j) => ({
    assistant: j.job.assistantId,
    persona: j.job.persona.id,
    status: j.status,
    usage: j.usage,
  }));
  const scored = perJob.reduce((n, j) => n + j.usage.total.scoredSteps, 0);
  const sum = (pick: (u: RunUsageRecord) => ReturnType<typeof emptyUsage>) =>
    perJob.reduce((acc, j) => addUsage(acc, pick(j.usage)), emptyUsage());
  const persona = sum((u) => u.total.byRole.persona);
  const judge = sum((u) => u.total.byRole.judge);
  const assistant = sum((u) => u.total.byRole.assistant);
  const all = addUsage(addUsage(persona, judge), assistant);
  return {
    engine: {
      model: engine.openai?.model ?? null,
      roles: engine.roles,
      judgeMode: engine.judgeMode,
    },
    total: {
      calls: all.calls,
      promptTokens: all.promptTokens,
      completionTokens: all.completionTokens,
      scoredSteps: scored,
      callsPerScoredStep: scored
        ? Math.round(((judge.calls + assistant.calls) / scored) * 1000) / 1000
        : null,
      byRole: { persona: persona.calls, judge: judge.calls, assistant: assistant.calls },
      failedCalls: all.failedCalls,
      unreadable: all.unreadable,
    },
    jobs: perJob,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
