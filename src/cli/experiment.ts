/**
 * The experiment runner: every persona with every assistant for N days, on
 * worker threads, then a report folder (summary.md, CSV, JSON, SVG charts).
 *   npm run experiment -- --personas all --days 14 --assistants propera,no-memory,always,never,oracle --seed 1 --out DIR
 *   [--json] [--workers N] [--judge-noise p] [--force-silent p] [--export-pairs] [--focus ID] [--reference ID]
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { Persona } from '../core/persona';
import { DEFAULT_STEP_SECONDS } from '../core/time';
import { assistantIds, getAssistant } from '../agents/registry';
import { runExperiment } from '../experiment/experiment';
import { createProgress } from '../experiment/progress';
import type { ExperimentConfig } from '../experiment/types';
import { jsonSummary, writeReport } from '../experiment/write';
import { loadAllPersonas, resolvePersona } from './personas-node';

/** A mistake in the command line: reported without a stack, exit code 2. */
class UsageError extends Error {}

function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new InvalidArgumentError(`${name} must be a whole number ≥ 1`);
    return n;
  };
}

function probability(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1))
    throw new InvalidArgumentError('must be a number between 0 and 1');
  return n;
}

const splitList = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);

export function parseAssistants(spec: string | undefined): string[] {
  const ids = spec === undefined || spec === 'all' ? assistantIds() : splitList(spec);
  if (ids.length === 0) throw new UsageError('--assistants is empty');
  const known = new Set(assistantIds());
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new UsageError(
      `unknown assistant${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; choose from: ${assistantIds().join(', ')}`,
    );
  }
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new UsageError(`assistant "${dup}" is listed twice`);
  for (const id of ids) getAssistant(id);
  return ids;
}

export function parsePersonas(spec: string): Persona[] {
  const items = splitList(spec);
  if (items.length === 0) throw new UsageError('--personas is empty');
  let personas: Persona[];
  if (items.length === 1 && items[0] === 'all') {
    personas = loadAllPersonas();
    if (personas.length === 0) throw new UsageError('no personas found in personas/');
  } else {
    personas = items.map((item) => {
      try {
        return resolvePersona(item);
      } catch (err) {
        throw new UsageError(`--personas: ${(err as Error).message}`);
      }
    });
  }
  const seen = new Set<string>();
  for (const p of personas) {
    if (seen.has(p.id)) throw new UsageError(`persona "${p.id}" is listed twice`);
    seen.add(p.id);
  }
  return personas;
}

interface Options {
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
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name('experiment')
    .description(
      'Run every persona with every assistant for N days on worker threads, and write a report folder.',
    )
    .option(
      '--personas <all|ids|files>',
      'all, or a comma-separated list of persona ids or persona JSON files',
      'all',
    )
    .option('--days <n>', 'days to simulate', positiveInt('--days'), 14)
    .option(
      '--assistants <ids>',
      `comma-separated assistants (default: all): ${assistantIds().join(', ')}`,
    )
    .option(
      '--seed <seed>',
      'random seed (any text); every run uses it, so every assistant sees the same days',
      '1',
    )
    .option('--out <dir>', 'folder for the report', join('out', 'experiment'))
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
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  const opts = program.opts<Options>();
  try {
    if (program.args.length) throw new UsageError(`unexpected argument "${program.args[0]}"`);
    const ids = parseAssistants(opts.assistants);
    for (const [flag, id] of [
      ['--focus', opts.focus],
      ['--reference', opts.reference],
    ] as const) {
      if (id !== undefined && !ids.includes(id))
        throw new UsageError(`${flag} "${id}" is not among --assistants (${ids.join(', ')})`);
    }
    const personas = parsePersonas(opts.personas);
    const config: ExperimentConfig = {
      seed: opts.seed,
      days: opts.days,
      stepSeconds: DEFAULT_STEP_SECONDS,
      judgeNoise: opts.judgeNoise,
      forceSilentProbability: opts.forceSilent,
      exportPairs: Boolean(opts.exportPairs),
    };
    const jobs = personas.length * ids.length;
    const progress = createProgress(jobs * config.days, jobs);
    const outcome = await runExperiment(personas, ids, config, {
      workers: opts.workers,
      focus: opts.focus,
      reference: opts.reference,
      events: { onDay: () => progress.tick(), onJobDone: () => progress.jobDone() },
    });
    progress.done();
    const dir = resolve(opts.out);
    const files = writeReport(dir, outcome.report, outcome.results);
    const { steps, scoredSteps } = outcome.report.totals;
    const seconds = outcome.wallMs / 1000;
    const threads = Math.min(opts.workers, jobs);
    process.stderr.write(
      `${jobs} runs (${personas.length} personas × ${ids.length} assistants × ${config.days} days), ` +
        `${steps.toLocaleString('en-US')} steps in ${seconds.toFixed(1)} s on ${threads} ${threads === 1 ? 'thread' : 'worker threads'} ` +
        `(${Math.round(steps / seconds).toLocaleString('en-US')} steps/s, ${Math.round(scoredSteps / seconds).toLocaleString('en-US')} scored/s)\n` +
        `wrote ${files.length} files to ${dir}: ${files.join(', ')}\n`,
    );
    if (opts.json)
      process.stdout.write(JSON.stringify(jsonSummary(outcome.report), null, 2) + '\n');
    return 0;
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
