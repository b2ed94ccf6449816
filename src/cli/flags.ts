/**
 * What `npm run sim` and `npm run experiment` share on the command line:
 * flag parsers with messages for people, parsing with commander without a
 * stack trace, and stopping a run on Ctrl-C (or a caller's signal) so it can
 * save its checkpoint first.
 */
import { CommanderError, InvalidArgumentError, type Command } from 'commander';
import { MAX_RUN_DAYS, MAX_SEED_CHARS } from '../core/sim';

/** A whole number ≥ `min`, for a flag named `name` (its message names it). */
export function wholeNumber(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}`);
    return n;
  };
}

export const positiveInt = (name: string) => wholeNumber(name, 1);

/** A whole number from `min` to `max`, for a flag named `name` (its message says why there is a cap). */
export function boundedInt(name: string, min: number, max: number, why: string) {
  return (value: string): number => {
    const n = wholeNumber(name, min)(value);
    if (n > max) throw new InvalidArgumentError(`${name} must be at most ${max} (${why})`);
    return n;
  };
}

/** `--days`: at most MAX_RUN_DAYS (a typo of 100000 would otherwise run silently for hours). */
export const daysFlag = boundedInt(
  '--days',
  1,
  MAX_RUN_DAYS,
  'the paper runs 14; longer runs take hours',
);

/** `--seed`: any text up to the length a run takes (it names the run and its files). */
export function seedText(value: string): string {
  if (value.length > MAX_SEED_CHARS)
    throw new InvalidArgumentError(
      `the seed must be at most ${MAX_SEED_CHARS} characters (got ${value.length})`,
    );
  return value;
}

export function probability(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1))
    throw new InvalidArgumentError('must be a number between 0 and 1');
  return n;
}

export function seconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n > 0))
    throw new InvalidArgumentError('must be a number of seconds > 0');
  return n;
}

/** "a, b,,c" → ['a', 'b', 'c']. */
export function splitList(s: string): string[] {
  return s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

/**
 * Parse the arguments: null when the command should go on, else its exit
 * code (0 after --help, 2 after a mistake, which commander has reported).
 */
export function parseArguments(program: Command, argv: string[]): number | null {
  program.exitOverride();
  try {
    program.parse(argv, { from: 'user' });
    return null;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
}

/**
 * A signal that stops a run on Ctrl-C or when `outer` aborts, saying
 * `message` on Ctrl-C. Call `dispose` when the run is over: it also cancels
 * model calls still in flight (a pause leaves sibling calls running).
 */
export function interruptible(
  outer: AbortSignal | undefined,
  message: string,
  say: (s: string) => void,
): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onOuter = (): void => controller.abort();
  const onSigint = (): void => {
    say(message);
    controller.abort();
  };
  outer?.addEventListener('abort', onOuter, { once: true });
  process.once('SIGINT', onSigint);
  return {
    signal: controller.signal,
    dispose() {
      controller.abort();
      process.off('SIGINT', onSigint);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}
