/**
 * Checkpoints of runs driven by an LLM engine: the run (plain data, the
 * assistant's memory included), its cost ledger and whatever the caller
 * keeps next to it, written atomically after each finished day and when a
 * run pauses. A checkpoint names the settings it was made with; resuming
 * with other settings is refused rather than silently mixed.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LedgerData } from '../agents/llm/drive';
import type { RunState } from '../core/sim';
import { maskKnownSecrets } from '../shared/secrets';

export const CHECKPOINT_FORMAT = 'propersim-checkpoint/1';

export interface Checkpoint<Extra = unknown> {
  format: typeof CHECKPOINT_FORMAT;
  /** The settings the run was made with (compared on resume). */
  key: Record<string, unknown>;
  finished: boolean;
  run: RunState;
  ledger: LedgerData;
  extra: Extra;
}

/**
 * Write `checkpoint` atomically. Every `secrets` value (the API key) is
 * masked in the whole text first: an error message a server echoed into a
 * step's "why" never reaches the disk with the key in it. (Only the known
 * secrets: pattern masking could change the run's own data, which a resumed
 * run must read back exactly; engine errors are pattern-masked where made.)
 */
export function saveCheckpoint(
  file: string,
  checkpoint: Checkpoint,
  secrets: readonly (string | undefined)[] = [],
): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, maskKnownSecrets(JSON.stringify(checkpoint), secrets));
  renameSync(tmp, file);
}

/** The checkpoint in `file`, or null when there is none. Throws when it is not one. */
export function loadCheckpoint<Extra = unknown>(file: string): Checkpoint<Extra> | null {
  if (!existsSync(file)) return null;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not a readable checkpoint: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const cp = data as Partial<Checkpoint<Extra>>;
  if (cp.format !== CHECKPOINT_FORMAT || !cp.run || !cp.ledger || !cp.key)
    throw new Error(`${file} is not a checkpoint (format "${String(cp.format)}")`);
  return cp as Checkpoint<Extra>;
}

/** Differences between a checkpoint's settings and these, in words; [] when they agree. */
export function keyMismatch(
  saved: Record<string, unknown>,
  now: Record<string, unknown>,
): string[] {
  const keys = [...new Set([...Object.keys(saved), ...Object.keys(now)])].sort();
  return keys
    .filter((k) => JSON.stringify(saved[k]) !== JSON.stringify(now[k]))
    .map((k) => `${k}: saved ${JSON.stringify(saved[k])}, now ${JSON.stringify(now[k])}`);
}

/**
 * One run's checkpoint file with the settings it must match: `load` (for
 * --resume) refuses a checkpoint made with other settings, `save` writes the
 * run, its cost ledger and the caller's extra data atomically.
 */
export function checkpointFile<Extra>(
  file: string,
  key: Record<string, unknown>,
  secrets: readonly (string | undefined)[] = [],
) {
  return {
    file,
    /** The saved checkpoint, or null when there is none; throws when its settings differ. */
    load(): Checkpoint<Extra> | null {
      const saved = loadCheckpoint<Extra>(file);
      if (!saved) return null;
      const diff = keyMismatch(saved.key, key);
      if (diff.length)
        throw new CheckpointMismatchError(
          file,
          `the checkpoint ${file} was made with other settings (${diff.join('; ')})`,
        );
      return saved;
    },
    save(finished: boolean, run: RunState, ledger: { toJSON(): LedgerData }, extra: Extra): void {
      saveCheckpoint(
        file,
        {
          format: CHECKPOINT_FORMAT,
          key,
          finished,
          run,
          ledger: ledger.toJSON(),
          extra,
        },
        secrets,
      );
    },
  };
}

/** A checkpoint made with other settings than the run asked for. */
export class CheckpointMismatchError extends Error {
  constructor(
    public readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'CheckpointMismatchError';
  }
}
