/**
 * Headless runner: one persona, one assistant, N days.
 *   npm run sim -- --persona <id or file> --days N --assistant <name> --seed S [--json] [--steps]
 *   npm run sim -- --list-personas [--json]
 * With a model (see engine-options.ts for every flag):
 *   npm run sim -- --persona <id> --engine openai --base-url http://localhost:11434/v1 --model qwen2.5:7b
 *     [--llm-roles persona,judge,assistant] [--judge-mode compact|reference] [--limit-steps N]
 *     [--checkpoint FILE] [--resume]
 */
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import type { DayCost, RunUsageRecord, StepCost } from '../agents/llm/drive';
import { driveRun } from '../agents/llm/drive';
import { buildRunAgents } from '../agents/llm/setup';
import { assistantIds, getAssistant, isLlmAssistantId, llmAssistantIds } from '../agents/registry';
import { builtinUser } from '../agents/user/builtin';
import { summarise } from '../core/metrics';
import type { Persona } from '../core/persona';
import {
  createRun,
  dispatch,
  finishDay,
  isFinished,
  MAX_RUN_DAYS,
  MAX_SEED_CHARS,
  type RunState,
  type StepRecord,
} from '../core/sim';
import { checkpointFile, CheckpointMismatchError, type Checkpoint } from '../experiment/checkpoint';
import { overLimit, runUnjudged, unjudgedSentence } from '../experiment/unjudged';
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
import { maskSecrets } from '../shared/secrets';
import { daysFlag, interruptible, parseArguments, probability, seedText } from './flags';
import { loadAllPersonas, resolvePersonaWithNotes } from './personas-node';
import { formatDayReport, stepForJson } from './report';
import { formatRubricView, llmRubric, rubricView, type RubricView } from './show-rubric';

import { EXIT_ERROR, EXIT_PAUSED, EXIT_UNJUDGED, EXIT_USAGE } from './exit-codes';
import { FileRefusedError } from './read-file';
import { ensureWritableDir, OutDirError } from '../experiment/out-dir';

export { EXIT_PAUSED, EXIT_UNJUDGED } from './exit-codes';

interface SimOptions extends RawEngineOptions {
  persona?: string;
  days: number;
  assistant: string;
  seed: string;
  judgeNoise: number;
  json?: boolean;
  steps?: boolean;
  listPersonas?: boolean;
  checkpoint?: string;
  resume?: boolean;
  showRubric?: boolean;
  deriveWithLlm?: boolean;
}

export interface SimDeps {
  /** Makes the model engine (tests pass a stand-in). */
  engineFactory?: EngineFactory;
  env?: Record<string, string | undefined>;
  stdout?: (s: string) => void;
  stderr?: (s: string) => void;
  /** Stops an LLM run (pauses it and saves the checkpoint). */
  signal?: AbortSignal;
}

