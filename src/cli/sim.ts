/**
 * Headless runner: one persona, one assistant, N days.
 *   npm run sim -- --persona <id or file> --days N --assistant <name> --seed S [--json] [--steps]
 *   npm run sim -- --list-personas [--json]
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { getAssistant, assistantIds } from '../agents/registry';
import { builtinUser } from '../agents/user/builtin';
import type { Persona } from '../core/persona';
import { createRun, finishDay, isFinished, type StepRecord } from '../core/sim';
import { loadAllPersonas, resolvePersonaWithNotes } from './personas-node';
import { formatDayReport, stepForJson } from './report';

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
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('must be a number between 0 and 1');
  return n;
}

export function main(argv: string[]): number {
  const program = new Command()
    .name('sim')
    .description('Run one persona through simulated days with one assistant, headless.')
    .option('--persona <id|file>', 'persona id from personas/ or a path to a persona JSON file')
    .option('--days <n>', 'days to simulate', positiveInt('--days'), 1)
    .option('--assistant <name>', `assistant: ${assistantIds().join(', ')}`, 'random')
    .option('--seed <seed>', 'random seed (any text)', '1')
    .option('--judge-noise <p>', 'probability that the judge flips a verdict', probability, 0)
    .option('--json', 'print one JSON document instead of a report')
    .option('--steps', 'include every step (with --json) or the full timeline (report)')
    .option('--list-personas', 'list the personas and exit')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  const opts = program.opts<{
    persona?: string;
    days: number;
    assistant: string;
    seed: string;
    judgeNoise: number;
    json?: boolean;
    steps?: boolean;
    listPersonas?: boolean;
  }>();

  try {
    if (opts.listPersonas) {
      const list = loadAllPersonas().map((p: Persona) => ({
        id: p.id,
        name: p.name,
        age: p.age,
        bigFive: p.bigFive,
      }));
      if (opts.json) process.stdout.write(JSON.stringify(list, null, 2) + '\n');
      else
        for (const p of list)
          process.stdout.write(
            `${p.id.padEnd(28)} ${p.name.padEnd(24)} ${Object.values(p.bigFive)
              .map((l: string) => l[0])
              .join('')}\n`,
          );
      return 0;
    }
    if (!opts.persona)
      throw new Error(
        '--persona is required (an id from personas/ or a file); see --list-personas',
      );
    const { persona, notes } = resolvePersonaWithNotes(opts.persona);
    if (notes.length > 0) {
      process.stderr.write(
        `Imported ${opts.persona} from the ProPerSim format. Not derived from its words:\n`,
      );
      for (const n of notes) process.stderr.write(`  - ${n}\n`);
    }
    const assistant = getAssistant(opts.assistant);
    const agents = { user: builtinUser, assistant };
    const run = createRun(persona, agents, {
      seed: opts.seed,
      days: opts.days,
      judgeNoise: opts.judgeNoise,
    });
    const steps: StepRecord[] = [];
    const reports: string[] = [];
    while (!isFinished(run)) {
      const day = run.day;
      const today: StepRecord[] = [];
      finishDay(run, agents, (r) => {
        today.push(r);
        if (opts.steps && opts.json) steps.push(r);
      });
      if (!opts.json) reports.push(formatDayReport(run, day, today, Boolean(opts.steps)));
    }
    if (opts.json) {
      const doc = {
        persona: { id: persona.id, name: persona.name, bigFive: persona.bigFive },
        assistant: assistant.id,
        seed: run.config.seed,
        stepSeconds: run.config.stepSeconds,
        judgeNoise: run.config.judgeNoise,
        days: run.days,
        ...(opts.steps ? { steps: steps.map(stepForJson) } : {}),
      };
      process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
    } else {
      process.stdout.write(
        `${persona.name} (${persona.id}) with "${assistant.label}", seed ${run.config.seed}\n\n`,
      );
      process.stdout.write(reports.join('\n'));
    }
    return 0;
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = main(process.argv.slice(2));
}
