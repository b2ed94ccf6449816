/**
 * npm run bench:experiment — wall time of the full experiment for the
 * learning assistant: every persona × 14 days through the same runner as
 * `npm run experiment`, on all cores. Prints wall time, steps simulated,
 * steps per second and scored steps per second.
 *   npm run bench:experiment -- [--assistant propera] [--days 14] [--workers N]
 * Only the runner's simulation is timed (not the report).
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { assistantIds } from '../src/agents/registry';
import { loadAllPersonas } from '../src/cli/personas-node';
import { DEFAULT_STEP_SECONDS } from '../src/core/time';
import { runExperiment } from '../src/experiment/experiment';

function fail(message: string): never {
  process.stderr.write(`bench:experiment: ${message}\n`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    assistant: { type: 'string', default: 'propera' },
    days: { type: 'string', default: '14' },
    workers: { type: 'string', default: String(availableParallelism()) },
    seed: { type: 'string', default: '1' },
  },
});
const assistant = values.assistant;
const days = Number(values.days);
const workers = Number(values.workers);
if (!Number.isInteger(days) || days < 1)
  fail(`--days must be a whole number ≥ 1, got "${values.days}"`);
if (!Number.isInteger(workers) || workers < 1)
  fail(`--workers must be a whole number ≥ 1, got "${values.workers}"`);
if (!assistantIds().includes(assistant)) {
  fail(
    `assistant "${assistant}" is not registered (registered: ${assistantIds().join(', ')}). ` +
      'This benchmark times the real assistant and will not stand in another; pass --assistant random to time the runner alone.',
  );
}

const personas = loadAllPersonas();
if (personas.length === 0) fail('no personas in personas/');
const jobs = personas.length;
process.stdout.write(
  `bench:experiment — ${assistant}, ${personas.length} personas × ${days} days, ${Math.min(workers, jobs)} worker${workers === 1 ? ' (in-process)' : ' threads'}, Node ${process.version}\n`,
);
const outcome = await runExperiment(
  personas,
  [assistant],
  {
    seed: values.seed,
    days,
    stepSeconds: DEFAULT_STEP_SECONDS,
    judgeNoise: 0,
    forceSilentProbability: 0.3,
    exportPairs: false,
  },
  { workers },
);
const seconds = outcome.wallMs / 1000;
const { steps, scoredSteps } = outcome.report.totals;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const a = outcome.report.assistants[assistant]!;
const first = a.days[0]!;
const last = a.days[a.days.length - 1]!;
process.stdout.write(
  [
    `wall time          ${seconds.toFixed(2)} s`,
    `steps simulated    ${fmt(steps)} (${fmt(scoredSteps)} scored)`,
    `steps per second   ${fmt(steps / seconds)}`,
    `scored steps / s   ${fmt(scoredSteps / seconds)}`,
    `mean score         day 1 ${first.meanScore?.toFixed(2) ?? '–'} → day ${last.day} ${last.meanScore?.toFixed(2) ?? '–'}`,
    `recs / waking h    day 1 ${first.recsPerWakingHour.toFixed(1)} → day ${last.day} ${last.recsPerWakingHour.toFixed(1)}`,
  ].join('\n') + '\n',
);