export async function main(argv: string[], deps: SimDeps = {}): Promise<number> {
  const out = deps.stdout ?? ((s: string) => void process.stdout.write(s));
  const env = deps.env ?? process.env;
  // Everything said on stderr is masked: a server's error may echo the key (src/shared/secrets.ts).
  const writeErr = deps.stderr ?? ((s: string) => void process.stderr.write(s));
  const err = (s: string): void => writeErr(maskSecrets(s, [env.OPENAI_API_KEY]));
  const program = new Command()
    .name('sim')
    .description('Run one persona through simulated days with one assistant, headless.')
    .option('--persona <id|file>', 'persona id from personas/ or a path to a persona JSON file')
    .option('--days <n>', `days to simulate (at most ${MAX_RUN_DAYS})`, daysFlag, 1)
    .option(
      '--assistant <name>',
      `assistant: ${assistantIds().join(', ')}; with a model also ${llmAssistantIds().join(', ')} (default: llm when the model plays the assistant)`,
      'random',
    )
    .option(
      '--seed <seed>',
      `random seed (any text, at most ${MAX_SEED_CHARS} characters)`,
      seedText,
      '1',
    )
    .option('--judge-noise <p>', 'probability that the judge flips a verdict', probability, 0)
    .option('--json', 'print one JSON document instead of a report')
    .option('--steps', 'include every step (with --json) or the full timeline (report)')
    .option('--list-personas', 'list the personas and exit')
    .option(
      '--checkpoint <file>',
      'with a model: save the run here after each day and when it pauses',
    )
    .option('--resume', 'with a model: continue the run saved in --checkpoint')
    .option(
      '--show-rubric',
      'print the structured rubric with its evidence and import notes, then exit',
    )
    .option(
      '--derive-with-llm',
      'with a model: ask it for the structured rubric and show how it differs from the rules',
    );
  addEngineOptions(program).configureOutput({ writeErr: (s) => err(s), writeOut: (s) => out(s) });
  const exit = parseArguments(program, argv);
  if (exit !== null) return exit;
  const opts = program.opts<SimOptions>();

  try {
    if (opts.listPersonas) {
      const list = loadAllPersonas().map((p: Persona) => ({
        id: p.id,
        name: p.name,
        age: p.age,
        bigFive: p.bigFive,
      }));
      if (opts.json) out(JSON.stringify(list, null, 2) + '\n');
      else
        for (const p of list)
          out(
            `${p.id.padEnd(28)} ${p.name.padEnd(24)} ${Object.values(p.bigFive)
              .map((l: string) => l[0])
              .join('')}\n`,
          );
      return 0;
    }
    const engine = resolveEngineOptions(opts);
    if (!opts.persona)
      throw new Error(
        '--persona is required (an id from personas/ or a file); see --list-personas',
      );
    const loaded = await resolvePersonaWithNotes(opts.persona);
    const { notes, evidence } = loaded;
    let persona = loaded.persona;
    let llm: RubricView['llm'];
    if (opts.deriveWithLlm) {
      const setup = createLlmSetup(engine, deps.env ?? process.env, deps.engineFactory);
      if (!setup.engine)
        throw new EngineOptionError(
          '--derive-with-llm needs a model: add --engine openai --base-url URL --model NAME',
        );
      ({ persona, llm } = await llmRubric(persona, setup.engine, deps.signal));
      if (!opts.showRubric)
        err(
          llm.error
            ? `--derive-with-llm: ${llm.error}; using the rule-based rubric\n`
            : `--derive-with-llm: the model's rubric is used; ${llm.differences.length} difference(s) from the rules\n${llm.differences.map((d) => `  - ${d}\n`).join('')}`,
        );
    }
    if (opts.showRubric) {
      const view = { ...rubricView(persona, evidence), ...(llm ? { llm } : {}) };
      out(opts.json ? JSON.stringify(view, null, 2) + '\n' : formatRubricView(view, persona));
      return 0;
    }
    if (notes.length > 0) {
      err(`Imported ${opts.persona} from the ProPerSim format. Not derived from its words:\n`);
      for (const n of notes) err(`  - ${n}\n`);
    }
    if (engine.engine === 'builtin') {
      if (isLlmAssistantId(opts.assistant))
        throw new EngineOptionError(
          `assistant "${opts.assistant}" needs a model: add --engine openai --base-url URL --model NAME`,
        );
      if (opts.checkpoint || opts.resume)
        throw new EngineOptionError('--checkpoint and --resume apply with --engine openai');
      return runBuiltin(persona, opts, engine.limitSteps, out);
    }
    const assistantDefaulted = program.getOptionValueSource('assistant') === 'default';
    const assistantId =
      assistantDefaulted && engine.roles.includes('assistant') ? 'llm' : opts.assistant;
    return await runWithModel(persona, assistantId, opts, engine, deps, out, err);
  } catch (e) {
    err(`error: ${(e as Error).message}\n`);
    return e instanceof EngineOptionError ||
      e instanceof FileRefusedError ||
      e instanceof OutDirError
      ? EXIT_USAGE
      : EXIT_ERROR;
  }
}

/** The built-in engine: synchronous, as fast as before. */
function runBuiltin(
  persona: Persona,
  opts: SimOptions,
  limitSteps: number | null,
  out: (s: string) => void,
): number {
  const assistant = getAssistant(opts.assistant);
  const agents = { user: builtinUser, assistant };
  const run = createRun(persona, agents, {
    seed: opts.seed,
    days: opts.days,
    judgeNoise: opts.judgeNoise,
  });
  const steps: StepRecord[] = [];
  const reports: string[] = [];
  let scored = 0;
  let stopped = false;
  while (!isFinished(run) && !stopped) {
    const day = run.day;
    const today: StepRecord[] = [];
    const keep = (r: StepRecord): void => {
      today.push(r);
      if (opts.steps && opts.json) steps.push(r);
    };
    if (limitSteps === null) finishDay(run, agents, keep);
    else {
      while (!isFinished(run) && run.day === day) {
        if (scored >= limitSteps) {
          stopped = true;
          break;
        }
        const [r] = dispatch(run, agents, { type: 'advance', steps: 1 });
        if (r) {
          keep(r);
          if (!r.asleep) scored++;
        }
      }
    }
    if (!opts.json) reports.push(dayReport(run, day, today, Boolean(opts.steps), null));
  }
  if (opts.json) {
    out(
      JSON.stringify(jsonDoc(run, persona, assistant.id, opts, steps, null, null), null, 2) + '\n',
    );
  } else {
    out(`${persona.name} (${persona.id}) with "${assistant.label}", seed ${run.config.seed}\n\n`);
    out(reports.join('\n'));
    if (stopped) out(`Stopped after ${scored} scored steps (--limit-steps).\n`);
  }
  return 0;
}

