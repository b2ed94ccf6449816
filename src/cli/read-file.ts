/**
 * Reading a file a person named on the command line: only a regular file,
 * and only up to a size, with a message that names the file and the limit.
 * `--persona /dev/zero` must not hang, nor a named pipe wait for a writer,
 * nor a 2 GB file fill the memory: the file is opened without blocking,
 * checked on the open handle (so it cannot change in between), then read.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Persona files are a few kilobytes (a ProPerSim scratch.json ~5 kB, ours ~10 kB). */
export const MAX_PERSONA_BYTES = 1024 * 1024;

export class FileRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileRefusedError';
  }
}

const kib = (n: number): string =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} kB`;

/** What a path is, in words, when it is not a regular file. */
function kindOf(stat: ReturnType<typeof fstatSync>): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The text of a regular file of at most `maxBytes`; throws FileRefusedError naming the problem. */
export function readTextFile(path: string, maxBytes: number = MAX_PERSONA_BYTES): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a named pipe returns at once instead of waiting for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw new FileRefusedError(`${path}: cannot read the file: ${(err as Error).message}`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile())
      throw new FileRefusedError(`${path}: ${kindOf(stat)}, not a file: name a JSON file`);
    if (stat.size > maxBytes)
      throw new FileRefusedError(
        `${path}: the file is ${kib(stat.size)}, more than the ${kib(maxBytes)} a persona file may be`,
      );
    // Read at most one byte past the limit: a file that grew since fstat is still refused.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let read = 0;
    for (;;) {
      const n = readSync(fd, buffer, read, buffer.length - read, null);
      if (n === 0) break;
      read += n;
      if (read === buffer.length) break;
    }
    if (read > maxBytes)
      throw new FileRefusedError(
        `${path}: the file is more than the ${kib(maxBytes)} a persona file may be`,
      );
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
