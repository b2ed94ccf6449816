/**
 * npm run bench:core — simulated steps per second of the built-in engine in
 * Node: whole persona-days with the built-in planner and judge, for the
 * simple assistants and the learning one.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getAssistant } from '../src/agents/registry';
import { builtinUser } from '../src/agents/user/builtin';
import { parsePersonaJson, type Persona } from '../src/core/persona';
import { createRun, dispatch } from '../src/core/sim';
import { stepsPerDay } from '../src/core/time';

const dir = fileURLToPath(new URL('../personas/', import.meta.url));
const personas: Persona[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && !f.includes('schema'))
  .sort()
  .map((f) => parsePersonaJson(readFileSync(dir + f, 'utf8'), f));
if (personas.length === 0) throw new Error('no personas found in personas/');

const DAYS = Number(process.env.BENCH_DAYS ?? 3);
const steps = stepsPerDay(150);
console.log(
  `bench:core — ${personas.length} personas × ${DAYS} days × ${steps} steps, Node ${process.version}`,
);
for (const id of ['never', 'random', 'always', 'oracle', 'propera']) {
  const assistant = getAssistant(id);
  // Warm up the JIT on one persona-day.
  {
    const agents = { user: builtinUser, assistant };
    const run = createRun(personas[0]!, agents, { seed: 'warm', days: 1 });
    dispatch(run, agents, { type: 'advance', steps });
  }
  let scored = 0;
  const t0 = performance.now();
  for (const persona of personas) {
    const agents = { user: builtinUser, assistant };
    const run = createRun(persona, agents, { seed: '1', days: DAYS });
    dispatch(run, agents, { type: 'advance', steps: steps * DAYS });
    scored += run.days.reduce((s, d) => s + d.scoredSteps, 0);
  }
  const ms = performance.now() - t0;
  const total = personas.length * DAYS * steps;
  console.log(
    `${id.padEnd(8)} ${(total / (ms / 1000)).toFixed(0).padStart(8)} steps/s  ` +
      `${(scored / (ms / 1000)).toFixed(0).padStart(8)} scored steps/s  ` +
      `${(ms / (personas.length * DAYS)).toFixed(2).padStart(7)} ms per persona-day`,
  );
}
