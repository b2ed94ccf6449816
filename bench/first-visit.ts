/** (e) of npm run bench:browser: the JS a first visit loads, from Vite's manifest. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export /** The JS a first visit loads: the entry chunk and its static imports, from Vite's manifest. */
async function firstVisitJs(outDir: string): Promise<{
  files: { file: string; raw: number; gzip: number }[];
  lazy: { file: string; raw: number; gzip: number }[];
}> {
  type Chunk = { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] };
  const manifest = JSON.parse(
    await readFile(join(outDir, '.vite', 'manifest.json'), 'utf8'),
  ) as Record<string, Chunk>;
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry);
  if (!entry) throw new Error('the build has no entry chunk');
  const seen = new Set<string>();
  const walk = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const k of manifest[key]?.imports ?? []) walk(k);
  };
  walk(entry[0]);
  const size = async (file: string) => {
    const bytes = await readFile(join(outDir, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
  };
  const files = await Promise.all([...seen].map((k) => size((manifest[k] as Chunk).file)));
  const lazyKeys = Object.keys(manifest).filter(
    (k) => !seen.has(k) && (manifest[k] as Chunk).file.endsWith('.js'),
  );
  const lazy = await Promise.all(lazyKeys.map((k) => size((manifest[k] as Chunk).file)));
  return { files, lazy };
}