function jsonDoc(
  run: RunState,
  persona: Persona,
  assistantId: string,
  opts: SimOptions,
  steps: StepRecord[],
  usage: RunUsageRecord | null,
  costs: StepCost[] | null,
  extra: Record<string, unknown> = {},
) {
  const partial =
    run.today.scored + (run.today.unjudged ?? 0) > 0 &&
    !run.days.some((d) => d.day === run.today.day);
  return {
    persona: { id: persona.id, name: persona.name, bigFive: persona.bigFive },
    assistant: assistantId,
    seed: run.config.seed,
    stepSeconds: run.config.stepSeconds,
    judgeNoise: run.config.judgeNoise,
    ...extra,
    days: run.days,
    ...(partial ? { partialDay: summarise(run.today) } : {}),
    ...(usage ? { usage } : {}),
    ...(opts.steps
      ? {
          steps: steps.map((s, i) =>
            costs ? { ...stepForJson(s), usage: costs[i] ?? null } : stepForJson(s),
          ),
        }
      : {}),
  };
}

function dayReport(
  run: RunState,
  day: number,
  today: StepRecord[],
  full: boolean,
  cost: DayCost | null,
): string {
  let text = formatDayReport(run, day, today, full);
  if (!run.days.some((d) => d.day === day)) {
    const scored = today.filter((r) => !r.asleep);
    if (scored.length) {
      const s = summarise(run.today);
      text += `Day ${day} so far: mean score ${s.meanScore === null ? '–' : `${s.meanScore.toFixed(2)}/4`} over ${s.scoredSteps} scored steps; ${s.recommendations} recommendations.\n`;
    }
  }
  if (cost) text += costLines(cost);
  return text;
}

function costLines(c: DayCost): string {
  const r = c.byRole;
  const lines: string[] = [];
  if (c.plan) {
    lines.push(
      `Plan: ${c.plan.source}${c.plan.problems.length ? ` (${c.plan.problems.length} note${c.plan.problems.length === 1 ? '' : 's'}: ${c.plan.problems.slice(0, 3).join('; ')}${c.plan.problems.length > 3 ? '; …' : ''})` : ''}`,
    );
  }
  lines.push(
    `Model calls: ${c.calls} (persona ${r.persona.calls}, judge ${r.judge.calls}, assistant ${r.assistant.calls}); ` +
      `${c.promptTokens.toLocaleString('en-US')} prompt + ${c.completionTokens.toLocaleString('en-US')} completion tokens; ` +
      `${c.callsPerScoredStep === null ? '–' : c.callsPerScoredStep.toFixed(2)} calls per scored step.`,
  );
  const failed = r.persona.failedCalls + r.judge.failedCalls + r.assistant.failedCalls;
  const unread = r.persona.unreadable + r.judge.unreadable + r.assistant.unreadable;
  if (failed || unread)
    lines.push(
      `Fallbacks: ${failed} failed call${failed === 1 ? '' : 's'}, ${unread} unreadable repl${unread === 1 ? 'y' : 'ies'} (a judge's step is not scored, the assistant stays silent, the planner is built-in).`,
    );
  return lines.join('\n') + '\n';
}

interface SimExtra {
  assistantId: string;
}

