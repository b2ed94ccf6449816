/**
 * Ids and names for personas loaded many at a time: an id from where a
 * reference-format file is, unique ids, and names told apart. Light on
 * purpose (no importer), so loaders can use it before deciding to load the
 * importer.
 */
import type { Persona } from '../persona';
import { slug } from './slug';

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
