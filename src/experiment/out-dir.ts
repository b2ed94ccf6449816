/**
 * The report folder of an experiment, made safe before any work starts:
 *
 *   - it can be created and written (checked with a probe file), so a typo
 *     or a file in the way fails in a second, not after hours of steps or a
 *     day of model calls;
 *   - an earlier run's files there are refused, unless `--force` (start
 *     over) or `--resume` (continue it) — and then that run's files are
 *     removed, so no stale `pairs-*.jsonl` sits beside the new results;
 *   - nothing that is not ours is touched: only the names an experiment
 *     writes are looked at or removed;
 *   - files are written atomically: each to a temporary file in the folder,
 *     then renamed, so a report is the old one or the new one, never half.
 */
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

/** The output folder cannot be used; the message says why and what to do. */
export class OutDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutDirError';
  }
}

/** Files an experiment writes at the top of its folder. */
const REPORT_FILES = [
  'summary.md',
  'days.csv',
  'personas.csv',
  'traits.csv',
  'results.json',
  'chart-score.svg',
  'chart-recs.svg',
  'chart-criteria.svg',
  'llm-usage.json',
];
const REPORT_PATTERNS = [/^pairs-.+\.jsonl$/, /^chart-.+\.svg$/];

/** Is `name` a file an experiment writes (at the top of its folder)? */
export function isReportFile(name: string): boolean {
  return REPORT_FILES.includes(name) || REPORT_PATTERNS.some((p) => p.test(name));
}

/** A checkpoint an experiment writes (`<assistant>--<persona>.json` in its checkpoints folder). */
function isCheckpointFile(name: string): boolean {
  return /^[^/\\]+--[^/\\]+\.json$/.test(name);
}

function statOf(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const words: Record<string, string> = {
    ENOTDIR: 'a part of the path is a file, not a folder',
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    EROFS: 'the disk is read-only',
    ENOSPC: 'the disk is full',
    EEXIST: 'something else is in the way',
    EISDIR: 'a folder is in the way',
  };
  return (e.code && words[e.code]) ?? e.message;
}

/** Make `dir` (and its parents) a folder this process can write; throws OutDirError. */
export function ensureWritableDir(dir: string, flag = '--out'): void {
  const st = statOf(dir);
  if (st && !st.isDirectory())
    throw new OutDirError(`${flag} ${dir} is a file, not a folder: choose a folder`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new OutDirError(`${flag}: cannot create the folder ${dir} (${reason(err)})`);
  }
  const probe = join(dir, `.propersim-write-test-${process.pid}`);
  try {
    writeFileSync(probe, 'ok');
  } catch (err) {
    throw new OutDirError(`${flag}: cannot write in ${dir} (${reason(err)})`);
  } finally {
    rmSync(probe, { force: true });
  }
}

export interface OutDirPlan {
  /** The earlier run's files that were found (relative to the folder). */
  earlier: string[];
  /** What was removed (with --force, or --resume for the report files). */
  removed: string[];
}

/**
 * Ready `dir` for a run before any work: writable, no earlier run in the
 * way (unless `force` or `resume`), no folder where a report file goes.
 * `checkpointDir`: the run's checkpoints (kept on resume, cleared on force).
 */
export function prepareOutDir(
  dir: string,
  options: { force: boolean; resume: boolean; checkpointDir?: string | null },
): OutDirPlan {
  ensureWritableDir(dir);
  const names = readdirSync(dir);
  const blocking = names.filter((n) => isReportFile(n) && !statOf(join(dir, n))?.isFile());
  if (blocking.length)
    throw new OutDirError(
      `--out ${dir}: ${blocking.map((b) => `"${b}"`).join(', ')} ${blocking.length === 1 ? 'is' : 'are'} not a file, ` +
        'but the report writes a file by that name: remove it or choose another folder',
    );
  const report = names.filter(isReportFile).sort();
  const cpDir = options.checkpointDir ?? null;
  const cpStat = cpDir ? statOf(cpDir) : null;
  if (cpDir && cpStat && !cpStat.isDirectory())
    throw new OutDirError(`--checkpoints ${cpDir} is a file, not a folder: choose a folder`);
  const checkpoints = cpDir && cpStat ? readdirSync(cpDir).filter(isCheckpointFile).sort() : [];
  const earlier = [...report, ...checkpoints.map((c) => join(relativeTo(dir, cpDir), c))];
  if (earlier.length && !options.force && !options.resume) {
    const shown = earlier.slice(0, 4).join(', ') + (earlier.length > 4 ? ', …' : '');
    throw new OutDirError(
      `--out ${dir} holds an earlier run (${shown}): add --force to replace it, --resume to continue it ` +
        '(with a model), or choose another folder',
    );
  }
  const removed: string[] = [];
  if (options.force || options.resume) {
    // The report is written again at the end: the earlier one goes now, so none of it can linger.
    for (const name of report) {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    }
  }
  if (options.force && !options.resume && cpDir) {
    for (const name of checkpoints) {
      rmSync(join(cpDir, name), { force: true });
      removed.push(join(relativeTo(dir, cpDir), name));
    }
  }
  if (cpDir) ensureWritableDir(cpDir, '--checkpoints');
  return { earlier, removed };
}

function relativeTo(dir: string, sub: string | null): string {
  return sub ? relative(dir, sub) : '';
}

/**
 * Write files into `dir` all or nothing: every one to a temporary file
 * first, then each renamed over its name. A failure before the renames
 * leaves the folder as it was.
 */
export function writeFilesAtomically(dir: string, files: readonly [string, string][]): void {
  const temps: [string, string][] = [];
  try {
    for (const [name, text] of files) {
      const target = join(dir, name);
      const tmp = join(dirname(target), `.${name}.tmp-${process.pid}`);
      writeFileSync(tmp, text);
      temps.push([tmp, target]);
    }
  } catch (err) {
    for (const [tmp] of temps) rmSync(tmp, { force: true });
    throw new OutDirError(`cannot write the report in ${dir} (${reason(err)})`);
  }
  for (const [tmp, target] of temps) renameSync(tmp, target);
}

/** One file written atomically (temporary file, then rename). */
export function writeFileAtomically(path: string, text: string): void {
  writeFilesAtomically(dirname(path), [[basename(path), text]]);
}