async function runWithModel(
  persona: Persona,
  assistantId: string,
  opts: SimOptions,
  engine: EngineConfig,
  deps: SimDeps,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const stop = interruptible(deps.signal, '\nstopping: saving the run…\n', err);
  try {
    const setup = createLlmSetup(engine, deps.env ?? process.env, deps.engineFactory, stop.signal);
    const key = {
      persona: persona.id,
      assistant: assistantId,
      seed: opts.seed,
      days: opts.days,
      judgeNoise: opts.judgeNoise,
      model: engine.openai?.model ?? null,
      roles: engine.roles,
      judgeMode: engine.judgeMode,
    };
    const file = resolve(
      opts.checkpoint ??
        `out/sim-${persona.id}-${String(opts.seed).replace(/[^\w.-]/g, '_')}.checkpoint.json`,
    );
    // Checked before any model call: the checkpoint's folder can be made and written.
    ensureWritableDir(dirname(file), '--checkpoint');
    // The API key is masked in the checkpoint's text before it is written.
    const checkpoint = checkpointFile<SimExtra>(file, key, [
      (deps.env ?? process.env).OPENAI_API_KEY,
    ]);
    let saved: Checkpoint<SimExtra> | null = null;
    if (opts.resume) {
      try {
        saved = checkpoint.load();
      } catch (e) {
        if (e instanceof CheckpointMismatchError)
          throw new EngineOptionError(`--resume: ${e.message}`);
        throw e;
      }
      if (!saved) throw new EngineOptionError(`--resume: no checkpoint at ${file}`);
      if (saved.finished) err(`The run in ${file} is already finished; reporting it.\n`);
    }
    const { agents, ledger } = buildRunAgents(
      setup,
      assistantId,
      saved ? { ledger: saved.ledger } : undefined,
    );
    const run: RunState =
      saved?.run ??
      createRun(persona, agents, { seed: opts.seed, days: opts.days, judgeNoise: opts.judgeNoise });
    const save = (finished: boolean): void =>
      checkpoint.save(finished, run, ledger, { assistantId });

    if (!opts.json) {
      out(
        `${persona.name} (${persona.id}) with "${agents.assistant.label}", seed ${run.config.seed}\n` +
          `Engine: ${describeEngine(engine)}\n\n`,
      );
    }
    const steps: StepRecord[] = [];
    const costs: StepCost[] = [];
    let today: StepRecord[] = [];
    const outcome = await driveRun(run, agents, ledger, {
      signal: stop.signal,
      ...(engine.limitSteps !== null ? { limitSteps: engine.limitSteps } : {}),
      onPlan: (day, plan) => {
        if (plan.source === 'builtin-fallback')
          err(
            `day ${day}: the model's plan could not be used (${plan.problems[0] ?? 'no reason'}); using the built-in planner\n`,
          );
        else if (plan.source === 'llm-repaired')
          err(
            `day ${day}: the model's plan was repaired (${plan.problems.length} fix${plan.problems.length === 1 ? '' : 'es'})\n`,
          );
      },
      onStep: (r, cost) => {
        today.push(r);
        if (opts.steps && opts.json) {
          steps.push(r);
          costs.push(cost);
        }
      },
      onDayEnd: (day, cost) => {
        if (!opts.json) out(dayReport(run, day, today, Boolean(opts.steps), cost) + '\n');
        today = [];
        if (opts.checkpoint) save(isFinished(run));
      },
    });
    const usage = ledger.record();
    const current = usage.days.find((d) => !d.complete) ?? null;
    if (!opts.json && current && today.length)
      out(dayReport(run, run.day, today, Boolean(opts.steps), current) + '\n');
    if (opts.json) {
      out(
        JSON.stringify(
          jsonDoc(run, persona, assistantId, opts, steps, usage, costs, {
            engine: usage.engine,
            status: outcome.status,
            ...(outcome.message ? { message: outcome.message } : {}),
          }),
          null,
          2,
        ) + '\n',
      );
    } else {
      const t = usage.total;
      out(
        `Total: ${t.calls} model calls, ${t.promptTokens.toLocaleString('en-US')} prompt + ${t.completionTokens.toLocaleString('en-US')} completion tokens, ` +
          `${t.callsPerScoredStep === null ? '–' : t.callsPerScoredStep.toFixed(2)} calls per scored step (the reference makes about 12).\n`,
      );
      if (outcome.status === 'limit')
        out(`Stopped after ${outcome.scoredSteps} scored steps (--limit-steps).\n`);
    }
    const unjudged = runUnjudged(run);
    if (unjudged.unjudged > 0)
      err(
        `warning: ${unjudgedSentence(unjudged)}: a judge call failed or its reply could not be read; ` +
          'those steps are in no mean and no pair\n',
      );
    if (outcome.status === 'paused') {
      save(false);
      err(
        `paused: ${outcome.message}\nsaved the run to ${file}; continue with --resume --checkpoint ${file}\n`,
      );
      return EXIT_PAUSED;
    }
    if (opts.checkpoint && outcome.status !== 'finished') save(false);
    if (overLimit(unjudged, engine.maxUnjudged)) {
      err(
        `more than ${(engine.maxUnjudged * 100).toFixed(1)}% of the waking steps were not scored (--max-unjudged): exit code ${EXIT_UNJUDGED}\n`,
      );
      return EXIT_UNJUDGED;
    }
    return 0;
  } finally {
    stop.dispose();
  }
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
