/**
 * The persona library in the browser: Vite bundles every personas/*.json
 * (not the schema) at build time; each is validated like any outside input.
 */
import { parsePersona, type Persona } from '../core/persona';

const files = import.meta.glob<unknown>(
  ['../../personas/*.json', '!../../personas/persona.schema.json'],
  { eager: true, import: 'default' },
);

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** All bundled personas, validated, sorted by id. */
export const PERSONAS: Persona[] = Object.entries(files)
  .filter(([path]) => fileName(path) !== 'persona.schema.json')
  .map(([path, data]) => parsePersona(data, fileName(path)))
  .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const BY_ID = new Map(PERSONAS.map((p) => [p.id, p]));

export function personaById(id: string): Persona | undefined {
  return BY_ID.get(id);
}
