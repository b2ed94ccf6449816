/**
 * What `--personas` names, in Node: "all" (the library in personas/), ids,
 * persona files, folders (searched recursively: a checkout of the ProPerSim
 * reference's `storage/` works) and globs ("sets/**\/scratch.json"). Files in
 * the reference format get ids from their folder or name; duplicates are
 * renamed and said so; JSON that is not a persona is skipped and listed.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import type * as BatchModule from '../core/import/batch';
import type { LoadedFromFile } from '../core/import/batch';
import { keepApart } from '../core/import/ids';
import type { Persona } from '../core/persona';
import { FileRefusedError, readTextFile } from './read-file';
import {
  PERSONA_SCHEMA_FILE,
  PERSONAS_DIR,
  loadAllPersonas,
  resolvePersona,
} from './personas-node';

export interface PersonaSet {
  personas: Persona[];
  /** The personas converted from the reference format, with their notes and evidence. */
  imported: LoadedFromFile[];
  skipped: { path: string; reason: string }[];
  renamed: string[];
}

const GLOB = /[*?[\]{}]/;

function jsonFilesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter(
      (f) => f.toLowerCase().endsWith('.json') && !/(^|[\\/])(node_modules|\.git)([\\/]|$)/.test(f),
    )
    .filter((f) => !f.endsWith(PERSONA_SCHEMA_FILE))
    .map((f) => join(dir, f))
    .sort();
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Load the personas a list of `--personas` items names, in the order given. */
export async function loadPersonaSpec(
  items: readonly string[],
  dir: string = PERSONAS_DIR,
): Promise<PersonaSet> {
  // The importer (with its language libraries) loads only when files are named.
  const needsImporter = items.some(
    (i) => i !== 'all' && (GLOB.test(i) || isDir(i) || looksLikeFile(i)),
  );
  const batch: typeof BatchModule | null = needsImporter
    ? await import('../core/import/batch')
    : null;
  const personasFromFiles = (files: { path: string; text: string }[]) => {
    if (!batch) throw new Error('the importer is not loaded');
    return batch.personasFromFiles(files);
  };
  const entries: { persona: Persona; path: string }[] = [];
  const imported: LoadedFromFile[] = [];
  const skipped: PersonaSet['skipped'] = [];
  const seenFiles = new Set<string>();
  const renamedInFiles: string[] = [];
  const fromFiles = (paths: string[], named: string): void => {
    const fresh = paths.filter((p) => {
      const real = realpathSync(p);
      if (seenFiles.has(real)) return false;
      seenFiles.add(real);
      return true;
    });
    // In a folder or a glob, a file that is not a regular file or is too big is skipped and listed.
    const unread: PersonaSet['skipped'] = [];
    const files = fresh.flatMap((p) => {
      const path = relative(process.cwd(), p) || p;
      try {
        return [{ path, text: readTextFile(p) }];
      } catch (err) {
        if (!(err instanceof FileRefusedError)) throw err;
        unread.push({ path, reason: err.message.replace(`${p}: `, '') });
        return [];
      }
    });
    const r = personasFromFiles(files);
    const notLoaded = [...unread, ...r.skipped];
    skipped.push(...notLoaded);
    renamedInFiles.push(...r.renamed);
    // A folder whose personas were all named before (and loaded once) is not an error.
    if (
      r.loaded.length === 0 &&
      fresh.length === paths.length &&
      notLoaded.length === fresh.length
    ) {
      throw new Error(
        `${named}: no persona among ${fresh.length} JSON file${fresh.length === 1 ? '' : 's'} (${notLoaded
          .slice(0, 3)
          .map((s) => `${s.path}: ${s.reason}`)
          .join('; ')}${notLoaded.length > 3 ? '; …' : ''})`,
      );
    }
    for (const l of r.loaded) {
      entries.push(l);
      if (l.format === 'propersim') imported.push(l);
    }
  };
  for (const item of items) {
    if (item === 'all') {
      for (const p of loadAllPersonas(dir))
        entries.push({ persona: p, path: join(dir, `${p.id}.json`) });
    } else if (GLOB.test(item)) {
      const paths = globSync(item, { absolute: true, onlyFiles: true })
        .filter((p) => p.toLowerCase().endsWith('.json'))
        .sort();
      if (paths.length === 0) throw new Error(`"${item}": no .json file matches this pattern`);
      fromFiles(paths, `"${item}"`);
    } else if (isDir(item)) {
      const paths = jsonFilesUnder(resolve(item));
      if (paths.length === 0) throw new Error(`${item}: the folder holds no .json files`);
      fromFiles(paths, item);
    } else if (looksLikeFile(item)) {
      // One named file must be a persona: an error names it rather than skipping it.
      const path = resolve(item);
      const r = personasFromFiles([{ path: item, text: readOrThrow(path) }]);
      const s = r.skipped[0];
      if (s) throw new Error(`${item}: ${s.reason}`);
      if (!seenFiles.has(realpathSync(path))) {
        seenFiles.add(realpathSync(path));
        for (const l of r.loaded) {
          entries.push(l);
          if (l.format === 'propersim') imported.push(l);
        }
      }
    } else {
      entries.push({ persona: resolvePersona(item, dir), path: item });
    }
  }
  const renamed = [...renamedInFiles, ...keepApart(entries)];
  return { personas: entries.map((e) => e.persona), imported, skipped, renamed };
}

function looksLikeFile(item: string): boolean {
  return item.endsWith('.json') || item.includes('/') || item.includes('\\');
}

/** A named file's text: a regular file of at most MAX_PERSONA_BYTES (read-file.ts). */
function readOrThrow(path: string): string {
  return readTextFile(path);
}
