/**
 * Paths into a persona draft, and where a validation issue belongs: each
 * form control is registered under the path of the value it edits
 * ("rubric.frequency.min"), and an issue goes to the control with the
 * longest registered prefix of its path (an issue at
 * "rubric.timing.quietActivities.2" goes to the quiet-activities list).
 * Issues no control owns (fields the form does not edit) are listed apart.
 * Pure: no DOM.
 */
import { PersonaSchema } from '../../core/persona';

export type Path = readonly (string | number)[];

export interface Issue {
  path: string;
  message: string;
}

export function pathKey(path: Path): string {
  return path.map(String).join('.');
}

export function getAt(root: unknown, path: Path): unknown {
  let node: unknown = root;
  for (const k of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[k];
  }
  return node;
}

export function setAt(root: unknown, path: Path, value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = value;
}

/** Every problem zod finds in a draft, as dotted paths and messages. */
export function validateDraft(draft: unknown): Issue[] {
  const result = PersonaSchema.safeParse(draft);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: pathKey(i.path as Path), message: i.message }));
}

/** The registered key an issue belongs to (longest prefix), or null. */
export function ownerOf(issuePath: string, keys: ReadonlySet<string>): string | null {
  const parts = issuePath === '' ? [] : issuePath.split('.');
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join('.');
    if (keys.has(key)) return key;
  }
  return null;
}

/** "Amara Okafor" → "amara-okafor"; never empty. */
export function slugId(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'persona';
}

/** The slug of `name`, with "-2", "-3"... until it is not in `taken`. */
export function uniqueId(name: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = slugId(name);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!used.has(id)) return id;
  }
}
