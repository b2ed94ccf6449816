/** Formatting for people, shared by the panels and the engine layer (it imports nothing). */

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/** "1.5 GB", "512 MB". */
export function formatBytes(bytes: number): string {
  if (bytes >= GiB) return `${(bytes / GiB).toFixed(1).replace(/\.0$/, '')} GB`;
  return `${Math.round(bytes / MiB)} MB`;
}
