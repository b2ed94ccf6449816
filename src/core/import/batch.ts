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
import { importProPerSimPersona, slug } from './propersim';

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

/** Folder names in the reference's layout that say nothing about which persona it is. */
const GENERIC = new Set([
  'scratch',
  'bootstrap_memory',
  'personas',
  'persona',
  'storage',
  'data',
  'index',
  'memory',
]);

/**
 * The id for a reference-format persona from where its file is:
 * `…/base_the_ville_persona_7/personas/John Lin/bootstrap_memory/scratch.json` → `persona-7`;
 * otherwise the file's name (`decor-retiree.json` → `decor-retiree`), or its nearest
 * telling folder when the name is a generic one like `scratch.json`.
 */
export function idFromPath(path: string): string {
  const parts = path.split(/[\\/]+/).filter((p) => p.length > 0);
  for (let i = parts.length - 1; i >= 0; i--) {
    const m = /(?:^|[_-])persona[_-]?(\d+)$/i.exec(parts[i] as string);
    if (m) return `persona-${Number(m[1])}`;
  }
  const file = (parts[parts.length - 1] ?? 'persona').replace(/\.json$/i, '');
  if (!GENERIC.has(file.toLowerCase())) return slug(file) || 'persona';
  for (let i = parts.length - 2; i >= 0; i--) {
    const p = parts[i] as string;
    if (!GENERIC.has(p.toLowerCase()) && slug(p)) return slug(p);
  }
  return 'persona';
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

/**
 * Make ids unique (a second "persona-7" becomes "persona-7-2") and tell apart
 * personas that share a name (every reference file's persona is "John Lin"):
 * "John Lin (persona-7)". Changes the personas in place; returns what changed.
 */
export function keepApart(
  loaded: readonly { persona: Persona; path: string }[],
  taken: Iterable<string> = [],
): string[] {
  const renamed: string[] = [];
  const ids = new Set<string>(taken);
  const firstPath = new Map<string, string>();
  for (const l of loaded) {
    const base = l.persona.id;
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    if (id !== base) {
      renamed.push(
        `${l.path}: id "${base}" is taken${firstPath.has(base) ? ` by ${firstPath.get(base)}` : ''}; renamed "${id}"`,
      );
      l.persona.id = id;
    }
    ids.add(id);
    firstPath.set(base, firstPath.get(base) ?? l.path);
  }
  const byName = new Map<string, number>();
  for (const l of loaded) byName.set(l.persona.name, (byName.get(l.persona.name) ?? 0) + 1);
  const shared = [...byName].filter(([, n]) => n > 1).map(([name]) => name);
  for (const l of loaded) {
    if (!shared.includes(l.persona.name)) continue;
    l.persona.name = `${l.persona.name} (${l.persona.id})`;
  }
  for (const name of shared)
    renamed.push(`${byName.get(name)} personas are named "${name}": shown as "${name} (id)"`);
  return renamed;
}
