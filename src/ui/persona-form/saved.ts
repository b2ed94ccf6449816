/**
 * Personas the user saved, kept in this browser's localStorage as one JSON
 * array. Each is validated on load like any outside input; one that no
 * longer validates, or whose id is a bundled persona's, is left out.
 */
import { PersonaSchema, type Persona } from '../../core/persona';

export const SAVED_PERSONAS_KEY = 'propersim:custom-personas';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage blocked (privacy settings)
  }
}

function readRaw(): unknown[] {
  const text = storage()?.getItem(SAVED_PERSONAS_KEY);
  if (!text) return [];
  try {
    const data: unknown = JSON.parse(text);
    return Array.isArray(data) ? data : [];
  } catch {
    return [];
  }
}

/** The saved personas that still validate, minus any that reuse a bundled id. */
export function loadSavedPersonas(bundled: readonly Persona[] = []): Persona[] {
  const taken = new Set(bundled.map((p) => p.id));
  const out: Persona[] = [];
  for (const item of readRaw()) {
    const r = PersonaSchema.safeParse(item);
    if (r.success && !taken.has(r.data.id)) {
      taken.add(r.data.id);
      out.push(r.data);
    }
  }
  return out;
}

export function savedPersonaIds(): Set<string> {
  return new Set(loadSavedPersonas().map((p) => p.id));
}

/** Keep (or replace, by id) a persona. Throws when the browser refuses to store it. */
export function savePersona(persona: Persona): void {
  const s = storage();
  if (!s) throw new Error('this browser does not allow saving (localStorage is unavailable)');
  const rest = loadSavedPersonas().filter((p) => p.id !== persona.id);
  s.setItem(SAVED_PERSONAS_KEY, JSON.stringify([...rest, persona]));
}
