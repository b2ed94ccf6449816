/** Running `sim` / `experiment` in this process with stdout and stderr captured. */
import { vi } from 'vitest';
import type { EngineFactory } from '../../src/cli/engine-options';
import { main as experimentMain, type ExperimentDeps } from '../../src/cli/experiment';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run experiment -- …argv` in process (env: only what is given). */
export async function runExperimentCli(
  argv: string[],
  deps: { engineFactory?: EngineFactory; env?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<CliResult> {
  let stderr = '';
  let stdout = '';
  const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
  const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    stdout += String(s);
    return true;
  });
  try {
    const full: ExperimentDeps = { env: deps.env ?? {} };
    if (deps.engineFactory) full.engineFactory = deps.engineFactory;
    if (deps.signal) full.signal = deps.signal;
    const code = await experimentMain(argv, full);
    return { code, stdout, stderr };
  } finally {
    errSpy.mockRestore();
    outSpy.mockRestore();
  }
}
