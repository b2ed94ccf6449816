/**
 * Loading persona files in Node (the CLI and tests): one file, the whole
 * library in personas/, or whatever the user names on the command line.
 * Every file goes through the one schema in src/core/persona.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePersonaJson, type Persona } from '../core/persona';
import { loadAnyPersonaFile, type LoadedPersona } from './load-any-persona';
import { readTextFile } from './read-file';

/** The persona library shipped with the project: <repo>/personas. */
export const PERSONAS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../personas');

/** The generated JSON Schema lives next to the personas but is not one. */
export const PERSONA_SCHEMA_FILE = 'persona.schema.json';

function byId(a: Persona, b: Persona): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Read and validate one persona file; errors name the file. */
export function loadPersonaFile(path: string): Persona {
  // A regular file of at most MAX_PERSONA_BYTES (a device or a pipe is refused, not read forever).
  return parsePersonaJson(readTextFile(path), basename(path));
}

/** Every persona in `dir` (all *.json but the schema), sorted by id. */
export function loadAllPersonas(dir: string = PERSONAS_DIR): Persona[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw new Error(`cannot read persona folder ${dir}: ${(err as Error).message}`, { cause: err });
  }
  const personas = names
    .filter((name) => name.endsWith('.json') && name !== PERSONA_SCHEMA_FILE)
    .sort()
    .map((name) => loadPersonaFile(join(dir, name)));
  const seen = new Set<string>();
  for (const p of personas) {
    if (seen.has(p.id)) throw new Error(`two persona files in ${dir} use the id "${p.id}"`);
    seen.add(p.id);
  }
  return personas.sort(byId);
}

function looksLikePath(text: string): boolean {
  return text.endsWith('.json') || text.includes('/') || text.includes('\\');
}

/**
 * A persona named on the command line: an id from the library in `dir`, or a
 * path to a persona .json file anywhere.
 */
/**
 * Like resolvePersona, and a file may be in the ProPerSim reference format;
 * `notes` then say what could not be derived from its words.
 */
export async function resolvePersonaWithNotes(
  idOrPath: string,
  dir: string = PERSONAS_DIR,
): Promise<LoadedPersona> {
  if (looksLikePath(idOrPath)) return loadAnyPersonaFile(resolve(idOrPath));
  return { persona: resolvePersona(idOrPath, dir), notes: [], evidence: [] };
}

/** An id from the library, or a path to a persona file in our format (sync; see resolvePersonaWithNotes for ProPerSim files). */
export function resolvePersona(idOrPath: string, dir: string = PERSONAS_DIR): Persona {
  if (looksLikePath(idOrPath)) return loadPersonaFile(resolve(idOrPath));
  const direct = join(dir, `${idOrPath}.json`);
  if (idOrPath !== basename(PERSONA_SCHEMA_FILE, '.json') && existsSync(direct)) {
    const persona = loadPersonaFile(direct);
    if (persona.id === idOrPath) return persona;
  }
  const all = loadAllPersonas(dir);
  const found = all.find((p) => p.id === idOrPath);
  if (found) return found;
  const needle = idOrPath.toLowerCase();
  const close = all.filter(
    (p) => p.id.includes(needle) || needle.includes(p.id.split('-')[0] ?? ''),
  );
  const shown = (close.length > 0 ? close : all).slice(0, 5).map((p) => p.id);
  throw new Error(
    `unknown persona "${idOrPath}": not an id in ${dir} and not a path to a .json file. ` +
      `${close.length > 0 ? 'Did you mean' : 'Known ids include'}: ${shown.join(', ')}` +
      `${all.length > shown.length ? ` (${all.length} in all)` : ''}.`,
  );
}
