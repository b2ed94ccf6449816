/**
 * Load a persona file in either format: our own (validated by `parsePersona`)
 * or the ProPerSim reference format (converted by the importer, with an id
 * from the file's folder or name). For an imported file the notes say what
 * could not be read from its words and which default was used. Every error
 * names the file.
 */
import { isProPerSimPersona } from '../core/import/detect';
import type { Evidence } from '../core/import/evidence';
import { idFromPath } from '../core/import/ids';
import { PersonaError, parsePersona, type Persona } from '../core/persona';
import { readTextFile } from './read-file';

export interface LoadedPersona {
  persona: Persona;
  /** For a ProPerSim file: what was not derived and the default used; [] for our own format. */
  notes: string[];
  /** For a ProPerSim file: the evidence of every field; [] for our own format. */
  evidence: Evidence[];
}

export function readJsonFile(path: string): unknown {
  // Regular files up to MAX_PERSONA_BYTES only: `--persona /dev/zero` is refused, not read forever.
  const text = readTextFile(path);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new PersonaError(path, [
      { path: '', message: `not valid JSON: ${(err as Error).message}` },
    ]);
  }
}

/**
 * Async because the importer (with its language libraries) is loaded only for
 * a file in the reference format: every other CLI start stays as quick as before.
 */
export async function loadAnyPersonaFile(path: string): Promise<LoadedPersona> {
  const data = readJsonFile(path);
  if (isProPerSimPersona(data)) {
    const { importProPerSimPersona } = await import('../core/import/propersim');
    const { persona, notDerived, evidence } = importProPerSimPersona(data, path, {
      id: idFromPath(path),
    });
    return { persona, notes: notDerived, evidence };
  }
  return { persona: parsePersona(data, path), notes: [], evidence: [] };
}
