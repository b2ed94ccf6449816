/**
 * Many persona files at once (a folder, a checkout of the reference's
 * `storage/`, a set picked in the browser): each gets a unique id, duplicate
 * names are told apart, and files that are not personas are listed as
 * skipped with the reason. Pure: the callers read the files (Node or the
 * browser) and pass their text.
 */
import { PersonaError, parsePersona, type Persona } from '../persona';
import { isOwnPersona, isProPerSimPersona } from './detect';
import type { Evidence } from './evidence';
import { keepApart, idFromPath } from './ids';
import { importProPerSimPersona } from './propersim';

export { idFromPath, keepApart };

export interface PersonaFileText {
  /** The file's path (or relative path in the browser); ids and names come from it. */
  path: string;
  text: string;
}

export interface LoadedFromFile {
  persona: Persona;
  path: string;
  /** 'propersim' when converted from the reference format. */
  format: 'ours' | 'propersim';
  /** For an imported file: defaults used and clauses not mapped, one line each. */
  notes: string[];
  evidence: Evidence[];
}

export interface BatchResult {
  loaded: LoadedFromFile[];
  /** Files that are not personas (the reference's other JSON), with the reason. */
  skipped: { path: string; reason: string }[];
  /** Ids or names changed to keep them apart, in words. */
  renamed: string[];
}

/**
 * Read every file: personas in our format are validated, reference-format ones
 * converted with an id from their path; other JSON is skipped with a reason.
 * A file that looks like a persona but is broken throws a PersonaError naming
 * it (with every broken file listed), so nothing is run on half a set.
 */
export function personasFromFiles(files: readonly PersonaFileText[]): BatchResult {
  const loaded: LoadedFromFile[] = [];
  const skipped: BatchResult['skipped'] = [];
  const broken: PersonaError[] = [];
  for (const f of files) {
    let data: unknown;
    try {
      data = JSON.parse(f.text);
    } catch (err) {
      skipped.push({ path: f.path, reason: `not valid JSON (${(err as Error).message})` });
      continue;
    }
    try {
      if (isProPerSimPersona(data)) {
        const r = importProPerSimPersona(data, f.path, { id: idFromPath(f.path) });
        loaded.push({
          persona: r.persona,
          path: f.path,
          format: 'propersim',
          notes: r.notDerived,
          evidence: r.evidence,
        });
      } else if (isOwnPersona(data)) {
        loaded.push({
          persona: parsePersona(data, f.path),
          path: f.path,
          format: 'ours',
          notes: [],
          evidence: [],
        });
      } else {
        skipped.push({
          path: f.path,
          reason: 'not a persona (neither our format nor the ProPerSim one)',
        });
      }
    } catch (err) {
      if (err instanceof PersonaError) broken.push(err);
      else throw err;
    }
  }
  if (broken.length === 1) throw broken[0] as PersonaError;
  if (broken.length > 1) {
    throw new PersonaError(
      `${broken.length} persona files`,
      broken.flatMap((e) =>
        e.problems.map((p) => ({ path: `${e.source}: ${p.path}`, message: p.message })),
      ),
    );
  }
  return { loaded, skipped, renamed: keepApart(loaded) };
}
